/**
 * 点对点服务 from claim to the resident's word: an in-service member claims an open need of their
 * communities (one holder at a time), records the service done (date, what, hours), and the server
 * derives a confirmation code that only the community's staff may show (the member never sees it);
 * the resident confirms with the code and the last four digits of the phone in the residents
 * register, or staff record a confirmation the resident gave by phone (回访确认). The confirmation
 * awards the points once. Every step is one transaction with its audit event; steps out of order
 * are refused with the state they need, and a refusal changes nothing.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { lookupHash, type Keys } from '../../platform/crypto/sm.js';
import { notifyAll } from '../../platform/notifications/index.js';
import { today } from '../../platform/clock.js';
import { mayManage, mayRead, memberOf, readPaths, type MemberHere } from './needs.js';
import { awardService, type Award } from './points.js';
import { chinaDate, confirmCode, lastFour, SATISFACTION, SERVICE_STATE_ZH, type ServiceState } from './rules.js';

export type ServiceRow = {
  countyId: number; id: number; needId: number; memberId: number; memberName: string; state: ServiceState; servedOn: string | null; record: string | null; hours: number | null;
  satisfaction: number | null; confirmedAt: Date | null; pointEntryId: number | null; points: number | null; rowVersion: number; claimedAt: Date; confirmHash: string | null;
  communityId: number; communityPath: string; communityName: string; residentId: number; residentName: string; kind: string; need: string; needState: string;
  address: string | null; phoneMasked: string | null;
};

const SERVICE = sql`s.county_id AS "countyId", s.id, s.need_id AS "needId", s.member_id AS "memberId", s.member_name AS "memberName", s.state, to_char(s.served_on, 'YYYY-MM-DD') AS "servedOn",
  s.record, s.hours, s.satisfaction, s.confirmed_at AS "confirmedAt", s.point_entry_id AS "pointEntryId", e.points::float8 AS points, s.row_version AS "rowVersion", s.claimed_at AS "claimedAt",
  s.confirm_hash AS "confirmHash", n.community_id AS "communityId", n.community_path AS "communityPath", c.name AS "communityName", n.resident_id AS "residentId",
  n.resident_name AS "residentName", n.kind, n.need, n.state AS "needState", r.address, r.phone_masked AS "phoneMasked"`;
const SERVICE_FROM = sql`FROM need_services s JOIN service_needs n ON n.county_id = s.county_id AND n.id = s.need_id JOIN orgs c ON c.id = n.community_id
  LEFT JOIN residents r ON r.county_id = n.county_id AND r.id = n.resident_id LEFT JOIN point_entries e ON e.county_id = s.county_id AND e.id = s.point_entry_id`;

/** Services of a query, their times as dates whichever driver read them. */
async function services(db: Db, query: SQL): Promise<ServiceRow[]> {
  return (await rows<ServiceRow>(db, query)).map((s) => ({ ...s, claimedAt: new Date(s.claimedAt), confirmedAt: s.confirmedAt === null ? null : new Date(s.confirmedAt) }));
}

/** A service by id, or null. */
export async function serviceById(db: Db, id: number): Promise<ServiceRow | null> {
  const [s] = await services(db, sql`SELECT ${SERVICE} ${SERVICE_FROM} WHERE s.id = ${id}`);
  return s ?? null;
}

const isHolder = (m: MemberHere | null, s: Pick<ServiceRow, 'countyId' | 'memberId'>) => m !== null && Number(m.id) === Number(s.memberId) && Number(m.countyId) === Number(s.countyId);
/** Is the caller's account that of the member who holds the service (whatever else they may manage). */
const ownService = (actor: Actor, s: Pick<ServiceRow, 'countyId' | 'memberId'>) =>
  actor.memberId !== null && Number(actor.memberId) === Number(s.memberId) && Number(actor.memberCountyId) === Number(s.countyId);
