/**
 * Points figures at county scale: the year-end run (subjects, sums, grades, hash, one result row
 * per subject written) next to the raw GROUP BY over the same ledger, on PostgreSQL and on PGlite,
 * and recording one entry over HTTP at a steady rate. The ledger is filled with set-based SQL
 * (INSERT … SELECT over generate_series joined to the members); the run and the entry go through
 * the product's own code.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, rows, textArray, type Database, type Db } from '../src/platform/db/client.js';
import { sm3, type Keys } from '../src/platform/crypto/sm.js';
import { hashPassword } from '../src/platform/auth/password.js';
import type { Actor, OrgRef } from '../src/platform/auth/access.js';
import { generate, SCALES } from '../src/modules/generate/index.js';
import { TEMPLATES } from '../src/modules/scheme/templates.js';
import { createScheme } from '../src/modules/scheme/service.js';
import {
  canonicalResults, getScheme, gradeRun, parseScheme, versionForYear, type Indicator, type RunSubject, type SchemeDefinition, type SchemeRow,
} from '../src/modules/scheme/index.js';
import { createRun, ledgerSums, runSubjects, scoresByDimension } from '../src/modules/points/run.js';
import { measure, note, row, timed, type Row } from './lib.js';
import { send, startServer } from './http.js';

/** Limits: the run against the raw GROUP BY over the same entries, and recording one entry under load. */
export const POINTS_LIMITS = { runOverRaw: 1.5, recordRate: 200, recordP99: 30 } as const;

/** The ledger's year: a whole past year, so that every date in it may be recorded. */
export const LEDGER_YEAR = 2025;
/** Confirmed entries in the county's ledger for that year (about 25 per member). */
export const LEDGER_ENTRIES = 2_500_000;

/** The baseline: the ledger summed per subject in one query, every row read by the client. */
export const RAW_SUMS_SQL = `SELECT subject_id, sum(points) FROM point_entries
  WHERE county_id = $1 AND scheme_id = $2 AND year = $3 AND status = 'confirmed' GROUP BY subject_id`;

const TEMPLATE_KEY = 'cangqian-member-tiered';
const PASSWORD = 'Bench-Points-2026!';

/**
 * The 仓前 tiered member template with its monthly and yearly caps lifted (runs do not read caps;
 * the recording figure must never meet one). Tiers — the last one places everyone — dimensions,
 * bands, quotas and multi-year rules are the template's.
 */
export function benchDefinition(): SchemeDefinition {
  const t = TEMPLATES.find((x) => x.key === TEMPLATE_KEY)!;
  const indicators = t.definition.indicators.map(({ capPerMonth: _m, capPerYear: _y, ...x }) => x);
  const parsed = parseScheme({ ...t.definition, indicators });
  if (!parsed.ok) throw new Error(`bench scheme: ${JSON.stringify(parsed.problems.slice(0, 3))}`);
  return parsed.value;
}

/** Indicators that apply to every tier, so any member may receive any of them. */
const everyTier = (def: SchemeDefinition): Indicator[] => def.indicators.filter((x) => !x.tiers);

/** The county's scheme, the user who runs it and the organisation it is run for. */
export type PointsSetup = { database: Database; db: Db; org: OrgRef; scheme: SchemeRow; def: SchemeDefinition; actor: Actor; username: string; password: string };

