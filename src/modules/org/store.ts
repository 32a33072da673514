/** SQL of the organisation tree. */
import { and, eq, sql } from 'drizzle-orm';
import { idArray, rows, textArray, underAny, type Db } from '../../platform/db/client.js';
import { orgMoves, orgs } from '../../platform/db/schema.js';
import { childPath, type Counts, type FlagInput } from './rules.js';
import { ensureCategories } from '../grid/categories.js';

export type OrgRow = typeof orgs.$inferSelect;
export type OrgNodeRow = { id: number; parentId: number | null; kind: string; name: string; path: string; childCount: number };

const NODE = sql`o.id, o.parent_id AS "parentId", o.kind, o.name, o.path,
  (SELECT count(*)::int FROM orgs c WHERE c.parent_id = o.id AND NOT c.archived) AS "childCount"`;

/** The children of one organisation, by name. */
export function children(db: Db, parentId: number): Promise<OrgNodeRow[]> {
  return rows<OrgNodeRow>(db, sql`SELECT ${NODE} FROM orgs o WHERE o.parent_id = ${parentId} AND NOT o.archived ORDER BY o.kind, o.name, o.id`);
}

/** The organisations at the given paths. */
export function byPaths(db: Db, paths: string[]): Promise<OrgNodeRow[]> {
  if (!paths.length) return Promise.resolve([]);
  return rows<OrgNodeRow>(db, sql`SELECT ${NODE} FROM orgs o WHERE o.path = ANY(${textArray(paths)}) ORDER BY o.path`);
}

/** Organisations whose name contains `q`, inside the given subtrees. */
export function search(db: Db, q: string, scope: string[], limit = 50): Promise<OrgNodeRow[]> {
  if (!scope.length) return Promise.resolve([]);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return rows<OrgNodeRow>(db, sql`SELECT ${NODE} FROM orgs o WHERE o.name LIKE ${like} AND ${underAny(sql`o.path`, scope)} AND NOT o.archived
    ORDER BY length(o.path), o.name LIMIT ${limit}`);
}

/** One organisation, or undefined. */
export async function getOrg(db: Db, id: number): Promise<OrgRow | undefined> {
  const [o] = await db.select().from(orgs).where(eq(orgs.id, id));
  return o;
}

/** The ancestors of a path, root first, without the organisation itself. */
export async function ancestors(db: Db, path: string): Promise<{ id: number; name: string; kind: string }[]> {
  const ids = path.split('/').filter(Boolean).map(Number).slice(0, -1);
  if (!ids.length) return [];
  const r = await rows<{ id: number; name: string; kind: string }>(db, sql`SELECT id, name, kind FROM orgs WHERE id = ANY(${idArray(ids)})`);
  return ids.map((i) => r.find((x) => x.id === i)).filter((x): x is { id: number; name: string; kind: string } => !!x);
}

type NewOrg = Omit<typeof orgs.$inferInsert, 'id' | 'path' | 'depth' | 'countyId' | 'parentId'>;

/** Inserts an organisation under `parent` (or as a root when parent is null), with its path and county. */
export async function insertOrg(tx: Db, parent: OrgRow | null, values: NewOrg): Promise<OrgRow> {
  const [{ id }] = await rows<{ id: number }>(tx, sql`SELECT nextval(pg_get_serial_sequence('orgs', 'id'))::bigint AS id`);
  const countyId = values.kind === 'county' ? Number(id) : (parent?.countyId ?? null);
  const [o] = await tx.insert(orgs).values({
    ...values, id: Number(id), parentId: parent?.id ?? null, path: childPath(parent?.path ?? null, Number(id)), depth: parent ? parent.depth + 1 : 0, countyId,
  }).returning();
  if (values.kind === 'county') await ensureCategories(tx, Number(id)); // a new county starts with the default request categories
  return o;
}

/** Updates fields when the version matches; returns the new row or undefined on a stale version. */
export async function updateOrg(tx: Db, id: number, version: number, values: Partial<NewOrg>): Promise<OrgRow | undefined> {
  const [o] = await tx.update(orgs).set({ ...values, version: sql`${orgs.version} + 1`, updatedAt: new Date() })
    .where(and(eq(orgs.id, id), eq(orgs.version, version))).returning();
  return o;
}

/** Moves a subtree: every path below it, and the copies of paths on members, residents and teams, in one transaction. */
export async function moveSubtree(tx: Db, org: OrgRow, parent: OrgRow, actorId: number): Promise<string> {
  const from = org.path;
  const to = childPath(parent.path, org.id);
  const delta = parent.depth + 1 - org.depth;
  const fromLike = `${from.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const cut = from.length + 1;
  await tx.execute(sql`UPDATE orgs SET path = ${to} || substr(path, ${cut}), depth = depth + ${delta}, updated_at = now() WHERE path LIKE ${fromLike}`);
  await tx.execute(sql`UPDATE orgs SET parent_id = ${parent.id}, version = version + 1 WHERE id = ${org.id}`);
  await tx.execute(sql`UPDATE members SET org_path = ${to} || substr(org_path, ${cut}) WHERE county_id = ${org.countyId} AND org_path LIKE ${fromLike}`);
  await tx.execute(sql`UPDATE residents SET community_path = ${to} || substr(community_path, ${cut}) WHERE county_id = ${org.countyId} AND community_path LIKE ${fromLike}`);
  await tx.execute(sql`UPDATE teams SET org_path = ${to} || substr(org_path, ${cut}) WHERE county_id = ${org.countyId} AND org_path LIKE ${fromLike}`);
  // the grid's records and residents' requests follow their community (a request handled by a street keeps the street's path only if the street stays)
  for (const [table, col] of [['households', 'community_path'], ['visits', 'community_path'], ['contact_links', 'community_path'], ['requests', 'community_path'], ['requests', 'handler_path'], ['review_meetings', 'org_path']] as const) {
    await tx.execute(sql`UPDATE ${sql.identifier(table)} SET ${sql.identifier(col)} = ${to} || substr(${sql.identifier(col)}, ${cut}) WHERE county_id = ${org.countyId} AND ${sql.identifier(col)} LIKE ${fromLike}`);
  }
  await tx.insert(orgMoves).values({ orgId: org.id, fromParentId: org.parentId, toParentId: parent.id, fromPath: from, toPath: to, movedBy: actorId });
  return to;
}

/** The move history of an organisation. */
export function moves(db: Db, orgId: number) {
  return db.select().from(orgMoves).where(eq(orgMoves.orgId, orgId)).orderBy(orgMoves.id);
}

/** Party organisations in a subtree, and the direct counts of members per organisation path, for the flags. */
export async function flagInputs(db: Db, path: string): Promise<{ items: FlagInput[]; direct: Map<string, Counts> }> {
  const like = `${path}%`;
  const items = await rows<FlagInput>(db, sql`SELECT id, name, kind, path, elected_on::text AS "electedOn", term_years AS "termYears"
    FROM orgs WHERE path LIKE ${like} AND kind IN ('party_committee','general_branch','branch','joint_branch') AND NOT archived ORDER BY path`);
  const counts = await rows<{ p: string; total: number; full: number }>(db, sql`SELECT org_path AS p, count(*)::int AS total,
    count(*) FILTER (WHERE category = '正式党员')::int AS full FROM members WHERE org_path LIKE ${like} AND party_state IN ('正常','恢复') GROUP BY org_path`);
  return { items, direct: new Map(counts.map((c) => [c.p, { total: c.total, full: c.full }])) };
}
