/**
 * /api/v1/stars/five-good: which organisations met the 五好 standard in a year. The street or the
 * county sets the five parts of each organisation it covers, one at a time or from an .xlsx file;
 * the list shows every organisation the standard counts (社区, 企业, 机关, 事业单位) that existed in
 * the year, assessed or not, with the year's shares per group; the same list as .xlsx.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { requireAccess, type OrgRef } from '../../platform/auth/access.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { ImportRunner, TEMPLATE_FILE, XLSX_MIME, buildTemplate, contentDisposition, readUpload, sendExport } from '../excel/index.js';
import { assessable, fiveGoodChecker, maySet, writeFiveGood, type Parts } from './five-good-store.js';
import {
  CATEGORY_NAMES, FIVE_GOOD_CATEGORIES, FIVE_GOOD_ITEMS, FIVE_GOOD_NAMES, GROUP_OF, shareOf, type FiveGoodCategory,
} from './five-good.js';
import { iso } from './service.js';
import { Year } from './schema.js';

const Query = z.strictObject({
  orgId: z.coerce.number().int().positive(),
  year: Year,
  category: z.enum(FIVE_GOOD_CATEGORIES).optional(),
  state: z.enum(['met', 'notMet', 'unassessed']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const Body = z.strictObject({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  ...Object.fromEntries(FIVE_GOOD_ITEMS.map((k) => [k, z.boolean()])) as Record<(typeof FIVE_GOOD_ITEMS)[number], z.ZodBoolean>,
  note: z.string().trim().max(500, '说明最长500字').nullish(),
  /** The row version the change was made on; absent for an organisation not yet assessed that year. */
  rowVersion: z.number().int().positive().optional(),
});

type Item = { orgId: number; orgName: string; parentName: string | null; category: FiveGoodCategory; path: string; assessed: boolean; met: boolean | null; note: string | null;
  rowVersion: number | null; updatedAt: string | null; assessorName: string | null } & Record<(typeof FIVE_GOOD_ITEMS)[number], boolean | null>;


