/** /api/v1/orgs/:id/units and /grids: resident units (驻区单位) and grids (片/组) of a community. */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { grids, UNIT_KINDS, units } from '../../platform/db/schema.js';
import { requireAccess } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from './schema.js';

const UnitCreate = z.strictObject({
  name: z.string().trim().min(1).max(100), kind: z.enum(UNIT_KINDS), partyOrgId: z.number().int().positive().nullish(),
  address: z.string().trim().max(200).nullish(), contactName: z.string().trim().max(50).nullish(),
});
const GridCreate = z.strictObject({
  name: z.string().trim().min(1).max(50), kind: z.enum(['片', '组']), parentGridId: z.number().int().positive().nullish(), households: z.number().int().min(0).max(100_000).default(0),
});

/** The community-area routes plugin. */
export const areaRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['orgs'];
  const community = async (req: { actor: Parameters<typeof actorOf>[0]['actor'] }, id: number, action: 'org.read' | 'org.write') => {
    const c = (await requireAccess(db, actorOf(req), action, [id])).get(id)!;
    if (!['community', 'village'].includes(c.kind) || c.countyId === null) throw new AppError('VALIDATION', '驻区单位和网格属于社区（村）', 'units and grids belong to a community or village');
    return { ...c, countyId: c.countyId };
  };

  app.get('/orgs/:id/units', { schema: { tags, summary: '驻区单位 / resident units', params: IdParams } }, async (req) => {
    const c = await community(req, req.params.id, 'org.read');
    return { items: await db.select().from(units).where(and(eq(units.countyId, c.countyId), eq(units.communityId, c.id))).orderBy(units.kind, units.name) };
  });

  app.post('/orgs/:id/units', { schema: { tags, summary: '登记驻区单位 / add a resident unit', params: IdParams, body: UnitCreate } }, async (req) => {
    const actor = actorOf(req);
    const c = await community(req, req.params.id, 'org.write');
    if (req.body.partyOrgId) await requireAccess(db, actor, 'org.read', [req.body.partyOrgId]);
    const id = await db.transaction(async (tx) => {
      const [u] = await tx.insert(units).values({ ...req.body, countyId: c.countyId, communityId: c.id }).returning({ id: units.id });
      await insertEvent(tx, { type: 'unit.created', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'unit', targetId: u.id, data: req.body });
      return u.id;
    });
    return { id };
  });

  app.get('/orgs/:id/grids', { schema: { tags, summary: '网格 / grids', params: IdParams } }, async (req) => {
    const c = await community(req, req.params.id, 'org.read');
    const items = await rows(db, sql`SELECT g.id, g.kind, g.name, g.parent_grid_id AS "parentGridId", g.households,
      (SELECT count(*)::int FROM teams t WHERE t.county_id = g.county_id AND t.grid_id = g.id) AS teams
      FROM grids g WHERE g.county_id = ${c.countyId} AND g.community_id = ${c.id} ORDER BY g.kind, g.name`);
    return { items };
  });

  app.post('/orgs/:id/grids', { schema: { tags, summary: '新建网格 / add a grid', params: IdParams, body: GridCreate } }, async (req) => {
    const actor = actorOf(req);
    const c = await community(req, req.params.id, 'org.write');
    if (req.body.kind === '组' && !req.body.parentGridId) throw new AppError('VALIDATION', '“组”须属于某个“片”', 'a 组 belongs to a 片', [{ path: ['parentGridId'], message: '必填' }]);
    if (req.body.parentGridId) {
      const [p] = await db.select().from(grids).where(and(eq(grids.countyId, c.countyId), eq(grids.id, req.body.parentGridId)));
      if (!p || p.communityId !== c.id || p.kind !== '片') throw new AppError('VALIDATION', '上级网格须为本社区的“片”', 'the parent must be a 片 of this community', [{ path: ['parentGridId'], message: '无效' }]);
    }
    const id = await db.transaction(async (tx) => {
      const [g] = await tx.insert(grids).values({ ...req.body, countyId: c.countyId, communityId: c.id }).returning({ id: grids.id });
      await insertEvent(tx, { type: 'grid.created', ...who(actor), countyId: c.countyId, orgId: c.id, orgPath: c.path, targetType: 'grid', targetId: g.id, data: req.body });
      return g.id;
    });
    return { id };
  });
};
