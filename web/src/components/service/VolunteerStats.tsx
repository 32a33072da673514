/** 志愿服务统计: teams, activities, participants and hours by child organisation of a year, as bars and as .xlsx. */
import { useEffect, useState } from 'react';
import { Button, Card, Empty, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { api, download } from '../../api.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { EChart } from '../EChart.tsx';

type Counts = { teams: number; activities: number; participants: number; hours: number };
type Stats = { org: { id: number; name: string }; year: number; total: Counts; items: (Counts & { orgId: number; name: string })[] };

/** The card. */
export function VolunteerStats({ orgId, year }: { orgId: number; year: number }) {
  const t = useT();
  const fb = useFeedback();
  const [s, setS] = useState<Stats | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api.get<Stats>('/volunteer/stats', { orgId, year }, ctrl.signal).then(setS).catch((err: unknown) => { fb.error(err); setS(null); });
    return () => ctrl.abort();
  }, [orgId, year, fb]);
  const exportXlsx = () => { download('/volunteer/stats/export', { orgId, year }, 'volunteer.xlsx').catch((err: unknown) => fb.error(err)); };
  if (!s) return null;
  const keys = ['teams', 'activities', 'participants'] as const;
  return (
    <Card size="small" title={`${s.org.name} · ${t('vol.stats')}`} style={{ marginBottom: 16 }} data-testid="vol-stats"
      extra={<Button size="small" icon={<DownloadOutlined />} onClick={exportXlsx} data-testid="vol-export">{t('common.export')}</Button>}>
      <Typography.Text data-testid="vol-stats-total">{t('vol.stats.total', s.total)}</Typography.Text>
      {s.items.length === 0 ? <Empty /> : (
        <EChart testId="vol-stats-chart" style={{ height: 300 }} option={{
          tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 48, bottom: 60 },
          xAxis: { type: 'category', data: s.items.map((i) => i.name), axisLabel: { interval: 0, rotate: s.items.length > 4 ? 30 : 0 } },
          yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', name: t('vol.stats.hours') }],
          series: [
            ...keys.map((k) => ({ type: 'bar' as const, name: t(`vol.stats.${k}`), data: s.items.map((i) => i[k]) })),
            { type: 'line' as const, name: t('vol.stats.hours'), yAxisIndex: 1, data: s.items.map((i) => i.hours) },
          ],
        }} />
      )}
    </Card>
  );
}
