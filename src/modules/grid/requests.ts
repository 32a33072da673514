/**
 * Residents' requests and opinions, from raising to the resident's confirmation. Every step is one
 * transaction: the request's row (checked against its row version), an append-only step the
 * resident can follow, and an audit event. Steps out of order are refused with the state they need.
 * The resolution and the closure without a fix are two outcomes, each recording who said so; only
 * the resident (tracking code plus phone) confirms or reopens.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { lookupHash, maskPhone, protect, type Keys } from '../../platform/crypto/sm.js';
import { today } from '../../platform/clock.js';
import { calendarOf } from '../rating/service.js';
import { activeCategory, noCategory } from './categories.js';
import { allowed, dueOn, levelOf, newTrackingCode, staffActions, TRANSITIONS, type Action, type HandlerKind, type Level, type State } from './rules.js';

export type RequestRow = {
  countyId: number; id: number; trackingCode: string; kind: string; communityId: number; communityPath: string; communityName: string; gridId: number | null; gridName: string | null;
  householdId: number | null; categoryId: number; categoryName: string; title: string; body: string; place: string | null; source: string; contactName: string | null;
  phoneMasked: string | null; photoIds: number[]; state: State; level: Level | null; handlerKind: HandlerKind | null; handlerOrgId: number | null; handlerPath: string | null;
  handlerName: string | null; handlerGridId: number | null; handlerUnitId: number | null; handlerNote: string | null; assignedAt: Date | null; deliveredAt: Date | null; dueOn: string | null;
  escalations: number; outcome: 'fixed' | 'not_fixed' | null; outcomeBy: string | null; outcomeNote: string | null; outcomeOn: string | null; satisfaction: number | null;
  confirmedAt: Date | null; reopened: number; mergedInto: number | null; raisedOn: string; rowVersion: number; createdAt: Date;
};

// Names come from scalar subqueries rather than joins: one table in FROM keeps planning cheap on every call,
// and a page's names are looked up for its rows only, after the page is chosen.
export const REQUEST = sql`r.county_id AS "countyId", r.id, r.tracking_code AS "trackingCode", r.kind, r.community_id AS "communityId", r.community_path AS "communityPath",
  (SELECT o.name FROM orgs o WHERE o.id = r.community_id) AS "communityName",
  r.grid_id AS "gridId", (SELECT g.name FROM grids g WHERE g.county_id = r.county_id AND g.id = r.grid_id) AS "gridName", r.household_id AS "householdId", r.category_id AS "categoryId",
  (SELECT k.name FROM request_categories k WHERE k.county_id = r.county_id AND k.id = r.category_id) AS "categoryName", r.title, r.body, r.place, r.source,
  r.contact_name AS "contactName", r.phone_masked AS "phoneMasked", r.photo_ids AS "photoIds", r.state, r.level, r.handler_kind AS "handlerKind", r.handler_org_id AS "handlerOrgId",
  r.handler_path AS "handlerPath", COALESCE((SELECT u.name FROM units u WHERE u.county_id = r.county_id AND u.id = r.handler_unit_id),
    (SELECT hg.name FROM grids hg WHERE hg.county_id = r.county_id AND hg.id = r.handler_grid_id), (SELECT h.name FROM orgs h WHERE h.id = r.handler_org_id)) AS "handlerName",
  r.handler_grid_id AS "handlerGridId", r.handler_unit_id AS "handlerUnitId", r.handler_note AS "handlerNote",
  r.assigned_at AS "assignedAt", r.delivered_at AS "deliveredAt", to_char(r.due_on, 'YYYY-MM-DD') AS "dueOn", r.escalations, r.outcome, r.outcome_by AS "outcomeBy", r.outcome_note AS "outcomeNote",
  to_char(r.outcome_on, 'YYYY-MM-DD') AS "outcomeOn", r.satisfaction, r.confirmed_at AS "confirmedAt", r.reopened, r.merged_into AS "mergedInto", to_char(r.raised_on, 'YYYY-MM-DD') AS "raisedOn",
  r.row_version AS "rowVersion", r.created_at AS "createdAt"`;
export const REQUEST_FROM = sql`FROM requests r`;

/** A request by id, or null. */
export async function requestById(db: Db, id: number): Promise<RequestRow | null> {
  const [r] = await rows<RequestRow>(db, sql`SELECT ${REQUEST} ${REQUEST_FROM} WHERE r.id = ${id}`);
  return r ?? null;
}

