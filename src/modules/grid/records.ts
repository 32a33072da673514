/**
 * The grid's records: households (户) in a community's grids; liaisons' visits, which together are each
 * liaison's 民情日记; 党员联系户 and the "四联" links; 办事档案 of the one-stop hall; and a household's
 * 民情档案 gathering its residents, visits, requests, links and hall cases. Every write is one
 * transaction with its audit event; everything is scoped to the community's subtree.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type Action, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { LINK_KINDS, VISIT_KINDS } from './rules.js';

const Id = z.number().int().positive();
const Day = z.iso.date();
export const HouseholdBody = z.strictObject({
  communityId: Id, gridId: Id.nullish(), building: z.string().trim().max(20).nullish(), unitNo: z.string().trim().max(20).nullish(), room: z.string().trim().max(20).nullish(),
  address: z.string().trim().min(1).max(200), headName: z.string().trim().max(50).nullish(), tags: z.array(z.string().trim().min(1).max(10)).max(10).default([]),
});
export const VisitBody = z.strictObject({
  communityId: Id, gridId: Id.nullish(), householdId: Id.nullish(), kind: z.enum(VISIT_KINDS).default('走访'), visitedOn: Day.optional(),
  whom: z.string().trim().min(1, '请填写走访对象').max(100), place: z.string().trim().max(200).nullish(), heard: z.string().trim().min(1, '请填写听到的情况').max(2000),
  followUp: z.string().trim().max(1000).nullish(), requestId: Id.nullish(),
});
/** The filters of 民情日记 (GET /visits and its export). */
export const VisitQuery = z.strictObject({
  orgId: z.coerce.number().int().positive().optional(), mine: z.enum(['true', 'false']).optional(), liaisonId: z.coerce.number().int().positive().optional(), from: Day.optional(), to: Day.optional(),
});
export const LinkBody = z.strictObject({
  memberId: Id, kind: z.enum(LINK_KINDS), householdId: Id.nullish(), gridId: Id.nullish(), unitId: Id.nullish(), project: z.string().trim().min(1).max(100).nullish(), since: Day.optional(),
});
export const HallCaseBody = z.strictObject({
  communityId: Id, residentId: Id.nullish(), residentName: z.string().trim().min(1).max(50).optional(), householdId: Id.nullish(), kindId: Id,
  matter: z.string().trim().min(1).max(500), acceptedOn: Day.optional(),
});

export type Community = OrgRef & { countyId: number };

/** A community (or village) the actor may act on with `action`, else a clear refusal. */
export async function communityFor(db: Db, actor: Actor, id: number, action: Action): Promise<Community> {
  const c = (await requireAccess(db, actor, 'request.read', [id])).get(id)!;
  if (!['community', 'village'].includes(c.kind) || c.countyId === null) throw errors.validation('请选择社区（村）', 'choose a community', [{ path: ['communityId'], message: '须为社区（村）' }]);
  if (!can(actor, action, c.path)) throw errors.forbidden();
  return c as Community;
}

/** Checks that each id given belongs to the community: a grid, a household, a unit, a resident or a request. */
async function inCommunity(db: Db, c: Community, refs: { gridId?: number | null; householdId?: number | null; unitId?: number | null; residentId?: number | null; requestId?: number | null }): Promise<void> {
  const checks: [keyof typeof refs, string, string][] = [
    ['gridId', 'grids', '网格'], ['householdId', 'households', '住户'], ['unitId', 'units', '驻区单位'], ['residentId', 'residents', '居民'], ['requestId', 'requests', '诉求'],
  ];
  for (const [key, table, zh] of checks) {
    const v = refs[key];
    if (!v) continue;
    const [r] = await rows<{ id: number }>(db, sql`SELECT id FROM ${sql.identifier(table)} WHERE county_id = ${c.countyId} AND id = ${v} AND community_id = ${c.id}`);
    if (!r) throw errors.validation(`${zh}不属于该社区`, `the ${key.replace('Id', '')} is not in this community`, [{ path: [key], message: `${zh}无效` }]);
  }
}