/** Staff who are members too never see the code of, nor confirm, their own service. */
const notOwn = (actor: Actor, s: ServiceRow) => {
  if (ownService(actor, s)) throw new AppError('FORBIDDEN', '不能查看或确认本人的服务，请由社区其他工作人员办理', 'you cannot see the code of, nor confirm, your own service');
};

/** The service as its member or a reader of the community may see it, or NOT_FOUND. */
export async function visibleService(db: Db, actor: Actor, id: number): Promise<{ s: ServiceRow; holder: MemberHere | null }> {
  const s = await serviceById(db, id);
  const m = await memberOf(db, actor);
  if (!s || !(mayRead(actor, s.communityPath) || isHolder(m, s))) throw errors.notFound('服务记录', 'service');
  return { s, holder: isHolder(m, s) ? m : null };
}

/** What the caller sees of a service, with the steps they may take. The code never travels here. */
export function presentService(actor: Actor, s: ServiceRow, holder: boolean) {
  const m = mayManage(actor, s.communityPath);
  const staff = m && !ownService(actor, s);
  const actions = [
    ...(holder && s.state === 'claimed' ? ['serve'] : []),
    ...((holder && s.state === 'claimed') || (m && (s.state === 'claimed' || s.state === 'served')) ? ['withdraw'] : []),
    ...(staff && s.state === 'served' ? ['code', 'confirmCall'] : []),
  ];
  return {
    id: s.id, needId: s.needId, memberId: s.memberId, memberName: s.memberName, state: s.state, stateName: SERVICE_STATE_ZH[s.state], servedOn: s.servedOn, record: s.record, hours: s.hours,
    satisfaction: s.satisfaction, satisfactionName: s.satisfaction ? SATISFACTION[s.satisfaction as 1] : null, confirmedAt: s.confirmedAt, points: s.points, rowVersion: s.rowVersion, claimedAt: s.claimedAt,
    communityId: s.communityId, communityName: s.communityName, residentId: s.residentId, residentName: s.residentName, kind: s.kind, need: s.need,
    // where to go: the holder and the community's staff see the address; the phone stays with staff
    address: holder || m ? s.address : null, phoneMasked: m ? s.phoneMasked : null, actions,
  };
}

export type ServiceFilters = { communityId?: number; state?: ServiceState; needId?: number; page: number; pageSize: number };

