/** /api/v1/excel/templates, /api/v1/imports and /api/v1/exports: Excel templates, imports with progress and row errors, and logged exports. */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, errors } from '../../platform/errors.js';
import { requireAccess, scopePaths } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { MEMBER_HOLDING_KINDS } from '../org/rules.js';
import { ImportRunner, getJob, readUpload } from './import.js';
import { subtreeOrgs } from './import-rows.js';
import { buildTemplate } from './template.js';
import {
  AUDIT_HEADS, MEMBER_HEADS, ORG_HEADS, RESIDENT_HEADS, auditSource, contentDisposition, exportScope, memberSource, orgSource, residentSource, sendExport,
} from './export.js';
import {
  AuditExportQuery, ImportJobView, ImportQuery, MemberExportQuery, OrgExportQuery, ResidentExportQuery, TemplateQuery, TEMPLATE_FILE, XLSX_MIME, type ImportKind,
} from './schema.js';

const KINDS: ImportKind[] = ['members', 'orgs'];
const LABEL: Record<ImportKind, string> = { members: '党员', orgs: '组织', points: '积分记录', five_good: '五好评定', households: '住户' };
const MAX_DROPDOWN = 2000;

/** The Excel routes plugin; imports run in the background and the app waits for them when it closes. */
export const excelRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const runner = new ImportRunner(ctx, app.log);
  app.addHook('onClose', async () => { await runner.idle(); });

  for (const kind of KINDS) {
    app.get(`/excel/templates/${kind}`, { schema: { tags: ['excel'], summary: `${LABEL[kind]}导入模板 / ${kind} import template`, querystring: TemplateQuery } }, async (req, reply) => {
      const actor = actorOf(req);
      let names: string[] = [];
      if (req.query.orgId) {
        const org = (await requireAccess(db, actor, 'import', [req.query.orgId])).get(req.query.orgId)!;
        const tree = await subtreeOrgs(db, org.path);
        names = [...new Set(tree.filter((o) => kind === 'orgs' || MEMBER_HOLDING_KINDS.includes(o.kind)).map((o) => o.name))].slice(0, MAX_DROPDOWN);
      }
      const bytes = await buildTemplate(kind, names);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(TEMPLATE_FILE[kind], `${kind}-template.xlsx`)).send(bytes);
    });

    app.post(`/imports/${kind}`, {
      schema: { tags: ['excel'], summary: `导入${LABEL[kind]}（multipart 字段 file，.xlsx）/ import ${kind} from an .xlsx file`, querystring: ImportQuery, consumes: ['multipart/form-data'] },
    }, async (req, reply) => {
      const actor = actorOf(req);
      const target = (await requireAccess(db, actor, 'import', [req.query.orgId])).get(req.query.orgId)!;
      if (!req.isMultipart()) throw new AppError('INVALID_FILE', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'upload the .xlsx file as multipart/form-data, field "file"');
      const file = await req.file();
      if (!file || file.fieldname !== 'file') throw new AppError('INVALID_FILE', '请上传文件（字段名 file）', 'no file in the field "file"');
      const upload = await readUpload(file.filename.slice(0, 200), await file.toBuffer());
      const jobId = await runner.start(actor, kind, target, upload);
      return reply.status(202).send({ jobId });
    });
  }

  app.get('/imports/:id', { schema: { tags: ['excel'], summary: '导入进度与错误 / import progress and errors', params: IdParams, response: { 200: ImportJobView } } }, async (req) => {
    const job = await getJob(db, req.params.id, actorOf(req).userId);
    if (!job) throw errors.notFound('导入任务', 'import job');
    return job;
  });

  app.get('/exports/members', { schema: { tags: ['excel'], summary: '导出党员名册（证件号、手机号脱敏）/ export members (masked)', querystring: MemberExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const { scope, anchor } = await exportScope(db, actor, 'member.read', req.query.orgId);
    const src = await memberSource(db, keys, scope, req.query);
    return sendExport(db, reply, actor, { kind: 'members', title: '党员名册', heads: MEMBER_HEADS, filters: req.query, anchor, src });
  });

  app.get('/exports/residents', { schema: { tags: ['excel'], summary: '导出居民名册（证件号、手机号脱敏）/ export residents (masked)', querystring: ResidentExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const { scope, anchor } = await exportScope(db, actor, 'resident.read', req.query.communityId);
    const src = await residentSource(db, keys, scope, req.query);
    return sendExport(db, reply, actor, { kind: 'residents', title: '居民名册', heads: RESIDENT_HEADS, filters: req.query, anchor, src });
  });

  app.get('/exports/orgs', { schema: { tags: ['excel'], summary: '导出组织架构 / export the organisation tree', querystring: OrgExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const { scope, anchor } = await exportScope(db, actor, 'org.read', req.query.orgId);
    const src = await orgSource(db, scope);
    return sendExport(db, reply, actor, { kind: 'orgs', title: '组织架构', heads: ORG_HEADS, filters: req.query, anchor, src });
  });

  app.get('/exports/audit', { schema: { tags: ['excel'], summary: '导出审计日志 / export audit events', querystring: AuditExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const { anchor } = await exportScope(db, actor, 'audit.read', req.query.orgId);
    const src = await auditSource(db, req.query, scopePaths(actor, 'audit.read'), req.query.orgId ? anchor?.path : undefined);
    return sendExport(db, reply, actor, { kind: 'audit', title: '审计日志', heads: AUDIT_HEADS, filters: req.query, anchor, src });
  });
};
