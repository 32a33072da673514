/** ECharts bars of the year's totals, best first: recommended members in gold, those named 优秀党员 in red, the line at 90. */
import { useMemo } from 'react';
import { Card } from 'antd';
import { useT } from '../../../i18n.ts';
import { EChart } from '../../EChart.tsx';
import { EXCELLENT_FROM, type Review } from './shared.tsx';

/** The chart card; nothing when no one has a total yet. Clicking a bar opens that member. */
export function TotalsChart({ items, onPick }: { items: Review[]; onPick: (r: Review) => void }) {
  const t = useT();
  const ranked = useMemo(() => items.filter((x) => x.total !== null).sort((a, b) => b.total! - a.total! || a.memberName.localeCompare(b.memberName, 'zh-CN')), [items]);
  const option = useMemo(() => ({
    tooltip: { trigger: 'axis' as const },
    grid: { left: 40, right: 16, top: 24, bottom: ranked.length > 6 ? 70 : 40 },
    xAxis: { type: 'category' as const, data: ranked.map((x) => x.memberName), axisLabel: { interval: 0, rotate: ranked.length > 6 ? 40 : 0 } },
    yAxis: { type: 'value' as const, min: 0, max: 100 },
    series: [{
      type: 'bar' as const, name: t('vg.total'), barMaxWidth: 36,
      data: ranked.map((x) => ({ value: x.total!, itemStyle: { color: x.excellent ? '#c8102e' : x.recommended ? '#faad14' : '#5b8ff9' } })),
      label: { show: true, position: 'top' as const },
      markLine: { silent: true, symbol: 'none', data: [{ yAxis: EXCELLENT_FROM, name: t('vg.chart.line') }], label: { formatter: t('vg.chart.line'), position: 'insideEndTop' as const }, lineStyle: { color: '#c8102e', type: 'dashed' as const } },
    }],
  }), [ranked, t]);
  if (ranked.length === 0) return null;
  return (
    <Card size="small" title={t('vg.chart')} style={{ marginBottom: 16 }} data-testid="vg-chart-card">
      <EChart testId="vg-chart" style={{ height: 280 }} option={option} onItemClick={(p) => { const r = ranked[p.dataIndex]; if (r) onPick(r); }} />
    </Card>
  );
}
