/**
 * Working-day arithmetic on a calendar of per-date overrides. Pure: no I/O, no clock, no local time.
 * Dates are 'YYYY-MM-DD' strings; all arithmetic is on whole UTC days.
 *
 * Rule: a date listed in the calendar's data is a working day when listed as 'workday' and a rest day when
 * listed as 'holiday'; any other date — including every date in a year the data does not cover — follows the
 * plain weekday rule, Monday–Friday work and Saturday–Sunday rest. Callers that count across a year outside
 * coveredYears() are therefore counting without that year's holidays and should say so.
 */
import { z } from 'zod';
import { CHINA_CALENDAR, type CalendarDay } from './days.js';

/** A working-day calendar: which dates are working days, and the data it was made from. Make one with makeCalendar(). */
export type Calendar = {
  /** Whether `date` is a working day; throws a RangeError for a string that is not a date. */
  isWorkingDay(date: string): boolean;
  /** The data's entry for `date`, or undefined when the plain weekday rule applies. */
  entryOf(date: string): CalendarDay | undefined;
  /** The data, one entry per date (the last given for that date), sorted by date. */
  readonly entries: readonly CalendarDay[];
  /** The years that have at least one entry, ascending. */
  readonly years: readonly number[];
};

/** The largest count of working (or calendar) days the step functions accept: about ten years. */
export const MAX_WORKING_DAYS = 3660;

