/** /api/v1/points/stats and /api/v1/runs/:id/charts: the figures behind the charts of points and runs. */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { can, requireAccess } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { schemeInScope } from '../scheme/index.js';

const Year = z.coerce.number().int().min(2000).max(2100);

/** The statistics routes plugin. */
export const statsRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.get('/points/stats', { schema: { tags: ['points'], summary: '积分统计：逐月趋势、指标、下级组织 / month-by-month trend, indicators, child organisations', querystring: z.strictObject({ schemeId: z.coerce.number().int().positive(), year: Year, orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const s = await schemeInScope(ctx, actor, req.query.schemeId);
    const org = (await requireAccess(db, actor, 'points.read', [req.query.orgId])).get(req.query.orgId)!;
    const base = sql`FROM point_entries e WHERE e.scheme_id = ${s.id} AND e.year = ${req.query.year} AND e.status = 'confirmed' AND e.org_path LIKE ${`${org.path}%`}`;
    const depth = org.path.split('/').filter(Boolean).length;
    const [months, indicators, children] = await Promise.all([
      rows<{ month: number; add: number; subtract: number; entries: number }>(db, sql`SELECT extract(month FROM e.occurred_on)::int AS month,
          coalesce(sum(e.points) FILTER (WHERE e.points > 0), 0)::float8 AS add, coalesce(sum(e.points) FILTER (WHERE e.points < 0), 0)::float8 AS subtract, count(*)::int AS entries
        ${base} GROUP BY 1 ORDER BY 1`),
      rows<{ indicator: string; points: number; entries: number }>(db, sql`SELECT e.indicator, sum(e.points)::float8 AS points, count(*)::int AS entries ${base} GROUP BY 1 ORDER BY abs(sum(e.points)) DESC LIMIT 15`),
      rows<{ orgId: number; name: string; points: number; entries: number; subjects: number }>(db, sql`SELECT c.id AS "orgId", c.name, x.points, x.entries, x.subjects FROM (
          SELECT (string_to_array(trim(both '/' from e.org_path), '/'))[${depth + 1}]::bigint AS child, sum(e.points)::float8 AS points, count(*)::int AS entries, count(DISTINCT e.subject_id)::int AS subjects
          ${base} GROUP BY 1) x JOIN orgs c ON c.id = x.child ORDER BY x.points DESC`),
    ]);
    const full = Array.from({ length: 12 }, (_, i) => months.find((m) => m.month === i + 1) ?? { month: i + 1, add: 0, subtract: 0, entries: 0 });
    return { months: full.map((m) => ({ ...m, net: Math.round((m.add + m.subtract) * 100) / 100 })), indicators, children };
  });

  app.get('/runs/:id/charts', { schema: { tags: ['runs'], summary: '考评图表：分数分布、前后名单 / score distribution, top and bottom', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const [r] = await rows<{ id: number; orgPath: string; subject: string }>(db, sql`SELECT r.id, r.org_path AS "orgPath", s.subject FROM scheme_runs r JOIN schemes s ON s.id = r.scheme_id WHERE r.id = ${req.params.id}`);
    if (!r || !(can(actor, 'points.read', r.orgPath) || can(actor, 'run.manage', r.orgPath))) throw errors.notFound('考评', 'run');
    const names = r.subject === 'member' ? sql`JOIN members n ON n.county_id = rr.county_id AND n.id = rr.subject_id` : sql`JOIN orgs n ON n.id = rr.subject_id`;
    const [hist, top, bottom] = await Promise.all([
      rows<{ bucket: number; n: number }>(db, sql`SELECT (floor(total / 5) * 5)::float8 AS bucket, count(*)::int AS n FROM run_results WHERE run_id = ${r.id} GROUP BY 1 ORDER BY 1`),
      rows(db, sql`SELECT rr.subject_id AS "subjectId", n.name, g.name AS "orgName", rr.total::float8 AS total, rr.grade, rr.rank FROM run_results rr ${names} JOIN orgs g ON g.id = rr.org_id
        WHERE rr.run_id = ${r.id} ORDER BY rr.rank, rr.subject_id LIMIT 10`),
      rows(db, sql`SELECT rr.subject_id AS "subjectId", n.name, g.name AS "orgName", rr.total::float8 AS total, rr.grade, rr.rank FROM run_results rr ${names} JOIN orgs g ON g.id = rr.org_id
        WHERE rr.run_id = ${r.id} ORDER BY rr.rank DESC, rr.subject_id DESC LIMIT 10`),
    ]);
    return { histogram: hist.map((h) => ({ from: h.bucket, to: h.bucket + 5, count: h.n })), top, bottom };
  });
};
