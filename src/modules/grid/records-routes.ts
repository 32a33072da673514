/** Routes of the grid's records: households and their 民情档案, visits (民情日记), 四联 links, 办事档案. /api/v1. */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { can } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import {
  addHousehold, addLink, communityFor, endLink, finishHallCase, HallCaseBody, householdArchive, HouseholdBody, LinkBody, listHallCases, listHouseholds, listLinks, listVisits, openHallCase, recordVisit, VisitBody, VisitQuery,
} from './records.js';
import { HallKindBody, listHallKinds, saveHallKind } from './categories.js';

const Community = z.strictObject({ communityId: z.coerce.number().int().positive() });

/** The grid records plugin. */
export const recordRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['grid'];

  app.get('/households', { schema: { tags, summary: '住户 / households of a community', querystring: Community.extend({ gridId: z.coerce.number().int().positive().optional() }) } },
    async (req) => ({ items: await listHouseholds(db, actorOf(req), req.query.communityId, req.query.gridId) }));
  app.post('/households', { schema: { tags, summary: '登记住户 / add a household', body: HouseholdBody } }, async (req) => addHousehold(db, actorOf(req), req.body));
  app.get('/households/:id', { schema: { tags, summary: '民情档案 / a household\'s archive', params: IdParams } }, async (req) => householdArchive(db, actorOf(req), req.params.id));
  app.post('/households/:id/residents', { schema: { tags, summary: '居民归户 / place a resident in the household', params: IdParams, body: z.strictObject({ residentId: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const [h] = await rows<{ countyId: number; communityId: number; gridId: number | null }>(db, sql`SELECT county_id AS "countyId", community_id AS "communityId", grid_id AS "gridId" FROM households WHERE id = ${req.params.id}`);
    if (!h) throw errors.notFound('住户', 'household');
    const c = await communityFor(db, actor, h.communityId, 'resident.write');
    const [r] = await rows<{ id: number }>(db, sql`SELECT id FROM residents WHERE county_id = ${c.countyId} AND id = ${req.body.residentId} AND community_id = ${c.id}`);
    if (!r) throw errors.validation('居民不属于该社区', 'the resident is not in this community', [{ path: ['residentId'], message: '居民无效' }]);
    return db.transaction(async (tx) => {
      await tx.execute(sql`UPDATE residents SET household_id = ${req.params.id}, grid_id = COALESCE(${h.gridId}, grid_id), version = version + 1, updated_at = now() WHERE county_id = ${c.countyId} AND id = ${r.id}`);
      await insertEvent(tx, { type: 'household.updated', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'household', targetId: req.params.id, data: { resident: r.id } });
      return { id: req.params.id };
    });
  });

  app.post('/visits', { schema: { tags, summary: '记录走访 / record a visit', body: VisitBody } }, async (req) => recordVisit(db, actorOf(req), req.body));
  app.get('/visits', {
    schema: { tags, summary: '民情日记 / visits', querystring: VisitQuery },
  }, async (req) => {
    const actor = actorOf(req);
    if (!actor.grants.some((g) => can(actor, 'request.read', g.orgPath))) throw errors.forbidden();
    return { items: await listVisits(db, actor, { ...req.query, mine: req.query.mine === 'true' }) };
  });

  app.get('/contact-links', { schema: { tags, summary: '党员联系户与“四联” / links', querystring: Community } }, async (req) => ({ items: await listLinks(db, actorOf(req), req.query.communityId) }));
  app.post('/contact-links', { schema: { tags, summary: '新增联系 / add a link', querystring: Community, body: LinkBody } }, async (req) => addLink(db, actorOf(req), req.query.communityId, req.body));
  app.post('/contact-links/:id/end', { schema: { tags, summary: '结束联系 / end a link', params: IdParams } }, async (req) => endLink(db, actorOf(req), req.params.id));

  const OrgQuery = z.strictObject({ orgId: z.coerce.number().int().positive() });
  app.get('/hall-kinds', { schema: { tags, summary: '办事类别 / the county\'s kinds of 办事', querystring: OrgQuery } }, async (req) => listHallKinds(db, actorOf(req), req.query.orgId));
  app.post('/hall-kinds', { schema: { tags, summary: '新增办事类别 / add a kind', querystring: OrgQuery, body: HallKindBody } }, async (req) => saveHallKind(db, actorOf(req), req.query.orgId, null, req.body));
  app.put('/hall-kinds/:id', { schema: { tags, summary: '修改办事类别 / change a kind', params: IdParams, querystring: OrgQuery, body: HallKindBody } }, async (req) => saveHallKind(db, actorOf(req), req.query.orgId, req.params.id, req.body));

  app.get('/hall-cases', { schema: { tags, summary: '办事档案 / the hall\'s cases', querystring: Community } }, async (req) => listHallCases(db, actorOf(req), req.query.communityId));
  app.post('/hall-cases', { schema: { tags, summary: '受理代办事项 / accept a case', body: HallCaseBody } }, async (req) => openHallCase(db, actorOf(req), req.body));
  app.post('/hall-cases/:id/finish', {
    schema: { tags, summary: '办结或转办 / finish a case', params: IdParams, body: z.strictObject({ state: z.enum(['done', 'referred']), result: z.string().trim().min(1).max(500), rowVersion: z.number().int().positive() }) },
  }, async (req) => finishHallCase(db, actorOf(req), req.params.id, req.body));
};
