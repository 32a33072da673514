/**
 * The archive of residents' service needs (服务需求档案) per community: community managers
 * (request.manage or resident.write) record, amend and close them; readers (request.read or
 * resident.write) list them; in-service members see the open, unclaimed needs of their home community
 * and of their branch's community. Every write is one transaction with its audit event.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { can, hasCapability, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { maskName, NEED_STATE_ZH, type NeedKind } from './rules.js';

export type NeedRow = {
  countyId: number; id: number; communityId: number; communityPath: string; communityName: string; residentId: number; residentName: string; kind: string; need: string;
  state: 'open' | 'closed'; createdAt: Date; rowVersion: number; address: string | null; phoneMasked: string | null;
  activeId: number | null; activeMember: string | null; activeState: string | null; served: number; confirmed: number;
};

export const NEED = sql`n.county_id AS "countyId", n.id, n.community_id AS "communityId", n.community_path AS "communityPath", c.name AS "communityName", n.resident_id AS "residentId",
  n.resident_name AS "residentName", n.kind, n.need, n.state, n.created_at AS "createdAt", n.row_version AS "rowVersion", r.address, r.phone_masked AS "phoneMasked",
  a.id AS "activeId", a.member_name AS "activeMember", a.state AS "activeState",
  (SELECT count(*)::int FROM need_services x WHERE x.county_id = n.county_id AND x.need_id = n.id AND x.state IN ('served', 'confirmed')) AS served,
  (SELECT count(*)::int FROM need_services x WHERE x.county_id = n.county_id AND x.need_id = n.id AND x.state = 'confirmed') AS confirmed`;
export const NEED_FROM = sql`FROM service_needs n JOIN orgs c ON c.id = n.community_id LEFT JOIN residents r ON r.county_id = n.county_id AND r.id = n.resident_id
  LEFT JOIN LATERAL (SELECT id, member_name, state FROM need_services y WHERE y.county_id = n.county_id AND y.need_id = n.id AND y.state IN ('claimed', 'served') ORDER BY y.id DESC LIMIT 1) a ON true`;

/** May the actor read the archive at this community: its request readers, or those who keep its residents. */
export const mayRead = (actor: Actor, path: string) => can(actor, 'request.read', path) || can(actor, 'resident.write', path);
/** May the actor record, amend and close needs, give codes and record 回访确认 there. */
export const mayManage = (actor: Actor, path: string) => can(actor, 'request.manage', path) || can(actor, 'resident.write', path);
/** The archive's scope of the actor, as paths. */
export const readPaths = (actor: Actor) => [...new Set([...scopePaths(actor, 'request.read'), ...scopePaths(actor, 'resident.write')])];

/** A need by id, or null. */
export async function needById(db: Db, id: number): Promise<NeedRow | null> {
  const [n] = await rows<NeedRow>(db, sql`SELECT ${NEED} ${NEED_FROM} WHERE n.id = ${id}`);
  return n ?? null;
}

/** The need as a reader in scope sees it, or NOT_FOUND (outside the scope looks the same as absent). */
export async function readableNeed(db: Db, actor: Actor, id: number): Promise<NeedRow> {
  const n = await needById(db, id);
  if (!n || !mayRead(actor, n.communityPath)) throw errors.notFound('服务需求', 'service need');
  return n;
}

/** The need for staff: its fields and the steps the caller may take. */
export function presentNeed(actor: Actor, n: NeedRow) {
  const { communityPath, countyId: _c, ...rest } = n;
  const m = mayManage(actor, communityPath);
  return { ...rest, stateName: NEED_STATE_ZH[n.state], actions: n.state === 'open' && m ? ['update', ...(n.activeId === null ? ['close'] : [])] : [] };
}

export type NeedFilters = { communityId?: number; state?: 'open' | 'closed'; kind?: NeedKind; q?: string; page: number; pageSize: number };

