/**
 * 诉求分类 (/requests/categories): the county's categories with their default handler, time limit in
 * working days, whether active, and order. The county's request managers add and change them; others
 * who read requests see them.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT, type MsgKey } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { HANDLERS, managerOrg, useCategories, type Category } from './shared.tsx';

type Values = Omit<Category, 'id'>;

/** The page. */
export function RequestCategoriesPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { me } = useSession();
  const [orgId, setOrgId] = useState<number | undefined>(managerOrg(me?.grants) ?? me?.grants[0]?.orgId);
  const [tick, setTick] = useState(0);
  const { items, manage } = useCategories(orgId, tick);
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const { busy, error, setError, run } = useSubmit(form);

  const edit = (c: Category | 'new') => {
    setError(null);
    form.resetFields();
    form.setFieldsValue(c === 'new' ? { name: '', handler: 'community', limitDays: 5, active: true, sort: (items.at(-1)?.sort ?? 0) + 1 } : c);
    setEditing(c);
  };
  const save = (v: Values) => run(async () => {
    const body = { name: v.name.trim(), handler: v.handler, limitDays: v.limitDays, active: v.active, sort: v.sort };
    if (editing === 'new') await api.post('/requests/categories', body, { query: { orgId } });
    else if (editing) await api.put(`/requests/categories/${editing.id}?orgId=${orgId}`, body);
    fb.success();
    setEditing(null);
    setTick((n) => n + 1);
  });

  return (
    <Card title={t('rq.cat.title')} data-testid="rq-cat-page"
      extra={<Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/requests')} data-testid="rq-cat-back">{t('rq.cat.back')}</Button>
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => edit('new')} data-testid="rq-cat-add">{t('rq.cat.add')}</Button>}
      </Space>}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} allowClear={false} style={{ width: 240 }} data-testid="rq-cat-org" />
      </Space>
      {!manage && orgId && <Alert type="info" showIcon message={t('rq.cat.readonly')} style={{ marginBottom: 12 }} data-testid="rq-cat-readonly" />}
      <Table<Category> rowKey="id" size="middle" dataSource={items} pagination={false} data-testid="rq-cat-table" scroll={{ x: 640 }}
        onRow={(c) => withTestId({}, `rq-cat-row-${c.id}`)}
        columns={[
          { title: t('rq.cat.sort'), dataIndex: 'sort', width: 70 },
          { title: t('rq.cat.name'), dataIndex: 'name', width: 140 },
          { title: t('rq.cat.handler'), dataIndex: 'handler', width: 120, render: (h: string) => t(`rq.handlerKind.${h}` as MsgKey) },
          { title: t('rq.cat.limit'), dataIndex: 'limitDays', width: 150, render: (n: number) => t('rq.cat.limitN', { n }) },
          { title: t('rq.cat.active'), dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
          ...(manage ? [{ title: t('common.actions'), key: 'op', width: 90, render: (_: unknown, c: Category) => (
            <Button size="small" icon={<EditOutlined />} onClick={() => edit(c)} data-testid={`rq-cat-edit-${c.id}`}>{t('common.edit')}</Button>) }] : []),
        ]} />
      <Modal open={editing !== null} title={t(editing === 'new' ? 'rq.cat.add' : 'rq.cat.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()}
        confirmLoading={busy} okButtonProps={withTestId({}, 'rq-cat-save')} destroyOnHidden forceRender>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('rq.cat.name')} rules={[{ required: true, whitespace: true, max: 30 }]}><Input data-testid="rq-cat-name" /></Form.Item>
          <Form.Item name="handler" label={t('rq.cat.handler')} rules={[{ required: true }]}>
            <Select data-testid="rq-cat-handler" options={HANDLERS.map((h) => ({ value: h, label: t(`rq.handlerKind.${h}` as MsgKey) }))} />
          </Form.Item>
          <Space wrap>
            <Form.Item name="limitDays" label={t('rq.cat.limit')} rules={[{ required: true }]}><InputNumber min={1} max={90} precision={0} data-testid="rq-cat-limit" /></Form.Item>
            <Form.Item name="sort" label={t('rq.cat.sort')}><InputNumber min={0} max={999} precision={0} data-testid="rq-cat-sort" /></Form.Item>
            <Form.Item name="active" label={t('rq.cat.active')} valuePropName="checked"><Switch data-testid="rq-cat-active" /></Form.Item>
          </Space>
        </Form>
      </Modal>
    </Card>
  );
}
