/** Reminders for other modules: a notification that appears at a given time, scheduled in the caller's transaction. */
import type { Db } from '../db/client.js';
import type { NotifyInput } from '../notifications/service.js';
import { NOTIFY_KIND, registerBuiltinHandlers } from './builtin.js';
import { scheduleJob } from './scheduler.js';

/** Schedules a reminder: the notification appears at `at`. The same `key` schedules it once only. */
export async function scheduleReminder(tx: Db, input: NotifyInput & { at: Date; key?: string; countyId?: number | null }): Promise<{ id: string; created: boolean }> {
  const { at, key, countyId, ...payload } = input;
  registerBuiltinHandlers();
  return scheduleJob(tx, { kind: NOTIFY_KIND, runAt: at, payload, key, countyId });
}
