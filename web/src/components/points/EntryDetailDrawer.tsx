/** One ledger entry in full (GET /points/entries/:id), following reversal links, with its actions. */
import { useEffect, useState } from 'react';
import { Button, Descriptions, Drawer, Space, Spin, Typography } from 'antd';
import { api } from '../../api.ts';
import { formatTime } from '../../dates.ts';
import { useFeedback } from '../../feedback.ts';
import { useT } from '../../i18n.ts';
import { EntryStatusTag, PointsText, sourceLabel, useDrawerSize } from './shared.tsx';
import type { Entry } from './types.ts';

type Props = {
  id: number | null;
  /** Bumped by the page after an action, to re-read the entry. */
  tick: number;
  indicatorName: (code: string) => string;
  dimensionName: (code: string) => string;
  onOpen: (id: number) => void;
  onClose: () => void;
  onAction: (kind: 'reverse' | 'confirm' | 'reject', e: Entry) => void;
};

/** The entry drawer. */
export function EntryDetailDrawer({ id, tick, indicatorName, dimensionName, onOpen, onClose, onAction }: Props) {
  const t = useT();
  const fb = useFeedback();
  const size = useDrawerSize(560);
  const [entry, setEntry] = useState<Entry | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (id === null) { setEntry(null); return undefined; }
    const ctrl = new AbortController();
    setLoading(true);
    api.get<Entry>(`/points/entries/${id}`, undefined, ctrl.signal)
      .then(setEntry)
      .catch((err: unknown) => fb.error(err))
      .finally(() => { if (!ctrl.signal.aborted) setLoading(false); });
    return () => ctrl.abort();
  }, [id, tick, fb]);

  const e = entry && entry.id === id ? entry : null;
  const link = (other: number) => <a onClick={() => onOpen(other)} data-testid={`entry-link-${other}`}>#{other}</a>;

  return (
    <Drawer open={id !== null} onClose={onClose} size={size} title={t('points.detail', { id: id ?? '' })} data-testid="entry-detail"
      extra={e && <Space>
        {e.actions.includes('reverse') && <Button danger onClick={() => onAction('reverse', e)} data-testid="entry-detail-reverse">{t('points.reverse')}</Button>}
        {e.actions.includes('decide') && <Button type="primary" onClick={() => onAction('confirm', e)} data-testid="entry-detail-confirm">{t('points.confirm')}</Button>}
        {e.actions.includes('decide') && <Button danger onClick={() => onAction('reject', e)} data-testid="entry-detail-reject">{t('points.reject')}</Button>}
      </Space>}>
      <Spin spinning={loading}>
        {e && (
          <Descriptions bordered size="small" column={1} items={[
            { key: 'id', label: t('points.id'), children: `#${e.id}` },
            { key: 'date', label: t('points.date'), children: e.occurredOn },
            { key: 'subject', label: e.subjectKind === 'member' ? t('points.member') : t('points.orgSubject'), children: e.subjectName },
            { key: 'org', label: t('common.org'), children: e.orgName },
            { key: 'ind', label: t('points.indicator'), children: <>{indicatorName(e.indicator)} <Typography.Text type="secondary" code>{e.indicator}</Typography.Text></> },
            { key: 'dim', label: t('points.dimension'), children: e.dimension ? dimensionName(e.dimension) : '—' },
            { key: 'pts', label: t('points.points'), children: <PointsText value={e.points} testId="entry-detail-points" /> },
            { key: 'status', label: t('common.status'), children: <EntryStatusTag status={e.status} t={t} /> },
            { key: 'ev', label: t('points.evidence'), children: e.evidence ?? '' },
            { key: 'src', label: t('points.source'), children: <>{sourceLabel(e.source, t)}{e.sourceKey ? <Typography.Text type="secondary"> · {e.sourceKey}</Typography.Text> : null}</> },
            { key: 'rec', label: t('points.recorder'), children: `${e.recordedByName ?? t('points.system')} · ${formatTime(e.recordedAt)}` },
            ...(e.decidedAt ? [{ key: 'dec', label: t('points.decided'), children: `${formatTime(e.decidedAt)}${e.decisionNote ? `${t('points.colon')}${e.decisionNote}` : ''}` }] : []),
            ...(e.correctsId ? [{ key: 'corr', label: t('points.corrects'), children: <span data-testid="entry-detail-corrects">{t('points.correctsText')} {link(e.correctsId)}</span> }] : []),
            ...(e.correctedBy ? [{ key: 'corrby', label: t('points.correctedBy'), children: <span data-testid="entry-detail-corrected-by">{t('points.correctedByText')} {link(e.correctedBy)}</span> }] : []),
            { key: 'year', label: t('points.year'), children: e.year },
          ]} />
        )}
      </Spin>
    </Drawer>
  );
}
