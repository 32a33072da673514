/**
 * Year-end runs: one scheme version, one year, one subtree. Each subject's confirmed points are
 * read from the totals the ledger's triggers keep (one row per subject, beside the roster), graded
 * by the scheme's pure rules, fingerprinted (SM3 of the canonical results) and stored; publishing
 * recomputes the run from the entries themselves, freezes the year there and opens the tasks
 * (rectification, disposal proceedings) the results call for.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, idArray, textArray, pgClientOf, copyInto, copyText, arrayText, type Db } from '../../platform/db/client.js';
import { sm3Stream } from '../../platform/crypto/sm.js';
import { insertEvent } from '../../platform/audit/store.js';
import { WIDE_KINDS, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { who } from '../../platform/http/context.js';
import { notifyAll } from '../../platform/notifications/index.js';
import { schemeRuns } from '../../platform/db/scheme-tables.js';
import {
  canonicalPieces, fromCents, getVersionById, gradeRun, tierPlacer, tierFacts, versionForYear,
  type MemberFact, type MemberRecord, type RunResult, type RunSubject, type SchemeDefinition, type SchemeRow, type VersionRow,
} from '../scheme/index.js';
import { branchConfirmers } from './store.js';

type SubjectRow = { id: number; countyId: number; groupId: number; ungraded: boolean; tier: string | null };

/** The subjects of a run: members in good standing placed in a tier (or every one when there are no tiers), or organisations of the scheme's kinds. */
export async function runSubjects(db: Db, def: SchemeDefinition, org: OrgRef, year: number): Promise<SubjectRow[]> {
  const like = `${org.path}%`;
  if (def.subject === 'org') {
    const list = await rows<{ id: number; countyId: number; groupId: number | null }>(db, sql`SELECT id, county_id AS "countyId", parent_id AS "groupId" FROM orgs
      WHERE path LIKE ${like} AND NOT archived AND kind = ANY(${textArray(def.orgKinds)}) AND county_id IS NOT NULL`);
    return list.map((o) => ({ id: o.id, countyId: o.countyId, groupId: o.groupId ?? o.id, ungraded: false, tier: null }));
  }
  // only the columns the tier rules read (category always: it decides who is graded)
  const facts = tierFacts(def);
  const column: [MemberFact, SQL][] = [
    ['age', sql`birth_date AS "birthDate"`], ['partyYears', sql`join_date AS "joinDate"`], ['gender', sql`gender`], ['workState', sql`work_state AS "workState"`],
    ['post', sql`post`], ['flowing', sql`flowing`], ['education', sql`education`], ['tierLabel', sql`tier`], ['partyState', sql`party_state AS "partyState"`],
  ];
  const wanted = column.filter(([f]) => facts.has(f)).map(([, c]) => c);
  const list = await rows<Partial<MemberRecord> & { id: number; countyId: number; orgId: number; category: string }>(db, sql`
    SELECT id, county_id AS "countyId", org_id AS "orgId", category${wanted.length ? sql`, ${sql.join(wanted, sql`, `)}` : sql``}
    FROM members WHERE org_path LIKE ${like} AND party_state IN ('正常','恢复')`);
  const out: SubjectRow[] = [];
  const place = tierPlacer(def, year);
  for (const m of list) {
    const tier = place(m);
    if (def.tiers.length && !tier) continue;
    out.push({ id: m.id, countyId: m.countyId, groupId: m.orgId, tier, ungraded: m.category === '预备党员' && !def.gradeProbationary });
  }
  return out;
}

/** One subject's confirmed points: net hundredths by dimension, and how many entries. */
export type SubjectSums = { sums: Map<string, number>; entries: number };

/**
 * Confirmed points per subject in one county: read from the totals the ledger's triggers keep
 * (`totals`, what a run reads), or summed from the entries themselves (`ledger`, what publication
 * checks a run against). One row per subject, aggregated in index order. With `byDimension` (a
 * scheme that limits what a dimension may add) each subject's dimensions come packed as
 * `dimension:points:entries` joined by commas (codes hold neither character); without, one sum
 * (under the dimension '').
 */
