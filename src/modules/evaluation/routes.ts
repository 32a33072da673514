/**
 * /api/v1/eval: 民主评议 campaigns (set up, codes, opening, the tellers' shares, close, count,
 * results) for the organisation's managers; /api/v1/public/eval: the ballot of a code and the cast
 * (no login; the code travels in the body, never in an address that logs keep), and a receipt's
 * opened ballot after the count.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny } from '../../platform/db/client.js';
import { can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { IdParams } from '../org/schema.js';
import { CreateBody, createCampaign } from './setup.js';
import { sendExport } from '../excel/index.js';
import { GRADE_SETS, type Constituency } from './rules.js';
import { yearSummary } from './summary.js';
import { publishCampaign } from './publish.js';
import {
  ballotFor, campaignById, castBallot, closeCampaign, discardPaper, enterPaper, issueCodes, mayManage, openCampaign, paperWaiting, turnout, type CampaignRow,
} from './service.js';
import { bringShare, collectShare, countCampaign, shareStatus } from './count.js';

const Version = z.strictObject({ rowVersion: z.number().int().positive() });
const SummaryQuery = z.strictObject({ orgId: z.coerce.number().int().positive(), year: z.coerce.number().int().min(2000).max(2100) });
/** States a summarised campaign can be in, by name. */
const STATE_NAMES: Record<string, string> = { counted: '已计票', published: '已公布' };
const CodeBody = z.strictObject({ campaignId: z.number().int().positive(), code: z.string().trim().min(4).max(20) });
const CastBody = CodeBody.extend({
  constituency: z.enum(['members', 'residents']),
  grades: z.record(z.string().regex(/^\d{1,15}$/), z.string().max(10)).refine((o) => Object.keys(o).length <= 500, '最多500人'),
  comments: z.record(z.string().regex(/^\d{1,15}$/), z.string().max(400)).optional(),
});