const DAY_MS = 86_400_000;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const daysInMonth = (y: number, m: number) => (m === 2 ? (isLeap(y) ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);
const mod = (a: number, b: number) => ((a % b) + b) % b;

/** Whether a date string is a real calendar date in YYYY-MM-DD form (years 0001–9999, proleptic Gregorian). */
export function isIsoDate(s: string): boolean {
  const m = typeof s === 'string' ? ISO.exec(s) : null;
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Days since 1970-01-01 (UTC) of a date string; RangeError when it is not a date. */
function dayNumber(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date in YYYY-MM-DD form: ${JSON.stringify(date)}`);
  const t = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999
  t.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return Math.round(t.getTime() / DAY_MS);
}

/** The date string of a day number; RangeError outside years 0001–9999. */
function dateOf(dn: number): string {
  const t = new Date(dn * DAY_MS);
  const y = t.getUTCFullYear();
  if (!(y >= 1 && y <= 9999)) throw new RangeError('date outside years 0001–9999');
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(y, 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** Day of the week of a day number, 0 = Sunday (1970-01-01 was a Thursday). */
const weekday = (dn: number) => mod(dn + 4, 7);
const plainWorking = (dn: number) => { const w = weekday(dn); return w >= 1 && w <= 5; };

/** Monday–Friday days among day numbers [4, 4 + k) for k ≥ 0 (day 4 is Monday 1970-01-05), minus those among [4 + k, 4) for k < 0: a prefix count, so a difference counts any span. */
const weekdaysBefore = (k: number) => Math.floor(k / 7) * 5 + Math.min(mod(k, 7), 5);

function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1 || n > MAX_WORKING_DAYS) throw new RangeError(`${what} must be an integer from 1 to ${MAX_WORKING_DAYS}, got ${n}`);
}

/** A calendar from per-date overrides (later entries win for the same date); RangeError for an entry that is not a date or kind. */
export function makeCalendar(days: CalendarDay[]): Calendar {
  const byDate = new Map<string, CalendarDay>();
  for (const d of days) {
    if (!isIsoDate(d.date)) throw new RangeError(`calendar entry with a bad date: ${JSON.stringify(d.date)}`);
    if (d.kind !== 'holiday' && d.kind !== 'workday') throw new RangeError(`calendar entry ${d.date} with a bad kind: ${JSON.stringify(d.kind)}`);
    byDate.set(d.date, Object.freeze({ date: d.date, kind: d.kind, name: d.name }));
  }
  const entries = Object.freeze([...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));
  const years = Object.freeze([...new Set(entries.map((e) => Number(e.date.slice(0, 4))))]);
  return Object.freeze({
    isWorkingDay(date: string): boolean {
      const dn = dayNumber(date);
      const e = byDate.get(date);
      return e ? e.kind === 'workday' : plainWorking(dn);
    },
    entryOf(date: string): CalendarDay | undefined {
      dayNumber(date);
      return byDate.get(date);
    },
    entries,
    years,
  });
}

/** The date `n` calendar days after `date` (before it when n < 0); RangeError for a non-integer n or a result outside years 0001–9999. */
export function addDays(date: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`day count must be an integer, got ${n}`);
  return dateOf(dayNumber(date) + n);
}

/** The date `n` working days after `date` (n ≥ 1; `date` itself never counts): the deadline of a step that allows n working days starting the day after. */
export function addWorkingDays(cal: Calendar, date: string, n: number): string {
  checkCount(n, 'working days');
  let dn = dayNumber(date);
  let left = n;
  while (left > 0) {
    dn += 1;
    if (cal.isWorkingDay(dateOf(dn))) left -= 1;
  }
  return dateOf(dn);
}

/** The date `n` working days before `date` (n ≥ 0; `date` itself never counts; 0 gives `date`): the day a reminder goes out before a deadline. */
export function subtractWorkingDays(cal: Calendar, date: string, n: number): string {
  if (n === 0) return date;
  checkCount(n, 'working days');
  let dn = dayNumber(date);
  let left = n;
  while (left > 0) {
    dn -= 1;
    if (cal.isWorkingDay(dateOf(dn))) left -= 1;
  }
  return dateOf(dn);
}

/** Working days in (from, to]: after `from`, up to and including `to`; 0 when to ≤ from. Counts in time proportional to the entries in range, not the span. */
export function workingDaysBetween(cal: Calendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b <= a) return 0;
  // Monday–Friday days in (a, b], i.e. day numbers in [a + 1, b + 1)
  let count = weekdaysBefore(b + 1 - 4) - weekdaysBefore(a + 1 - 4);
  // then each entry in range that differs from the plain rule; entries are sorted, so find the first after `from`
  const es = cal.entries;
  let lo = 0;
  let hi = es.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (es[mid].date <= from) lo = mid + 1; else hi = mid;
  }
  for (let i = lo; i < es.length && es[i].date <= to; i++) {
    const plain = plainWorking(dayNumber(es[i].date));
    const listed = es[i].kind === 'workday';
    if (listed !== plain) count += listed ? 1 : -1;
  }
  return count;
}

/** The working days from `start` (inclusive, moved forward to the first working day if it is not one) spanning n working days: { first, last }. Used for a public notice period of n working days. */
export function workingPeriod(cal: Calendar, start: string, n: number): { first: string; last: string } {
  checkCount(n, 'working days');
  let dn = dayNumber(start);
  while (!cal.isWorkingDay(dateOf(dn))) dn += 1;
  const first = dateOf(dn);
  return { first, last: n === 1 ? first : addWorkingDays(cal, first, n - 1) };
}

/** The years covered by the calendar's data, ascending: a date in any other year follows the plain weekday rule, which callers may want to flag. */
export function coveredYears(cal: Calendar): number[] {
  return [...cal.years];
}

/** One calendar entry as an administrator submits it (for the later API that adds a year's schedule). */
export const CalendarDaySchema = z.strictObject({
  date: z.string().refine(isIsoDate, { message: '日期须为有效的 YYYY-MM-DD / date must be a real YYYY-MM-DD date' }),
  kind: z.enum(['holiday', 'workday']),
  name: z.string().trim().min(1).max(50),
});

let china: Calendar | undefined;

/** The default calendar: China's shipped schedule (CHINA_CALENDAR), built once. */
export function chinaCalendar(): Calendar {
  china ??= makeCalendar(CHINA_CALENDAR.flatMap((y) => y.days));
  return china;
}
