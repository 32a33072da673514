/**
 * Staff routes of residents' requests: the list in scope, one request with its whole history, raising
 * one on a resident's behalf, the steps (triage and assignment, delivery, work, resolution or closure,
 * merging, notes), the full contact number (audited), the escalation check, categories, and the review
 * meetings (研判). /api/v1/requests.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { can, requireAccess } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { decrypt } from '../../platform/crypto/sm.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { CategoryBody, listCategories, saveCategory } from './categories.js';
import { escalateOverdue } from './escalation.js';
import { Phone } from './public-routes.js';
import { decodePhotos, PHOTOS_BODY_LIMIT, Photos, storePhotos } from './photos.js';
import { actionsFor, raiseRequest, REQUEST, REQUEST_FROM, staffStep, visibleRequest, type RequestRow } from './requests.js';
import { agenda, AgendaQuery, HoldBody, holdMeeting, meetings } from './reviews.js';
import { HANDLERS, isOverdue, normaliseTrackingCode, STATES } from './rules.js';

const Note = z.string().trim().max(1000).nullish();
const PublicNote = z.string().trim().min(1, '请填写告知居民的说明').max(500);
const Version = z.number().int().positive();
const StepBody = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('assign'), rowVersion: Version, handlerKind: z.enum(HANDLERS), gridId: z.number().int().positive().nullish(), unitId: z.number().int().positive().nullish(), categoryId: z.number().int().positive().nullish(), note: Note }),
  z.strictObject({ action: z.enum(['deliver', 'start']), rowVersion: Version, note: Note }),
  z.strictObject({ action: z.enum(['resolve', 'close']), rowVersion: Version, publicNote: PublicNote, note: Note }),
  z.strictObject({ action: z.literal('merge'), rowVersion: Version, intoId: z.number().int().positive(), note: Note }),
  z.strictObject({ action: z.literal('note'), rowVersion: Version, publicNote: z.string().trim().max(500).nullish(), note: Note }),
]);
const StaffRaise = z.strictObject({
  communityId: z.number().int().positive(),
  kind: z.enum(['诉求', '意见建议']).default('诉求'),
  categoryId: z.number().int().positive(),
  title: z.string().trim().min(1).max(60),
  body: z.string().trim().min(1).max(2000),
  place: z.string().trim().max(200).nullish(),
  gridId: z.number().int().positive().nullish(),
  householdId: z.number().int().positive().nullish(),
  contactName: z.string().trim().max(50).nullish(),
  phone: Phone,
  photoIds: z.array(z.number().int().positive()).max(3).default([]),
  photos: Photos,
  source: z.enum(['liaison', 'visit', 'hall']).default('liaison'),
}).refine((b) => b.photoIds.length + b.photos.length <= 3, { message: '最多3张照片', path: ['photos'] });
const ListQuery = z.strictObject({
  orgId: z.coerce.number().int().positive().optional(),
  state: z.enum([...STATES, 'open']).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  gridId: z.coerce.number().int().positive().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

/** The staff requests plugin. */
export const requestRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['requests'];
  const present = (actor: ReturnType<typeof actorOf>, r: RequestRow, on: string) => {
    const { communityPath: _c, handlerPath: _h, ...rest } = r;
    return { ...rest, overdue: isOverdue(r.state, r.dueOn, on), actions: actionsFor(actor, r) };
  };

  app.get('/requests', { schema: { tags, summary: '诉求列表 / requests in scope', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    const q = req.query;
    const on = today();
    let paths: string[];
    if (q.orgId) paths = [(await requireAccess(db, actor, 'request.read', [q.orgId])).get(q.orgId)!.path];
    else paths = actor.grants.filter((g) => can(actor, 'request.read', g.orgPath)).map((g) => g.orgPath);
    if (!paths.length) throw errors.forbidden();
    const where = sql.join([
      sql`(${sql.join(paths.map((p) => sql`r.community_path LIKE ${`${p}%`}`), sql` OR `)})`,
      q.state === 'open' ? sql`r.state IN ('triage', 'assigned', 'in_progress')` : q.state ? sql`r.state = ${q.state}` : sql`true`,
      q.categoryId ? sql`r.category_id = ${q.categoryId}` : sql`true`,
      q.gridId ? sql`(r.grid_id = ${q.gridId} OR r.handler_grid_id = ${q.gridId})` : sql`true`,
      q.overdue === 'true' ? sql`r.state IN ('assigned', 'in_progress') AND r.due_on < ${on}` : q.overdue === 'false' ? sql`NOT (r.state IN ('assigned', 'in_progress') AND r.due_on < ${on})` : sql`true`,
      q.q ? sql`(r.title LIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR r.tracking_code = ${normaliseTrackingCode(q.q) ?? q.q.toUpperCase()})` : sql`true`,
    ], sql` AND `);
    const [{ total }] = await rows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM requests r WHERE ${where}`);
    // the page's ids first, from the requests alone; then each row of the page with its names. A filtered page sorts the
    // few ids its filters find (id + 0 keeps the planner from walking the whole id index backwards looking for them);
    // an unfiltered one walks the id index, where the newest requests, the ones in scope among them, come first.
    const filtered = !!(q.state || q.categoryId || q.gridId || q.overdue || q.q);
    const order = filtered ? sql`r.id + 0 DESC` : sql`r.id DESC`;
    const items = await rows<RequestRow>(db, sql`SELECT ${REQUEST} FROM (SELECT r.county_id, r.id FROM requests r WHERE ${where} ORDER BY ${order} LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}) p
      JOIN requests r ON r.county_id = p.county_id AND r.id = p.id ORDER BY r.id DESC`);
    return { total, page: q.page, pageSize: q.pageSize, today: on, items: items.map((r) => present(actor, r, on)) };
  });

  app.get('/requests/:id', { schema: { tags, summary: '诉求详情与全部步骤 / a request and its steps', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const r = await visibleRequest(db, actor, req.params.id);
    const steps = await rows(db, sql`SELECT id, action, from_state AS "fromState", to_state AS "toState", level, actor_name AS "actorName", public_note AS "publicNote", note, at
      FROM request_steps WHERE county_id = ${r.countyId} AND request_id = ${r.id} ORDER BY id`);
    const merged = await rows(db, sql`SELECT id, tracking_code AS "trackingCode", title FROM requests WHERE county_id = ${r.countyId} AND merged_into = ${r.id} ORDER BY id`);
    return { ...present(actor, r, today()), steps, merged, canViewContact: can(actor, 'resident.read_sensitive', r.communityPath) };
  });

  app.post('/requests', { bodyLimit: PHOTOS_BODY_LIMIT, schema: { tags, summary: '代居民登记诉求 / record a request on a resident\'s behalf', body: StaffRaise } }, async (req) => {
    const actor = actorOf(req);
    const c = (await requireAccess(db, actor, 'request.read', [req.body.communityId])).get(req.body.communityId)!;
    if (!['community', 'village'].includes(c.kind) || c.countyId === null) throw errors.validation('诉求登记在社区（村）', 'requests are raised in a community', [{ path: ['communityId'], message: '须为社区（村）' }]);
    if (!can(actor, 'visit.write', c.path) && !can(actor, 'request.manage', c.path)) throw errors.forbidden();
    if (req.body.photoIds.length) {
      const ok = await rows<{ id: number }>(db, sql`SELECT f.id FROM files f JOIN orgs o ON o.id = f.org_id WHERE f.id = ANY(${`{${req.body.photoIds.join(',')}}`}::bigint[]) AND o.path LIKE ${`${c.path}%`}`);
      if (ok.length !== new Set(req.body.photoIds).size) throw errors.validation('照片不属于该社区', 'a photo is not of this community', [{ path: ['photoIds'], message: '照片无效' }]);
    }
    const photos = decodePhotos(req.body.photos);
    const community = { id: c.id, path: c.path, countyId: c.countyId };
    return db.transaction(async (tx) => {
      const taken = await storePhotos(ctx, tx, community, photos, { userId: actor.userId, actorName: actor.username, ip: actor.ip ?? null });
      return raiseRequest(tx, keys, actor, community, { ...req.body, photoIds: [...req.body.photoIds, ...taken] });
    });
  });

  app.post('/requests/:id/steps', { schema: { tags, summary: '办理步骤：分拨交办、签收、办理、办结、未解决关闭、合并、备注 / take a step', params: IdParams, body: StepBody } }, async (req) => {
    const actor = actorOf(req);
    const r = await staffStep(db, actor, req.params.id, req.body);
    return present(actor, r, today());
  });

  app.get('/requests/:id/contact', { schema: { tags, summary: '查看居民完整联系电话（记审计）/ the full phone number, audited', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const r = await visibleRequest(db, actor, req.params.id);
    if (!can(actor, 'resident.read_sensitive', r.communityPath)) throw errors.forbidden();
    const [p] = await rows<{ enc: string | null }>(db, sql`SELECT phone_enc AS enc FROM requests WHERE county_id = ${r.countyId} AND id = ${r.id}`);
    await db.transaction((tx) => insertEvent(tx, { type: 'request.contact_viewed', ...who(actor), countyId: r.countyId, orgId: r.communityId, orgPath: r.communityPath, targetType: 'request', targetId: r.id }));
    return { contactName: r.contactName, phone: p.enc ? decrypt(keys, p.enc) : null };
  });

  app.post('/requests/escalations', { schema: { tags, summary: '检查超时并升级 / escalate overdue requests now', body: z.strictObject({ orgId: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'request.read', [req.body.orgId])).get(req.body.orgId)!;
    if (!can(actor, 'request.manage', org.path)) throw errors.forbidden();
    return escalateOverdue(db, actor, org.path);
  });

  const OrgQuery = z.strictObject({ orgId: z.coerce.number().int().positive() });
  app.get('/requests/categories', { schema: { tags, summary: '诉求分类 / categories', querystring: OrgQuery } }, async (req) => listCategories(db, actorOf(req), req.query.orgId));
  app.post('/requests/categories', { schema: { tags, summary: '新增分类 / add a category', querystring: OrgQuery, body: CategoryBody } }, async (req) => saveCategory(db, actorOf(req), req.query.orgId, null, req.body));
  app.put('/requests/categories/:id', { schema: { tags, summary: '修改分类 / change a category', params: IdParams, querystring: OrgQuery, body: CategoryBody } }, async (req) => saveCategory(db, actorOf(req), req.query.orgId, req.params.id, req.body));

  app.get('/requests/agenda', { schema: { tags, summary: '研判议程 / a review meeting\'s agenda', querystring: AgendaQuery } }, async (req) => agenda(db, actorOf(req), req.query));
  app.post('/requests/reviews', { schema: { tags, summary: '记录研判 / record a review meeting', body: HoldBody } }, async (req) => holdMeeting(db, actorOf(req), req.body));
  app.get('/requests/reviews', { schema: { tags, summary: '研判记录 / meetings held', querystring: OrgQuery } }, async (req) => ({ items: await meetings(db, actorOf(req), req.query.orgId) }));
};
