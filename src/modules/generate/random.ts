/**
 * Seeded pseudo-random numbers for data generation: sfc32 streams derived from a seed and a
 * path of integer keys, so that each part of the data (a county, a community) has a stream of
 * its own and does not depend on how much was drawn elsewhere.
 */

/** Mixes 32-bit integers into one well-spread 32-bit value (murmur3 finaliser over a running hash). */
export function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    let k = Math.imul(p | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= parts.length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A deterministic random source with the draws the generators need. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** A stream for `seed` and the given keys (e.g. county index, community index). */
  constructor(seed: number, ...keys: number[]) {
    this.a = mix(seed, ...keys, 1);
    this.b = mix(seed, ...keys, 2);
    this.c = mix(seed, ...keys, 3);
    this.d = 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** A float in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One value by weight; `table` is a list of [value, weight]. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      r -= w;
      if (r < 0) return v;
    }
    return table[table.length - 1][0];
  }

  /** A standard normal draw (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** An exponential draw with the given mean. */
  exponential(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }

  /** `k` distinct elements in random order (k is capped at the list's length). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
}

/** A weight table whose cumulative sums are precomputed, for draws in hot loops. */
export class WeightedTable<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;

  /** Builds the table from [value, weight] pairs. */
  constructor(table: readonly (readonly [T, number])[]) {
    this.values = table.map(([v]) => v);
    this.cumulative = new Float64Array(table.length);
    let sum = 0;
    table.forEach(([, w], i) => { sum += w; this.cumulative[i] = sum; });
  }

  /** A value drawn by weight with `rng`. */
  draw(rng: Rng): T {
    const c = this.cumulative;
    const r = rng.next() * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid] > r) hi = mid; else lo = mid + 1;
    }
    return this.values[lo];
  }
}

/** Splits `total` into `n` parts (each at least `min`) in proportion to random log-normal weights; the parts sum to `total` exactly. */
export function splitTotal(rng: Rng, total: number, n: number, spread = 0.5, min = 0): number[] {
  const free = Math.max(0, total - min * n);
  const weights = Array.from({ length: n }, () => Math.exp(rng.normal() * spread));
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (free * w) / sum);
  const parts = raw.map((x) => Math.floor(x));
  let left = free - parts.reduce((s, x) => s + x, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((p, q) => q[0] - p[0] || p[1] - q[1]);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) parts[order[k][1]] += 1;
  return parts.map((x) => x + min);
}
