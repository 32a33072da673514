/** 服务需求档案 for the community's staff: the needs in scope with their holder, 登记需求, a need's details, and the archive as .xlsx. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { ExportButton } from '../stars/results.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { NeedDetail } from './NeedDetail.tsx';
import { NEED_KINDS, STATE_COLORS, stateKey, type Need } from './types.ts';

type Values = { communityId?: number; residentId?: number; kind?: string; need?: string };

/** 登记需求: a resident of the community's register, the kind and the need. */
function NewNeedDrawer({ communityId, onClose, onDone }: { communityId?: number; onClose: () => void; onDone: (n: Need) => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const community = Form.useWatch('communityId', form);
  const submit = (v: Values) => run(async () => { onDone(await api.post<Need>('/service-needs', { communityId: v.communityId, residentId: v.residentId, kind: v.kind, need: v.need?.trim() })); });
  return (
    <Drawer open title={t('svc.new')} size={size} onClose={onClose} destroyOnHidden data-testid="svc-new-drawer"
      extra={<Space><Button onClick={onClose}>{t('common.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="svc-new-submit">{t('cm.submit')}</Button></Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ communityId, kind: '高龄' }}
        onValuesChange={(c: Values) => { if ('communityId' in c) form.setFieldValue('residentId', undefined); }}>
        <Form.Item name="communityId" label={t('svc.community')} rules={[{ required: true }]}>
          <OrgTreeSelect selectable={(n) => n.kind === 'community' || n.kind === 'village'} data-testid="svc-new-community" />
        </Form.Item>
        <Form.Item name="residentId" label={t('svc.resident')} rules={[{ required: true }]}>
          <PersonPicker kind="resident" orgId={community} disabled={!community} data-testid="svc-new-resident" />
        </Form.Item>
        <Form.Item name="kind" label={t('svc.kind')} rules={[{ required: true }]}>
          <Select options={NEED_KINDS.map((k) => ({ value: k, label: k }))} data-testid="svc-new-kind" />
        </Form.Item>
        <Form.Item name="need" label={t('svc.need')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} data-testid="svc-new-need" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** The tab. */
export function NeedsTab() {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [items, setItems] = useState<Need[]>([]);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [communityId, setCommunityId] = useState<number | undefined>();
  const [state, setState] = useState<'open' | 'closed' | undefined>('open');
  const [kind, setKind] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Need[]; total: number }>('/service-needs', { communityId, state, kind, page, pageSize: 20 }, ctrl.signal)
      .then((r) => { setItems(r.items); setTotal(r.total); })
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, state, kind, page, fb, tick]);

  return (
    <div data-testid="svc-needs">
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={communityId} onChange={(v) => { setCommunityId(v); setPage(1); }} placeholder={t('svc.pickCommunity')} style={{ width: 220 }} data-testid="svc-needs-community" />
        <Select allowClear value={state} onChange={(v?: 'open' | 'closed') => { setState(v); setPage(1); }} placeholder={t('svc.state')} style={{ width: 120 }}
          options={(['open', 'closed'] as const).map((s) => ({ value: s, label: t(`svc.needState.${s}`) }))} data-testid="svc-needs-state" />
        <Select allowClear value={kind} onChange={(v?: string) => { setKind(v); setPage(1); }} placeholder={t('svc.kind')} style={{ width: 120 }}
          options={NEED_KINDS.map((k) => ({ value: k, label: k }))} data-testid="svc-needs-kind" />
        {(can('request.manage') || can('resident.write')) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="svc-new">{t('svc.new')}</Button>}
        <ExportButton path="/service-needs/export" query={{ communityId, state, kind }} name="服务需求档案.xlsx" testId="svc-needs-export" plain />
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} />
      </Space>
      <Table<Need> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="svc-needs-table" scroll={{ x: 900 }}
        pagination={{ current: page, total, pageSize: 20, showSizeChanger: false, onChange: setPage }}
        onRow={(r) => withTestId({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }, `svc-need-row-${r.id}`)}
        columns={[
          { title: t('svc.resident'), dataIndex: 'residentName', width: 110 },
          { title: t('svc.kind'), dataIndex: 'kind', width: 90, render: (v: string) => <Tag>{v}</Tag> },
          { title: t('svc.need'), dataIndex: 'need', ellipsis: true },
          { title: t('svc.community'), dataIndex: 'communityName', width: 140, ellipsis: true },
          { title: t('svc.holder'), key: 'holder', width: 170,
            render: (_v, r) => (r.activeMember ? <>{r.activeMember} <Tag color={STATE_COLORS[r.activeState!]}>{t(stateKey(r.activeState!))}</Tag></> : <Tag>{t('svc.nobody')}</Tag>) },
          { title: t('svc.counts'), key: 'counts', width: 110, render: (_v, r) => `${r.served} / ${r.confirmed}` },
          { title: t('svc.state'), dataIndex: 'state', width: 90, render: (v: 'open' | 'closed') => <Tag color={v === 'open' ? 'green' : 'default'}>{t(`svc.needState.${v}`)}</Tag> },
        ]} />
      {creating && <NewNeedDrawer communityId={communityId} onClose={() => setCreating(false)} onDone={(n) => { setCreating(false); fb.success(t('svc.newDone')); setTick((x) => x + 1); setOpen(n.id); }} />}
      {open !== null && <NeedDetail id={open} onClose={() => setOpen(null)} onChanged={() => setTick((n) => n + 1)} />}
    </div>
  );
}