/** The request as an actor in scope may see it, or NOT_FOUND (outside scope looks the same as absent). */
export async function visibleRequest(db: Db, actor: Actor, id: number): Promise<RequestRow> {
  const r = await requestById(db, id);
  if (!r || !can(actor, 'request.read', r.communityPath)) throw errors.notFound('诉求', 'request');
  return r;
}

/** May the actor act as this request's handler: on the community's side while the community or its grid holds it, on the street's once it is there. */
export const mayHandle = (actor: Actor, r: Pick<RequestRow, 'communityPath' | 'handlerPath' | 'level'>): boolean =>
  can(actor, 'request.handle', r.level === 'street' && r.handlerPath ? r.handlerPath : r.communityPath);
/** May the actor triage, assign, merge or close it: the community's managers, or the street's (whose path covers the community); once escalated to the street, only the street's. */
export const mayManage = (actor: Actor, r: Pick<RequestRow, 'communityPath' | 'handlerPath' | 'level'>): boolean =>
  can(actor, 'request.manage', r.level === 'street' && r.handlerPath ? r.handlerPath : r.communityPath);

/** The steps this actor may take on the request now. */
export function actionsFor(actor: Actor, r: RequestRow): string[] {
  return staffActions(r.state, r.deliveredAt !== null).filter((a) => {
    if (a === 'assign' || a === 'merge') return mayManage(actor, r);
    if (a === 'close') return mayManage(actor, r) || (r.state !== 'triage' && mayHandle(actor, r));
    if (a === 'note') return mayManage(actor, r) || mayHandle(actor, r);
    return r.state !== 'triage' && mayHandle(actor, r);
  });
}

const stateError = (action: Action, state: State) => new AppError('INVALID_STATE', `当前状态（${STATE_ZH[state]}）不能${ACTION_ZH[action]}`, `cannot ${action} a request that is ${state}`,
  { state, needs: TRANSITIONS[action].from });
export const STATE_ZH: Record<State, string> = { triage: '待分拨', assigned: '已交办', in_progress: '办理中', resolved: '已办结', closed: '未解决关闭', confirmed: '居民已确认', merged: '已合并' };
const ACTION_ZH: Record<Action, string> = { assign: '交办', deliver: '签收', start: '开始办理', resolve: '办结', close: '关闭', merge: '合并', note: '备注', confirm: '确认', reopen: '重新办理', escalate: '升级' };

/** What a step writes besides the state. */
type Change = { set?: ReturnType<typeof sql>; to: State | null; action: 'raised' | 'triaged' | 'assigned' | 'delivered' | 'started' | 'resolved' | 'closed' | 'confirmed' | 'reopened' | 'escalated' | 'merged' | 'noted';
  level?: Level | null; publicNote?: string | null; note?: string | null; data?: Record<string, unknown> };

/**
 * Applies one step: the state must still be one the step may follow and the row version the one the
 * caller saw (null for steps the system takes); writes the row, the step and the audit event.
 */
export async function applyStep(tx: Db, actor: Actor | null, r: RequestRow, action: Action, rowVersion: number | null, c: Change): Promise<void> {
  if (!allowed(action, r.state)) throw stateError(action, r.state);
  const to = c.to ?? r.state;
  const u = await rows<{ id: number }>(tx, sql`UPDATE requests SET state = ${to}, ${c.set ?? sql``} ${c.set ? sql`,` : sql``} row_version = row_version + 1, updated_at = now()
    WHERE county_id = ${r.countyId} AND id = ${r.id} AND state = ${r.state} ${rowVersion === null ? sql`` : sql`AND row_version = ${rowVersion}`} RETURNING id`);
  if (!u.length) throw new AppError('VERSION_CONFLICT', '诉求已被他人处理，请刷新后重试', 'changed meanwhile: reload');
  const actorName = actor ? actor.displayName : c.action === 'escalated' ? '系统' : '居民';
  await tx.execute(sql`INSERT INTO request_steps (county_id, request_id, action, from_state, to_state, level, actor_id, actor_name, public_note, note)
    VALUES (${r.countyId}, ${r.id}, ${c.action}, ${r.state}, ${to}, ${c.level === undefined ? r.level : c.level}, ${actor?.userId ?? null}, ${actorName}, ${c.publicNote ?? null}, ${c.note ?? null})`);
  await insertEvent(tx, { type: `request.${c.action}` as 'request.raised', ...(actor ? who(actor) : { actorName: c.action === 'escalated' ? 'system' : 'resident' }), countyId: r.countyId, orgId: r.communityId,
    orgPath: r.communityPath, targetType: 'request', targetId: r.id, data: { from: r.state, to, ...c.data } });
}

