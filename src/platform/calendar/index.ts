/** What other modules may use of the working-day calendar: the shipped data, the pure day arithmetic, and the entry schema. */
export { CHINA_CALENDAR, type CalendarDay, type CalendarYear } from './days.js';
export {
  MAX_WORKING_DAYS, CalendarDaySchema, addDays, addWorkingDays, chinaCalendar, coveredYears, isIsoDate, makeCalendar, subtractWorkingDays, workingDaysBetween, workingPeriod,
  type Calendar,
} from './calendar.js';