/** The five-good routes plugin. */
export const fiveGoodRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['stars'];
  const runner = new ImportRunner(ctx, app.log);
  app.addHook('onClose', async () => { await runner.idle(); });

  /** The organisations the standard counts under `node` that existed in the year, with their year's 五好 row. */
  function listed(node: OrgRef, year: number, where: SQL[] = []) {
    const conds = [sql`true`, ...where];
    return sql`SELECT * FROM (SELECT o.id AS "orgId", o.name AS "orgName", p.name AS "parentName", o.path, o.five_good_category AS category,
        f.id IS NOT NULL AS assessed, f.met, f.leadership, f.members, f.mechanism, f.performance, f.reputation, f.note, f.row_version AS "rowVersion",
        ${iso(sql`f.updated_at`)} AS "updatedAt", u.display_name AS "assessorName"
      FROM orgs o LEFT JOIN orgs p ON p.id = o.parent_id
        LEFT JOIN five_good_ratings f ON f.county_id = o.county_id AND f.org_id = o.id AND f.year = ${year} LEFT JOIN users u ON u.id = f.assessed_by
      WHERE o.path LIKE ${`${node.path}%`} AND NOT o.archived AND (o.established_on IS NULL OR o.established_on <= make_date(${year}, 12, 31))
        AND o.five_good_category IS NOT NULL) x WHERE ${sql.join(conds, sql` AND `)}`;
  }

  app.get('/stars/five-good', { schema: { tags, summary: '五好党组织评定 / organisations counted by the 五好 standard and the year\'s result', querystring: Query } }, async (req) => {
    const actor = actorOf(req);
    const { orgId, year, page, pageSize } = req.query;
    const node = (await requireAccess(db, actor, 'rating.read', [orgId])).get(orgId)!;
    const where: SQL[] = [];
    if (req.query.category) where.push(sql`x.category = ${req.query.category}`);
    if (req.query.state === 'met') where.push(sql`x.met`);
    if (req.query.state === 'notMet') where.push(sql`x.assessed AND NOT x.met`);
    if (req.query.state === 'unassessed') where.push(sql`NOT x.assessed`);
    const [items, counts] = await Promise.all([
      rows<Item>(db, sql`${listed(node, year, where)} ORDER BY x.category, x.path LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      rows<{ category: FiveGoodCategory; orgs: number; assessed: number; met: number }>(db, sql`SELECT x.category, count(*)::int AS orgs,
        count(*) FILTER (WHERE x.assessed)::int AS assessed, count(*) FILTER (WHERE x.met)::int AS met FROM (${listed(node, year)}) x GROUP BY 1`),
    ]);
    const filtered = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM (${listed(node, year, where)}) y`);
    const group = (g: 'community' | 'organ') => {
      const c = counts.filter((x) => GROUP_OF[x.category] === g);
      const orgs = c.reduce((n, x) => n + x.orgs, 0);
      const met = c.reduce((n, x) => n + x.met, 0);
      return { orgs, assessed: c.reduce((n, x) => n + x.assessed, 0), met, share: shareOf(met, orgs) };
    };
    return {
      node: { id: node.id, name: node.name, kind: node.kind }, year,
      byCategory: FIVE_GOOD_CATEGORIES.map((c) => ({ category: c, name: CATEGORY_NAMES[c], ...(counts.find((x) => x.category === c) ?? { orgs: 0, assessed: 0, met: 0 }) })),
      groups: { community: group('community'), organ: group('organ') },
      items: items.map(({ path, ...x }) => ({ ...x, actions: maySet(actor, path) && year <= +today().slice(0, 4) ? ['set'] : [] })),
      total: filtered[0].n, page, pageSize,
      actions: maySet(actor, node.path) && year <= +today().slice(0, 4) ? ['import'] : [],
    };
  });

  app.get('/stars/five-good/export', { schema: { tags, summary: '导出五好评定 / the list as .xlsx', querystring: Query.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const { orgId, year } = req.query;
    const node = (await requireAccess(db, actor, 'rating.read', [orgId])).get(orgId)!;
    const where: SQL[] = req.query.category ? [sql`x.category = ${req.query.category}`] : [];
    const list = await rows<Item>(db, sql`${listed(node, year, where)} ORDER BY x.category, x.path LIMIT 100001`);
    const yes = (v: boolean | null) => (v === null ? '' : v ? '是' : '否');
    async function* pages() {
      yield list.map((x) => [x.parentName ?? '', x.orgName, CATEGORY_NAMES[x.category], ...FIVE_GOOD_ITEMS.map((k) => yes(x[k])), x.assessed ? (x.met ? '达到' : '未达到') : '未评定', x.note ?? '']);
    }
    return sendExport(db, reply, actor, {
      kind: 'five_good', title: `${year}年度“五好”党组织评定`, filters: { year, category: req.query.category ?? null }, anchor: node,
      heads: [['上级组织', 20], ['党组织', 28], ['类别', 16], ...FIVE_GOOD_ITEMS.map((k) => [FIVE_GOOD_NAMES[k], 12] as [string, number]), ['结果', 10], ['说明', 30]],
      src: { count: list.length, pages: pages() },
    });
  });

  app.put('/stars/five-good', { schema: { tags, summary: '评定五好 / set an organisation\'s 五好 result for a year', body: Body } }, async (req) => {
    const actor = actorOf(req);
    const { orgId, year, note, rowVersion } = req.body;
    const org = await assessable(db, actor, (await requireAccess(db, actor, 'rating.read', [orgId])).get(orgId)!, year);
    const parts = Object.fromEntries(FIVE_GOOD_ITEMS.map((k) => [k, req.body[k]])) as Parts;
    return db.transaction((tx) => writeFiveGood(tx, actor, org, year, parts, note ?? null, rowVersion));
  });

  const ImportTarget = z.strictObject({ orgId: z.coerce.number().int().positive(), year: Year });

  app.get('/stars/five-good/template', { schema: { tags, summary: '五好评定导入模板 / the import template, with the organisations counted under orgId', querystring: ImportTarget } }, async (req, reply) => {
    const actor = actorOf(req);
    const node = (await requireAccess(db, actor, 'rating.read', [req.query.orgId])).get(req.query.orgId)!;
    const names = await rows<{ name: string }>(db, sql`SELECT DISTINCT name FROM orgs WHERE path LIKE ${`${node.path}%`} AND five_good_category IS NOT NULL AND NOT archived ORDER BY name LIMIT 2000`);
    const bytes = await buildTemplate('five_good', names.map((n) => n.name));
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(TEMPLATE_FILE.five_good, 'five-good-template.xlsx')).send(bytes);
  });

  app.post('/stars/five-good/import', {
    schema: { tags, summary: '从 Excel 导入五好评定（multipart 字段 file；全部通过才写入，已评定的以导入为准）/ import a year\'s results, all or nothing', querystring: ImportTarget, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const { orgId, year } = req.query;
    const target = (await requireAccess(db, actor, 'rating.read', [orgId])).get(orgId)!;
    if (!maySet(actor, target.path)) throw errors.forbidden();
    if (year > +today().slice(0, 4)) throw errors.validation(`${year}年尚未到来，不能评定`, 'that year has not come yet');
    if (!req.isMultipart()) throw new AppError('INVALID_FILE', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'upload the .xlsx file as multipart/form-data, field "file"');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AppError('INVALID_FILE', '请上传文件（字段名 file）', 'no file in the field "file"');
    const upload = await readUpload(file.filename.slice(0, 200), await file.toBuffer());
    const jobId = await runner.start(actor, 'five_good', target, upload, fiveGoodChecker(db, actor, target, year));
    return reply.status(202).send({ jobId });
  });
};
