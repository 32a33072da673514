/**
 * 民情诉求: the requests in scope with filters (organisation, state incl. 未办结, category, overdue only,
 * title or tracking code), 检查超时 and 代居民登记 for those who may, the community's QR code for
 * residents, and the detail drawer at /requests/:id.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined, SettingOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT, type MsgKey } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { useWide } from '../components/points/shared.tsx';
import { DetailDrawer } from '../components/requests/DetailDrawer.tsx';
import { PublicLink } from '../components/requests/PublicLink.tsx';
import { RaiseDrawer } from '../components/requests/RaiseDrawer.tsx';
import { DueDate, LevelTag, managerOrg, STATES, StateTag, useCategories, type RequestItem, type RequestPage } from '../components/requests/shared.tsx';

const FILTERS = ['orgId', 'state', 'categoryId', 'overdue', 'q'] as const;

/** The page. */
export function RequestsPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const location = useLocation();
  const { id } = useParams();
  const { me, can } = useSession();
  const wide = useWide();
  const { state: list, filters, update } = useListParams(FILTERS);
  const [data, setData] = useState<RequestPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [raising, setRaising] = useState(false);
  const [escalating, setEscalating] = useState(false);
  const [escalated, setEscalated] = useState<number | null>(null);
  const [q, setQ] = useState(filters.q ?? '');
  const [tick, setTick] = useState(0);
  const orgId = filters.orgId ? Number(filters.orgId) : undefined;
  const homeOrg = orgId ?? managerOrg(me?.grants) ?? me?.grants[0]?.orgId;
  const manager = can('request.manage');
  const categories = useCategories(homeOrg);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<RequestPage>('/requests', {
      orgId, state: filters.state, categoryId: filters.categoryId, overdue: filters.overdue, q: filters.q, page: list.page, pageSize: list.pageSize,
    }, ctrl.signal)
      .then(setData)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [orgId, filters.state, filters.categoryId, filters.overdue, filters.q, list.page, list.pageSize, fb, tick]);

  const open = (rid: number) => navigate({ pathname: `/requests/${rid}`, search: location.search });
  const close = () => navigate({ pathname: '/requests', search: location.search });

  const escalate = async () => {
    if (!homeOrg) { fb.error(new Error(t('rq.escalate.pickOrg'))); return; }
    setEscalating(true);
    try {
      const r = await api.post<{ escalated: number }>('/requests/escalations', { orgId: homeOrg });
      setEscalated(r.escalated);
      fb.success(t('rq.escalate.done', { n: r.escalated }));
      reload();
    } catch (err) {
      fb.error(err);
    } finally {
      setEscalating(false);
    }
  };

  const actions = (
    <Space wrap>
      {(can('visit.write') || manager) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRaising(true)} data-testid="rq-new">{t('rq.new')}</Button>}
      {manager && <Button icon={<ThunderboltOutlined />} loading={escalating} onClick={() => void escalate()} data-testid="rq-escalate">{t('rq.escalate')}</Button>}
      {homeOrg && <PublicLink orgId={homeOrg} />}
      {manager && <Button icon={<SettingOutlined />} onClick={() => navigate('/requests/categories')} data-testid="rq-categories">{t('rq.categories')}</Button>}
      <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} data-testid="rq-reload" />
    </Space>
  );
  return (
    <Card title={t('rq.title')} data-testid="rq-page" extra={wide ? actions : undefined}>
      {!wide && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {escalated !== null && (
        <Alert type="info" showIcon closable onClose={() => setEscalated(null)} style={{ marginBottom: 12 }}
          message={<span data-testid="rq-escalate-result" data-count={escalated}>{t('rq.escalate.done', { n: escalated })}</span>} />
      )}
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={orgId} onChange={(v) => update({ orgId: v })} placeholder={t('rq.org')} style={{ width: wide ? 240 : '100%' }} data-testid="rq-org" />
        <Select allowClear value={filters.state} onChange={(v?: string) => update({ state: v })} placeholder={t('rq.state')} style={{ width: 140 }} data-testid="rq-state"
          options={(['open', ...STATES] as const).map((s) => ({ value: s, label: t(`rq.state.${s}` as MsgKey) }))} />
        <Select allowClear value={filters.categoryId ? Number(filters.categoryId) : undefined} onChange={(v?: number) => update({ categoryId: v })} placeholder={t('rq.category')}
          style={{ width: 140 }} data-testid="rq-category" options={categories.items.map((c) => ({ value: c.id, label: c.name }))} />
        <Checkbox checked={filters.overdue === 'true'} onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })} data-testid="rq-overdue">{t('rq.overdueOnly')}</Checkbox>
        <Input.Search allowClear value={q} onChange={(e) => setQ(e.target.value)} onSearch={(v) => update({ q: v.trim() || undefined })} placeholder={t('rq.search')}
          style={{ width: wide ? 240 : '100%' }} data-testid="rq-search" />
      </Space>
      <Table<RequestItem> rowKey="id" size="middle" loading={loading} dataSource={data?.items ?? []} data-testid="rq-table" scroll={wide ? { x: 1200 } : undefined}
        locale={{ emptyText: t('rq.empty') }}
        pagination={{ current: list.page, pageSize: list.pageSize, total: data?.total ?? 0, showSizeChanger: false, onChange: (page) => update({ page }),
          showTotal: (n) => <span data-testid="rq-total" data-total={n}>{t('common.total', { n })}</span> }}
        onRow={(r) => withTestId({ onClick: () => open(r.id), style: { cursor: 'pointer' } }, `rq-row-${r.id}`)}
        columns={wide ? [
          { title: t('rq.code'), dataIndex: 'trackingCode', width: 130, render: (v: string, r) => <Typography.Text code data-testid={`rq-row-code-${r.id}`}>{v}</Typography.Text> },
          { title: t('rq.titleField'), dataIndex: 'title', width: 220, ellipsis: true },
          { title: t('rq.category'), dataIndex: 'categoryName', width: 100 },
          { title: t('rq.place'), key: 'place', width: 170, ellipsis: true, render: (_: unknown, r) => `${r.communityName}${r.gridName ? ` / ${r.gridName}` : ''}` },
          { title: t('rq.state'), dataIndex: 'state', width: 150, render: (v: RequestItem['state'], r) => <StateTag state={v} overdue={r.overdue} t={t} testId={`rq-row-state-${r.id}`} /> },
          { title: t('rq.level'), dataIndex: 'level', width: 80, render: (v: RequestItem['level'], r) => <LevelTag level={v} t={t} testId={`rq-row-level-${r.id}`} /> },
          { title: t('rq.handler'), dataIndex: 'handlerName', width: 140, ellipsis: true, render: (v: string | null) => v ?? '—' },
          { title: t('rq.dueOn'), dataIndex: 'dueOn', width: 110, render: (v: string | null, r) => <DueDate dueOn={v} overdue={r.overdue} testId={`rq-row-due-${r.id}`} /> },
          { title: t('rq.raisedOn'), dataIndex: 'raisedOn', width: 110 },
        ] : [
          // on a phone: one cell per request, what a grid liaison needs at a glance
          { title: t('rq.titleField'), key: 'compact', render: (_: unknown, r) => (
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Typography.Text strong>{r.title}</Typography.Text>
              <Space wrap size={4}>
                <Typography.Text code data-testid={`rq-row-code-${r.id}`}>{r.trackingCode}</Typography.Text>
                <StateTag state={r.state} overdue={r.overdue} t={t} testId={`rq-row-state-${r.id}`} />
                <LevelTag level={r.level} t={t} testId={`rq-row-level-${r.id}`} />
              </Space>
              <Typography.Text type="secondary">{r.gridName ?? r.communityName} · {r.categoryName} · {t('rq.dueOn')} <DueDate dueOn={r.dueOn} overdue={r.overdue} testId={`rq-row-due-${r.id}`} /></Typography.Text>
            </Space>
          ) },
        ]} />
      {raising && <RaiseDrawer orgId={homeOrg} onClose={() => setRaising(false)}
        onDone={(r) => { setRaising(false); fb.success(t('rq.new.done', { code: r.trackingCode })); reload(); open(r.id); }} />}
      {id && /^\d+$/.test(id) && <DetailDrawer key={id} id={Number(id)} onClose={close} onChanged={reload} />}
    </Card>
  );
}
