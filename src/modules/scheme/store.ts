/** SQL of schemes and their versions. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { schemes, schemeVersions } from '../../platform/db/scheme-tables.js';
import type { SchemeDefinition } from './model.js';
import type { MemberRecord } from './rules.js';

export type SchemeRow = typeof schemes.$inferSelect;
export type VersionRow = Omit<typeof schemeVersions.$inferSelect, 'definition'> & { definition: SchemeDefinition };

/** Schemes that apply to or lie inside the given subtrees: those at an ancestor of a scope path, or under one. */
export function listSchemes(db: Db, scope: string[], opts: { includeArchived?: boolean } = {}): Promise<(SchemeRow & { latestVersion: number; latestYear: number; orgName: string })[]> {
  if (!scope.length) return Promise.resolve([]);
  const above = sql.join(scope.map((p) => sql`${p} LIKE s.org_path || '%'`), sql` OR `);
  return rows(db, sql`SELECT s.id, s.org_id AS "orgId", s.org_path AS "orgPath", s.code, s.name, s.subject, s.template_key AS "templateKey",
      s.archived, s.created_by AS "createdBy", s.created_at AS "createdAt", o.name AS "orgName",
      v.version AS "latestVersion", v.year AS "latestYear"
    FROM schemes s JOIN orgs o ON o.id = s.org_id
    JOIN LATERAL (SELECT version, year FROM scheme_versions WHERE scheme_id = s.id ORDER BY version DESC LIMIT 1) v ON TRUE
    WHERE (${above} OR ${underAny(sql`s.org_path`, scope)}) ${opts.includeArchived ? sql`` : sql`AND NOT s.archived`}
    ORDER BY s.archived, length(s.org_path), s.name, s.id`);
}

/** One scheme. */
export async function getScheme(db: Db, id: number): Promise<SchemeRow | undefined> {
  const [s] = await db.select().from(schemes).where(eq(schemes.id, id));
  return s;
}

/** Every version of a scheme, newest first, without definitions. */
export function listVersions(db: Db, schemeId: number) {
  return db.select({ id: schemeVersions.id, version: schemeVersions.version, year: schemeVersions.year, source: schemeVersions.source, note: schemeVersions.note, createdAt: schemeVersions.createdAt, createdBy: schemeVersions.createdBy })
    .from(schemeVersions).where(eq(schemeVersions.schemeId, schemeId)).orderBy(desc(schemeVersions.version));
}

/** One version by its number, or the newest when `version` is undefined. */
export async function getVersion(db: Db, schemeId: number, version?: number): Promise<VersionRow | undefined> {
  const q = db.select().from(schemeVersions);
  const [v] = version === undefined
    ? await q.where(eq(schemeVersions.schemeId, schemeId)).orderBy(desc(schemeVersions.version)).limit(1)
    : await q.where(and(eq(schemeVersions.schemeId, schemeId), eq(schemeVersions.version, version)));
  return v as VersionRow | undefined;
}

/** One version by id. */
export async function getVersionById(db: Db, id: number): Promise<VersionRow | undefined> {
  const [v] = await db.select().from(schemeVersions).where(eq(schemeVersions.id, id));
  return v as VersionRow | undefined;
}

/** The version in force for a year: the newest whose effective year is that year or earlier. */
export async function versionForYear(db: Db, schemeId: number, year: number): Promise<VersionRow | undefined> {
  const [v] = await db.select().from(schemeVersions)
    .where(and(eq(schemeVersions.schemeId, schemeId), sql`${schemeVersions.year} <= ${year}`)).orderBy(desc(schemeVersions.version)).limit(1);
  return v as VersionRow | undefined;
}

/** A scheme and the version in force for a year (undefined when none is), in one query. */
export async function schemeForYear(db: Db, id: number, year: number): Promise<{ scheme: SchemeRow; version: VersionRow | undefined } | undefined> {
  const [r] = await db.select({ scheme: schemes, version: schemeVersions }).from(schemes)
    .leftJoin(schemeVersions, sql`${schemeVersions.id} = (SELECT v.id FROM scheme_versions v WHERE v.scheme_id = ${schemes.id} AND v.year <= ${year} ORDER BY v.version DESC LIMIT 1)`)
    .where(eq(schemes.id, id));
  return r ? { scheme: r.scheme, version: (r.version ?? undefined) as VersionRow | undefined } : undefined;
}

/** Whether a version is in use: entries recorded under it or runs made with it. */
export async function versionInUse(db: Db, versionId: number): Promise<boolean> {
  const [r] = await rows<{ used: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM point_entries WHERE version_id = ${versionId})
    OR EXISTS (SELECT 1 FROM scheme_runs WHERE version_id = ${versionId}) AS used`);
  return r.used;
}

/** The member records under a subtree that a tier rule reads (members in good standing only). */
export function membersForTiers(db: Db, path: string): Promise<(MemberRecord & { id: number; name: string })[]> {
  return rows(db, sql`SELECT id, name, birth_date AS "birthDate", join_date AS "joinDate", gender, category, work_state AS "workState", post, flowing,
      education, tier, party_state AS "partyState"
    FROM members WHERE org_path LIKE ${`${path}%`} AND party_state IN ('正常','恢复')`);
}
