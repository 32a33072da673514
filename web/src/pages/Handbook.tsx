/**
 * 我的积分手册 (phone first): the member's total, rank in the branch and grade so far, the running
 * total by month, every entry with its running total, and the indicators of their tier.
 */
import { useEffect, useState } from 'react';
import { Card, Empty, Select, Space, Spin, Typography } from 'antd';
import { ApiError, api } from '../api.ts';
import { useFeedback } from '../feedback.ts';
import { useT } from '../i18n.ts';
import { useListParams } from '../listParams.ts';
import { ScoreCard } from '../components/handbook/ScoreCard.tsx';
import { TrendChart } from '../components/handbook/TrendChart.tsx';
import { EntryTimeline } from '../components/handbook/EntryTimeline.tsx';
import { IndicatorList } from '../components/handbook/IndicatorList.tsx';
import { recentYears } from '../components/handbook/shared.tsx';
import type { MyPoints } from '../components/handbook/shared.tsx';

const FILTERS = ['schemeId', 'year'] as const;

/** The 我的积分手册 page. */
export function HandbookPage() {
  const t = useT();
  const fb = useFeedback();
  const { filters, update } = useListParams(FILTERS);
  const thisYear = new Date().getFullYear();
  const year = Number(filters.year) || thisYear;
  const schemeId = Number(filters.schemeId) || undefined;
  const [data, setData] = useState<MyPoints | null>(null);
  const [noMember, setNoMember] = useState(false);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api.get<MyPoints>('/me/points', { schemeId, year }, ctrl.signal)
      .then((d) => { setData(d); setNoMember(false); })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 404) { setNoMember(true); setData(null); return; }
        fb.error(err);
      })
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [schemeId, year, fb]);

  const hb = data?.handbook ?? null;
  const schemes = data?.schemes ?? [];
  const years = recentYears();
  if (!years.includes(year)) years.push(year);

  if (noMember) {
    return (
      <Card data-testid="handbook-page" style={{ maxWidth: 720 }}>
        <Empty description={t('handbook.noMember')} data-testid="handbook-no-member" />
      </Card>
    );
  }

  return (
    <div data-testid="handbook-page" style={{ width: '100%', maxWidth: 720, marginInline: 'auto' }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <Typography.Title level={4} style={{ margin: 0, flex: '1 0 auto' }}>{t('handbook.title')}</Typography.Title>
          <Select data-testid="handbook-year" value={year} onChange={(y: number) => update({ year: y === thisYear ? undefined : y })}
            options={years.map((y) => ({ value: y, label: t('handbook.yearN', { y }) }))} style={{ width: 104 }} aria-label={t('handbook.year')} />
        </div>
        {schemes.length > 1 && (
          <Select data-testid="handbook-scheme" value={hb?.scheme.id ?? schemeId ?? schemes[0].id} onChange={(id: number) => update({ schemeId: id })}
            options={schemes.map((s) => ({ value: s.id, label: s.name }))} style={{ width: '100%' }} aria-label={t('handbook.scheme')} />
        )}
        {schemes.length === 1 && hb && (
          <Typography.Text type="secondary" data-testid="handbook-scheme-name" style={{ fontSize: 13 }}>
            {t('handbook.scheme')}：{hb.scheme.name}
          </Typography.Text>
        )}

        <Spin spinning={loading && data !== null}>
          {data === null && loading && <Card loading />}
          {data !== null && !hb && (
            <Card data-testid="handbook-empty">
              <Empty description={<>
                <div>{t('handbook.noScheme')}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('handbook.noSchemeHint')}</Typography.Text>
              </>} />
            </Card>
          )}
          {hb && (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <ScoreCard hb={hb} />
              {hb.entries.length > 0 && (
                <Card size="small" title={t('handbook.trend')} data-testid="handbook-trend" styles={{ body: { padding: '4px 8px' } }}>
                  <TrendChart hb={hb} />
                </Card>
              )}
              <Card size="small" title={t('handbook.entries')} data-testid="handbook-entries-card"
                extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('handbook.entriesN', { n: hb.entries.length })}</Typography.Text>}
                styles={{ body: { paddingBottom: 4 } }}>
                <EntryTimeline key={`${hb.scheme.id}-${hb.year}`} entries={hb.entries} />
              </Card>
              <IndicatorList indicators={hb.indicators} entries={hb.entries} tierName={hb.tierName} />
            </Space>
          )}
        </Spin>
      </Space>
    </div>
  );
}
