/** Figures of residents' voices and their .xlsx exports: requests by child, grid or category; visits per liaison; the grids' load; the request list. /api/v1. */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { rows } from '../../platform/db/client.js';
import { requireAccess } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { onePage, sendExport } from '../excel/index.js';
import { REQUEST, REQUEST_FROM, STATE_ZH, type RequestRow } from './requests.js';
import { gridLoad, requestStats, StatsQuery, visitStats } from './stats.js';
import { isOverdue } from './rules.js';

const pct = (x: number | null) => (x === null ? '' : `${Math.round(x * 1000) / 10}%`);
const BY_ZH = { child: '下级组织', grid: '网格', category: '分类' } as const;
const Period = z.strictObject({ orgId: z.coerce.number().int().positive(), from: z.iso.date().optional(), to: z.iso.date().optional() });

/** The figures plugin. */
export const requestStatsRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['requests'];

  app.get('/requests/stats', { schema: { tags, summary: '诉求统计 / figures by child, grid or category', querystring: StatsQuery } }, async (req) => requestStats(db, actorOf(req), req.query));
  app.get('/requests/stats/export', { schema: { tags, summary: '导出诉求统计 / the figures as .xlsx', querystring: StatsQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const s = await requestStats(db, actor, req.query);
    const org = (await requireAccess(db, actor, 'request.read', [req.query.orgId])).get(req.query.orgId)!;
    const list = [...s.items, s.total].map((f) => [f.name, f.raised, f.fixed, f.notFixed, f.confirmed, f.open, f.overdueNow, pct(f.overdueShare), f.meanDays ?? '', f.satisfaction ?? '', f.rated]);
    return sendExport(db, reply, actor, {
      kind: 'request-stats', title: `诉求统计（按${BY_ZH[req.query.by]}）`, filters: req.query, anchor: org,
      heads: [[BY_ZH[req.query.by], 20], ['受理', 8], ['已解决', 8], ['未解决关闭', 10], ['居民确认', 10], ['未办结', 8], ['当前超时', 10], ['超时率', 8], ['平均办理天数', 12], ['满意度(1-5)', 12], ['评价数', 8]],
      src: onePage(list),
    });
  });

  app.get('/requests/grid-load', { schema: { tags, summary: '网格负荷 / the grids\' load', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => ({ today: today(), items: await gridLoad(db, actorOf(req), req.query.orgId) }));
  app.get('/requests/grid-load/export', { schema: { tags, summary: '导出网格负荷 / the grids\' load as .xlsx', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'request.read', [req.query.orgId])).get(req.query.orgId)!;
    const list = (await gridLoad(db, actor, req.query.orgId)).map((g) => [g.communityName, g.gridName, g.kind, g.households, g.open, g.overdue, g.raised90, g.load ?? '']);
    return sendExport(db, reply, actor, {
      kind: 'grid-load', title: '网格负荷', filters: req.query, anchor: org,
      heads: [['社区', 16], ['网格', 16], ['类型', 6], ['户数', 8], ['未办结诉求', 10], ['超时', 8], ['近90天受理', 10], ['每百户未办结', 12]],
      src: onePage(list),
    });
  });

  app.get('/visits/stats', { schema: { tags: ['grid'], summary: '走访统计（按联络员）/ visits per liaison', querystring: Period } }, async (req) => ({ items: await visitStats(db, actorOf(req), req.query) }));

  app.get('/requests/export', { schema: { tags, summary: '导出诉求清单 / the requests as .xlsx', querystring: Period.extend({ state: z.enum(['triage', 'assigned', 'in_progress', 'resolved', 'closed', 'confirmed', 'merged', 'open']).optional() }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'request.read', [req.query.orgId])).get(req.query.orgId)!;
    const q = req.query;
    const on = today();
    const list = await rows<RequestRow>(db, sql`SELECT ${REQUEST} ${REQUEST_FROM} WHERE r.county_id = ${org.countyId} AND r.community_path LIKE ${`${org.path}%`}
      ${q.state === 'open' ? sql`AND r.state IN ('triage', 'assigned', 'in_progress')` : q.state ? sql`AND r.state = ${q.state}` : sql``}
      ${q.from ? sql`AND r.raised_on >= ${q.from}` : sql``} ${q.to ? sql`AND r.raised_on <= ${q.to}` : sql``} ORDER BY r.id LIMIT 100001`);
    const cells = list.map((r) => [r.trackingCode, r.kind, r.categoryName, r.title, r.communityName, r.gridName ?? '', r.raisedOn, STATE_ZH[r.state], r.handlerName ?? '', r.dueOn ?? '',
      isOverdue(r.state, r.dueOn, on) ? '是' : '', r.escalations, r.outcomeOn ?? '', r.outcomeBy ?? '', r.satisfaction ?? '', r.phoneMasked ?? '']);
    return sendExport(db, reply, actor, {
      kind: 'requests', title: '民情诉求清单', filters: q, anchor: org,
      heads: [['查询码', 12], ['类型', 8], ['分类', 10], ['标题', 24], ['社区', 14], ['网格', 12], ['受理日期', 12], ['状态', 10], ['承办', 14], ['办理时限', 12], ['超时', 6], ['升级次数', 8],
        ['办结日期', 12], ['办结人', 10], ['满意度', 8], ['联系电话', 14]],
      src: onePage(cells),
    });
  });
};
