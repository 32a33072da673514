/** A bar of how many members of the board hold each grade so far (highest grade first, 不定等 last). */
import { useMemo } from 'react';
import { EChart } from '../EChart.tsx';
import type { ChartOption } from '../EChart.tsx';
import { useT } from '../../i18n.ts';
import { gradeHex } from './shared.tsx';
import type { BoardItem } from './shared.tsx';

/** The grade chart; `ascending` are the scheme's bands from the lowest score up (may be empty). */
export function GradeChart({ items, ascending }: { items: BoardItem[]; ascending: { code: string; name: string }[] }) {
  const t = useT();
  const option = useMemo<ChartOption>(() => {
    const counts = new Map<string, { name: string; n: number; best: number }>();
    for (const r of items) {
      const code = r.grade ?? '';
      const c = counts.get(code) ?? { name: r.grade === null ? t('board.ungraded') : r.gradeName ?? r.grade, n: 0, best: -Infinity };
      c.n += 1;
      c.best = Math.max(c.best, r.total);
      counts.set(code, c);
    }
    // every band of the scheme, highest first; grades the scheme detail did not list, by their best total
    const known = [...ascending].reverse().map((b) => ({ code: b.code, name: b.name, n: counts.get(b.code)?.n ?? 0 }));
    const extra = [...counts.entries()].filter(([code]) => code !== '' && !ascending.some((b) => b.code === code))
      .sort((a, b) => b[1].best - a[1].best).map(([code, c]) => ({ code, name: c.name, n: c.n }));
    const rows = [...known, ...extra];
    const ungraded = counts.get('');
    if (ungraded) rows.push({ code: '', name: ungraded.name, n: ungraded.n });
    const order = ascending.length ? ascending : [...extra].reverse();
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 32, right: 12, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 11, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 10 } },
      series: [{
        type: 'bar', name: t('board.count'), barMaxWidth: 40, label: { show: true, position: 'top' },
        data: rows.map((r) => ({ value: r.n, itemStyle: { color: r.code === '' ? '#bfbfbf' : gradeHex(r.code, order), borderRadius: [4, 4, 0, 0] } })),
      }],
    };
  }, [items, ascending, t]);
  return <EChart option={option} style={{ height: 200 }} testId="board-chart" />;
}
