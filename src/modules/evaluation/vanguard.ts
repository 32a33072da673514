/**
 * 先锋承诺三方评价 for members of 机关 and 事业单位: at year end each member's commitments are scored
 * by the member (自评), by peers (互评, the mean of their sheets) and by the organisation (组织评价),
 * weighted (by default 20/30/50); the ranking recommends 优秀党员 (a total of 90 or more, within the
 * best third) and the branch records the decision. /api/v1/vanguard; /api/v1/me/vanguard for a member's own 自评.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { can, requireAccess, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { sendExport } from '../excel/index.js';

export type Weights = { self: number; peer: number; org: number };
export const DEFAULT_WEIGHTS: Weights = { self: 0.2, peer: 0.3, org: 0.5 };
/** A total at or above this, within the best third, recommends 优秀党员. */
export const EXCELLENT_FROM = 90;

/** The weighted total of the parts given (missing parts left out and the rest scaled up); null with none. */
export function vanguardTotal(w: Weights, self: number | null, peers: number[], org: number | null): number | null {
  const parts: [number, number][] = [];
  if (self !== null) parts.push([self, w.self]);
  if (peers.length) parts.push([peers.reduce((a, b) => a + b, 0) / peers.length, w.peer]);
  if (org !== null) parts.push([org, w.org]);
  const weight = parts.reduce((a, [, k]) => a + k, 0);
  return weight > 0 ? Math.round((parts.reduce((a, [v, k]) => a + v * k, 0) / weight) * 10) / 10 : null;
}

/** Recommendations: totals of at least EXCELLENT_FROM within the best third of those scored in all three parts (ties at the cut go out). */
export function recommend(items: { id: number; total: number | null; complete: boolean }[]): Set<number> {
  const scored = items.filter((x) => x.complete && x.total !== null).sort((a, b) => b.total! - a.total!);
  const cap = Math.floor(scored.length / 3 + 1e-9);
  const within = scored.slice(0, cap);
  const firstOut = scored[cap]?.total;
  return new Set(within.filter((x) => x.total! >= EXCELLENT_FROM && x.total !== firstOut).map((x) => x.id));
}

const Score = z.number().finite().min(0, '分数在0到100之间').max(100, '分数在0到100之间');
const Weight = z.number().finite().min(0).max(1);
const PutBody = z.strictObject({
  memberId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  self: Score.nullish(),
  peers: z.array(Score).max(200).optional(),
  org: Score.nullish(),
  weights: z.strictObject({ self: Weight, peer: Weight, org: Weight }).optional(),
});

const YearQuery = z.strictObject({ orgId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) });
/** The category ('organ' or 'institution') of the nearest 机关 or 事业单位 organisation above member `m`; null when there is none. */
const UNIT = sql`(SELECT o.five_good_category FROM orgs o WHERE m.org_path LIKE o.path || '%' AND o.five_good_category IN ('organ', 'institution') ORDER BY o.depth DESC LIMIT 1)`;

type Review = { countyId: number; id: number; orgPath: string; memberId: number; memberName: string; selfScore: number | null; peerScores: number[]; orgScore: number | null; weights: Weights; excellent: boolean | null; decisionNote: string | null; rowVersion: number };
const REVIEW = sql`county_id AS "countyId", id, org_path AS "orgPath", member_id AS "memberId", member_name AS "memberName", self_score AS "selfScore", peer_scores AS "peerScores",
  org_score AS "orgScore", weights, excellent, decision_note AS "decisionNote", row_version AS "rowVersion"`;

