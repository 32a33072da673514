/** SQL of the points ledger: subjects, cap usage, entries, the handbook and the board. */
import { sql, type SQL } from 'drizzle-orm';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import type { MemberRecord } from '../scheme/index.js';

/** Who is scored: a member (with the record a tier rule reads) or an organisation. */
export type Subject =
  | { kind: 'member'; id: number; countyId: number; orgId: number; orgPath: string; orgKind: string; name: string; record: MemberRecord; branchPath: string; confirmers: number[] }
  | { kind: 'org'; id: number; countyId: number; orgId: number; orgPath: string; orgKind: string; name: string };

/** The active secretaries of the branch `branchOrgId` (an SQL expression), one row each, by user id. */
function confirmersOf(branchOrgId: SQL): SQL {
  return sql`SELECT DISTINCT g.user_id AS "userId" FROM grants g JOIN users u ON u.id = g.user_id
    WHERE g.org_id = ${branchOrgId} AND g.role = 'branch_secretary' AND NOT u.disabled ORDER BY g.user_id`;
}

/** A member as a subject, or undefined. */
export async function memberSubject(db: Db, id: number): Promise<Subject | undefined> {
  const [m] = await rows<MemberRecord & { id: number; countyId: number; orgId: number; orgPath: string; orgKind: string; name: string; parentPath: string | null; confirmers: number[] }>(db, sql`
    SELECT m.id, m.county_id AS "countyId", m.org_id AS "orgId", m.org_path AS "orgPath", o.kind AS "orgKind", m.name,
      m.birth_date AS "birthDate", m.join_date AS "joinDate", m.gender, m.category, m.work_state AS "workState", m.post, m.flowing,
      m.education, m.tier, m.party_state AS "partyState", p.path AS "parentPath",
      ARRAY(SELECT c."userId" FROM (${confirmersOf(sql`(CASE WHEN o.kind = 'group' AND p.id IS NOT NULL THEN p.id ELSE o.id END)`)}) c)::int[] AS confirmers
    FROM members m JOIN orgs o ON o.id = m.org_id LEFT JOIN orgs p ON p.id = o.parent_id WHERE m.id = ${id}`);
  if (!m) return undefined;
  const { id: mid, countyId, orgId, orgPath, orgKind, name, parentPath, confirmers, ...record } = m;
  // the branch's secretaries confirm entries from outside it (a party group's branch is its parent)
  return { kind: 'member', id: mid, countyId, orgId, orgPath, orgKind, name, record, branchPath: orgKind === 'group' && parentPath ? parentPath : orgPath, confirmers: confirmers.map(Number) };
}

/** An organisation as a subject, or undefined. */
export async function orgSubject(db: Db, id: number): Promise<Subject | undefined> {
  const [o] = await rows<{ id: number; countyId: number | null; path: string; kind: string; name: string }>(db, sql`SELECT id, county_id AS "countyId", path, kind, name FROM orgs WHERE id = ${id}`);
  if (!o || o.countyId === null) return undefined;
  return { kind: 'org', id: o.id, countyId: o.countyId, orgId: o.id, orgPath: o.path, orgKind: o.kind, name: o.name };
}

/** The id of a published run of the scheme and year that covers the path (the ledger there is frozen), as a subquery. */
const publishedRunAt = (schemeId: number, year: number, path: string) => sql`(SELECT id FROM scheme_runs WHERE scheme_id = ${schemeId} AND year = ${year}
  AND status = 'published' AND ${path} LIKE org_path || '%' LIMIT 1)`;

/** Whether a published run of the scheme and year covers the path (the ledger there is frozen). */
export async function publishedCovering(db: Db, schemeId: number, year: number, path: string): Promise<{ id: number } | undefined> {
  const [r] = await rows<{ id: number | null }>(db, sql`SELECT ${publishedRunAt(schemeId, year, path)} AS id`);
  return r.id === null ? undefined : { id: r.id };
}

/**
 * Net hundredths already recorded (confirmed or pending) for a subject's indicator in the month and
 * the year, and the published run (if any) that freezes the subject's year: one query.
 */
