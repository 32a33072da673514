/** Roles of one account: each a role on an organisation subtree; grant and revoke. */
import { useState } from 'react';
import { Button, Drawer, Form, Popconfirm, Select, Space, Tag } from 'antd';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { ROLES, roleLabel } from '../labels.ts';
import { ItemList } from './ItemList.tsx';
import { OrgTreeSelect } from './OrgTreeSelect.tsx';
import type { UserRow } from '../types.ts';

type GrantValues = { role: string; orgId: number };

/** The grants Drawer of a user. */
export function UserGrantsDrawer({ user, onClose, onChanged }: { user: UserRow; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const [form] = Form.useForm<GrantValues>();
  const [busy, setBusy] = useState(false);

  const grant = async (v: GrantValues) => {
    setBusy(true);
    try {
      await api.post(`/users/${user.id}/grants`, { role: v.role, orgId: v.orgId });
      fb.success();
      form.resetFields();
      onChanged();
    } catch (err) {
      fb.error(err, form);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (grantId: number) => {
    try {
      await api.del(`/users/${user.id}/grants/${grantId}`);
      fb.success();
      onChanged();
    } catch (err) {
      fb.error(err);
    }
  };

  return (
    <Drawer open onClose={onClose} size={560} title={t('users.grantsOf', { name: `${user.displayName}（${user.username}）` })} data-testid="user-grants">
      <div style={{ marginBottom: 24 }}>
        <ItemList bordered items={user.grants} rowKey={(g) => g.id} empty={t('me.noRoles')} data-testid="grant-list"
          render={(g) => ({
            title: <Space><Tag color="red">{roleLabel(g.role, lang)}</Tag>{g.orgName}</Space>,
            actions: (
              <Popconfirm title={t('users.revokeConfirm')} onConfirm={() => void revoke(g.id)}>
                <Button type="link" danger size="small" data-testid={`grant-revoke-${g.id}`}>{t('users.revoke')}</Button>
              </Popconfirm>
            ),
          })} />
      </div>
      <Form form={form} layout="vertical" onFinish={(v) => void grant(v)}>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('common.select') }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: roleLabel(r, lang) }))} data-testid="grant-role" />
        </Form.Item>
        <Form.Item name="orgId" label={t('users.scope')} rules={[{ required: true, message: t('common.chooseOrg') }]}>
          <OrgTreeSelect style={{ width: '100%' }} data-testid="grant-org" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="grant-submit">{t('users.grant')}</Button>
      </Form>
    </Drawer>
  );
}
