/**
 * /api/v1/volunteer: volunteer teams' activities, sign-ups (a member's own, or by the team's managers
 * for members and residents), attendance and hours, cancellation, and the counts by organisation
 * (teams, activities, participants, hours) as a chart's data and as .xlsx.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { can, requireAccess, scopePaths, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { sendExport } from '../excel/index.js';
import { activityDetail, cancelActivity, cancelSignup, createActivity, listActivities, recordAttendance, signUp } from './volunteer.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const ListQuery = z.strictObject({
  orgId: z.coerce.number().int().positive().optional(), teamId: z.coerce.number().int().positive().optional(), state: z.enum(['open', 'done', 'cancelled']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const CreateBody = z.strictObject({
  teamId: z.number().int().positive(), title: z.string().trim().min(1, '请填写活动名称').max(60), place: z.string().trim().min(1, '请填写活动地点').max(200),
  startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), places: z.number().int().min(1).max(1000), note: z.string().trim().max(500).nullish(),
});
const Attendance = z.strictObject({
  rowVersion: z.number().int().positive(),
  items: z.array(z.strictObject({ signupId: z.number().int().positive(), attended: z.boolean(), hours: z.number().gt(0).max(24).nullish() })).min(1).max(1000),
});

type Counts = { orgId: number; name: string; teams: number; activities: number; participants: number; hours: number };

/** Teams, activities (not cancelled, begun in the year), distinct participants who came, and their hours, by child organisation of `node`. */
export async function volunteerStats(db: Db, node: OrgRef, year: number): Promise<{ total: Omit<Counts, 'orgId' | 'name'>; items: Counts[] }> {
  const like = `${node.path}%`;
  const k = node.path.split('/').filter(Boolean).length + 2;
  const child = (col: string) => sql`CASE WHEN ${sql.raw(col)}_id = ${node.id} THEN ${String(node.id)} ELSE split_part(${sql.raw(col)}_path, '/', ${k}) END`;
  const [from, to] = [`${year}-01-01T00:00:00+08:00`, `${year + 1}-01-01T00:00:00+08:00`];
  const [teams, acts, people, [all]] = await Promise.all([
    rows<{ child: string; n: number }>(db, sql`SELECT ${child('t.org')} AS child, count(*)::int AS n FROM teams t WHERE t.kind = '志愿服务队' AND t.org_path LIKE ${like} GROUP BY 1`),
    rows<{ child: string; n: number }>(db, sql`SELECT ${child('a.org')} AS child, count(*)::int AS n FROM volunteer_activities a
      WHERE a.org_path LIKE ${like} AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to} GROUP BY 1`),
    rows<{ child: string; n: number; hours: number }>(db, sql`SELECT ${child('a.org')} AS child, count(DISTINCT x.person_kind || ':' || x.person_id)::int AS n, coalesce(sum(x.hours), 0)::float8 AS hours
      FROM volunteer_activities a JOIN activity_signups x ON x.county_id = a.county_id AND x.activity_id = a.id
      WHERE a.org_path LIKE ${like} AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to} AND x.attended GROUP BY 1`),
    rows<{ n: number }>(db, sql`SELECT count(DISTINCT x.person_kind || ':' || x.person_id)::int AS n FROM volunteer_activities a JOIN activity_signups x ON x.county_id = a.county_id AND x.activity_id = a.id
      WHERE a.org_path LIKE ${like} AND a.state <> 'cancelled' AND a.starts_at >= ${from} AND a.starts_at < ${to} AND x.attended`),
  ]);
  const keys = [...new Set([...teams, ...acts, ...people].map((x) => x.child))];
  const names = new Map((keys.length ? await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE id = ANY(${`{${keys.join(',')}}`}::bigint[])`) : []).map((o) => [String(o.id), o.name]));
  const get = (list: { child: string; n: number }[], key: string) => list.find((x) => x.child === key)?.n ?? 0;
  const items = keys.map((key) => ({
    orgId: Number(key), name: names.get(key) ?? '', teams: get(teams, key), activities: get(acts, key), participants: get(people, key),
    hours: Math.round((people.find((x) => x.child === key)?.hours ?? 0) * 100) / 100,
  })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const sum = (f: 'teams' | 'activities' | 'hours') => Math.round(items.reduce((s, x) => s + x[f], 0) * 100) / 100;
  return { total: { teams: sum('teams'), activities: sum('activities'), participants: all?.n ?? 0, hours: sum('hours') }, items };
}

/** The volunteer routes plugin. */
export const volunteerRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['volunteer'];
  const nodeOf = async (actor: Actor, orgId: number) => (await requireAccess(db, actor, 'org.read', [orgId])).get(orgId)!;

  app.get('/volunteer/teams', { schema: { tags, summary: '可发布活动的志愿服务队 / volunteer teams the caller manages' } }, async (req) => {
    const actor = actorOf(req);
    const list = await rows<{ id: number; name: string; orgId: number; orgName: string }>(db, sql`SELECT t.id, t.name, t.org_id AS "orgId", o.name AS "orgName" FROM teams t JOIN orgs o ON o.id = t.org_id
      WHERE t.kind = '志愿服务队' AND ${underAny(sql`t.org_path`, scopePaths(actor, 'team.write'))} ORDER BY t.org_path, t.name LIMIT 500`);
    return { items: list };
  });

  app.get('/volunteer/activities', { schema: { tags, summary: '志愿服务活动 / activities in scope or around a member', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    const orgPath = req.query.orgId ? (await nodeOf(actor, req.query.orgId)).path : undefined;
    return listActivities(db, actor, { ...req.query, orgPath });
  });

  app.post('/volunteer/activities', { schema: { tags, summary: '发布志愿服务活动 / announce an activity', body: CreateBody } }, async (req) => createActivity(db, actorOf(req), req.body));

  app.get('/volunteer/stats', { schema: { tags, summary: '志愿服务统计 / counts by child organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive(), year: Year }) } }, async (req) => {
    const node = await nodeOf(actorOf(req), req.query.orgId);
    return { org: { id: node.id, name: node.name }, year: req.query.year, ...(await volunteerStats(db, node, req.query.year)) };
  });

  app.get('/volunteer/stats/export', { schema: { tags, summary: '导出志愿服务统计 / the counts as .xlsx', querystring: z.strictObject({ orgId: z.coerce.number().int().positive(), year: Year.optional() }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const node = await nodeOf(actor, req.query.orgId);
    if (!can(actor, 'export', node.path)) throw errors.forbidden();
    const year = req.query.year ?? +today().slice(0, 4);
    const s = await volunteerStats(db, node, year);
    async function* pages() { yield [...s.items.map((x) => [x.name, x.teams, x.activities, x.participants, x.hours]), ['合计', s.total.teams, s.total.activities, s.total.participants, s.total.hours]]; }
    return sendExport(db, reply, actor, {
      kind: 'volunteer', title: `${year}年志愿服务统计`, filters: { orgId: node.id, year }, anchor: node,
      heads: [['组织', 24], ['志愿服务队', 12], ['活动场次', 10], ['参与人数', 10], ['服务时长（小时）', 16]],
      src: { count: s.items.length + 1, pages: pages() },
    });
  });

  app.get('/volunteer/activities/:id', { schema: { tags, summary: '活动及报名 / an activity and its sign-ups', params: IdParams } }, async (req) => activityDetail(db, actorOf(req), req.params.id));

  app.post('/volunteer/activities/:id/cancel', { schema: { tags, summary: '取消活动 / cancel an activity', params: IdParams, body: z.strictObject({ rowVersion: z.number().int().positive(), reason: z.string().trim().min(1, '请填写取消原因').max(200) }) } },
    async (req) => cancelActivity(db, actorOf(req), req.params.id, req.body));

  app.post('/volunteer/activities/:id/signups', { schema: { tags, summary: '报名 / sign up', params: IdParams, body: z.strictObject({ personKind: z.enum(['member', 'resident']), personId: z.number().int().positive() }) } },
    async (req) => signUp(db, actorOf(req), req.params.id, req.body));

  app.delete('/volunteer/activities/:id/signups/:signupId', { schema: { tags, summary: '取消报名 / withdraw a sign-up', params: z.strictObject({ id: z.coerce.number().int().positive(), signupId: z.coerce.number().int().positive() }) } },
    async (req) => cancelSignup(db, actorOf(req), req.params.id, req.params.signupId));

  app.post('/volunteer/activities/:id/attendance', { schema: { tags, summary: '记录考勤与时长 / record attendance and hours', params: IdParams, body: Attendance } },
    async (req) => recordAttendance(db, actorOf(req), req.params.id, req.body));
};
