/** The working-day calendar: the shipped 2025 and 2026 schedules, and the pure day arithmetic on any calendar. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHINA_CALENDAR, CalendarDaySchema, MAX_WORKING_DAYS, addDays, addWorkingDays, chinaCalendar, coveredYears, isIsoDate, makeCalendar, subtractWorkingDays, workingDaysBetween, workingPeriod,
  type Calendar, type CalendarDay,
} from './index.js';

const DAY = 86_400_000;
/** Day of the week by the platform's own Date, as an oracle independent of the code under test: 0 = Sunday. */
const utcDay = (s: string) => { const [y, m, d] = s.split('-').map(Number); return new Date(Date.UTC(y, m - 1, d)).getUTCDay(); };
const isoOf = (dayNumber: number) => new Date(dayNumber * DAY).toISOString().slice(0, 10);
const dayNumberOf = (s: string) => { const [y, m, d] = s.split('-').map(Number); return Date.UTC(y, m - 1, d) / DAY; };
/** Every date from `first` to `last` inclusive, by the platform's Date. */
const span = (first: string, last: string) => {
  const out: string[] = [];
  for (let n = dayNumberOf(first); n <= dayNumberOf(last); n++) out.push(isoOf(n));
  return out;
};
const WEEKDAY = { Sat: 6, Sun: 0 } as const;

/** What each notice says, restated independently of days.ts: holiday spans with their length, and the weekend working days with their weekday. */
type Festival = { name: string; first: string; last: string; count: number; workdays: [string, keyof typeof WEEKDAY][] };
const NOTICES: Record<number, Festival[]> = {
  2025: [
    { name: '元旦', first: '2025-01-01', last: '2025-01-01', count: 1, workdays: [] },
    { name: '春节', first: '2025-01-28', last: '2025-02-04', count: 8, workdays: [['2025-01-26', 'Sun'], ['2025-02-08', 'Sat']] },
    { name: '清明节', first: '2025-04-04', last: '2025-04-06', count: 3, workdays: [] },
    { name: '劳动节', first: '2025-05-01', last: '2025-05-05', count: 5, workdays: [['2025-04-27', 'Sun']] },
    { name: '端午节', first: '2025-05-31', last: '2025-06-02', count: 3, workdays: [] },
    { name: '国庆节、中秋节', first: '2025-10-01', last: '2025-10-08', count: 8, workdays: [['2025-09-28', 'Sun'], ['2025-10-11', 'Sat']] },
  ],
  2026: [
    { name: '元旦', first: '2026-01-01', last: '2026-01-03', count: 3, workdays: [['2026-01-04', 'Sun']] },
    { name: '春节', first: '2026-02-15', last: '2026-02-23', count: 9, workdays: [['2026-02-14', 'Sat'], ['2026-02-28', 'Sat']] },
    { name: '清明节', first: '2026-04-04', last: '2026-04-06', count: 3, workdays: [] },
    { name: '劳动节', first: '2026-05-01', last: '2026-05-05', count: 5, workdays: [['2026-05-09', 'Sat']] },
    { name: '端午节', first: '2026-06-19', last: '2026-06-21', count: 3, workdays: [] },
    { name: '中秋节', first: '2026-09-25', last: '2026-09-27', count: 3, workdays: [] },
    { name: '国庆节', first: '2026-10-01', last: '2026-10-07', count: 7, workdays: [['2026-09-20', 'Sun'], ['2026-10-10', 'Sat']] },
  ],
};

const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
const china = chinaCalendar();
const plain = makeCalendar([]);

// dates 2023–2028, so that the shipped years, their edges and uncovered years all come up
const dateArb = fc.integer({ min: dayNumberOf('2023-01-01'), max: dayNumberOf('2028-12-31') }).map(isoOf);
const overridesArb = fc.array(fc.record({ date: dateArb, kind: fc.constantFrom<CalendarDay['kind']>('holiday', 'workday'), name: fc.constant('测试') }), { maxLength: 80 });
const calendarArb: fc.Arbitrary<Calendar> = fc.oneof(fc.constant(china), fc.constant(plain), overridesArb.map(makeCalendar));
const countArb = fc.integer({ min: 1, max: 400 });
/** Working days in (from, to] counted one day at a time. */
const countByStepping = (cal: Calendar, from: string, to: string) => {
  let n = 0;
  for (let d = from; d < to;) { d = addDays(d, 1); if (cal.isWorkingDay(d)) n += 1; }
  return n;
};

