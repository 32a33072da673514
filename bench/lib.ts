/**
 * Shared pieces of the benchmarks: a result row with its limit, the one table they print,
 * a load driver with latency percentiles, and a guard that keeps load on this machine.
 */

/** One figure of the benchmark next to its limit; `ok` says whether the limit is met. */
export type Row = {
  name: string;
  value: number;
  unit: string;
  /** The limit, or null for a figure shown for information only. */
  limit: number | null;
  /** Which side of the limit is good. */
  better: 'lower' | 'higher';
  ok: boolean;
};

/** Builds a row and decides `ok` from the limit. */
export function row(name: string, value: number, unit: string, limit: number | null, better: Row['better'] = 'lower'): Row {
  const ok = limit === null || (better === 'lower' ? value <= limit : value >= limit);
  return { name, value, unit, limit, better, ok };
}

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

/** Prints the rows as one aligned table, each figure next to its limit. */
export function printTable(rows: readonly Row[], out: (line: string) => void = (l) => process.stdout.write(l + '\n')): void {
  const cells = rows.map((r) => [
    r.name,
    `${fmt(r.value)} ${r.unit}`,
    r.limit === null ? '—' : `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.limit)} ${r.unit}`,
    r.limit === null ? 'info' : r.ok ? 'ok' : 'FAIL',
  ]);
  const head = ['figure', 'value', 'limit', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 1 || i === 2 ? x.padStart(widths[i]) : x.padEnd(widths[i]))).join('  ').trimEnd();
  out(line(head));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) out(line(c));
}

/** The p-th percentile (0–100) of sorted values, by nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Throws unless `url` points at this machine: the benchmarks never send load elsewhere. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!LOOPBACK.has(host) && !/^127\./.test(host)) throw new Error(`benchmarks only run against loopback, not ${host}`);
}

/** How to drive a measured operation. */
export type MeasureOptions = {
  /** Where the load goes (an http:// or postgres:// URL); must be loopback. */
  target: string;
  /** Requests per second, issued on schedule whatever the latency (open loop); without it, a closed loop. */
  rate?: number;
  /** Most requests in flight at once (open loop: later ones are dropped; closed loop: the number of workers). */
  concurrency?: number;
  /** Upper bounds: the run stops at whichever comes first. */
  maxCount: number;
  maxDurationMs: number;
  /** Requests run before measuring, not counted. */
  warmup?: number;
};

/** Latency percentiles (ms), the achieved rate (completed per second) and what went wrong. */
export type Measurement = {
  count: number;
  errors: number;
  dropped: number;
  durationMs: number;
  rate: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  firstError?: string;
};

/**
 * Runs `op` under the given load and measures it. In the open loop, latency counts from the
 * scheduled start, so a stall shows up in the percentiles instead of hiding (coordinated omission).
 */
export async function measure(op: (i: number) => Promise<unknown>, opts: MeasureOptions): Promise<Measurement> {
  assertLoopback(opts.target);
  for (let i = 0; i < (opts.warmup ?? 0); i++) await op(-1 - i);
  const latencies: number[] = [];
  let errors = 0;
  let dropped = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + opts.maxDurationMs;
  const run = async (i: number, from: number) => {
    try {
      await op(i);
      latencies.push(performance.now() - from);
    } catch (e) {
      errors++;
      firstError ??= e instanceof Error ? e.message : String(e);
    }
  };

  if (opts.rate !== undefined) {
    const interval = 1000 / opts.rate;
    const limit = opts.concurrency ?? 256;
    const pending = new Set<Promise<void>>();
    for (let i = 0; i < opts.maxCount; i++) {
      const at = started + i * interval;
      if (at >= deadline) break;
      const wait = at - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (pending.size >= limit) { dropped++; continue; }
      const p = run(i, at).finally(() => pending.delete(p));
      pending.add(p);
    }
    await Promise.all(pending);
  } else {
    let next = 0;
    const worker = async () => {
      while (next < opts.maxCount && performance.now() < deadline) {
        const i = next++;
        await run(i, performance.now());
      }
    };
    await Promise.all(Array.from({ length: opts.concurrency ?? 1 }, worker));
  }

  const durationMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length, errors, dropped, durationMs,
    rate: (latencies.length * 1000) / durationMs,
    p50: percentile(latencies, 50), p90: percentile(latencies, 90), p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN, firstError,
  };
}

/** Milliseconds taken by `fn`, with its result. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

/** A progress line on stderr, so that stdout keeps only the table. */
export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
