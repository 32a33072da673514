/** The ranked rows of a 亮分榜: medals for the top three ranks, tier, total, grade, and the signed-in member's own row highlighted. */
import { Tag, Typography } from 'antd';
import { useT } from '../../i18n.ts';
import { GradeTag, fmt } from './shared.tsx';
import type { BoardItem } from './shared.tsx';

const MEDALS: Record<number, { name: string; bg: string }> = {
  1: { name: 'gold', bg: 'linear-gradient(135deg, #ffd666 0%, #d48806 100%)' },
  2: { name: 'silver', bg: 'linear-gradient(135deg, #e8ecf1 0%, #8c99a6 100%)' },
  3: { name: 'bronze', bg: 'linear-gradient(135deg, #f3c08f 0%, #a8591b 100%)' },
};

/** DOM id of the signed-in member's row. */
export const MY_ROW_ID = 'board-my-row';

function RankBadge({ rank }: { rank: number }) {
  const medal = MEDALS[rank];
  if (medal) {
    return (
      <span data-testid="board-medal" data-medal={medal.name} style={{
        width: 30, height: 30, borderRadius: '50%', background: medal.bg, color: '#fff', fontWeight: 700, fontSize: 14,
        display: 'inline-flex', alignItems: 'center', justifyContent: 'center', boxShadow: '0 1px 3px rgba(0,0,0,0.2)',
        textShadow: '0 1px 1px rgba(0,0,0,0.25)', flex: 'none',
      }}>{rank}</span>
    );
  }
  return (
    <span style={{ width: 30, textAlign: 'center', color: '#8c8c8c', fontWeight: 600, fontSize: 14, flex: 'none', fontVariantNumeric: 'tabular-nums' }}>{rank}</span>
  );
}

/** The list. */
export function BoardList({ items, myMemberId, ascending }: { items: BoardItem[]; myMemberId: number | null; ascending: { code: string }[] }) {
  const t = useT();
  return (
    <div data-testid="board-list" role="list">
      {items.map((r, i) => {
        const mine = myMemberId !== null && r.memberId === myMemberId;
        return (
          <div key={r.memberId ?? `masked-${i}`} role="listitem" id={mine ? MY_ROW_ID : undefined}
            data-testid={mine ? 'board-row-me' : 'board-row'} data-rank={r.rank} data-member-id={r.memberId ?? ''}
            style={{
              display: 'flex', alignItems: 'center', gap: 10, padding: '10px 10px', borderBottom: '1px solid #f0f0f0',
              background: mine ? '#fff1f0' : undefined, borderInlineStart: `3px solid ${mine ? '#c8102e' : 'transparent'}`,
            }}>
            <RankBadge rank={r.rank} />
            <div style={{ flex: 1, minWidth: 0 }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                <Typography.Text strong={mine} data-testid="board-row-name" style={{ fontSize: 15 }}>{r.name}</Typography.Text>
                {mine && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('board.me')}</Tag>}
                {r.probationary && <Tag color="gold" style={{ marginInlineEnd: 0 }}>{t('board.probationary')}</Tag>}
              </div>
              {r.tierName && <div style={{ fontSize: 12, color: '#8c8c8c', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }} data-testid="board-row-tier">{r.tierName}</div>}
            </div>
            <div style={{ textAlign: 'end', flex: 'none' }}>
              <div style={{ fontSize: 18, fontWeight: 700, lineHeight: '22px', color: mine ? '#c8102e' : undefined, fontVariantNumeric: 'tabular-nums' }} data-testid="board-row-total">
                {fmt(r.total)}
              </div>
              <GradeTag code={r.grade} name={r.gradeName} ascending={ascending} t={t} testId="board-row-grade" />
            </div>
          </div>
        );
      })}
    </div>
  );
}