/** The evaluation routes plugin. */
export const evaluationRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['evaluation'];

  /** A campaign the actor may read, or NOT_FOUND. */
  async function readable(actor: Actor, id: number): Promise<CampaignRow> {
    const c = await campaignById(db, id);
    if (!c || !(can(actor, 'eval.read', c.orgPath) || c.tellerIds.includes(actor.userId))) throw errors.notFound('评议', 'campaign');
    return c;
  }
  async function managed(actor: Actor, id: number): Promise<CampaignRow> {
    const c = await readable(actor, id);
    if (!mayManage(actor, c.orgPath)) throw errors.forbidden();
    return c;
  }
  const actionsOf = (actor: Actor, c: CampaignRow, shares?: Awaited<ReturnType<typeof shareStatus>>) => {
    const out: string[] = [];
    const m = mayManage(actor, c.orgPath);
    const teller = c.tellerIds.includes(actor.userId);
    if (m && c.state === 'draft') out.push('issueCodes', ...(c.codesIssued ? ['open'] : []));
    if (teller && c.state === 'open' && !(shares?.mineCollected ?? false)) out.push('collectShare');
    if (m && c.state === 'open') out.push('close');
    if (teller && (c.state === 'open' || c.state === 'closed')) out.push('enterPaper');
    if (teller && c.state === 'closed' && !(shares?.mineBrought ?? false)) out.push('bringShare');
    if (m && c.state === 'closed') out.push('count');
    if (m && c.state === 'counted') out.push('publish');
    return out;
  };

  app.post('/eval/campaigns', { schema: { tags, summary: '新建民主评议 / set up a campaign', body: CreateBody } }, async (req) => createCampaign(db, actorOf(req), req.body));

  app.get('/eval/teller-options', { schema: { tags, summary: '可担任计票人的用户 / users who may be tellers of an organisation\'s campaign', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    if (!mayManage(actor, org.path)) throw errors.forbidden();
    // the same rule as the set-up checks: a user with a role on the organisation, above it or below it
    const items = await rows<{ id: number; displayName: string; username: string; orgName: string }>(db, sql`SELECT DISTINCT ON (u.id) u.id, u.display_name AS "displayName", u.username, o.name AS "orgName"
      FROM users u JOIN grants g ON g.user_id = u.id JOIN orgs o ON o.id = g.org_id
      WHERE (${org.path} LIKE o.path || '%' OR o.path LIKE ${`${org.path}%`}) AND NOT u.disabled AND g.role NOT IN ('sys_admin', 'sec_admin', 'audit_admin') ORDER BY u.id LIMIT 200`);
    return { items };
  });

  app.get('/eval/resident-options', { schema: { tags, summary: '可作为党外群众代表投票的居民 / the community\'s non-party representatives, for a campaign of an organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    if (!mayManage(actor, org.path)) throw errors.forbidden();
    // the same rule as the set-up: representatives of the community the organisation belongs to (or lies above)
    const items = await rows<{ id: number; name: string; communityName: string }>(db, sql`SELECT r.id, r.name, o.name AS "communityName" FROM residents r JOIN orgs o ON o.id = r.community_id
      WHERE r.county_id = ${org.countyId} AND r.is_nonparty_rep AND (${org.path} LIKE r.community_path || '%' OR r.community_path LIKE ${`${org.path}%`}) ORDER BY o.name, r.name, r.id LIMIT 500`);
    return { items };
  });

  app.get('/eval/campaigns', { schema: { tags, summary: '民主评议列表 / campaigns in scope', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const where: SQL[] = [sql`(${underAny(sql`c.org_path`, scopePaths(actor, 'eval.read'))} OR ${actor.userId} = ANY(c.teller_ids))`];
    if (req.query.year) where.push(sql`c.year = ${req.query.year}`);
    const list = await rows<{ id: number }>(db, sql`SELECT c.id FROM eval_campaigns c WHERE ${sql.join(where, sql` AND `)} ORDER BY c.year DESC, c.id DESC LIMIT 200`);
    const items = await Promise.all(list.map(async ({ id }) => {
      const c = (await campaignById(db, id))!;
      return { id: c.id, orgId: c.orgId, name: c.name, year: c.year, state: c.state, opensAt: c.opensAt, closesAt: c.closesAt, turnout: await turnout(db, c), actions: actionsOf(actor, c, await shareStatus(db, c, actor.userId)) };
    }));
    return { items };
  });

  app.get('/eval/summary', { schema: { tags, summary: '年度评议结果汇总（由开箱后的选票重新计票）/ a year\'s results under an organisation, recounted from the opened ballots', querystring: SummaryQuery } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    return { org: { id: org.id, name: org.name }, ...(await yearSummary(db, org.path, req.query.year)) };
  });

  app.get('/eval/summary/export', { schema: { tags, summary: '导出年度评议汇总 / a year\'s recounted results under an organisation as .xlsx', querystring: SummaryQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'eval.read', [req.query.orgId])).get(req.query.orgId)!;
    const s = await yearSummary(db, org.path, req.query.year);
    const grades = [...GRADE_SETS.seed003, '未评定'];
    const check = (n: number) => (n ? `${n}人不一致` : '一致');
    async function* pages() {
      yield [
        ...s.items.map((x) => [x.orgName, x.name, STATE_NAMES[x.state] ?? x.state, x.members, ...grades.map((g) => x.grades[g] ?? 0), check(x.mismatches)]),
        ['合计', `${s.campaigns}次评议`, '', s.members, ...grades.map((g) => s.byGrade[g] ?? 0), check(s.mismatches)],
      ];
    }
    return sendExport(db, reply, actor, {
      kind: 'eval_summary', title: `${req.query.year}年度民主评议汇总`, filters: { org: org.id, year: req.query.year }, anchor: org,
      heads: [['党组织', 24], ['评议名称', 36], ['状态', 8], ['参评党员', 10], ...grades.map((g) => [g, 10] as [string, number]), ['重新计票核对', 14]],
      src: { count: s.items.length + 1, pages: pages() },
    });
  });

  app.get('/eval/campaigns/:id', { schema: { tags, summary: '民主评议详情 / a campaign: ballot, turnout, and after the count the results', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const c = await readable(actor, req.params.id);
    const subjects = await rows(db, sql`SELECT member_id AS "memberId", name, graded FROM eval_subjects WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} ORDER BY name, member_id`);
    const counted = c.state === 'counted' || c.state === 'published';
    const results = counted && (mayManage(actor, c.orgPath) || c.state === 'published')
      ? await rows(db, sql`SELECT r.member_id AS "memberId", s.name, r.counts, r.score, r.grade, r.reasons FROM eval_results r JOIN eval_subjects s ON s.county_id = r.county_id AND s.campaign_id = r.campaign_id AND s.member_id = r.member_id
          WHERE r.county_id = ${c.countyId} AND r.campaign_id = ${c.id} ORDER BY s.name, r.member_id`) : null;
    const { rule, tellerIds, ...rest } = c;
    return { ...rest, rule, grades: GRADE_SETS[rule.gradeSet], tellers: tellerIds.length, teller: tellerIds.includes(actor.userId), subjects, turnout: await turnout(db, c),
      paperWaiting: await paperWaiting(db, c), shares: await shareStatus(db, c, actor.userId), results, actions: actionsOf(actor, c, await shareStatus(db, c, actor.userId)) };
  });

  app.get('/eval/campaigns/:id/results/export', { schema: { tags, summary: '导出评议结果 / the results as .xlsx', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await readable(actor, req.params.id);
    if (!(c.state === 'published' || (c.state === 'counted' && mayManage(actor, c.orgPath)))) throw new AppError('INVALID_STATE', '计票后才有结果', 'no results before the count');
    const list = await rows<{ name: string; counts: Record<string, Record<string, number>>; score: number | null; grade: string | null; reasons: string[] }>(db, sql`SELECT s.name, r.counts, r.score, r.grade, r.reasons
      FROM eval_results r JOIN eval_subjects s ON s.county_id = r.county_id AND s.campaign_id = r.campaign_id AND s.member_id = r.member_id
      WHERE r.county_id = ${c.countyId} AND r.campaign_id = ${c.id} ORDER BY s.name, r.member_id`);
    const grades = GRADE_SETS[c.rule.gradeSet];
    async function* pages() {
      yield list.map((x) => [x.name, ...grades.map((g) => x.counts.members?.[g] ?? 0), ...grades.map((g) => x.counts.residents?.[g] ?? 0), x.score ?? '', x.grade ?? '未评定', x.reasons.join('；')]);
    }
    const org = (await requireAccess(db, actor, 'eval.read', [c.orgId]).catch(() => new Map())).get(c.orgId) ?? null;
    return sendExport(db, reply, actor, {
      kind: 'eval_results', title: `${c.year}年度民主评议结果`, filters: { campaign: c.id }, anchor: org,
      heads: [['党员', 12], ...grades.map((g) => [`党员票·${g}`, 10] as [string, number]), ...grades.map((g) => [`群众票·${g}`, 10] as [string, number]), ['综合得分', 10], ['等次', 10], ['依据', 60]],
      src: { count: list.length, pages: pages() },
    });
  });

  app.post('/eval/campaigns/:id/codes', { schema: { tags, summary: '发放投票码（每人一码，打印后分发；系统只保存其散列）/ issue the codes', params: IdParams, body: Version } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await managed(actor, req.params.id);
    const sheets = await issueCodes(db, actor, c, req.body.rowVersion);
    reply.header('cache-control', 'no-store');
    return { sheets };
  });

  app.post('/eval/campaigns/:id/open', { schema: { tags, summary: '开启票箱（生成密钥并分给计票人）/ open the box', params: IdParams, body: Version } }, async (req) => {
    const actor = actorOf(req);
    await openCampaign(db, keys, actor, await managed(actor, req.params.id), req.body.rowVersion);
    return { ok: true };
  });

  app.post('/eval/campaigns/:id/my-share', { schema: { tags, summary: '计票人领取开箱密钥（只能领取一次）/ a teller collects their share, once', params: IdParams } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await readable(actor, req.params.id);
    reply.header('cache-control', 'no-store');
    return { share: await collectShare(db, keys, actor, c) };
  });

  app.post('/eval/campaigns/:id/close', { schema: { tags, summary: '结束投票 / close the voting', params: IdParams, body: Version } }, async (req) => {
    const actor = actorOf(req);
    await closeCampaign(db, actor, await managed(actor, req.params.id), req.body.rowVersion);
    return { ok: true };
  });

  app.post('/eval/campaigns/:id/shares', { schema: { tags, summary: '计票人提交开箱密钥 / a teller brings their share to the count', params: IdParams, body: z.strictObject({ share: z.string().trim().min(8).max(400) }) } }, async (req) => {
    const actor = actorOf(req);
    return bringShare(db, keys, actor, await readable(actor, req.params.id), req.body.share);
  });

  app.post('/eval/campaigns/:id/count', { schema: { tags, summary: '开箱计票 / open the box and count', params: IdParams, body: Version } }, async (req) => {
    const actor = actorOf(req);
    return countCampaign(db, keys, actor, await managed(actor, req.params.id), req.body.rowVersion);
  });

  app.post('/eval/campaigns/:id/paper', { schema: { tags, summary: '计票人录入纸质选票（须两名计票人分别录入一致）/ a teller enters a paper ballot', params: IdParams, body: CastBody.omit({ campaignId: true }) } }, async (req) => {
    const actor = actorOf(req);
    const c = await readable(actor, req.params.id);
    return enterPaper(db, actor, c, { ...req.body, constituency: req.body.constituency as Constituency });
  });

  app.delete('/eval/campaigns/:id/paper', { schema: { tags, summary: '撤销纸质选票的第一次录入 / withdraw a paper ballot\'s first entry', params: IdParams, body: z.strictObject({ constituency: z.enum(['members', 'residents']), code: z.string().trim().min(4).max(20) }) } }, async (req) => {
    const actor = actorOf(req);
    const c = await managed(actor, req.params.id);
    await discardPaper(db, actor, c, req.body.constituency, req.body.code);
    return { ok: true };
  });

  app.post('/eval/campaigns/:id/publish', { schema: { tags, summary: '公布评议结果（基本不合格、不合格者转入组织处置）/ publish the results', params: IdParams, body: Version } }, async (req) => {
    const actor = actorOf(req);
    return publishCampaign(db, actor, await managed(actor, req.params.id), req.body.rowVersion);
  });

  // ——— public: no login; the code is in the body ———

  app.post('/public/eval/ballot', { config: { public: true, rateLimit: { max: 600, timeWindow: 60_000 } }, schema: { tags, summary: '凭投票码查看选票 / the ballot a code opens', body: CodeBody } }, async (req) => {
    const c = await campaignById(db, req.body.campaignId);
    if (!c) throw errors.notFound('评议', 'campaign');
    if (c.state !== 'open') throw new AppError('INVALID_STATE', c.state === 'draft' ? '投票尚未开始' : '投票已经结束', 'voting is not open');
    return ballotFor(db, c, req.body.code);
  });

  app.post('/public/eval/cast', { config: { public: true, rateLimit: { max: 600, timeWindow: 60_000 } }, schema: { tags, summary: '投票 / cast a ballot', body: CastBody } }, async (req) => {
    const c = await campaignById(db, req.body.campaignId);
    if (!c) throw errors.notFound('评议', 'campaign');
    const { campaignId: _id, ...body } = req.body;
    return castBallot(db, c, { ...body, constituency: body.constituency as Constituency });
  });

  app.get('/public/eval/:id/receipts/:receipt', {
    config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: { tags, summary: '凭回执核对选票 / the opened ballot of a receipt, after the count', params: z.strictObject({ id: z.coerce.number().int().positive(), receipt: z.string().regex(/^[0-9a-f]{64}$/) }) },
  }, async (req) => {
    const c = await campaignById(db, req.params.id);
    if (!c || (c.state !== 'counted' && c.state !== 'published')) throw errors.notFound('回执', 'receipt');
    const [o] = await rows<{ constituency: string; content: unknown }>(db, sql`SELECT constituency, content FROM eval_opened WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND receipt = ${req.params.receipt}`);
    if (!o) throw errors.notFound('回执', 'receipt');
    const subjects = await rows(db, sql`SELECT member_id AS "memberId", name FROM eval_subjects WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} ORDER BY name, member_id`);
    return { campaign: { id: c.id, name: c.name }, counted: true, ...o, subjects };
  });
};
