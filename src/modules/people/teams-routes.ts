/** /api/v1/teams: typed teams of people ("1+4+1", grid service teams, volunteer teams). */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { TEAM_KINDS, teamMembers, teams } from '../../platform/db/schema.js';
import { actionsAt, can, requireAccess } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';

const TeamCreate = z.strictObject({ orgId: z.number().int().positive(), kind: z.enum(TEAM_KINDS), name: z.string().trim().min(1).max(60), gridId: z.number().int().positive().nullish() });
const Person = z.strictObject({ personKind: z.enum(['member', 'resident']), personId: z.number().int().positive(), role: z.string().trim().max(30).nullish() });

/** The team routes plugin. */
export const teamRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['teams'];

  const teamInScope = async (actor: ReturnType<typeof actorOf>, id: number, write: boolean) => {
    const [t] = await db.select().from(teams).where(eq(teams.id, id));
    if (!t || !can(actor, 'org.read', t.orgPath)) throw errors.notFound('队伍', 'team');
    if (write && !can(actor, 'team.write', t.orgPath)) throw errors.forbidden();
    return t;
  };

  app.get('/teams', { schema: { tags, summary: '队伍 / teams of an organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'org.read', [req.query.orgId])).get(req.query.orgId)!;
    const items = await rows<{ id: number; orgId: number; orgName: string; kind: string; name: string; size: number; orgPath: string; gridId: number | null; gridName: string | null }>(db, sql`SELECT t.id, t.org_id AS "orgId", o.name AS "orgName", t.kind, t.name, t.org_path AS "orgPath",
      t.grid_id AS "gridId", g.name AS "gridName", (SELECT count(*)::int FROM team_members x WHERE x.county_id = t.county_id AND x.team_id = t.id) AS size
      FROM teams t JOIN orgs o ON o.id = t.org_id LEFT JOIN grids g ON g.county_id = t.county_id AND g.id = t.grid_id WHERE t.org_path LIKE ${`${org.path}%`} ORDER BY t.org_path, t.kind, t.name LIMIT 1000`);
    return { items: items.map(({ orgPath, ...t }) => ({ ...t, actions: actionsAt(actor, orgPath, ['team.write']) })) };
  });

  app.post('/teams', { schema: { tags, summary: '新建队伍 / create a team', body: TeamCreate } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'team.write', [req.body.orgId])).get(req.body.orgId)!;
    if (org.countyId === null) throw new AppError('VALIDATION', '队伍须建在县（区）以下的组织', 'teams belong below county level');
    if (req.body.gridId) {
      // a grid's service team belongs to the community the grid is in
      const [g] = await rows<{ id: number }>(db, sql`SELECT id FROM grids WHERE county_id = ${org.countyId} AND id = ${req.body.gridId} AND community_id = ${org.id}`);
      if (!g) throw errors.validation('网格不属于该社区', 'the grid is not in this community', [{ path: ['gridId'], message: '网格无效' }]);
    }
    const id = await db.transaction(async (tx) => {
      const [t] = await tx.insert(teams).values({ ...req.body, countyId: org.countyId!, orgPath: org.path }).returning({ id: teams.id });
      await insertEvent(tx, { type: 'team.created', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'team', targetId: t.id, data: req.body });
      return t.id;
    });
    return { id };
  });

  app.get('/teams/:id', { schema: { tags, summary: '队伍成员 / a team and its people', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const t = await teamInScope(actor, req.params.id, false);
    const people = await rows(db, sql`SELECT x.person_kind AS "personKind", x.person_id AS "personId", x.role, coalesce(m.name, r.name) AS name
      FROM team_members x LEFT JOIN members m ON x.person_kind = 'member' AND m.county_id = x.county_id AND m.id = x.person_id
      LEFT JOIN residents r ON x.person_kind = 'resident' AND r.county_id = x.county_id AND r.id = x.person_id
      WHERE x.county_id = ${t.countyId} AND x.team_id = ${t.id} ORDER BY x.added_at`);
    const { orgPath, ...team } = t;
    return { team: { ...team, actions: actionsAt(actor, orgPath, ['team.write']) }, people };
  });

  app.post('/teams/:id/people', { schema: { tags, summary: '加入队伍 / add a person', params: IdParams, body: Person } }, async (req) => {
    const actor = actorOf(req);
    const t = await teamInScope(actor, req.params.id, true);
    const table = req.body.personKind === 'member' ? sql`members` : sql`residents`;
    const pathCol = req.body.personKind === 'member' ? sql`org_path` : sql`community_path`;
    const [p] = await rows<{ path: string }>(db, sql`SELECT ${pathCol} AS path FROM ${table} WHERE county_id = ${t.countyId} AND id = ${req.body.personId}`);
    if (!p || !can(actor, req.body.personKind === 'member' ? 'member.read' : 'resident.read', p.path)) throw errors.notFound('人员', 'person');
    await db.transaction(async (tx) => {
      await tx.insert(teamMembers).values({ countyId: t.countyId, teamId: t.id, personKind: req.body.personKind, personId: req.body.personId, role: req.body.role ?? null });
      await insertEvent(tx, { type: 'team.person_added', ...who(actor), countyId: t.countyId, orgId: t.orgId, orgPath: t.orgPath, targetType: 'team', targetId: t.id, data: req.body });
    });
    return { ok: true };
  });

  app.delete('/teams/:id/people/:personKind/:personId', { schema: { tags, summary: '移出队伍 / remove a person', params: z.strictObject({ id: z.coerce.number().int().positive(), personKind: z.enum(['member', 'resident']), personId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const t = await teamInScope(actor, req.params.id, true);
    await db.transaction(async (tx) => {
      const r = await tx.delete(teamMembers).where(and(eq(teamMembers.countyId, t.countyId), eq(teamMembers.teamId, t.id), eq(teamMembers.personKind, req.params.personKind), eq(teamMembers.personId, req.params.personId))).returning();
      if (!r.length) throw errors.notFound('队伍成员', 'team member');
      await insertEvent(tx, { type: 'team.person_removed', ...who(actor), countyId: t.countyId, orgId: t.orgId, orgPath: t.orgPath, targetType: 'team', targetId: t.id, data: { personKind: req.params.personKind, personId: req.params.personId } });
    });
    return { ok: true };
  });
};
