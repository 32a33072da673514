/** /api/v1/members and /api/v1/me/member: the member roster, records, sensitive fields and history. */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { members } from '../../platform/db/schema.js';
import { rows, underAny } from '../../platform/db/client.js';
import { decrypt } from '../../platform/crypto/sm.js';
import { actionsAt, can, requireAccess, scopeCounty, scopePaths, WIDE_KINDS, type Actor } from '../../platform/auth/access.js';
import { insertEvent, recordHistory } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { ListQuery, MemberFields, MemberUpdate, type MemberInput } from './schema.js';
import { assertCommunity, assertHoldsMembers, assertMember, changeDiff, changedColumns, insertMembers, memberValues } from './service.js';
import * as store from './store.js';

const ROW_ACTIONS = ['member.read', 'member.write', 'member.read_sensitive', 'record.history'] as const;

/** A member as the API shows it, with the caller's allowed actions. */
export function presentMember(actor: Actor, m: store.MemberView) {
  const { orgPath, countyId: _c, ...rest } = m;
  return { ...rest, actions: actionsAt(actor, orgPath, ROW_ACTIONS) };
}

/** Loads a member the actor may take `action` on, or throws NOT_FOUND / FORBIDDEN. */
export async function memberInScope(ctx: AppContext, actor: Actor, id: number, action: 'member.read' | 'member.write' | 'member.read_sensitive' | 'record.history') {
  const m = await store.getMember(ctx.db, id);
  if (!m || !can(actor, 'member.read', m.orgPath)) throw errors.notFound('党员', 'member');
  if (!can(actor, action, m.orgPath)) throw errors.forbidden();
  return m;
}