export async function ledgerSums(db: Db, schemeId: number, year: number, countyId: number, subjectIds: number[] | null, byDimension: boolean, from: 'totals' | 'ledger' = 'totals'): Promise<Map<number, SubjectSums>> {
  const only = subjectIds ? sql`AND subject_id = ANY(${`{${subjectIds.join(',')}}`}::bigint[])` : sql``;
  const source = from === 'totals'
    ? sql`SELECT subject_id, dimension, points, entries FROM point_totals WHERE county_id = ${countyId} AND scheme_id = ${schemeId} AND year = ${year} ${only}`
    : sql`SELECT subject_id, dimension, sum(points) AS points, count(*) AS entries FROM point_entries
        WHERE county_id = ${countyId} AND scheme_id = ${schemeId} AND year = ${year} AND status = 'confirmed' ${only} GROUP BY subject_id, dimension`;
  const out = new Map<number, SubjectSums>();
  if (!byDimension) {
    const list = await rows<{ s: number; c: number; n: number }>(db, sql`SELECT subject_id AS s, (sum(points) * 100)::bigint AS c, sum(entries)::int AS n
      FROM (${source}) t GROUP BY subject_id ORDER BY subject_id`);
    for (const r of list) out.set(r.s, { sums: new Map([['', r.c]]), entries: r.n });
    return out;
  }
  const list = await rows<{ s: number; x: string }>(db, sql`SELECT subject_id AS s, string_agg(dimension || ':' || points || ':' || entries, ',') AS x
    FROM (${source}) t GROUP BY subject_id ORDER BY subject_id`);
  for (const r of list) {
    const sums = new Map<string, number>();
    let entries = 0;
    for (const part of r.x.split(',')) {
      const [d, c, n] = part.split(':');
      sums.set(d, (sums.get(d) ?? 0) + Math.round(Number(c) * 100));
      entries += Number(n);
    }
    out.set(r.s, { sums, entries });
  }
  return out;
}

/** Whether a scheme's score needs each dimension's sum: only when a dimension's points are limited. */
export const scoresByDimension = (def: SchemeDefinition) => def.dimensions.some((x) => x.maxPoints != null || x.minPoints != null);

/** The counties under an organisation: its own, or those below a city or province. */
async function countiesUnder(db: Db, org: OrgRef): Promise<number[]> {
  if (org.countyId !== null) return [org.countyId];
  return (await rows<{ id: number }>(db, sql`SELECT id FROM orgs WHERE kind = 'county' AND path LIKE ${`${org.path}%`} ORDER BY id`)).map((r) => r.id);
}

/** Grades of published runs of earlier years, newest first, for multi-year rules. */
async function history(db: Db, schemeId: number, year: number, years: number, counties: number[]): Promise<Map<number, (string | null)[]>> {
  const out = new Map<number, (string | null)[]>();
  if (years < 1) return out;
  const r = await rows<{ s: number; y: number; g: string | null }>(db, sql`SELECT rr.subject_id AS s, r.year AS y, rr.grade AS g FROM run_results rr JOIN scheme_runs r ON r.id = rr.run_id
    WHERE r.scheme_id = ${schemeId} AND r.status = 'published' AND r.year BETWEEN ${year - years} AND ${year - 1} AND rr.county_id = ANY(${idArray(counties)})`);
  for (const x of r) {
    const list = out.get(x.s) ?? Array.from({ length: years }, () => null);
    list[year - 1 - x.y] = x.g;
    out.set(x.s, list);
  }
  return out;
}

/** What a run computes before it is stored. */
export type Computed = { results: RunResult[]; counties: Map<number, number>; entries: number; ledgerCents: number };

/** Computes a run's results from the ledger (its kept totals, or the entries themselves); nothing is written. */
export async function computeResults(db: Db, scheme: SchemeRow, version: VersionRow, org: OrgRef, year: number, from: 'totals' | 'ledger' = 'totals'): Promise<Computed> {
  const def = version.definition;
  const narrow = !WIDE_KINDS.includes(org.kind);
  const maxYears = Math.max(0, ...def.multiYear.map((m) => m.consecutiveYears - 1));
  const counties = await countiesUnder(db, org);
  // a wide subtree reads its counties' sums alongside the roster; a narrow one only its subjects' sums, after it
  const byDimension = scoresByDimension(def);
  const wide = async () => {
    const all = new Map<number, SubjectSums>();
    for (const c of counties) for (const [k, v] of await ledgerSums(db, scheme.id, year, c, null, byDimension, from)) all.set(k, v);
    return all;
  };
  const [subjects, wideSums, hist] = await Promise.all([
    runSubjects(db, def, org, year),
    narrow ? null : wide(),
    history(db, scheme.id, year, maxYears, counties),
  ]);
  const sums = wideSums ?? (counties.length ? await ledgerSums(db, scheme.id, year, counties[0], subjects.map((s) => s.id), byDimension, from) : new Map<number, SubjectSums>());
  let entries = 0;
  let ledgerCents = 0;
  const none = new Map<string, number>();
  const input: RunSubject[] = subjects.map((s) => {
    const x = sums.get(s.id);
    if (x) {
      entries += x.entries;
      for (const c of x.sums.values()) ledgerCents += c;
    }
    return { id: s.id, groupId: s.groupId, tier: s.tier, ungraded: s.ungraded, sums: x?.sums ?? none, history: hist.get(s.id) ?? [] };
  });
  const results = gradeRun(def, input);
  return { results, counties: new Map(subjects.map((s) => [s.id, s.countyId])), entries, ledgerCents };
}

