/** Parts of 民情统计: the figures table with its total row and chart, the grids' load coloured by level, visits per liaison. */
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { Card, Empty, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { MsgKey, TFunction } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';

/** One group of GET /requests/stats (and its total). */
export type Figures = {
  key: string; name: string | null; raised: number; fixed: number; notFixed: number; confirmed: number; open: number; overdueNow: number;
  overdueShare: number | null; meanDays: number | null; satisfaction: number | null; rated: number;
};
export type Stats = { org: { id: number; name: string }; by: 'child' | 'grid' | 'category'; items: Figures[]; total: Figures; from: string | null; to: string | null };
/** One grid of GET /requests/grid-load. */
export type GridLoad = { gridId: number; gridName: string; kind: string; communityName: string; households: number; open: number; overdue: number; raised90: number; load: number | null };
/** One liaison of GET /visits/stats. */
export type VisitFigures = { liaisonId: number; liaisonName: string; visits: number; households: number; lastVisit: string };

/** A share 0–1 as the exports write it ("25%", "33.3%"). */
export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

/** The columns of the figures in order, with how each is shown. */
export const FIGURE_FIELDS: { field: keyof Figures; label: MsgKey; show: (f: Figures) => string | number }[] = [
  { field: 'raised', label: 'gs.raised', show: (f) => f.raised },
  { field: 'fixed', label: 'gs.fixed', show: (f) => f.fixed },
  { field: 'notFixed', label: 'gs.notFixed', show: (f) => f.notFixed },
  { field: 'confirmed', label: 'gs.confirmed', show: (f) => f.confirmed },
  { field: 'open', label: 'gs.open', show: (f) => f.open },
  { field: 'overdueNow', label: 'gs.overdueNow', show: (f) => f.overdueNow },
  { field: 'overdueShare', label: 'gs.overdueShare', show: (f) => pct(f.overdueShare) },
  { field: 'meanDays', label: 'gs.meanDays', show: (f) => f.meanDays ?? '—' },
  { field: 'satisfaction', label: 'gs.satisfaction', show: (f) => f.satisfaction ?? '—' },
];

/** The figures by group, with the total row, and the chart of outcomes and satisfaction. */
export function FiguresCard({ s, t }: { s: Stats; t: TFunction }) {
  const name = (f: Figures) => f.name ?? s.org.name;
  const columns: TableColumnsType<Figures> = [
    { title: t(`gs.by.${s.by}`), dataIndex: 'name', width: 160, fixed: 'left', ellipsis: true, render: (_: unknown, f) => <span data-testid={`gs-fig-${f.key}-name`}>{name(f)}</span> },
    ...FIGURE_FIELDS.map(({ field, label, show }) => ({
      title: t(label), dataIndex: field, width: 92, align: 'right' as const,
      render: (_: unknown, f: Figures) => <span data-testid={`gs-fig-${f.key}-${field}`} style={field === 'overdueNow' && f.overdueNow > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{show(f)}</span>,
    })),
  ];
  return (
    <Card size="small" title={t('gs.figures')} style={{ marginBottom: 16 }} data-testid="gs-figures">
      <Table<Figures> rowKey="key" size="small" dataSource={s.items} columns={columns} pagination={false} scroll={{ x: 1000 }} data-testid="gs-fig-table"
        onRow={(f) => ({ ...{ 'data-testid': `gs-fig-row-${f.key}` } } as HTMLAttributes<HTMLElement>)}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row data-testid="gs-fig-total" style={{ fontWeight: 600, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}><span data-testid="gs-fig-total-name">{t('gs.total')}</span></Table.Summary.Cell>
              {FIGURE_FIELDS.map(({ field, show }, i) => (
                <Table.Summary.Cell key={field} index={i + 1} align="right"><span data-testid={`gs-fig-total-${field}`}>{show(s.total)}</span></Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        )} />
      {s.items.length > 0 && (
        <EChart testId="gs-chart" style={{ height: 320, marginTop: 16 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 40, bottom: 70 },
          xAxis: { type: 'category', data: s.items.map(name), axisLabel: { interval: 0, rotate: s.items.length > 4 ? 30 : 0 } },
          yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 5, name: t('gs.satisfaction'), splitLine: { show: false } }],
          series: [
            { type: 'bar', stack: 'n', barMaxWidth: 48, name: t('gs.fixed'), data: s.items.map((f) => f.fixed), itemStyle: { color: '#52c41a' } },
            { type: 'bar', stack: 'n', barMaxWidth: 48, name: t('gs.notFixed'), data: s.items.map((f) => f.notFixed), itemStyle: { color: '#fa8c16' } },
            { type: 'bar', stack: 'n', barMaxWidth: 48, name: t('gs.open'), data: s.items.map((f) => f.open), itemStyle: { color: '#1677ff' } },
            { type: 'line', yAxisIndex: 1, name: t('gs.satisfaction'), data: s.items.map((f) => f.satisfaction), connectNulls: true, itemStyle: { color: '#c8102e' } },
          ],
        }} />
      )}
    </Card>
  );
}

/** The level of a grid's load: red when anything is overdue or more than 3 open per 100 households, amber from 1, else green. */
export function loadLevel(g: Pick<GridLoad, 'load' | 'overdue'>): 'red' | 'amber' | 'green' | 'none' {
  if (g.overdue > 0) return 'red';
  if (g.load === null) return 'none';
  return g.load > 3 ? 'red' : g.load >= 1 ? 'amber' : 'green';
}
const LEVEL_STYLE: Record<ReturnType<typeof loadLevel>, { bg: string; tag: string }> = {
  red: { bg: '#fff1f0', tag: 'red' }, amber: { bg: '#fffbe6', tag: 'gold' }, green: { bg: '#f6ffed', tag: 'green' }, none: { bg: 'transparent', tag: 'default' },
};

/** The grids' load, each row coloured by its level. */
export function GridLoadCard({ items, t, extra }: { items: GridLoad[]; t: TFunction; extra?: ReactNode }) {
  return (
    <Card size="small" title={t('gs.load')} extra={extra} style={{ marginBottom: 16 }} data-testid="gs-load">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('gs.load.legend')}</Typography.Paragraph>
      <Table<GridLoad> rowKey="gridId" size="small" dataSource={items} pagination={items.length > 30 ? { pageSize: 30, showSizeChanger: false } : false} scroll={{ x: 820 }} data-testid="gs-load-table"
        onRow={(g) => ({ ...{ 'data-testid': `gs-load-row-${g.gridId}`, 'data-level': loadLevel(g) }, style: { background: LEVEL_STYLE[loadLevel(g)].bg } as CSSProperties } as HTMLAttributes<HTMLElement>)}
        columns={[
          { title: t('gs.load.community'), dataIndex: 'communityName', width: 120, ellipsis: true },
          { title: t('gs.load.grid'), dataIndex: 'gridName', width: 150, ellipsis: true },
          { title: t('gs.load.kind'), dataIndex: 'kind', width: 60 },
          { title: t('gs.load.households'), dataIndex: 'households', width: 80, align: 'right' },
          { title: t('gs.load.open'), dataIndex: 'open', width: 100, align: 'right', render: (v: number, g) => <span data-testid={`gs-load-${g.gridId}-open`}>{v}</span> },
          { title: t('gs.load.overdue'), dataIndex: 'overdue', width: 70, align: 'right',
            render: (v: number, g) => <span data-testid={`gs-load-${g.gridId}-overdue`} style={v > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v}</span> },
          { title: t('gs.load.raised90'), dataIndex: 'raised90', width: 100, align: 'right' },
          { title: t('gs.load.load'), dataIndex: 'load', width: 120, align: 'right',
            render: (v: number | null, g) => <Tag color={LEVEL_STYLE[loadLevel(g)].tag} data-testid={`gs-load-${g.gridId}-load`}>{v ?? '—'}</Tag> },
        ]} />
    </Card>
  );
}

