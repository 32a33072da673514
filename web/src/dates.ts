/** Dates travel as 'YYYY-MM-DD' strings; forms use dayjs. */
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';

/** A stored date for a DatePicker. */
export function toDay(value: string | null | undefined): Dayjs | null {
  return value ? dayjs(value) : null;
}

/** A DatePicker value for the API (null clears the field). */
export function fromDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format('YYYY-MM-DD') : null;
}

/** A timestamp shown to the minute. */
export function formatTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '';
}

/** Converts the named Dayjs fields of form values to API date strings. */
export function datesOut<T extends Record<string, unknown>>(values: T, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...values };
  for (const f of fields) {
    const v = out[f];
    out[f] = dayjs.isDayjs(v) ? v.format('YYYY-MM-DD') : v ?? null;
  }
  return out;
}

/** Converts the named API date strings of a record to Dayjs for a form. */
export function datesIn(record: object, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.fromEntries(Object.entries(record));
  for (const f of fields) {
    const v = out[f];
    out[f] = typeof v === 'string' && v ? dayjs(v) : null;
  }
  return out;
}
