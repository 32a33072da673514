/** The member's entries, newest first: date, indicator, points, status, evidence, recorder, running total and reversals. */
import { useMemo, useState } from 'react';
import { Button, Empty, Tag, Timeline, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { ADD_COLOUR, SUBTRACT_COLOUR, fmt, scrollToAndFlash, signed } from './shared.tsx';
import type { HandbookEntry } from './shared.tsx';

const PAGE = 30;

/** DOM id of an entry, for the links between an entry and its reversal. */
export const entryDomId = (id: number) => `handbook-entry-${id}`;

function dotColour(e: HandbookEntry): string {
  if (e.status === 'rejected') return 'gray';
  if (e.status === 'pending') return '#fa8c16';
  if (e.correctsId !== null) return '#722ed1';
  return e.points < 0 ? SUBTRACT_COLOUR : ADD_COLOUR;
}

/** The entry list. */
export function EntryTimeline({ entries }: { entries: HandbookEntry[] }) {
  const t = useT();
  const [shown, setShown] = useState(PAGE);
  const byId = useMemo(() => new Map(entries.map((e) => [e.id, e])), [entries]);
  const newestFirst = useMemo(() => [...entries].reverse(), [entries]);

  if (!entries.length) return <Empty description={t('handbook.noEntries')} data-testid="handbook-no-entries" />;

  const jump = (id: number) => {
    const index = newestFirst.findIndex((e) => e.id === id);
    if (index >= shown) setShown(index + 1);
    window.setTimeout(() => scrollToAndFlash(entryDomId(id)), 50);
  };

  const items = newestFirst.slice(0, shown).map((e) => {
    const counted = e.status === 'confirmed';
    const corrected = e.correctsId !== null ? byId.get(e.correctsId) : undefined;
    const reversal = e.correctedBy !== null ? byId.get(e.correctedBy) : undefined;
    return {
      key: e.id,
      color: dotColour(e),
      content: (
        <div id={entryDomId(e.id)} data-testid="handbook-entry" data-entry-id={e.id} data-status={e.status} style={{ borderRadius: 6, padding: '0 4px', margin: '0 -4px' }}>
          <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 6, fontVariantNumeric: 'tabular-nums' }}>{e.occurredOn}</Typography.Text>
              <Typography.Text strong>{e.indicatorName}</Typography.Text>
            </div>
            <span data-testid="handbook-entry-points" style={{
              fontWeight: 600, fontSize: 16, whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums',
              color: e.status === 'rejected' ? '#bfbfbf' : e.points < 0 ? SUBTRACT_COLOUR : ADD_COLOUR,
              textDecoration: e.status === 'rejected' ? 'line-through' : undefined,
            }}>{signed(e.points)}</span>
          </div>
          {(e.status !== 'confirmed' || e.correctsId !== null || e.correctedBy !== null) && (
            <div style={{ marginTop: 2, display: 'flex', flexWrap: 'wrap', gap: 4, alignItems: 'center' }}>
              {e.status === 'pending' && <Tag color="orange" data-testid="handbook-entry-status">{t('handbook.status.pending')}</Tag>}
              {e.status === 'rejected' && <Tag data-testid="handbook-entry-status">{t('handbook.status.rejected')}</Tag>}
              {e.correctsId !== null && (
                <>
                  <Tag color="purple" data-testid="handbook-entry-reversal">{t('handbook.reversal')}</Tag>
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12, whiteSpace: 'normal', textAlign: 'start' }}
                    onClick={() => jump(e.correctsId!)} data-testid="handbook-entry-corrects">
                    {corrected
                      ? t('handbook.corrects', { date: corrected.occurredOn, name: corrected.indicatorName, id: corrected.id })
                      : t('handbook.correctsId', { id: e.correctsId })}
                  </Button>
                </>
              )}
              {e.correctedBy !== null && (
                <>
                  <Tag data-testid="handbook-entry-corrected">{t('handbook.correctedBy')}</Tag>
                  <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12, whiteSpace: 'normal', textAlign: 'start' }}
                    onClick={() => jump(e.correctedBy!)} data-testid="handbook-entry-corrected-by">
                    {reversal
                      ? t('handbook.correctedByText', { date: reversal.occurredOn, id: reversal.id })
                      : t('handbook.correctedById', { id: e.correctedBy })}
                  </Button>
                </>
              )}
            </div>
          )}
          {e.evidence && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: '2px 0 0' }} ellipsis={{ rows: 3, expandable: true, symbol: '…' }}
              data-testid="handbook-entry-evidence">
              {e.evidence}
            </Typography.Paragraph>
          )}
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, fontSize: 12, color: '#8c8c8c', marginTop: 2 }}>
            <span>{t('handbook.recorder', { name: e.recordedByName ?? t('handbook.system') })}</span>
            <span data-testid="handbook-entry-running" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
              {t('handbook.runningAfter', { n: fmt(e.runningTotal) })}{counted ? '' : t('handbook.notCounted')}
            </span>
          </div>
        </div>
      ),
    };
  });

  return (
    <div data-testid="handbook-entries">
      <Timeline items={items} />
      {shown < newestFirst.length && (
        <Button block onClick={() => setShown((n) => n + PAGE)} data-testid="handbook-more">
          {t('handbook.showMore', { n: newestFirst.length - shown })}
        </Button>
      )}
    </div>
  );
}
