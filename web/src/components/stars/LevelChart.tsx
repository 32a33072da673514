/**
 * A bar of a year's applications by current level (published, under way, refused), counted from
 * one page of up to 200 applications; with more than that the chart is left out and the page says so.
 */
import { useEffect, useMemo, useState } from 'react';
import { Card, Empty, Typography } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import type { Page } from '../../types.ts';
import { levelText } from './shared.tsx';
import type { StarApplicationRow } from './types.ts';

/** The most applications one request may bring (the API's page size limit). */
const LIMIT = 200;

/** The chart card of the 评星晋级 list. */
export function LevelChart({ year, tick }: { year: number; tick: number }) {
  const t = useT();
  const [data, setData] = useState<{ items: StarApplicationRow[]; total: number } | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setData(null);
    api.get<Page<StarApplicationRow>>('/stars/applications', { year, page: 1, pageSize: LIMIT }, ctrl.signal)
      .then((r) => setData({ items: r.items, total: r.total }))
      .catch(() => setData({ items: [], total: 0 }));
    return () => ctrl.abort();
  }, [year, tick]);

  const option = useMemo<ChartOption>(() => {
    const levels = [1, 2, 3, 4, 5];
    const count = (pick: (a: StarApplicationRow) => boolean) => levels.map((n) => (data?.items ?? []).filter((a) => a.level === n && pick(a)).length);
    const series = [
      { name: t('stars.chart.published'), color: '#389e0d', data: count((a) => a.state === 'published') },
      { name: t('stars.chart.underWay'), color: '#1677ff', data: count((a) => a.state !== 'published' && a.state !== 'refused') },
      { name: t('stars.chart.refused'), color: '#bfbfbf', data: count((a) => a.state === 'refused') },
    ];
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 36, right: 12, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: levels.map((n) => levelText(n, t)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: series.map((s) => ({ type: 'bar' as const, name: s.name, stack: 'n', barMaxWidth: 48, itemStyle: { color: s.color }, data: s.data })),
    };
  }, [data, t]);

  const tooMany = data !== null && data.total > LIMIT;
  return (
    <Card size="small" title={t('stars.chart.title', { y: year })} data-testid="stars-chart-card" loading={data === null}
      extra={data && !tooMany ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('common.total', { n: data.total })}</Typography.Text> : null}>
      {tooMany && <Typography.Text type="secondary" data-testid="stars-chart-skipped">{t('stars.chart.tooMany', { n: data.total, max: LIMIT })}</Typography.Text>}
      {!tooMany && data && data.total === 0 && <Empty description={t('stars.chart.empty')} />}
      {!tooMany && data && data.total > 0 && <EChart option={option} style={{ height: 220 }} testId="stars-chart" />}
    </Card>
  );
}
