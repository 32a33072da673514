/** Tests of the requests' rules: steps in order, the ladder, limits, review periods, tracking codes, recurring issues. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, makeCalendar, workingDaysBetween } from '../../platform/calendar/index.js';
import { CHINA_CALENDAR } from '../../platform/calendar/days.js';
import {
  allowed, dueOn, escalatedLimit, isOverdue, levelOf, newTrackingCode, nextLevel, normaliseTrackingCode, recurring, reviewPeriod, staffActions, STATES, TRANSITIONS, type State,
} from './rules.js';

const cal = makeCalendar(CHINA_CALENDAR.flatMap((y) => y.days));
const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));

describe('the steps', () => {
  it('takes each step only from the states it follows', () => {
    expect(allowed('resolve', 'triage')).toBe(false);
    expect(allowed('assign', 'triage')).toBe(true);
    expect(allowed('confirm', 'in_progress')).toBe(false);
    expect(allowed('confirm', 'resolved')).toBe(true);
    expect(allowed('confirm', 'confirmed')).toBe(false); // once only
    expect(allowed('reopen', 'closed')).toBe(true);
    expect(allowed('merge', 'resolved')).toBe(false);
    // nothing leaves a confirmed or merged request
    for (const a of Object.keys(TRANSITIONS) as (keyof typeof TRANSITIONS)[]) {
      expect(allowed(a, 'confirmed')).toBe(false);
      expect(allowed(a, 'merged')).toBe(false);
    }
  });

  it('offers staff only steps that are allowed, and 签收 only until signed for', () => {
    fc.assert(fc.property(fc.constantFrom(...STATES), fc.boolean(), (state: State, delivered) => {
      const acts = staffActions(state, delivered);
      for (const a of acts) expect(allowed(a, state)).toBe(true);
      expect(acts.includes('deliver')).toBe(state === 'assigned' && !delivered);
    }));
  });
});

describe('the ladder and the limits', () => {
  it('climbs grid → community → street and stops there', () => {
    expect(levelOf('grid')).toBe('grid');
    expect(levelOf('unit')).toBe('community');
    expect(levelOf('street')).toBe('street');
    expect(nextLevel('grid')).toBe('community');
    expect(nextLevel('community')).toBe('street');
    expect(nextLevel('street')).toBeNull();
  });

  it('counts the limit in working days on China\'s calendar', () => {
    // 2025-09-30 (Tue) + 3 working days: the National Day holiday runs 10-01..10-08; 10-09, 10-10 and the worked Saturday 10-11
    expect(dueOn(cal, '2025-09-30', 3)).toBe('2025-10-11');
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 90 }), (from, n) => {
      const due = dueOn(cal, from, n);
      expect(cal.isWorkingDay(due)).toBe(true);
      expect(workingDaysBetween(cal, from, due)).toBe(n);
    }));
  });

  it('gives an escalated request a shorter limit, never under two working days', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 90 }), (n) => {
      const e = escalatedLimit(n);
      expect(e).toBeGreaterThanOrEqual(2);
      expect(e).toBeLessThanOrEqual(Math.max(2, n));
    }));
  });

  it('is overdue only while open and past its day', () => {
    expect(isOverdue('assigned', '2025-01-01', '2025-01-02')).toBe(true);
    expect(isOverdue('assigned', '2025-01-02', '2025-01-02')).toBe(false); // the due day itself is still in time
    expect(isOverdue('resolved', '2025-01-01', '2025-01-02')).toBe(false);
    expect(isOverdue('triage', null, '2025-01-02')).toBe(false);
  });
});

describe('review periods', () => {
  it('covers the week for a grid, the half month for a community, the month for a street', () => {
    expect(reviewPeriod('grid', '2026-11-30')).toEqual({ start: '2026-11-30', end: '2026-12-06' }); // a Monday
    expect(reviewPeriod('grid', '2026-11-29')).toEqual({ start: '2026-11-23', end: '2026-11-29' }); // a Sunday
    expect(reviewPeriod('community', '2026-02-15')).toEqual({ start: '2026-02-01', end: '2026-02-15' });
    expect(reviewPeriod('community', '2028-02-16')).toEqual({ start: '2028-02-16', end: '2028-02-29' });
    expect(reviewPeriod('street', '2026-11-30')).toEqual({ start: '2026-11-01', end: '2026-11-30' });
  });

  it('always contains the day, and the day after a period starts the next', () => {
    fc.assert(fc.property(fc.constantFrom('grid', 'community', 'street' as const), day, (level, d) => {
      const p = reviewPeriod(level, d);
      expect(p.start <= d && d <= p.end).toBe(true);
      expect(reviewPeriod(level, addDays(p.end, 1)).start).toBe(addDays(p.end, 1));
      expect(reviewPeriod(level, p.start)).toEqual(p);
    }));
  });
});

describe('tracking codes', () => {
  it('reads a code back however it is typed, and refuses what cannot be one', () => {
    fc.assert(fc.property(fc.constant(null).map(() => newTrackingCode()), (code) => {
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{6}$/);
      expect(normaliseTrackingCode(code.toLowerCase().replace('-', ' '))).toBe(code);
    }));
    expect(normaliseTrackingCode('ABCD-EFGH1')).toBeNull(); // 1 is not in the alphabet
    expect(normaliseTrackingCode('ABC')).toBeNull();
  });
});

describe('recurring issues', () => {
  it('groups a category in one grid raised three times or more within the window', () => {
    const item = fc.record({ categoryId: fc.integer({ min: 1, max: 3 }), gridId: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }), communityId: fc.constant(9), raisedOn: day });
    fc.assert(fc.property(fc.array(item, { maxLength: 60 }), day, (items, since) => {
      const groups = recurring(items, since);
      for (const g of groups) {
        const same = items.filter((x) => x.categoryId === g.categoryId && x.gridId === g.gridId && x.raisedOn >= since);
        expect(g.count).toBe(same.length);
        expect(g.count).toBeGreaterThanOrEqual(3);
      }
      const total = groups.reduce((a, g) => a + g.count, 0);
      const big = new Map<string, number>();
      for (const x of items.filter((i) => i.raisedOn >= since)) big.set(`${x.categoryId}:${x.gridId}`, (big.get(`${x.categoryId}:${x.gridId}`) ?? 0) + 1);
      expect(total).toBe([...big.values()].filter((n) => n >= 3).reduce((a, n) => a + n, 0));
    }));
  });
});