/** A county administrator for the bench, and the scheme at the county root (through the product's createScheme). */
export async function setUp(database: Database, rootOrgId: number): Promise<PointsSetup> {
  const db = database.db;
  const [org] = await rows<OrgRef>(db, sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE id = ${rootOrgId}`);
  const username = 'bench-points';
  const [user] = await rows<{ id: number }>(db, sql`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES (${username}, '积分压测', ${await hashPassword(PASSWORD)}, ${org.id}) RETURNING id`);
  const [grant] = await rows<{ id: number }>(db, sql`INSERT INTO grants (user_id, role, org_id) VALUES (${user.id}, 'county_admin', ${org.id}) RETURNING id`);
  const actor: Actor = {
    userId: user.id, username, displayName: '积分压测', memberId: null, memberCountyId: null,
    grants: [{ id: grant.id, role: 'county_admin', orgId: org.id, orgPath: org.path, orgName: org.name, orgKind: org.kind, countyId: org.countyId }],
  };
  const def = benchDefinition();
  const t = TEMPLATES.find((x) => x.key === TEMPLATE_KEY)!;
  const { id } = await createScheme(db, { actorId: user.id, actorName: actor.displayName, ip: null }, org,
    { code: 'bench-points', name: `${t.name}（压测，不设月/年上限）`, year: LEDGER_YEAR, source: t.source, templateKey: t.key }, def);
  return { database, db, org, scheme: (await getScheme(db, id))!, def, actor, username, password: PASSWORD };
}

/**
 * Fills the ledger with `total` confirmed entries of the year, spread evenly over the members in
 * good standing under the scheme's organisation (the run's subjects), each member's entries in a
 * row: indicators that apply to every tier (additions six times as often as deductions), each with
 * its dimension and its points signed, dates over the whole year. One INSERT … SELECT through the
 * ledger's own triggers (they keep the totals a run reads) and its checks; only the foreign-key
 * checks are switched off for that transaction (the rows refer to the scheme, its version and the
 * members' branches by construction, and a count afterwards finds any entry whose branch is
 * missing), as a bulk restore would. Then ANALYZE.
 */
export async function fillLedger(s: PointsSetup, total: number): Promise<{ entries: number; subjects: number; ms: number }> {
  const version = (await versionForYear(s.db, s.scheme.id, LEDGER_YEAR))!;
  const pool = everyTier(s.def).flatMap((x) => Array.from({ length: x.kind === 'add' ? 6 : 1 }, () => x));
  const k = sql`((g * 2654435761) % ${pool.length})::int + 1`;
  const { ms } = await timed(async () => {
    await s.db.transaction(async (tx) => {
      const fks = await rows<{ name: string }>(tx, sql`SELECT tgname AS name FROM pg_trigger WHERE tgrelid = 'point_entries'::regclass AND tgisinternal
        AND tgconstraint IN (SELECT oid FROM pg_constraint WHERE contype = 'f' AND conrelid = 'point_entries'::regclass)`);
      for (const f of fks) await tx.execute(sql.raw(`ALTER TABLE point_entries DISABLE TRIGGER "${f.name}"`));
      await tx.execute(sql`WITH s AS (
          SELECT row_number() OVER (ORDER BY id) - 1 AS i, count(*) OVER () AS c, id, county_id, org_id, org_path FROM members
          WHERE org_path LIKE ${`${s.org.path}%`} AND party_state IN ('正常','恢复'))
        INSERT INTO point_entries (county_id, scheme_id, version_id, year, subject_kind, member_id, org_id, org_path, subject_id, indicator, dimension, points, occurred_on, source, status)
        SELECT s.county_id, ${s.scheme.id}, ${version.id}, ${LEDGER_YEAR}, 'member', s.id, s.org_id, s.org_path, s.id,
          (${textArray(pool.map((x) => x.code))})[${k}], (${textArray(pool.map((x) => x.dimension ?? ''))})[${k}],
          (ARRAY[${sql.join(pool.map((x) => sql`${(x.kind === 'add' ? x.points : -x.points).toFixed(2)}`), sql`, `)}]::numeric[])[${k}],
          make_date(${LEDGER_YEAR}, 1, 1) + ((g * 40503) % (make_date(${LEDGER_YEAR + 1}, 1, 1) - make_date(${LEDGER_YEAR}, 1, 1)))::int, 'manual', 'confirmed'
        FROM s, generate_series(s.i * ${total}::bigint / s.c, (s.i + 1) * ${total}::bigint / s.c - 1) g`);
      for (const f of fks) await tx.execute(sql.raw(`ALTER TABLE point_entries ENABLE TRIGGER "${f.name}"`));
    });
    await s.database.query('ANALYZE point_entries');
    await s.database.query('ANALYZE point_totals');
  });
  const [c] = await s.database.query<{ n: number; s: number; orphans: number }>(`SELECT count(*)::int AS n, count(DISTINCT subject_id)::int AS s,
      count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM orgs o WHERE o.id = e.org_id))::int AS orphans
    FROM point_entries e WHERE scheme_id = $1 AND year = $2`, [s.scheme.id, LEDGER_YEAR]);
  if (c.orphans) throw new Error(`${c.orphans} ledger entries refer to a missing branch`);
  return { entries: c.n, subjects: c.s, ms };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

type Statement = { text: string; start: number; end: number };

/** A Db that notes when each execute() (its own and its transactions') starts and ends, with its SQL text. */
function timingDb(db: Db, log: Statement[]): Db {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'execute') {
        return async (query: SQL) => {
          const text = (query as unknown as { queryChunks: ({ value?: string[] } | null)[] }).queryChunks.map((c) => c?.value?.join('') ?? '?').join('').replace(/\s+/g, ' ').trim();
          const start = performance.now();
          try { return await target.execute(query); } finally { log.push({ text, start, end: performance.now() }); }
        };
      }
      if (prop === 'transaction') return (fn: (tx: Db) => Promise<unknown>, config?: unknown) => target.transaction((tx) => fn(timingDb(tx as Db, log)), config as never);
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The statements of a run, by what they do. */
const STEPS: [RegExp, string][] = [
  [/FROM members WHERE org_path/, 'subjects query'],
  [/FROM point_totals|sum\(points\)|string_agg\(dimension/, 'sums query (kept totals, one row per subject; alongside the subjects query)'],
  [/FROM orgs WHERE path LIKE/, 'summary: organisations query'],
  [/FROM run_results rr JOIN scheme_runs/, 'history query'],
  [/SELECT id, name FROM orgs/, 'summary: names query'],
  [/FROM scheme_runs WHERE/, 'published-run query'],
  [/INSERT INTO run_results/, 'run_results INSERTs (10,000 rows each, PGlite)'],
  [/audit_/, 'audit event'],
];
const stepOf = (text: string) => STEPS.find(([re]) => re.test(text))?.[1] ?? text.slice(0, 50);

/** Where one run's time goes, in seconds, in the order the run spends it; counts are plain numbers. */
export type RunProfile = [string, number][];

/**
 * One createRun taken apart: every statement it executes is timed (SQL and rows to JS), and the
 * time between statements is put down to the JS (and builder queries) before the next one. Then
 * the pure steps are timed alone on the same data: tier placement is the gap before the sums,
 * grading and hashing are part of the gap before the summary query. Not counted in the figures.
 */
export async function profileRun(s: PointsSetup): Promise<RunProfile> {
  const log: Statement[] = [];
  const t0 = performance.now();
  await createRun(timingDb(s.db, log), s.actor, s.scheme, s.org, LEDGER_YEAR);
  const total = performance.now() - t0;
  const parts = new Map<string, number>();
  const add = (k: string, ms: number) => parts.set(k, (parts.get(k) ?? 0) + ms / 1000);
  let cursor = t0;
  for (const st of log.sort((a, b) => a.start - b.start)) {
    const step = stepOf(st.text);
    // on PostgreSQL the results go by COPY, which the proxy does not see: it is the gap before the summary
    const copied = step === 'summary: organisations query' && s.database.kind === 'postgres';
    if (st.start > cursor) add(copied ? '  results written with COPY (encoded and fingerprinted alongside)' : `  JS and builder queries before the ${step}`, st.start - cursor);
    add(`  ${step}`, Math.max(0, st.end - Math.max(cursor, st.start)));
    cursor = Math.max(cursor, st.end);
  }
  add('  COMMIT and the rest, after the last statement', t0 + total - cursor);

  // the pure steps alone, on the same data
  const subjects = await timed(() => runSubjects(s.db, s.def, s.org, LEDGER_YEAR));
  const sums = await timed(() => ledgerSums(s.db, s.scheme.id, LEDGER_YEAR, s.org.countyId!, null, scoresByDimension(s.def)));
  const input: RunSubject[] = subjects.result.map((x) => ({ id: x.id, groupId: x.groupId, tier: x.tier, ungraded: x.ungraded, sums: sums.result.get(x.id)?.sums ?? new Map(), history: [] }));
  const graded = await timed(async () => gradeRun(s.def, input));
  const canonical = await timed(async () => canonicalResults(graded.result));
  const hash = await timed(async () => sm3(canonical.result));
  return [
    ['createRun, one run', total / 1000],
    ...parts,
    ['alone: runSubjects (query + tier placement)', subjects.ms / 1000],
    ['alone: ledgerSums from the kept totals (query + unpacking)', sums.ms / 1000],
    ['alone: gradeRun (JS)', graded.ms / 1000],
    ['alone: canonical JSON of the results', canonical.ms / 1000],
    ['alone: SM3 of it', hash.ms / 1000],
    ['subjects', subjects.result.length],
    ['subjects with points', sums.result.size],
    ['canonical JSON, MB', canonical.result.length / 1e6],
  ];
}

/** The run against the raw GROUP BY: one warm-up each, then three rounds of (raw, run); medians in seconds. */
export async function runVsRaw(s: PointsSetup): Promise<{ runS: number; rawS: number; subjects: number; sums: number }> {
  const raw = () => s.database.query(RAW_SUMS_SQL, [s.org.countyId, s.scheme.id, LEDGER_YEAR]);
  const run = () => createRun(s.db, s.actor, s.scheme, s.org, LEDGER_YEAR);
  const sums = (await raw()).length;
  const first = await run();
  const [{ subjects }] = await rows<{ subjects: number }>(s.db, sql`SELECT subjects FROM scheme_runs WHERE id = ${first.id}`);
  const rawMs: number[] = [];
  const runMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    rawMs.push((await timed(raw)).ms);
    runMs.push((await timed(run)).ms);
  }
  note(`  raw GROUP BY ${rawMs.map((x) => (x / 1000).toFixed(2)).join(', ')} s; run ${runMs.map((x) => (x / 1000).toFixed(2)).join(', ')} s`);
  return { runS: median(runMs) / 1000, rawS: median(rawMs) / 1000, subjects, sums };
}

export function printProfile(where: string, p: RunProfile): void {
  note(`  where one run's time goes (${where}, seconds unless said):`);
  for (const [k, v] of p) note(`    ${k.padEnd(80)} ${Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(3)}`);
}

