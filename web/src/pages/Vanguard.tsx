/**
 * 先锋承诺三方评价: for an organisation and a year, each 机关/事业单位 member's 自评, 互评 (mean of the
 * sheets), 组织评价, weights, total, rank and the 优秀党员 recommendation and decision; a chart of the
 * totals; a drawer to score and decide; .xlsx. A member enters their own 自评 on the same page.
 */
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Grid, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import { api, download } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { withTestId } from '../testid.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { AddMemberModal } from '../components/evaluation/vanguard/AddMemberModal.tsx';
import { MySelfCard } from '../components/evaluation/vanguard/MySelfCard.tsx';
import { ReviewDrawer } from '../components/evaluation/vanguard/ReviewDrawer.tsx';
import { TotalsChart } from '../components/evaluation/vanguard/TotalsChart.tsx';
import { DecisionTag, defaultYear, weightsText, yearOptions, type Review } from '../components/evaluation/vanguard/shared.tsx';

/** Roles whose grant reads evaluations: the organisation the page opens on. */
const EVAL_ROLES = ['branch_secretary', 'community_admin', 'street_admin', 'county_admin', 'inspector'];

/** The page. */
export function VanguardPage() {
  const t = useT();
  const fb = useFeedback();
  const { me, can } = useSession();
  const reader = can('eval.read');
  const wide = Grid.useBreakpoint().md ?? true;
  const [year, setYear] = useState(defaultYear());
  const [orgId, setOrgId] = useState<number | undefined>(me?.grants.find((g) => EVAL_ROLES.includes(g.role))?.orgId);
  const [items, setItems] = useState<Review[]>([]);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!reader || !orgId) { setItems([]); return undefined; }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<{ items: Review[] }>('/vanguard/reviews', { orgId, year }, ctrl.signal)
      .then((r) => setItems(r.items))
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [reader, orgId, year, fb, tick]);

  const reload = () => setTick((n) => n + 1);
  const current = open === null ? undefined : items.find((r) => r.memberId === open);
  const exportXlsx = () => { if (orgId) download('/vanguard/reviews/export', { orgId, year }, 'vanguard.xlsx').catch((err: unknown) => fb.error(err)); };
  // the organisation column only when the list spans several (a community with more than one 机关 branch)
  const severalOrgs = new Set(items.map((r) => r.orgName)).size > 1;
  const counts = { n: items.length, c: items.filter((r) => r.complete).length, r: items.filter((r) => r.recommended).length, e: items.filter((r) => r.excellent).length };

  return (
    <>
      {me?.user.memberId != null && <MySelfCard />}
      {reader && (
        <Card title={t('vg.title')} data-testid="vg-page"
          extra={<Space wrap>
            {can('eval.manage') && orgId && <Button type="primary" icon={<UserAddOutlined />} onClick={() => setAdding(true)} aria-label={t('vg.add')} data-testid="vg-add">{wide && t('vg.add')}</Button>}
            <Button icon={<DownloadOutlined />} onClick={exportXlsx} disabled={!orgId} aria-label={t('vg.export')} data-testid="vg-export">{wide && t('vg.export')}</Button>
            <Button icon={<ReloadOutlined />} onClick={reload} aria-label={t('common.refresh')} data-testid="vg-reload" />
          </Space>}>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select value={year} onChange={(v: number) => setYear(v)} style={{ width: 130 }} options={yearOptions(t)} data-testid="vg-year"
              optionRender={(o) => <span data-testid={`vg-year-${String(o.value)}`}>{o.label}</span>} />
            <OrgTreeSelect value={orgId} onChange={(v) => setOrgId(v)} allowClear={false} placeholder={t('vg.pickOrg')} style={{ width: 260 }} data-testid="vg-org" />
          </Space>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>{t('vg.hint')}</Typography.Paragraph>
          {!orgId ? <Empty description={t('vg.noOrg')} /> : (
            <>
              {items.length > 0 && <Typography.Paragraph data-testid="vg-summary">{t('vg.summary', counts)}</Typography.Paragraph>}
              <TotalsChart items={items} onPick={(r) => setOpen(r.memberId)} />
              <Table<Review> rowKey="id" size="middle" loading={loading} dataSource={items} data-testid="vg-table" data-year={year} scroll={{ x: severalOrgs ? 1060 : 900 }}
                pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
                onRow={(r) => withTestId({ onClick: () => setOpen(r.memberId), style: { cursor: 'pointer' } }, `vg-row-${r.memberId}`)}
                columns={[
                  { title: t('vg.rank'), dataIndex: 'rank', width: 70, fixed: 'left', defaultSortOrder: 'ascend', sorter: (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9),
                    render: (v: number | null, r) => <span data-testid={`vg-rank-${r.memberId}`}>{v ?? '—'}</span> },
                  { title: t('vg.member'), dataIndex: 'memberName', width: 130, fixed: 'left',
                    render: (v: string, r) => <a onClick={(e) => { e.stopPropagation(); setOpen(r.memberId); }} data-testid={`vg-name-${r.memberId}`}>{v}</a> },
                  ...(severalOrgs ? [{ title: t('vg.org'), dataIndex: 'orgName', width: 160, ellipsis: true }] : []),
                  { title: t('vg.self'), dataIndex: 'selfScore', width: 80, render: (v: number | null, r) => <span data-testid={`vg-self-${r.memberId}`}>{v ?? '—'}</span> },
                  { title: t('vg.peerMean'), dataIndex: 'peerMean', width: 120,
                    render: (v: number | null, r) => <span data-testid={`vg-peer-${r.memberId}`}>{v ?? '—'}{r.peers > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>（{t('vg.peerCount', { n: r.peers })}）</Typography.Text>}</span> },
                  { title: t('vg.orgScore'), dataIndex: 'orgScore', width: 90, render: (v: number | null, r) => <span data-testid={`vg-org-${r.memberId}`}>{v ?? '—'}</span> },
                  { title: t('vg.weights'), key: 'weights', width: 90, render: (_v, r) => weightsText(r.weights) },
                  { title: t('vg.total'), dataIndex: 'total', width: 80, sorter: (a, b) => (a.total ?? -1) - (b.total ?? -1),
                    render: (v: number | null, r) => <strong data-testid={`vg-total-${r.memberId}`}>{v ?? '—'}</strong> },
                  { title: t('vg.recommended'), dataIndex: 'recommended', width: 100,
                    render: (v: boolean, r) => <span data-testid={`vg-rec-${r.memberId}`} data-recommended={String(v)}>
                      {v ? <Tag color="gold">{t('vg.recommended')}</Tag> : !r.complete ? <Tag>{t('vg.incomplete')}</Tag> : null}
                    </span> },
                  { title: t('vg.decision'), dataIndex: 'excellent', width: 120, render: (v: boolean | null, r) => <DecisionTag excellent={v} t={t} testId={`vg-decision-${r.memberId}`} /> },
                ]} />
            </>
          )}
        </Card>
      )}
      {adding && orgId && <AddMemberModal orgId={orgId} year={year} items={items} onClose={() => setAdding(false)}
        onAdded={(memberId) => { setAdding(false); reload(); setOpen(memberId); }} />}
      {current && <ReviewDrawer review={current} year={year} onClose={() => setOpen(null)} onChanged={reload} />}
    </>
  );
}
