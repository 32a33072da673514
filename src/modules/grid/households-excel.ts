/**
 * A community's households (住户) as Excel: the roster as .xlsx with what the list shows (its first
 * seven columns those of the template), the import
 * template (grids of the community in its drop-down) and the import itself, which checks every row
 * (grid of this community, lengths, tags, an address not yet registered nor twice in the file) and
 * writes all of them or none, with progress on the import job. /api/v1.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { actorOf, type AppContext } from '../../platform/http/context.js';
import {
  ImportRunner, MAX_EXPORT_ROWS, TEMPLATE_FILE, XLSX_MIME, buildTemplate, cellText, contentDisposition, onePage, readUpload, sendExport, type Checked, type RowChecker, type RowError,
} from '../excel/index.js';
import { communityFor, listHouseholds, type Community } from './records.js';

const BATCH = 2000;
const LIMITS = { building: 20, unitNo: 20, room: 20, address: 200, headName: 50 } as const;
const HEADERS = { building: '楼栋', unitNo: '单元', room: '门牌号', address: '地址', headName: '户主' } as const;
const Query = z.strictObject({ communityId: z.coerce.number().int().positive() });

/** The tags of a cell: split on 、，, ; and spaces, blanks dropped, each kept once. */
export function splitTags(text: string): string[] {
  return [...new Set(text.split(/[、，,;；\s]+/).map((t) => t.trim()).filter(Boolean))];
}

type Ready = { gridId: number | null; building: string | null; unitNo: string | null; room: string | null; address: string; headName: string | null; tags: string[] };

