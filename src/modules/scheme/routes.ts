/** /api/v1/schemes: assessment schemes, their versions, the built-in templates, JSON and Excel. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { actionsAt, requireAccess, type Action, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { schemes } from '../../platform/db/scheme-tables.js';
import { eq } from 'drizzle-orm';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { contentDisposition, safeName, XLSX_MIME as XLSX } from '../excel/index.js';
import { parseScheme } from './model.js';
import { TEMPLATES } from './templates.js';
import { exportSchemeXlsx, importSchemeXlsx } from './excel.js';
import { checkDefinition, createScheme, saveVersion, tierProblems, tierWarnings } from './service.js';
import * as store from './store.js';

const VIEW_ACTIONS: Action[] = ['points.read', 'points.record', 'scheme.manage', 'run.manage', 'self'];

const Year = z.number().int().min(2000).max(2100);
const Code = z.string().trim().regex(/^[A-Za-z0-9_.-]{1,40}$/, '代码只能含字母、数字、下划线、点和连字符');
const Text = (n: number) => z.string().trim().max(n).nullish();

const SchemeCreate = z.strictObject({
  orgId: z.number().int().positive(), code: Code, name: z.string().trim().min(1).max(100), year: Year,
  source: Text(300), note: Text(500), templateKey: z.string().max(60).nullish(), definition: z.unknown().optional(),
});
const VersionCreate = z.strictObject({ year: Year, source: Text(300), note: Text(500), definition: z.unknown() });
const Validate = z.strictObject({ orgId: z.number().int().positive().optional(), year: Year.optional(), definition: z.unknown() });
const VersionParams = z.strictObject({ id: IdParams.shape.id, version: z.coerce.number().int().min(1).max(100_000) });
const ExportQuery = z.strictObject({ format: z.enum(['json', 'xlsx']).default('json'), version: z.coerce.number().int().min(1).optional() });

/** Whether the actor sees a scheme: it applies at or above one of their grants, or lies inside one. */
export function schemeVisible(actor: Actor, s: { orgPath: string }): boolean {
  return actor.grants.some((g) => (g.orgPath.startsWith(s.orgPath) || s.orgPath.startsWith(g.orgPath)) && actionsAt(actor, g.orgPath, VIEW_ACTIONS).length > 0);
}

/** Loads a scheme the actor may see, or NOT_FOUND. */
export async function schemeInScope(ctx: AppContext, actor: Actor, id: number) {
  const s = await store.getScheme(ctx.db, id);
  if (!s || !schemeVisible(actor, s)) throw errors.notFound('考核方案', 'scheme');
  return s;
}

