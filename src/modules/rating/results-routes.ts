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
import { requireAccess, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { sendExport } from '../excel/index.js';
import { payCoefficient } from './rules.js';
import { STANDARD_003 } from './standard-003.js';
import type { StarStandard } from './standard.js';
import { RATED_KINDS, currentStandard } from './service.js';
import { Year } from './schema.js';

const Format = z.enum(['json', 'xlsx']).default('json');

/** The standard in force for a county and year: its own newest version, else the built-in one. */
async function standardOf(db: Db, countyId: number, year: number): Promise<StarStandard> {
  return (await currentStandard(db, countyId, year))?.definition ?? STANDARD_003;
}

/**
 * Shares by child of `node` and year: communities (the denominator, as the tree stands now) and
 * published ratings at three stars or more and at five. One GROUP BY over the ratings, one over the
 * organisations, both on the subtree's path prefix.
 */
export async function targets(db: Db, node: OrgRef, from: number, to: number) {
  const k = node.path.split('/').filter(Boolean).length + 2; // split_part index of the child's id
  const like = `${node.path}%`;
  const [children, communities, rated] = await Promise.all([
    rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE parent_id = ${node.id} AND NOT archived ORDER BY name, id`),
    rows<{ child: string; n: number }>(db, sql`SELECT split_part(path, '/', ${k}) AS child, count(*)::int AS n FROM orgs
      WHERE path LIKE ${like} AND kind IN ('community', 'village') AND NOT archived AND id <> ${node.id} GROUP BY 1`),
    rows<{ child: string; year: number; rated: number; three: number; five: number }>(db, sql`SELECT split_part(org_path, '/', ${k}) AS child, year,
      count(*)::int AS rated, count(*) FILTER (WHERE level >= 3)::int AS three, count(*) FILTER (WHERE level = 5)::int AS five
      FROM star_applications WHERE org_path LIKE ${like} AND state = 'published' AND year BETWEEN ${from} AND ${to} GROUP BY 1, 2`),
  ]);
  const years = Array.from({ length: to - from + 1 }, (_, i) => from + i);
  const denominator = new Map(communities.map((c) => [Number(c.child), c.n]));
  const cell = new Map(rated.map((r) => [`${r.child}:${r.year}`, r]));
  const row = (id: number, name: string) => {
    const n = denominator.get(id) ?? 0;
    return {
      orgId: id, name, communities: n,
      years: years.map((y) => {
        const c = cell.get(`${id}:${y}`);
        return { year: y, rated: c?.rated ?? 0, threePlus: c?.three ?? 0, five: c?.five ?? 0, threePlusShare: n ? (c?.three ?? 0) / n : null, fiveShare: n ? (c?.five ?? 0) / n : null };
      }),
    };
  };
  const list = children.map((c) => row(c.id, c.name)).filter((r) => r.communities > 0);
  const total = list.reduce((n, r) => n + r.communities, 0);
  const all = {
    orgId: node.id, name: node.name, communities: total,
    years: years.map((y, i) => {
      const s = list.reduce((a, r) => ({ rated: a.rated + r.years[i].rated, three: a.three + r.years[i].threePlus, five: a.five + r.years[i].five }), { rated: 0, three: 0, five: 0 });
      return { year: y, rated: s.rated, threePlus: s.three, five: s.five, threePlusShare: total ? s.three / total : null, fiveShare: total ? s.five / total : null };
    }),
  };
  return { years, rows: list, all };
}

/** The results routes plugin. */
export const ratingResultRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['stars'];

  async function countyFor(actor: Actor, id: number): Promise<OrgRef> {
    const c = (await requireAccess(db, actor, 'rating.read', [id])).get(id)!;
    if (c.kind !== 'county') throw errors.validation('请选择县（区）', 'choose a county');
    return c;
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

  app.get('/stars/report', {
    schema: { tags, summary: '年度评星通报 / a county\'s year-end report', querystring: z.strictObject({ countyId: z.coerce.number().int().positive(), year: Year, format: Format }) },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const county = await countyFor(actor, req.query.countyId);
    const { year } = req.query;
    const list = await rows<{ orgId: number; orgName: string; streetName: string | null; level: number; docNumber: string | null; previous: number | null }>(db, sql`
      SELECT a.org_id AS "orgId", o.name AS "orgName", p.name AS "streetName", a.level, a.doc_number AS "docNumber",
        (SELECT b.level FROM star_applications b WHERE b.county_id = a.county_id AND b.org_id = a.org_id AND b.year = ${year - 1} AND b.state = 'published') AS previous
      FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE a.county_id = ${county.id} AND a.year = ${year} AND a.state = 'published' ORDER BY a.level DESC, p.name, o.name`);
    const std = await standardOf(db, county.id, year);
    const [{ n: communities }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM orgs WHERE county_id = ${county.id} AND kind IN ('community', 'village') AND NOT archived`);
    const byLevel = [5, 4, 3, 2, 1].map((level) => ({ level, orgs: list.filter((x) => x.level === level) }));
    const change = (x: { level: number; previous: number | null }) => (x.previous === null ? 'new' : x.level > x.previous ? 'up' : x.level < x.previous ? 'down' : 'same');
    if (req.query.format === 'xlsx') {
      async function* pages() { yield list.map((x) => [x.level, x.streetName ?? '', x.orgName, x.previous ?? '', { new: '首次评定', up: '晋级', down: '降级', same: '保持' }[change(x)], x.docNumber ?? '', x.level === 5 ? '表彰' : '']); }
      return sendExport(db, reply, actor, {
        kind: 'star_report', title: `${year}年度社区党组织评星晋级结果通报`, filters: { year }, anchor: county,
        heads: [['星级', 8], ['街道', 16], ['社区党组织', 24], ['上年星级', 10], ['变化', 10], ['文号', 22], ['表彰', 8]], src: { count: list.length, pages: pages() },
      });
    }
    return {
      county: { id: county.id, name: county.name }, year, communities, rated: list.length,
      threePlusShare: communities ? list.filter((x) => x.level >= 3).length / communities : null, fiveShare: communities ? list.filter((x) => x.level === 5).length / communities : null,
      targets: std.targets, commended: list.filter((x) => x.level === 5).map((x) => ({ orgId: x.orgId, orgName: x.orgName, streetName: x.streetName })),
      innovationAward: std.innovationAward,
      byLevel: byLevel.map((b) => ({ level: b.level, orgs: b.orgs.map((x) => ({ ...x, change: change(x) })) })),
    };
  });

  app.get('/stars/pay', {
    schema: { tags, summary: '社区干部报酬系数表 / cadre pay coefficients from the year\'s stars (3★ = 1.0)', querystring: z.strictObject({ countyId: z.coerce.number().int().positive(), year: Year, format: Format }) },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const county = await countyFor(actor, req.query.countyId);
    const { year } = req.query;
    const std = await standardOf(db, county.id, year);
    // community cadres: members holding a post in the community's own organisations
    const list = await rows<{ orgId: number; orgName: string; level: number; memberId: number; name: string; post: string }>(db, sql`
      SELECT a.org_id AS "orgId", o.name AS "orgName", a.level, m.id AS "memberId", m.name, m.post
      FROM star_applications a JOIN orgs o ON o.id = a.org_id JOIN members m ON m.county_id = a.county_id AND m.org_path LIKE a.org_path || '%'
      WHERE a.county_id = ${county.id} AND a.year = ${year} AND a.state = 'published' AND o.kind = ANY(${`{${RATED_KINDS.join(',')}}`}::text[])
        AND m.post IS NOT NULL AND m.post <> '' AND m.party_state IN ('正常', '恢复')
      ORDER BY o.name, m.name LIMIT 100001`);
    const items = list.map((x) => ({ ...x, coefficient: payCoefficient(std, x.level) }));
    if (req.query.format === 'xlsx') {
      async function* pages() { yield items.map((x) => [x.orgName, x.level, x.coefficient, x.name, x.post]); }
      return sendExport(db, reply, actor, {
        kind: 'star_pay', title: `${year}年度社区干部报酬系数`, filters: { year }, anchor: county,
        heads: [['社区党组织', 24], ['星级', 8], ['报酬系数', 10], ['姓名', 12], ['职务', 16]], src: { count: items.length, pages: pages() },
      });
    }
    return { county: { id: county.id, name: county.name }, year, base: 3, coefficients: std.payCoefficients, items };
  });
};
