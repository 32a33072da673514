/**
 * 设岗定责: posts of an organisation from a catalogue of types (seed 002/003: 平安创建岗, 文明劝导岗,
 * 廉政监督岗, 党员先锋岗, 党员示范岗, 党员责任区 and more), emergency posts opened in one step
 * (突发事件处置岗), claims by members and residents up to the post's places, duty records, and counts
 * by type and organisation, and the list as .xlsx. /api/v1/posts.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { sendExport } from '../excel/index.js';

/** The catalogue of post types; 突发事件处置岗 is the emergency post. */
export const POST_TYPES = [
  '党员先锋岗', '党员示范岗', '党员责任区', '平安创建岗', '文明劝导岗', '廉政监督岗', '治安巡逻岗', '矛盾调解岗', '政策宣传岗', '环境卫生岗',
  '帮扶解困岗', '关爱老人岗', '关爱青少年岗', '志愿服务岗', '民情联络岗', '楼道长岗', '安全生产监督岗', '消防安全岗', '交通劝导岗', '垃圾分类督导岗',
  '法律服务岗', '就业服务岗', '突发事件处置岗',
] as const;
export const EMERGENCY_TYPE = '突发事件处置岗';

type PostRow = { countyId: number; id: number; orgId: number; orgPath: string; orgName: string; type: string; name: string; duties: string; places: number; emergency: boolean; state: string;
  opensOn: string; closesOn: string | null; rowVersion: number; holders: number; hours: number };
const POST = sql`p.county_id AS "countyId", p.id, p.org_id AS "orgId", p.org_path AS "orgPath", o.name AS "orgName", p.type, p.name, p.duties, p.places, p.emergency, p.state,
  to_char(p.opens_on, 'YYYY-MM-DD') AS "opensOn", to_char(p.closes_on, 'YYYY-MM-DD') AS "closesOn", p.row_version AS "rowVersion",
  (SELECT count(*)::int FROM post_holders h WHERE h.county_id = p.county_id AND h.post_id = p.id AND h.until IS NULL) AS holders,
  (SELECT coalesce(sum(d.hours), 0)::float8 FROM post_duties d WHERE d.county_id = p.county_id AND d.post_id = p.id) AS hours`;
const FROM = sql`FROM posts p JOIN orgs o ON o.id = p.org_id`;

async function postById(db: Db, id: number): Promise<PostRow | null> {
  const [p] = await rows<PostRow>(db, sql`SELECT ${POST} ${FROM} WHERE p.id = ${id}`);
  return p ?? null;
}

/** Where a post's holders come from: the community (or village) it lies in, else its own organisation. */
async function areaOf(db: Db, p: PostRow): Promise<{ id: number; path: string }> {
  const [c] = await rows<{ id: number; path: string }>(db, sql`SELECT id, path FROM orgs WHERE kind IN ('community', 'village') AND ${p.orgPath} LIKE path || '%' ORDER BY depth DESC LIMIT 1`);
  return c ?? { id: p.orgId, path: p.orgPath };
}

/**
 * Where a manager of the post may search for people to take it: for members, the highest
 * organisation from the post's community down to the post's own that they may read; for
 * residents, the community itself when they may read its residents. Null: no search there.
 */
function pickFrom(actor: Actor, area: { id: number; path: string }, orgPath: string): { member: number | null; resident: number | null } {
  const ids = orgPath.split('/').filter(Boolean);
  let member: number | null = null;
  for (let d = area.path.split('/').filter(Boolean).length; d <= ids.length && member === null; d++) {
    if (can(actor, 'member.read', `/${ids.slice(0, d).join('/')}/`)) member = Number(ids[d - 1]);
  }
  return { member, resident: can(actor, 'resident.read', area.path) ? area.id : null };
}

const PostBody = z.strictObject({
  orgId: z.number().int().positive(),
  type: z.enum(POST_TYPES),
  name: z.string().trim().min(1, '请填写岗位名称').max(60),
  duties: z.string().trim().min(1, '请填写岗位职责').max(1000),
  places: z.number().int().min(1).max(500).default(1),
  closesOn: z.iso.date().nullish(),
});
const EmergencyBody = z.strictObject({ orgId: z.number().int().positive(), name: z.string().trim().min(1, '请填写处置事项').max(60), duties: z.string().trim().min(1).max(1000).default('服从现场指挥，参与突发事件处置'), places: z.number().int().min(1).max(500).default(20) });
const ListQuery = z.strictObject({ orgId: z.coerce.number().int().positive().optional(), type: z.enum(POST_TYPES).optional(), state: z.enum(['open', 'closed']).optional() });
const STATE_NAMES: Record<string, string> = { open: '在岗', closed: '已撤岗' };
const ClaimBody = z.strictObject({ personKind: z.enum(['member', 'resident']), personId: z.number().int().positive() });
const DutyBody = z.strictObject({ holderId: z.number().int().positive(), on: z.iso.date(), hours: z.number().gt(0).max(24), note: z.string().trim().min(1, '请填写履职内容').max(500) });

