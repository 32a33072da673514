/**
 * 目标完成: an organisation (a county, a street, a city …) and a range of years; the charts of its
 * star and “五好” shares by year against the targets, and the table of its children for the last
 * year of the range, shares below target in red.
 */
import { useMemo } from 'react';
import { Card, DatePicker, Empty, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../i18n.ts';
import { withTestId } from '../../testid.ts';
import { OrgTreeSelect } from '../OrgTreeSelect.tsx';
import { TargetsChart } from './TargetsChart.tsx';
import { ProblemCard, TARGET_KINDS, below, pct, useResult } from './results.tsx';
import type { OrgNode } from '../../types.ts';
import type { FiveGoodShare, TargetRow, TargetsResult } from './types.ts';

/** The most years one request may cover. */
export const MAX_YEARS = 10;

type Props = {
  orgId?: number;
  from: number;
  to: number;
  onOrg: (id: number | undefined) => void;
  onRange: (from: number, to: number) => void;
};

/** A row of the table: a child (or the total) in the last year. */
type Line = {
  orgId: number; name: string; communities: number; rated: number; threePlus: number; five: number; threePlusShare: number | null; fiveShare: number | null;
  fgCommunity: FiveGoodShare; fgOrgan: FiveGoodShare; total?: boolean;
};

const NO_SHARE: FiveGoodShare = { orgs: 0, met: 0, share: null };

const lineOf = (r: TargetRow, total?: boolean): Line => {
  const y = r.years[r.years.length - 1];
  return { orgId: r.orgId, name: r.name, communities: y?.communities ?? r.communities, rated: y?.rated ?? 0, threePlus: y?.threePlus ?? 0, five: y?.five ?? 0,
    threePlusShare: y?.threePlusShare ?? null, fiveShare: y?.fiveShare ?? null, fgCommunity: y?.fiveGood?.community ?? NO_SHARE, fgOrgan: y?.fiveGood?.organ ?? NO_SHARE, total };
};

const pickable = (n: OrgNode) => TARGET_KINDS.includes(n.kind);

/** The 目标完成 tab. */
export function TargetsTab({ orgId, from, to, onOrg, onRange }: Props) {
  const t = useT();
  const { data, problem, loading } = useResult<TargetsResult>('/stars/targets', orgId ? { orgId, from, to } : null);
  const thisYear = new Date().getFullYear();

  const lines = useMemo(() => (data ? [...data.rows.map((r) => lineOf(r)), lineOf(data.all, true)] : []), [data]);
  const goal = data?.targets;

  /** A count and its share, red when under the target. */
  const share = (kind: string, v: number | null, target: number | undefined, id: number) => {
    const low = target !== undefined && below(v, target);
    return (
      <Typography.Text type={low ? 'danger' : undefined} strong={low} data-testid={`star-targets-${kind}-${id}`} data-value={v ?? ''} data-below={low ? 'true' : 'false'}>
        {pct(v)}
      </Typography.Text>
    );
  };

  /** A 五好 share with the counts behind it; red under the target (a group with no organisations is not short). */
  const good = (kind: 'community' | 'organ', g: FiveGoodShare, target: number | undefined, id: number) => {
    const low = target !== undefined && g.orgs > 0 && below(g.share, target);
    return (
      <span data-testid={`star-targets-fg-${kind}-${id}`} data-value={g.share ?? ''} data-met={g.met} data-orgs={g.orgs} data-below={low ? 'true' : 'false'}>
        <Typography.Text type={low ? 'danger' : undefined} strong={low}>{pct(g.share)}</Typography.Text>
        <br /><Typography.Text type="secondary" style={{ fontSize: 12 }}>{g.met}/{g.orgs}</Typography.Text>
      </span>
    );
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="star-results-targets">
      <Space wrap className="no-print">
        <OrgTreeSelect value={orgId} onChange={(id) => onOrg(id)} allowClear={false} selectable={pickable} placeholder={t('stars.results.chooseOrg')}
          style={{ width: 260, maxWidth: '100%' }} data-testid="star-targets-org" />
        <DatePicker.RangePicker picker="year" allowClear={false} value={[dayjs(`${from}-01-01`), dayjs(`${to}-01-01`)]} placeholder={[t('stars.year'), t('stars.year')]}
          disabledDate={(d, info) => d.year() < 2000 || d.year() > thisYear || (info.from ? Math.abs(d.year() - info.from.year()) >= MAX_YEARS : false)}
          onChange={(v) => { if (v?.[0] && v[1]) onRange(v[0].year(), v[1].year()); }} aria-label={t('stars.results.range')} title={t('stars.results.range')}
          style={{ width: 220 }} data-testid="star-targets-range" />
      </Space>

      {!data && <ProblemCard problem={problem} prompt={orgId ? undefined : 'stars.results.chooseOrgHint'} testId="star-targets" />}
      {!data && loading && <Card loading />}
      {data && <TargetsChart data={data} />}
      {data && (
        <Card size="small" title={t('stars.targets.tableTitle', { y: to })} loading={loading}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('stars.targets.hintYear')}</Typography.Paragraph>
          {data.rows.length === 0 && data.all.communities === 0 && lines[lines.length - 1]?.fgCommunity.orgs === 0 && lines[lines.length - 1]?.fgOrgan.orgs === 0 ? <Empty description={t('stars.targets.empty')} data-testid="star-targets-empty" /> : (
            <Table<Line> rowKey="orgId" size="small" bordered pagination={false} dataSource={lines} scroll={{ x: 1000 }} data-testid="star-targets-table"
              onRow={(r) => withTestId({ style: r.total ? { fontWeight: 600, background: '#fafafa' } : undefined }, `star-targets-row-${r.orgId}`)}
              columns={[
                { title: t('stars.targets.org'), dataIndex: 'name', render: (v: string, r) => (r.total ? `${t('stars.targets.total')}（${v}）` : v) },
                { title: t('stars.targets.communities'), dataIndex: 'communities', align: 'right', width: 110,
                  render: (v: number, r) => <span data-testid={`star-targets-communities-${r.orgId}`}>{v}</span> },
                { title: t('stars.targets.rated'), dataIndex: 'rated', align: 'right', width: 90,
                  render: (v: number, r) => <span data-testid={`star-targets-rated-${r.orgId}`}>{v}</span> },
                { title: t('stars.targets.threeCount'), children: [
                  { title: t('stars.targets.count'), dataIndex: 'threePlus', align: 'right', width: 80,
                    render: (v: number, r) => <span data-testid={`star-targets-three-count-${r.orgId}`}>{v}</span> },
                  { title: t('stars.targets.share'), dataIndex: 'threePlusShare', align: 'right', width: 90,
                    render: (v: number | null, r) => share('three', v, goal?.threeStarShare, r.orgId) },
                ] },
                { title: t('stars.targets.fiveCount'), children: [
                  { title: t('stars.targets.count'), dataIndex: 'five', align: 'right', width: 80,
                    render: (v: number, r) => <span data-testid={`star-targets-five-count-${r.orgId}`}>{v}</span> },
                  { title: t('stars.targets.share'), dataIndex: 'fiveShare', align: 'right', width: 90,
                    render: (v: number | null, r) => share('five', v, goal?.fiveStarShare, r.orgId) },
                ] },
                { title: t('stars.targets.fgTitle'), children: [
                  { title: t('stars.targets.fgCommunity', { v: pct(goal?.fiveGoodCommunityShare) }), key: 'fgCommunity', align: 'right', width: 120,
                    render: (_v: unknown, r: Line) => good('community', r.fgCommunity, goal?.fiveGoodCommunityShare, r.orgId) },
                  { title: t('stars.targets.fgOrgan', { v: pct(goal?.fiveGoodOrganShare) }), key: 'fgOrgan', align: 'right', width: 120,
                    render: (_v: unknown, r: Line) => good('organ', r.fgOrgan, goal?.fiveGoodOrganShare, r.orgId) },
                ] },
              ]} />
          )}
        </Card>
      )}
    </Space>
  );
}
