/**
 * /api/v1/service-needs: the needs archive (staff) and its .xlsx, open needs and own services (members), claims,
 * recorded services, confirmation codes for the 积分卡 slip, 回访确认, and the point rules;
 * /api/v1/public/services/*: the resident's confirmation by code and phone, without login.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { requireAccess } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { anchorOf, paged, sendExport } from '../excel/index.js';
import { changeNeed, listNeeds, mayRead, memberOf, openNeedsFor, presentNeed, readableNeed, readPaths, recordNeed } from './needs.js';
import { claimNeed, confirmByCall, confirmByResident, listServices, myServices, presentService, recordService, residentService, residentView, showCode, visibleService, withdrawService } from './claims.js';
import { listRules, removeRule, ruleOptions, setRule } from './points.js';
import { NEED_KINDS, normaliseCode, SATISFACTION, SERVICE_STATE_ZH, type ServiceState } from './rules.js';

const Kind = z.enum(NEED_KINDS);
const NeedText = z.string().trim().min(1, '请填写服务需求').max(500);
const Version = z.number().int().positive();
const Page = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
const NeedQuery = z.strictObject({ communityId: z.coerce.number().int().positive().optional(), state: z.enum(['open', 'closed']).optional(), kind: Kind.optional(), q: z.string().trim().max(50).optional(), ...Page });
const NeedExportQuery = NeedQuery.omit({ page: true, pageSize: true });
const beijingDay = (d: Date) => d.toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);
const ServiceQuery = z.strictObject({
  communityId: z.coerce.number().int().positive().optional(), needId: z.coerce.number().int().positive().optional(),
  state: z.enum(['claimed', 'served', 'confirmed', 'withdrawn']).optional(), ...Page,
});
const Satisfaction = z.number().int().min(1).max(5);
const Code = z.string().trim().min(1).max(20).transform((s, ctx) => {
  const c = normaliseCode(s);
  if (!c) { ctx.addIssue({ code: 'custom', message: '确认码为8位字母数字，如 K7M3-XPA9' }); return z.NEVER; }
  return c;
});
const Resident = z.strictObject({ code: Code, phone4: z.string().trim().regex(/^\d{4}$/, '请填写手机号后四位') });

/** The 点对点服务 routes plugin. */
export const serviceNeedRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['service'];

  app.get('/service-needs', { schema: { tags, summary: '服务需求档案 / the needs archive in scope', querystring: NeedQuery } }, async (req) => listNeeds(db, actorOf(req), req.query));

  app.get('/service-needs/export', { schema: { tags, summary: '导出服务需求档案（手机号脱敏）/ the needs archive as .xlsx (masked)', querystring: NeedExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const q = req.query;
    const anchor = q.communityId ? (await requireAccess(db, actor, 'org.read', [q.communityId])).get(q.communityId)! : await anchorOf(db, actor, 'org.read', readPaths(actor));
    const src = await paged((page, pageSize) => listNeeds(db, actor, { ...q, page, pageSize }), (n) => [
      n.id, n.communityName, n.residentName, n.address ?? '', n.phoneMasked ?? '', n.kind, n.need, n.stateName, n.activeMember ?? '', n.activeState ? SERVICE_STATE_ZH[n.activeState as ServiceState] ?? n.activeState : '',
      n.served, n.confirmed, beijingDay(n.createdAt),
    ]);
    return sendExport(db, reply, actor, {
      kind: 'service-needs', title: '服务需求档案', filters: q, anchor,
      heads: [['编号', 8], ['社区', 14], ['居民', 10], ['地址', 24], ['手机号（已脱敏）', 14], ['类别', 10], ['服务需求', 40], ['状态', 8], ['认领党员', 10], ['服务进度', 12],
        ['已服务次数', 10], ['已确认次数', 10], ['登记日期', 12]],
      src,
    });
  });

  app.post('/service-needs', {
    schema: { tags, summary: '登记服务需求 / record a resident\'s need', body: z.strictObject({ communityId: z.number().int().positive(), residentId: z.number().int().positive(), kind: Kind, need: NeedText }) },
  }, async (req) => recordNeed(db, actorOf(req), req.body));

  app.get('/service-needs/open', { schema: { tags, summary: '身边的服务需求 / open needs of a member\'s communities' } }, async (req) => {
    const m = await memberOf(db, actorOf(req));
    if (!m) throw errors.notFound('本人党员信息', 'own member record');
    return openNeedsFor(db, m);
  });

  app.get('/service-needs/my-services', { schema: { tags, summary: '我的服务 / my claims and services' } }, async (req) => {
    const actor = actorOf(req);
    const m = await memberOf(db, actor);
    if (!m) throw errors.notFound('本人党员信息', 'own member record');
    return myServices(db, actor, m);
  });

  app.get('/service-needs/services', { schema: { tags, summary: '认领与服务记录 / claims and services in scope', querystring: ServiceQuery } }, async (req) => {
    const actor = actorOf(req);
    let path: string | undefined;
    if (req.query.communityId) {
      path = (await requireAccess(db, actor, 'org.read', [req.query.communityId])).get(req.query.communityId)!.path;
      if (!mayRead(actor, path)) throw errors.forbidden();
    }
    return listServices(db, actor, req.query, path);
  });

  app.get('/service-needs/rules', { schema: { tags, summary: '服务积分规则 / point rules in scope', querystring: z.strictObject({ orgId: z.coerce.number().int().positive().optional() }) } },
    async (req) => ({ items: await listRules(db, actorOf(req), req.query.orgId) }));

  app.get('/service-needs/rule-options', { schema: { tags, summary: '可选积分方案与指标 / schemes and indicators a rule may name', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } },
    async (req) => ruleOptions(db, actorOf(req), req.query.orgId));

  app.put('/service-needs/rules', {
    schema: { tags, summary: '设置服务积分规则 / set an organisation\'s point rule', body: z.strictObject({ orgId: z.number().int().positive(), schemeId: z.number().int().positive(), indicator: z.string().trim().min(1).max(24) }) },
  }, async (req) => setRule(db, actorOf(req), req.body));

  app.delete('/service-needs/rules/:id', { schema: { tags, summary: '删除服务积分规则 / remove a point rule', params: IdParams } }, async (req) => removeRule(db, actorOf(req), req.params.id));

  app.get('/service-needs/services/:id', { schema: { tags, summary: '服务记录 / a service', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const { s, holder } = await visibleService(db, actor, req.params.id);
    return presentService(actor, s, holder !== null);
  });

  app.post('/service-needs/services/:id/serve', {
    schema: { tags, summary: '记录服务 / the member records the service done', params: IdParams,
      body: z.strictObject({ servedOn: z.iso.date(), record: z.string().trim().min(1, '请填写服务内容').max(1000), hours: z.number().gt(0, '服务时长须大于0').max(24) }) },
  }, async (req) => recordService(db, keys, actorOf(req), req.params.id, req.body));

  app.post('/service-needs/services/:id/withdraw', { schema: { tags, summary: '撤销认领 / withdraw a claim', params: IdParams, body: z.strictObject({ reason: z.string().trim().max(200).nullish() }) } },
    async (req) => withdrawService(db, actorOf(req), req.params.id, req.body));

  app.get('/service-needs/services/:id/code', { schema: { tags, summary: '积分卡确认码（留痕）/ the confirmation code for the slip (logged)', params: IdParams } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return showCode(db, keys, actorOf(req), req.params.id);
  });

  app.post('/service-needs/services/:id/confirm-call', {
    schema: { tags, summary: '回访确认 / record a confirmation the resident gave by phone', params: IdParams,
      body: z.strictObject({ calledBy: z.string().trim().min(1, '请填写回访人').max(50), calledAt: z.iso.datetime({ offset: true }), satisfaction: Satisfaction, note: z.string().trim().max(200).nullish() }) },
  }, async (req) => confirmByCall(db, actorOf(req), req.params.id, req.body));

  app.post('/service-needs/:id/claim', { schema: { tags, summary: '认领服务需求 / a member claims a need', params: IdParams } }, async (req) => claimNeed(db, actorOf(req), req.params.id));

  app.get('/service-needs/:id', { schema: { tags, summary: '服务需求及其服务记录 / a need and its services', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const n = await readableNeed(db, actor, req.params.id);
    const services = await listServices(db, actor, { needId: n.id, page: 1, pageSize: 200 }, n.communityPath);
    return { ...presentNeed(actor, n), services: services.items };
  });

  app.patch('/service-needs/:id', {
    schema: { tags, summary: '修改服务需求 / amend a need', params: IdParams, body: z.strictObject({ rowVersion: Version, kind: Kind.optional(), need: NeedText.optional() }) },
  }, async (req) => changeNeed(db, actorOf(req), req.params.id, { action: 'update', ...req.body }));

  app.post('/service-needs/:id/close', {
    schema: { tags, summary: '关闭服务需求 / close a need', params: IdParams, body: z.strictObject({ rowVersion: Version, reason: z.string().trim().min(1, '请填写关闭原因').max(200) }) },
  }, async (req) => changeNeed(db, actorOf(req), req.params.id, { action: 'close', ...req.body }));

  // the resident's side, without login: rate-limited, and one message for a wrong code or phone
  const cfg = (max: number) => ({ public: true, rateLimit: { max, timeWindow: 60_000 } });

  app.get('/public/services/form', { config: cfg(120), schema: { tags, summary: '居民确认页的选项 / the confirmation page\'s options' } }, async () => ({ satisfaction: SATISFACTION }));

  app.post('/public/services/lookup', { config: cfg(30), schema: { tags, summary: '凭确认码和手机号后四位查看服务 / the service a code names', body: Resident } }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    return residentView(await residentService(db, keys, req.body.code, req.body.phone4));
  });

  app.post('/public/services/confirm', { config: cfg(20), schema: { tags, summary: '居民确认服务并评价 / the resident confirms and rates', body: Resident.extend({ satisfaction: Satisfaction }) } },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return confirmByResident(db, keys, req.body, req.ip);
    });
};
