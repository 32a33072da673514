/**
 * /api/v1/commitments: 公开承诺 made, followed and verified, counted by organisation and year;
 * /api/v1/public/commitments/:orgId: the public commitment wall of an organisation (no login).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows, underAny } from '../../platform/db/client.js';
import { can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { sendExport } from '../excel/index.js';
import { COMMITMENT, FROM, KINDS, addUpdate, commitmentById, isMaker, makeCommitment, mayManage, verify, type CommitmentRow } from './service.js';

const Day = z.iso.date();
const MakeBody = z.strictObject({
  makerKind: z.enum(['member', 'org', 'unit']),
  makerId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  kind: z.enum(KINDS),
  title: z.string().trim().min(1, '请填写承诺事项').max(100),
  target: z.string().trim().min(1, '请填写目标').max(1000),
  madeOn: Day.optional(),
  dueOn: Day,
  public: z.boolean().default(true),
  docKind: z.enum(['承诺书', '责任状']).nullish(),
  fileId: z.number().int().positive().nullish(),
});
const ListQuery = z.strictObject({
  orgId: z.coerce.number().int().positive().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: z.enum(['made', 'in_progress', 'kept', 'unkept', 'withdrawn', 'overdue']).optional(),
  makerKind: z.enum(['member', 'org', 'unit']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const STATE_NAMES: Record<string, string> = { made: '已承诺', in_progress: '践诺中', kept: '已兑现', unkept: '未兑现', withdrawn: '已撤回' };

/** The commitments routes plugin. */
export const commitmentRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['commitments'];

  const present = (actor: Actor, c: CommitmentRow) => {
    const { orgPath, ...rest } = c;
    const open = c.state === 'made' || c.state === 'in_progress';
    const actions = [...((isMaker(actor, c) || mayManage(actor, orgPath)) && open ? ['update'] : []), ...(mayManage(actor, orgPath) && open ? ['verify'] : [])];
    return { ...rest, stateName: STATE_NAMES[c.state], overdue: open && c.dueOn < today(), actions };
  };
  async function readable(actor: Actor, id: number) {
    const c = await commitmentById(db, id);
    if (!c || !(can(actor, 'commit.read', c.orgPath) || isMaker(actor, c))) throw errors.notFound('承诺', 'commitment');
    return c;
  }
  function filters(actor: Actor, q: Omit<z.infer<typeof ListQuery>, 'page' | 'pageSize'>, orgPath?: string): SQL[] {
    const own = actor.memberId !== null ? sql` OR (c.maker_kind = 'member' AND c.maker_id = ${actor.memberId} AND c.county_id = ${actor.memberCountyId})` : sql``;
    const where: SQL[] = [orgPath ? sql`c.org_path LIKE ${`${orgPath}%`}` : sql`(${underAny(sql`c.org_path`, scopePaths(actor, 'commit.read'))}${own})`];
    if (q.year) where.push(sql`c.year = ${q.year}`);
    if (q.makerKind) where.push(sql`c.maker_kind = ${q.makerKind}`);
    if (q.state === 'overdue') where.push(sql`c.state IN ('made', 'in_progress') AND c.due_on < ${today()}`);
    else if (q.state) where.push(sql`c.state = ${q.state}`);
    return where;
  }

  app.post('/commitments', { schema: { tags, summary: '作出承诺 / make a commitment', body: MakeBody } }, async (req) => present(actorOf(req), await makeCommitment(db, actorOf(req), req.body)));

  app.get('/commitments', { schema: { tags, summary: '承诺列表 / commitments in scope (and one\'s own)', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    const org = req.query.orgId ? (await requireAccess(db, actor, 'commit.read', [req.query.orgId])).get(req.query.orgId)! : undefined;
    const where = sql.join(filters(actor, req.query, org?.path), sql` AND `);
    const { page, pageSize } = req.query;
    const [list, [{ n }]] = await Promise.all([
      rows<CommitmentRow>(db, sql`SELECT ${COMMITMENT} ${FROM} WHERE ${where} ORDER BY c.due_on, c.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM commitments c WHERE ${where}`),
    ]);
    return { items: list.map((c) => present(actor, c)), total: n, page, pageSize };
  });

  app.get('/commitments/export', { schema: { tags, summary: '导出承诺 / commitments as .xlsx', querystring: ListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const org = req.query.orgId ? (await requireAccess(db, actor, 'commit.read', [req.query.orgId])).get(req.query.orgId)! : null;
    const list = await rows<CommitmentRow>(db, sql`SELECT ${COMMITMENT} ${FROM} WHERE ${sql.join(filters(actor, req.query, org?.path), sql` AND `)} ORDER BY c.org_path, c.due_on, c.id LIMIT 100001`);
    async function* pages() { yield list.map((c) => [c.year, c.orgName, c.makerName, c.kind, c.title, c.target, c.madeOn, c.dueOn, STATE_NAMES[c.state], c.verifyNote ?? '', c.updates]); }
    return sendExport(db, reply, actor, {
      kind: 'commitments', title: `${req.query.year ?? ''}公开承诺`, filters: req.query, anchor: org,
      heads: [['年度', 8], ['组织', 20], ['承诺人', 14], ['类别', 8], ['承诺事项', 24], ['目标', 40], ['承诺日期', 12], ['完成期限', 12], ['状态', 10], ['核实意见', 30], ['进展', 6]],
      src: { count: list.length, pages: pages() },
    });
  });

  app.get('/commitments/stats', { schema: { tags, summary: '承诺与践诺统计 / made and kept by child organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) }) } }, async (req) => {
    const actor = actorOf(req);
    const node = (await requireAccess(db, actor, 'commit.read', [req.query.orgId])).get(req.query.orgId)!;
    const k = node.path.split('/').filter(Boolean).length + 2;
    const list = await rows<{ child: string; made: number; kept: number; unkept: number; open: number; overdue: number }>(db, sql`SELECT
        CASE WHEN c.org_id = ${node.id} THEN ${String(node.id)} ELSE split_part(c.org_path, '/', ${k}) END AS child, count(*) FILTER (WHERE c.state <> 'withdrawn')::int AS made,
        count(*) FILTER (WHERE c.state = 'kept')::int AS kept, count(*) FILTER (WHERE c.state = 'unkept')::int AS unkept,
        count(*) FILTER (WHERE c.state IN ('made', 'in_progress'))::int AS open, count(*) FILTER (WHERE c.state IN ('made', 'in_progress') AND c.due_on < ${today()})::int AS overdue
      FROM commitments c WHERE c.org_path LIKE ${`${node.path}%`} AND c.year = ${req.query.year} GROUP BY 1`);
    const names = new Map((await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE id = ANY(${`{${[node.id, ...list.map((l) => l.child)].join(',')}}`}::bigint[])`)).map((o) => [String(o.id), o.name]));
    const items = list.map((l) => ({ orgId: Number(l.child), name: names.get(l.child) ?? '', made: l.made, kept: l.kept, unkept: l.unkept, open: l.open, overdue: l.overdue })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
    const total = items.reduce((a, x) => ({ made: a.made + x.made, kept: a.kept + x.kept, unkept: a.unkept + x.unkept, open: a.open + x.open, overdue: a.overdue + x.overdue }), { made: 0, kept: 0, unkept: 0, open: 0, overdue: 0 });
    return { org: { id: node.id, name: node.name }, year: req.query.year, total, items };
  });

  app.get('/commitments/:id', { schema: { tags, summary: '承诺详情与进展 / a commitment and its progress', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await readable(actor, req.params.id);
    const updates = await rows(db, sql`SELECT u.id, to_char(u."on", 'YYYY-MM-DD') AS "on", u.note, u.file_id AS "fileId", us.display_name AS "byName" FROM commitment_updates u
      LEFT JOIN users us ON us.id = u.by_id WHERE u.county_id = ${c.countyId} AND u.commitment_id = ${c.id} ORDER BY u.id`);
    return { ...present(actor, c), progress: updates };
  });

  app.post('/commitments/:id/updates', { schema: { tags, summary: '记录践诺进展 / record progress with evidence', params: IdParams, body: z.strictObject({ note: z.string().trim().min(1, '请填写进展').max(1000), fileId: z.number().int().positive().nullish() }) } },
    async (req) => { const actor = actorOf(req); return addUpdate(db, actor, await readable(actor, req.params.id), req.body); });

  app.post('/commitments/:id/verify', { schema: { tags, summary: '核实践诺 / verify: kept, not kept, or withdrawn', params: IdParams, body: z.strictObject({ outcome: z.enum(['kept', 'unkept', 'withdrawn']), note: z.string().trim().min(2, '请填写核实意见').max(1000), rowVersion: z.number().int().positive() }) } },
    async (req) => { const actor = actorOf(req); return verify(db, actor, await readable(actor, req.params.id), req.body); });

  app.get('/public/commitments/:id', {
    config: { public: true, rateLimit: { max: 120, timeWindow: 60_000 } },
    schema: { tags, summary: '承诺公示墙 / an organisation\'s public commitment wall', params: IdParams, querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  }, async (req) => {
    const [org] = await rows<{ id: number; name: string; path: string }>(db, sql`SELECT id, name, path FROM orgs WHERE id = ${req.params.id} AND NOT archived`);
    if (!org) throw errors.notFound('组织', 'organisation');
    const year = req.query.year ?? +today().slice(0, 4);
    const list = await rows<{ id: number; orgName: string; makerName: string; makerKind: string; kind: string; title: string; target: string; madeOn: string; dueOn: string; state: string; lastNote: string | null; lastOn: string | null }>(db, sql`
      SELECT c.id, o.name AS "orgName", c.maker_name AS "makerName", c.maker_kind AS "makerKind", c.kind, c.title, c.target, to_char(c.made_on, 'YYYY-MM-DD') AS "madeOn", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.state,
        u.note AS "lastNote", to_char(u."on", 'YYYY-MM-DD') AS "lastOn"
      FROM commitments c JOIN orgs o ON o.id = c.org_id
        LEFT JOIN LATERAL (SELECT note, "on" FROM commitment_updates x WHERE x.county_id = c.county_id AND x.commitment_id = c.id ORDER BY x.id DESC LIMIT 1) u ON true
      WHERE c.org_path LIKE ${`${org.path}%`} AND c.year = ${year} AND c.public AND c.state <> 'withdrawn' ORDER BY o.name, c.maker_kind, c.maker_name, c.id LIMIT 2000`);
    const counts = { made: list.length, kept: list.filter((c) => c.state === 'kept').length };
    return { org: { id: org.id, name: org.name }, year, today: today(), counts, items: list.map((c) => ({ ...c, stateName: STATE_NAMES[c.state] })) };
  });
};