/** Services in the reader's scope (or one community, or one need), newest first. */
export async function listServices(db: Db, actor: Actor, f: ServiceFilters, communityPath?: string) {
  const where: SQL[] = [communityPath ? sql`n.community_path LIKE ${`${communityPath}%`}` : underAny(sql`n.community_path`, readPaths(actor))];
  if (f.state) where.push(sql`s.state = ${f.state}`);
  if (f.needId) where.push(sql`s.need_id = ${f.needId}`);
  const w = sql.join(where, sql` AND `);
  const [list, [{ n }]] = await Promise.all([
    services(db, sql`SELECT ${SERVICE} ${SERVICE_FROM} WHERE ${w} ORDER BY s.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`),
    rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM need_services s JOIN service_needs n ON n.county_id = s.county_id AND n.id = s.need_id WHERE ${w}`),
  ]);
  return { items: list.map((s) => presentService(actor, s, false)), total: n, page: f.page, pageSize: f.pageSize };
}

/** The member's own services, newest first. */
export async function myServices(db: Db, actor: Actor, m: MemberHere) {
  const list = await services(db, sql`SELECT ${SERVICE} ${SERVICE_FROM} WHERE s.county_id = ${m.countyId} AND s.member_id = ${m.id} ORDER BY s.id DESC LIMIT 200`);
  return { items: list.map((s) => presentService(actor, s, true)) };
}

const stateError = (s: { state: ServiceState }, zh: string, en: string) => new AppError('INVALID_STATE', `${zh}（当前：${SERVICE_STATE_ZH[s.state]}）`, en, { state: s.state });

/** A member claims an open need of their communities for themselves; nobody else may hold it meanwhile. */
export async function claimNeed(db: Db, actor: Actor, needId: number) {
  const m = await memberOf(db, actor);
  if (!m) throw errors.notFound('服务需求', 'service need');
  const [n] = await rows<{ countyId: number; id: number; communityId: number; communityPath: string; state: string }>(db, sql`SELECT county_id AS "countyId", id, community_id AS "communityId",
    community_path AS "communityPath", state FROM service_needs WHERE id = ${needId}`);
  if (!n || Number(n.countyId) !== Number(m.countyId) || !m.communityIds.includes(Number(n.communityId))) throw errors.notFound('服务需求', 'service need');
  if (n.state !== 'open') throw new AppError('INVALID_STATE', '该服务需求已关闭', 'the need is closed');
  return db.transaction(async (tx) => {
    // the need's row is the lock: two members claiming at once are served one after the other
    await tx.execute(sql`SELECT id FROM service_needs WHERE county_id = ${n.countyId} AND id = ${n.id} FOR UPDATE`);
    const [held] = await rows<{ memberName: string }>(tx, sql`SELECT member_name AS "memberName" FROM need_services WHERE county_id = ${n.countyId} AND need_id = ${n.id} AND state IN ('claimed', 'served') LIMIT 1`);
    if (held) throw new AppError('CONFLICT', `该需求已由党员${held.memberName}认领`, 'someone holds the need already');
    const [s] = await rows<{ id: number }>(tx, sql`INSERT INTO need_services (county_id, need_id, member_id, member_name, member_path) VALUES (${m.countyId}, ${n.id}, ${m.id}, ${m.name}, ${m.orgPath}) RETURNING id`);
    await insertEvent(tx, { type: 'service.claimed', ...who(actor), countyId: n.countyId, orgId: n.communityId, orgPath: n.communityPath, targetType: 'need_service', targetId: s.id, data: { needId: n.id, memberId: m.id } });
    return presentService(actor, (await serviceById(tx, s.id))!, true);
  });
}

/** The holder records the service done; the server derives the code, keeps its hash, and tells the community's staff a slip is waiting. */
export async function recordService(db: Db, keys: Keys, actor: Actor, id: number, b: { servedOn: string; record: string; hours: number }) {
  const { s, holder } = await visibleService(db, actor, id);
  if (!holder) throw errors.forbidden();
  if (s.state !== 'claimed') throw stateError(s, '只有已认领、尚未记录的服务可以记录', 'only a claimed service can be recorded');
  if (b.servedOn > today()) throw errors.validation('服务日期不能晚于今天', 'the date cannot be in the future', [{ path: ['servedOn'], message: '不能晚于今天' }]);
  if (b.servedOn < chinaDate(s.claimedAt)) throw errors.validation(`服务日期不能早于认领日期 ${chinaDate(s.claimedAt)}`, 'the date cannot precede the claim', [{ path: ['servedOn'], message: '早于认领日期' }]);
  const code = confirmCode(keys.hashKey, { countyId: s.countyId, id: s.id, servedOn: b.servedOn });
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE need_services SET state = 'served', served_on = ${b.servedOn}, record = ${b.record}, hours = ${b.hours}, confirm_hash = ${lookupHash(keys, code)},
      row_version = row_version + 1 WHERE county_id = ${s.countyId} AND id = ${s.id} AND state = 'claimed' RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '服务记录已被他人处理，请刷新后重试', 'the service changed meanwhile: reload');
    const staff = await rows<{ userId: number }>(tx, sql`SELECT DISTINCT g.user_id AS "userId" FROM grants g JOIN orgs o ON o.id = g.org_id
      WHERE ${s.communityPath} LIKE o.path || '%' AND o.kind IN ('community', 'village') AND g.role IN ('community_admin', 'grid_liaison') LIMIT 50`);
    await notifyAll(tx, staff.map((u) => ({ userId: Number(u.userId), title: `待居民确认：${s.memberName}为${s.residentName}服务（${b.servedOn}）`.slice(0, 200), body: '请打印积分卡确认码交给居民，或电话回访确认', link: '/service-needs?tab=services' })));
    await insertEvent(tx, { type: 'service.served', ...who(actor), countyId: s.countyId, orgId: s.communityId, orgPath: s.communityPath, targetType: 'need_service', targetId: s.id,
      data: { servedOn: b.servedOn, hours: b.hours } });
    return presentService(actor, (await serviceById(tx, s.id))!, true);
  });
}

/** Withdraws a claim: the holder before recording, the community's staff before confirmation (the resident disputes it, the member cannot go). */
export async function withdrawService(db: Db, actor: Actor, id: number, b: { reason?: string | null }) {
  const { s, holder } = await visibleService(db, actor, id);
  const staff = mayManage(actor, s.communityPath);
  if (!staff && !holder) throw errors.forbidden();
  const allowed: ServiceState[] = staff ? ['claimed', 'served'] : ['claimed'];
  if (!allowed.includes(s.state)) throw stateError(s, staff ? '已确认或已撤销的服务不能撤销' : '已记录的服务请联系社区撤销', 'this service cannot be withdrawn now');
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE need_services SET state = 'withdrawn', served_on = NULL, record = NULL, confirm_hash = NULL, row_version = row_version + 1
      WHERE county_id = ${s.countyId} AND id = ${s.id} AND state = ${s.state} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '服务记录已被他人处理，请刷新后重试', 'the service changed meanwhile: reload');
    await insertEvent(tx, { type: 'service.withdrawn', ...who(actor), countyId: s.countyId, orgId: s.communityId, orgPath: s.communityPath, targetType: 'need_service', targetId: s.id,
      data: { from: s.state, by: holder ? 'member' : 'staff', reason: b.reason ?? null, record: s.record } });
    return presentService(actor, (await serviceById(tx, s.id))!, holder !== null);
  });
}

/** The code of a recorded service, for the community's staff only (each showing audited): the 积分卡 slip's contents. */
export async function showCode(db: Db, keys: Keys, actor: Actor, id: number) {
  const { s } = await visibleService(db, actor, id);
  if (!mayManage(actor, s.communityPath)) throw errors.forbidden();
  notOwn(actor, s);
  if (s.state !== 'served') throw stateError(s, '只有待居民确认的服务有确认码', 'only a service awaiting confirmation has a code');
  const code = confirmCode(keys.hashKey, { countyId: s.countyId, id: s.id, servedOn: s.servedOn! });
  if (lookupHash(keys, code) !== s.confirmHash) throw new AppError('CONFLICT', '确认码与记录不符（密钥可能已更换），请撤销后由党员重新记录', 'the code does not match the record (the key changed?)');
  await db.transaction((tx) => insertEvent(tx, { type: 'service.code_viewed', ...who(actor), countyId: s.countyId, orgId: s.communityId, orgPath: s.communityPath, targetType: 'need_service', targetId: s.id }));
  return { id: s.id, code, residentName: s.residentName, memberName: s.memberName, servedOn: s.servedOn, record: s.record, hours: s.hours, communityName: s.communityName, phoneMasked: s.phoneMasked };
}

/** Confirms a served service in one transaction: the state, the points once, the audit event with how the resident's word came. */
async function confirm(db: Db, s: ServiceRow, satisfaction: number, via: { actor: Actor | null; data: Record<string, unknown>; ip?: string | null }) {
  if (s.state === 'confirmed') throw new AppError('INVALID_STATE', '该服务已确认过，无需重复确认', 'confirmed already', { state: s.state });
  if (s.state !== 'served') throw stateError(s, '服务尚未记录完成，不能确认', 'only a recorded service can be confirmed');
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE need_services SET state = 'confirmed', satisfaction = ${satisfaction}, confirmed_at = now(), row_version = row_version + 1
      WHERE county_id = ${s.countyId} AND id = ${s.id} AND state = 'served' RETURNING id`);
    if (!r.length) throw new AppError('INVALID_STATE', '该服务已确认过，无需重复确认', 'confirmed already');
    const award: Award = await awardService(tx, { countyId: s.countyId, id: s.id, memberId: s.memberId, servedOn: s.servedOn!, record: s.record!, residentName: s.residentName });
    if (award.given) await tx.execute(sql`UPDATE need_services SET point_entry_id = ${award.entryId} WHERE county_id = ${s.countyId} AND id = ${s.id}`);
    await insertEvent(tx, { type: 'service.confirmed', ...(via.actor ? who(via.actor) : { actorName: 'resident', ip: via.ip ?? null }), countyId: s.countyId, orgId: s.communityId, orgPath: s.communityPath,
      targetType: 'need_service', targetId: s.id, data: { ...via.data, satisfaction, points: award.given ? { entryId: award.entryId, points: award.points } : null, noPoints: award.given ? null : award.reasonEn } });
    return { id: s.id, state: 'confirmed' as const, satisfaction, award };
  });
}

