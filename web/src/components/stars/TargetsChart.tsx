/**
 * 目标完成 chart: per year, the chosen organisation's share at three stars or more and at five
 * stars (bars), with the standard's targets as dashed horizontal mark lines. The wrapper carries
 * the numbers as data attributes, for tests that cannot read a canvas.
 */
import { useMemo } from 'react';
import { Card, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { pct } from './results.tsx';
import type { TargetsResult } from './types.ts';

const THREE = '#c8102e';
const FIVE = '#faad14';

/** Percent with one decimal, for the axis (null stays a gap). */
const asPercent = (v: number | null) => (v == null ? null : Number((v * 100).toFixed(1)));

/** The chart card. */
export function TargetsChart({ data }: { data: TargetsResult }) {
  const t = useT();
  const { all, targets } = data;

  const option = useMemo<ChartOption>(() => {
    const line = (value: number, color: string) => ({
      symbol: 'none' as const,
      silent: true,
      lineStyle: { type: 'dashed' as const, color, width: 1.5 },
      label: { formatter: t('stars.targets.target', { v: pct(value) }), position: 'insideEndTop' as const, color },
      data: [{ yAxis: asPercent(value) ?? 0 }],
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v == null || v === '-' ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: all.years.map((y) => t('stars.yearN', { y: y.year })) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        { type: 'bar', name: t('stars.targets.threeShare'), barMaxWidth: 40, itemStyle: { color: THREE }, data: all.years.map((y) => asPercent(y.threePlusShare)),
          markLine: line(targets.threeStarShare, THREE) },
        { type: 'bar', name: t('stars.targets.fiveShare'), barMaxWidth: 40, itemStyle: { color: FIVE }, data: all.years.map((y) => asPercent(y.fiveShare)),
          markLine: line(targets.fiveStarShare, FIVE) },
      ],
    };
  }, [all, targets, t]);

  return (
    <Card size="small" title={t('stars.targets.chartTitle', { name: data.node.name })}
      extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="star-targets-goals">
        {t('stars.targets.goals', { three: pct(targets.threeStarShare), five: pct(targets.fiveStarShare) })}
      </Typography.Text>}>
      <div data-testid="star-targets-chart" data-org={data.node.id} data-years={all.years.map((y) => y.year).join(',')}
        data-three={all.years.map((y) => y.threePlusShare ?? '').join(',')} data-five={all.years.map((y) => y.fiveShare ?? '').join(',')}
        data-target-three={targets.threeStarShare} data-target-five={targets.fiveStarShare}>
        <EChart option={option} style={{ height: 280 }} testId="star-targets-chart-canvas" />
      </div>
    </Card>
  );
}