/** Visits per liaison: table and bars. */
export function VisitStatsCard({ items, t }: { items: VisitFigures[]; t: TFunction }) {
  return (
    <Card size="small" title={t('gs.visits')} style={{ marginBottom: 16 }} data-testid="gs-visits">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : (<>
        <Table<VisitFigures> rowKey="liaisonId" size="small" dataSource={items} pagination={false} scroll={{ x: 480 }} data-testid="gs-visits-table"
          onRow={(v) => ({ ...{ 'data-testid': `gs-visits-row-${v.liaisonId}` } } as HTMLAttributes<HTMLElement>)}
          columns={[
            { title: t('gs.visits.liaison'), dataIndex: 'liaisonName' },
            { title: t('gs.visits.count'), dataIndex: 'visits', width: 100, align: 'right', render: (v: number, r) => <span data-testid={`gs-visits-${r.liaisonId}-visits`}>{v}</span> },
            { title: t('gs.visits.households'), dataIndex: 'households', width: 100, align: 'right' },
            { title: t('gs.visits.last'), dataIndex: 'lastVisit', width: 120 },
          ]} />
        <EChart testId="gs-visits-chart" style={{ height: 240, marginTop: 12 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 50 },
          xAxis: { type: 'category', data: items.map((v) => v.liaisonName), axisLabel: { interval: 0, rotate: items.length > 5 ? 30 : 0 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { type: 'bar', barMaxWidth: 40, name: t('gs.visits.count'), data: items.map((v) => v.visits) },
            { type: 'bar', barMaxWidth: 40, name: t('gs.visits.households'), data: items.map((v) => v.households) },
          ],
        }} />
      </>)}
    </Card>
  );
}