describe('the shipped schedule', () => {
  it('ships 2025 and 2026, each labelled with its State Council General Office notice', () => {
    expect(CHINA_CALENDAR.map((y) => y.year)).toEqual([2025, 2026]);
    expect(CHINA_CALENDAR[0].source).toContain('国务院办公厅关于2025年部分节假日安排的通知');
    expect(CHINA_CALENDAR[0].source).toContain('国办发明电〔2024〕12号');
    expect(CHINA_CALENDAR[1].source).toContain('国务院办公厅关于2026年部分节假日安排的通知');
    expect(CHINA_CALENDAR[1].source).toContain('国办发明电〔2025〕');
  });

  it('lists each date once, as a real date inside its own year', () => {
    for (const y of CHINA_CALENDAR) {
      for (const d of y.days) {
        expect(isIsoDate(d.date), d.date).toBe(true);
        expect(Number(d.date.slice(0, 4)), d.date).toBe(y.year);
        expect(d.name.trim().length, d.date).toBeGreaterThan(0);
      }
      expect(new Set(y.days.map((d) => d.date)).size).toBe(y.days.length);
    }
  });

  it('puts every adjusted working day on a Saturday or Sunday', () => {
    const workdays = CHINA_CALENDAR.flatMap((y) => y.days).filter((d) => d.kind === 'workday');
    expect(workdays.length).toBe(11);
    for (const d of workdays) expect([0, 6], d.date).toContain(utcDay(d.date));
  });

  it('agrees with each weekday the notices state', () => {
    for (const festivals of Object.values(NOTICES)) {
      for (const f of festivals) for (const [date, day] of f.workdays) expect(utcDay(date), `${date} is a ${day}`).toBe(WEEKDAY[day]);
    }
  });

  it('lists exactly the holidays and adjusted working days of each notice, with their names', () => {
    for (const y of CHINA_CALENDAR) {
      const festivals = NOTICES[y.year];
      const holidays = festivals.flatMap((f) => {
        const dates = span(f.first, f.last);
        expect(dates.length, f.name).toBe(f.count);
        return dates.map((date): CalendarDay => ({ date, kind: 'holiday', name: f.name }));
      });
      const workdays = festivals.flatMap((f) => f.workdays.map(([date]): CalendarDay => ({ date, kind: 'workday', name: `${f.name}调休上班` })));
      expect([...y.days].sort(byDate)).toEqual([...holidays, ...workdays].sort(byDate));
    }
  });

  it('makes the default calendar follow the data on listed dates and the weekday rule on every other date of 2025–2026', () => {
    const listed = new Map(CHINA_CALENDAR.flatMap((y) => y.days).map((d) => [d.date, d.kind === 'workday']));
    for (const date of span('2025-01-01', '2026-12-31')) {
      const expected = listed.get(date) ?? ![0, 6].includes(utcDay(date));
      expect(china.isWorkingDay(date), date).toBe(expected);
    }
    expect(coveredYears(china)).toEqual([2025, 2026]);
  });
});

describe('isIsoDate and addDays', () => {
  it('accepts real YYYY-MM-DD dates only', () => {
    for (const good of ['2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01', '0001-01-01', '9999-12-31']) expect(isIsoDate(good), good).toBe(true);
    for (const bad of ['2025-02-30', '2025-2-3', '', '2023-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-01-00',
      ' 2025-01-01', '2025-01-01 ', '2025-01-01T00:00:00Z', '+02025-01-01', '0000-01-01', '２０２５-01-01', '20250101']) expect(isIsoDate(bad), bad).toBe(false);
  });

  it('accepts every date the platform prints, and refuses the day after the end of any month', () => {
    fc.assert(fc.property(fc.integer({ min: dayNumberOf('1000-01-01'), max: dayNumberOf('9999-12-31') }), (n) => {
      expect(isIsoDate(isoOf(n))).toBe(true);
      const [y, m] = isoOf(n).split('-').map(Number);
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      expect(isIsoDate(`${isoOf(n).slice(0, 8)}${String(last + 1).padStart(2, '0')}`)).toBe(false);
    }));
  });

  it('moves by whole UTC days across months, leap days and years, as the platform’s Date does', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('0001-01-02', -1)).toBe('0001-01-01');
    fc.assert(fc.property(fc.integer({ min: dayNumberOf('1900-01-01'), max: dayNumberOf('2200-12-31') }), fc.integer({ min: -20_000, max: 20_000 }), (n, k) => {
      expect(addDays(isoOf(n), k)).toBe(isoOf(n + k));
    }));
  });

  it('refuses non-integer counts, non-dates and results outside years 0001–9999', () => {
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => addDays('2025-01-01', bad), String(bad)).toThrow(RangeError);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });
});

