/** A small line of the running total at the end of each month (base score plus confirmed entries). */
import { useMemo } from 'react';
import { useLang, useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { fmt, signed } from './shared.tsx';
import type { Handbook } from './shared.tsx';

/** The months shown: all twelve for a past year, up to this month for the current one, none for a future one. */
function monthsShown(year: number): number {
  const now = new Date();
  if (year < now.getFullYear()) return 12;
  if (year > now.getFullYear()) return 0;
  return now.getMonth() + 1;
}

/** The trend chart. */
export function TrendChart({ hb }: { hb: Handbook }) {
  const t = useT();
  const lang = useLang();
  const option = useMemo<ChartOption>(() => {
    const n = Math.max(1, monthsShown(hb.year));
    const months = hb.months.slice(0, n);
    let running = hb.baseScore;
    const totals = months.map((m) => {
      running += m.points;
      return Math.round(running * 100) / 100;
    });
    const labels = months.map((m) => new Date(2000, m.month - 1, 1).toLocaleString(lang === 'en' ? 'en' : 'zh-CN', { month: 'short' }));
    // the scheme's limits (total, dimensions) can make the counted total differ from the sum of entries
    const raw = hb.entries.length ? hb.entries[hb.entries.length - 1].runningTotal : hb.baseScore;
    const capped = Math.abs(raw - hb.total) > 0.001;
    return {
      color: ['#c8102e'],
      grid: { left: 36, right: 12, top: 16, bottom: 24 },
      tooltip: {
        trigger: 'axis',
        formatter: (params: unknown) => {
          const p = (Array.isArray(params) ? params[0] : params) as { dataIndex: number; name: string };
          const i = p.dataIndex;
          const counted = capped ? `<br/>${t('handbook.counted')}：${fmt(hb.total)}` : '';
          return `${p.name}<br/>${t('handbook.monthChange')}：${signed(months[i].points)}<br/>${t('handbook.running')}：${fmt(totals[i])}${counted}`;
        },
      },
      xAxis: { type: 'category', data: labels, boundaryGap: false, axisLabel: { fontSize: 10, hideOverlap: true } },
      yAxis: { type: 'value', scale: true, splitNumber: 3, axisLabel: { fontSize: 10 } },
      series: [{
        type: 'line', name: t('handbook.running'), data: totals, smooth: true, symbolSize: 6,
        lineStyle: { width: 2 },
        areaStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: 'rgba(200,16,46,0.28)' }, { offset: 1, color: 'rgba(200,16,46,0.02)' }] } },
      }, ...(capped ? [{
        type: 'line' as const, name: t('handbook.counted'), data: months.map(() => hb.total), symbol: 'none', silent: true,
        lineStyle: { type: 'dashed' as const, width: 1, color: '#8c8c8c' },
        endLabel: { show: true, formatter: `${t('handbook.counted')} ${fmt(hb.total)}`, color: '#595959', fontSize: 10, offset: [-70, -10] as [number, number] },
      }] : [])],
    };
  }, [hb, t, lang]);
  return <EChart option={option} style={{ height: 180 }} testId="handbook-chart" />;
}