/**
 * A run's fingerprint taken in pieces: SM3 of what was run (scheme, version, year, organisation)
 * and its canonical results, fed slice by slice in order.
 */
export function runHasher(scheme: SchemeRow, version: VersionRow, year: number, org: OrgRef): { add: (part: RunResult[]) => void; hex: () => string } {
  const h = sm3Stream();
  h.update(`${scheme.id}\n${version.id}\n${year}\n${org.id}\n`);
  const pieces = canonicalPieces(h.update);
  return { add: pieces.add, hex: () => { pieces.end(); return h.hex(); } };
}

/** A run's fingerprint over all its results at once. */
export function runHash(scheme: SchemeRow, version: VersionRow, year: number, org: OrgRef, results: RunResult[]): string {
  const h = runHasher(scheme, version, year, org);
  h.add(results);
  return h.hex();
}

/** Counts of each grade, awards in all, and grade counts per child of the run's organisation (streets of a county, …). */
async function summarise(db: Db, def: SchemeDefinition, org: OrgRef, c: Computed) {
  const depth = org.path.split('/').filter(Boolean).length;
  // the child of the run's organisation that each organisation lies under (itself at the top)
  const childOf = new Map<number, number>();
  for (const o of await rows<{ id: number; path: string }>(db, sql`SELECT id, path FROM orgs WHERE path LIKE ${`${org.path}%`}`)) {
    childOf.set(o.id, Number(o.path.split('/').filter(Boolean)[depth] ?? org.id));
  }
  const grades: Record<string, number> = {};
  const byChild = new Map<number, Record<string, number>>();
  let awards = 0;
  let ungraded = 0;
  for (const r of c.results) {
    const key = r.grade ?? '—';
    grades[key] = (grades[key] ?? 0) + 1;
    awards += r.award;
    if (r.grade === null) ungraded++;
    const child = childOf.get(def.subject === 'org' ? r.id : r.groupId) ?? org.id;
    const g = byChild.get(child) ?? {};
    g[key] = (g[key] ?? 0) + 1;
    byChild.set(child, g);
  }
  const names = byChild.size ? await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE id = ANY(${idArray([...byChild.keys()])})`) : [];
  const classification: Record<string, number> = {};
  for (const b of def.bands) if (b.classification) classification[b.classification] = (classification[b.classification] ?? 0) + (grades[b.code] ?? 0);
  return {
    grades, awards, ungraded, classification, tasks: c.results.filter((r) => r.opensTask).length, quotaAdjusted: c.results.filter((r) => r.quotaAdjusted).length,
    byChild: [...byChild.entries()].map(([id, g]) => ({ orgId: id, name: names.find((n) => n.id === id)?.name ?? String(id), grades: g })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** Runs a scheme for a year over a subtree and stores the results; after publication a run only compares. */
export async function createRun(db: Db, actor: Actor, scheme: SchemeRow, org: OrgRef, year: number, versionId?: number): Promise<{ id: number; ms: number }> {
  const t0 = performance.now();
  if (!org.path.startsWith(scheme.orgPath)) throw new AppError('VALIDATION', `“${org.name}”不在方案“${scheme.name}”的适用范围内`, 'the organisation is outside the scheme\'s locality', [{ path: ['orgId'], message: '不在适用范围内' }]);
  const version = versionId ? await getVersionById(db, versionId) : await versionForYear(db, scheme.id, year);
  if (!version || version.schemeId !== scheme.id) throw new AppError('VALIDATION', versionId ? `方案版本 ${versionId} 不存在` : `方案在 ${year} 年没有生效的版本`, 'no such scheme version', [{ path: ['versionId'], message: '版本不存在' }]);
  const c = await computeResults(db, scheme, version, org, year);
  const [published] = await rows<{ id: number }>(db, sql`SELECT id FROM scheme_runs WHERE scheme_id = ${scheme.id} AND year = ${year} AND org_id = ${org.id} AND status = 'published'`);
  return db.transaction(async (tx) => {
    // the results go in first, under the run's id taken now; the fingerprint is taken slice by
    // slice while the server writes the slice before
    const [{ id }] = await rows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('scheme_runs', 'id'))::bigint AS id`);
    const hasher = runHasher(scheme, version, year, org);
    await insertResults(tx, id, c, hasher.add);
    const hash = hasher.hex();
    const summary = await summarise(tx, version.definition, org, c);
    const ms = Math.round(performance.now() - t0);
    await tx.insert(schemeRuns).values({
      id, countyId: org.countyId, schemeId: scheme.id, versionId: version.id, year, orgId: org.id, orgPath: org.path, status: 'draft', subjects: c.results.length,
      entries: c.entries, ledgerSum: fromCents(c.ledgerCents).toFixed(2), resultHash: hash, summary, comparesWith: published?.id ?? null, createdBy: actor.userId, ms,
    });
    await insertEvent(tx, { type: 'run.computed', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'run', targetId: id, data: { schemeId: scheme.id, version: version.version, year, subjects: c.results.length, entries: c.entries, hash, comparesWith: published?.id ?? null } });
    return { id, ms: Math.round(performance.now() - t0) };
  });
}

