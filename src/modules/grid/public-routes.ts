/**
 * The residents' side, with no account: the form of a community (its categories and grids), raising a
 * request with a phone number and the anti-abuse check, and following it by tracking code plus phone:
 * its steps as the resident may see them, confirming and rating the outcome in one tap, or reopening
 * it. Every route is rate-limited; a resident sees only the request their code and phone name.
 */
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows } from '../../platform/db/client.js';
import { checkChallenge, newChallenge } from '../../platform/auth/challenge.js';
import type { AppContext } from '../../platform/http/context.js';
import { categoriesOf } from './categories.js';
import { decodePhotos, PHOTO_MAX_BYTES, PHOTOS_BODY_LIMIT, Photos, storePhotos } from './photos.js';
import { raiseRequest, residentRequest, residentStep, STATE_ZH, type RequestRow } from './requests.js';
import { normaliseTrackingCode, SATISFACTION } from './rules.js';


export const Phone = z.string().trim().regex(/^1[3-9]\d{9}$/, '请填写11位手机号码');
const Code = z.string().trim().min(1).max(20).transform((s, ctx) => {
  const c = normaliseTrackingCode(s);
  if (!c) { ctx.addIssue({ code: 'custom', message: '查询码格式不正确' }); return z.NEVER; }
  return c;
});
const PublicRaise = z.strictObject({
  communityId: z.number().int().positive(),
  kind: z.enum(['诉求', '意见建议']).default('诉求'),
  categoryId: z.number().int().positive(),
  title: z.string().trim().min(1, '请填写标题').max(60),
  body: z.string().trim().min(1, '请描述问题').max(2000),
  place: z.string().trim().max(200).nullish(),
  gridId: z.number().int().positive().nullish(),
  contactName: z.string().trim().max(50).nullish(),
  phone: Phone,
  photos: Photos,
  challenge: z.strictObject({ token: z.string().max(300), answer: z.number().int() }),
});
const Track = z.strictObject({ code: Code, phone: Phone });
const LEVEL_ZH = { grid: '网格', community: '社区', street: '街道' } as const;

/** What a resident sees of their request: no staff names, no internal notes, no other resident. */
async function residentView(db: AppContext['db'], r: RequestRow) {
  const steps = await rows<{ action: string; toState: string; level: keyof typeof LEVEL_ZH | null; publicNote: string | null; at: Date }>(db, sql`SELECT action, to_state AS "toState", level,
    public_note AS "publicNote", at FROM request_steps WHERE county_id = ${r.countyId} AND request_id = ${r.id} AND (action <> 'noted' OR public_note IS NOT NULL) ORDER BY id`);
  const [into] = r.mergedInto ? await rows<{ trackingCode: string; state: string }>(db, sql`SELECT tracking_code AS "trackingCode", state FROM requests WHERE county_id = ${r.countyId} AND id = ${r.mergedInto}`) : [];
  return {
    trackingCode: r.trackingCode, kind: r.kind, title: r.title, body: r.body, place: r.place, categoryName: r.categoryName, communityName: r.communityName, gridName: r.gridName,
    state: r.state, stateName: STATE_ZH[r.state], level: r.level, levelName: r.level ? LEVEL_ZH[r.level] : null, dueOn: r.dueOn, raisedOn: r.raisedOn,
    outcome: r.outcome, outcomeNote: r.outcomeNote, outcomeOn: r.outcomeOn, satisfaction: r.satisfaction, reopened: r.reopened,
    mergedInto: into ? { trackingCode: into.trackingCode, state: into.state, stateName: STATE_ZH[into.state as RequestRow['state']] } : null,
    canConfirm: r.state === 'resolved' || r.state === 'closed',
    steps: steps.map((s) => ({ action: s.action, state: s.toState, levelName: s.level ? LEVEL_ZH[s.level] : null, note: s.publicNote, at: s.at })),
  };
}

