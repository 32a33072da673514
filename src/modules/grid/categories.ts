/**
 * Request categories are data, per county: each has a default handler and a time limit in working
 * days. A county starts with DEFAULT_CATEGORIES; its administrators add, rename, re-time or retire
 * them (a category in use is retired, never removed).
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { DEFAULT_CATEGORIES, DEFAULT_HALL_KINDS, HANDLERS, type HandlerKind } from './rules.js';

export type Category = { id: number; countyId: number; name: string; handler: HandlerKind; limitDays: number; active: boolean; sort: number };
const CATEGORY = sql`id, county_id AS "countyId", name, handler, limit_days AS "limitDays", active, sort`;

export const CategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(30),
  handler: z.enum(HANDLERS),
  limitDays: z.number().int().min(1, '时限至少1个工作日').max(90, '时限不超过90个工作日'),
  active: z.boolean().default(true),
  sort: z.number().int().min(0).max(999).default(0),
});

/** Gives a county the default request categories and hall kinds when it has none; returns how many categories were added. */
export async function ensureCategories(tx: Db, countyId: number): Promise<number> {
  const [{ n, h }] = await rows<{ n: number; h: number }>(tx, sql`SELECT (SELECT count(*)::int FROM request_categories WHERE county_id = ${countyId}) AS n,
    (SELECT count(*)::int FROM hall_kinds WHERE county_id = ${countyId}) AS h`);
  if (h === 0) for (const [i, name] of DEFAULT_HALL_KINDS.entries()) await tx.execute(sql`INSERT INTO hall_kinds (county_id, name, sort) VALUES (${countyId}, ${name}, ${i})`);
  if (n > 0) return 0;
  for (const [i, c] of DEFAULT_CATEGORIES.entries()) {
    await tx.execute(sql`INSERT INTO request_categories (county_id, name, handler, limit_days, sort) VALUES (${countyId}, ${c.name}, ${c.handler}, ${c.limitDays}, ${i})`);
  }
  return DEFAULT_CATEGORIES.length;
}

/** Gives every county that has no categories (or hall kinds) the defaults (at start, and after generated data is loaded); returns how many counties got them. */
export async function ensureAllCategories(db: Db): Promise<number> {
  const values = sql.join(DEFAULT_CATEGORIES.map((c, i) => sql`(${c.name}, ${c.handler}, ${c.limitDays}::int, ${i}::int)`), sql`, `);
  const r = await rows<{ countyId: number }>(db, sql`INSERT INTO request_categories (county_id, name, handler, limit_days, sort)
    SELECT o.id, d.name, d.handler, d.limit_days, d.sort FROM orgs o CROSS JOIN (VALUES ${values}) AS d(name, handler, limit_days, sort)
    WHERE o.kind = 'county' AND NOT EXISTS (SELECT 1 FROM request_categories k WHERE k.county_id = o.id)
    RETURNING county_id AS "countyId"`);
  const kinds = sql.join(DEFAULT_HALL_KINDS.map((k, i) => sql`(${k}, ${i}::int)`), sql`, `);
  await db.execute(sql`INSERT INTO hall_kinds (county_id, name, sort) SELECT o.id, d.name, d.sort FROM orgs o CROSS JOIN (VALUES ${kinds}) AS d(name, sort)
    WHERE o.kind = 'county' AND NOT EXISTS (SELECT 1 FROM hall_kinds k WHERE k.county_id = o.id)`);
  return new Set(r.map((x) => x.countyId)).size;
}

/** The categories of a county, the retired ones included when asked. */
export function categoriesOf(db: Db, countyId: number, all = false): Promise<Category[]> {
  return rows<Category>(db, sql`SELECT ${CATEGORY} FROM request_categories WHERE county_id = ${countyId} ${all ? sql`` : sql`AND active`} ORDER BY sort, id`);
}

/** The error of a category that is not the county's or no longer in use. */
export const noCategory = () => errors.validation('诉求分类不存在或已停用', 'no such category', [{ path: ['categoryId'], message: '分类无效' }]);

/** One active category of the county, or a clear refusal. */
export async function activeCategory(db: Db, countyId: number, id: number): Promise<Category> {
  const [c] = await rows<Category>(db, sql`SELECT ${CATEGORY} FROM request_categories WHERE county_id = ${countyId} AND id = ${id}`);
  if (!c || !c.active) throw noCategory();
  return c;
}

