/** SQL of members and residents. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { members, residents } from '../../platform/db/schema.js';
import { lookupHash, type Keys } from '../../platform/crypto/sm.js';
import type { ListQuery } from './schema.js';

export type MemberRow = typeof members.$inferSelect;
export type ResidentRow = typeof residents.$inferSelect;

/** A LIKE pattern that matches `s` literally at the start. */
export const prefixLike = (s: string) => `${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const SORT: Record<string, SQL> = { name: sql`m.name COLLATE "C"`, birthDate: sql`m.birth_date`, joinDate: sql`m.join_date` };

/** Columns of a member as the list and detail show them (sensitive fields only masked). */
export const MEMBER_COLS = sql`m.id, m.county_id AS "countyId", m.org_id AS "orgId", o.name AS "orgName", m.org_path AS "orgPath", m.home_community_id AS "homeCommunityId",
  m.name, m.gender, m.ethnicity, m.birth_date::text AS "birthDate", m.id_masked AS "idMasked", m.phone_masked AS "phoneMasked", m.education, m.category,
  m.join_date::text AS "joinDate", m.full_date::text AS "fullDate", m.post, m.workplace, m.party_state AS "partyState", m.party_state_date::text AS "partyStateDate",
  m.work_state AS "workState", m.flowing, m.tier, m.version`;

export type MemberView = {
  id: number; countyId: number; orgId: number; orgName: string; orgPath: string; homeCommunityId: number | null; name: string; gender: string; ethnicity: string;
  birthDate: string; idMasked: string | null; phoneMasked: string | null; education: string | null; category: string; joinDate: string; fullDate: string | null;
  post: string | null; workplace: string | null; partyState: string; partyStateDate: string | null; workState: string; flowing: boolean; tier: string | null; version: number;
};

/**
 * One page of members inside the given subtrees. `q` matches the start of a name, or a whole
 * ID number or phone number through its keyed hash.
 */
export async function listMembers(db: Db, keys: Keys, scope: string[], q: ListQuery, countyId?: number | null): Promise<{ items: MemberView[]; total: number }> {
  if (!scope.length) return { items: [], total: 0 };
  const where: SQL[] = [underAny(sql`m.org_path`, scope)];
  if (q.q) {
    const s = q.q.trim();
    if (/^\d{17}[\dXx]$/.test(s)) where.push(sql`m.id_hash = ${lookupHash(keys, s)}`);
    else if (/^\d{11}$/.test(s)) where.push(sql`m.phone_hash = ${lookupHash(keys, s)}`);
    else where.push(sql`m.name COLLATE "C" LIKE ${prefixLike(s)}`);
  }
  if (q.partyState) where.push(sql`m.party_state = ${q.partyState}`);
  if (q.category) where.push(sql`m.category = ${q.category}`);
  if (q.workState) where.push(sql`m.work_state = ${q.workState}`);
  const cond = sql.join(where, sql` AND `);
  // With the county known, the page walks the (county_id, name) index in name order and stops at the page's end;
  // the count goes without it, so a subtree's count is an index-only scan of the path index.
  const pageCond = countyId ? sql`m.county_id = ${countyId} AND ${cond}` : cond;
  const dir = q.order === 'desc' ? sql`DESC` : sql`ASC`;
  const items = await rows<MemberView>(db, sql`SELECT ${MEMBER_COLS} FROM members m JOIN orgs o ON o.id = m.org_id WHERE ${pageCond}
    ORDER BY ${SORT[q.sort]} ${dir}, m.id ${dir} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  const countKey = JSON.stringify([scope, countyId ?? null, q.q ?? '', q.partyState ?? '', q.category ?? '', q.workState ?? '']);
  const total = await cachedCount(countKey, async () => {
    const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM members m WHERE ${q.q && !/^\d/.test(q.q) ? pageCond : cond}`);
    return n;
  });
  return { items, total };
}

// A page is read fresh every time; its total is kept 15 s per filter set, since counting a
// county's 100,000 members costs more than the page itself. Members added or changed through this
// process forget the totals at once; moves of organisations and other processes' writes show
// within the 15 s.
const COUNT_TTL_MS = 15_000;
const counts = new Map<string, { at: number; n: Promise<number> }>();

async function cachedCount(key: string, count: () => Promise<number>): Promise<number> {
  const hit = counts.get(key);
  if (hit && Date.now() - hit.at < COUNT_TTL_MS) return hit.n;
  if (counts.size > 5_000) counts.clear();
  const n = count();
  counts.set(key, { at: Date.now(), n });
  n.catch(() => counts.delete(key));
  return n;
}

/** Forgets the cached list totals: call after members are added, changed or moved. */
export function forgetMemberCounts(): void {
  counts.clear();
}

/** One member by id, in any county (callers check scope on its org). */
export async function getMember(db: Db, id: number): Promise<MemberView | undefined> {
  const [m] = await rows<MemberView>(db, sql`SELECT ${MEMBER_COLS} FROM members m JOIN orgs o ON o.id = m.org_id WHERE m.id = ${id}`);
  return m;
}

/** The stored row of a member. */
export async function memberRow(db: Db, countyId: number, id: number): Promise<MemberRow | undefined> {
  const [m] = await db.select().from(members).where(and(eq(members.countyId, countyId), eq(members.id, id)));
  return m;
}

/** Counts of members in subtrees, by category and party state, for the overview. */
export async function memberStats(db: Db, scope: string[]) {
  if (!scope.length) return { members: 0, byCategory: {}, byPartyState: {}, byWorkState: {} };
  const r = await rows<{ k: string; v: string; n: number }>(db, sql`
    SELECT 'category' AS k, category AS v, count(*)::int AS n FROM members WHERE ${underAny(sql`org_path`, scope)} GROUP BY category
    UNION ALL SELECT 'partyState', party_state, count(*)::int FROM members WHERE ${underAny(sql`org_path`, scope)} GROUP BY party_state
    UNION ALL SELECT 'workState', work_state, count(*)::int FROM members WHERE ${underAny(sql`org_path`, scope)} GROUP BY work_state`);
  const pick = (k: string) => Object.fromEntries(r.filter((x) => x.k === k).map((x) => [x.v, x.n]));
  const byCategory = pick('category');
  return { members: Object.values(byCategory).reduce((a, b) => a + b, 0), byCategory, byPartyState: pick('partyState'), byWorkState: pick('workState') };
}

/** Residents of a page, like members. */
export async function listResidents(db: Db, keys: Keys, scope: string[], q: { q?: string; representative?: 'rep' | 'nonparty'; page: number; pageSize: number }, countyId?: number | null) {
  if (!scope.length) return { items: [], total: 0 };
  const where: SQL[] = [underAny(sql`r.community_path`, scope)];
  if (countyId) where.push(sql`r.county_id = ${countyId}`);
  if (q.q) {
    const s = q.q.trim();
    if (/^\d{17}[\dXx]$/.test(s)) where.push(sql`r.id_hash = ${lookupHash(keys, s)}`);
    else if (/^\d{11}$/.test(s)) where.push(sql`r.phone_hash = ${lookupHash(keys, s)}`);
    else where.push(sql`r.name COLLATE "C" LIKE ${prefixLike(s)}`);
  }
  if (q.representative === 'rep') where.push(sql`r.is_representative`);
  if (q.representative === 'nonparty') where.push(sql`r.is_nonparty_rep`);
  const cond = sql.join(where, sql` AND `);
  const items = await rows<ResidentView>(db, sql`SELECT ${RESIDENT_COLS} FROM residents r JOIN orgs o ON o.id = r.community_id WHERE ${cond}
    ORDER BY r.name COLLATE "C", r.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
  const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM residents r WHERE ${cond}`);
  return { items, total: n };
}

export const RESIDENT_COLS = sql`r.id, r.county_id AS "countyId", r.community_id AS "communityId", o.name AS "communityName", r.community_path AS "communityPath",
  r.grid_id AS "gridId", r.name, r.gender, r.birth_date::text AS "birthDate", r.id_masked AS "idMasked", r.phone_masked AS "phoneMasked", r.address,
  r.is_representative AS "isRepresentative", r.is_nonparty_rep AS "isNonpartyRep", r.version`;

export type ResidentView = {
  id: number; countyId: number; communityId: number; communityName: string; communityPath: string; gridId: number | null; name: string; gender: string;
  birthDate: string | null; idMasked: string | null; phoneMasked: string | null; address: string | null; isRepresentative: boolean; isNonpartyRep: boolean; version: number;
};

/** One resident by id. */
export async function getResident(db: Db, id: number): Promise<ResidentView | undefined> {
  const [r] = await rows<ResidentView>(db, sql`SELECT ${RESIDENT_COLS} FROM residents r JOIN orgs o ON o.id = r.community_id WHERE r.id = ${id}`);
  return r;
}
