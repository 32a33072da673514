/**
 * The grid's records as .xlsx: 民情日记 (visits), 办事档案 (the hall's cases) and 党员联系户/四联 (links),
 * each through its list's own query, filters and scope, with no more of a resident than the list shows.
 * Every export is logged (export.created) before it is sent. /api/v1.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireAccess, scopePaths } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { anchorOf, MAX_EXPORT_ROWS, onePage, sendExport } from '../excel/index.js';
import { communityFor, listHallCases, listLinks, listVisits, VisitQuery } from './records.js';

/** A visit as listVisits selects it (the columns exported). */
type VisitRow = {
  kind: string; visitedOn: string; whom: string; place: string | null; heard: string; followUp: string | null; requestId: number | null;
  householdAddress: string | null; gridName: string | null; communityName: string; liaisonName: string;
};
/** A case as listHallCases selects it. */
type HallRow = { residentName: string; kind: string; matter: string; state: 'accepted' | 'done' | 'referred'; acceptedOn: string; doneOn: string | null; result: string | null; handlerName: string };
/** A link as listLinks selects it. */
type LinkRow = { memberName: string; kind: string; householdAddress: string | null; gridName: string | null; unitName: string | null; project: string | null; since: string; until: string | null };

const HALL_STATE_ZH: Record<HallRow['state'], string> = { accepted: '已受理', done: '已办结', referred: '已转办' };
const Community = z.strictObject({ communityId: z.coerce.number().int().positive() });
// one row more than an export may hold, so that sendExport refuses a list that is too long instead of cutting it
const ALL = MAX_EXPORT_ROWS + 1;

/** The grid records' export plugin. */
export const recordExportRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['grid'];

  app.get('/visits/export', { schema: { tags, summary: '导出民情日记 / the visits as .xlsx', querystring: VisitQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const q = req.query;
    const anchor = q.orgId ? (await requireAccess(db, actor, 'request.read', [q.orgId])).get(q.orgId)! : await anchorOf(db, actor, 'request.read', scopePaths(actor, 'request.read'));
    const list = await listVisits(db, actor, { ...q, mine: q.mine === 'true', limit: ALL }) as VisitRow[];
    return sendExport(db, reply, actor, {
      kind: 'visits', title: '民情日记', filters: q, anchor,
      heads: [['走访日期', 12], ['方式', 8], ['社区', 14], ['网格', 12], ['住户', 24], ['走访对象', 14], ['地点', 16], ['听到的情况', 40], ['跟进事项', 30], ['关联诉求ID', 10], ['走访人', 12]],
      src: onePage(list.map((v) => [v.visitedOn, v.kind, v.communityName, v.gridName ?? '', v.householdAddress ?? '', v.whom, v.place ?? '', v.heard, v.followUp ?? '', v.requestId ?? '', v.liaisonName])),
    });
  });

  app.get('/hall-cases/export', { schema: { tags, summary: '导出办事档案 / the hall\'s cases as .xlsx', querystring: Community } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await communityFor(db, actor, req.query.communityId, 'request.read');
    const items = (await listHallCases(db, actor, c.id, ALL)).items as HallRow[];
    return sendExport(db, reply, actor, {
      kind: 'hall-cases', title: '办事档案', filters: req.query, anchor: c,
      heads: [['受理日期', 12], ['事项类别', 12], ['办事居民', 12], ['事项', 40], ['状态', 8], ['办理结果', 30], ['办结日期', 12], ['经办人', 12]],
      src: onePage(items.map((h) => [h.acceptedOn, h.kind, h.residentName, h.matter, HALL_STATE_ZH[h.state], h.result ?? '', h.doneOn ?? '', h.handlerName])),
    });
  });

  app.get('/contact-links/export', { schema: { tags, summary: '导出党员联系户与“四联” / the links as .xlsx', querystring: Community } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await communityFor(db, actor, req.query.communityId, 'request.read');
    const list = await listLinks(db, actor, c.id) as LinkRow[];
    return sendExport(db, reply, actor, {
      kind: 'contact-links', title: '党员联系户与四联', filters: req.query, anchor: c,
      heads: [['党员', 12], ['类型', 8], ['联系对象', 30], ['开始日期', 12], ['结束日期', 12], ['状态', 8]],
      src: onePage(list.map((l) => [l.memberName, l.kind, l.householdAddress ?? l.gridName ?? l.unitName ?? l.project ?? '', l.since, l.until ?? '', l.until ? '已结束' : '联系中'])),
    });
  });
};
