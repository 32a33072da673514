/**
 * Volunteer teams' activities (志愿服务活动): a team's managers (team.write) announce an activity with
 * its places, sign members and residents up, record attendance and hours once it has begun, or cancel
 * it; members sign themselves up for activities of teams around them (their branch, their branch's
 * and home communities, and the organisations above) and may withdraw before it starts. Sign-ups never
 * exceed the places: the activity's row is locked while one is taken. Every write is one transaction
 * with its audit event.
 */
import { sql, type SQL } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { can, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { memberOf, type MemberHere } from './needs.js';
import { activityHours, activityPhase } from './rules.js';

export type ActivityRow = {
  countyId: number; id: number; teamId: number; teamName: string; orgId: number; orgPath: string; orgName: string; title: string; place: string; startsAt: Date; endsAt: Date;
  places: number; state: 'open' | 'done' | 'cancelled'; note: string | null; rowVersion: number; signed: number; attended: number; hours: number;
};
export type Signup = { id: number; personKind: 'member' | 'resident'; personId: number; name: string; attended: boolean | null; hours: number | null; signedAt: Date };

const ACTIVITY = sql`a.county_id AS "countyId", a.id, a.team_id AS "teamId", t.name AS "teamName", a.org_id AS "orgId", a.org_path AS "orgPath", o.name AS "orgName", a.title, a.place,
  a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.places, a.state, a.note, a.row_version AS "rowVersion",
  (SELECT count(*)::int FROM activity_signups x WHERE x.county_id = a.county_id AND x.activity_id = a.id) AS signed,
  (SELECT count(*)::int FROM activity_signups x WHERE x.county_id = a.county_id AND x.activity_id = a.id AND x.attended) AS attended,
  (SELECT coalesce(sum(x.hours), 0)::float8 FROM activity_signups x WHERE x.county_id = a.county_id AND x.activity_id = a.id AND x.attended) AS hours`;
const ACTIVITY_FROM = sql`FROM volunteer_activities a JOIN teams t ON t.county_id = a.county_id AND t.id = a.team_id JOIN orgs o ON o.id = a.org_id`;

/** Activities of a query, their times as dates whichever driver read them. */
async function activities(db: Db, query: SQL): Promise<ActivityRow[]> {
  return (await rows<ActivityRow>(db, query)).map((a) => ({ ...a, startsAt: new Date(a.startsAt), endsAt: new Date(a.endsAt) }));
}

/** An activity by id, or null. */
export async function activityById(db: Db, id: number): Promise<ActivityRow | null> {
  const [a] = await activities(db, sql`SELECT ${ACTIVITY} ${ACTIVITY_FROM} WHERE a.id = ${id}`);
  return a ?? null;
}

/** Every path from the root down to each of `paths` (a team at any of them is "around" the member). */
function ancestors(paths: string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const ids = p.split('/').filter(Boolean);
    for (let i = 1; i <= ids.length; i++) out.add(`/${ids.slice(0, i).join('/')}/`);
  }
  return [...out];
}