/** The columns of run_results, in the order both ways of writing them use. */
const RESULT_COLUMNS = ['county_id', 'run_id', 'subject_id', 'org_id', 'tier', 'total', 'grade', 'score_grade', 'rank', 'group_rank', 'quota_adjusted', 'award', 'actions', 'flags'];

/** A result's values in RESULT_COLUMNS order; actions and flags as array literals. */
function resultValues(runId: number, c: Computed, r: RunResult): (string | number | boolean | null)[] {
  return [c.counties.get(r.id)!, runId, r.id, r.groupId, r.tier, fromCents(r.cents), r.grade, r.scoreGrade, r.rank, r.groupRank, r.quotaAdjusted, r.award, arrayText(r.actions), arrayText(r.flags)];
}

/** The results in slices of 10,000, each handed to `alongside` (the fingerprint) as it is encoded. */
function* slices(c: Computed, alongside: (part: RunResult[]) => void): Generator<RunResult[]> {
  const SLICE = 10_000;
  for (let i = 0; i < c.results.length; i += SLICE) {
    const part = c.results.slice(i, i + SLICE);
    alongside(part);
    yield part;
  }
}

/**
 * Writes the results, slice by slice, each slice encoded (and fingerprinted) while the server
 * stores the one before: on PostgreSQL with COPY FROM STDIN, on PGlite with one INSERT … SELECT
 * FROM unnest(arrays) per slice (one array parameter per column).
 */
async function insertResults(tx: Db, runId: number, c: Computed, alongside: (part: RunResult[]) => void): Promise<void> {
  const client = pgClientOf(tx);
  if (client) {
    await copyInto(client, 'run_results', RESULT_COLUMNS, slices(c, alongside),
      (part) => part.map((r) => `${resultValues(runId, c, r).map(copyText).join('\t')}\n`).join(''));
    return;
  }
  for (const part of slices(c, alongside)) {
    const values = part.map((r) => resultValues(runId, c, r));
    const col = (i: number) => arrayText(values.map((v) => v[i]));
    await tx.execute(sql`INSERT INTO run_results (${sql.raw(RESULT_COLUMNS.join(', '))})
      SELECT x.c, x.run, x.s, x.o, x.t, x.total, x.g, x.sg, x.r, x.gr, x.q, x.a, x.ac::text[], x.fl::text[]
      FROM unnest(${col(0)}::bigint[], ${col(1)}::bigint[], ${col(2)}::bigint[], ${col(3)}::bigint[], ${col(4)}::text[],
        ${col(5)}::numeric[], ${col(6)}::text[], ${col(7)}::text[], ${col(8)}::int[], ${col(9)}::int[],
        ${col(10)}::boolean[], ${col(11)}::numeric[], ${col(12)}::text[], ${col(13)}::text[])
        AS x(c, run, s, o, t, total, g, sg, r, gr, q, a, ac, fl)`);
  }
}