/** The checker of a households import into community `c`: every row checked before anything is written. */
export function householdsChecker(db: Db, c: Community): RowChecker {
  return async (sheet, progress): Promise<Checked> => {
    const errs: RowError[] = [];
    const err = (row: number, column: string, message: string, messageEn: string) => errs.push({ row, column, message, messageEn });
    const grids = new Map((await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM grids WHERE county_id = ${c.countyId} AND community_id = ${c.id}`)).map((g) => [g.name, g.id]));
    const known = new Set((await rows<{ address: string }>(db, sql`SELECT address FROM households WHERE county_id = ${c.countyId} AND community_id = ${c.id}`)).map((h) => h.address));
    const seen = new Map<string, number>();
    const ready: Ready[] = [];
    for (const [i, r] of sheet.entries()) {
      const before = errs.length;
      const text = (k: string) => cellText(r.get(k));
      const fields = {} as Record<keyof typeof LIMITS, string | null>;
      for (const k of Object.keys(LIMITS) as (keyof typeof LIMITS)[]) {
        const v = text(k);
        if (v.length > LIMITS[k]) err(r.n, HEADERS[k], `${HEADERS[k]}不超过${LIMITS[k]}字`, `${k} is at most ${LIMITS[k]} characters`);
        fields[k] = v || null;
      }
      const address = fields.address;
      if (!address) err(r.n, '地址', '地址必填', 'the address is required');
      else if (known.has(address)) err(r.n, '地址', `该社区已登记地址为“${address}”的住户`, 'a household with this address is already registered');
      else if (seen.has(address)) err(r.n, '地址', `地址“${address}”已在第${seen.get(address)}行出现`, 'the address appears twice in the file');
      if (address && !seen.has(address)) seen.set(address, r.n);
      const gridName = text('grid');
      const gridId = gridName ? grids.get(gridName) ?? null : null;
      if (gridName && gridId === null) err(r.n, '网格', `“${c.name}”没有名为“${gridName}”的网格`, 'no grid of that name in the community');
      const tags = splitTags(text('tags'));
      if (tags.length > 10) err(r.n, '标签', '标签至多10个', 'at most 10 tags');
      const long = tags.find((t) => t.length > 10);
      if (long) err(r.n, '标签', `标签“${long}”超过10字`, 'a tag is at most 10 characters');
      if (errs.length === before) ready.push({ gridId, building: fields.building, unitNo: fields.unitNo, room: fields.room, address: address!, headName: fields.headName, tags });
      if (i % 500 === 499) await progress(i + 1);
    }
    if (errs.length) return { errors: errs, write: null };
    return {
      errors: [],
      write: async (tx) => {
        for (let i = 0; i < ready.length; i += BATCH) {
          const json = JSON.stringify(ready.slice(i, i + BATCH));
          await tx.execute(sql`INSERT INTO households (county_id, community_id, community_path, grid_id, building, unit_no, room, address, head_name, tags)
            SELECT ${c.countyId}, ${c.id}, ${c.path}, x."gridId", x.building, x."unitNo", x.room, x.address, x."headName", ARRAY(SELECT jsonb_array_elements_text(x.tags))
            FROM jsonb_to_recordset(${json}::jsonb) AS x("gridId" bigint, building text, "unitNo" text, room text, address text, "headName" text, tags jsonb)`);
        }
        return ready.length;
      },
    };
  };
}

/** A household as listHouseholds selects it (the columns exported). */
type HouseholdRow = {
  gridName: string | null; building: string | null; unitNo: string | null; room: string | null; address: string; headName: string | null; tags: string[];
  residents: number; visits: number; lastVisit: string | null; openRequests: number;
};

/** The households' Excel routes plugin. */
export const householdExcelRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['grid'];
  const runner = new ImportRunner(ctx, app.log);
  app.addHook('onClose', async () => { await runner.idle(); });

  app.get('/households/export', { schema: { tags, summary: '导出住户名册 / the households of a community as .xlsx', querystring: Query } }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await communityFor(db, actor, req.query.communityId, 'request.read');
    // one row more than an export may hold, so that sendExport refuses a roster that is too long instead of cutting it
    const list = await listHouseholds(db, actor, c.id, undefined, MAX_EXPORT_ROWS + 1) as HouseholdRow[];
    return sendExport(db, reply, actor, {
      kind: 'households', title: `${c.name}住户名册`, filters: req.query, anchor: c,
      heads: [['地址', 30], ['网格', 14], ['楼栋', 10], ['单元', 10], ['门牌号', 10], ['户主', 10], ['标签', 24], ['居民数', 8], ['走访次数', 8], ['最近走访', 12], ['未办结诉求', 10]],
      src: onePage(list.map((h) => [h.address, h.gridName ?? '', h.building ?? '', h.unitNo ?? '', h.room ?? '', h.headName ?? '', h.tags.join('、'), h.residents, h.visits, h.lastVisit ?? '', h.openRequests])),
    });
  });

  app.get('/households/template', { schema: { tags, summary: '住户导入模板（网格下拉为该社区的网格）/ the import template', querystring: Query } }, async (req, reply) => {
    const c = await communityFor(db, actorOf(req), req.query.communityId, 'resident.write');
    const grids = await rows<{ name: string }>(db, sql`SELECT name FROM grids WHERE county_id = ${c.countyId} AND community_id = ${c.id} ORDER BY kind, name`);
    const bytes = await buildTemplate('households', [], { grid: grids.map((g) => g.name) });
    return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(TEMPLATE_FILE.households, 'households-template.xlsx')).send(bytes);
  });

  app.post('/households/import', {
    schema: { tags, summary: '从 Excel 导入住户（multipart 字段 file；全部通过才写入）/ import households, all or nothing', querystring: Query, consumes: ['multipart/form-data'] },
  }, async (req, reply) => {
    const actor = actorOf(req);
    const c = await communityFor(db, actor, req.query.communityId, 'resident.write');
    if (!req.isMultipart()) throw new AppError('INVALID_FILE', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）', 'upload the .xlsx file as multipart/form-data, field "file"');
    const file = await req.file();
    if (!file || file.fieldname !== 'file') throw new AppError('INVALID_FILE', '请上传文件（字段名 file）', 'no file in the field "file"');
    const upload = await readUpload(file.filename.slice(0, 200), await file.toBuffer());
    const jobId = await runner.start(actor, 'households', c, upload, householdsChecker(db, c));
    return reply.status(202).send({ jobId });
  });
};