/** Fills the ledger, then times the run against the raw GROUP BY; rows labelled with `where`. */
async function yearEnd(s: PointsSetup, where: string, members: number): Promise<{ rows: Row[]; runS: number }> {
  note(`points ledger on ${where}: ${LEDGER_ENTRIES.toLocaleString('en-US')} entries, set-based`);
  const fill = await fillLedger(s, LEDGER_ENTRIES);
  note(`  ${fill.entries.toLocaleString('en-US')} entries for ${fill.subjects.toLocaleString('en-US')} subjects in ${(fill.ms / 1000).toFixed(1)} s (with ANALYZE)`);
  note(`year-end run on ${where}: a warm-up, then the raw GROUP BY and the run, three times each`);
  const m = await runVsRaw(s);
  note(`  ${m.subjects.toLocaleString('en-US')} subjects graded; the raw GROUP BY returns ${m.sums.toLocaleString('en-US')} rows`);
  printProfile(where, await profileRun(s));
  const label = `county (${Math.round(members / 1000)}k members, ${(fill.entries / 1e6).toFixed(1)}M entries), ${where}`;
  return {
    runS: m.runS,
    rows: [
      row(`ledger of ${(fill.entries / 1e6).toFixed(1)}M entries, set-based, ${where}`, fill.entries / (fill.ms / 1000), 'entries/s', null, 'higher'),
      row(`year-end run, ${label}`, m.runS, 's', null),
      row(`raw GROUP BY over the same entries, ${where}`, m.rawS, 's', null),
      row(`run / raw GROUP BY, ${where}`, m.runS / m.rawS, '×', where === 'PostgreSQL' ? POINTS_LIMITS.runOverRaw : null),
    ],
  };
}