/** Publishes a draft run: the ledger must be settled and unchanged since the run; opens the tasks its results call for. */
export async function publishRun(db: Db, actor: Actor, runId: number, org: OrgRef, scheme: SchemeRow): Promise<{ id: number; tasks: number }> {
  const [run] = await rows<{ id: number; status: string; year: number; versionId: number; entries: number; ledgerSum: string; comparesWith: number | null; resultHash: string }>(db, sql`
    SELECT id, status, year, version_id AS "versionId", entries, ledger_sum::text AS "ledgerSum", compares_with AS "comparesWith", result_hash AS "resultHash" FROM scheme_runs WHERE id = ${runId}`);
  if (!run) throw errors.notFound('考评', 'run');
  if (run.status !== 'draft') throw new AppError('INVALID_STATE', '只有草稿状态的考评可以发布', 'only a draft run can be published');
  if (run.comparesWith) throw new AppError('INVALID_STATE', `本年度结果已发布（第 ${run.comparesWith} 次考评），此次考评仅用于比较`, 'the year is already published: this run only compares');
  const [pending] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM point_entries WHERE scheme_id = ${scheme.id} AND year = ${run.year} AND status = 'pending' AND org_path LIKE ${`${org.path}%`}`);
  if (pending.n) throw new AppError('INVALID_STATE', `还有 ${pending.n} 条积分待支部确认，确认或退回后才能发布`, `${pending.n} entries still await confirmation`);
  const version = (await getVersionById(db, run.versionId))!;
  // computed again from the entries themselves, not the kept totals: what is published is what the ledger gives
  const again = await computeResults(db, scheme, version, org, run.year, 'ledger');
  if (runHash(scheme, version, run.year, org, again.results) !== run.resultHash) throw new AppError('INVALID_STATE', '考评后台账或党员信息有变化，请重新考评后再发布', 'the ledger or the roster changed since this run: run again');
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE scheme_runs SET status = 'published', published_by = ${actor.userId}, published_at = now() WHERE id = ${run.id} AND status = 'draft' RETURNING id`);
    if (!r.length) throw new AppError('INVALID_STATE', '该考评已不是草稿', 'the run is no longer a draft');
    const tasks = await openTasks(tx, actor, run.id, version.definition, again, org);
    await insertEvent(tx, { type: 'run.published', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'run', targetId: run.id, data: { schemeId: scheme.id, year: run.year, hash: run.resultHash, tasks } });
    return { id: run.id, tasks };
  });
}

/** One tracked task per result that calls for rectification or disposal proceedings. */
async function openTasks(tx: Db, actor: Actor, runId: number, def: SchemeDefinition, c: Computed, org: OrgRef): Promise<number> {
  const list = c.results.filter((r) => r.opensTask);
  if (!list.length) return 0;
  const subjectKind = def.subject;
  const names = new Map((await rows<{ id: number; name: string }>(tx, subjectKind === 'member'
    ? sql`SELECT id, name FROM members WHERE id = ANY(${idArray(list.map((r) => r.id))})`
    : sql`SELECT id, name FROM orgs WHERE id = ANY(${idArray(list.map((r) => r.id))})`)).map((x) => [x.id, x.name]));
  const targetOrg = (r: RunResult) => (subjectKind === 'member' ? r.groupId : r.id);
  const paths = new Map((await rows<{ id: number; path: string }>(tx, sql`SELECT id, path FROM orgs WHERE id = ANY(${idArray(list.map(targetOrg))})`)).map((x) => [x.id, x.path]));
  for (const r of list) {
    const multi = r.flags.find((f) => f.startsWith('multiYear:'));
    const rule = multi ? def.multiYear.find((m) => multi === `multiYear:${m.band}:${m.consecutiveYears}`) : undefined;
    const band = def.bands.find((b) => b.code === r.grade)!;
    const kind = rule ? 'disposal' : 'rectification';
    const title = rule ? `${names.get(r.id)}：连续${rule.consecutiveYears}年“${band.name}”，${rule.action}` : `${names.get(r.id)}：“${band.name}”，${r.actions.join('、') || '整改'}`;
    const orgId = targetOrg(r);
    const [t] = await rows<{ id: number }>(tx, sql`INSERT INTO org_tasks (county_id, org_id, org_path, kind, title, subject_kind, subject_id, run_id, options)
      VALUES (${c.counties.get(r.id)}, ${orgId}, ${paths.get(orgId) ?? org.path}, ${kind}, ${title.slice(0, 200)}, ${subjectKind}, ${r.id}, ${runId}, ${textArray(rule?.options ?? [])})
      RETURNING id`);
    await insertEvent(tx, { type: 'task.opened', ...who(actor), countyId: c.counties.get(r.id), orgId, orgPath: paths.get(orgId) ?? org.path, targetType: 'task', targetId: t.id, data: { kind, runId, subject: `${subjectKind}:${r.id}`, title } });
    await notifyAll(tx, (await branchConfirmers(tx, orgId)).map((u) => ({ userId: u.userId, title: title.slice(0, 200), body: '年终考评结果发布后需跟踪办理', link: '/tasks' })));
  }
  return list.length;
}
