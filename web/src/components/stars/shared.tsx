/** Helpers shared by the 评星晋级 pages: state and step names, tags, stars, the path of the procedure. */
import { Grid, Rate, Tag } from 'antd';
import { useLang } from '../../i18n.ts';
import type { MsgKey, TFunction } from '../../i18n.ts';
import type { Named, Objection, StarState, StarStep, StepRecord } from './types.ts';

/** The first level that goes through 验收 and a public notice. */
export const NOTICE_FROM = 4;

/** Every state, in the order of the procedure. */
export const STAR_STATES: StarState[] = ['draft', 'submitted', 'returned', 'assessed', 'approved', 'notice', 'published', 'refused'];

/** The steps, in the order their buttons show. */
export const STAR_STEPS: StarStep[] = ['submit', 'return', 'assess', 'approve', 'accept', 'sendBack', 'refuse', 'publish'];

const STATE_KEYS: Record<StarState, MsgKey> = {
  draft: 'stars.state.draft', submitted: 'stars.state.submitted', returned: 'stars.state.returned', assessed: 'stars.state.assessed',
  approved: 'stars.state.approved', notice: 'stars.state.notice', published: 'stars.state.published', refused: 'stars.state.refused',
};

const STATE_COLORS: Record<StarState, string> = {
  draft: 'default', submitted: 'processing', returned: 'warning', assessed: 'blue', approved: 'cyan', notice: 'purple', published: 'success', refused: 'error',
};

const STEP_KEYS: Record<string, MsgKey> = {
  apply: 'stars.step.apply', submit: 'stars.step.submit', return: 'stars.step.return', assess: 'stars.step.assess', refuse: 'stars.step.refuse',
  sendBack: 'stars.step.sendBack', approve: 'stars.step.approve', accept: 'stars.step.accept', publish: 'stars.step.publish', objectionUpheld: 'stars.step.objectionUpheld',
};

/** The name of a state in the current language. */
export function stateLabel(state: string, t: TFunction): string {
  const key = STATE_KEYS[state as StarState];
  return key ? t(key) : state;
}

/** The name of a step (also the recorded 'apply' and 'objectionUpheld'). */
export function stepLabel(step: string, t: TFunction): string {
  const key = STEP_KEYS[step];
  return key ? t(key) : step;
}

/** A state tag: the server's name when given, else ours. */
export function StateTag({ state, name, t, testId }: { state: StarState; name?: Named; t: TFunction; testId?: string }) {
  const lang = useLang();
  const text = name ? (lang === 'en' ? name.en : name.zh) : stateLabel(state, t);
  return <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state} data-testid={testId}>{text}</Tag>;
}

/** Stars shown read-only (antd Rate); `data-level` carries the number for tests. */
export function Stars({ value, small, testId }: { value: number | null | undefined; small?: boolean; testId?: string }) {
  return (
    <span data-level={value ?? 0} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      <Rate disabled count={5} value={value ?? 0} style={{ fontSize: small ? 14 : 18 }} />
    </span>
  );
}

/** "N 星级". */
export function levelText(n: number, t: TFunction): string {
  return t('stars.levelN', { n });
}

/** Options of a level select from `min` to `max`, highest first. */
export function levelOptions(min: number, max: number, t: TFunction): { value: number; label: string }[] {
  const out: { value: number; label: string }[] = [];
  for (let n = max; n >= min; n--) out.push({ value: n, label: levelText(n, t) });
  return out;
}

/** This year and the six before it, newest first. */
export function recentYears(): number[] {
  const y = new Date().getFullYear();
  return Array.from({ length: 7 }, (_, i) => y - i);
}

/** Whether the screen is at least tablet-wide. */
export function useWide(): boolean {
  return Grid.useBreakpoint().md ?? false;
}

/** Whether a deadline has passed. */
export function overdue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn < today;
}

/** The objection states' tags. */
export function ObjectionStateTag({ state, t }: { state: Objection['state']; t: TFunction }) {
  if (state === 'upheld') return <Tag color="red" data-state={state}>{t('stars.objection.upheld')}</Tag>;
  if (state === 'dismissed') return <Tag color="green" data-state={state}>{t('stars.objection.dismissed')}</Tag>;
  return <Tag color="orange" data-state={state}>{t('stars.objection.open')}</Tag>;
}

/** The path of the procedure for a level, as step keys. */
export function pathOf(level: number): MsgKey[] {
  return level >= NOTICE_FROM
    ? ['stars.path.apply', 'stars.path.street', 'stars.path.accept', 'stars.path.notice', 'stars.path.publish']
    : ['stars.path.apply', 'stars.path.street', 'stars.path.approve', 'stars.path.publish'];
}

/** Where on its path an application stands: the index and the antd Steps status. */
export function pathPosition(state: StarState, level: number, steps: StepRecord[]): { current: number; status: 'process' | 'finish' | 'error' | 'wait' } {
  const last = pathOf(level).length - 1;
  const at = (s: StarState): number => {
    switch (s) {
      case 'draft': case 'returned': return 0;
      case 'submitted': return 1;
      case 'assessed': return 2;
      case 'approved': return level >= NOTICE_FROM ? 3 : last;
      case 'notice': return 3;
      default: return last;
    }
  };
  if (state === 'published') return { current: last, status: 'finish' };
  if (state === 'refused') {
    const from = [...steps].reverse().find((s) => s.toState === 'refused')?.fromState ?? 'assessed';
    return { current: at(from), status: 'error' };
  }
  return { current: at(state), status: 'process' };
}

/** The message of an upheld objection's effect. */
export function outcomeText(o: Objection['outcome'], t: TFunction): string {
  if (!o) return '';
  return o.kind === 'refuse' ? t('stars.answer.refuse') : t('stars.answer.lowerTo', { n: o.level });
}

/** How a criterion fares: 达到 (green), 未达到 (red), 缺少材料 (orange). */
export function OutcomeTag({ met, t, testId }: { met: boolean | null | undefined; t: TFunction; testId?: string }) {
  if (met === true) return <Tag color="green" data-met="met" data-testid={testId}>{t('stars.eval.met')}</Tag>;
  if (met === false) return <Tag color="red" data-met="unmet" data-testid={testId}>{t('stars.eval.unmet')}</Tag>;
  return <Tag color="orange" data-met="missing" data-testid={testId}>{t('stars.eval.missing')}</Tag>;
}

/** A link only when it is http(s); anything else stays text. */
export function SafeLink({ url, title }: { url: string; title?: string | null }) {
  return /^https?:\/\//i.test(url)
    ? <a href={url} target="_blank" rel="noopener noreferrer">{title || url}</a>
    : <span>{title ? `${title}（${url}）` : url}</span>;
}
