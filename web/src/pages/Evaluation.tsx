/**
 * 民主评议: the campaigns the caller may read or counts as a teller, with their state, window and
 * turnout; 新建评议; and, for readers of campaigns, 年度汇总 (the tab kept in the address).
 */
import { useEffect, useState } from 'react';
import { Button, Card, Select, Space, Table, Tabs, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { CreateDrawer } from '../components/evaluation/CreateDrawer.tsx';
import { SummaryTab } from '../components/evaluation/SummaryTab.tsx';
import { CONSTITUENCIES, EvalStateTag, castOf, constituencyLabel, minute, useOrgNames } from '../components/evaluation/shared.tsx';
import type { CampaignRow } from '../components/evaluation/types.ts';

/** The list page. */
export function EvaluationPage() {
  const t = useT();
  const fb = useFeedback();
  const navigate = useNavigate();
  const { can } = useSession();
  const [items, setItems] = useState<CampaignRow[]>([]);
  const [loading, setLoading] = useState(false);
  const [year, setYear] = useState<number | undefined>();
  const [creating, setCreating] = useState(false);
  const [tick, setTick] = useState(0);
  const names = useOrgNames(items.map((c) => c.orgId));
  const thisYear = new Date().getFullYear();
  const [params, setParams] = useSearchParams();
  const summary = can('eval.read') && params.get('tab') === 'summary';

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: CampaignRow[] }>('/eval/campaigns', { year }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [year, fb, tick]);

  const open = (id: number) => navigate(`/evaluation/${id}`);
  const list = (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select allowClear value={year} onChange={(v?: number) => setYear(v)} placeholder={t('eval.year')} style={{ width: 130 }} data-testid="eval-year"
          options={Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => ({ value: y, label: t('eval.yearN', { y }) }))} />
        <Typography.Text type="secondary">{t('eval.list.hint')}</Typography.Text>
      </Space>
      <Table<CampaignRow> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="eval-table" scroll={{ x: 1000 }} pagination={false}
        onRow={(r) => withTestId({ onClick: () => open(r.id), style: { cursor: 'pointer' } }, `eval-row-${r.id}`)}
        columns={[
          { title: t('eval.name'), dataIndex: 'name', width: 260, ellipsis: true,
            render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); open(r.id); }} data-testid={`eval-row-name-${r.id}`}>{v}</a> },
          { title: t('eval.org'), dataIndex: 'orgId', width: 160, ellipsis: true, render: (v: number) => names[v] ?? '' },
          { title: t('eval.year'), dataIndex: 'year', width: 80 },
          { title: t('common.status'), dataIndex: 'state', width: 90, render: (v: CampaignRow['state'], r) => <EvalStateTag state={v} t={t} testId={`eval-row-state-${r.id}`} /> },
          { title: t('eval.windowTitle'), key: 'window', width: 190,
            render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{minute(r.opensAt)}<br />{minute(r.closesAt)}</span> },
          { title: t('eval.turnout'), key: 'turnout', width: 200,
            render: (_v, r) => (
              <div>
                {CONSTITUENCIES.map((c) => (
                  <div key={c} data-testid={`eval-row-turnout-${r.id}-${c}`}>
                    <Typography.Text type="secondary">{constituencyLabel(c, t)}</Typography.Text> {castOf(r.turnout, c)}
                  </div>
                ))}
              </div>
            ) },
        ]} />
    </>
  );
  const tab = (k: 'list' | 'summary') => <span data-testid={`eval-tab-${k}`}>{t(`eval.tab.${k}`)}</span>;
  return (
    <Card title={t('eval.list')} data-testid="eval-page" styles={{ body: { paddingTop: can('eval.read') ? 4 : undefined } }}
      extra={summary ? undefined : <Space wrap>
        {can('eval.manage') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="eval-new">{t('eval.new')}</Button>}
        <Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="eval-reload" />
      </Space>}>
      {can('eval.read') ? (
        <Tabs activeKey={summary ? 'summary' : 'list'} destroyOnHidden
          onChange={(k) => setParams((prev) => { const next = new URLSearchParams(prev); if (k === 'summary') next.set('tab', k); else next.delete('tab'); return next; }, { replace: true })}
          items={[{ key: 'list', label: tab('list'), children: list }, { key: 'summary', label: tab('summary'), children: <SummaryTab /> }]} />
      ) : list}
      {creating && <CreateDrawer onClose={() => setCreating(false)} onCreated={(id) => { setCreating(false); fb.success(t('eval.new.done')); open(id); }} />}
    </Card>
  );
}