/** What raising a request takes (the public page and the liaison's form both come here). */
export type RaiseInput = {
  kind: '诉求' | '意见建议'; communityId: number; categoryId: number; title: string; body: string; place?: string | null; gridId?: number | null; householdId?: number | null;
  contactName?: string | null; phone: string; photoIds?: number[]; source: 'public' | 'liaison' | 'visit' | 'hall';
};

/** Raises a request in the community's triage; returns its id and tracking code. The caller has checked who may raise it. */
export async function raiseRequest(tx: Db, keys: Keys, actor: Actor | null, community: { id: number; path: string; countyId: number }, input: RaiseInput, ip?: string | null): Promise<{ id: number; trackingCode: string }> {
  if (input.gridId) {
    const [g] = await rows<{ id: number }>(tx, sql`SELECT id FROM grids WHERE county_id = ${community.countyId} AND id = ${input.gridId} AND community_id = ${community.id}`);
    if (!g) throw errors.validation('网格不属于该社区', 'the grid is not in this community', [{ path: ['gridId'], message: '网格无效' }]);
  }
  if (input.householdId) {
    const [h] = await rows<{ id: number }>(tx, sql`SELECT id FROM households WHERE county_id = ${community.countyId} AND id = ${input.householdId} AND community_id = ${community.id}`);
    if (!h) throw errors.validation('住户不属于该社区', 'the household is not in this community', [{ path: ['householdId'], message: '住户无效' }]);
  }
  const phone = protect(keys, input.phone, maskPhone);
  const code = newTrackingCode();
  // one statement: the category must be the county's and in use, the request and its first step go in together
  const [r] = await rows<{ id: number }>(tx, sql`WITH c AS (SELECT id FROM request_categories WHERE county_id = ${community.countyId} AND id = ${input.categoryId} AND active),
    r AS (INSERT INTO requests (county_id, tracking_code, kind, community_id, community_path, grid_id, household_id, category_id, title, body, place, source,
      contact_name, phone_enc, phone_hash, phone_masked, photo_ids, raised_on, raised_by)
      SELECT ${community.countyId}, ${code}, ${input.kind}, ${community.id}, ${community.path}, ${input.gridId ?? null}::bigint, ${input.householdId ?? null}::bigint, c.id, ${input.title}, ${input.body},
        ${input.place ?? null}, ${input.source}, ${input.contactName ?? null}, ${phone.enc}, ${phone.hash}, ${phone.masked}, ${`{${(input.photoIds ?? []).join(',')}}`}::bigint[], ${today()}::date, ${actor?.userId ?? null}::bigint
      FROM c RETURNING id),
    s AS (INSERT INTO request_steps (county_id, request_id, action, to_state, actor_id, actor_name, public_note)
      SELECT ${community.countyId}, r.id, 'raised', 'triage', ${actor?.userId ?? null}::bigint, ${actor ? actor.displayName : '居民'}, ${'已受理，等待分拨'} FROM r)
    SELECT id FROM r`);
  if (!r) throw noCategory();
  await insertEvent(tx, { type: 'request.raised', ...(actor ? who(actor) : { actorName: 'resident', ip: ip ?? null }), countyId: community.countyId, orgId: community.id, orgPath: community.path,
    targetType: 'request', targetId: r.id, data: { source: input.source, category: input.categoryId, kind: input.kind } });
  return { id: r.id, trackingCode: code };
}

/** The handler a request is assigned to, checked against its community. */
export type AssignInput = { handlerKind: HandlerKind; gridId?: number | null; unitId?: number | null; note?: string | null; categoryId?: number | null };

