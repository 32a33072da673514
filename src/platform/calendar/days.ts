/**
 * China's shipped working-day calendar as data: for each year, every official holiday date and every
 * adjusted working day (调休上班), copied from the State Council General Office notice for that year.
 * Dates not listed follow the plain rule: Monday–Friday work, Saturday–Sunday rest.
 * A holiday date that falls on a weekend is still listed, so that each holiday's listing is complete.
 */

/** One date that the calendar lists: a holiday, or a weekend date that is a working day. */
export type CalendarDay = { date: string /* YYYY-MM-DD */; kind: 'holiday' | 'workday'; name: string /* e.g. '春节', or '春节调休上班' */ };

/** One year's schedule with the notice it was copied from. */
export type CalendarYear = { year: number; source: string; days: CalendarDay[] };

const holidays = (name: string, ...dates: string[]): CalendarDay[] => dates.map((date) => ({ date, kind: 'holiday', name }));
const workdays = (name: string, ...dates: string[]): CalendarDay[] => dates.map((date) => ({ date, kind: 'workday', name: `${name}调休上班` }));

/** The shipped schedule, one entry per year, oldest first. Add a year by appending its notice here (or through the administrators' API). */
export const CHINA_CALENDAR: CalendarYear[] = [
  {
    year: 2025,
    source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    days: [
      ...holidays('元旦', '2025-01-01'),
      ...workdays('春节', '2025-01-26'), // 周日
      ...holidays('春节', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04'),
      ...workdays('春节', '2025-02-08'), // 周六
      ...holidays('清明节', '2025-04-04', '2025-04-05', '2025-04-06'),
      ...workdays('劳动节', '2025-04-27'), // 周日
      ...holidays('劳动节', '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05'),
      ...holidays('端午节', '2025-05-31', '2025-06-01', '2025-06-02'),
      ...workdays('国庆节、中秋节', '2025-09-28'), // 周日
      ...holidays('国庆节、中秋节', '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08'),
      ...workdays('国庆节、中秋节', '2025-10-11'), // 周六
    ],
  },
  {
    year: 2026,
    source: '国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025年11月4日）',
    days: [
      ...holidays('元旦', '2026-01-01', '2026-01-02', '2026-01-03'),
      ...workdays('元旦', '2026-01-04'), // 周日
      ...workdays('春节', '2026-02-14'), // 周六
      ...holidays('春节', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'),
      ...workdays('春节', '2026-02-28'), // 周六
      ...holidays('清明节', '2026-04-04', '2026-04-05', '2026-04-06'),
      ...holidays('劳动节', '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05'),
      ...workdays('劳动节', '2026-05-09'), // 周六
      ...holidays('端午节', '2026-06-19', '2026-06-20', '2026-06-21'),
      ...workdays('国庆节', '2026-09-20'), // 周日
      ...holidays('中秋节', '2026-09-25', '2026-09-26', '2026-09-27'),
      ...holidays('国庆节', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'),
      ...workdays('国庆节', '2026-10-10'), // 周六
    ],
  },
];
