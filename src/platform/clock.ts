/**
 * The product's calendar date, in China Standard Time (UTC+8), for deadlines and public notices.
 * A deployment for training or for tests may shift it by whole days (CLOCK_OFFSET_DAYS) and, with
 * CLOCK_ADJUSTABLE, let the system administrator move it at run time; production leaves both unset.
 */
const CST_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

let offsetDays = 0;
let adjustable = false;

/** Sets the clock from the configuration at start. */
export function configureClock(opts: { offsetDays: number; adjustable: boolean }): void {
  offsetDays = opts.offsetDays;
  adjustable = opts.adjustable;
}

/** Today's date (YYYY-MM-DD) in China, shifted by the configured days. */
export function today(now: number = Date.now()): string {
  return new Date(now + CST_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** The clock as the administrators' screen shows it. */
export function clockState(): { today: string; offsetDays: number; adjustable: boolean } {
  return { today: today(), offsetDays, adjustable };
}

/** Moves the clock (training and test deployments only); returns false when this deployment does not allow it. */
export function setClockOffset(days: number): boolean {
  if (!adjustable) return false;
  offsetDays = days;
  return true;
}