/** The county an organisation belongs to, checked for the caller. */
async function countyFor(db: Db, actor: Actor, orgId: number, manage: boolean): Promise<{ countyId: number; path: string }> {
  const o = (await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!;
  if (o.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
  const [county] = await rows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ${o.countyId}`);
  // categories are the county's: only those who manage requests for the whole county change them
  if (manage && !can(actor, 'request.manage', county.path)) throw errors.forbidden();
  return { countyId: o.countyId, path: county.path };
}

/** The county's categories, for anyone who reads requests in it. */
export async function listCategories(db: Db, actor: Actor, orgId: number): Promise<{ items: Category[]; manage: boolean }> {
  const { countyId, path } = await countyFor(db, actor, orgId, false);
  return { items: await categoriesOf(db, countyId, true), manage: can(actor, 'request.manage', path) };
}

/** Adds or changes a category of the county (by its county administrators). */
export async function saveCategory(db: Db, actor: Actor, orgId: number, id: number | null, body: z.infer<typeof CategoryBody>): Promise<{ id: number }> {
  const { countyId, path } = await countyFor(db, actor, orgId, true);
  return db.transaction(async (tx) => {
    const clash = await rows<{ id: number }>(tx, sql`SELECT id FROM request_categories WHERE county_id = ${countyId} AND name = ${body.name} AND id IS DISTINCT FROM ${id}`);
    if (clash.length) throw new AppError('CONFLICT', `已有名为“${body.name}”的分类`, 'a category of that name exists', [{ path: ['name'], message: '名称重复' }]);
    const [r] = id === null
      ? await rows<{ id: number }>(tx, sql`INSERT INTO request_categories (county_id, name, handler, limit_days, active, sort) VALUES (${countyId}, ${body.name}, ${body.handler}, ${body.limitDays}, ${body.active}, ${body.sort}) RETURNING id`)
      : await rows<{ id: number }>(tx, sql`UPDATE request_categories SET name = ${body.name}, handler = ${body.handler}, limit_days = ${body.limitDays}, active = ${body.active}, sort = ${body.sort}
          WHERE county_id = ${countyId} AND id = ${id} RETURNING id`);
    if (!r) throw errors.notFound('诉求分类', 'category');
    await insertEvent(tx, { type: 'request.category_saved', ...who(actor), countyId, orgId: countyId, orgPath: path, targetType: 'request_category', targetId: r.id, data: body });
    return r;
  });
}

export const HallKindBody = z.strictObject({ name: z.string().trim().min(1).max(30), active: z.boolean().default(true), sort: z.number().int().min(0).max(999).default(0) });

/** The county's kinds of 办事 at the one-stop halls, for anyone who reads requests in it. */
export async function listHallKinds(db: Db, actor: Actor, orgId: number) {
  const { countyId, path } = await countyFor(db, actor, orgId, false);
  const items = await rows<{ id: number; name: string; active: boolean; sort: number }>(db, sql`SELECT id, name, active, sort FROM hall_kinds WHERE county_id = ${countyId} ORDER BY sort, id`);
  return { items, manage: can(actor, 'request.manage', path) };
}

/** Adds or changes a kind of 办事 (by the county's administrators); a kind in use is retired, not removed. */
export async function saveHallKind(db: Db, actor: Actor, orgId: number, id: number | null, body: z.infer<typeof HallKindBody>): Promise<{ id: number }> {
  const { countyId, path } = await countyFor(db, actor, orgId, true);
  return db.transaction(async (tx) => {
    const clash = await rows<{ id: number }>(tx, sql`SELECT id FROM hall_kinds WHERE county_id = ${countyId} AND name = ${body.name} AND id IS DISTINCT FROM ${id}`);
    if (clash.length) throw new AppError('CONFLICT', `已有名为“${body.name}”的类别`, 'a kind of that name exists', [{ path: ['name'], message: '名称重复' }]);
    const [r] = id === null
      ? await rows<{ id: number }>(tx, sql`INSERT INTO hall_kinds (county_id, name, active, sort) VALUES (${countyId}, ${body.name}, ${body.active}, ${body.sort}) RETURNING id`)
      : await rows<{ id: number }>(tx, sql`UPDATE hall_kinds SET name = ${body.name}, active = ${body.active}, sort = ${body.sort} WHERE county_id = ${countyId} AND id = ${id} RETURNING id`);
    if (!r) throw errors.notFound('办事类别', 'kind');
    await insertEvent(tx, { type: 'hall_kind.saved', ...who(actor), countyId, orgId: countyId, orgPath: path, targetType: 'hall_kind', targetId: r.id, data: body });
    return r;
  });
}
