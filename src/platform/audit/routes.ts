/** /api/v1/audit: browsing, filtering and verifying the audit trail (audit administrators). */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rows, underAny } from '../db/client.js';
import { requireAccess, requireCapability, scopePaths } from '../auth/access.js';
import { actorOf, type AppContext } from '../http/context.js';
import { AuditEventType } from './events.js';
import { toStored, verifyChains } from './store.js';

export const AuditQuery = z.strictObject({
  type: AuditEventType.optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  orgId: z.coerce.number().int().positive().optional(),
  targetType: z.string().max(30).optional(),
  targetId: z.string().max(40).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The WHERE clause of an audit query inside the caller's scope (system-wide events only for a root-level grant). */
export function auditWhere(q: AuditQuery, scope: string[], orgPath?: string): SQL {
  const w: SQL[] = [];
  const rootLevel = scope.some((p) => p.split('/').filter(Boolean).length === 1);
  w.push(rootLevel ? sql`(org_path IS NULL OR ${underAny(sql`org_path`, scope)})` : underAny(sql`org_path`, scope));
  if (orgPath) w.push(sql`org_path LIKE ${`${orgPath}%`}`);
  if (q.type) w.push(sql`type = ${q.type}`);
  if (q.actor) w.push(sql`actor_name = ${q.actor}`);
  if (q.from) w.push(sql`at >= ${q.from}::date`);
  if (q.to) w.push(sql`at < ${q.to}::date + 1`);
  if (q.targetType) w.push(sql`target_type = ${q.targetType}`);
  if (q.targetId) w.push(sql`target_id = ${q.targetId}`);
  return sql.join(w, sql` AND `);
}

/** The audit routes plugin. */
export const auditRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['audit'];

  app.get('/audit', { schema: { tags, summary: '审计日志 / audit events', querystring: AuditQuery } }, async (req) => {
    const actor = actorOf(req);
    requireCapability(actor, 'audit.read');
    const orgPath = req.query.orgId ? (await requireAccess(db, actor, 'audit.read', [req.query.orgId])).get(req.query.orgId)!.path : undefined;
    const where = auditWhere(req.query, scopePaths(actor, 'audit.read'), orgPath);
    const q = req.query;
    const items = await rows<Record<string, unknown>>(db, sql`SELECT * FROM audit_events WHERE ${where} ORDER BY at DESC, chain, seq DESC LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`);
    const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM audit_events WHERE ${where}`);
    return { items: items.map(toStored), total: n, page: q.page, pageSize: q.pageSize };
  });

  app.get('/audit/types', { schema: { tags, summary: '审计事件类型 / event types' } }, async () => ({ items: AuditEventType.options }));

  app.post('/audit/verify', { schema: { tags, summary: '校验审计链完整性 / verify the hash chains' } }, async (req) => {
    requireCapability(actorOf(req), 'audit.read');
    return verifyChains(db);
  });
};