/** Where a member looks for activities: their branch and their communities. */
export async function memberAreas(db: Db, m: MemberHere): Promise<string[]> {
  const cs = m.communityIds.length ? await rows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ANY(${`{${m.communityIds.join(',')}}`}::bigint[])`) : [];
  return [m.orgPath, ...cs.map((c) => c.path)];
}

/** Activities of teams around the member: at or above their areas, or below their communities. */
export const aroundMember = (col: SQL, areas: string[]): SQL =>
  sql`(${col} = ANY(${`{${ancestors(areas).join(',')}}`}::text[]) OR ${underAny(col, areas)})`;
const isAround = (orgPath: string, areas: string[]) => areas.some((p) => p.startsWith(orgPath) || orgPath.startsWith(p));

/** Who is asking: their member record and areas when they have one. */
export async function viewerOf(db: Db, actor: Actor): Promise<{ m: MemberHere | null; areas: string[] }> {
  const m = await memberOf(db, actor);
  return { m, areas: m ? await memberAreas(db, m) : [] };
}

/** The activity as a reader of its organisation or a member around it sees it, or NOT_FOUND. */
export async function visibleActivity(db: Db, actor: Actor, id: number) {
  const a = await activityById(db, id);
  const v = await viewerOf(db, actor);
  if (!a || !(can(actor, 'org.read', a.orgPath) || (v.m && isAround(a.orgPath, v.areas)))) throw errors.notFound('志愿服务活动', 'activity');
  return { a, ...v };
}

/** The activity with the caller's steps and own sign-up. */
export function presentActivity(actor: Actor, a: ActivityRow, m: MemberHere | null, mine: number | null, now = Date.now()) {
  const { orgPath, countyId: _c, ...rest } = a;
  const manage = can(actor, 'team.write', orgPath);
  const p = activityPhase(a, now);
  const actions = [
    ...(manage && p.cancel ? ['cancel'] : []), ...(manage && p.signUp ? ['signupOther'] : []), ...(manage && p.attendance ? ['attendance'] : []),
    ...(m && mine === null && p.signUp && a.signed < a.places ? ['signup'] : []), ...(mine !== null && a.state === 'open' && now < a.startsAt.getTime() ? ['cancelSignup'] : []),
  ];
  return { ...rest, full: a.signed >= a.places, mine, maxHours: activityHours(a.startsAt, a.endsAt), actions };
}

/** The caller's own sign-up of each activity, by activity id. */
async function ownSignups(db: Db, m: MemberHere | null, ids: number[]): Promise<Map<number, number>> {
  if (!m || !ids.length) return new Map();
  const list = await rows<{ activityId: number; id: number }>(db, sql`SELECT activity_id AS "activityId", id FROM activity_signups WHERE county_id = ${m.countyId}
    AND person_kind = 'member' AND person_id = ${m.id} AND activity_id = ANY(${`{${ids.join(',')}}`}::bigint[])`);
  return new Map(list.map((x) => [Number(x.activityId), Number(x.id)]));
}

export type ActivityFilters = { orgPath?: string; teamId?: number; state?: 'open' | 'done' | 'cancelled'; page: number; pageSize: number };

/** Activities the caller may see (their organisations' or, for a member, those around them), soonest last. */
export async function listActivities(db: Db, actor: Actor, f: ActivityFilters) {
  const v = await viewerOf(db, actor);
  const scope = underAny(sql`a.org_path`, scopePaths(actor, 'org.read'));
  const where: SQL[] = [v.m ? sql`(${scope} OR ${aroundMember(sql`a.org_path`, v.areas)})` : scope];
  if (f.orgPath) where.push(sql`a.org_path LIKE ${`${f.orgPath}%`}`);
  if (f.teamId) where.push(sql`a.team_id = ${f.teamId}`);
  if (f.state) where.push(sql`a.state = ${f.state}`);
  const w = sql.join(where, sql` AND `);
  const [list, [{ n }]] = await Promise.all([
    activities(db, sql`SELECT ${ACTIVITY} ${ACTIVITY_FROM} WHERE ${w} ORDER BY a.starts_at DESC, a.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`),
    rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM volunteer_activities a WHERE ${w}`),
  ]);
  const mine = await ownSignups(db, v.m, list.map((a) => a.id));
  return { items: list.map((a) => presentActivity(actor, a, v.m, mine.get(Number(a.id)) ?? null)), total: n, page: f.page, pageSize: f.pageSize };
}

/** The activity with its sign-ups: all of them for its managers, one's own otherwise. */
export async function activityDetail(db: Db, actor: Actor, id: number) {
  const { a, m } = await visibleActivity(db, actor, id);
  const all = await rows<Signup>(db, sql`SELECT id, person_kind AS "personKind", person_id AS "personId", name, attended, hours, signed_at AS "signedAt" FROM activity_signups
    WHERE county_id = ${a.countyId} AND activity_id = ${a.id} ORDER BY id`);
  const own = all.find((s) => m && s.personKind === 'member' && Number(s.personId) === Number(m.id));
  const full = can(actor, 'team.write', a.orgPath) || can(actor, 'org.read', a.orgPath);
  return { ...presentActivity(actor, a, m, own ? Number(own.id) : null), signups: full ? all : own ? [own] : [] };
}

/** Announces an activity of a volunteer team. */
export async function createActivity(db: Db, actor: Actor, b: { teamId: number; title: string; place: string; startsAt: string; endsAt: string; places: number; note?: string | null }) {
  const [t] = await rows<{ countyId: number; id: number; orgId: number; orgPath: string; kind: string }>(db, sql`SELECT county_id AS "countyId", id, org_id AS "orgId", org_path AS "orgPath", kind FROM teams WHERE id = ${b.teamId}`);
  if (!t || !can(actor, 'org.read', t.orgPath)) throw errors.notFound('队伍', 'team');
  if (!can(actor, 'team.write', t.orgPath)) throw errors.forbidden();
  if (t.kind !== '志愿服务队') throw errors.validation('只有志愿服务队可以发布志愿服务活动', 'only a volunteer team holds activities', [{ path: ['teamId'], message: '须为志愿服务队' }]);
  const [starts, ends] = [new Date(b.startsAt), new Date(b.endsAt)];
  if (ends.getTime() <= starts.getTime()) throw errors.validation('结束时间应晚于开始时间', 'the end must come after the start', [{ path: ['endsAt'], message: '应晚于开始时间' }]);
  if (ends.getTime() - starts.getTime() > 7 * 86_400_000) throw errors.validation('一次活动至多7天', 'an activity lasts at most 7 days', [{ path: ['endsAt'], message: '至多7天' }]);
  if (Math.abs(starts.getTime() - Date.now()) > 366 * 86_400_000) throw errors.validation('活动时间须在前后一年之内', 'the activity must lie within a year of today', [{ path: ['startsAt'], message: '超出范围' }]);
  return db.transaction(async (tx) => {
    const [a] = await rows<{ id: number }>(tx, sql`INSERT INTO volunteer_activities (county_id, team_id, org_id, org_path, title, place, starts_at, ends_at, places, note, created_by)
      VALUES (${t.countyId}, ${t.id}, ${t.orgId}, ${t.orgPath}, ${b.title}, ${b.place}, ${starts.toISOString()}, ${ends.toISOString()}, ${b.places}, ${b.note ?? null}, ${actor.userId}) RETURNING id`);
    await insertEvent(tx, { type: 'volunteer.activity_created', ...who(actor), countyId: t.countyId, orgId: t.orgId, orgPath: t.orgPath, targetType: 'volunteer_activity', targetId: a.id,
      data: { teamId: t.id, title: b.title, startsAt: starts.toISOString(), places: b.places } });
    return presentActivity(actor, (await activityById(tx, a.id))!, null, null);
  });
}