/** The public requests plugin. */
export const publicRequestRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db, keys } = ctx;
  const tags = ['requests'];
  const cfg = (max: number) => ({ public: true, rateLimit: { max, timeWindow: 60_000 } });

  app.get('/public/requests/form/:communityId', { config: cfg(120), schema: { tags, summary: '居民诉求表单：社区、分类与网格 / the form of a community', params: z.strictObject({ communityId: z.coerce.number().int().positive() }) } }, async (req) => {
    const [c] = await rows<{ id: number; name: string; countyId: number }>(db, sql`SELECT id, name, county_id AS "countyId" FROM orgs WHERE id = ${req.params.communityId} AND kind IN ('community', 'village') AND NOT archived`);
    if (!c) throw errors.notFound('社区', 'community');
    const grids = await rows<{ id: number; name: string; kind: string }>(db, sql`SELECT id, name, kind FROM grids WHERE county_id = ${c.countyId} AND community_id = ${c.id} ORDER BY kind, name`);
    const categories = (await categoriesOf(db, c.countyId)).map(({ id, name, limitDays }) => ({ id, name, limitDays }));
    return { community: { id: c.id, name: c.name }, categories, grids, satisfaction: SATISFACTION, photoMaxBytes: PHOTO_MAX_BYTES };
  });

  app.get('/public/requests/challenge', { config: cfg(60), schema: { tags, summary: '获取验证题 / an anti-abuse check' } }, async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return newChallenge(keys);
  });

  app.post('/public/requests', { config: cfg(10), bodyLimit: PHOTOS_BODY_LIMIT, schema: { tags, summary: '居民提交诉求或意见建议 / a resident raises a request', body: PublicRaise } }, async (req) => {
    const b = req.body;
    const [c] = await rows<{ id: number; path: string; countyId: number }>(db, sql`SELECT id, path, county_id AS "countyId" FROM orgs WHERE id = ${b.communityId} AND kind IN ('community', 'village') AND NOT archived`);
    if (!c) throw errors.validation('社区不存在', 'no such community', [{ path: ['communityId'], message: '社区无效' }]);
    const photos = decodePhotos(b.photos);
    await checkChallenge(db, keys, b.challenge.token, b.challenge.answer);
    return db.transaction(async (tx) => {
      const photoIds = await storePhotos(ctx, tx, c, photos, { userId: null, actorName: 'resident', ip: req.ip });
      const r = await raiseRequest(tx, keys, null, c, { ...b, source: 'public', photoIds }, req.ip);
      return { trackingCode: r.trackingCode };
    });
  });

  app.post('/public/requests/track', { config: cfg(30), schema: { tags, summary: '凭查询码和手机号查看诉求进度 / follow a request', body: Track } }, async (req) =>
    residentView(db, await residentRequest(db, keys, req.body.code, req.body.phone)));

  app.post('/public/requests/confirm', {
    config: cfg(20), schema: { tags, summary: '居民确认办理结果并评价 / the resident confirms and rates', body: Track.extend({ satisfaction: z.number().int().min(1).max(5), comment: z.string().trim().max(200).nullish() }) },
  }, async (req) => {
    const r = await residentRequest(db, keys, req.body.code, req.body.phone);
    await residentStep(db, r, { action: 'confirm', satisfaction: req.body.satisfaction, comment: req.body.comment }, req.ip);
    return residentView(db, (await residentRequest(db, keys, req.body.code, req.body.phone)));
  });

  app.post('/public/requests/reopen', {
    config: cfg(20), schema: { tags, summary: '居民对结果不认可，要求重新办理 / the resident reopens it', body: Track.extend({ reason: z.string().trim().min(1, '请说明原因').max(500) }) },
  }, async (req) => {
    const r = await residentRequest(db, keys, req.body.code, req.body.phone);
    await residentStep(db, r, { action: 'reopen', reason: req.body.reason }, req.ip);
    return residentView(db, (await residentRequest(db, keys, req.body.code, req.body.phone)));
  });
};
