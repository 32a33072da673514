/**
 * /api/v1/stars: the county's standard, applications with their self-assessment and evaluation,
 * the steps of the procedure, objections and their answers; /api/v1/public/stars: the public star
 * board, notices under way, lodging an objection and reading its answer (no login).
 */
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { decrypt } from '../../platform/crypto/sm.js';
import { can, requireAccess, requireCapability, scopePaths, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { insertEvent } from '../../platform/audit/store.js';
import { today } from '../../platform/clock.js';
import { IdParams } from '../org/schema.js';
import { getFile } from '../../platform/files/index.js';
import { sendExport } from '../excel/index.js';
import type { RatingFacts } from './rules.js';
import { evaluateLevel, highestLevelMet, payCoefficient, withLowerLevels } from './rules.js';
import { STANDARD_003 } from './standard-003.js';
import type { StarStandard } from './standard.js';
import { STATE_NAMES, openSteps, type Step, type StepRole } from './workflow.js';
import { AnswerBody, ApplyBody, ListQuery, ObjectionBody, SelfAssessBody, StandardBody, StepBody, Year } from './schema.js';
import {
  APP_FIELDS, APP_FROM, answerObjection, applicationInScope, createApplication, currentStandard, iso, lodgeObjection, saveStandard, selfAssess, takeStep, type ApplicationRow,
} from './service.js';

/** Facts as stored (any part may be absent) in the shape the rules read. */
export function factsOf(x: Record<string, unknown>): RatingFacts {
  // absent and null both mean "not given"
  const o = (k: string) => Object.fromEntries(Object.entries(x[k] && typeof x[k] === 'object' ? x[k] as object : {}).filter(([, v]) => v !== null && v !== undefined)) as Record<string, never>;
  return {
    metrics: o('metrics'), titles: o('titles'), incidents: o('incidents'),
    disclosureMonths: Array.isArray(x.disclosureMonths) ? (x.disclosureMonths as number[]) : [],
    safetyAccident: (x.safetyAccident as RatingFacts['safetyAccident']) ?? null,
    petitions: (x.petitions as RatingFacts['petitions']) ?? null,
  };
}

const claimsOf = (c: Record<string, unknown>) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, (v as { met?: boolean })?.met === true]));

/** The roles the actor holds over an organisation in this procedure. */
function rolesAt(actor: Actor, orgPath: string): StepRole[] {
  const out: StepRole[] = [];
  if (can(actor, 'rating.apply', orgPath)) out.push('community');
  if (can(actor, 'rating.assess', orgPath)) out.push('street');
  if (can(actor, 'rating.decide', orgPath)) out.push('county');
  return out;
}

type Listed = ApplicationRow & { streetName: string | null; objections: number; openObjections: number };

const LIST = sql`${APP_FIELDS}, a.vetoes,
  (SELECT count(*)::int FROM star_objections x WHERE x.county_id = a.county_id AND x.application_id = a.id) AS objections,
  (SELECT count(*)::int FROM star_objections x WHERE x.county_id = a.county_id AND x.application_id = a.id AND x.state = 'open') AS "openObjections"
  ${APP_FROM}`;

/** Contact details with the middle hidden: enough to tell two objectors apart, not to call them. */
export function maskContact(c: string): string {
  const chars = [...c];
  if (chars.length <= 4) return '*'.repeat(chars.length);
  const keep = chars.length >= 11 ? 3 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep - 2) + chars.slice(-2).join('');
}

