/** The charts of a run: grade distribution, score histogram, grade (or 先进/中间/后进) counts by child organisation. */
import { useCallback, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Segmented } from 'antd';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { bandHex, bandName, fmtPoints, useWide } from './shared.tsx';
import type { RunCharts as Charts, RunDetail } from './types.ts';

const CLASSES = ['先进', '中间', '后进'] as const;
const CLASS_HEX: Record<string, string> = { 先进: '#c8102e', 中间: '#1677ff', 后进: '#8c8c8c' };
const UNGRADED = '—';

type Props = {
  run: RunDetail;
  charts: Charts | null;
  /** A grade was clicked (to filter the results). */
  onGrade?: (code: string) => void;
  /** A child organisation was clicked. */
  onChild?: (orgId: number) => void;
};

/** The chart cards of the run page. */
export function RunChartsPanel({ run, charts, onGrade, onChild }: Props) {
  const t = useT();
  const classifies = run.bands.some((b) => b.classification);
  const wide = useWide();
  const [by, setBy] = useState<'grade' | 'class'>(classifies ? 'class' : 'grade');
  const grades = run.summary.grades;
  const codes = useMemo(() => [...[...run.bands].reverse().map((b) => b.code), ...(grades[UNGRADED] ? [UNGRADED] : [])], [run.bands, grades]);
  const name = useCallback((c: string) => (c === UNGRADED ? t('run.ungraded') : bandName(c, run.bands, t)), [run.bands, t]);
  const color = useCallback((c: string) => (c === UNGRADED ? '#d9d9d9' : bandHex(c, run.bands)), [run.bands]);

  const pie = useMemo<ChartOption>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll' },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'],
      data: codes.filter((c) => grades[c]).map((c) => ({ name: name(c), value: grades[c] ?? 0, itemStyle: { color: color(c) } })),
      label: wide ? { formatter: '{b}\n{c}' } : { position: 'inside', formatter: '{c}', color: '#fff' },
    }],
  }), [codes, grades, name, color, wide]);

  const hist = useMemo<ChartOption>(() => {
    const h = charts?.histogram ?? [];
    return {
      color: ['#c8102e'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 40, right: 12, top: 24, bottom: 40 },
      xAxis: { type: 'category', data: h.map((b) => `${fmtPoints(b.from)}–${fmtPoints(b.to)}`), name: t('run.chart.score'), nameLocation: 'middle', nameGap: 26, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('run.chart.count'), data: h.map((b) => b.count), barCategoryGap: '8%', label: { show: h.length <= 16, position: 'top' } }],
    };
  }, [charts, t]);

  const children = run.summary.byChild;
  const stacked = useMemo<ChartOption>(() => {
    const list = [...children].reverse();
    const byClass = by === 'class' && classifies;
    const keys: string[] = byClass ? [...CLASSES] : codes;
    const value = (g: Record<string, number>, k: string) => (byClass
      ? run.bands.filter((b) => b.classification === k).reduce((n, b) => n + (g[b.code] ?? 0), 0)
      : g[k] ?? 0);
    // a count is written on its bar only when the bar is wide enough for it
    const widest = Math.max(1, ...list.map((c) => Object.values(c.grades).reduce((n, x) => n + x, 0)));
    const minShown = widest * (wide ? 0.03 : 0.08);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 8, right: 24, top: 8, bottom: 36, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'category', data: list.map((c) => c.name), axisLabel: { width: 110, overflow: 'truncate' } },
      series: keys.map((k) => ({
        type: 'bar' as const, name: byClass ? t(`run.class.${k as (typeof CLASSES)[number]}`) : name(k), stack: 'g', barMaxWidth: 22,
        itemStyle: { color: byClass ? CLASS_HEX[k] : color(k) },
        data: list.map((c) => value(c.grades, k)),
        label: { show: true, formatter: (p: { value?: unknown }) => (Number(p.value) >= minShown && Number(p.value) > 0 ? String(p.value) : '') },
      })),
    };
  }, [children, by, classifies, codes, run.bands, t, name, color, wide]);

  const gradeOf = (label: string) => codes.find((c) => name(c) === label);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10}>
        <Card size="small" title={t('run.chart.grades')}>
          {run.subjects ? <EChart option={pie} testId="chart-run-grades"
            onItemClick={(p) => { const c = gradeOf(p.name); if (c && c !== UNGRADED) onGrade?.(c); }} /> : <Empty style={{ height: 300 }} />}
        </Card>
      </Col>
      <Col xs={24} lg={14}>
        <Card size="small" title={t('run.chart.histogram')}>
          {charts?.histogram.length ? <EChart option={hist} testId="chart-run-histogram" /> : <Empty style={{ height: 300 }} />}
        </Card>
      </Col>
      {children.length > 1 && (
        <Col xs={24}>
          <Card size="small" title={by === 'class' && classifies ? t('run.chart.byChildClass') : t('run.chart.byChild')}
            extra={classifies && <Segmented size="small" value={by} onChange={(v) => setBy(v as 'grade' | 'class')} data-testid="chart-run-by"
              options={[{ value: 'class', label: t('run.chart.class') }, { value: 'grade', label: t('run.chart.grade') }]} />}>
            <EChart option={stacked} style={{ height: Math.max(300, children.length * 30 + 60) }} testId="chart-run-children"
              onItemClick={(p) => { const c = [...children].reverse()[p.dataIndex]; if (c) onChild?.(c.orgId); }} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
