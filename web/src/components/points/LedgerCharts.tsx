/** The ledger's chart panel (GET /points/stats): month-by-month trend, and points by child organisation or by indicator. */
import { useEffect, useMemo, useState } from 'react';
import { Alert, Card, Col, Empty, Row, Segmented, Spin } from 'antd';
import { api } from '../../api.ts';
import { errorText } from '../../feedback.ts';
import { useLang, useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { fmtPoints } from './shared.tsx';
import type { PointsStats } from './types.ts';

type Props = {
  schemeId: number;
  year: number;
  orgId: number;
  tick: number;
  indicatorName: (code: string) => string;
  onChildClick?: (orgId: number) => void;
};

/** Two charts side by side (stacked on a phone). */
export function LedgerCharts({ schemeId, year, orgId, tick, indicatorName, onChildClick }: Props) {
  const t = useT();
  const lang = useLang();
  const [stats, setStats] = useState<PointsStats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [by, setBy] = useState<'children' | 'indicators'>('children');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api.get<PointsStats>('/points/stats', { schemeId, year, orgId }, ctrl.signal)
      .then(setStats)
      .catch((err: unknown) => {
        if (err instanceof DOMException && err.name === 'AbortError') return;
        setStats(null);
        setError(errorText(err, lang));
      })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [schemeId, year, orgId, tick, lang]);

  const trend = useMemo<ChartOption>(() => {
    const now = new Date();
    // months still to come this year are left out, so the net line does not drop to 0
    const months = (stats?.months ?? []).filter((m) => year < now.getFullYear() || m.month <= now.getMonth() + 1);
    return {
      color: ['#52c41a', '#cf1322', '#1677ff'],
      tooltip: { trigger: 'axis', valueFormatter: (v) => fmtPoints(Number(v)) },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'category', data: months.map((m) => t('points.chart.month', { m: m.month })) },
      yAxis: { type: 'value', axisLabel: { hideOverlap: true } },
      series: [
        { type: 'bar', name: t('points.chart.added'), stack: 'pm', data: months.map((m) => m.add), barMaxWidth: 28 },
        { type: 'bar', name: t('points.chart.subtracted'), stack: 'pm', data: months.map((m) => m.subtract), barMaxWidth: 28 },
        { type: 'line', name: t('points.chart.net'), data: months.map((m) => m.net), smooth: true, symbolSize: 6 },
      ],
    };
  }, [stats, year, t]);

  // a branch has no child organisations: show its indicators instead
  const view = stats && !stats.children.length && stats.indicators.length ? 'indicators' : by;
  const rows = useMemo(() => {
    if (!stats) return [];
    return view === 'children'
      ? stats.children.map((c) => ({ id: c.orgId, name: c.name, points: c.points, entries: c.entries }))
      : stats.indicators.map((x) => ({ id: 0, name: indicatorName(x.indicator), points: x.points, entries: x.entries }));
  }, [stats, view, indicatorName]);

  const split = useMemo<ChartOption>(() => {
    const list = [...rows].reverse();
    return {
      color: ['#c8102e'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => fmtPoints(Number(v)) },
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: list.map((r) => r.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: [{
        type: 'bar', name: t('points.chart.points'), barMaxWidth: 18,
        data: list.map((r) => ({ value: r.points, itemStyle: { color: r.points < 0 ? '#cf1322' : '#c8102e' } })),
        label: { show: true, position: 'right', formatter: (p) => fmtPoints(Number(p.value)) },
      }],
    };
  }, [rows, t]);

  const hasData = (stats?.months ?? []).some((m) => m.entries > 0);

  return (
    <Spin spinning={loading}>
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('points.chart.trend', { year })}>
            {hasData ? <EChart option={trend} testId="chart-points-trend" /> : <Empty style={{ height: 300 }} />}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={view === 'children' ? t('points.chart.byChild') : t('points.chart.byIndicator')}
            extra={<Segmented size="small" value={view} onChange={(v) => setBy(v as 'children' | 'indicators')} data-testid="chart-points-by"
              options={[{ value: 'children', label: t('points.chart.children') }, { value: 'indicators', label: t('points.chart.indicators') }]} />}>
            {rows.length
              ? <EChart option={split} style={{ height: Math.max(300, rows.length * 26 + 24) }} testId="chart-points-split"
                  onItemClick={view === 'children' && onChildClick ? (p) => { const r = [...rows].reverse()[p.dataIndex]; if (r?.id) onChildClick(r.id); } : undefined} />
              : <Empty style={{ height: 300 }} />}
          </Card>
        </Col>
      </Row>
    </Spin>
  );
}