/** The 先锋承诺 routes plugin. */
export const vanguardRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['evaluation'];
  const manage = (actor: Actor, path: string) => can(actor, 'eval.manage', path);

  app.put('/vanguard/reviews', { schema: { tags, summary: '录入三方评价（自评由党员本人或支部录入；互评、组织评价由支部录入）/ enter the three assessments', body: PutBody } }, async (req) => {
    const actor = actorOf(req);
    const b = req.body;
    const [m] = await rows<{ countyId: number; orgId: number; orgPath: string; name: string; unit: string | null }>(db, sql`SELECT m.county_id AS "countyId", m.org_id AS "orgId", m.org_path AS "orgPath", m.name,
      ${UNIT} AS unit
      FROM members m WHERE m.id = ${b.memberId} AND m.party_state IN ('正常', '恢复')`);
    const self = !!m && actor.memberId !== null && Number(actor.memberId) === b.memberId && Number(actor.memberCountyId) === Number(m.countyId);
    if (!m || !(self || can(actor, 'eval.read', m.orgPath))) throw errors.notFound('党员', 'member');
    if (!self && !manage(actor, m.orgPath)) throw errors.forbidden();
    if (self && (b.peers !== undefined || b.org !== undefined || b.weights !== undefined)) throw errors.forbidden();
    if (!m.unit) throw errors.validation(`“${m.name}”不在机关或事业单位党组织，先锋承诺三方评价适用于机关、事业单位党员`, 'for members of 机关 and 事业单位 only');
    const w = b.weights ?? DEFAULT_WEIGHTS;
    if (Math.abs(w.self + w.peer + w.org - 1) > 1e-9) throw errors.validation('三方权重之和应为1', 'the weights must sum to 1', [{ path: ['weights'], message: '权重之和应为1' }]);
    return db.transaction(async (tx) => {
      const [r] = await rows<{ id: number; excellent: boolean | null }>(tx, sql`INSERT INTO vanguard_reviews (county_id, org_id, org_path, year, member_id, member_name, self_score, peer_scores, org_score, weights)
        VALUES (${m.countyId}, ${m.orgId}, ${m.orgPath}, ${b.year}, ${b.memberId}, ${m.name}, ${b.self ?? null}, ${`{${(b.peers ?? []).join(',')}}`}::float8[], ${b.org ?? null}, ${JSON.stringify(w)}::jsonb)
        ON CONFLICT (county_id, member_id, year) DO UPDATE SET
          self_score = CASE WHEN ${b.self !== undefined} THEN EXCLUDED.self_score ELSE vanguard_reviews.self_score END,
          peer_scores = CASE WHEN ${b.peers !== undefined} THEN EXCLUDED.peer_scores ELSE vanguard_reviews.peer_scores END,
          org_score = CASE WHEN ${b.org !== undefined} THEN EXCLUDED.org_score ELSE vanguard_reviews.org_score END,
          weights = CASE WHEN ${b.weights !== undefined} THEN EXCLUDED.weights ELSE vanguard_reviews.weights END,
          row_version = vanguard_reviews.row_version + 1, updated_at = now()
        RETURNING id, excellent`);
      if (r.excellent !== null) throw new AppError('INVALID_STATE', '已作出优秀党员评定，不能再修改评价', 'decided already');
      await insertEvent(tx, { type: 'vanguard.scored', ...who(actor), countyId: m.countyId, orgId: m.orgId, orgPath: m.orgPath, targetType: 'vanguard_review', targetId: r.id,
        data: { year: b.year, member: b.memberId, parts: [b.self !== undefined && 'self', b.peers !== undefined && 'peer', b.org !== undefined && 'org'].filter(Boolean) } });
      return { id: r.id };
    });
  });

  /** The reviews of an organisation's subtree in a year, with totals, ranks and recommendations. */
  async function ranking(actor: Actor, org: OrgRef, year: number) {
    const list = await rows<Review & { orgName: string }>(db, sql`SELECT ${REVIEW}, (SELECT o.name FROM orgs o WHERE o.id = vanguard_reviews.org_id) AS "orgName"
      FROM vanguard_reviews WHERE org_path LIKE ${`${org.path}%`} AND year = ${year} ORDER BY member_name, id`);
    const items = list.map((r) => {
      const peers = r.peerScores.map(Number);
      const total = vanguardTotal(r.weights, r.selfScore, peers, r.orgScore);
      const { orgPath, peerScores: _p, ...rest } = r;
      return { ...rest, peers: peers.length, peerMean: peers.length ? Math.round((peers.reduce((a, b) => a + b, 0) / peers.length) * 10) / 10 : null, peerScores: peers, total,
        complete: r.selfScore !== null && peers.length > 0 && r.orgScore !== null, actions: manage(actor, orgPath) && r.excellent === null ? ['score', 'decide'] : [] };
    });
    const recommended = recommend(items);
    const ranked = [...items].filter((x) => x.total !== null).sort((a, b) => b.total! - a.total!);
    return items.map((x) => ({ ...x, rank: x.total === null ? null : ranked.findIndex((y) => y.total === x.total) + 1, recommended: recommended.has(x.id) }));
  }

  app.get('/vanguard/reviews', { schema: { tags, summary: '三方评价排名与优秀党员推荐 / totals, ranking and recommendations', querystring: YearQuery } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    return { year: req.query.year, items: await ranking(actor, org, req.query.year) };
  });

  app.get('/vanguard/reviews/export', { schema: { tags, summary: '导出三方评价 / the reviews as .xlsx', querystring: YearQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    const items = (await ranking(actor, org, req.query.year)).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.memberName.localeCompare(b.memberName, 'zh-CN'));
    const pct = (w: number) => Math.round(w * 100);
    async function* pages() {
      yield items.map((x) => [x.rank ?? '', x.memberName, x.orgName, x.selfScore ?? '', x.peerMean ?? '', x.peers, x.orgScore ?? '', `${pct(x.weights.self)}/${pct(x.weights.peer)}/${pct(x.weights.org)}`,
        x.total ?? '', x.recommended ? '推荐' : '', x.excellent === null ? '未评定' : x.excellent ? '优秀党员' : '未评为优秀', x.decisionNote ?? '']);
    }
    return sendExport(db, reply, actor, {
      kind: 'vanguard_reviews', title: `${req.query.year}年度先锋承诺三方评价`, filters: req.query, anchor: org,
      heads: [['名次', 6], ['党员', 12], ['党组织', 24], ['自评', 8], ['互评均分', 10], ['互评份数', 10], ['组织评价', 10], ['权重（自评/互评/组织）', 22], ['总分', 8], ['推荐', 8], ['评定', 12], ['说明', 30]],
      src: { count: items.length, pages: pages() },
    });
  });

  app.get('/me/vanguard', { schema: { tags, summary: '本人的先锋承诺自评 / my own self-assessment', querystring: z.strictObject({ year: YearQuery.shape.year }) } }, async (req) => {
    const actor = actorOf(req);
    if (!actor.memberId) throw errors.notFound('本人党员信息', 'own member record');
    const [m] = await rows<{ name: string; unit: string | null }>(db, sql`SELECT m.name, ${UNIT} AS unit FROM members m
      WHERE m.county_id = ${actor.memberCountyId} AND m.id = ${actor.memberId}`);
    if (!m) throw errors.notFound('本人党员信息', 'own member record');
    const [r] = await rows<{ selfScore: number | null; excellent: boolean | null; decisionNote: string | null }>(db, sql`SELECT self_score AS "selfScore", excellent, decision_note AS "decisionNote"
      FROM vanguard_reviews WHERE county_id = ${actor.memberCountyId} AND member_id = ${actor.memberId} AND year = ${req.query.year}`);
    return { year: req.query.year, memberName: m.name, applicable: m.unit !== null, review: r ?? null };
  });

  app.post('/vanguard/reviews/:id/decide', { schema: { tags, summary: '评定优秀党员 / record the 优秀党员 decision', params: IdParams, body: z.strictObject({ excellent: z.boolean(), note: z.string().trim().max(500).nullish(), rowVersion: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const [r] = await rows<Review>(db, sql`SELECT ${REVIEW} FROM vanguard_reviews WHERE id = ${req.params.id}`);
    if (!r || !can(actor, 'eval.read', r.orgPath)) throw errors.notFound('三方评价', 'review');
    if (!manage(actor, r.orgPath)) throw errors.forbidden();
    if (r.excellent !== null) throw new AppError('INVALID_STATE', '已作出评定', 'decided already');
    if (req.body.excellent && (r.selfScore === null || !r.peerScores.length || r.orgScore === null)) throw new AppError('INVALID_STATE', '三方评价齐全后才能评为优秀党员', 'all three assessments first');
    return db.transaction(async (tx) => {
      const u = await rows<{ id: number }>(tx, sql`UPDATE vanguard_reviews SET excellent = ${req.body.excellent}, decision_note = ${req.body.note ?? null}, row_version = row_version + 1, updated_at = now()
        WHERE county_id = ${r.countyId} AND id = ${r.id} AND row_version = ${req.body.rowVersion} RETURNING id`);
      if (!u.length) throw new AppError('VERSION_CONFLICT', '评价已被他人修改，请刷新后重试', 'changed meanwhile: reload');
      await insertEvent(tx, { type: 'vanguard.decided', ...who(actor), countyId: r.countyId, orgPath: r.orgPath, targetType: 'vanguard_review', targetId: r.id, data: { member: r.memberId, excellent: req.body.excellent } });
      return { id: r.id, excellent: req.body.excellent };
    });
  });
};
