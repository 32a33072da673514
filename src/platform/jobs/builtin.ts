/** The built-in job kinds: 'notify' puts a notification in a user's inbox at the job's time (a reminder). */
import { notify, NotifyInput } from '../notifications/service.js';
import { hasHandler, registerHandler } from './registry.js';

/** The reminder kind. */
export const NOTIFY_KIND = 'notify';

/** Registers the built-in kinds once (startScheduler calls it; calling again does nothing). */
export function registerBuiltinHandlers(): void {
  if (!hasHandler(NOTIFY_KIND)) {
    registerHandler(NOTIFY_KIND, async (tx, payload) => { await notify(tx, payload); }, NotifyInput);
  }
}