/** The posts routes plugin. */
export const postRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['posts'];

  const manage = (actor: Actor, path: string) => can(actor, 'commit.manage', path);
  /** A member's own branch path: they see the posts of their branch and of the organisations above it. */
  async function memberPath(actor: Actor): Promise<string | null> {
    if (actor.memberId === null) return null;
    const [m] = await rows<{ path: string }>(db, sql`SELECT org_path AS path FROM members WHERE county_id = ${actor.memberCountyId} AND id = ${actor.memberId}`);
    return m?.path ?? null;
  }
  async function readable(actor: Actor, id: number) {
    const p = await postById(db, id);
    if (!p || !(can(actor, 'commit.read', p.orgPath) || (await memberPath(actor))?.startsWith(p.orgPath))) throw errors.notFound('岗位', 'post');
    return p;
  }
  const present = (actor: Actor, p: PostRow) => {
    const { orgPath, ...rest } = p;
    const m = manage(actor, orgPath);
    return { ...rest, actions: p.state === 'open' ? [...(m ? ['claim', 'close', 'duty'] : []), ...(!m && actor.memberId !== null && p.holders < p.places ? ['claimSelf'] : [])] : [] };
  };

  async function open(actor: Actor, b: { orgId: number; type: string; name: string; duties: string; places: number; closesOn?: string | null; emergency: boolean }) {
    const org = (await requireAccess(db, actor, 'commit.read', [b.orgId])).get(b.orgId)!;
    if (!manage(actor, org.path)) throw errors.forbidden();
    if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
    const opensOn = today();
    if (b.closesOn && b.closesOn < opensOn) throw errors.validation('岗位结束日期不能早于今天', 'a post cannot close before it opens', [{ path: ['closesOn'], message: '不能早于今天' }]);
    return db.transaction(async (tx) => {
      const [p] = await rows<{ id: number }>(tx, sql`INSERT INTO posts (county_id, org_id, org_path, type, name, duties, places, emergency, opens_on, closes_on, created_by)
        VALUES (${org.countyId}, ${org.id}, ${org.path}, ${b.type}, ${b.name}, ${b.duties}, ${b.places}, ${b.emergency}, ${opensOn}, ${b.closesOn ?? null}, ${actor.userId}) RETURNING id`);
      await insertEvent(tx, { type: 'post.opened', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'post', targetId: p.id, data: { type: b.type, name: b.name, places: b.places, emergency: b.emergency } });
      return present(actor, (await postById(tx, p.id))!);
    });
  }

  app.get('/posts/types', { schema: { tags, summary: '岗位类型 / the catalogue of post types' } }, async () => ({ items: POST_TYPES.map((name) => ({ name, emergency: name === EMERGENCY_TYPE })) }));

  app.post('/posts', { schema: { tags, summary: '设岗 / open a post', body: PostBody } }, async (req) => open(actorOf(req), { ...req.body, emergency: req.body.type === EMERGENCY_TYPE }));

  app.post('/posts/emergency', { schema: { tags, summary: '开设突发事件处置岗（一步）/ open an emergency post in one step', body: EmergencyBody } },
    async (req) => open(actorOf(req), { ...req.body, type: EMERGENCY_TYPE, emergency: true }));

  /** The posts the list and the export show: in the organisation asked for, else in scope (a member: their branch and above). */
  async function listed(actor: Actor, q: z.infer<typeof ListQuery>, limit: number, names: boolean) {
    const org = q.orgId ? (await requireAccess(db, actor, 'commit.read', [q.orgId])).get(q.orgId)! : null;
    const mine = await memberPath(actor);
    const where = [org ? sql`p.org_path LIKE ${`${org.path}%`}` : sql`(${underAny(sql`p.org_path`, scopePaths(actor, 'commit.read'))}${mine ? sql` OR ${mine} LIKE p.org_path || '%'` : sql``})`];
    if (q.type) where.push(sql`p.type = ${q.type}`);
    if (q.state) where.push(sql`p.state = ${q.state}`);
    // the export names everyone who took the post (a closed post's holders left it on the day it closed)
    const holderNames = names ? sql`, (SELECT coalesce(string_agg(h.name, '、' ORDER BY h.since, h.id), '') FROM post_holders h WHERE h.county_id = p.county_id AND h.post_id = p.id) AS "holderNames"` : sql``;
    const list = await rows<PostRow & { holderNames?: string }>(db, sql`SELECT ${POST}${holderNames} ${FROM} WHERE ${sql.join(where, sql` AND `)} ORDER BY p.emergency DESC, p.state, p.type, p.id DESC LIMIT ${limit}`);
    return { org, list };
  }

  app.get('/posts', { schema: { tags, summary: '岗位列表 / posts in scope', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    const { list } = await listed(actor, req.query, 500, false);
    return { items: list.map((p) => present(actor, p)) };
  });

  app.get('/posts/export', { schema: { tags, summary: '导出岗位 / posts as .xlsx, as the list filters them', querystring: ListQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const { org, list } = await listed(actor, req.query, 100_001, true);
    async function* pages() {
      yield list.map((p) => [p.type, p.name, p.orgName, p.places, p.holderNames ?? '', STATE_NAMES[p.state], p.emergency ? '是' : '否', p.opensOn, p.closesOn ?? '', p.hours, p.duties]);
    }
    return sendExport(db, reply, actor, {
      kind: 'posts', title: '设岗定责', filters: req.query, anchor: org,
      heads: [['岗位类型', 16], ['岗位名称', 24], ['设岗组织', 20], ['名额', 6], ['在岗人员', 30], ['状态', 8], ['突发事件', 8], ['设岗日期', 12], ['撤岗日期', 12], ['履职时长（小时）', 10], ['岗位职责', 40]],
      src: { count: list.length, pages: pages() },
    });
  });

  app.get('/posts/stats', { schema: { tags, summary: '岗位统计 / posts, holders and duty hours by type and organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'commit.read', [req.query.orgId])).get(req.query.orgId)!;
    const base = sql`FROM posts p WHERE p.org_path LIKE ${`${org.path}%`}`;
    const measures = sql`count(*)::int AS posts, count(*) FILTER (WHERE p.state = 'open')::int AS open,
      coalesce(sum((SELECT count(*) FROM post_holders h WHERE h.county_id = p.county_id AND h.post_id = p.id AND h.until IS NULL)), 0)::int AS holders,
      coalesce(sum((SELECT sum(d.hours) FROM post_duties d WHERE d.county_id = p.county_id AND d.post_id = p.id)), 0)::float8 AS hours`;
    const [byType, byOrg] = await Promise.all([
      rows(db, sql`SELECT p.type, ${measures} ${base} GROUP BY 1 ORDER BY 1`),
      rows(db, sql`SELECT p.org_id AS "orgId", (SELECT name FROM orgs WHERE id = p.org_id) AS name, ${measures} ${base} GROUP BY 1 ORDER BY 2`),
    ]);
    return { org: { id: org.id, name: org.name }, byType, byOrg };
  });

  app.get('/posts/:id', { schema: { tags, summary: '岗位详情：在岗人员与履职记录 / a post, its holders and duties', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const p = await readable(actor, req.params.id);
    const [holders, duties] = await Promise.all([
      rows(db, sql`SELECT id, person_kind AS "personKind", person_id AS "personId", name, to_char(since, 'YYYY-MM-DD') AS since, to_char(until, 'YYYY-MM-DD') AS until
        FROM post_holders WHERE county_id = ${p.countyId} AND post_id = ${p.id} ORDER BY until NULLS FIRST, id`),
      rows(db, sql`SELECT d.id, d.holder_id AS "holderId", h.name, to_char(d."on", 'YYYY-MM-DD') AS "on", d.hours, d.note FROM post_duties d JOIN post_holders h ON h.county_id = d.county_id AND h.id = d.holder_id
        WHERE d.county_id = ${p.countyId} AND d.post_id = ${p.id} ORDER BY d."on" DESC, d.id DESC LIMIT 500`),
    ]);
    const presented = present(actor, p);
    return { ...presented, holders, duties, pickFrom: presented.actions.includes('claim') ? pickFrom(actor, await areaOf(db, p), p.orgPath) : null };
  });

  app.post('/posts/:id/claims', { schema: { tags, summary: '认领岗位 / a member or resident takes the post (a member may take it for themselves)', params: IdParams, body: ClaimBody } }, async (req) => {
    const actor = actorOf(req);
    const p = await readable(actor, req.params.id);
    const { personKind, personId } = req.body;
    const self = personKind === 'member' && actor.memberId !== null && Number(actor.memberId) === personId;
    if (!self && !manage(actor, p.orgPath)) throw errors.forbidden();
    if (p.state !== 'open') throw new AppError('INVALID_STATE', '岗位已关闭', 'the post is closed');
    // a member of the organisation's community, or a resident of it
    const area = (await areaOf(db, p)).path;
    const [person] = personKind === 'member'
      ? await rows<{ name: string; path: string }>(db, sql`SELECT name, org_path AS path FROM members WHERE county_id = ${p.countyId} AND id = ${personId} AND party_state IN ('正常', '恢复')`)
      : await rows<{ name: string; path: string }>(db, sql`SELECT name, community_path AS path FROM residents WHERE county_id = ${p.countyId} AND id = ${personId}`);
    const near = person && person.path.startsWith(area);
    if (!near) throw errors.validation(personKind === 'member' ? '该党员不在本组织所在社区' : '该居民不是本社区居民', 'the person is not of this community', [{ path: ['personId'], message: '不在本社区' }]);
    return db.transaction(async (tx) => {
      // one claim at a time per post, so that places are never exceeded
      await tx.execute(sql`SELECT 1 FROM posts WHERE county_id = ${p.countyId} AND id = ${p.id} FOR UPDATE`);
      const [{ n, mine }] = await rows<{ n: number; mine: number }>(tx, sql`SELECT count(*)::int AS n, count(*) FILTER (WHERE person_kind = ${personKind} AND person_id = ${personId})::int AS mine
        FROM post_holders WHERE county_id = ${p.countyId} AND post_id = ${p.id} AND until IS NULL`);
      if (mine) throw errors.conflict(`${person.name}已在此岗位`, 'already holds the post');
      if (n >= p.places) throw errors.conflict(`岗位已满（${p.places}人）`, 'the post is full');
      const [h] = await rows<{ id: number }>(tx, sql`INSERT INTO post_holders (county_id, post_id, person_kind, person_id, name, since, created_by)
        VALUES (${p.countyId}, ${p.id}, ${personKind}, ${personId}, ${person.name}, ${today()}, ${actor.userId}) RETURNING id`);
      await insertEvent(tx, { type: 'post.claimed', ...who(actor), countyId: p.countyId, orgId: p.orgId, orgPath: p.orgPath, targetType: 'post', targetId: p.id, data: { holder: h.id, person: `${personKind}:${personId}` } });
      return { id: h.id };
    });
  });

  app.post('/posts/:id/duties', { schema: { tags, summary: '履职记录 / record a duty done on the post', params: IdParams, body: DutyBody } }, async (req) => {
    const actor = actorOf(req);
    const p = await readable(actor, req.params.id);
    const [h] = await rows<{ personKind: string; personId: number; until: string | null; since: string }>(db, sql`SELECT person_kind AS "personKind", person_id AS "personId", to_char(until, 'YYYY-MM-DD') AS until, to_char(since, 'YYYY-MM-DD') AS since
      FROM post_holders WHERE county_id = ${p.countyId} AND post_id = ${p.id} AND id = ${req.body.holderId}`);
    if (!h) throw errors.notFound('在岗人员', 'holder');
    const self = h.personKind === 'member' && actor.memberId !== null && Number(actor.memberId) === Number(h.personId);
    if (!self && !manage(actor, p.orgPath)) throw errors.forbidden();
    if (req.body.on > today() || req.body.on < h.since || (h.until && req.body.on > h.until)) throw errors.validation('履职日期应在在岗期间且不晚于今天', 'the date is outside the holding', [{ path: ['on'], message: '日期无效' }]);
    return db.transaction(async (tx) => {
      const [d] = await rows<{ id: number }>(tx, sql`INSERT INTO post_duties (county_id, post_id, holder_id, "on", hours, note, created_by) VALUES (${p.countyId}, ${p.id}, ${req.body.holderId}, ${req.body.on}, ${req.body.hours}, ${req.body.note}, ${actor.userId}) RETURNING id`);
      await insertEvent(tx, { type: 'post.duty', ...who(actor), countyId: p.countyId, orgId: p.orgId, orgPath: p.orgPath, targetType: 'post', targetId: p.id, data: { duty: d.id, holder: req.body.holderId, hours: req.body.hours } });
      return { id: d.id };
    });
  });

  app.post('/posts/:id/close', { schema: { tags, summary: '撤岗 / close the post (its holders leave it today)', params: IdParams, body: z.strictObject({ rowVersion: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const p = await readable(actor, req.params.id);
    if (!manage(actor, p.orgPath)) throw errors.forbidden();
    if (p.state !== 'open') throw new AppError('INVALID_STATE', '岗位已关闭', 'the post is closed');
    return db.transaction(async (tx) => {
      const r = await rows<{ id: number }>(tx, sql`UPDATE posts SET state = 'closed', closes_on = ${today()}, row_version = row_version + 1 WHERE county_id = ${p.countyId} AND id = ${p.id} AND row_version = ${req.body.rowVersion} RETURNING id`);
      if (!r.length) throw new AppError('VERSION_CONFLICT', '岗位已被他人修改，请刷新后重试', 'the post changed meanwhile: reload');
      await tx.execute(sql`UPDATE post_holders SET until = ${today()} WHERE county_id = ${p.countyId} AND post_id = ${p.id} AND until IS NULL`);
      await insertEvent(tx, { type: 'post.closed', ...who(actor), countyId: p.countyId, orgId: p.orgId, orgPath: p.orgPath, targetType: 'post', targetId: p.id, data: {} });
      return { id: p.id, state: 'closed' };
    });
  });
};