/** The member routes plugin. */
export const memberRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['members'];

  app.get('/members', { schema: { tags, summary: '党员名册 / member roster', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    let scope = scopePaths(actor, 'member.read');
    let county = scopeCounty(actor, 'member.read');
    if (req.query.orgId) {
      const org = (await requireAccess(db, actor, 'member.read', [req.query.orgId])).get(req.query.orgId)!;
      scope = [org.path];
      county = WIDE_KINDS.includes(org.kind) ? org.countyId : null;
    }
    const r = await store.listMembers(db, keys, scope, req.query, county);
    return { items: r.items.map((m) => presentMember(actor, m)), total: r.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/members/:id', { schema: { tags, summary: '党员信息 / a member', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    return presentMember(actor, await memberInScope(ctx, actor, req.params.id, 'member.read'));
  });

  app.post('/members', { schema: { tags, summary: '新增党员 / add a member', body: MemberFields } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'member.write', [req.body.orgId])).get(req.body.orgId)!;
    assertHoldsMembers(org);
    assertMember(req.body);
    if (req.body.homeCommunityId) await assertCommunity(db, req.body.homeCommunityId, org.countyId);
    const id = await db.transaction(async (tx) => {
      const [mid] = await insertMembers(tx, [memberValues(keys, req.body, org)]);
      const { idNumber: _i, phone: _p, ...data } = req.body;
      await insertEvent(tx, { type: 'member.created', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'member', targetId: mid, data });
      return mid;
    });
    return { id };
  });

  app.patch('/members/:id', { schema: { tags, summary: '修改党员信息 / update a member', params: IdParams, body: MemberUpdate } }, async (req) => {
    const actor = actorOf(req);
    const cur = await memberInScope(ctx, actor, req.params.id, 'member.write');
    const row = (await store.memberRow(db, cur.countyId, cur.id))!;
    const { version, ...changes } = req.body;
    const targetOrgId = changes.orgId ?? cur.orgId;
    const org = (await requireAccess(db, actor, 'member.write', [targetOrgId])).get(targetOrgId)!;
    assertHoldsMembers(org);
    if (org.countyId !== cur.countyId) throw new AppError('VALIDATION', '跨县（区）转移须办理组织关系转接', 'moving to another county needs a transfer', [{ path: ['orgId'], message: '跨县' }]);
    const merged: MemberInput = {
      orgId: targetOrgId, homeCommunityId: cur.homeCommunityId, name: cur.name, gender: cur.gender as '男' | '女', ethnicity: cur.ethnicity, birthDate: cur.birthDate,
      idNumber: row.idEnc ? decrypt(keys, row.idEnc) : null, phone: row.phoneEnc ? decrypt(keys, row.phoneEnc) : null, education: cur.education,
      category: cur.category as MemberInput['category'], joinDate: cur.joinDate, fullDate: cur.fullDate, post: cur.post, workplace: cur.workplace,
      partyState: cur.partyState as MemberInput['partyState'], partyStateDate: cur.partyStateDate, workState: cur.workState as MemberInput['workState'],
      flowing: cur.flowing, tier: cur.tier, ...changes,
    };
    assertMember(merged);
    if (changes.homeCommunityId) await assertCommunity(db, changes.homeCommunityId, org.countyId);
    const set = changedColumns(memberValues(keys, merged, org), changes);
    const diff = changeDiff(changes, cur, merged);
    const updated = await db.transaction(async (tx) => {
      const r = await tx.update(members).set({ ...set, version: sql`${members.version} + 1`, updatedAt: new Date() })
        .where(and(eq(members.countyId, cur.countyId), eq(members.id, cur.id), eq(members.version, version))).returning({ version: members.version });
      if (!r.length) throw new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'changed by someone else: reload and retry', { version: cur.version });
      store.forgetMemberCounts();
      await insertEvent(tx, { type: 'member.updated', ...who(actor), countyId: cur.countyId, orgId: org.id, orgPath: org.path, targetType: 'member', targetId: cur.id, data: { changes: diff } });
      return r[0];
    });
    return { id: cur.id, version: updated.version };
  });

  app.get('/members/:id/sensitive', { schema: { tags, summary: '查看完整证件号与手机号（留痕）/ unmasked ID and phone (logged)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const cur = await memberInScope(ctx, actor, req.params.id, 'member.read_sensitive');
    const row = (await store.memberRow(db, cur.countyId, cur.id))!;
    await db.transaction(async (tx) => {
      await insertEvent(tx, { type: 'member.sensitive_viewed', ...who(actor), countyId: cur.countyId, orgId: cur.orgId, orgPath: cur.orgPath, targetType: 'member', targetId: cur.id });
    });
    return { idNumber: row.idEnc ? decrypt(keys, row.idEnc) : null, phone: row.phoneEnc ? decrypt(keys, row.phoneEnc) : null };
  });

  app.get('/members/:id/history', { schema: { tags, summary: '变更记录 / change history', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const cur = await memberInScope(ctx, actor, req.params.id, 'record.history');
    return { items: await recordHistory(db, 'member', cur.id) };
  });

  app.get('/me/member', { schema: { tags, summary: '本人党员信息 / my own member record' } }, async (req) => {
    const actor = actorOf(req);
    if (!actor.memberId) throw errors.notFound('本人党员信息', 'own member record');
    const m = await store.getMember(db, actor.memberId);
    if (!m) throw errors.notFound('本人党员信息', 'own member record');
    const { orgPath: _p, countyId: _c, ...rest } = m;
    return rest;
  });

  app.get('/stats/overview', { schema: { tags, summary: '概览 / overview counts', querystring: z.strictObject({ orgId: z.coerce.number().int().positive().optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const scope = req.query.orgId ? [(await requireAccess(db, actor, 'member.read', [req.query.orgId])).get(req.query.orgId)!.path] : scopePaths(actor, 'member.read');
    const stats = await store.memberStats(db, scope);
    const [o] = scope.length ? await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs WHERE ${underAny(sql`path`, scope)}`) : [{ n: 0 }];
    return { ...stats, orgs: o.n };
  });
};
