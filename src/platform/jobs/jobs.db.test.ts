/** The scheduler on a real database: jobs survive a restart and run once, keys deduplicate, failures retry. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeDb, tempDir, testKeys } from '../../../test/db.js';
import { PASSWORD } from '../../../test/app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { openDatabase, rows, type Database } from '../db/client.js';
import type { AppContext } from '../http/context.js';
import { notify } from '../notifications/service.js';
import { registerHandler, unregisterHandler } from './registry.js';
import { scheduleJob, schedulerRunning, startScheduler, stopScheduler, type SchedulerOptions } from './scheduler.js';
import { scheduleReminder } from './reminders.js';

/**
 * Fast polling, and a log per suite: a job's own failure is expected in one test, pg-boss errors
 * and warnings never. (Per suite, because dropping a PostgreSQL test database afterwards can make
 * the stopped instance's closing connections report an error later.)
 */
const fast = (logged: string[]): SchedulerOptions => ({ pollSeconds: 0.5, retryDelaySeconds: 1, log: (m, d) => { logged.push(`${m} ${d instanceof Error ? d.message : JSON.stringify(d)}`); } });
const bossTrouble = (logged: string[]) => logged.filter((m) => m.startsWith('pg-boss'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function contextOn(database: Database): Promise<{ ctx: AppContext; adminId: number }> {
  const config = loadConfig({ DATA_DIR: '/tmp/xf-unused', DEMO: '0', LOG_LEVEL: 'silent' }, []);
  const ctx: AppContext = { database, db: database.db, keys: testKeys, config };
  await bootstrap(ctx, { demo: false, adminPassword: PASSWORD });
  const [u] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = 'admin'`);
  return { ctx, adminId: u.id };
}

const titled = async (ctx: AppContext, title: string) =>
  (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM notifications WHERE title = ${title}`))[0].n;
const jobRow = async (ctx: AppContext, id: string) =>
  (await rows<{ state: string; retry_count: number }>(ctx.db, sql`SELECT state, retry_count FROM pgboss.job WHERE id = ${id}::uuid`))[0];
const doneEvents = async (ctx: AppContext, id: string) =>
  (await rows<{ data: { attempt: number } }>(ctx.db, sql`SELECT data FROM audit_events WHERE type = 'job.done' AND target_id = ${id}`));

describeDb('job scheduler', (db) => {
  let ctx: AppContext;
  let adminId: number;
  const logged: string[] = [];
  const FAST = fast(logged);

  beforeAll(async () => { ({ ctx, adminId } = await contextOn(db())); });
  afterAll(async () => {
    await stopScheduler();
    expect(bossTrouble(logged)).toEqual([]);
  });

  it('runs a reminder once and only once across a stop and start of the scheduler', async () => {
    await startScheduler(ctx, FAST);
    const at = new Date(Date.now() + 1500);
    const { first, again } = await ctx.db.transaction(async (tx) => ({
      first: await scheduleReminder(tx, { userId: adminId, title: '重启后提醒', link: '/notifications', at, key: 'restart-test' }),
      again: await scheduleReminder(tx, { userId: adminId, title: '重启后提醒', at, key: 'restart-test' }),
    }));
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    await stopScheduler();
    expect(schedulerRunning()).toBe(false);

    await sleep(2500); // past due while nothing runs
    expect(await titled(ctx, '重启后提醒')).toBe(0);
    expect((await jobRow(ctx, first.id)).state).toBe('created');

    await startScheduler(ctx, FAST);
    await waitFor('the reminder', async () => (await titled(ctx, '重启后提醒')) > 0);
    // A key reused after the job ran schedules nothing new.
    const late = await ctx.db.transaction((tx) => scheduleReminder(tx, { userId: adminId, title: '重启后提醒', at: new Date(), key: 'restart-test' }));
    expect(late.created).toBe(false);
    await sleep(2000); // several more polls
    expect(await titled(ctx, '重启后提醒')).toBe(1);
    expect((await jobRow(ctx, first.id)).state).toBe('completed');
    expect(await doneEvents(ctx, first.id)).toHaveLength(1);
  });

  it('schedules nothing when the caller\'s transaction rolls back', async () => {
    let id = '';
    await expect(ctx.db.transaction(async (tx) => {
      id = (await scheduleReminder(tx, { userId: adminId, title: '回滚的提醒', at: new Date() })).id;
      throw new Error('rolled back');
    })).rejects.toThrow('rolled back');
    await sleep(1500);
    expect(await jobRow(ctx, id)).toBeUndefined();
    expect(await titled(ctx, '回滚的提醒')).toBe(0);
  });

  it('retries a failing job with backoff; only the successful attempt leaves anything behind', async () => {
    let attempts = 0;
    registerHandler('test.flaky', async (tx, _payload, job) => {
      attempts += 1;
      await notify(tx, { userId: adminId, title: `flaky attempt ${job.attempt}` });
      await notify(tx, { userId: adminId, title: 'flaky' });
      if (job.attempt === 1) throw new Error('first attempt fails');
    });
    try {
      // One failing job in a batch with others: they complete, it alone is retried.
      const { id } = await ctx.db.transaction(async (tx) => {
        for (let i = 0; i < 3; i++) await scheduleReminder(tx, { userId: adminId, title: 'batch neighbour', at: new Date() });
        return scheduleJob(tx, { kind: 'test.flaky', runAt: new Date(), payload: { n: 1 } });
      });
      await waitFor('the retry', async () => (await jobRow(ctx, id)).state === 'completed');
      expect(await titled(ctx, 'batch neighbour')).toBe(3);
      expect(logged.filter((m) => m.includes(id))).toHaveLength(1);
      expect(attempts).toBe(2);
      expect(await titled(ctx, 'flaky')).toBe(1);
      expect(await titled(ctx, 'flaky attempt 1')).toBe(0);
      expect(await titled(ctx, 'flaky attempt 2')).toBe(1);
      expect((await doneEvents(ctx, id)).map((e) => e.data.attempt)).toEqual([2]);
    } finally {
      unregisterHandler('test.flaky');
    }
  });

  it('checks a kind\'s payload when scheduling, and refuses to schedule without a scheduler', async () => {
    await expect(ctx.db.transaction((tx) => scheduleJob(tx, { kind: 'notify', runAt: new Date(), payload: { userId: adminId } })))
      .rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ctx.db.transaction((tx) => scheduleJob(tx, { kind: 'Bad Kind', runAt: new Date() }))).rejects.toMatchObject({ code: 'VALIDATION' });
    await stopScheduler();
    await expect(ctx.db.transaction((tx) => scheduleReminder(tx, { userId: adminId, title: 'x', at: new Date() }))).rejects.toThrow(/not started/);
  });
});