describe('working days on the China calendar', () => {
  it('counts the Sunday before the 2025 Spring Festival and skips the festival', () => {
    // Fri 01-24; Sun 01-26 and Mon 01-27 work; 01-28 to 02-04 off; Wed 02-05 onward work; Sat 02-08 works too
    expect(china.isWorkingDay('2025-01-26')).toBe(true);
    expect(china.isWorkingDay('2025-01-25')).toBe(false);
    expect(addWorkingDays(china, '2025-01-24', 1)).toBe('2025-01-26');
    expect(addWorkingDays(china, '2025-01-24', 2)).toBe('2025-01-27');
    expect(addWorkingDays(china, '2025-01-24', 3)).toBe('2025-02-05');
    expect(addWorkingDays(china, '2025-01-24', 5)).toBe('2025-02-07');
    expect(addWorkingDays(china, '2025-01-24', 6)).toBe('2025-02-08');
    expect(addWorkingDays(china, '2025-01-24', 7)).toBe('2025-02-10');
    expect(addWorkingDays(plain, '2025-01-24', 5)).toBe('2025-01-31');
    expect(workingDaysBetween(china, '2025-01-24', '2025-02-07')).toBe(5);
    expect(workingDaysBetween(china, '2025-01-27', '2025-02-04')).toBe(0);
  });

  it('works on Sun 2026-09-20 and Sat 2026-10-10 around the 2026 Mid-Autumn and National Day holidays', () => {
    expect(china.isWorkingDay('2026-09-20')).toBe(true);
    expect(china.isWorkingDay('2026-10-10')).toBe(true);
    for (const d of [...span('2026-09-25', '2026-09-27'), ...span('2026-10-01', '2026-10-07'), '2026-10-11']) expect(china.isWorkingDay(d), d).toBe(false);
    expect(addWorkingDays(china, '2026-09-18', 1)).toBe('2026-09-20');
    expect(addWorkingDays(china, '2026-09-30', 1)).toBe('2026-10-08');
    expect(addWorkingDays(china, '2026-09-30', 3)).toBe('2026-10-10');
    // Sun 09-20, Mon–Thu 09-21..24, Mon–Wed 09-28..30, Thu–Fri 10-08..09, Sat 10-10
    expect(workingDaysBetween(china, '2026-09-18', '2026-10-10')).toBe(11);
    expect(workingPeriod(china, '2026-10-01', 5)).toEqual({ first: '2026-10-08', last: '2026-10-13' });
    expect(workingPeriod(china, '2026-09-20', 1)).toEqual({ first: '2026-09-20', last: '2026-09-20' });
  });

  it('applies the plain weekday rule outside the covered years', () => {
    expect(china.isWorkingDay('2027-10-01')).toBe(true); // a Friday; 2027 is not in the data
    expect(china.isWorkingDay('2024-10-01')).toBe(true);
    expect(china.isWorkingDay('2027-01-02')).toBe(false); // a Saturday
    expect(china.entryOf('2027-10-01')).toBeUndefined();
    expect(china.entryOf('2025-01-26')).toEqual({ date: '2025-01-26', kind: 'workday', name: '春节调休上班' });
    fc.assert(fc.property(fc.integer({ min: dayNumberOf('1990-01-01'), max: dayNumberOf('2040-12-31') }).map(isoOf), (d) => {
      const weekdayRule = ![0, 6].includes(utcDay(d));
      expect(plain.isWorkingDay(d)).toBe(weekdayRule);
      if (!coveredYears(china).includes(Number(d.slice(0, 4)))) expect(china.isWorkingDay(d)).toBe(weekdayRule);
    }));
  });
});

