/**
 * The 民主评议 charts: a campaign's turnout per constituency (ballots cast against voters, the one
 * figure shown before the close) and, after the count, each member's grades stacked by
 * constituency; the year summary's members per organisation stacked by grade.
 */
import { useMemo } from 'react';
import { Typography } from 'antd';
import { useLang, useT, valueLabel } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { CONSTITUENCIES, GRADE_COLORS, castOf, constituencyLabel } from './shared.tsx';
import type { ResultRow, Turnout } from './types.ts';

/** Turnout: cast and not yet cast, per constituency, with "已投/应投" beside the bars. */
export function TurnoutChart({ turnout }: { turnout: Turnout }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const cons = CONSTITUENCIES.filter((c) => turnout[c].voters > 0);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: cons.map((c) => constituencyLabel(c, t)), inverse: true },
      series: [
        { type: 'bar', name: t('eval.turnout.cast'), stack: 'n', barMaxWidth: 28, itemStyle: { color: '#389e0d' }, data: cons.map((c) => turnout[c].cast),
          label: { show: true, position: 'insideLeft', color: '#fff' } },
        { type: 'bar', name: t('eval.turnout.notYet'), stack: 'n', barMaxWidth: 28, itemStyle: { color: '#d9d9d9' }, data: cons.map((c) => turnout[c].voters - turnout[c].cast) },
      ],
    };
  }, [turnout, t]);
  return (
    <div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 24px' }}>
        {CONSTITUENCIES.map((c) => (
          <span key={c}>
            <Typography.Text type="secondary">{constituencyLabel(c, t)} {t('eval.turnout.castOfVoters')}：</Typography.Text>
            <Typography.Text strong data-testid={`eval-turnout-${c}`} data-cast={turnout[c].cast} data-voters={turnout[c].voters}>{castOf(turnout, c)}</Typography.Text>
          </span>
        ))}
      </div>
      <EChart option={option} style={{ height: 140 }} testId="eval-turnout-chart" />
    </div>
  );
}

/** Each graded member's grades, a bar per constituency stacked by grade. */
export function ResultsChart({ results, grades }: { results: ResultRow[]; grades: string[] }) {
  const t = useT();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: results.map((r) => r.name) },
    series: CONSTITUENCIES.flatMap((c) => grades.map((g) => ({
      type: 'bar' as const, name: valueLabel(g, lang), stack: c, barMaxWidth: 14, itemStyle: { color: GRADE_COLORS[g] },
      data: results.map((r) => ({ value: r.counts[c]?.[g] ?? 0, name: `${r.name} · ${constituencyLabel(c, t)}` })),
    }))),
  }), [results, grades, lang, t]);
  return (
    <div data-testid="eval-results-chart-box" data-members={results.map((r) => r.name).join(',')}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4, fontSize: 12 }}>{t('eval.results.chartHint')}</Typography.Paragraph>
      <EChart option={option} style={{ height: Math.max(200, 60 + results.length * 40) }} testId="eval-results-chart" />
    </div>
  );
}

/** One bar of the year summary: an organisation's graded members per grade. */
export type SummaryBar = { name: string; grades: Record<string, number> };

/** The year summary: members graded per organisation, a horizontal bar each, stacked by grade. */
export function SummaryChart({ bars, grades }: { bars: SummaryBar[]; grades: string[] }) {
  const t = useT();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: bars.map((b) => b.name), axisLabel: { width: 120, overflow: 'truncate' } },
    series: grades.map((g) => ({
      type: 'bar' as const, name: g === '未评定' ? t('eval.summary.ungraded') : valueLabel(g, lang), stack: 'n', barMaxWidth: 24,
      itemStyle: { color: GRADE_COLORS[g] ?? '#bfbfbf' }, data: bars.map((b) => b.grades[g] ?? 0),
    })),
  }), [bars, grades, lang, t]);
  return (
    <div data-testid="eval-summary-chart-box" data-bars={JSON.stringify(bars)}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4, fontSize: 12 }}>{t('eval.summary.chartHint')}</Typography.Paragraph>
      <EChart option={option} style={{ height: Math.max(180, 70 + bars.length * 36) }} testId="eval-summary-chart" />
    </div>
  );
}