/** The archive page in scope (or in one community), newest first. */
export async function listNeeds(db: Db, actor: Actor, f: NeedFilters) {
  const where: SQL[] = [];
  if (f.communityId) {
    const c = (await requireAccess(db, actor, 'org.read', [f.communityId])).get(f.communityId)!;
    if (!mayRead(actor, c.path)) throw errors.forbidden();
    where.push(sql`n.community_path LIKE ${`${c.path}%`}`);
  } else where.push(underAny(sql`n.community_path`, readPaths(actor)));
  if (f.state) where.push(sql`n.state = ${f.state}`);
  if (f.kind) where.push(sql`n.kind = ${f.kind}`);
  if (f.q) where.push(sql`(n.resident_name LIKE ${`${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`} OR n.need LIKE ${`%${f.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`})`);
  const w = sql.join(where, sql` AND `);
  const [list, [{ n }]] = await Promise.all([
    rows<NeedRow>(db, sql`SELECT ${NEED} ${NEED_FROM} WHERE ${w} ORDER BY n.state DESC, n.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`),
    rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM service_needs n WHERE ${w}`),
  ]);
  return { items: list.map((x) => presentNeed(actor, x)), total: n, page: f.page, pageSize: f.pageSize };
}

/** Records a resident's need in their community. */
export async function recordNeed(db: Db, actor: Actor, b: { communityId: number; residentId: number; kind: NeedKind; need: string }) {
  const c = (await requireAccess(db, actor, 'org.read', [b.communityId])).get(b.communityId)!;
  if (!mayManage(actor, c.path)) throw errors.forbidden();
  if (!['community', 'village'].includes(c.kind) || c.countyId === null) throw errors.validation('服务需求须登记在社区（村）', 'needs belong to a community or village', [{ path: ['communityId'], message: '须为社区或村' }]);
  const [r] = await rows<{ id: number; name: string; householdId: number | null }>(db, sql`SELECT id, name, household_id AS "householdId" FROM residents
    WHERE county_id = ${c.countyId} AND id = ${b.residentId} AND community_id = ${c.id}`);
  if (!r) throw errors.validation('该居民不在本社区的居民名册中', 'the resident is not in this community\'s register', [{ path: ['residentId'], message: '居民无效' }]);
  return db.transaction(async (tx) => {
    const [dup] = await rows<{ id: number }>(tx, sql`SELECT id FROM service_needs WHERE county_id = ${c.countyId} AND resident_id = ${r.id} AND kind = ${b.kind} AND state = 'open' LIMIT 1`);
    if (dup) throw new AppError('DUPLICATE', `该居民已有一条“${b.kind}”服务需求（编号 ${dup.id}），请在原记录上修改`, `the resident already has an open need of this kind (${dup.id})`, [{ path: ['kind'], message: '已有同类需求' }]);
    const [n] = await rows<{ id: number }>(tx, sql`INSERT INTO service_needs (county_id, community_id, community_path, resident_id, resident_name, household_id, kind, need, created_by)
      VALUES (${c.countyId}, ${c.id}, ${c.path}, ${r.id}, ${r.name}, ${r.householdId}, ${b.kind}, ${b.need}, ${actor.userId}) RETURNING id`);
    await insertEvent(tx, { type: 'service.need_recorded', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'service_need', targetId: n.id, data: { residentId: r.id, kind: b.kind } });
    return presentNeed(actor, (await needById(tx, n.id))!);
  });
}

/** Amends an open need's kind or text (checked against the row version the caller saw), or closes it when nobody holds it. */
export async function changeNeed(db: Db, actor: Actor, id: number, b: { rowVersion: number } & ({ action: 'update'; kind?: NeedKind; need?: string } | { action: 'close'; reason: string })) {
  const n = await readableNeed(db, actor, id);
  if (!mayManage(actor, n.communityPath)) throw errors.forbidden();
  if (n.state !== 'open') throw new AppError('INVALID_STATE', '该服务需求已关闭', 'the need is closed');
  if (b.action === 'close' && n.activeId !== null) throw new AppError('INVALID_STATE', `党员${n.activeMember}的服务尚未完成，请先等待居民确认或撤销认领`, 'a claim on the need is still open: finish or withdraw it first');
  if (b.action === 'update' && b.kind === undefined && b.need === undefined) throw errors.validation('没有要修改的内容', 'nothing to change');
  return db.transaction(async (tx) => {
    const set = b.action === 'close' ? sql`state = 'closed'` : sql`kind = ${b.kind ?? n.kind}, need = ${b.need ?? n.need}`;
    // a claim taken meanwhile holds the need open: closing waits for it
    const guard = b.action === 'close' ? sql`AND NOT EXISTS (SELECT 1 FROM need_services y WHERE y.county_id = ${n.countyId} AND y.need_id = ${n.id} AND y.state IN ('claimed', 'served'))` : sql``;
    const r = await rows<{ id: number }>(tx, sql`UPDATE service_needs SET ${set}, row_version = row_version + 1 WHERE county_id = ${n.countyId} AND id = ${n.id} AND state = 'open' AND row_version = ${b.rowVersion} ${guard} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '服务需求已被他人修改或认领，请刷新后重试', 'the need changed meanwhile: reload');
    await insertEvent(tx, { type: b.action === 'close' ? 'service.need_closed' : 'service.need_updated', ...who(actor), countyId: n.countyId, orgId: n.communityId, orgPath: n.communityPath,
      targetType: 'service_need', targetId: n.id, data: b.action === 'close' ? { reason: b.reason } : { kind: b.kind, need: b.need === undefined ? undefined : true } });
    return presentNeed(actor, (await needById(tx, n.id))!);
  });
}

/** The member behind an account and the communities they serve: their home community and their branch's. */
export type MemberHere = { countyId: number; id: number; name: string; orgPath: string; communityIds: number[] };

/** The caller's own member record in good standing, or null (not a member account). */
export async function memberOf(db: Db, actor: Actor): Promise<MemberHere | null> {
  if (actor.memberId === null || !hasCapability(actor, 'self')) return null;
  const [m] = await rows<{ countyId: number; id: number; name: string; orgPath: string; home: number | null; branch: number | null }>(db, sql`SELECT m.county_id AS "countyId", m.id, m.name,
      m.org_path AS "orgPath", m.home_community_id AS home,
      (SELECT c.id FROM orgs c WHERE c.kind IN ('community', 'village') AND m.org_path LIKE c.path || '%' ORDER BY c.depth DESC LIMIT 1) AS branch
    FROM members m WHERE m.county_id = ${actor.memberCountyId} AND m.id = ${actor.memberId} AND m.party_state IN ('正常', '恢复')`);
  if (!m) return null;
  return { countyId: m.countyId, id: m.id, name: m.name, orgPath: m.orgPath, communityIds: [...new Set([m.home, m.branch].filter((x): x is number => x !== null).map(Number))] };
}

/** The open needs nobody holds in the member's communities, with the resident's name masked until claimed. */
export async function openNeedsFor(db: Db, m: MemberHere) {
  if (!m.communityIds.length) return { items: [] };
  const list = await rows<NeedRow>(db, sql`SELECT ${NEED} ${NEED_FROM} WHERE n.county_id = ${m.countyId} AND n.community_id = ANY(${`{${m.communityIds.join(',')}}`}::bigint[])
    AND n.state = 'open' AND a.id IS NULL ORDER BY n.id LIMIT 200`);
  return { items: list.map((n) => ({ id: n.id, communityId: n.communityId, communityName: n.communityName, residentName: maskName(n.residentName), kind: n.kind, need: n.need, served: n.served, actions: ['claim'] })) };
}
