/**
 * 目标完成 charts: per year, the chosen organisation's share at three stars or more and at five
 * stars, and its shares of “五好” party organisations in the two groups (社区和企业, 机关和事业单位),
 * as bars with the standard's targets as dashed horizontal mark lines. Each wrapper carries the
 * numbers as data attributes, for tests that cannot read a canvas.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { pct } from './results.tsx';
import type { TargetsResult } from './types.ts';

const THREE = '#c8102e';
const FIVE = '#faad14';
const FG_COMMUNITY = '#d4380d';
const FG_ORGAN = '#1677ff';

/** Percent with one decimal, for the axis (null stays a gap). */
const asPercent = (v: number | null) => (v == null ? null : Number((v * 100).toFixed(1)));

/** One bar series; `labelAt` keeps two close target labels apart. */
type Series = { name: string; color: string; values: (number | null)[]; target: number; labelAt?: 'insideStartTop' | 'insideEndTop' };

/** Bars by year with a dashed target line per series. */
function ShareChart({ years, series, testId }: { years: string[]; series: Series[]; testId: string }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const line = (value: number, color: string, at: 'insideStartTop' | 'insideEndTop' = 'insideEndTop') => ({
      symbol: 'none' as const,
      silent: true,
      lineStyle: { type: 'dashed' as const, color, width: 1.5 },
      label: { formatter: t('stars.targets.target', { v: pct(value) }), position: at, color },
      data: [{ yAxis: asPercent(value) ?? 0 }],
    });
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v == null || v === '-' ? '—' : `${String(v)}%`) },
      legend: { top: 0 },
      grid: { left: 44, right: 16, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: years },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: series.map((s) => ({ type: 'bar' as const, name: s.name, barMaxWidth: 40, itemStyle: { color: s.color }, data: s.values.map(asPercent), markLine: line(s.target, s.color, s.labelAt) })),
    };
  }, [years, series, t]);
  return <EChart option={option} style={{ height: 280 }} testId={testId} />;
}

/** The chart cards. */
export function TargetsChart({ data }: { data: TargetsResult }) {
  const t = useT();
  const { all, targets } = data;
  const years = useMemo(() => all.years.map((y) => t('stars.yearN', { y: y.year })), [all, t]);
  const stars = useMemo<Series[]>(() => [
    { name: t('stars.targets.threeShare'), color: THREE, values: all.years.map((y) => y.threePlusShare), target: targets.threeStarShare },
    { name: t('stars.targets.fiveShare'), color: FIVE, values: all.years.map((y) => y.fiveShare), target: targets.fiveStarShare },
  ], [all, targets, t]);
  const good = useMemo<Series[]>(() => [
    { name: t('stars.targets.fgCommunityShort'), color: FG_COMMUNITY, values: all.years.map((y) => y.fiveGood.community.share), target: targets.fiveGoodCommunityShare, labelAt: 'insideStartTop' },
    { name: t('stars.targets.fgOrganShort'), color: FG_ORGAN, values: all.years.map((y) => y.fiveGood.organ.share), target: targets.fiveGoodOrganShare },
  ], [all, targets, t]);
  const joined = (f: (y: TargetsResult['all']['years'][number]) => number | null) => all.years.map((y) => f(y) ?? '').join(',');

  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('stars.targets.chartTitle', { name: data.node.name })} style={{ height: '100%' }}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="star-targets-goals">
            {t('stars.targets.goals', { three: pct(targets.threeStarShare), five: pct(targets.fiveStarShare) })}
          </Typography.Text>}>
          <div data-testid="star-targets-chart" data-org={data.node.id} data-years={all.years.map((y) => y.year).join(',')}
            data-three={joined((y) => y.threePlusShare)} data-five={joined((y) => y.fiveShare)}
            data-target-three={targets.threeStarShare} data-target-five={targets.fiveStarShare}>
            <ShareChart years={years} series={stars} testId="star-targets-chart-canvas" />
          </div>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('stars.targets.fgChartTitle', { name: data.node.name })} style={{ height: '100%' }}
          extra={<Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="star-targets-fg-goals">
            {t('stars.targets.fgGoals', { community: pct(targets.fiveGoodCommunityShare), organ: pct(targets.fiveGoodOrganShare) })}
          </Typography.Text>}>
          <div data-testid="star-targets-fg-chart" data-org={data.node.id} data-years={all.years.map((y) => y.year).join(',')}
            data-community={joined((y) => y.fiveGood.community.share)} data-organ={joined((y) => y.fiveGood.organ.share)}
            data-target-community={targets.fiveGoodCommunityShare} data-target-organ={targets.fiveGoodOrganShare}>
            <ShareChart years={years} series={good} testId="star-targets-fg-chart-canvas" />
          </div>
        </Card>
      </Col>
    </Row>
  );
}
