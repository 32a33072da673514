/** /api/v1/points and /api/v1/me/points: the ledger, awards, the member's 积分手册 and the 亮分 board. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { actionsAt, can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { IdParams, IsoDate } from '../org/schema.js';
import { buildTemplate, ImportRunner, readUpload, sendExport, TEMPLATE_FILE, XLSX_MIME, contentDisposition, type Head } from '../excel/index.js';
import { pointsChecker } from './import.js';
import { appliesTo, memberFacts, placeTier, schemeInScope, versionForYear } from '../scheme/index.js';
import { awardPoints, decideEntry, recordEntry, reverseEntry, subjectFor } from './ledger.js';
import { branchBoard, handbook, schemesAt } from './handbook.js';
import * as store from './store.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const Evidence = z.string().trim().max(1000).nullish();
const EntryBody = z.strictObject({
  schemeId: z.number().int().positive(), memberId: z.number().int().positive().nullish(), orgId: z.number().int().positive().nullish(),
  indicator: z.string().trim().min(1).max(24), points: z.number().finite().min(-1000).max(1000).nullish(), occurredOn: IsoDate, evidence: Evidence,
  fileId: z.number().int().positive().nullish(),
});
const AwardBody = EntryBody.extend({ sourceKey: z.string().trim().min(1).max(200) });
const EntryQuery = z.strictObject({
  schemeId: z.coerce.number().int().positive().optional(), year: Year.optional(), orgId: z.coerce.number().int().positive().optional(),
  subjectKind: z.enum(['member', 'org']).optional(), subjectId: z.coerce.number().int().positive().optional(),
  status: z.enum(['confirmed', 'pending', 'rejected']).optional(), indicator: z.string().trim().max(24).optional(), q: z.string().trim().max(50).optional(),
  from: IsoDate.optional(), to: IsoDate.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const ENTRY_HEADS: Head[] = [['记录号', 10], ['日期', 12], ['对象', 14], ['所在组织', 24], ['指标', 10], ['分值', 8], ['状态', 8], ['佐证/说明', 30], ['来源', 8], ['冲正记录', 10], ['记录人', 10]];
const STATUS: Record<string, string> = { confirmed: '已确认', pending: '待确认', rejected: '已退回' };
const SOURCE: Record<string, string> = { manual: '手工', excel: 'Excel', award: '自动' };

/** An entry as the API shows it: whether a published run froze its year there, and what the caller may do with it. */
function present(actor: Actor, e: store.EntryView, published: store.PublishedRun[]) {
  const { orgPath, countyId: _c, ...rest } = e;
  const frozen = published.some((r) => r.schemeId === e.schemeId && r.year === e.year && orgPath.startsWith(r.orgPath));
  const actions = frozen ? [] : actionsAt(actor, orgPath, ['points.record', 'points.confirm']).filter((a) =>
    a === 'points.record' ? e.status === 'confirmed' && e.correctsId === null && e.correctedBy === null : e.status === 'pending' && e.recordedBy !== actor.userId);
  return { ...rest, frozen, actions: actions.map((a) => (a === 'points.record' ? 'reverse' : 'decide')) };
}

/** The subtrees an entry list covers: the given organisation (checked), or the caller's points.read scope. */
async function entryScope(ctx: AppContext, actor: Actor, orgId?: number): Promise<string[]> {
  if (!orgId) return scopePaths(actor, 'points.read');
  return [(await requireAccess(ctx.db, actor, 'points.read', [orgId])).get(orgId)!.path];
}

