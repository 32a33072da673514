/** 账号与角色: accounts, their roles on organisations, password reset, unlock, disable. */
import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Dropdown, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { MoreOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { roleLabel } from '../labels.ts';
import { useSession } from '../session.tsx';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { UserGrantsDrawer } from '../components/UserGrantsDrawer.tsx';
import { withTestId } from '../testid.ts';
import type { Page, UserRow } from '../types.ts';

type NewUser = { username: string; displayName: string; homeOrgId: number; password?: string };

/** The accounts page. */
export function UsersPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { modal } = App.useApp();
  const { can } = useSession();
  const manage = can('user.manage');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<Page<UserRow>>({ items: [], total: 0 });
  const [loading, setLoading] = useState(false);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [grantsOf, setGrantsOf] = useState<UserRow | null>(null);
  const [form] = Form.useForm<NewUser>();

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const res = await api.get<Page<UserRow>>('/users', { q, page });
      setData(res);
      setGrantsOf((g) => (g ? res.items.find((u) => u.id === g.id) ?? g : g));
    } catch (err) {
      fb.error(err);
    } finally {
      setLoading(false);
    }
  }, [q, page, fb]);

  useEffect(() => { void load(); }, [load]);

  const showSecret = (title: string, password: string) => {
    modal.success({
      title,
      width: 480,
      content: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('users.passwordOnce')} />
          <Typography.Text copyable code style={{ fontSize: 18 }} data-testid="user-secret">{password}</Typography.Text>
        </Space>
      ),
    });
  };

  const create = async (v: NewUser) => {
    setBusy(true);
    try {
      const res = await api.post<{ user: UserRow; initialPassword?: string }>('/users', {
        username: v.username.trim(), displayName: v.displayName.trim(), homeOrgId: v.homeOrgId, ...(v.password ? { password: v.password } : {}),
      });
      setCreating(false);
      form.resetFields();
      if (res.initialPassword) showSecret(`${t('users.initialPassword')}：${res.user.username}`, res.initialPassword);
      else fb.success();
      await load();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const act = async (u: UserRow, action: 'reset' | 'unlock' | 'disable' | 'enable') => {
    try {
      if (action === 'reset') {
        const res = await api.post<{ password: string }>(`/users/${u.id}/reset-password`);
        showSecret(`${t('users.newPassword')}：${u.username}`, res.password);
      } else if (action === 'unlock') {
        await api.post(`/users/${u.id}/unlock`);
        fb.success();
      } else {
        await api.patch(`/users/${u.id}`, { disabled: action === 'disable' });
        fb.success();
      }
      await load();
    } catch (err) {
      fb.error(err);
    }
  };

  const confirmThen = (title: string, run: () => void) => modal.confirm({ title, onOk: run });

  const locked = (u: UserRow) => Boolean(u.lockedUntil && dayjs(u.lockedUntil).isAfter(dayjs()));

  return (
    <Card title={t('users.title')} data-testid="users-page"
      extra={manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="user-new">{t('users.new')}</Button>}>
      <Alert type="info" showIcon title={t('users.separation')} style={{ marginBottom: 16 }} />
      <Input.Search allowClear placeholder={t('users.search')} onSearch={(v) => { setPage(1); setQ(v.trim()); }} style={{ width: 280, marginBottom: 16 }} data-testid="user-search" />
      <Table<UserRow> rowKey="id" loading={loading} dataSource={data.items} data-testid="user-table" scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: data.pageSize ?? 20, total: data.total, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', width: 140 },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
          { title: t('users.homeOrg'), dataIndex: 'homeOrgName', width: 180, ellipsis: true },
          { title: t('users.roles'), key: 'grants', render: (_v, u) => (
            <Space size={[4, 4]} wrap>
              {u.grants.map((g) => <Tag key={g.id} color="red">{roleLabel(g.role, lang)} · {g.orgName}</Tag>)}
            </Space>
          ) },
          { title: t('users.state'), key: 'state', width: 100, render: (_v, u) => (
            u.disabled ? <Tag>{t('users.disabled')}</Tag> : locked(u) ? <Tag color="orange">{t('users.locked')}</Tag> : <Tag color="green">{t('users.active')}</Tag>
          ) },
          { title: t('users.totp'), dataIndex: 'totpEnabled', width: 100, render: (v: boolean) => (v ? <Tag color="green">{t('totp.enabled')}</Tag> : <Tag>{t('totp.disabled')}</Tag>) },
          { title: t('common.actions'), key: 'actions', width: 160, fixed: 'right', render: (_v, u) => (
            <Space size={0}>
              {manage && <Button type="link" size="small" onClick={() => setGrantsOf(u)} data-testid={`user-grants-${u.username}`}>{t('users.grants')}</Button>}
              {!manage && <Button type="link" size="small" disabled={!locked(u)} onClick={() => void act(u, 'unlock')} data-testid={`user-unlock-${u.username}`}>{t('users.unlock')}</Button>}
              {manage && <Dropdown trigger={['click']} menu={{
                items: [
                  { key: 'reset', label: t('users.resetPassword') },
                  { key: 'unlock', label: t('users.unlock'), disabled: !locked(u) },
                  u.disabled ? { key: 'enable', label: t('users.enable') } : { key: 'disable', label: t('users.disable'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'reset') confirmThen(t('users.resetConfirm'), () => void act(u, 'reset'));
                  else if (key === 'disable') confirmThen(t('users.disableConfirm'), () => void act(u, 'disable'));
                  else void act(u, key as 'unlock' | 'enable');
                },
              }}>
                <Button type="text" size="small" icon={<MoreOutlined />} data-testid={`user-more-${u.username}`} />
              </Dropdown>}
            </Space>
          ) },
        ]} />
      <Modal open={creating} title={t('users.new')} onCancel={() => setCreating(false)} onOk={() => form.submit()}
        okButtonProps={withTestId({ loading: busy }, 'user-form-submit')} destroyOnHidden>
        <Form form={form} layout="vertical" onFinish={(v) => void create(v)}>
          <Form.Item name="username" label={t('users.username')} extra={t('users.usernameRule')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRule') }]}>
            <Input autoComplete="off" data-testid="user-form-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('users.displayName') }) }]}>
            <Input data-testid="user-form-name" />
          </Form.Item>
          <Form.Item name="homeOrgId" label={t('users.homeOrg')} extra={t('users.homeOrgHint')} rules={[{ required: true, message: t('common.chooseOrg') }]}>
            <OrgTreeSelect style={{ width: '100%' }} data-testid="user-form-org" />
          </Form.Item>
          <Form.Item name="password" label={t('users.initialPassword')} extra={t('users.passwordBlank')}>
            <Input.Password autoComplete="new-password" data-testid="user-form-password" />
          </Form.Item>
        </Form>
      </Modal>
      {grantsOf && <UserGrantsDrawer user={grantsOf} onClose={() => setGrantsOf(null)} onChanged={() => void load()} />}
    </Card>
  );
}
