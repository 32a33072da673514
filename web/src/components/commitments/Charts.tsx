/** ECharts bars: commitments made/kept/unkept/open by child organisation; posts by type. */
import { useEffect, useState } from 'react';
import { Card, Empty } from 'antd';
import { api } from '../../api.ts';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';

type CStats = { items: { orgId: number; name: string; made: number; kept: number; unkept: number; open: number }[] };
type PStats = { byType: { type: string; posts: number; holders: number }[] };

/** 承诺与践诺统计 of an organisation in a year. */
export function CommitmentStats({ orgId, year }: { orgId: number; year: number }) {
  const t = useT();
  const [s, setS] = useState<CStats | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<CStats>('/commitments/stats', { orgId, year }, ctrl.signal).then(setS).catch(() => setS(null));
    return () => ctrl.abort();
  }, [orgId, year]);
  if (!s) return null;
  const keys = ['made', 'kept', 'unkept', 'open'] as const;
  return (
    <Card size="small" title={t('cm.stats')} data-testid="cm-stats" style={{ marginBottom: 16 }}>
      {s.items.length === 0 ? <Empty /> : (
        <EChart testId="cm-stats-chart" style={{ height: 280 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 60 },
          xAxis: { type: 'category', data: s.items.map((i) => i.name), axisLabel: { interval: 0, rotate: s.items.length > 4 ? 30 : 0 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: keys.map((k) => ({ type: 'bar' as const, name: t(`cm.stats.${k}`), data: s.items.map((i) => i[k]) })),
        }} />
      )}
    </Card>
  );
}

/** 岗位统计 by type of an organisation. */
export function PostStats({ orgId }: { orgId: number }) {
  const t = useT();
  const [s, setS] = useState<PStats | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<PStats>('/posts/stats', { orgId }, ctrl.signal).then(setS).catch(() => setS(null));
    return () => ctrl.abort();
  }, [orgId]);
  if (!s) return null;
  return (
    <Card size="small" title={t('post.stats')} data-testid="post-stats" style={{ marginBottom: 16 }}>
      {s.byType.length === 0 ? <Empty /> : (
        <EChart testId="post-stats-chart" style={{ height: 280 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 16, bottom: 80 },
          xAxis: { type: 'category', data: s.byType.map((i) => i.type), axisLabel: { interval: 0, rotate: 30 } },
          yAxis: { type: 'value', minInterval: 1 },
          series: [
            { type: 'bar', name: t('post.stats.posts'), data: s.byType.map((i) => i.posts) },
            { type: 'bar', name: t('post.stats.holders'), data: s.byType.map((i) => i.holders) },
          ],
        }} />
      )}
    </Card>
  );
}
