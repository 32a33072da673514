/** 办事档案: the hall's cases with the kinds and their counts; 受理代办 for a resident; 办结 or 转办 with the result; the cases as .xlsx. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Modal, Radio, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { ExportButton } from '../stars/results.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { HallStateTag, householdLabel, type HallCase, type HallKind, type Household } from './shared.tsx';
import { HallKindsButton } from './HallKinds.tsx';

/** The tab. */
export function HallTab({ communityId, households, tick, onChanged }: { communityId: number; households: Household[]; tick: number; onChanged: () => void }) {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [data, setData] = useState<{ items: HallCase[]; kinds: HallKind[] }>({ items: [], kinds: [] });
  const [loading, setLoading] = useState(false);
  const [own, setOwn] = useState(0);
  const [kind, setKind] = useState<number | undefined>();
  const [adding, setAdding] = useState(false);
  const [finishing, setFinishing] = useState<HallCase | null>(null);
  const write = can('resident.write');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: HallCase[]; kinds: HallKind[] }>('/hall-cases', { communityId }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, tick, own, fb]);

  const changed = (text: string) => { fb.success(text); setOwn((n) => n + 1); onChanged(); };
  const shown = kind ? data.items.filter((c) => c.kindId === kind) : data.items;

  return (
    <div data-testid="gw-hall">
      <Space wrap style={{ marginBottom: 12 }} data-testid="gw-hall-kinds">
        {write && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="gw-hall-new">{t('gw.h.new')}</Button>}
        <HallKindsButton orgId={communityId} onChanged={() => setOwn((n) => n + 1)} />
        <Tooltip title={kind ? t('gw.export.whole') : undefined}>
          <span><ExportButton path="/hall-cases/export" query={{ communityId }} name="办事档案.xlsx" testId="gw-hall-export" plain /></span>
        </Tooltip>
        {data.kinds.map((k) => (
          <Tag.CheckableTag key={k.id} checked={kind === k.id} onChange={(on) => setKind(on ? k.id : undefined)} data-testid={`gw-hall-kind-${k.id}`} data-cases={k.cases}
            style={{ border: '1px solid #d9d9d9', padding: '2px 8px', opacity: k.active ? 1 : 0.5 }}>
            {k.name} · {t('gw.h.cases', { n: k.cases })}
          </Tag.CheckableTag>
        ))}
      </Space>
      <Table<HallCase> rowKey="id" size="middle" loading={loading} dataSource={shown} data-testid="gw-hall-table" scroll={{ x: 1150 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => withTestId({}, `gw-hall-row-${r.id}`)}
        columns={[
          { title: t('gw.h.acceptedOn'), dataIndex: 'acceptedOn', width: 110 },
          { title: t('gw.h.kind'), dataIndex: 'kind', width: 110 },
          { title: t('gw.h.resident'), dataIndex: 'residentName', width: 100 },
          { title: t('gw.h.matter'), dataIndex: 'matter', width: 240, ellipsis: true },
          { title: t('gw.h.state'), dataIndex: 'state', width: 90, render: (v: HallCase['state'], r) => <HallStateTag state={v} t={t} testId={`gw-hall-state-${r.id}`} /> },
          { title: t('gw.h.result'), dataIndex: 'result', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('gw.h.doneOn'), dataIndex: 'doneOn', width: 110, render: (v: string | null) => v ?? '—' },
          { title: t('gw.h.handler'), dataIndex: 'handlerName', width: 100 },
          ...(write ? [{ title: t('common.actions'), key: 'actions', width: 110, render: (_: unknown, r: HallCase) => r.state === 'accepted' && (
            <Button size="small" onClick={() => setFinishing(r)} data-testid={`gw-hall-finish-${r.id}`}>{t('gw.h.finish')}</Button>
          ) }] : []),
        ]} />
      {adding && <AcceptDrawer communityId={communityId} kinds={data.kinds.filter((k) => k.active)} households={households} onClose={() => setAdding(false)}
        onDone={() => { setAdding(false); changed(t('gw.h.new.done')); }} />}
      {finishing && <FinishModal c={finishing} onClose={() => setFinishing(null)} onDone={() => { setFinishing(null); changed(t('gw.h.finish.done')); }} />}
    </div>
  );
}

