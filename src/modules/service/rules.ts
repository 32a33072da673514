/**
 * The pure parts of 点对点服务 and volunteering: the kinds of need, the confirmation code (derived
 * from the server's key, so only its keyed hash is stored and staff can print it again), the
 * satisfaction scale, the states a service passes through, and the arithmetic of activities.
 */
import crypto from 'node:crypto';

/** Kinds of resident who need regular service (the table's check lists the same). */
export const NEED_KINDS = ['高龄', '独居', '残疾', '困难家庭', '留守儿童', '重病', '其他'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/** Satisfaction in one tap: 5 非常满意 … 1 非常不满意. */
export const SATISFACTION = { 5: '非常满意', 4: '满意', 3: '基本满意', 2: '不满意', 1: '非常不满意' } as const;

export type ServiceState = 'claimed' | 'served' | 'confirmed' | 'withdrawn';
export const SERVICE_STATE_ZH: Record<ServiceState, string> = { claimed: '已认领', served: '待居民确认', confirmed: '居民已确认', withdrawn: '已撤销' };
export const NEED_STATE_ZH: Record<'open' | 'closed', string> = { open: '服务中', closed: '已关闭' };

// the confirmation code: 8 characters of an alphabet without 0/O, 1/I/L, read out over the phone as two groups of four
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The confirmation code of a recorded service: a keyed SM3 digest of the service's identity and date,
 * written in the alphabet, e.g. "K7M3-XPA9". Whoever lacks the key cannot guess it; staff holding the
 * server can show it again; the database keeps only its lookup hash.
 */
export function confirmCode(hashKey: Buffer, s: { countyId: number; id: number; servedOn: string }): string {
  const digest = crypto.createHmac('sm3', hashKey).update(`service-confirm|${s.countyId}|${s.id}|${s.servedOn}`).digest();
  const chars = [...digest.subarray(0, 8)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4)}`;
}

/** A typed code in canonical form (upper case, the dash in place), or null when it cannot be one. */
export function normaliseCode(s: string): string | null {
  const t = s.toUpperCase().replace(/[\s-]/g, '');
  if (t.length !== 8 || [...t].some((c) => !ALPHABET.includes(c))) return null;
  return `${t.slice(0, 4)}-${t.slice(4)}`;
}

/** The last four digits of a masked phone (138****5678 → 5678), or null. */
export function lastFour(masked: string | null): string | null {
  if (!masked) return null;
  const m = /(\d{4})$/.exec(masked);
  return m ? m[1] : null;
}

/** Two equal-length strings compared in constant time. */
export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A resident's name as an open need shows it to members before they claim it: the surname and stars. */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : chars[0] + '*'.repeat(Math.min(chars.length - 1, 3));
}

/** The hours an activity lasts (its longest creditable attendance), to two decimals, at most 24. */
export function activityHours(startsAt: Date, endsAt: Date): number {
  return Math.min(24, Math.round(((endsAt.getTime() - startsAt.getTime()) / 3_600_000) * 100) / 100);
}

/** What an activity allows at a moment: sign-up until it ends, attendance once it has begun. */
export function activityPhase(a: { state: string; startsAt: Date; endsAt: Date }, now: number): { signUp: boolean; attendance: boolean; cancel: boolean } {
  const open = a.state === 'open';
  return {
    signUp: open && now < a.endsAt.getTime(),
    attendance: (open || a.state === 'done') && now >= a.startsAt.getTime(),
    cancel: open,
  };
}

/** The China date (YYYY-MM-DD) of an instant. */
export const chinaDate = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
