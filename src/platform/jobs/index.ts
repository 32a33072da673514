/** What other modules may use of the job scheduler. */
export { registerHandler, unregisterHandler, hasHandler, type JobHandler, type JobInfo } from './registry.js';
export { startScheduler, stopScheduler, scheduleJob, schedulerRunning, JOB_QUEUE, type Scheduler, type SchedulerOptions, type ScheduleInput } from './scheduler.js';
export { NOTIFY_KIND, registerBuiltinHandlers } from './builtin.js';
export { scheduleReminder } from './reminders.js';