/** Adds a household. */
export async function addHousehold(db: Db, actor: Actor, b: z.infer<typeof HouseholdBody>): Promise<{ id: number }> {
  const c = await communityFor(db, actor, b.communityId, 'resident.write');
  await inCommunity(db, c, { gridId: b.gridId });
  return db.transaction(async (tx) => {
    const [h] = await rows<{ id: number }>(tx, sql`INSERT INTO households (county_id, community_id, community_path, grid_id, building, unit_no, room, address, head_name, tags)
      VALUES (${c.countyId}, ${c.id}, ${c.path}, ${b.gridId ?? null}, ${b.building ?? null}, ${b.unitNo ?? null}, ${b.room ?? null}, ${b.address}, ${b.headName ?? null}, ${`{${b.tags.map((t) => `"${t.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])
      RETURNING id`);
    await insertEvent(tx, { type: 'household.created', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'household', targetId: h.id, data: { gridId: b.gridId ?? null, tags: b.tags } });
    return h;
  });
}

/** Households of a community (optionally one grid), with how many residents, visits and open requests each has. */
export async function listHouseholds(db: Db, actor: Actor, communityId: number, gridId?: number, limit = 5000) {
  const c = await communityFor(db, actor, communityId, 'request.read');
  return rows(db, sql`SELECT h.id, h.grid_id AS "gridId", g.name AS "gridName", h.building, h.unit_no AS "unitNo", h.room, h.address, h.head_name AS "headName", h.tags,
      (SELECT count(*)::int FROM residents r WHERE r.county_id = h.county_id AND r.household_id = h.id) AS residents,
      (SELECT count(*)::int FROM visits v WHERE v.county_id = h.county_id AND v.household_id = h.id) AS visits,
      (SELECT max(v.visited_on)::text FROM visits v WHERE v.county_id = h.county_id AND v.household_id = h.id) AS "lastVisit",
      (SELECT count(*)::int FROM requests q WHERE q.county_id = h.county_id AND q.household_id = h.id AND q.state IN ('triage','assigned','in_progress')) AS "openRequests"
    FROM households h LEFT JOIN grids g ON g.county_id = h.county_id AND g.id = h.grid_id
    WHERE h.county_id = ${c.countyId} AND h.community_id = ${c.id} ${gridId ? sql`AND h.grid_id = ${gridId}` : sql``} ORDER BY g.name NULLS LAST, h.building, h.unit_no, h.room, h.id LIMIT ${limit}`);
}

/** 民情档案: a household with its residents (masked), visits, requests, links and hall cases. */
export async function householdArchive(db: Db, actor: Actor, id: number) {
  const [h] = await rows<{ countyId: number; communityId: number; communityPath: string }>(db, sql`SELECT county_id AS "countyId", community_id AS "communityId", community_path AS "communityPath" FROM households WHERE id = ${id}`);
  if (!h || !can(actor, 'request.read', h.communityPath)) throw errors.notFound('住户', 'household');
  const on = sql`county_id = ${h.countyId} AND household_id = ${id}`;
  const [household] = await rows(db, sql`SELECT h.id, h.address, h.building, h.unit_no AS "unitNo", h.room, h.head_name AS "headName", h.tags, g.name AS "gridName", o.name AS "communityName"
    FROM households h JOIN orgs o ON o.id = h.community_id LEFT JOIN grids g ON g.county_id = h.county_id AND g.id = h.grid_id WHERE h.id = ${id}`);
  return {
    household,
    residents: await rows(db, sql`SELECT id, name, gender, phone_masked AS "phoneMasked", is_representative AS "isRepresentative" FROM residents WHERE ${on} ORDER BY id`),
    visits: await rows(db, sql`SELECT id, kind, to_char(visited_on, 'YYYY-MM-DD') AS "visitedOn", whom, heard, follow_up AS "followUp", liaison_name AS "liaisonName", request_id AS "requestId"
      FROM visits WHERE ${on} ORDER BY visited_on DESC, id DESC LIMIT 200`),
    requests: await rows(db, sql`SELECT id, tracking_code AS "trackingCode", title, state, to_char(raised_on, 'YYYY-MM-DD') AS "raisedOn", satisfaction FROM requests WHERE ${on} ORDER BY id DESC LIMIT 200`),
    links: await rows(db, sql`SELECT id, member_id AS "memberId", member_name AS "memberName", kind, to_char(since, 'YYYY-MM-DD') AS since FROM contact_links WHERE ${on} AND until IS NULL ORDER BY id`),
    hallCases: await rows(db, sql`SELECT c.id, k.name AS kind, c.matter, c.state, to_char(c.accepted_on, 'YYYY-MM-DD') AS "acceptedOn", to_char(c.done_on, 'YYYY-MM-DD') AS "doneOn"
      FROM hall_cases c JOIN hall_kinds k ON k.county_id = c.county_id AND k.id = c.kind_id WHERE c.county_id = ${h.countyId} AND c.household_id = ${id} ORDER BY c.id DESC LIMIT 200`),
  };
}

/** Records a visit by the calling liaison (under a minute on a phone: who, what was heard, follow-ups). */
export async function recordVisit(db: Db, actor: Actor, b: z.infer<typeof VisitBody>): Promise<{ id: number }> {
  const c = await communityFor(db, actor, b.communityId, 'visit.write');
  await inCommunity(db, c, { gridId: b.gridId, householdId: b.householdId, requestId: b.requestId });
  const visitedOn = b.visitedOn ?? today();
  if (visitedOn > today()) throw errors.validation('走访日期不能晚于今天', 'the visit cannot be in the future', [{ path: ['visitedOn'], message: '不能晚于今天' }]);
  return db.transaction(async (tx) => {
    const [v] = await rows<{ id: number }>(tx, sql`INSERT INTO visits (county_id, community_id, community_path, grid_id, household_id, kind, visited_on, whom, place, heard, follow_up, request_id, liaison_id, liaison_name)
      VALUES (${c.countyId}, ${c.id}, ${c.path}, ${b.gridId ?? null}, ${b.householdId ?? null}, ${b.kind}, ${visitedOn}, ${b.whom}, ${b.place ?? null}, ${b.heard}, ${b.followUp ?? null},
        ${b.requestId ?? null}, ${actor.userId}, ${actor.displayName}) RETURNING id`);
    await insertEvent(tx, { type: 'visit.recorded', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'visit', targetId: v.id,
      data: { kind: b.kind, householdId: b.householdId ?? null, gridId: b.gridId ?? null, visitedOn } });
    return v;
  });
}

/** 民情日记: visits under an organisation, or one liaison's (the caller's own when `mine`). */
export async function listVisits(db: Db, actor: Actor, q: { orgId?: number; mine?: boolean; liaisonId?: number; from?: string; to?: string; limit?: number }) {
  const paths = q.orgId ? [(await requireAccess(db, actor, 'request.read', [q.orgId])).get(q.orgId)!.path] : actor.grants.filter((g) => can(actor, 'request.read', g.orgPath)).map((g) => g.orgPath);
  if (!paths.length) throw errors.forbidden();
  const liaison = q.mine ? actor.userId : q.liaisonId;
  return rows(db, sql`SELECT v.id, v.kind, to_char(v.visited_on, 'YYYY-MM-DD') AS "visitedOn", v.whom, v.place, v.heard, v.follow_up AS "followUp", v.request_id AS "requestId",
      v.household_id AS "householdId", h.address AS "householdAddress", v.grid_id AS "gridId", g.name AS "gridName", o.name AS "communityName", v.liaison_id AS "liaisonId", v.liaison_name AS "liaisonName"
    FROM visits v JOIN orgs o ON o.id = v.community_id LEFT JOIN grids g ON g.county_id = v.county_id AND g.id = v.grid_id LEFT JOIN households h ON h.county_id = v.county_id AND h.id = v.household_id
    WHERE (${sql.join(paths.map((p) => sql`v.community_path LIKE ${`${p}%`}`), sql` OR `)}) ${liaison ? sql`AND v.liaison_id = ${liaison}` : sql``}
      ${q.from ? sql`AND v.visited_on >= ${q.from}` : sql``} ${q.to ? sql`AND v.visited_on <= ${q.to}` : sql``}
    ORDER BY v.visited_on DESC, v.id DESC LIMIT ${q.limit ?? 500}`);
}

/** Links a member to a household, grid group, enterprise or project (党员联系户, 四联). */
export async function addLink(db: Db, actor: Actor, communityId: number, b: z.infer<typeof LinkBody>): Promise<{ id: number }> {
  const c = await communityFor(db, actor, communityId, 'request.manage');
  const [m] = await rows<{ name: string; countyId: number }>(db, sql`SELECT name, county_id AS "countyId" FROM members WHERE id = ${b.memberId} AND party_state IN ('正常', '恢复')
    AND (org_path LIKE ${`${c.path}%`} OR home_community_id = ${c.id})`);
  if (!m || m.countyId !== c.countyId) throw errors.validation('党员不在本社区或其党组织', 'the member is not of this community', [{ path: ['memberId'], message: '党员无效' }]);
  const target = { 联户: 'householdId', 联组: 'gridId', 联企业: 'unitId', 联工程: 'project' } as const;
  const need = target[b.kind];
  for (const k of Object.values(target)) {
    if ((k === need) !== (b[k] !== undefined && b[k] !== null)) throw errors.validation(`${b.kind}须填写且只填写${{ householdId: '住户', gridId: '网格', unitId: '企业', project: '工程' }[k === need ? k : need]}`, `a ${b.kind} link names its ${need} only`, [{ path: [k], message: k === need ? '必填' : '不应填写' }]);
  }
  await inCommunity(db, c, { householdId: b.householdId, gridId: b.gridId, unitId: b.unitId });
  return db.transaction(async (tx) => {
    const dup = await rows<{ id: number }>(tx, sql`SELECT id FROM contact_links WHERE county_id = ${c.countyId} AND member_id = ${b.memberId} AND kind = ${b.kind} AND until IS NULL
      AND household_id IS NOT DISTINCT FROM ${b.householdId ?? null} AND grid_id IS NOT DISTINCT FROM ${b.gridId ?? null} AND unit_id IS NOT DISTINCT FROM ${b.unitId ?? null} AND project IS NOT DISTINCT FROM ${b.project ?? null}`);
    if (dup.length) throw new AppError('CONFLICT', '该联系已存在', 'the link exists');
    const [l] = await rows<{ id: number }>(tx, sql`INSERT INTO contact_links (county_id, community_id, community_path, member_id, member_name, kind, household_id, grid_id, unit_id, project, since)
      VALUES (${c.countyId}, ${c.id}, ${c.path}, ${b.memberId}, ${m.name}, ${b.kind}, ${b.householdId ?? null}, ${b.gridId ?? null}, ${b.unitId ?? null}, ${b.project ?? null}, ${b.since ?? today()}) RETURNING id`);
    await insertEvent(tx, { type: 'contact_link.added', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'contact_link', targetId: l.id, data: { member: b.memberId, kind: b.kind } });
    return l;
  });
}

/** Ends a link (kept in the history with its end date). */
export async function endLink(db: Db, actor: Actor, id: number): Promise<{ id: number }> {
  const [l] = await rows<{ countyId: number; communityId: number; communityPath: string; until: string | null }>(db, sql`SELECT county_id AS "countyId", community_id AS "communityId",
    community_path AS "communityPath", until::text FROM contact_links WHERE id = ${id}`);
  if (!l || !can(actor, 'request.read', l.communityPath)) throw errors.notFound('联系', 'link');
  if (!can(actor, 'request.manage', l.communityPath)) throw errors.forbidden();
  if (l.until) throw new AppError('INVALID_STATE', '该联系已结束', 'ended already');
  return db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE contact_links SET until = GREATEST(since, ${today()}::date) WHERE county_id = ${l.countyId} AND id = ${id}`);
    await insertEvent(tx, { type: 'contact_link.ended', ...who(actor), countyId: l.countyId, orgId: l.communityId, orgPath: l.communityPath, targetType: 'contact_link', targetId: id });
    return { id };
  });
}

/** The links of a community, current ones first. */
export async function listLinks(db: Db, actor: Actor, communityId: number) {
  const c = await communityFor(db, actor, communityId, 'request.read');
  return rows(db, sql`SELECT l.id, l.member_id AS "memberId", l.member_name AS "memberName", l.kind, l.household_id AS "householdId", h.address AS "householdAddress", l.grid_id AS "gridId",
      g.name AS "gridName", l.unit_id AS "unitId", u.name AS "unitName", l.project, to_char(l.since, 'YYYY-MM-DD') AS since, to_char(l.until, 'YYYY-MM-DD') AS until
    FROM contact_links l LEFT JOIN households h ON h.county_id = l.county_id AND h.id = l.household_id LEFT JOIN grids g ON g.county_id = l.county_id AND g.id = l.grid_id
      LEFT JOIN units u ON u.county_id = l.county_id AND u.id = l.unit_id
    WHERE l.county_id = ${c.countyId} AND l.community_id = ${c.id} ORDER BY (l.until IS NULL) DESC, l.kind, l.member_name, l.id`);
}

/** Accepts a 办事 case at the hall for a resident (from the register, or named). */
export async function openHallCase(db: Db, actor: Actor, b: z.infer<typeof HallCaseBody>): Promise<{ id: number }> {
  const c = await communityFor(db, actor, b.communityId, 'resident.write');
  await inCommunity(db, c, { residentId: b.residentId, householdId: b.householdId });
  const [k] = await rows<{ id: number; active: boolean }>(db, sql`SELECT id, active FROM hall_kinds WHERE county_id = ${c.countyId} AND id = ${b.kindId}`);
  if (!k?.active) throw errors.validation('办事类别不存在或已停用', 'no such kind', [{ path: ['kindId'], message: '类别无效' }]);
  const [r] = b.residentId ? await rows<{ name: string; householdId: number | null }>(db, sql`SELECT name, household_id AS "householdId" FROM residents WHERE county_id = ${c.countyId} AND id = ${b.residentId}`) : [];
  const name = r?.name ?? b.residentName;
  if (!name) throw errors.validation('请选择或填写居民', 'name the resident', [{ path: ['residentName'], message: '必填' }]);
  const acceptedOn = b.acceptedOn ?? today();
  if (acceptedOn > today()) throw errors.validation('受理日期不能晚于今天', 'cannot be in the future', [{ path: ['acceptedOn'], message: '不能晚于今天' }]);
  return db.transaction(async (tx) => {
    const [h] = await rows<{ id: number }>(tx, sql`INSERT INTO hall_cases (county_id, community_id, community_path, resident_id, resident_name, household_id, kind_id, matter, accepted_on, handler_id, handler_name)
      VALUES (${c.countyId}, ${c.id}, ${c.path}, ${b.residentId ?? null}, ${name}, ${b.householdId ?? r?.householdId ?? null}, ${k.id}, ${b.matter}, ${acceptedOn}, ${actor.userId}, ${actor.displayName}) RETURNING id`);
    await insertEvent(tx, { type: 'hall_case.opened', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'hall_case', targetId: h.id, data: { kind: k.id } });
    return h;
  });
}

/** Finishes a case: done (办结) or referred (转办) with the result. */
export async function finishHallCase(db: Db, actor: Actor, id: number, b: { state: 'done' | 'referred'; result: string; rowVersion: number }): Promise<{ id: number }> {
  const [h] = await rows<{ countyId: number; communityId: number; communityPath: string; state: string; acceptedOn: string }>(db, sql`SELECT county_id AS "countyId", community_id AS "communityId",
    community_path AS "communityPath", state, accepted_on::text AS "acceptedOn" FROM hall_cases WHERE id = ${id}`);
  if (!h || !can(actor, 'request.read', h.communityPath)) throw errors.notFound('办事记录', 'case');
  if (!can(actor, 'resident.write', h.communityPath)) throw errors.forbidden();
  if (h.state !== 'accepted') throw new AppError('INVALID_STATE', '该事项已办结或转办', 'finished already');
  return db.transaction(async (tx) => {
    const u = await rows<{ id: number }>(tx, sql`UPDATE hall_cases SET state = ${b.state}, result = ${b.result}, done_on = GREATEST(accepted_on, ${today()}::date), row_version = row_version + 1
      WHERE county_id = ${h.countyId} AND id = ${id} AND row_version = ${b.rowVersion} RETURNING id`);
    if (!u.length) throw new AppError('VERSION_CONFLICT', '记录已被他人修改，请刷新后重试', 'changed meanwhile: reload');
    await insertEvent(tx, { type: 'hall_case.finished', ...who(actor), countyId: h.countyId, orgId: h.communityId, orgPath: h.communityPath, targetType: 'hall_case', targetId: id, data: { state: b.state } });
    return { id };
  });
}

/** The hall's cases of a community, newest first (the latest `limit`), with counts by kind. */
export async function listHallCases(db: Db, actor: Actor, communityId: number, limit = 1000) {
  const c = await communityFor(db, actor, communityId, 'request.read');
  const items = await rows(db, sql`SELECT c.id, c.resident_id AS "residentId", c.resident_name AS "residentName", c.household_id AS "householdId", c.kind_id AS "kindId", k.name AS kind, c.matter, c.state,
      to_char(c.accepted_on, 'YYYY-MM-DD') AS "acceptedOn", to_char(c.done_on, 'YYYY-MM-DD') AS "doneOn", c.result, c.handler_name AS "handlerName", c.row_version AS "rowVersion"
    FROM hall_cases c JOIN hall_kinds k ON k.county_id = c.county_id AND k.id = c.kind_id WHERE c.county_id = ${c.countyId} AND c.community_id = ${c.id} ORDER BY c.id DESC LIMIT ${limit}`);
  const kinds = await rows(db, sql`SELECT k.id, k.name, k.active, count(c.id)::int AS cases, count(c.id) FILTER (WHERE c.state = 'done')::int AS done
    FROM hall_kinds k LEFT JOIN hall_cases c ON c.county_id = k.county_id AND c.kind_id = k.id AND c.community_id = ${c.id} WHERE k.county_id = ${c.countyId} GROUP BY k.id, k.name, k.active, k.sort ORDER BY k.sort, k.id`);
  return { items, kinds };
}