/** What the recording figure needs from the PostgreSQL set-up. */
export type RecordTarget = { schemeId: number; countyId: number; username: string; password: string; indicators: string[] };

/**
 * The year-end run on the PostgreSQL county at `url` (already generated, `rootOrgId` its county):
 * the scheme, the 2.5M-entry ledger, the timed runs and the province projected from the county.
 */
export async function benchYearEndPostgres(url: string, rootOrgId: number, members: number): Promise<{ rows: Row[]; target: RecordTarget }> {
  const database = await openDatabase({ url, migrate: false });
  try {
    const s = await setUp(database, rootOrgId);
    const r = await yearEnd(s, 'PostgreSQL', members);
    const province = SCALES.province;
    const counties = province.cities * province.countiesPerCity;
    return {
      rows: [...r.rows, row(`  year-end run, province (${counties} counties), projected from the county`, (r.runS * counties) / 60, 'min', null)],
      target: { schemeId: s.scheme.id, countyId: s.org.countyId!, username: s.username, password: s.password, indicators: everyTier(s.def).map((x) => x.code) },
    };
  } finally {
    await database.close();
  }
}

/** The same on PGlite: the county generated by the project's generator into a temporary data dir, the same ledger and the same runs. */
export async function benchYearEndPglite(keys: Keys): Promise<Row[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xf-bench-points-'));
  const database = await openDatabase({ dir });
  try {
    note('county on PGlite (for the year-end run)');
    const gen = await generate(database, keys, { scale: 'county', seed: 1 });
    note(`  ${gen.members.toLocaleString('en-US')} members in ${(gen.ms / 1000).toFixed(1)} s`);
    const s = await setUp(database, gen.rootOrgId);
    return (await yearEnd(s, 'PGlite', gen.members)).rows;
  } finally {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Samples, every 250 ms, what the database's active connections are doing: how many wait for a lock, and on which statement. */
function lockSampler(url: string): { stop: () => Promise<string> } {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  let samples = 0;
  let active = 0;
  const waiting = new Map<string, number>();
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const r = await pool.query<{ w: string | null; q: string }>(`SELECT wait_event_type AS w, left(regexp_replace(query, '\\s+', ' ', 'g'), 70) AS q FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`);
      samples++;
      active += r.rows.length;
      for (const x of r.rows) if (x.w === 'Lock') waiting.set(x.q, (waiting.get(x.q) ?? 0) + 1);
    } catch { /* a missed sample */ } finally { busy = false; }
  }, 250);
  return {
    stop: async () => {
      clearInterval(timer);
      await pool.end();
      const locked = [...waiting.values()].reduce((a, b) => a + b, 0);
      const top = [...waiting].sort((a, b) => b[1] - a[1])[0];
      return `on average ${(active / Math.max(1, samples)).toFixed(1)} statements running, ${(locked / Math.max(1, samples)).toFixed(1)} of them waiting for a lock`
        + (top ? ` (${Math.round((100 * top[1]) / locked)}% on “${top[0]}”)` : '');
    },
  };
}