/** The points routes plugin. */
export const pointsRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['points'];
  const runner = new ImportRunner(ctx, app.log);
  app.addHook('onClose', async () => { await runner.idle(); });

  app.get('/points/import-template', { schema: { tags, summary: '积分记录导入模板 / import template of entries', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive(), year: Year.optional() }) } }, async (req, reply) => {
    const s = await schemeInScope(ctx, actorOf(req), req.query.schemeId);
    const v = await versionForYear(db, s.id, req.query.year ?? new Date().getFullYear());
    const codes = (v?.definition.indicators ?? []).map((x) => x.code);
    const bytes = await buildTemplate('points', [], { indicator: codes });
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(TEMPLATE_FILE.points, 'points-template.xlsx')).send(bytes);
  });

  app.post('/points/import', {
    schema: { tags, summary: '从 Excel 导入积分记录（multipart 字段 file；全部通过才写入）/ import entries from .xlsx, all or nothing', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive() }), consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.query.schemeId);
    const target = (await requireAccess(db, actor, 'points.record', [req.query.orgId])).get(req.query.orgId)!;
    if (!req.isMultipart()) throw new AppError('INVALID_FILE', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'upload the .xlsx file as multipart/form-data, field "file"');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AppError('INVALID_FILE', '请上传文件（字段名 file）', 'no file in the field "file"');
    const upload = await readUpload(file.filename.slice(0, 200), await file.toBuffer());
    const jobId = await runner.start(actor, 'points', target, upload, pointsChecker(db, ctx.keys, actor, s, target));
    return reply.status(202).send({ jobId });
  });

  app.get('/points/entries', { schema: { tags, summary: '积分台账 / ledger entries', querystring: EntryQuery } }, async (req) => {
    const actor = actorOf(req);
    const { orgId, page, pageSize, ...f } = req.query;
    const r = await store.listEntries(db, await entryScope(ctx, actor, orgId), f, page, pageSize);
    const published = await store.publishedRuns(db, r.items);
    return { items: r.items.map((e) => present(actor, e, published)), total: r.total, page, pageSize };
  });

  app.get('/points/entries/export', { schema: { tags, summary: '导出积分台账 / export ledger entries (.xlsx)', querystring: EntryQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const { orgId, ...f } = req.query;
    const scope = await entryScope(ctx, actor, orgId);
    const anchor = orgId ? (await requireAccess(db, actor, 'export', [orgId])).get(orgId)! : null;
    if (!orgId && !scopePaths(actor, 'export').length) throw errors.forbidden();
    const first = await store.listEntries(db, scope, f, 1, 5000);
    async function* pages() {
      const map = (e: store.EntryView) => [e.id, e.occurredOn, e.subjectName, e.orgName, e.indicator, e.points, STATUS[e.status], e.evidence, SOURCE[e.source], e.correctsId, e.recordedByName];
      yield first.items.map(map);
      for (let p = 2; (p - 1) * 5000 < first.total; p++) yield (await store.listEntries(db, scope, f, p, 5000)).items.map(map);
    }
    return sendExport(db, reply, actor, { kind: 'points', title: '积分台账', heads: ENTRY_HEADS, filters: req.query, anchor, src: { count: first.total, pages: pages() } });
  });

  app.get('/points/entries/:id', { schema: { tags, summary: '一条积分记录 / one entry', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const e = await store.getEntry(db, req.params.id);
    if (!e || !can(actor, 'points.read', e.orgPath)) throw errors.notFound('积分记录', 'entry');
    return present(actor, e, await store.publishedRuns(db, [e]));
  });

  app.post('/points/entries', { schema: { tags, summary: '记录积分 / record an entry', body: EntryBody } }, async (req) => recordEntry(db, actorOf(req), req.body));

  app.post('/points/entries/:id/reverse', { schema: { tags, summary: '冲正（生成一条相反的记录）/ reverse an entry', params: IdParams, body: z.strictObject({ reason: z.string().trim().min(2).max(500) }) } },
    async (req) => reverseEntry(db, actorOf(req), req.params.id, req.body.reason));

  app.post('/points/entries/:id/decide', { schema: { tags, summary: '支部确认或退回 / confirm or reject a pending entry', params: IdParams, body: z.strictObject({ decision: z.enum(['confirm', 'reject']), note: z.string().trim().max(500).nullish() }) } },
    async (req) => decideEntry(db, actorOf(req), req.params.id, req.body.decision, req.body.note ?? null));

  app.post('/points/awards', { schema: { tags, summary: '按来源事件记分（同一来源只记一次）/ idempotent award from a source event', body: AwardBody } }, async (req, reply) => {
    const r = await awardPoints(db, actorOf(req), req.body);
    return reply.status(r.created ? 201 : 200).send(r);
  });

  app.get('/points/subject-options', { schema: { tags, summary: '某对象可记录的指标 / indicators open to a subject', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive().optional(), orgId: z.coerce.number().int().positive().optional(), year: Year }) } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.query.schemeId);
    const subject = await subjectFor(db, actor, req.query);
    const v = await versionForYear(db, s.id, req.query.year);
    if (!v) throw new AppError('VALIDATION', `方案在 ${req.query.year} 年没有生效的版本`, 'no version in force that year', [{ path: ['year'], message: '无生效版本' }]);
    const tier = subject.kind === 'member' && v.definition.tiers.length ? placeTier(v.definition, memberFacts(subject.record, req.query.year)) : null;
    const roles = actor.grants.filter((g) => subject.orgPath.startsWith(g.orgPath)).map((g) => g.role as string);
    return {
      tier, tierName: v.definition.tiers.find((t) => t.code === tier)?.name ?? null, version: v.version,
      indicators: v.definition.indicators.filter((x) => appliesTo(x, tier) && x.recorderRoles.some((r) => roles.includes(r))),
    };
  });

  app.get('/me/points', { schema: { tags, summary: '我的积分手册 / my points handbook', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive().optional(), year: Year.optional() }) } }, async (req) => {
    const actor = actorOf(req);
    if (!actor.memberId) throw errors.notFound('本人党员信息', 'own member record');
    const subject = await store.memberSubject(db, actor.memberId);
    if (!subject || subject.kind !== 'member') throw errors.notFound('本人党员信息', 'own member record');
    const year = req.query.year ?? new Date().getFullYear();
    const list = await schemesAt(db, subject.orgPath);
    const scheme = req.query.schemeId ? list.find((s) => s.id === req.query.schemeId) : list[0];
    if (!scheme) return { schemes: list.map((s) => ({ id: s.id, name: s.name })), handbook: null };
    const v = await versionForYear(db, scheme.id, year);
    return { schemes: list.map((s) => ({ id: s.id, name: s.name })), handbook: v ? await handbook(db, scheme, v, year, subject) : null };
  });

  app.get('/points/board', { schema: { tags, summary: '亮分榜 / a branch\'s scores', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive(), orgId: z.coerce.number().int().positive().optional(), year: Year }) } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.query.schemeId);
    const v = await versionForYear(db, s.id, req.query.year);
    if (!v) throw errors.notFound('方案版本', 'scheme version');
    let branch: store.Subject | undefined;
    let asMember = false;
    if (req.query.orgId) {
      branch = await store.orgSubject(db, req.query.orgId);
      if (!branch) throw errors.notFound('组织', 'organisation');
      const me = actor.memberId ? await store.memberSubject(db, actor.memberId) : undefined;
      asMember = !can(actor, 'points.read', branch.orgPath) && me?.kind === 'member' && me.branchPath === branch.orgPath;
      if (!can(actor, 'points.read', branch.orgPath) && !asMember) throw errors.notFound('组织', 'organisation');
    } else {
      const me = actor.memberId ? await store.memberSubject(db, actor.memberId) : undefined;
      if (!me || me.kind !== 'member') throw new AppError('VALIDATION', '请选择党支部', 'choose a branch', [{ path: ['orgId'], message: '必填' }]);
      branch = await store.orgSubject(db, Number(me.branchPath.split('/').filter(Boolean).pop()));
      asMember = !can(actor, 'points.read', me.branchPath);
    }
    if (!branch) throw errors.notFound('组织', 'organisation');
    if (!branch.orgPath.startsWith(s.orgPath) && !s.orgPath.startsWith(branch.orgPath)) throw errors.notFound('考核方案', 'scheme');
    const def = v.definition;
    if (asMember && def.board.visibleTo !== 'branch') throw new AppError('FORBIDDEN', '本方案的亮分榜只对党组织管理人员公开', 'this board is shown to administrators only');
    const rowsOut = await branchBoard(db, def, s.id, req.query.year, branch.orgPath, branch.countyId);
    const mask = asMember && !def.board.showNames;
    return {
      scheme: { id: s.id, name: s.name, version: v.version }, org: { id: branch.id, name: branch.name }, year: req.query.year,
      items: rowsOut.map((r) => ({ ...r, name: mask && r.memberId !== actor.memberId ? `${r.name.slice(0, 1)}**` : r.name, memberId: mask && r.memberId !== actor.memberId ? null : r.memberId })),
    };
  });
};
