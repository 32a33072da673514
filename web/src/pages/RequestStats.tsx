/** 民情统计: requests by sub-organisation, grid or category in a period, with the chart; the grids' load; visits per liaison; the .xlsx exports. */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, DatePicker, Segmented, Space, Spin } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api, download } from '../api.ts';
import { errorText, useFeedback } from '../feedback.ts';
import { useLang, useT } from '../i18n.ts';
import { useSession } from '../session.tsx';
import type { Items, OrgDetail } from '../types.ts';
import { OrgTreeSelect } from '../components/OrgTreeSelect.tsx';
import { FiguresCard, GridLoadCard, VisitStatsCard, type GridLoad, type Stats, type VisitFigures } from '../components/grid/StatsParts.tsx';

type By = Stats['by'];
const BYS: By[] = ['child', 'grid', 'category'];
type Loaded = { stats: Stats; load: GridLoad[]; visits: VisitFigures[] };

/** The page; `?orgId=` and `?by=` may preselect. */
export function RequestStatsPage() {
  const t = useT();
  const lang = useLang();
  const fb = useFeedback();
  const { me } = useSession();
  const [params] = useSearchParams();
  const [orgId, setOrgId] = useState<number | undefined>(Number(params.get('orgId')) || me?.grants[0]?.orgId);
  const [by, setBy] = useState<By | undefined>(BYS.find((b) => b === params.get('by')));
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');

  // a community's requests group by grid; above it, by the organisations below
  useEffect(() => {
    if (!orgId || by) return undefined;
    let live = true;
    api.get<OrgDetail>(`/orgs/${orgId}`)
      .then((d) => { if (live) setBy(['community', 'village'].includes(d.org.kind) ? 'grid' : 'child'); })
      .catch((err: unknown) => { if (live) { setBy('child'); setProblem(errorText(err, lang)); } });
    return () => { live = false; };
  }, [orgId, by, lang]);

  useEffect(() => {
    if (!orgId || !by) return undefined;
    const ctrl = new AbortController();
    setLoading(true);
    setData(null);
    Promise.all([
      api.get<Stats>('/requests/stats', { orgId, by, from, to }, ctrl.signal),
      api.get<Items<GridLoad>>('/requests/grid-load', { orgId }, ctrl.signal),
      api.get<Items<VisitFigures>>('/visits/stats', { orgId, from, to }, ctrl.signal),
    ])
      .then(([stats, load, visits]) => { setData({ stats, load: load.items, visits: visits.items }); setProblem(null); })
      .catch((err: unknown) => { if (!ctrl.signal.aborted) setProblem(errorText(err, lang)); })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [orgId, by, from, to, tick, lang]);

  const save = (path: string, query: Record<string, string | number | undefined>, name: string) => {
    download(path, query, name).catch((err: unknown) => fb.error(err));
  };

  return (
    <Card title={t('gs.title')} data-testid="gs-page"
      extra={<Button icon={<ReloadOutlined />} onClick={() => setTick((n) => n + 1)} aria-label={t('common.refresh')} data-testid="gs-reload" />}>
      <Space wrap style={{ marginBottom: 16 }}>
        <OrgTreeSelect value={orgId} allowClear={false} onChange={(v, org) => { setOrgId(v); setData(null); setBy(org ? (['community', 'village'].includes(org.kind) ? 'grid' : 'child') : undefined); }}
          placeholder={t('gs.org')} style={{ width: 240, maxWidth: '100%' }} data-testid="gs-org" />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} placeholder={[t('gs.period'), t('gs.period')]} data-testid="gs-period" />
        <Segmented<By> value={by ?? 'child'} onChange={setBy} data-testid="gs-by"
          options={BYS.map((b) => ({ value: b, label: <span data-testid={`gs-by-${b}`}>{t(`gs.by.${b}`)}</span> }))} />
        <Button icon={<DownloadOutlined />} disabled={!orgId || !by} onClick={() => save('/requests/stats/export', { orgId, by, from, to }, 'request-stats.xlsx')} data-testid="gs-export-figures">
          {t('gs.export.figures')}
        </Button>
        <Button icon={<DownloadOutlined />} disabled={!orgId} onClick={() => save('/requests/export', { orgId, from, to }, 'requests.xlsx')} data-testid="gs-export-requests">
          {t('gs.export.requests')}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 16 }} data-testid="gs-error" />}
      {loading && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {data && !problem && (
        <div data-testid="gs-body" data-org={data.stats.org.id} data-by={data.stats.by}>
          <FiguresCard s={data.stats} t={t} />
          <GridLoadCard items={data.load} t={t}
            extra={<Button size="small" icon={<DownloadOutlined />} onClick={() => save('/requests/grid-load/export', { orgId }, 'grid-load.xlsx')} data-testid="gs-export-load">{t('gs.export.load')}</Button>} />
          <VisitStatsCard items={data.visits} t={t} />
        </div>
      )}
    </Card>
  );
}