/** A county's public star board: every organisation's stars by year, and the notices under way. */
async function publicBoard(db: Db, countyId: number): Promise<Record<string, unknown> | null> {
  const [county] = await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM orgs WHERE id = ${countyId} AND kind = 'county'`);
  if (!county) return null;
  const [ratings, notices] = await Promise.all([
    rows<{ orgId: number; orgName: string; streetName: string | null; year: number; level: number }>(db, sql`
      SELECT a.org_id AS "orgId", o.name AS "orgName", p.name AS "streetName", a.year, a.level FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id
      WHERE a.county_id = ${county.id} AND a.state = 'published' ORDER BY p.name, o.name, a.year`),
    rows<{ id: number; orgName: string; streetName: string | null; year: number; level: number; noticeFirst: string; noticeLast: string }>(db, sql`
      SELECT a.id, o.name AS "orgName", p.name AS "streetName", a.year, a.level, to_char(a.notice_first, 'YYYY-MM-DD') AS "noticeFirst", to_char(a.notice_last, 'YYYY-MM-DD') AS "noticeLast"
      FROM star_applications a JOIN orgs o ON o.id = a.org_id LEFT JOIN orgs p ON p.id = o.parent_id WHERE a.county_id = ${county.id} AND a.state = 'notice' ORDER BY a.notice_last, o.name`),
  ]);
  const byOrg = new Map<number, { orgId: number; orgName: string; streetName: string | null; history: { year: number; level: number }[] }>();
  for (const r of ratings) {
    const o = byOrg.get(r.orgId) ?? { orgId: r.orgId, orgName: r.orgName, streetName: r.streetName, history: [] };
    o.history.push({ year: r.year, level: r.level });
    byOrg.set(r.orgId, o);
  }
  const t = today();
  return {
    county, today: t,
    orgs: [...byOrg.values()].map((o) => ({ ...o, current: o.history[o.history.length - 1] })),
    notices: notices.map((n) => ({ ...n, open: t >= n.noticeFirst && t <= n.noticeLast })),
  };
}

/**
 * Public boards, serialised once and kept for a few seconds: anyone may load them, so a crowd must
 * cost one query per county every few seconds, not one per visitor. A change in this process drops
 * its county's board at once (`dropBoard`); other processes see it within the lifetime.
 */
const boards = (() => {
  const LIFETIME_MS = 5_000;
  const kept = new Map<number, { at: number; day: string; body: { json: string; gzip: Buffer; etag: string } | null }>();
  return {
    async get(countyId: number, load: () => Promise<Record<string, unknown> | null>) {
      const hit = kept.get(countyId);
      // a board says which notices are open today: it is kept only within the day it was made on
      if (hit && performance.now() - hit.at < LIFETIME_MS && hit.day === today()) return hit.body;
      const data = await load();
      const json = data && JSON.stringify(data);
      // kept gzipped too: a phone on a slow line loads a tenth of the bytes, and the server compresses once per lifetime, not per visitor
      const body = json ? { json, gzip: zlib.gzipSync(json), etag: crypto.createHash('sha1').update(json).digest('base64url') } : null;
      if (kept.size > 1000) kept.clear();
      kept.set(countyId, { at: performance.now(), day: today(), body });
      return body;
    },
    drop: (countyId: number) => { kept.delete(countyId); },
  };
})();

/** Forgets a county's cached public board after a change to its ratings or notices. */
export const dropBoard = (countyId: number) => boards.drop(countyId);

/** The 评星晋级 routes plugin. */
export const ratingRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['stars'];

  const present = (actor: Actor, a: Omit<Listed, 'facts' | 'claims' | 'vetoes' | 'standardId'> & { vetoes?: string[] }) => {
    const { orgPath, ...rest } = a;
    const roles = rolesAt(actor, orgPath);
    const situation = { state: a.state, level: a.level, vetoes: a.vetoes?.length ?? 0, openObjections: a.openObjections ?? 0, noticeOver: a.noticeLast !== null && today() > a.noticeLast };
    const steps = [...new Set(roles.flatMap((r) => openSteps(situation, r)))];
    const actions: string[] = [...steps];
    if (roles.includes('community') && (a.state === 'draft' || a.state === 'returned')) actions.push('selfAssess');
    return { ...rest, stateName: STATE_NAMES[a.state], actions };
  };

  /**
   * The county whose standard a caller may read: any rating role within the county will do, since a
   * community applies, and a street assesses, against its county's standard.
   */
  async function standardCountyOf(actor: Actor, countyId?: number) {
    const id = countyId ?? actor.grants.find((g) => g.countyId !== null)?.countyId;
    if (!id) throw errors.validation('请指定县（区）', 'name a county');
    const [c] = await rows<OrgRef>(db, sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE id = ${id} AND kind = 'county'`);
    const within = c && scopePaths(actor, 'rating.read').some((p) => p.startsWith(c.path) || c.path.startsWith(p));
    if (!c || !within) throw errors.notFound('县（区）', 'county');
    return c;
  }

  app.get('/stars/standard', { schema: { tags, summary: '评星标准 / the county\'s standard for a year', querystring: z.strictObject({ year: Year, countyId: z.coerce.number().int().positive().optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const county = await standardCountyOf(actor, req.query.countyId);
    const row = await currentStandard(db, county.id, req.query.year);
    return { countyId: county.id, year: req.query.year, version: row?.version ?? 0, builtIn: !row, note: row?.note ?? null, definition: row?.definition ?? STANDARD_003, actions: can(actor, 'rating.decide', county.path) ? ['edit'] : [] };
  });

  app.put('/stars/standard', { schema: { tags, summary: '保存评星标准新版本 / save a new version of the standard', body: StandardBody.extend({ countyId: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const county = (await requireAccess(db, actor, 'rating.decide', [req.body.countyId])).get(req.body.countyId)!;
    if (county.kind !== 'county') throw errors.validation('评星标准按县（区）制定', 'standards belong to a county');
    const row = await saveStandard(db, actor, county, req.body.year, req.body.definition, req.body.note ?? null);
    return { version: row.version, year: row.year };
  });

  app.get('/stars/applications', { schema: { tags, summary: '评星申报 / applications in scope', querystring: ListQuery } }, async (req) => {
    const actor = actorOf(req);
    const { page, pageSize } = req.query;
    const where: SQL[] = [underAny(sql`a.org_path`, scopePaths(actor, 'rating.read'))];
    if (req.query.year) where.push(sql`a.year = ${req.query.year}`);
    if (req.query.state) where.push(sql`a.state = ${req.query.state}`);
    if (req.query.orgId) where.push(sql`a.org_path LIKE (SELECT path FROM orgs WHERE id = ${req.query.orgId}) || '%'`);
    const cond = sql.join(where, sql` AND `);
    const [list, [{ n }]] = await Promise.all([
      rows<Listed>(db, sql`SELECT ${LIST} WHERE ${cond} ORDER BY a.year DESC, a.org_path, a.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM star_applications a WHERE ${cond}`),
    ]);
    return { items: list.map((a) => present(actor, a)), total: n, page, pageSize, today: today() };
  });

  app.get('/stars/applications/export', { schema: { tags, summary: '导出评星结果 / export applications (.xlsx)', querystring: ListQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    requireCapability(actor, 'rating.read');
    const where: SQL[] = [underAny(sql`a.org_path`, scopePaths(actor, 'rating.read'))];
    if (req.query.year) where.push(sql`a.year = ${req.query.year}`);
    if (req.query.state) where.push(sql`a.state = ${req.query.state}`);
    if (req.query.orgId) where.push(sql`a.org_path LIKE (SELECT path FROM orgs WHERE id = ${req.query.orgId}) || '%'`);
    const list = await rows<Listed>(db, sql`SELECT ${LIST} WHERE ${sql.join(where, sql` AND `)} ORDER BY a.year DESC, a.org_path, a.id LIMIT 100001`);
    async function* pages() { yield list.map((a) => [a.year, a.streetName ?? '', a.orgName, a.appliedLevel, a.level, STATE_NAMES[a.state].zh, a.noticeFirst ? `${a.noticeFirst}至${a.noticeLast}` : '', a.objections, a.docNumber ?? '']); }
    return sendExport(db, reply, actor, {
      kind: 'star_applications', title: `${req.query.year ?? ''}评星晋级`, filters: req.query, anchor: null,
      heads: [['年度', 8], ['街道', 16], ['社区党组织', 24], ['申报星级', 10], ['评定星级', 10], ['状态', 22], ['公示期', 24], ['异议', 8], ['文号', 20]],
      src: { count: list.length, pages: pages() },
    });
  });

  app.post('/stars/applications', { schema: { tags, summary: '申报星级 / apply for a level', body: ApplyBody } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'rating.apply', [req.body.orgId])).get(req.body.orgId)!;
    if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
    // the county above the community (its standard governs), whether or not the caller may read it
    const [county] = await rows<OrgRef>(db, sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE id = ${org.countyId}`);
    const a = await createApplication(db, actor, org, county, req.body.year, req.body.level);
    return present(actor, { ...a, objections: 0, openObjections: 0 });
  });

  app.get('/stars/applications/:id', { schema: { tags, summary: '评星申报详情 / an application, its evaluation, steps and objections', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const a = await applicationInScope(db, actor, req.params.id);
    const [std] = await rows<{ definition: StarStandard; version: number; year: number }>(db, sql`SELECT definition, version, year FROM star_standards WHERE county_id = ${a.countyId} AND id = ${a.standardId}`);
    const def = std.definition;
    const facts = factsOf(a.facts);
    const claims = claimsOf(a.claims);
    const steps = await rows<Record<string, unknown>>(db, sql`SELECT s.step, s.from_state AS "fromState", s.to_state AS "toState", s.level, s.comment, s.assessment, ${iso(sql`s.at`)} AS at, u.display_name AS "actorName"
      FROM star_steps s LEFT JOIN users u ON u.id = s.actor_id WHERE s.county_id = ${a.countyId} AND s.application_id = ${a.id} ORDER BY s.id`);
    const seeContact = can(actor, 'rating.decide', a.orgPath);
    const objections = (await rows<{ id: number; name: string | null; contact: string; content: string; state: string; answer: string | null; outcome: unknown; lodgedAt: string; answeredAt: string | null }>(db, sql`
      SELECT id, name, contact, content, state, answer, outcome, ${iso(sql`lodged_at`)} AS "lodgedAt", ${iso(sql`answered_at`)} AS "answeredAt" FROM star_objections WHERE county_id = ${a.countyId} AND application_id = ${a.id} ORDER BY id`))
      .map(({ contact, ...o }) => ({ ...o, contact: seeContact ? maskContact(decrypt(ctx.keys, contact)) : null,
        actions: seeContact ? ['viewContact', ...(o.state === 'open' && a.state === 'notice' ? ['answer'] : [])] : [] }));
    const open = objections.filter((o) => o.state === 'open').length;
    // while the community still assesses itself it answers for the level it applied for; afterwards the level as set
    const shown = a.state === 'draft' || a.state === 'returned' ? a.appliedLevel : a.level;
    const level = def.levels.find((l) => l.stars === shown)!;
    const { facts: _f, claims: _c, standardId: _s, ...base } = a;
    return {
      ...present(actor, { ...base, objections: objections.length, openObjections: open }),
      facts: a.facts, claims: a.claims, vetoes: a.vetoes, today: today(),
      standard: { year: std.year, version: std.version, name: def.name, level, vetoes: def.vetoes, vetoFrom: def.vetoFrom, noticeWorkingDays: def.noticeWorkingDays, payCoefficient: payCoefficient(def, a.level) },
      evaluation: { ...evaluateLevel(def, shown, facts, claims), highestMet: highestLevelMet(def, facts, withLowerLevels(def, shown, claims), a.vetoes.filter((v) => def.vetoes.some((x) => x.code === v))) },
      steps, objections,
    };
  });

  app.put('/stars/applications/:id/self-assessment', { schema: { tags, summary: '保存自评 / save the self-assessment', params: IdParams, body: SelfAssessBody } }, async (req) => {
    const actor = actorOf(req);
    const a = await applicationInScope(db, actor, req.params.id);
    const [std] = await rows<{ definition: StarStandard }>(db, sql`SELECT definition FROM star_standards WHERE county_id = ${a.countyId} AND id = ${a.standardId}`);
    const codes = new Set(std.definition.levels.flatMap((l) => l.criteria.map((c) => c.code)));
    const unknown = Object.keys(req.body.claims).filter((k) => !codes.has(k));
    if (unknown.length) throw errors.validation(`标准中没有指标 ${unknown.slice(0, 5).join('、')}`, 'unknown criteria', unknown.map((k) => ({ path: ['claims', k], message: '未知指标' })));
    // a file given as evidence must have been uploaded under this community
    const fileIds = [...new Set(Object.values(req.body.claims).flatMap((c) => c.evidence.flatMap((e) => (e.kind === 'file' ? [e.fileId] : []))))];
    for (const fileId of fileIds) {
      const f = await getFile(db, fileId);
      if (!f || !f.orgPath.startsWith(a.orgPath)) throw errors.validation(`附件 ${fileId} 不存在或不属于本社区`, `file ${fileId} is not one of this community's`, [{ path: ['claims'], message: `附件 ${fileId}` }]);
    }
    const r = await selfAssess(db, actor, a.id, req.body);
    return { id: r.id, rowVersion: r.rowVersion };
  });

  app.post('/stars/applications/:id/steps', { schema: { tags, summary: '办理环节 / take a step of the procedure', params: IdParams, body: StepBody } }, async (req) => {
    const actor = actorOf(req);
    const r = await takeStep(db, actor, req.params.id, { ...req.body, step: req.body.step as Step }, today());
    dropBoard(r.countyId);
    return { id: r.id, state: r.state, level: r.level, rowVersion: r.rowVersion, noticeFirst: r.noticeFirst, noticeLast: r.noticeLast, dueOn: r.dueOn };
  });

  app.post('/stars/objections/:id/answer', { schema: { tags, summary: '答复异议 / answer an objection', params: IdParams, body: AnswerBody } }, async (req) => {
    const actor = actorOf(req);
    const r = await answerObjection(db, actor, req.params.id, req.body);
    dropBoard(r.countyId);
    return { id: r.id, state: r.state, level: r.level, rowVersion: r.rowVersion };
  });

  app.get('/stars/objections/:id/contact', { schema: { tags, summary: '查看异议人完整联系方式（留痕）/ an objector\'s contact details in full (logged)', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const [o] = await rows<{ countyId: number; id: number; contact: string; name: string | null; orgId: number; orgPath: string; applicationId: number }>(db, sql`
      SELECT x.county_id AS "countyId", x.id, x.contact, x.name, a.org_id AS "orgId", a.org_path AS "orgPath", a.id AS "applicationId"
      FROM star_objections x JOIN star_applications a ON a.county_id = x.county_id AND a.id = x.application_id WHERE x.id = ${req.params.id}`);
    if (!o || !can(actor, 'rating.read', o.orgPath)) throw errors.notFound('异议', 'objection');
    if (!can(actor, 'rating.decide', o.orgPath)) throw errors.forbidden();
    await db.transaction((tx) => insertEvent(tx, { type: 'star.objection_contact_viewed', ...who(actor), countyId: o.countyId, orgId: o.orgId, orgPath: o.orgPath,
      targetType: 'star_objection', targetId: o.id, data: { application: o.applicationId } }));
    return { id: o.id, name: o.name, contact: decrypt(ctx.keys, o.contact) };
  });

  app.get('/stars/history', { schema: { tags, summary: '星级历史 / published ratings of an organisation', querystring: z.strictObject({ orgId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    await requireAccess(db, actor, 'rating.read', [req.query.orgId]);
    return { items: await rows(db, sql`SELECT year, level, doc_number AS "docNumber", ${iso(sql`published_at`)} AS "publishedAt" FROM star_applications WHERE org_id = ${req.query.orgId} AND state = 'published' ORDER BY year`) };
  });

  // ——— public: no login ———

  app.get('/public/stars/:id', { config: { public: true }, schema: { tags, summary: '星级公示栏 / a county\'s public star board', params: IdParams } }, async (req, reply) => {
    const body = await boards.get(req.params.id, () => publicBoard(db, req.params.id));
    if (!body) throw errors.notFound('县（区）', 'county');
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const etag = gzip ? `"${body.etag}-gz"` : `"${body.etag}"`;
    reply.header('cache-control', 'public, max-age=5').header('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    reply.header('etag', etag).type('application/json; charset=utf-8');
    return gzip ? reply.header('content-encoding', 'gzip').send(body.gzip) : reply.send(body.json);
  });

  app.post('/public/stars/notices/:id/objections', {
    config: { public: true, rateLimit: { max: 10, timeWindow: 60_000 } },
    schema: { tags, summary: '提出异议 / lodge an objection during a public notice', params: IdParams, body: ObjectionBody },
  }, async (req) => lodgeObjection(db, ctx.keys, req.params.id, req.body, today(), req.ip));

  app.get('/public/stars/objections/:receipt', {
    config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } },
    schema: { tags, summary: '查询异议答复 / read the answer to an objection by its receipt', params: z.strictObject({ receipt: z.string().regex(/^[A-Za-z0-9_-]{12}$/) }) },
  }, async (req) => {
    const [o] = await rows<{ state: string; answer: string | null; outcome: unknown; lodgedAt: string; answeredAt: string | null; orgName: string; year: number; level: number }>(db, sql`
      SELECT x.state, x.answer, x.outcome, ${iso(sql`x.lodged_at`)} AS "lodgedAt", ${iso(sql`x.answered_at`)} AS "answeredAt", o.name AS "orgName", a.year, a.level
      FROM star_objections x JOIN star_applications a ON a.county_id = x.county_id AND a.id = x.application_id JOIN orgs o ON o.id = a.org_id WHERE x.receipt = ${req.params.receipt}`);
    if (!o) throw errors.notFound('异议', 'objection');
    return o;
  });
};
