/** 四联: members linked to households (党员联系户), grid groups, enterprises and projects; add a link, end one; the links as .xlsx. */
import { useEffect, useState } from 'react';
import { Alert, Button, Drawer, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag, Tooltip } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { api } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { withTestId } from '../../testid.ts';
import type { Grid, Items } from '../../types.ts';
import { PersonPicker } from '../PersonPicker.tsx';
import { useDrawerSize } from '../points/shared.tsx';
import { ExportButton } from '../stars/results.tsx';
import { useSubmit } from '../stars/useSubmit.ts';
import { gridOptions, householdLabel, LINK_KINDS, useUnits, type Household, type Link, type LinkKind } from './shared.tsx';

type Values = { memberId?: number; kind: LinkKind; householdId?: number; gridId?: number; unitId?: number; project?: string };

/** What a link is with. */
function target(l: Link): string {
  return l.householdAddress ?? l.gridName ?? l.unitName ?? l.project ?? '—';
}

/** The tab. */
export function LinksTab({ communityId, gridId, households, grids, tick }: { communityId: number; gridId?: number; households: Household[]; grids: Grid[]; tick: number }) {
  const t = useT();
  const fb = useFeedback();
  const { can } = useSession();
  const [items, setItems] = useState<Link[]>([]);
  const [loading, setLoading] = useState(false);
  const [own, setOwn] = useState(0);
  const [adding, setAdding] = useState(false);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Items<Link>>('/contact-links', { communityId }, ctrl.signal)
      .then((r) => setItems(gridId ? r.items.filter((l) => l.gridId === gridId || households.some((h) => h.id === l.householdId && h.gridId === gridId)) : r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [communityId, gridId, households, tick, own, fb]);

  const end = async (id: number) => {
    try {
      await api.post(`/contact-links/${id}/end`);
      fb.success(t('gw.l.end.done'));
      setOwn((n) => n + 1);
    } catch (err) {
      fb.error(err);
    }
  };
  const manage = can('request.manage');

  return (
    <div data-testid="gw-links">
      <Space wrap style={{ marginBottom: 12 }}>
        {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="gw-link-new">{t('gw.l.new')}</Button>}
        <Tooltip title={gridId ? t('gw.export.whole') : undefined}>
          <span><ExportButton path="/contact-links/export" query={{ communityId }} name="党员联系户与四联.xlsx" testId="gw-links-export" plain /></span>
        </Tooltip>
      </Space>
      <Table<Link> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="gw-links-table" scroll={{ x: 760 }}
        pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
        onRow={(r) => withTestId({}, `gw-link-row-${r.id}`)}
        columns={[
          { title: t('gw.l.member'), dataIndex: 'memberName', width: 110 },
          { title: t('gw.l.kind'), dataIndex: 'kind', width: 80, render: (v: string) => <Tag color="red">{v}</Tag> },
          { title: t('gw.l.target'), key: 'target', ellipsis: true, render: (_: unknown, r) => target(r) },
          { title: t('gw.l.since'), dataIndex: 'since', width: 110 },
          { title: t('gw.l.until'), dataIndex: 'until', width: 110, render: (v: string | null, r) => <span data-testid={`gw-link-until-${r.id}`}>{v ?? <Tag color="green">{t('gw.l.current')}</Tag>}</span> },
          ...(manage ? [{ title: t('common.actions'), key: 'actions', width: 100, render: (_: unknown, r: Link) => !r.until && (
            <Popconfirm title={t('gw.l.end.confirm')} onConfirm={() => end(r.id)} okButtonProps={withTestId({}, `gw-link-end-ok-${r.id}`)}>
              <Button size="small" danger data-testid={`gw-link-end-${r.id}`}>{t('gw.l.end')}</Button>
            </Popconfirm>
          ) }] : []),
        ]} />
      {adding && <LinkDrawer communityId={communityId} households={households} grids={grids} onClose={() => setAdding(false)}
        onAdded={() => { setAdding(false); fb.success(t('gw.l.new.done')); setOwn((n) => n + 1); }} />}
    </div>
  );
}

/** 新增联系: a member (by name), the kind and its one target. */
function LinkDrawer({ communityId, households, grids, onClose, onAdded }: { communityId: number; households: Household[]; grids: Grid[]; onClose: () => void; onAdded: (id: number) => void }) {
  const t = useT();
  const size = useDrawerSize(520);
  const units = useUnits(communityId);
  const [form] = Form.useForm<Values>();
  const { busy, error, run } = useSubmit(form);
  const kind = Form.useWatch('kind', form) ?? '联户';

  const submit = (v: Values) => run(async () => {
    const body = { memberId: v.memberId, kind: v.kind,
      ...(v.kind === '联户' ? { householdId: v.householdId } : v.kind === '联组' ? { gridId: v.gridId } : v.kind === '联企业' ? { unitId: v.unitId } : { project: v.project?.trim() }) };
    const r = await api.post<{ id: number }>(`/contact-links?communityId=${communityId}`, body);
    onAdded(r.id);
  });

  return (
    <Drawer open title={t('gw.l.new')} size={size} onClose={onClose} destroyOnHidden data-testid="gw-link-drawer"
      extra={<Space>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="gw-link-submit">{t('common.save')}</Button>
      </Space>}>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="gw-link-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ kind: '联户' }}>
        <Form.Item name="memberId" label={t('gw.l.member')} rules={[{ required: true }]}>
          <PersonPicker kind="member" orgId={communityId} data-testid="gw-link-member" />
        </Form.Item>
        <Form.Item name="kind" label={t('gw.l.kind')}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="gw-link-kind"
            options={LINK_KINDS.map((k) => ({ value: k, label: <span data-testid={`gw-link-kind-${k}`}>{k}</span> }))} />
        </Form.Item>
        {kind === '联户' && (
          <Form.Item name="householdId" label={t('gw.v.household')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="gw-link-household" options={households.map((h) => ({ value: h.id, label: householdLabel(h) }))}
              optionRender={(o) => <span data-testid={`gw-link-household-option-${String(o.value)}`}>{o.label}</span>} />
          </Form.Item>
        )}
        {kind === '联组' && (
          <Form.Item name="gridId" label={t('gw.grid')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="gw-link-grid" options={gridOptions(grids)} />
          </Form.Item>
        )}
        {kind === '联企业' && (
          <Form.Item name="unitId" label={t('gw.l.unit')} rules={[{ required: true }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} data-testid="gw-link-unit" options={units.map((u) => ({ value: u.id, label: u.name }))} />
          </Form.Item>
        )}
        {kind === '联工程' && (
          <Form.Item name="project" label={t('gw.l.project')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input data-testid="gw-link-project" />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