export async function capUsage(db: Db, s: { countyId: number; kind: string; id: number; orgPath: string }, schemeId: number, year: number, indicator: string, month: number): Promise<{ monthCents: number; yearCents: number; publishedRun: number | null }> {
  const [u] = await rows<{ m: string; y: string; pub: number | null }>(db, sql`SELECT coalesce(sum(points) FILTER (WHERE extract(month FROM occurred_on) = ${month}), 0)::text AS m,
      coalesce(sum(points), 0)::text AS y,
      ${publishedRunAt(schemeId, year, s.orgPath)} AS pub
    FROM point_entries WHERE county_id = ${s.countyId} AND scheme_id = ${schemeId} AND year = ${year} AND subject_id = ${s.id}
      AND subject_kind = ${s.kind} AND indicator = ${indicator} AND status <> 'rejected'`);
  return { monthCents: Math.round(Number(u.m) * 100), yearCents: Math.round(Number(u.y) * 100), publishedRun: u.pub };
}

/** A published run: its scheme, year and subtree are frozen. */
export type PublishedRun = { schemeId: number; year: number; orgPath: string };

/** The published runs of the schemes and years of some entries (to mark them frozen). */
export async function publishedRuns(db: Db, entries: { schemeId: number; year: number }[]): Promise<PublishedRun[]> {
  if (!entries.length) return [];
  const keys = [...new Set(entries.map((e) => `${e.schemeId}:${e.year}`))];
  return rows<PublishedRun>(db, sql`SELECT scheme_id AS "schemeId", year, org_path AS "orgPath" FROM scheme_runs
    WHERE status = 'published' AND (scheme_id::text || ':' || year::text) = ANY(${`{${keys.join(',')}}`}::text[])`);
}

/** Serialises writes to one subject's entries of one scheme until the transaction ends. */
export async function lockSubject(tx: Db, schemeId: number, kind: string, subjectId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`pe:${schemeId}:${kind}:${subjectId}`}, 0))`);
}

/** An entry as stored and shown. */
export type EntryView = {
  id: number; countyId: number; schemeId: number; versionId: number; year: number; subjectKind: string; subjectId: number; memberId: number | null;
  subjectName: string; orgId: number; orgPath: string; orgName: string; indicator: string; dimension: string; points: number; occurredOn: string;
  evidence: string | null; fileId: number | null; source: string; sourceKey: string | null; correctsId: number | null; correctedBy: number | null;
  status: string; recordedBy: number | null; recordedByName: string | null; recordedAt: Date; decidedBy: number | null; decidedAt: Date | null; decisionNote: string | null;
};

const ENTRY = sql`e.id, e.county_id AS "countyId", e.scheme_id AS "schemeId", e.version_id AS "versionId", e.year, e.subject_kind AS "subjectKind",
  e.subject_id AS "subjectId", e.member_id AS "memberId", coalesce(m.name, so.name) AS "subjectName", e.org_id AS "orgId", e.org_path AS "orgPath",
  o.name AS "orgName", e.indicator, e.dimension, e.points::float8 AS points, e.occurred_on AS "occurredOn", e.evidence, e.file_id AS "fileId", e.source,
  e.source_key AS "sourceKey", e.corrects_id AS "correctsId", r.id AS "correctedBy", e.status, e.recorded_by AS "recordedBy", u.display_name AS "recordedByName",
  e.recorded_at AS "recordedAt", e.decided_by AS "decidedBy", e.decided_at AS "decidedAt", e.decision_note AS "decisionNote"`;
const JOINS = sql`FROM point_entries e JOIN orgs o ON o.id = e.org_id
  LEFT JOIN members m ON e.subject_kind = 'member' AND m.county_id = e.county_id AND m.id = e.subject_id
  LEFT JOIN orgs so ON e.subject_kind = 'org' AND so.id = e.subject_id
  LEFT JOIN point_entries r ON r.county_id = e.county_id AND r.corrects_id = e.id
  LEFT JOIN users u ON u.id = e.recorded_by`;

/** One entry by id. */
export async function getEntry(db: Db, id: number): Promise<EntryView | undefined> {
  const [e] = await rows<EntryView>(db, sql`SELECT ${ENTRY} ${JOINS} WHERE e.id = ${id}`);
  return e;
}

export type EntryFilter = {
  schemeId?: number; year?: number; subjectKind?: 'member' | 'org'; subjectId?: number; status?: string; indicator?: string; q?: string; from?: string; to?: string;
};

function entryWhere(scope: string[], f: EntryFilter): SQL {
  const parts: SQL[] = [underAny(sql`e.org_path`, scope)];
  if (f.schemeId) parts.push(sql`e.scheme_id = ${f.schemeId}`);
  if (f.year) parts.push(sql`e.year = ${f.year}`);
  if (f.subjectKind) parts.push(sql`e.subject_kind = ${f.subjectKind}`);
  if (f.subjectId) parts.push(sql`e.subject_id = ${f.subjectId}`);
  if (f.status) parts.push(sql`e.status = ${f.status}`);
  if (f.indicator) parts.push(sql`e.indicator = ${f.indicator}`);
  if (f.from) parts.push(sql`e.occurred_on >= ${f.from}`);
  if (f.to) parts.push(sql`e.occurred_on <= ${f.to}`);
  if (f.q) parts.push(sql`coalesce(m.name, so.name) LIKE ${`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(parts, sql` AND `);
}

/** A page of entries inside the subtrees, newest first, and the total. */
export async function listEntries(db: Db, scope: string[], f: EntryFilter, page: number, pageSize: number): Promise<{ items: EntryView[]; total: number }> {
  if (!scope.length) return { items: [], total: 0 };
  const where = entryWhere(scope, f);
  const [items, [{ n }]] = await Promise.all([
    rows<EntryView>(db, sql`SELECT ${ENTRY} ${JOINS} WHERE ${where} ORDER BY e.occurred_on DESC, e.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
    rows<{ n: number }>(db, sql`SELECT count(*)::int AS n ${JOINS} WHERE ${where}`),
  ]);
  return { items, total: n };
}

