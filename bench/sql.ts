/**
 * The raw-SQL baseline of the member list: the query the list endpoint is expected to run,
 * with random subtree prefixes and name fragments, measured serially and under a steady load.
 * HTTP figures of the same list are compared with these.
 */
import pg from 'pg';
import { Rng } from '../src/modules/generate/random.js';
import { measure, note, row, type Measurement, type Row } from './lib.js';

/**
 * The member-list page query, as the route runs it: a page of a subtree by the start of the name,
 * in name order; for a street or wider the county is given so the page walks the (county_id, name) index.
 */
export const MEMBER_LIST_SQL = `SELECT m.id, m.org_id, o.name AS org_name, m.name, m.gender, m.birth_date::text, m.id_masked, m.phone_masked, m.category,
  m.join_date::text, m.party_state FROM members m JOIN orgs o ON o.id = m.org_id
  WHERE ($1::bigint IS NULL OR m.county_id = $1) AND m.org_path LIKE $2 AND m.name COLLATE "C" LIKE $3 ORDER BY m.name COLLATE "C", m.id LIMIT 50`;

/** Kinds for which the route hands the county to the query (src/platform/auth/access.ts WIDE_KINDS). */
export const WIDE = ['province', 'city', 'county', 'street', 'town'];

/** One request of the mix: the subtree's path and a name fragment ('' for none). */
export type ListCase = { county: number | null; path: string; fragment: string };

/** Organisation kinds of each level, with the share of list requests made at that level (most users work at branch and community level). */
export const TRAFFIC_MIX: readonly (readonly [readonly string[], number])[] = [
  [['county'], 5], [['street', 'town'], 15], [['community', 'village'], 30], [['branch', 'joint_branch'], 50],
];

/**
 * A fixed mix of list requests: a level is drawn by `levels` weights, then an organisation of
 * that level uniformly; the fragment is a surname, a given-name character, or nothing
 * (4:4:2). Same seed, same database → same mix.
 */
export async function memberListMix(pool: pg.Pool, seed: number, levels = TRAFFIC_MIX, size = 2_000): Promise<ListCase[]> {
  const orgs = (await pool.query<{ path: string; kind: string; county_id: number }>('SELECT path, kind, county_id FROM orgs WHERE county_id IS NOT NULL ORDER BY id')).rows;
  const names = (await pool.query<{ name: string }>('SELECT name FROM members WHERE id % 97 = 0 ORDER BY id LIMIT 1000')).rows.map((r) => r.name);
  const byLevel = levels
    .map(([kinds, weight]) => [orgs.filter((o) => kinds.includes(o.kind)), weight] as const)
    .filter(([paths]) => paths.length > 0);
  const rng = new Rng(seed, 77);
  return Array.from({ length: size }, () => {
    const org = rng.pick(rng.weighted(byLevel));
    const name = rng.pick(names);
    const fragment = rng.weighted([[name.slice(0, 1), 6], [name, 2], ['', 2]]);
    return { county: WIDE.includes(org.kind) ? Number(org.county_id) : null, path: org.path, fragment };
  });
}

/** Runs one request of the mix. */
export function runListCase(pool: pg.Pool, c: ListCase): Promise<unknown> {
  return pool.query(MEMBER_LIST_SQL, [c.county, `${c.path}%`, `${c.fragment}%`]);
}

/** Limits of the raw-SQL baseline: the database's share of an interactive list that should answer within a few hundred ms end to end. */
export const SQL_LIMITS = { serialP50: 10, serialP99: 50, countyP99: 50, loadRate: 200, loadP99: 50 } as const;

/** Measures the member list at the database on `url` (already filled with county-scale data). */
export async function benchMemberList(url: string, seed = 1): Promise<{ rows: Row[]; serial: Measurement; countyWide: Measurement; load: Measurement }> {
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  try {
    const mix = await memberListMix(pool, seed);
    const wide = await memberListMix(pool, seed, [[['county'], 1]], 200);
    const serialRun = (cases: ListCase[], maxCount: number) => measure((i) => runListCase(pool, cases[Math.abs(i) % cases.length]), {
      target: url, maxCount, maxDurationMs: 30_000, warmup: 20,
    });
    note('member list: serial runs');
    const serial = await serialRun(mix, 1_000);
    const countyWide = await serialRun(wide, 200);
    note(`member list: ${SQL_LIMITS.loadRate}/s for 10 s`);
    const load = await measure((i) => runListCase(pool, mix[i % mix.length]), {
      target: url, rate: SQL_LIMITS.loadRate, concurrency: 64, maxCount: SQL_LIMITS.loadRate * 10, maxDurationMs: 10_000,
    });
    const errors = serial.errors + countyWide.errors + load.errors + load.dropped;
    const firstError = serial.firstError ?? countyWide.firstError ?? load.firstError;
    if (firstError) note(`first error: ${firstError}`);
    return {
      serial, countyWide, load,
      rows: [
        row('member list SQL, serial p50', serial.p50, 'ms', SQL_LIMITS.serialP50),
        row('member list SQL, serial p99', serial.p99, 'ms', SQL_LIMITS.serialP99),
        row('member list SQL, county-wide p50', countyWide.p50, 'ms', null),
        row('member list SQL, county-wide p99', countyWide.p99, 'ms', SQL_LIMITS.countyP99),
        row(`member list SQL @${SQL_LIMITS.loadRate}/s, achieved`, load.rate, 'req/s', SQL_LIMITS.loadRate * 0.95, 'higher'),
        row(`member list SQL @${SQL_LIMITS.loadRate}/s, p50`, load.p50, 'ms', SQL_LIMITS.serialP50),
        row(`member list SQL @${SQL_LIMITS.loadRate}/s, p99`, load.p99, 'ms', SQL_LIMITS.loadP99),
        row('member list SQL, errors + dropped', errors, '', 0),
      ],
    };
  } finally {
    await pool.end();
  }
}