describe('job scheduler across a real restart [pglite data dir]', () => {
  const dir = tempDir('xf-jobs-');
  const logged: string[] = [];
  const FAST = fast(logged);
  let database: Database | undefined;
  afterAll(async () => {
    await stopScheduler();
    await database?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Two on-disk PGlite opens (the first creates the cluster): slow on a loaded machine.
  it('runs a job scheduled before the database was closed, once, after it is reopened', async () => {
    const t0 = Date.now();
    const phases: string[] = [];
    const mark = (what: string) => phases.push(`${what} ${Date.now() - t0}ms`);
    try {
      database = await openDatabase({ dir });
      const { ctx, adminId } = await contextOn(database);
      mark('created');
      await startScheduler(ctx, FAST);
      const { id } = await ctx.db.transaction((tx) => scheduleReminder(tx, { userId: adminId, title: '跨重启提醒', at: new Date(Date.now() + 1000), key: 'disk' }));
      await stopScheduler();
      await database.close();
      database = undefined;
      mark('closed');

      database = await openDatabase({ dir });
      const reopened = (await contextOn(database)).ctx;
      mark('reopened');
      await startScheduler(reopened, FAST);
      await waitFor('the reminder after reopening', async () => (await titled(reopened, '跨重启提醒')) > 0);
      mark('ran');
      await sleep(1500);
      expect(await titled(reopened, '跨重启提醒')).toBe(1);
      expect((await jobRow(reopened, id)).state).toBe('completed');
      expect(bossTrouble(logged)).toEqual([]);
    } finally {
      console.log(`[jobs restart test] ${phases.join(', ')}`);
    }
  }, 180_000);
});
