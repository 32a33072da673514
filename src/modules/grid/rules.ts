/**
 * The rules of residents' requests (诉求, 意见建议), pure: which step may follow which, the ladder of
 * escalation (grid → community → street), time limits in working days, the review meetings' periods
 * (grid teams weekly, communities half-monthly, streets monthly), the tracking code, and the
 * categories a county starts with. No I/O, no clock.
 */
import crypto from 'node:crypto';
import { addDays, addWorkingDays, type Calendar } from '../../platform/calendar/index.js';

export const STATES = ['triage', 'assigned', 'in_progress', 'resolved', 'closed', 'confirmed', 'merged'] as const;
export type State = (typeof STATES)[number];
export const HANDLERS = ['grid', 'community', 'unit', 'street'] as const;
export type HandlerKind = (typeof HANDLERS)[number];
export const LEVELS = ['grid', 'community', 'street'] as const;
export type Level = (typeof LEVELS)[number];

/** What staff do to a request; the resident's own steps (confirm, reopen) come through the public page. */
export const STAFF_ACTIONS = ['assign', 'deliver', 'start', 'resolve', 'close', 'merge', 'note'] as const;
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export type ResidentAction = 'confirm' | 'reopen';
export type Action = StaffAction | ResidentAction | 'escalate';

/** From which states each step may be taken, and the state it leads to (null: unchanged). */
export const TRANSITIONS: Record<Action, { from: readonly State[]; to: State | null }> = {
  assign: { from: ['triage', 'assigned', 'in_progress'], to: 'assigned' },
  deliver: { from: ['assigned'], to: null },
  start: { from: ['assigned'], to: 'in_progress' },
  resolve: { from: ['assigned', 'in_progress'], to: 'resolved' },
  close: { from: ['triage', 'assigned', 'in_progress'], to: 'closed' },
  merge: { from: ['triage', 'assigned'], to: 'merged' },
  note: { from: ['triage', 'assigned', 'in_progress', 'resolved', 'closed'], to: null },
  confirm: { from: ['resolved', 'closed'], to: 'confirmed' },
  reopen: { from: ['resolved', 'closed'], to: 'assigned' },
  escalate: { from: ['assigned', 'in_progress'], to: null },
};

/** Whether `action` may be taken on a request in `state`. */
export const allowed = (action: Action, state: State): boolean => TRANSITIONS[action].from.includes(state);

/** The steps open to staff on a request in `state`, in the order the screen offers them. */
export function staffActions(state: State, delivered: boolean): StaffAction[] {
  return STAFF_ACTIONS.filter((a) => allowed(a, state) && !(a === 'deliver' && delivered));
}

/** The rung of the ladder a handler sits on: a grid team on the grid, a resident unit or the community on the community, the street on the street. */
export const levelOf = (handler: HandlerKind): Level => (handler === 'grid' ? 'grid' : handler === 'street' ? 'street' : 'community');

/** The next rung up, or null at the top. */
export function nextLevel(level: Level): Level | null {
  const i = LEVELS.indexOf(level);
  return i < LEVELS.length - 1 ? LEVELS[i + 1] : null;
}

/** The day a request is due: `limitDays` working days after the day it was assigned. */
export const dueOn = (cal: Calendar, assignedOn: string, limitDays: number): string => addWorkingDays(cal, assignedOn, limitDays);

/** Overdue: still open, and its due day is past. */
export const isOverdue = (state: State, due: string | null, today: string): boolean =>
  (state === 'assigned' || state === 'in_progress') && due !== null && due < today;

/**
 * A request escalated to the next rung gets a fresh limit there: half the category's limit, at least
 * two working days, because it has already waited once.
 */
export const escalatedLimit = (limitDays: number): number => Math.max(2, Math.ceil(limitDays / 2));