const phaseError = (zh: string, en: string, a: ActivityRow) => new AppError('INVALID_STATE', zh, en, { state: a.state });

/** Cancels an open activity (its sign-ups stay on record). */
export async function cancelActivity(db: Db, actor: Actor, id: number, b: { rowVersion: number; reason: string }) {
  const { a } = await visibleActivity(db, actor, id);
  if (!can(actor, 'team.write', a.orgPath)) throw errors.forbidden();
  if (a.state !== 'open') throw phaseError(a.state === 'done' ? '活动已记录考勤，不能取消' : '活动已取消', 'only an open activity can be cancelled', a);
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE volunteer_activities SET state = 'cancelled', row_version = row_version + 1 WHERE county_id = ${a.countyId} AND id = ${a.id} AND state = 'open' AND row_version = ${b.rowVersion} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '活动已被他人修改，请刷新后重试', 'the activity changed meanwhile: reload');
    await insertEvent(tx, { type: 'volunteer.activity_cancelled', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'volunteer_activity', targetId: a.id, data: { reason: b.reason, signed: a.signed } });
    return presentActivity(actor, (await activityById(tx, a.id))!, null, null);
  });
}

/** Signs a person up: a member themselves, or anyone the team's managers may read. Never beyond the places. */
export async function signUp(db: Db, actor: Actor, id: number, b: { personKind: 'member' | 'resident'; personId: number }) {
  const { a, m } = await visibleActivity(db, actor, id);
  const self = m !== null && b.personKind === 'member' && Number(b.personId) === Number(m.id);
  const manage = can(actor, 'team.write', a.orgPath);
  if (!self && !manage) throw errors.forbidden();
  let name = m?.name ?? '';
  if (!self) {
    const table = b.personKind === 'member' ? sql`members` : sql`residents`;
    const pathCol = b.personKind === 'member' ? sql`org_path` : sql`community_path`;
    const [p] = await rows<{ path: string; name: string }>(db, sql`SELECT ${pathCol} AS path, name FROM ${table} WHERE county_id = ${a.countyId} AND id = ${b.personId}`);
    if (!p || !can(actor, b.personKind === 'member' ? 'member.read' : 'resident.read', p.path)) throw errors.validation('人员不存在或不在您的管理范围内', 'no such person in your scope', [{ path: ['personId'], message: '人员无效' }]);
    name = p.name;
  }
  if (!activityPhase(a, Date.now()).signUp) throw phaseError(a.state === 'open' ? '活动已结束，不能再报名' : '活动已结束或已取消，不能报名', 'sign-up is closed', a);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM volunteer_activities WHERE county_id = ${a.countyId} AND id = ${a.id} FOR UPDATE`);
    const [c] = await rows<{ n: number; dup: boolean; state: string }>(tx, sql`SELECT (SELECT count(*)::int FROM activity_signups WHERE county_id = ${a.countyId} AND activity_id = ${a.id}) AS n,
      EXISTS (SELECT 1 FROM activity_signups WHERE county_id = ${a.countyId} AND activity_id = ${a.id} AND person_kind = ${b.personKind} AND person_id = ${b.personId}) AS dup,
      (SELECT state FROM volunteer_activities WHERE county_id = ${a.countyId} AND id = ${a.id}) AS state`);
    if (c.state !== 'open') throw phaseError('活动已结束或已取消，不能报名', 'sign-up is closed', a);
    if (c.dup) throw new AppError('DUPLICATE', `${name}已报名该活动`, 'signed up already');
    if (c.n >= a.places) throw new AppError('CONFLICT', `活动名额已满（${a.places}人）`, `the activity is full (${a.places} places)`);
    const [s] = await rows<{ id: number }>(tx, sql`INSERT INTO activity_signups (county_id, activity_id, person_kind, person_id, name) VALUES (${a.countyId}, ${a.id}, ${b.personKind}, ${b.personId}, ${name}) RETURNING id`);
    await insertEvent(tx, { type: 'volunteer.signed_up', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'volunteer_activity', targetId: a.id,
      data: { signupId: s.id, person: `${b.personKind}:${b.personId}`, self } });
    return { id: s.id, activityId: a.id, name, signed: c.n + 1, places: a.places };
  });
}

/** Withdraws a sign-up: one's own before the start, or any by the team's managers while the activity is open. */
export async function cancelSignup(db: Db, actor: Actor, id: number, signupId: number) {
  const { a, m } = await visibleActivity(db, actor, id);
  const [s] = await rows<Signup>(db, sql`SELECT id, person_kind AS "personKind", person_id AS "personId", name FROM activity_signups WHERE county_id = ${a.countyId} AND activity_id = ${a.id} AND id = ${signupId}`);
  const own = s && m !== null && s.personKind === 'member' && Number(s.personId) === Number(m.id);
  const manage = can(actor, 'team.write', a.orgPath);
  if (!s || !(own || manage)) throw errors.notFound('报名记录', 'sign-up');
  if (a.state !== 'open') throw phaseError('活动已结束或已取消，不能取消报名', 'the activity is no longer open', a);
  if (!manage && Date.now() >= a.startsAt.getTime()) throw phaseError('活动已开始，请联系组织者取消报名', 'the activity has begun: ask its organisers', a);
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`DELETE FROM activity_signups WHERE county_id = ${a.countyId} AND id = ${s.id} AND attended IS NULL RETURNING id`);
    if (!r.length) throw phaseError('已记录考勤的报名不能取消', 'attendance is recorded for this sign-up', a);
    await insertEvent(tx, { type: 'volunteer.signup_cancelled', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'volunteer_activity', targetId: a.id,
      data: { signupId: s.id, person: `${s.personKind}:${s.personId}`, self: own } });
    return { id: s.id };
  });
}

/** Records who came and the hours credited, once the activity has begun; the activity is then done (sign-up closes). */
export async function recordAttendance(db: Db, actor: Actor, id: number, b: { rowVersion: number; items: { signupId: number; attended: boolean; hours?: number | null }[] }) {
  const { a } = await visibleActivity(db, actor, id);
  if (!can(actor, 'team.write', a.orgPath)) throw errors.forbidden();
  if (!activityPhase(a, Date.now()).attendance) throw phaseError(a.state === 'cancelled' ? '活动已取消，不能记录考勤' : '活动开始后才能记录考勤', 'attendance is recorded once the activity has begun', a);
  const max = activityHours(a.startsAt, a.endsAt);
  const ids = new Set((await rows<{ id: number }>(db, sql`SELECT id FROM activity_signups WHERE county_id = ${a.countyId} AND activity_id = ${a.id}`)).map((x) => Number(x.id)));
  const problems = b.items.flatMap((x, i) => [
    ...(!ids.has(x.signupId) ? [{ path: ['items', i, 'signupId'], message: '不是本活动的报名' }] : []),
    ...(x.attended && x.hours != null && x.hours > max ? [{ path: ['items', i, 'hours'], message: `不能超过活动时长 ${max} 小时` }] : []),
    ...(!x.attended && x.hours ? [{ path: ['items', i, 'hours'], message: '未参加者不计时长' }] : []),
  ]);
  if (new Set(b.items.map((x) => x.signupId)).size !== b.items.length) problems.push({ path: ['items'], message: '同一报名重复出现' });
  if (problems.length) throw errors.validation(`考勤有 ${problems.length} 处问题：${problems[0].message}`, 'attendance has problems', problems);
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE volunteer_activities SET state = 'done', row_version = row_version + 1 WHERE county_id = ${a.countyId} AND id = ${a.id} AND state IN ('open', 'done') AND row_version = ${b.rowVersion} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '活动已被他人修改，请刷新后重试', 'the activity changed meanwhile: reload');
    for (const x of b.items) {
      await tx.execute(sql`UPDATE activity_signups SET attended = ${x.attended}, hours = ${x.attended ? (x.hours ?? max) : null} WHERE county_id = ${a.countyId} AND id = ${x.signupId}`);
    }
    await insertEvent(tx, { type: 'volunteer.attendance_recorded', ...who(actor), countyId: a.countyId, orgId: a.orgId, orgPath: a.orgPath, targetType: 'volunteer_activity', targetId: a.id,
      data: { items: b.items.map((x) => [x.signupId, x.attended, x.attended ? (x.hours ?? max) : null]) } });
    return activityDetail(tx, actor, a.id);
  });
}
