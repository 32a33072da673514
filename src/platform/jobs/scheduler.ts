/**
 * The durable job scheduler: pg-boss on the product's own database (PGlite through its adapter,
 * or PostgreSQL with a small pool of its own), one queue for every kind. Jobs are rows, so they
 * survive restarts. A job runs in one transaction with its completion (fenced to the attempt that
 * fetched it), so its database effects happen once even when an attempt is retried.
 */
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { PgBoss, fromDrizzle, fromPglite, type ConstructorOptions, type Db as BossDb, type JobResult, type JobWithMetadata, type PGliteLike, type Queue } from 'pg-boss';
import { z } from 'zod';
import type { Database, Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { insertEvent } from '../audit/store.js';
import type { AppContext } from '../http/context.js';
import { assertKind, checkPayload, handlerFor, keyToJobId, type JobInfo } from './registry.js';
import { registerBuiltinHandlers } from './builtin.js';

/** The one pg-boss queue that carries every kind of job. */
export const JOB_QUEUE = 'xf-jobs';

const DAY = 86_400;
const SEND_TIMEOUT_MS = 15_000;
const ZERO_UUID = '00000000-0000-0000-0000-000000000000';

/** What a job carries in pg-boss. */
const JobData = z.object({
  kind: z.string(),
  payload: z.unknown(),
  key: z.string().nullable(),
  countyId: z.number().nullable(),
});
type JobData = z.infer<typeof JobData>;

/** How the scheduler runs. */
export type SchedulerOptions = {
  /** Seconds between polls for due jobs (pg-boss minimum 0.5). Default 2. */
  pollSeconds?: number;
  /** Jobs fetched at a time (run one after another, each in its own transaction). Default 10. */
  batchSize?: number;
  /** False: only schedule from this process (a CLI), run nothing. Default true. */
  work?: boolean;
  /** Retries after the first attempt before a job is failed. Default 5. */
  retryLimit?: number;
  /** First retry delay in seconds, doubling each time up to an hour. Default 30. */
  retryDelaySeconds?: number;
  /** Where errors and warnings go. Default console.error. */
  log?: (message: string, detail?: unknown) => void;
};

/** A running scheduler. */
export type Scheduler = { stop: () => Promise<void> };

type Running = { boss: PgBoss; ctx: AppContext; log: NonNullable<SchedulerOptions['log']> };
let running: Running | null = null;

const isPglite = (c: unknown): c is PGliteLike =>
  typeof c === 'object' && c !== null && typeof (c as PGliteLike).query === 'function' && typeof (c as PGliteLike).exec === 'function';

/** A pg-boss instance on the same database as `database`. */
function bossFor(database: Database, fallbackUrl?: string): PgBoss {
  const client: unknown = (database.db as unknown as { $client?: unknown }).$client;
  const common: ConstructorOptions = { schedule: false, application_name: 'xianfeng-jobs' };
  if (database.kind === 'pglite') {
    if (!isPglite(client)) throw new Error('jobs: the PGlite client is not reachable from the database handle');
    // PGlite has one session and no autovacuum: index rebuilds and the vacuum monitor do not apply.
    return new PgBoss({ ...common, db: fromPglite(client), backend: 'pglite', reindex: false, monitorVacuum: false });
  }
  const connectionString = client instanceof pg.Pool ? client.options.connectionString : fallbackUrl;
  if (!connectionString) throw new Error('jobs: no PostgreSQL connection string for the scheduler');
  return new PgBoss({ ...common, connectionString, max: 3, backend: 'postgres' });
}

/** pg-boss statements run inside one of our (drizzle) transactions. */
function inTx(tx: Db): BossDb {
  return fromDrizzle({ execute: async (q: unknown) => (await tx.execute(q as SQL)) as unknown as { rows: unknown[] } }, sql);
}

function queueOptions(opts: SchedulerOptions): Omit<Queue, 'name'> {
  return {
    retryLimit: opts.retryLimit ?? 5,
    retryDelay: opts.retryDelaySeconds ?? 30,
    retryBackoff: true,
    retryDelayMax: 3600,
    expireInSeconds: 300,
    // A job waits up to 400 days past its time (a server down for long still runs it), and a done
    // job is kept 400 days: its idempotency key holds that long.
    retentionSeconds: 400 * DAY,
    deleteAfterSeconds: 400 * DAY,
  };
}

/** Runs one fetched job: completion, handler and audit event in one transaction. */
async function runJob(r: Running, job: JobWithMetadata<unknown>): Promise<void> {
  const data: JobData = JobData.parse(job.data);
  const entry = handlerFor(data.kind);
  if (!entry) throw new Error(`no handler registered for job kind "${data.kind}"`);
  const payload = entry.schema ? entry.schema.parse(data.payload) : data.payload;
  const info: JobInfo = { id: job.id, kind: data.kind, key: data.key, attempt: job.retryCount + 1, runAt: new Date(job.startAfter) };
  await r.ctx.db.transaction(async (tx) => {
    // Fenced to this attempt: if the claim lapsed and another attempt owns the job, nothing is settled and all rolls back.
    const done = await r.boss.complete(JOB_QUEUE, { id: job.id, retryCount: job.retryCount }, null, { db: inTx(tx) });
    if ((done as { affected?: number }).affected !== 1) throw new Error(`job ${job.id}: claim lapsed, another attempt owns it`);
    await entry.run(tx, payload, info);
    await insertEvent(tx, {
      type: 'job.done', actorName: 'system', countyId: data.countyId, targetType: 'job', targetId: job.id,
      data: { kind: data.kind, key: data.key, attempt: info.attempt },
    });
  });
}

/**
 * Starts the scheduler on the context's database: installs or migrates pg-boss's schema, and
 * (unless `work: false`) runs due jobs. Register handlers before starting. One per process.
 */
export async function startScheduler(ctx: AppContext, opts: SchedulerOptions = {}): Promise<Scheduler> {
  if (running) throw new Error('the job scheduler is already running');
  registerBuiltinHandlers();
  const log = opts.log ?? ((message: string, detail?: unknown) => console.error(`[jobs] ${message}`, detail ?? ''));
  const boss = bossFor(ctx.database, ctx.config.databaseUrl);
  boss.on('error', (e) => log('pg-boss error', e));
  boss.on('warning', (w) => log('pg-boss warning', w));
  await boss.start();
  try {
    const q = queueOptions(opts);
    await boss.createQueue(JOB_QUEUE, q);
    await boss.updateQueue(JOB_QUEUE, q);
    // createQueue/updateQueue drop pg-boss's cached queue row. Refill it now, outside any
    // transaction: a send() inside a PGlite transaction that had to read it would wait on the
    // one connection the transaction holds, for ever.
    await boss.findJobs(JOB_QUEUE, { id: ZERO_UUID });
  } catch (e) {
    await boss.stop({ graceful: false });
    throw e;
  }
  const r: Running = { boss, ctx, log };
  running = r;
  if (opts.work !== false) {
    // Batches, fetched back to back while they come full; each job settles on its own.
    const workOptions = { pollingIntervalSeconds: opts.pollSeconds ?? 2, batchSize: opts.batchSize ?? 10, includeMetadata: true, perJobResults: true, burstWhenBatchFull: true } as const;
    await boss.work<unknown, void, typeof workOptions>(JOB_QUEUE, workOptions, async (jobs) => {
      const results: JobResult[] = [];
      for (const job of jobs) {
        try {
          await runJob(r, job);
          results.push({ id: job.id, status: 'completed' });
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log(`job ${job.id} failed (attempt ${job.retryCount + 1})`, message);
          results.push({ id: job.id, status: 'failed', output: { message } });
        }
      }
      return results;
    });
  }
  return { stop: stopScheduler };
}

/** Stops the scheduler: waits up to 30 s for running jobs (those still running are retried later). */
export async function stopScheduler(): Promise<void> {
  const r = running;
  if (!r) return;
  running = null;
  await r.boss.stop({ graceful: true, close: true, timeout: 30_000 });
}

/** True while a scheduler runs in this process. */
export function schedulerRunning(): boolean {
  return running !== null;
}

/** What a caller supplies to schedule a job. */
export type ScheduleInput = {
  kind: string;
  runAt: Date;
  payload?: unknown;
  /** Idempotency key: the same kind and key schedule one job only. */
  key?: string;
  /** The county the job's audit event belongs to (null: system). */
  countyId?: number | null;
};

/**
 * Schedules a job in the caller's transaction: it exists only if that transaction commits.
 * Returns its id, and created=false when a job with the same kind and key already existed.
 * No audit event here: the business change that asks for the job records why.
 */
export async function scheduleJob(tx: Db, input: ScheduleInput): Promise<{ id: string; created: boolean }> {
  const r = running;
  if (!r) throw new Error('the job scheduler is not started: call startScheduler(ctx) at boot');
  assertKind(input.kind);
  if (!(input.runAt instanceof Date) || Number.isNaN(input.runAt.getTime())) throw new AppError('VALIDATION', '任务时间不正确', 'invalid runAt');
  if (input.key !== undefined && (input.key.length < 1 || input.key.length > 200)) throw new AppError('VALIDATION', '任务键长度应为 1–200', 'key must be 1–200 characters');
  const payload = checkPayload(input.kind, input.payload ?? null);
  const key = input.key ?? null;
  const id = key ? keyToJobId(input.kind, key) : crypto.randomUUID();
  const data: JobData = { kind: input.kind, payload, key, countyId: input.countyId ?? null };
  const send = r.boss.send(JOB_QUEUE, data, { db: inTx(tx), id, startAfter: input.runAt });
  // A guard, not a code path: if pg-boss ever reads outside the transaction on PGlite's single
  // connection, fail (and roll back, freeing the connection) rather than hang.
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('scheduleJob timed out waiting for the database')), SEND_TIMEOUT_MS);
  });
  send.catch(() => undefined);
  try {
    const sent = await Promise.race([send, timeout]);
    return { id, created: sent !== null };
  } finally {
    clearTimeout(timer);
  }
}
