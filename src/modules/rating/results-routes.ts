/**
 * /api/v1/stars results: the targets (shares of community organisations at three stars or more and
 * at five stars, against the standard's targets) by the children of any organisation and by year;
 * the year-end 通报 of a county; and the cadre pay table (three stars the base, a coefficient per
 * level), each also as .xlsx.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { sendExport } from '../excel/index.js';
import { payCoefficient, projectFund } from './rules.js';
import { awardsOf } from './awards.js';
import { shareOf } from './five-good.js';
import { STANDARD_003 } from './standard-003.js';
import type { StarStandard } from './standard.js';
import { RATED_KINDS, currentStandard } from './service.js';
import { Year } from './schema.js';
import { targets } from './targets.js';

const Format = z.enum(['json', 'xlsx']).default('json');

/** The standard in force for a county and year: its own newest version, else the built-in one. */
async function standardOf(db: Db, countyId: number, year: number): Promise<StarStandard> {
  return (await currentStandard(db, countyId, year))?.definition ?? STANDARD_003;
}

/** The results routes plugin. */
export const ratingResultRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['stars'];

  /**
   * The organisation a result covers: a county, or a street or community under one that the caller
   * may read (a street's administrators see their own street's part of the county's results).
   */
  async function anchorFor(actor: Actor, id: number): Promise<OrgRef & { countyId: number }> {
    const c = (await requireAccess(db, actor, 'rating.read', [id])).get(id)!;
    if (c.countyId === null) throw errors.validation('请选择县（区）或其下的街道、社区', 'choose a county or an organisation in one');
    return c as OrgRef & { countyId: number };
  }

  app.get('/stars/targets', {
    schema: { tags, summary: '评星目标完成情况 / shares at ≥3★ and 5★ against the targets, by child organisation and year', querystring: z.strictObject({ orgId: z.coerce.number().int().positive(), from: Year, to: Year }) },
  }, async (req) => {
    const actor = actorOf(req);
    const { from, to } = req.query;
    if (to < from || to - from > 9) throw errors.validation('年度范围应为1至10年', 'a range of 1 to 10 years');
    const node = (await requireAccess(db, actor, 'rating.read', [req.query.orgId])).get(req.query.orgId)!;
    const std = node.countyId ? await standardOf(db, node.countyId, to) : STANDARD_003;
    return { node: { id: node.id, name: node.name, kind: node.kind }, targets: std.targets, ...(await targets(db, node, from, to)) };
  });

  /** The report's and pay table's WHERE: the year's published ratings under the anchor. */
  const published = (anchor: OrgRef & { countyId: number }, year: number) =>
    sql`a.county_id = ${anchor.countyId} AND a.org_path LIKE ${`${anchor.path}%`} AND a.year = ${year} AND a.state = 'published'`;
  const countyName = async (id: number) => (await rows<{ name: string }>(db, sql`SELECT name FROM orgs WHERE id = ${id}`))[0]?.name ?? '';
  const Anchor = z.strictObject({ orgId: z.coerce.number().int().positive(), year: Year, format: Format });

  app.get('/stars/report', {
    schema: { tags, summary: '年度评星通报 / the year-end report of a county (or of a street in it)', querystring: Anchor },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const anchor = await anchorFor(actor, req.query.orgId);
    const { year } = req.query;
    const list = await rows<{ orgId: number; orgName: string; streetName: string | null; level: number; docNumber: string | null; previous: number | null }>(db, sql`
      SELECT a.org_id AS "orgId", o.name AS "orgName", p.name AS "streetName", a.level, a.doc_number AS "docNumber",
        (SELECT b.level FROM star_applications b WHERE b.county_id = a.county_id AND b.org_id = a.org_id AND b.year = ${year - 1} AND b.state = 'published') AS previous
      FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE ${published(anchor, year)} ORDER BY a.level DESC, p.name, o.name`);
    const std = await standardOf(db, anchor.countyId, year);
    // the community organisations that existed in the year
    const [{ n: communities }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs WHERE county_id = ${anchor.countyId} AND path LIKE ${`${anchor.path}%`}
      AND kind IN ('community', 'village') AND NOT archived AND (established_on IS NULL OR established_on <= make_date(${year}, 12, 31))`);
    const awards = await awardsOf(db, anchor, year);
    const byLevel = [5, 4, 3, 2, 1].map((level) => ({ level, orgs: list.filter((x) => x.level === level) }));
    const change = (x: { level: number; previous: number | null }) => (x.previous === null ? 'new' : x.level > x.previous ? 'up' : x.level < x.previous ? 'down' : 'same');
    const title = `${year}年度社区党组织评星晋级结果通报`; // the export puts the organisation's name first
    if (req.query.format === 'xlsx') {
      async function* pages() { yield list.map((x) => [x.level, x.streetName ?? '', x.orgName, x.previous ?? '', { new: '首次评定', up: '晋级', down: '降级', same: '保持' }[change(x)], x.docNumber ?? '', x.level === 5 ? '表彰' : '']); }
      return sendExport(db, reply, actor, {
        kind: 'star_report', title, filters: { year }, anchor,
        heads: [['星级', 8], ['街道', 16], ['社区党组织', 24], ['上年星级', 10], ['变化', 10], ['文号', 22], ['表彰', 8]], src: { count: list.length, pages: pages() },
      });
    }
    return {
      county: { id: anchor.countyId, name: await countyName(anchor.countyId) }, scope: { id: anchor.id, name: anchor.name, kind: anchor.kind }, year, communities, rated: list.length,
      threePlusShare: shareOf(list.filter((x) => x.level >= 3).length, communities), fiveShare: shareOf(list.filter((x) => x.level === 5).length, communities),
      targets: std.targets, commended: list.filter((x) => x.level === 5).map((x) => ({ orgId: x.orgId, orgName: x.orgName, streetName: x.streetName })),
      innovationAward: std.innovationAward, awards,
      byLevel: byLevel.map((b) => ({ level: b.level, orgs: b.orgs.map((x) => ({ ...x, change: change(x) })) })),
    };
  });

  app.get('/stars/pay', {
    schema: { tags, summary: '社区干部报酬系数表 / cadre pay coefficients from the year\'s stars (3★ = 1.0)', querystring: Anchor },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const anchor = await anchorFor(actor, req.query.orgId);
    const { year } = req.query;
    const std = await standardOf(db, anchor.countyId, year);
    // community cadres: members holding a post in the community's own organisations
    const list = await rows<{ orgId: number; orgName: string; level: number; memberId: number; name: string; post: string }>(db, sql`
      SELECT a.org_id AS "orgId", o.name AS "orgName", a.level, m.id AS "memberId", m.name, m.post
      FROM star_applications a JOIN orgs o ON o.id = a.org_id JOIN members m ON m.county_id = a.county_id AND m.org_path LIKE a.org_path || '%'
      WHERE ${published(anchor, year)} AND o.kind = ANY(${`{${RATED_KINDS.join(',')}}`}::text[])
        AND m.post IS NOT NULL AND m.post <> '' AND m.party_state IN ('正常', '恢复')
      ORDER BY o.name, m.name LIMIT 100001`);
    const items = list.map((x) => ({ ...x, coefficient: payCoefficient(std, x.level) }));
    if (req.query.format === 'xlsx') {
      async function* pages() { yield items.map((x) => [x.orgName, x.level, x.coefficient, x.name, x.post]); }
      return sendExport(db, reply, actor, {
        kind: 'star_pay', title: `${year}年度社区干部报酬系数`, filters: { year }, anchor,
        heads: [['社区党组织', 24], ['星级', 8], ['报酬系数', 10], ['姓名', 12], ['职务', 16]], src: { count: items.length, pages: pages() },
      });
    }
    return { county: { id: anchor.countyId, name: await countyName(anchor.countyId) }, scope: { id: anchor.id, name: anchor.name, kind: anchor.kind }, year, base: 3, coefficients: std.payCoefficients, items };
  });

  app.get('/stars/funds', {
    schema: { tags, summary: '项目资金与创新奖 / project funds by star level and 创新奖 awards of the year', querystring: Anchor },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const anchor = await anchorFor(actor, req.query.orgId);
    const { year } = req.query;
    const std = await standardOf(db, anchor.countyId, year);
    const [list, awards] = await Promise.all([
      rows<{ orgId: number; orgName: string; streetName: string | null; level: number }>(db, sql`
        SELECT a.org_id AS "orgId", o.name AS "orgName", p.name AS "streetName", a.level FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id
        WHERE ${published(anchor, year)} ORDER BY a.level DESC, p.name, o.name`),
      awardsOf(db, anchor, year),
    ]);
    const byOrg = new Map(awards.map((w) => [w.orgId, w]));
    const items = list.map((x) => {
      const fund = projectFund(std, x.level);
      const award = byOrg.get(x.orgId) ?? null;
      return { ...x, projectFund: fund, award: award && { id: award.id, title: award.title, amount: award.amount }, total: fund + (award?.amount ?? 0) };
    });
    // an award may go to a community whose rating is not (yet) published that year
    const unrated = awards.filter((w) => !list.some((x) => x.orgId === w.orgId))
      .map((w) => ({ orgId: w.orgId, orgName: w.orgName, streetName: w.streetName, level: null, projectFund: 0, award: { id: w.id, title: w.title, amount: w.amount }, total: w.amount }));
    const all = [...items, ...unrated];
    if (req.query.format === 'xlsx') {
      async function* pages() { yield all.map((x) => [x.streetName ?? '', x.orgName, x.level ?? '', x.projectFund, x.award?.title ?? '', x.award?.amount ?? '', x.total]); }
      return sendExport(db, reply, actor, {
        kind: 'star_funds', title: `${year}年度项目资金与创新奖`, filters: { year }, anchor,
        heads: [['街道', 16], ['社区党组织', 24], ['星级', 8], ['项目资金（元）', 14], ['创新奖项目', 24], ['创新奖（元）', 12], ['合计（元）', 14]], src: { count: all.length, pages: pages() },
      });
    }
    return {
      county: { id: anchor.countyId, name: await countyName(anchor.countyId) }, scope: { id: anchor.id, name: anchor.name, kind: anchor.kind }, year,
      projectFunds: { 1: projectFund(std, 1), 2: projectFund(std, 2), 3: projectFund(std, 3), 4: projectFund(std, 4), 5: projectFund(std, 5) },
      innovationAward: std.innovationAward, items: all,
      totals: { projectFunds: all.reduce((n, x) => n + x.projectFund, 0), awards: awards.reduce((n, w) => n + w.amount, 0) },
      // give while the year's standard has the award; withdraw whenever (it may have been switched off since)
      actions: can(actor, 'rating.decide', anchor.path) ? [...(std.innovationAward.enabled ? ['award'] : []), 'revoke'] : [],
    };
  });
};