/** The period a review meeting held on `day` covers: the week (Monday–Sunday) for a grid, the half month for a community, the month for a street. */
export function reviewPeriod(level: Level, day: string): { start: string; end: string } {
  const [y, m, d] = day.split('-').map(Number);
  const monthStart = `${day.slice(0, 7)}-01`;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const monthEnd = `${day.slice(0, 7)}-${String(lastDay).padStart(2, '0')}`;
  if (level === 'street') return { start: monthStart, end: monthEnd };
  if (level === 'community') return d <= 15 ? { start: monthStart, end: `${day.slice(0, 7)}-15` } : { start: `${day.slice(0, 7)}-16`, end: monthEnd };
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday
  const start = addDays(day, -((weekday + 6) % 7));
  return { start, end: addDays(start, 6) };
}

/** How often each level meets, in words. */
export const REVIEW_CADENCE: Record<Level, string> = { grid: '每周', community: '每半月', street: '每月' };

/**
 * Recurring issues: a category raised at least `min` times in the same grid (or the same community
 * when no grid is known) within the window. Returns the groups, most frequent first.
 */
export function recurring<T extends { categoryId: number; gridId: number | null; communityId: number; raisedOn: string }>(
  items: T[], since: string, min = 3,
): { categoryId: number; gridId: number | null; communityId: number; count: number; items: T[] }[] {
  const groups = new Map<string, { categoryId: number; gridId: number | null; communityId: number; count: number; items: T[] }>();
  for (const r of items) {
    if (r.raisedOn < since) continue;
    const key = `${r.categoryId}:${r.gridId ?? `c${r.communityId}`}`;
    const g = groups.get(key) ?? { categoryId: r.categoryId, gridId: r.gridId, communityId: r.communityId, count: 0, items: [] };
    g.count += 1;
    g.items.push(r);
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.count >= min).sort((a, b) => b.count - a.count || a.categoryId - b.categoryId);
}

// The tracking code: 10 characters of an alphabet without 0/O, 1/I/L, so it can be read out over the phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A new tracking code, e.g. "K7M3-XPA9Q2", from a cryptographic source. */
export function newTrackingCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}
/** A typed tracking code in canonical form (upper case, the dash in place), or null when it cannot be one. */
export function normaliseTrackingCode(s: string): string | null {
  const t = s.toUpperCase().replace(/[\s-]/g, '');
  if (t.length !== 10 || [...t].some((c) => !ALPHABET.includes(c))) return null;
  return `${t.slice(0, 4)}-${t.slice(4)}`;
}

/** Satisfaction in one tap: 5 非常满意 … 1 非常不满意. */
export const SATISFACTION = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } as const;

/** The categories every county starts with (editable): a name, its default handler and its limit in working days. */
export const DEFAULT_CATEGORIES: { name: string; handler: HandlerKind; limitDays: number }[] = [
  { name: '环境卫生', handler: 'grid', limitDays: 3 },
  { name: '市政设施', handler: 'community', limitDays: 10 },
  { name: '物业管理', handler: 'community', limitDays: 5 },
  { name: '邻里纠纷', handler: 'grid', limitDays: 5 },
  { name: '治安安全', handler: 'community', limitDays: 3 },
  { name: '社会保障', handler: 'community', limitDays: 10 },
  { name: '养老助残', handler: 'community', limitDays: 7 },
  { name: '就业创业', handler: 'street', limitDays: 15 },
  { name: '违章建筑', handler: 'street', limitDays: 15 },
  { name: '意见建议', handler: 'community', limitDays: 10 },
  { name: '其他', handler: 'community', limitDays: 10 },
];

/** The kinds of 办事 a county's one-stop halls start with (editable). */
export const DEFAULT_HALL_KINDS = ['养老保险', '医疗报销', '低保救助', '残疾人证办理', '就业登记', '居住证明', '生育登记', '其他'];

/** Visits' kinds: 走访 and the "四联", 民主恳谈, 民情沟通日. */
export const VISIT_KINDS = ['走访', '联户', '联组', '联企业', '联工程', '民主恳谈', '民情沟通日'] as const;
export const LINK_KINDS = ['联户', '联组', '联企业', '联工程'] as const;

/** Calendar days from one date to another (0 on the same day), as residents count how long they waited. */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