type AcceptValues = { kindId?: number; residentId?: number; residentName?: string; householdId?: number; matter: string };

/** 受理代办: the kind, the resident (from the register or by name), the household, the matter. */
function AcceptDrawer({ communityId, kinds, households, onClose, onDone }: { communityId: number; kinds: HallKind[]; households: Household[]; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const [form] = Form.useForm<AcceptValues>();
  const { busy, error, run } = useSubmit(form);

  const submit = (v: AcceptValues) => run(async () => {
    await api.post('/hall-cases', {
      communityId, kindId: v.kindId, matter: v.matter.trim(), residentId: v.residentId ?? null,
      ...(v.residentId ? {} : { residentName: v.residentName?.trim() || undefined }), householdId: v.householdId ?? null,
    });
    onDone();
  });

  return (
    <Drawer open title={t('gw.h.new')} size={size} onClose={onClose} destroyOnHidden data-testid="gw-hall-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="gw-hall-submit">{t('common.save')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="gw-hall-error" />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="kindId" label={t('gw.h.kind')} rules={[{ required: true }]}>
          <Select data-testid="gw-hall-kind" options={kinds.map((k) => ({ value: k.id, label: k.name }))}
            optionRender={(o) => <span data-testid={`gw-hall-kind-option-${String(o.value)}`}>{o.label}</span>} />
        </Form.Item>
        <Form.Item name="residentId" label={t('gw.h.residentPick')}>
          <PersonPicker kind="resident" orgId={communityId} data-testid="gw-hall-resident" />
        </Form.Item>
        <Form.Item name="residentName" label={t('gw.h.residentName')} dependencies={['residentId']}
          rules={[({ getFieldValue }) => ({ validator: (_, v?: string) => (getFieldValue('residentId') || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('gw.h.residentNeeded')))) }), { max: 50 }]}>
          <Input data-testid="gw-hall-resident-name" />
        </Form.Item>
        <Form.Item name="householdId" label={t('gw.v.household')}>
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} data-testid="gw-hall-household" options={households.map((h) => ({ value: h.id, label: householdLabel(h) }))} />
        </Form.Item>
        <Form.Item name="matter" label={t('gw.h.matter')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} data-testid="gw-hall-matter" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** 办结/转办 with the result. */
function FinishModal({ c, onClose, onDone }: { c: HallCase; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ state: 'done' | 'referred'; result: string }>();
  const { busy, error, run } = useSubmit(form);
  const submit = (v: { state: 'done' | 'referred'; result: string }) => run(async () => {
    await api.post(`/hall-cases/${c.id}/finish`, { state: v.state, result: v.result.trim(), rowVersion: c.rowVersion });
    onDone();
  });
  return (
    <Modal open title={`${t('gw.h.finish')} · ${c.kind}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden
      okButtonProps={withTestId({}, 'gw-hall-finish-submit')} data-testid="gw-hall-finish-modal">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="gw-hall-finish-error" />}
      <p>{c.residentName}：{c.matter}</p>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ state: 'done' }}>
        <Form.Item name="state" label={t('gw.h.state')}>
          <Radio.Group data-testid="gw-hall-finish-state" options={(['done', 'referred'] as const).map((s) => ({ value: s, label: <span data-testid={`gw-hall-finish-state-${s}`}>{t(`gw.h.state.${s}`)}</span> }))} />
        </Form.Item>
        <Form.Item name="result" label={t('gw.h.result')} rules={[{ required: true, whitespace: true, max: 500 }]}>
          <Input.TextArea rows={3} data-testid="gw-hall-finish-result" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