/** Every entry of one subject in a scheme and year, oldest first (a handbook, an explanation). */
export function subjectEntries(db: Db, countyId: number, schemeId: number, year: number, kind: string, subjectId: number): Promise<EntryView[]> {
  return rows<EntryView>(db, sql`SELECT ${ENTRY} ${JOINS} WHERE e.county_id = ${countyId} AND e.scheme_id = ${schemeId} AND e.year = ${year}
    AND e.subject_kind = ${kind} AND e.subject_id = ${subjectId} ORDER BY e.occurred_on, e.id`);
}

/** Net confirmed points per subject and dimension among the given subjects (a board, a rank so far). */
export function sumsFor(db: Db, countyId: number, schemeId: number, year: number, subjectIds: number[]): Promise<{ subjectId: number; dimension: string; cents: number }[]> {
  if (!subjectIds.length) return Promise.resolve([]);
  return rows(db, sql`SELECT subject_id AS "subjectId", dimension, round(sum(points) * 100)::int AS cents FROM point_entries
    WHERE county_id = ${countyId} AND scheme_id = ${schemeId} AND year = ${year} AND status = 'confirmed'
      AND subject_id = ANY(${`{${subjectIds.map(Number).join(',')}}`}::bigint[])
    GROUP BY subject_id, dimension`);
}

/** The members of a branch in good standing, with the record a tier rule reads. */
export function branchMembers(db: Db, branchPath: string): Promise<(MemberRecord & { id: number; name: string; orgId: number })[]> {
  return rows(db, sql`SELECT id, name, org_id AS "orgId", birth_date AS "birthDate", join_date AS "joinDate", gender, category, work_state AS "workState", post, flowing,
      education, tier, party_state AS "partyState"
    FROM members WHERE org_path LIKE ${`${branchPath}%`} AND party_state IN ('正常','恢复') ORDER BY id`);
}

/** Users who confirm entries for a branch: its secretaries. */
export function branchConfirmers(db: Db, branchOrgId: number): Promise<{ userId: number }[]> {
  return rows(db, sql`SELECT "userId" FROM (${confirmersOf(sql`${branchOrgId}`)}) c`);
}
