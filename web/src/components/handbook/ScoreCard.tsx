/** The big card of the handbook: total, rank in the branch, grade so far with its interval, tier, pending entries. */
import { Tooltip } from 'antd';
import { ClockCircleOutlined, InfoCircleOutlined, TrophyOutlined } from '@ant-design/icons';
import { useT } from '../../i18n.ts';
import { GradeTag, bandSentence, bandsAscending, fmt } from './shared.tsx';
import type { Handbook } from './shared.tsx';

const cell = { flex: '1 1 0', minWidth: 0, padding: '0 6px' } as const;
const cellLabel = { fontSize: 12, opacity: 0.8, marginBottom: 2 } as const;
const cellValue = { fontSize: 15, fontWeight: 600, lineHeight: '22px' } as const;

/** The summary card. */
export function ScoreCard({ hb }: { hb: Handbook }) {
  const t = useT();
  const ascending = bandsAscending(hb.bands);
  const band = hb.bands.find((b) => b.code === hb.grade) ?? null;
  const idx = band ? ascending.indexOf(band) : -1;
  const next = idx >= 0 && idx < ascending.length - 1 ? ascending[idx + 1] : null;
  const toNext = next?.from != null ? Math.max(0, next.from - hb.total) : null;
  const lastRunning = hb.entries.length ? hb.entries[hb.entries.length - 1].runningTotal : hb.baseScore;
  const capped = Math.abs(lastRunning - hb.total) > 0.001;

  return (
    <div data-testid="handbook-card" style={{
      borderRadius: 12, color: '#fff', padding: '16px 16px 14px',
      background: 'linear-gradient(135deg, #c8102e 0%, #e0442a 100%)', boxShadow: '0 4px 14px rgba(200, 16, 46, 0.25)',
    }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', gap: 8 }}>
        <div style={{ minWidth: 0 }}>
          <span style={{ fontSize: 16, fontWeight: 600 }} data-testid="handbook-member">{hb.member.name}</span>
          <span style={{ fontSize: 12, opacity: 0.85, marginInlineStart: 8 }} data-testid="handbook-tier">
            {hb.tierName ?? t('handbook.noTier')}
          </span>
        </div>
        <span style={{ fontSize: 12, opacity: 0.85, whiteSpace: 'nowrap' }}>{t('handbook.yearN', { y: hb.year })}</span>
      </div>

      <div style={{ marginTop: 10, fontSize: 12, opacity: 0.85 }}>{t('handbook.total')}</div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 6 }}>
        <span style={{ fontSize: 44, fontWeight: 700, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }} data-testid="handbook-total">{fmt(hb.total)}</span>
        <span style={{ fontSize: 14, opacity: 0.9 }}>{t('handbook.pointsUnit')}</span>
        <span style={{ flex: 1 }} />
        <span style={{ fontSize: 12, opacity: 0.85 }}>{t('handbook.base', { n: fmt(hb.baseScore) })}</span>
      </div>
      {capped && (
        <div style={{ fontSize: 12, opacity: 0.85, marginTop: 2 }} data-testid="handbook-cap-note">
          <InfoCircleOutlined /> {t('handbook.capNote', { raw: fmt(lastRunning), total: fmt(hb.total) })}
        </div>
      )}

      <div style={{ display: 'flex', marginTop: 12, padding: '10px 0', borderRadius: 8, background: 'rgba(255,255,255,0.14)', textAlign: 'center' }}>
        <div style={cell}>
          <div style={cellLabel}><TrophyOutlined /> {t('handbook.rankInBranch')}</div>
          <div style={cellValue} data-testid="handbook-rank">
            {hb.rank !== null ? (
              <>
                <span style={{ whiteSpace: 'nowrap' }}>{t('handbook.rankNo', { rank: hb.rank })}</span>
                <span style={{ display: 'block', fontSize: 12, fontWeight: 400, lineHeight: '18px', opacity: 0.9, whiteSpace: 'nowrap' }}>{t('handbook.rankOf', { of: hb.of })}</span>
              </>
            ) : t('handbook.unranked')}
          </div>
        </div>
        <div style={{ ...cell, borderInline: '1px solid rgba(255,255,255,0.25)' }}>
          <div style={cellLabel}>{t('handbook.grade')}</div>
          <div style={cellValue}>
            {hb.grade !== null ? (
              <span style={{ background: '#fff', borderRadius: 6, display: 'inline-block', lineHeight: 0 }}>
                <GradeTag code={hb.grade} name={hb.gradeName} ascending={ascending} t={t} testId="handbook-grade" />
              </span>
            ) : (
              <Tooltip title={t('handbook.ungradedHint')}>
                <span data-testid="handbook-grade">{t('handbook.ungraded')} <InfoCircleOutlined style={{ fontSize: 12 }} /></span>
              </Tooltip>
            )}
          </div>
        </div>
        <div style={cell}>
          <div style={cellLabel}><ClockCircleOutlined /> {t('handbook.pending')}</div>
          <Tooltip title={hb.pending ? t('handbook.pendingHint') : undefined}>
            <div style={cellValue} data-testid="handbook-pending">{t('handbook.pendingN', { n: hb.pending })}</div>
          </Tooltip>
        </div>
      </div>

      <div style={{ marginTop: 10, fontSize: 13 }}>
        {band && <div data-testid="handbook-band">{bandSentence(band, t)}</div>}
        {next && toNext !== null && toNext > 0 && (
          <div style={{ opacity: 0.9 }} data-testid="handbook-to-next">{t('handbook.toNext', { name: next.name, n: fmt(toNext) })}</div>
        )}
      </div>

      {ascending.length > 0 && (
        <div style={{ display: 'flex', gap: 4, marginTop: 10 }} data-testid="handbook-bands" aria-label={t('handbook.bands')}>
          {ascending.map((b) => {
            const here = b.code === hb.grade;
            return (
              <div key={b.code} title={bandSentence(b, t)} style={{
                flex: '1 1 0', minWidth: 0, textAlign: 'center', borderRadius: 6, padding: '4px 2px', fontSize: 11, lineHeight: '15px',
                background: here ? '#fff' : 'rgba(255,255,255,0.14)', color: here ? '#c8102e' : '#fff', fontWeight: here ? 600 : 400,
              }}>
                <div style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{b.name}</div>
                <div style={{ opacity: 0.85, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{shortRange(b)}</div>
              </div>
            );
          })}
        </div>
      )}
      <div style={{ fontSize: 11, opacity: 0.75, marginTop: 8 }}>{t('handbook.yearEnd')}</div>
    </div>
  );
}

/** A compact interval for the band strip: ≥90, 75–90, <60. */
function shortRange(b: { from: number | null; to: number | null; fromInclusive: boolean; toInclusive: boolean }): string {
  if (b.from !== null && b.to !== null) return `${fmt(b.from)}–${fmt(b.to)}`;
  if (b.from !== null) return `${b.fromInclusive ? '≥' : '>'}${fmt(b.from)}`;
  if (b.to !== null) return `${b.toInclusive ? '≤' : '<'}${fmt(b.to)}`;
  return '—';
}