/** Resolves a handler to the organisation that answers, the grid or unit, and the path. */
async function handlerOf(tx: Db, r: RequestRow, a: AssignInput): Promise<{ orgId: number; path: string; gridId: number | null; unitId: number | null }> {
  if (a.handlerKind === 'grid') {
    const gridId = a.gridId ?? r.gridId;
    if (!gridId) throw errors.validation('请选择承办网格', 'choose the grid', [{ path: ['gridId'], message: '必填' }]);
    const [g] = await rows<{ id: number }>(tx, sql`SELECT id FROM grids WHERE county_id = ${r.countyId} AND id = ${gridId} AND community_id = ${r.communityId}`);
    if (!g) throw errors.validation('网格不属于该社区', 'the grid is not in this community', [{ path: ['gridId'], message: '网格无效' }]);
    return { orgId: r.communityId, path: r.communityPath, gridId, unitId: null };
  }
  if (a.handlerKind === 'unit') {
    if (!a.unitId) throw errors.validation('请选择承办的驻区单位', 'choose the resident unit', [{ path: ['unitId'], message: '必填' }]);
    const [u] = await rows<{ id: number }>(tx, sql`SELECT id FROM units WHERE county_id = ${r.countyId} AND id = ${a.unitId} AND community_id = ${r.communityId}`);
    if (!u) throw errors.validation('驻区单位不属于该社区', 'the unit is not in this community', [{ path: ['unitId'], message: '单位无效' }]);
    return { orgId: r.communityId, path: r.communityPath, gridId: null, unitId: a.unitId };
  }
  if (a.handlerKind === 'community') return { orgId: r.communityId, path: r.communityPath, gridId: null, unitId: null };
  const [s] = await rows<{ id: number; path: string }>(tx, sql`SELECT p.id, p.path FROM orgs c JOIN orgs p ON p.id = c.parent_id WHERE c.id = ${r.communityId} AND p.kind IN ('street', 'town')`);
  if (!s) throw errors.validation('该社区没有上级街道（镇）', 'the community has no street above it', [{ path: ['handlerKind'], message: '无上级街道' }]);
  return { orgId: s.id, path: s.path, gridId: null, unitId: null };
}

/** Staff steps with what each carries. */
export type StaffStep =
  | { action: 'assign'; rowVersion: number } & AssignInput
  | { action: 'deliver' | 'start'; rowVersion: number; note?: string | null }
  | { action: 'resolve' | 'close'; rowVersion: number; publicNote: string; note?: string | null }
  | { action: 'merge'; rowVersion: number; intoId: number; note?: string | null }
  | { action: 'note'; rowVersion: number; publicNote?: string | null; note?: string | null };

/** Takes a staff step on a request: scope and role first, then the state, then the write. */
export async function staffStep(db: Db, actor: Actor, id: number, step: StaffStep): Promise<RequestRow> {
  const r = await visibleRequest(db, actor, id);
  if (!actionsFor(actor, r).includes(step.action)) {
    if (!allowed(step.action, r.state)) throw stateError(step.action, r.state);
    throw errors.forbidden();
  }
  await db.transaction(async (tx) => {
    switch (step.action) {
      case 'assign': {
        const h = await handlerOf(tx, r, step);
        const cat = await activeCategory(tx, r.countyId, step.categoryId ?? r.categoryId);
        const due = dueOn(await calendarOf(tx), today(), cat.limitDays);
        const level = levelOf(step.handlerKind);
        await applyStep(tx, actor, r, 'assign', step.rowVersion, {
          to: 'assigned', action: r.state === 'triage' ? 'triaged' : 'assigned', level,
          set: sql`category_id = ${cat.id}, level = ${level}, handler_kind = ${step.handlerKind}, handler_org_id = ${h.orgId}, handler_path = ${h.path}, handler_grid_id = ${h.gridId},
            handler_unit_id = ${h.unitId}, handler_note = ${step.note ?? null}, assigned_at = now(), delivered_at = NULL, due_on = ${due}`,
          publicNote: `已交办，办理时限至 ${due}`, note: step.note, data: { handler: step.handlerKind, orgId: h.orgId, gridId: h.gridId, unitId: h.unitId, due, category: cat.id },
        });
        break;
      }
      case 'deliver':
        await applyStep(tx, actor, r, 'deliver', step.rowVersion, { to: null, action: 'delivered', set: sql`delivered_at = now()`, publicNote: '承办方已签收', note: step.note });
        break;
      case 'start':
        await applyStep(tx, actor, r, 'start', step.rowVersion, { to: 'in_progress', action: 'started', set: sql`delivered_at = COALESCE(delivered_at, now())`, publicNote: '正在办理', note: step.note });
        break;
      case 'resolve':
      case 'close': {
        const fixed = step.action === 'resolve';
        await applyStep(tx, actor, r, step.action, step.rowVersion, {
          to: fixed ? 'resolved' : 'closed', action: fixed ? 'resolved' : 'closed', publicNote: step.publicNote, note: step.note,
          set: sql`outcome = ${fixed ? 'fixed' : 'not_fixed'}, outcome_by = ${actor.displayName}, outcome_note = ${step.publicNote}, outcome_at = now(), outcome_on = ${today()}`,
        });
        break;
      }
      case 'merge': {
        const [into] = await rows<{ id: number; state: State; communityId: number; trackingCode: string }>(tx, sql`SELECT id, state, community_id AS "communityId", tracking_code AS "trackingCode"
          FROM requests WHERE county_id = ${r.countyId} AND id = ${step.intoId} FOR UPDATE`); // not resolved or merged away meanwhile
        if (!into || into.communityId !== r.communityId || into.id === r.id) throw errors.validation('只能合并到本社区的另一件诉求', 'merge into another request of the same community', [{ path: ['intoId'], message: '无效' }]);
        if (['merged', 'confirmed', 'resolved', 'closed'].includes(into.state)) throw new AppError('INVALID_STATE', '只能合并到尚未办结的诉求', 'the target is no longer open', [{ path: ['intoId'], message: '已办结或已合并' }]);
        await applyStep(tx, actor, r, 'merge', step.rowVersion, { to: 'merged', action: 'merged', set: sql`merged_into = ${into.id}`, publicNote: `与同类诉求合并办理（${into.trackingCode}）`, note: step.note, data: { into: into.id } });
        // the target's own record says what came into it (an internal note: residents of the target are not told of others)
        await tx.execute(sql`INSERT INTO request_steps (county_id, request_id, action, from_state, to_state, actor_id, actor_name, note)
          VALUES (${r.countyId}, ${into.id}, 'noted', ${into.state}, ${into.state}, ${actor.userId}, ${actor.displayName}, ${`合并了重复诉求 ${r.trackingCode}`})`);
        break;
      }
      case 'note':
        if (!step.publicNote && !step.note) throw errors.validation('请填写备注', 'write a note', [{ path: ['note'], message: '必填' }]);
        await applyStep(tx, actor, r, 'note', step.rowVersion, { to: null, action: 'noted', publicNote: step.publicNote, note: step.note });
        break;
    }
  });
  return (await requestById(db, id))!;
}