/**
 * POST /api/v1/points/entries through the bench's server process, as the county administrator:
 * first one at a time (for the latency without contention), then at 200/s for 15 s. Every request
 * goes to a different member in good standing (a stride through the county's roster) with the next
 * indicator that applies to every tier, dated in the ledger's year (its runs are drafts, so it is
 * open). Any answer but 200 is an error. The entries wait for their branch's confirmation (the
 * county administrator is outside the branch), as the product decides.
 */
export async function benchRecordHttp(url: string, t: RecordTarget): Promise<Row[]> {
  const { recordRate: rate, recordP99 } = POINTS_LIMITS;
  const seconds = 15;
  const warmup = 50;
  const serialCount = 200;
  const database = await openDatabase({ url, migrate: false });
  let people: number[];
  let before: number;
  try {
    const all = (await database.query<{ id: number }>(`SELECT id FROM members WHERE county_id = $1 AND party_state IN ('正常','恢复') ORDER BY id`, [t.countyId])).map((r) => r.id);
    const need = warmup + serialCount + rate * seconds;
    const step = Math.max(1, Math.floor(all.length / need));
    people = all.filter((_, i) => i % step === 0).slice(0, need);
    [{ n: before }] = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM point_entries WHERE scheme_id = $1', [t.schemeId]);
    // The maintenance a bulk load is followed by, done now rather than by autovacuum and a checkpoint
    // in the middle of the load below: there they cost the recording tail (p99 35 ms, max 97 ms, once).
    const m = await timed(async () => {
      await database.query('VACUUM (ANALYZE) point_entries, point_totals, run_results');
      await database.query('CHECKPOINT');
    });
    note(`  VACUUM (ANALYZE) of the ledger, its totals and the run results, then CHECKPOINT: ${(m.ms / 1000).toFixed(1)} s`);
  } finally {
    await database.close();
  }

  const server = await startServer(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const statuses = new Map<string, number>();
  try {
    const login = await send(agent, `${server.app}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: t.username, password: t.password }) });
    if (login.status !== 200) throw new Error(`bench login: ${login.status} ${login.body}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const csrf = (JSON.parse(login.body) as { csrfToken: string }).csrfToken;
    let next = 0;
    const record = async () => {
      const k = next++;
      const body = {
        schemeId: t.schemeId, memberId: people[k % people.length], indicator: t.indicators[k % t.indicators.length],
        occurredOn: `${LEDGER_YEAR}-${String(1 + (Math.floor(k / 28) % 12)).padStart(2, '0')}-${String(1 + (k % 28)).padStart(2, '0')}`, evidence: '压测记录',
      };
      const r = await send(agent, `${server.app}/api/v1/points/entries`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 300)}`);
      const status = (JSON.parse(r.body) as { status: string }).status;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    };
    note(`record an entry over HTTP: ${warmup} warm-up requests, ${serialCount} one at a time, then ${rate}/s for ${seconds} s`);
    const serial = await measure(record, { target: server.app, maxCount: serialCount, maxDurationMs: 20_000, warmup });
    const sampler = lockSampler(url);
    const m = await measure(record, { target: server.app, rate, concurrency: 64, maxCount: rate * seconds, maxDurationMs: seconds * 1000 });
    note(`  during the ${rate}/s load: ${await sampler.stop()}`);
    const firstError = serial.firstError ?? m.firstError;
    if (firstError) note(`first error: ${firstError}`);
    const check = await openDatabase({ url, migrate: false });
    const [{ n: after }] = await check.query<{ n: number }>('SELECT count(*)::int AS n FROM point_entries WHERE scheme_id = $1', [t.schemeId]).finally(() => check.close());
    note(`  ${(after - before).toLocaleString('en-US')} entries written (${[...statuses].map(([k, v]) => `${v} ${k}`).join(', ')}); at ${rate}/s ${m.count} answered, ${m.errors} refused or failed, `
      + `${m.dropped} dropped (64 in flight); p90 ${m.p90.toFixed(1)} ms, max ${m.max.toFixed(1)} ms`);
    return [
      row('record an entry, one at a time, p50', serial.p50, 'ms', null),
      row('record an entry, one at a time, p99', serial.p99, 'ms', null),
      row(`record an entry @${rate}/s, achieved`, m.rate, 'req/s', rate * 0.95, 'higher'),
      row(`record an entry @${rate}/s, p50`, m.p50, 'ms', null),
      row(`record an entry @${rate}/s, p99`, m.p99, 'ms', recordP99),
      row('record an entry, errors + dropped', serial.errors + m.errors + m.dropped, '', 0),
    ];
  } finally {
    agent.destroy();
    await server.stop();
  }
}