describe('makeCalendar and its guards', () => {
  it('lets a later entry for the same date win, and covers the years it lists', () => {
    const cal = makeCalendar([
      { date: '2030-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2030-10-01', kind: 'workday', name: '改为上班' },
      { date: '2031-01-04', kind: 'workday', name: '元旦调休上班' },
    ]);
    expect(cal.isWorkingDay('2030-10-01')).toBe(true);
    expect(cal.entryOf('2030-10-01')?.name).toBe('改为上班');
    expect(cal.entries.map((e) => e.date)).toEqual(['2030-10-01', '2031-01-04']);
    expect(coveredYears(cal)).toEqual([2030, 2031]);
    expect(coveredYears(makeCalendar([]))).toEqual([]);
    const reversed = makeCalendar([{ date: '2030-10-02', kind: 'workday', name: 'a' }, { date: '2030-10-02', kind: 'holiday', name: 'b' }]);
    expect(reversed.isWorkingDay('2030-10-02')).toBe(false);
  });

  it('refuses entries and dates that are not dates', () => {
    expect(() => makeCalendar([{ date: '2030-02-30', kind: 'holiday', name: 'x' }])).toThrow(RangeError);
    expect(() => makeCalendar([{ date: '2030-02-03', kind: 'rest' as CalendarDay['kind'], name: 'x' }])).toThrow(RangeError);
    expect(() => china.isWorkingDay('2025-1-1')).toThrow(RangeError);
    expect(() => workingDaysBetween(china, '2025-01-01', 'tomorrow')).toThrow(RangeError);
  });

  it('refuses counts below 1, above the cap or not whole', () => {
    for (const n of [0, -1, 1.5, Number.NaN, MAX_WORKING_DAYS + 1]) {
      expect(() => addWorkingDays(china, '2025-01-01', n), String(n)).toThrow(RangeError);
      expect(() => workingPeriod(china, '2025-01-01', n), String(n)).toThrow(RangeError);
    }
    expect(MAX_WORKING_DAYS).toBe(3660);
    const far = addWorkingDays(china, '2025-01-01', MAX_WORKING_DAYS);
    expect(workingDaysBetween(china, '2025-01-01', far)).toBe(MAX_WORKING_DAYS);
  });

  it('checks an administrator’s entry with CalendarDaySchema', () => {
    expect(CalendarDaySchema.parse({ date: '2027-02-06', kind: 'holiday', name: '  春节 ' })).toEqual({ date: '2027-02-06', kind: 'holiday', name: '春节' });
    expect(CalendarDaySchema.safeParse({ date: '2027-02-06', kind: 'workday', name: '春'.repeat(50) }).success).toBe(true);
    for (const bad of [
      { date: '2027-02-30', kind: 'holiday', name: '春节' }, { date: '2027-2-6', kind: 'holiday', name: '春节' },
      { date: '2027-02-06', kind: 'rest', name: '春节' }, { date: '2027-02-06', kind: 'holiday', name: '   ' },
      { date: '2027-02-06', kind: 'holiday', name: '春'.repeat(51) }, { date: '2027-02-06', kind: 'holiday', name: '春节', extra: 1 },
      { date: '2027-02-06', kind: 'holiday' },
    ]) expect(CalendarDaySchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
  });
});

describe('properties on any calendar', () => {
  it('addWorkingDays lands on the n-th working day strictly after the date', () => {
    fc.assert(fc.property(calendarArb, dateArb, countArb, (cal, d, n) => {
      const r = addWorkingDays(cal, d, n);
      expect(r > d).toBe(true);
      expect(cal.isWorkingDay(r)).toBe(true);
      expect(workingDaysBetween(cal, d, r)).toBe(n);
      expect(workingDaysBetween(cal, d, addDays(r, -1))).toBe(n - 1);
    }));
  });

  it('subtractWorkingDays from a working day goes back exactly n working days, to a working day', () => {
    fc.assert(fc.property(calendarArb, dateArb, countArb, (cal, d, n) => {
      const due = addWorkingDays(cal, d, 1); // a working day
      const r = subtractWorkingDays(cal, due, n);
      expect(r < due).toBe(true);
      expect(cal.isWorkingDay(r)).toBe(true);
      expect(workingDaysBetween(cal, r, due)).toBe(n);
      expect(subtractWorkingDays(cal, due, 0)).toBe(due);
    }));
  });

  it('workingDaysBetween counts (from, to] as stepping day by day does, and 0 when to ≤ from', () => {
    fc.assert(fc.property(calendarArb, dateArb, fc.integer({ min: -30, max: 500 }), (cal, from, k) => {
      const to = addDays(from, k);
      expect(workingDaysBetween(cal, from, to)).toBe(k <= 0 ? 0 : countByStepping(cal, from, to));
    }));
  });

  it('workingDaysBetween is additive over a middle date', () => {
    fc.assert(fc.property(calendarArb, fc.array(dateArb, { minLength: 3, maxLength: 3 }), (cal, ds) => {
      const [a, b, c] = [...ds].sort();
      expect(workingDaysBetween(cal, a, c)).toBe(workingDaysBetween(cal, a, b) + workingDaysBetween(cal, b, c));
    }));
  });

  it('workingPeriod starts on the first working day from start and spans exactly n working days', () => {
    fc.assert(fc.property(calendarArb, dateArb, countArb, (cal, start, n) => {
      const { first, last } = workingPeriod(cal, start, n);
      expect(first >= start).toBe(true);
      expect(cal.isWorkingDay(first)).toBe(true);
      expect(cal.isWorkingDay(last)).toBe(true);
      expect(workingDaysBetween(cal, addDays(start, -1), first)).toBe(1);
      expect(workingDaysBetween(cal, addDays(first, -1), last)).toBe(n);
    }));
  });
});