/** The scheme routes plugin. */
export const schemeRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['schemes'];

  app.get('/schemes/templates', { schema: { tags, summary: '内置方案模板 / built-in templates' } }, async () => ({
    items: TEMPLATES.map((t) => ({
      key: t.key, name: t.name, nameEn: t.nameEn, source: t.source, sourceEn: t.sourceEn, year: t.year, description: t.description,
      subject: t.definition.subject, indicators: t.definition.indicators.length, tiers: t.definition.tiers?.length ?? 0, definition: t.definition,
    })),
  }));

  app.get('/schemes', { schema: { tags, summary: '考核方案 / schemes in scope', querystring: z.strictObject({ archived: z.enum(['0', '1']).optional(), subject: z.enum(['member', 'org']).optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const scope = [...new Set(actor.grants.filter((g) => actionsAt(actor, g.orgPath, VIEW_ACTIONS).length).map((g) => g.orgPath))];
    const list = await store.listSchemes(db, scope, { includeArchived: req.query.archived === '1' });
    return { items: list.filter((s) => !req.query.subject || s.subject === req.query.subject).map((s) => ({ ...s, actions: actionsAt(actor, s.orgPath, ['scheme.manage', 'run.manage']) })) };
  });

  app.get('/schemes/:id', { schema: { tags, summary: '方案详情与版本 / a scheme, its versions and its newest rules', params: IdParams, querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.params.id);
    const v = await store.getVersion(db, s.id, req.query.version);
    if (!v) throw errors.notFound('方案版本', 'scheme version');
    const versions = await store.listVersions(db, s.id);
    return { ...s, versions, current: { id: v.id, version: v.version, year: v.year, source: v.source, note: v.note, definition: v.definition, inUse: await store.versionInUse(db, v.id) }, actions: actionsAt(actor, s.orgPath, ['scheme.manage', 'run.manage', 'points.record']) };
  });

  app.post('/schemes/validate', { schema: { tags, summary: '校验方案（不保存）/ check a definition without saving', body: Validate } }, async (req) => {
    const actor = actorOf(req);
    const parsed = parseScheme(req.body.definition);
    if (!parsed.ok) return { ok: false, problems: parsed.problems, warnings: [] };
    const never = tierProblems(parsed.value);
    if (never.length) return { ok: false, problems: never, warnings: [] };
    let warnings: { path: (string | number)[]; message: string }[] = [];
    if (req.body.orgId) {
      const org = (await requireAccess(db, actor, 'scheme.manage', [req.body.orgId])).get(req.body.orgId)!;
      warnings = await tierWarnings(db, parsed.value, org.path, req.body.year ?? new Date().getFullYear());
    }
    return { ok: true, problems: [], warnings };
  });

  app.post('/schemes', { schema: { tags, summary: '新建方案（可从模板）/ create a scheme, from a template or a definition', body: SchemeCreate } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'scheme.manage', [req.body.orgId])).get(req.body.orgId)!;
    const { templateKey, definition } = req.body;
    if ((templateKey == null) === (definition === undefined)) throw new AppError('VALIDATION', '请选择一个模板，或提供方案内容（二选一）', 'give either templateKey or definition', [{ path: ['templateKey'], message: '模板与方案内容二选一' }]);
    const tpl = templateKey != null ? TEMPLATES.find((t) => t.key === templateKey) : undefined;
    if (templateKey != null && !tpl) throw new AppError('VALIDATION', `没有模板“${templateKey}”`, `no template ${templateKey}`, [{ path: ['templateKey'], message: '模板不存在' }]);
    const def = checkDefinition(tpl ? tpl.definition : definition);
    const created = await createScheme(db, who(actor), org, { ...req.body, source: req.body.source ?? tpl?.source ?? null, templateKey: tpl?.key ?? null }, def);
    return { ...created, warnings: await tierWarnings(db, def, org.path, req.body.year) };
  });

  app.post('/schemes/:id/versions', { schema: { tags, summary: '保存新版本（旧版本不变）/ save the next version', params: IdParams, body: VersionCreate } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.params.id);
    const org = (await requireAccess(db, actor, 'scheme.manage', [s.orgId])).get(s.orgId)!;
    if (s.archived) throw new AppError('INVALID_STATE', '方案已停用', 'the scheme is archived');
    const def = checkDefinition(req.body.definition);
    const saved = await saveVersion(db, who(actor), s, org.countyId, req.body, def);
    return { ...saved, warnings: await tierWarnings(db, def, org.path, req.body.year) };
  });

  app.post('/schemes/:id/archive', { schema: { tags, summary: '停用方案 / archive a scheme', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.params.id);
    const org = (await requireAccess(db, actor, 'scheme.manage', [s.orgId])).get(s.orgId)!;
    await db.transaction(async (tx) => {
      await tx.update(schemes).set({ archived: true }).where(eq(schemes.id, s.id));
      await insertEvent(tx, { type: 'scheme.archived', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'scheme', targetId: s.id });
    });
    return { id: s.id, archived: true };
  });

  app.get('/schemes/:id/versions/:version', { schema: { tags, summary: '某一版本 / one version', params: VersionParams } }, async (req) => {
    const s = await schemeInScope(ctx, actorOf(req), req.params.id);
    const v = await store.getVersion(db, s.id, req.params.version);
    if (!v) throw errors.notFound('方案版本', 'scheme version');
    return v;
  });

  app.get('/schemes/:id/export', { schema: { tags, summary: '导出方案（JSON 或 Excel）/ export a scheme as JSON or .xlsx', params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
    const s = await schemeInScope(ctx, actorOf(req), req.params.id);
    const v = await store.getVersion(db, s.id, req.query.version);
    if (!v) throw errors.notFound('方案版本', 'scheme version');
    const base = `${safeName(s.name)}-v${v.version}`;
    if (req.query.format === 'json') {
      const body = JSON.stringify({ name: s.name, code: s.code, year: v.year, version: v.version, source: v.source, definition: v.definition }, null, 2);
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', contentDisposition(`${base}.json`, `scheme-${s.id}-v${v.version}.json`)).send(body);
    }
    const bytes = await exportSchemeXlsx({ name: s.name, code: s.code, source: v.source, year: v.year, version: v.version }, v.definition);
    return reply.header('content-type', XLSX).header('content-disposition', contentDisposition(`${base}.xlsx`, `scheme-${s.id}-v${v.version}.xlsx`)).send(bytes);
  });

  app.post('/schemes/parse-xlsx', { schema: { tags, summary: '读取 Excel 方案（multipart 字段 file），返回方案内容与问题，不保存 / read a scheme from .xlsx without saving', consumes: ['multipart/form-data'] } }, async (req) => {
    actorOf(req);
    if (!req.isMultipart()) throw new AppError('INVALID_FILE', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'upload the .xlsx file as multipart/form-data, field "file"');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AppError('INVALID_FILE', '请上传文件（字段名 file）', 'no file in the field "file"');
    const r = await importSchemeXlsx(await file.toBuffer());
    const parsed = r.problems.length ? null : parseScheme(r.definition);
    return { meta: r.meta, definition: r.definition, fileProblems: r.problems, problems: parsed && !parsed.ok ? parsed.problems : [] };
  });
};
