/** /api/v1/residents: residents (群众), 居民代表 and 党外群众代表 of a community. */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, errors } from '../../platform/errors.js';
import { residents } from '../../platform/db/schema.js';
import { decrypt } from '../../platform/crypto/sm.js';
import { actionsAt, can, requireAccess, scopeCounty, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent, recordHistory } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { ResidentFields, ResidentListQuery, ResidentUpdate, type ResidentInput } from './schema.js';
import { changeDiff, changedColumns, insertResident, residentValues } from './service.js';
import * as store from './store.js';

const ROW_ACTIONS = ['resident.read', 'resident.write', 'resident.read_sensitive', 'record.history'] as const;
const present = (actor: Actor, r: store.ResidentView) => {
  const { communityPath, countyId: _c, ...rest } = r;
  return { ...rest, actions: actionsAt(actor, communityPath, ROW_ACTIONS) };
};

async function residentInScope(ctx: AppContext, actor: Actor, id: number, action: 'resident.read' | 'resident.write' | 'resident.read_sensitive') {
  const r = await store.getResident(ctx.db, id);
  if (!r || !can(actor, 'resident.read', r.communityPath)) throw errors.notFound('居民', 'resident');
  if (!can(actor, action, r.communityPath)) throw errors.forbidden();
  return r;
}

async function communityFor(ctx: AppContext, actor: Actor, id: number, action: 'resident.read' | 'resident.write') {
  const c = (await requireAccess(ctx.db, actor, action, [id])).get(id)!;
  if (!['community', 'village'].includes(c.kind) || c.countyId === null) {
    throw new AppError('VALIDATION', '居民须登记在社区（村）', 'residents belong to a community or village', [{ path: ['communityId'], message: '须为社区或村' }]);
  }
  return { ...c, countyId: c.countyId };
}

/** The resident routes plugin. */
export const residentRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['residents'];

  app.get('/residents', { schema: { tags, summary: '居民名册 / residents', querystring: ResidentListQuery } }, async (req) => {
    const actor = actorOf(req);
    let scope = scopePaths(actor, 'resident.read');
    let county = scopeCounty(actor, 'resident.read');
    if (req.query.communityId) {
      const c = (await requireAccess(db, actor, 'resident.read', [req.query.communityId])).get(req.query.communityId)!;
      scope = [c.path];
      county = null;
    }
    const r = await store.listResidents(db, keys, scope, req.query, county);
    return { items: r.items.map((x) => present(actor, x)), total: r.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/residents/:id', { schema: { tags, summary: '居民信息 / a resident', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    return present(actor, await residentInScope(ctx, actor, req.params.id, 'resident.read'));
  });

  app.post('/residents', { schema: { tags, summary: '登记居民 / add a resident', body: ResidentFields } }, async (req) => {
    const actor = actorOf(req);
    const c = await communityFor(ctx, actor, req.body.communityId, 'resident.write');
    const values = residentValues(keys, req.body, c);
    const id = await db.transaction(async (tx) => {
      const rid = await insertResident(tx, values);
      const { idNumber: _i, phone: _p, ...data } = req.body;
      await insertEvent(tx, { type: 'resident.created', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'resident', targetId: rid, data });
      return rid;
    });
    return { id };
  });

  app.patch('/residents/:id', { schema: { tags, summary: '修改居民信息 / update a resident', params: IdParams, body: ResidentUpdate } }, async (req) => {
    const actor = actorOf(req);
    const cur = await residentInScope(ctx, actor, req.params.id, 'resident.write');
    const { version, ...changes } = req.body;
    const c = await communityFor(ctx, actor, changes.communityId ?? cur.communityId, 'resident.write');
    if (c.countyId !== cur.countyId) throw new AppError('VALIDATION', '不能跨县（区）迁移居民', 'cannot move a resident across counties');
    const [row] = await db.select().from(residents).where(and(eq(residents.countyId, cur.countyId), eq(residents.id, cur.id)));
    const merged: ResidentInput = {
      communityId: c.id, gridId: cur.gridId, name: cur.name, gender: cur.gender as '男' | '女', birthDate: cur.birthDate, address: cur.address,
      idNumber: row.idEnc ? decrypt(keys, row.idEnc) : null, phone: row.phoneEnc ? decrypt(keys, row.phoneEnc) : null,
      isRepresentative: cur.isRepresentative, isNonpartyRep: cur.isNonpartyRep, ...changes,
    };
    const values = changedColumns(residentValues(keys, merged, c), changes);
    const diff = changeDiff(changes, cur, merged);
    const v = await db.transaction(async (tx) => {
      const r = await tx.update(residents).set({ ...values, version: sql`${residents.version} + 1`, updatedAt: new Date() })
        .where(and(eq(residents.countyId, cur.countyId), eq(residents.id, cur.id), eq(residents.version, version))).returning({ version: residents.version });
      if (!r.length) throw new AppError('VERSION_CONFLICT', '该记录已被他人修改，请刷新后重试', 'changed by someone else: reload and retry');
      await insertEvent(tx, { type: 'resident.updated', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'resident', targetId: cur.id, data: { changes: diff } });
      return r[0].version;
    });
    return { id: cur.id, version: v };
  });

  app.get('/residents/:id/history', { schema: { tags, summary: '变更记录 / change history', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const cur = await residentInScope(ctx, actor, req.params.id, 'resident.read');
    if (!can(actor, 'record.history', cur.communityPath)) throw errors.forbidden();
    return { items: await recordHistory(db, 'resident', cur.id) };
  });

  app.get('/residents/:id/sensitive', { schema: { tags, summary: '查看完整证件号与手机号（留痕）/ unmasked numbers (logged)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const cur = await residentInScope(ctx, actor, req.params.id, 'resident.read_sensitive');
    const [row] = await db.select().from(residents).where(and(eq(residents.countyId, cur.countyId), eq(residents.id, cur.id)));
    await db.transaction((tx) => insertEvent(tx, { type: 'resident.sensitive_viewed', ...who(actor), countyId: cur.countyId, orgId: cur.communityId, orgPath: cur.communityPath, targetType: 'resident', targetId: cur.id }));
    return { idNumber: row.idEnc ? decrypt(keys, row.idEnc) : null, phone: row.phoneEnc ? decrypt(keys, row.phoneEnc) : null };
  });
};
