/**
 * Where the rate limits of the public routes count their hits. On a PostgreSQL server the counters
 * live in the unlogged table rate_hits, one row per route and address with its window's start, so
 * every process of a deployment counts the same hits; on embedded PGlite (one process) they stay in
 * the process's memory, as @fastify/rate-limit keeps them by default.
 */
import type { FastifyRateLimitOptions, FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Database } from '../db/client.js';

/** Rows whose window started longer ago than this are swept. */
const KEEP_MS = 60 * 60_000;
/** How often each process sweeps. */
const SWEEP_MS = 5 * 60_000;

// One statement per hit: a new window starts when the last one has run out, else the count goes up.
const HIT = `INSERT INTO rate_hits AS h (key, started, n) VALUES ($1, clock_timestamp(), 1)
  ON CONFLICT (key) DO UPDATE SET
    n = CASE WHEN h.started <= clock_timestamp() - make_interval(secs => $2::float8 / 1000) THEN 1 ELSE h.n + 1 END,
    started = CASE WHEN h.started <= clock_timestamp() - make_interval(secs => $2::float8 / 1000) THEN clock_timestamp() ELSE h.started END
  RETURNING n, greatest(0, ceil(extract(epoch FROM h.started + make_interval(secs => $2::float8 / 1000) - clock_timestamp()) * 1000))::int AS ttl`;

/** The store class for @fastify/rate-limit's `store` option: counters in PostgreSQL. */
export function postgresRateStore(database: Database): FastifyRateLimitStoreCtor {
  let lastSweep = 0;
  class PostgresRateStore {
    private readonly prefix: string;
    constructor(options: FastifyRateLimitOptions & { prefix?: string }) {
      this.prefix = options.prefix ?? '';
    }

    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = Date.now();
      const sweep = now - lastSweep > SWEEP_MS;
      if (sweep) lastSweep = now;
      (async () => {
        if (sweep) await database.query(`DELETE FROM rate_hits WHERE started < $1`, [new Date(now - KEEP_MS)]);
        const [r] = await database.query(HIT, [this.prefix + key, timeWindow]) as { n: number; ttl: number }[];
        return { current: Number(r.n), ttl: Number(r.ttl) };
      })().then((res) => callback(null, res), (err: Error) => callback(err));
    }

    // the plugin passes the route's merged options, the route itself under routeInfo (its typings say otherwise)
    child(routeOptions: object): FastifyRateLimitStore {
      const route = (routeOptions as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new PostgresRateStore({ prefix: `${this.prefix}${String(route.method ?? '')} ${route.url ?? ''}|` });
    }
  }
  return PostgresRateStore as unknown as FastifyRateLimitStoreCtor;
}