/** The request a resident names by tracking code and phone, or NOT_FOUND for either wrong (one message, so neither can be probed). */
export async function residentRequest(db: Db, keys: Keys, code: string, phone: string): Promise<RequestRow> {
  const [r] = await rows<RequestRow>(db, sql`SELECT ${REQUEST} ${REQUEST_FROM} WHERE r.tracking_code = ${code} AND r.phone_hash = ${lookupHash(keys, phone)}`);
  if (!r) throw new AppError('NOT_FOUND', '查询码或手机号不正确', 'no request with that tracking code and phone');
  return r;
}

/** The resident confirms the outcome and rates it (once), or reopens it: back to the same handler with a fresh limit. */
export async function residentStep(db: Db, r: RequestRow, step: { action: 'confirm'; satisfaction: number; comment?: string | null } | { action: 'reopen'; reason: string }, ip: string | null): Promise<void> {
  if (!allowed(step.action, r.state)) {
    if (r.state === 'confirmed') throw new AppError('INVALID_STATE', '您已确认过该诉求的办理结果', 'confirmed already');
    throw stateError(step.action, r.state);
  }
  await db.transaction(async (tx) => {
    if (step.action === 'confirm') {
      await applyStep(tx, null, r, 'confirm', null, { to: 'confirmed', action: 'confirmed', set: sql`satisfaction = ${step.satisfaction}, confirmed_at = now()`,
        publicNote: step.comment ?? null, data: { satisfaction: step.satisfaction, ip } });
      return;
    }
    const [cat] = await rows<{ limitDays: number }>(tx, sql`SELECT limit_days AS "limitDays" FROM request_categories WHERE county_id = ${r.countyId} AND id = ${r.categoryId}`);
    const due = dueOn(await calendarOf(tx), today(), cat.limitDays);
    await applyStep(tx, null, r, 'reopen', null, { to: 'assigned', action: 'reopened', publicNote: step.reason,
      set: sql`outcome = NULL, outcome_by = NULL, outcome_note = NULL, outcome_at = NULL, outcome_on = NULL, reopened = reopened + 1, delivered_at = NULL, assigned_at = now(), due_on = ${due}`,
      data: { due, ip } });
  });
}