/** The community's staff record the confirmation a resident gave by phone (回访确认): who called, and when. */
export async function confirmByCall(db: Db, actor: Actor, id: number, b: { calledBy: string; calledAt: string; satisfaction: number; note?: string | null }) {
  const { s } = await visibleService(db, actor, id);
  if (!mayManage(actor, s.communityPath)) throw errors.forbidden();
  notOwn(actor, s);
  const at = new Date(b.calledAt);
  if (at.getTime() > Date.now() + 60_000) throw errors.validation('回访时间不能晚于现在', 'the call cannot be in the future', [{ path: ['calledAt'], message: '不能晚于现在' }]);
  if (s.servedOn && chinaDate(at) < s.servedOn) throw errors.validation(`回访时间不能早于服务日期 ${s.servedOn}`, 'the call cannot precede the service', [{ path: ['calledAt'], message: '早于服务日期' }]);
  return confirm(db, s, b.satisfaction, { actor, data: { via: 'phone', calledBy: b.calledBy, calledAt: at.toISOString(), note: b.note ?? null } });
}

/** The service a resident names by code and the last four digits of their registered phone, or one NOT_FOUND for either wrong. */
export async function residentService(db: Db, keys: Keys, code: string, phone4: string): Promise<ServiceRow> {
  const [s] = await services(db, sql`SELECT ${SERVICE} ${SERVICE_FROM} WHERE s.confirm_hash = ${lookupHash(keys, code)} LIMIT 1`);
  const four = lastFour(s?.phoneMasked ?? null);
  if (!s || four === null || four !== phone4) throw new AppError('NOT_FOUND', '确认码或手机号后四位不正确', 'no service with that code and phone');
  return s;
}

/** What the resident sees before and after confirming: no staff, no other resident, the member's name and the work. */
export function residentView(s: ServiceRow, award?: Award) {
  return {
    communityName: s.communityName, memberName: s.memberName, residentName: s.residentName, servedOn: s.servedOn, record: s.record, hours: s.hours,
    state: s.state, stateName: SERVICE_STATE_ZH[s.state], satisfaction: s.satisfaction, canConfirm: s.state === 'served',
    ...(award ? { pointsGiven: award.given } : {}),
  };
}

/** The resident confirms and rates in one tap. */
export async function confirmByResident(db: Db, keys: Keys, b: { code: string; phone4: string; satisfaction: number }, ip: string | null) {
  const s = await residentService(db, keys, b.code, b.phone4);
  const r = await confirm(db, s, b.satisfaction, { actor: null, data: { via: 'resident' }, ip });
  return residentView((await serviceById(db, s.id))!, r.award);
}
