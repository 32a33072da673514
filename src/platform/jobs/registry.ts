/**
 * Job kinds and their handlers. A handler runs inside the transaction that also marks its job
 * done, so what it writes to the database happens exactly once. Pure bookkeeping: no I/O.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';

/** A job kind: lower-case words joined by '.', '_' or '-', e.g. 'notify' or 'rating.close'. */
export const JOB_KIND_RE = /^[a-z][a-z0-9_.-]{0,62}$/;

/** What a handler is told about the job it runs. `attempt` counts from 1. */
export type JobInfo = { id: string; kind: string; key: string | null; attempt: number; runAt: Date };

/** Does a job's work in the given transaction; throwing rolls it back and the job is retried later. */
export type JobHandler<P> = (tx: Db, payload: P, job: JobInfo) => Promise<void>;

type Entry = { run: JobHandler<unknown>; schema: z.ZodType | null };
const handlers = new Map<string, Entry>();

/** Throws unless `kind` is a well-formed job kind. */
export function assertKind(kind: string): void {
  if (!JOB_KIND_RE.test(kind)) throw new AppError('VALIDATION', `任务类型不正确：${kind}`, `invalid job kind: ${kind}`);
}

/**
 * Registers the handler of a job kind, with an optional zod schema that checks the payload both
 * when a job is scheduled in this process and before it runs. A kind has one handler.
 */
export function registerHandler(kind: string, run: JobHandler<unknown>): void;
export function registerHandler<P>(kind: string, run: JobHandler<P>, schema: z.ZodType<P>): void;
export function registerHandler<P>(kind: string, run: JobHandler<P>, schema?: z.ZodType<P>): void {
  assertKind(kind);
  if (handlers.has(kind)) throw new Error(`a handler for job kind "${kind}" is already registered`);
  handlers.set(kind, { run: run as JobHandler<unknown>, schema: schema ?? null });
}

/** Removes a kind's handler (for tests and shutdown); true when there was one. */
export function unregisterHandler(kind: string): boolean {
  return handlers.delete(kind);
}

/** True when this process has a handler for the kind. */
export function hasHandler(kind: string): boolean {
  return handlers.has(kind);
}

/** The handler of a kind, if registered here. */
export function handlerFor(kind: string): Entry | undefined {
  return handlers.get(kind);
}

/** The payload checked by the kind's schema when it has one (VALIDATION otherwise); unchanged when it has none. */
export function checkPayload(kind: string, payload: unknown): unknown {
  const schema = handlers.get(kind)?.schema;
  if (!schema) return payload;
  const r = schema.safeParse(payload);
  if (!r.success) {
    throw new AppError('VALIDATION', `任务参数不正确（${kind}）`, `invalid payload for job kind ${kind}`, r.error.issues.map((i) => ({ path: i.path, message: i.message })));
  }
  return r.data;
}

/**
 * The job id for an idempotency key: a UUID-shaped digest of kind and key, so scheduling the same
 * kind and key twice names the same job and the second is a no-op.
 */
export function keyToJobId(kind: string, key: string): string {
  const h = crypto.createHash('sha256').update(`xianfeng-job\n${kind}\n${key}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80; // version 8: custom
  h[8] = (h[8] & 0x3f) | 0x80; // RFC 9562 variant
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
