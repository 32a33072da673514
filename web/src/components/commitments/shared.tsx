/** Types and small parts shared by the 公开承诺 and 设岗定责 pages. */
import { Tag } from 'antd';
import type { MsgKey, TFunction } from '../../i18n.ts';

export type CommitmentState = 'made' | 'in_progress' | 'kept' | 'unkept' | 'withdrawn';
export type MakerKind = 'member' | 'org' | 'unit';

/** One row of GET /commitments. */
export type Commitment = {
  id: number; orgId: number; orgName: string; year: number; makerKind: MakerKind; makerId: number; makerName: string; kind: string; title: string; target: string;
  madeOn: string; dueOn: string; public: boolean; docKind: string | null; state: CommitmentState; stateName: string; verifyNote: string | null; verifiedOn: string | null;
  rowVersion: number; updates: number; overdue: boolean; actions: string[];
};
export type Progress = { id: number; on: string; note: string; byName: string | null };
export type CommitmentDetail = Commitment & { progress: Progress[] };

export const STATES: CommitmentState[] = ['made', 'in_progress', 'kept', 'unkept', 'withdrawn'];
export const MAKER_KINDS: MakerKind[] = ['member', 'org', 'unit'];
export const KINDS = ['依岗', '因事', '具体'] as const;
const COLORS: Record<CommitmentState, string> = { made: 'blue', in_progress: 'processing', kept: 'green', unkept: 'volcano', withdrawn: 'default' };

/** A state tag; an open commitment past its due date is shown in red. */
export function CommitmentTag({ state, overdue, t, testId }: { state: string; overdue?: boolean; t: TFunction; testId?: string }) {
  const s = state as CommitmentState;
  return (
    <span data-testid={testId} data-state={s}>
      <Tag color={COLORS[s] ?? 'default'}>{t(`cm.state.${s}` as MsgKey)}</Tag>
      {overdue && <Tag color="red">{t('cm.state.overdue')}</Tag>}
    </span>
  );
}

/** The last few years, newest first, as Select options. */
export function yearOptions(t: TFunction) {
  const y = new Date().getFullYear();
  return Array.from({ length: 6 }, (_, i) => y + 1 - i).map((v) => ({ value: v, label: t('cm.yearN', { y: v }) }));
}
