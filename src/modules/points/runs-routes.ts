/** /api/v1/runs and /api/v1/tasks: year-end runs, their results, explanations, differences, publication, and the tasks they open. */
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { actionsAt, can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { actorOf, who, type AppContext } from '../../platform/http/context.js';
import { IdParams, IsoDate } from '../org/schema.js';
import { sendExport, type Head } from '../excel/index.js';
import { bandInterval, fromCents, getScheme, getVersionById, gradeReason, schemeInScope, scoreOf, toCents } from '../scheme/index.js';
import { createRun, publishRun } from './run.js';
import { subjectEntries } from './store.js';

const Year = z.coerce.number().int().min(2000).max(2100);
const RunBody = z.strictObject({ schemeId: z.number().int().positive(), year: Year, orgId: z.number().int().positive(), versionId: z.number().int().positive().optional() });
const ResultQuery = z.strictObject({
  grade: z.string().max(24).optional(), orgId: z.coerce.number().int().positive().optional(), q: z.string().trim().max(50).optional(),
  changed: z.enum(['1']).optional(), page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const SubjectParams = z.strictObject({ id: IdParams.shape.id, subjectId: IdParams.shape.id });
const TaskQuery = z.strictObject({
  status: z.enum(['open', 'in_progress', 'done', 'cancelled']).optional(), kind: z.enum(['rectification', 'disposal', 'accountability']).optional(), orgId: z.coerce.number().int().positive().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
const TaskUpdate = z.strictObject({
  status: z.enum(['open', 'in_progress', 'done', 'cancelled']).optional(), outcome: z.string().trim().max(30).nullish(), resolution: z.string().trim().max(2000).nullish(),
  dueOn: IsoDate.nullish(), version: z.number().int().positive(),
});

type RunRow = { id: number; countyId: number | null; schemeId: number; schemeName: string; subject: string; versionId: number; version: number; year: number; orgId: number; orgPath: string; orgName: string; status: string; subjects: number; entries: number; ledgerSum: number; resultHash: string; summary: Record<string, unknown>; comparesWith: number | null; createdAt: Date; createdByName: string | null; ms: number; publishedAt: Date | null; publishedByName: string | null };
const RUN = sql`r.id, r.county_id AS "countyId", r.scheme_id AS "schemeId", s.name AS "schemeName", s.subject, r.version_id AS "versionId", v.version, r.year, r.org_id AS "orgId",
  r.org_path AS "orgPath", o.name AS "orgName", r.status, r.subjects, r.entries, r.ledger_sum::float8 AS "ledgerSum", r.result_hash AS "resultHash", r.summary,
  r.compares_with AS "comparesWith", r.created_at AS "createdAt", cu.display_name AS "createdByName", r.ms, r.published_at AS "publishedAt", pu.display_name AS "publishedByName"
  FROM scheme_runs r JOIN schemes s ON s.id = r.scheme_id JOIN scheme_versions v ON v.id = r.version_id JOIN orgs o ON o.id = r.org_id
  LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN users pu ON pu.id = r.published_by`;

const readScope = (actor: Actor) => [...new Set([...scopePaths(actor, 'points.read'), ...scopePaths(actor, 'run.manage')])];

/** Loads a run the actor may read, or NOT_FOUND. */
async function runInScope(db: Db, actor: Actor, id: number): Promise<RunRow> {
  const [r] = await rows<RunRow>(db, sql`SELECT ${RUN} WHERE r.id = ${id}`);
  if (!r || !(can(actor, 'points.read', r.orgPath) || can(actor, 'run.manage', r.orgPath))) throw errors.notFound('考评', 'run');
  return r;
}

const presentRun = (actor: Actor, r: RunRow) => {
  const { orgPath, countyId: _c, ...rest } = r;
  return { ...rest, actions: can(actor, 'run.manage', orgPath) && r.status === 'draft' && !r.comparesWith ? ['publish'] : [] };
};

type ResultRow = { subjectId: number; name: string; orgId: number; orgName: string; tier: string | null; total: number; grade: string | null; scoreGrade: string | null; rank: number; groupRank: number; quotaAdjusted: boolean; award: number; actions: string[]; flags: string[]; publishedTotal: number | null; publishedGrade: string | null };

function resultQuery(run: RunRow, q: z.infer<typeof ResultQuery>, limit: SQL): SQL {
  const names = run.subject === 'member' ? sql`JOIN members n ON n.county_id = rr.county_id AND n.id = rr.subject_id` : sql`JOIN orgs n ON n.id = rr.subject_id`;
  const where: SQL[] = [sql`rr.run_id = ${run.id}`];
  if (q.grade) where.push(sql`rr.grade = ${q.grade}`);
  if (q.orgId) where.push(sql`g.path LIKE ${`${run.orgPath}%`} AND g.path LIKE (SELECT path FROM orgs WHERE id = ${q.orgId}) || '%'`);
  if (q.q) where.push(sql`n.name LIKE ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (q.changed) where.push(sql`(p.subject_id IS NULL OR p.total <> rr.total OR p.grade IS DISTINCT FROM rr.grade)`);
  return sql`SELECT rr.subject_id AS "subjectId", n.name, rr.org_id AS "orgId", g.name AS "orgName", rr.tier, rr.total::float8 AS total, rr.grade, rr.score_grade AS "scoreGrade",
      rr.rank, rr.group_rank AS "groupRank", rr.quota_adjusted AS "quotaAdjusted", rr.award::float8 AS award, rr.actions, rr.flags,
      p.total::float8 AS "publishedTotal", p.grade AS "publishedGrade", count(*) OVER ()::int AS "n"
    FROM run_results rr ${names} JOIN orgs g ON g.id = rr.org_id
    LEFT JOIN run_results p ON p.run_id = ${run.comparesWith ?? 0} AND p.county_id = rr.county_id AND p.subject_id = rr.subject_id
    WHERE ${sql.join(where, sql` AND `)} ORDER BY rr.rank, rr.subject_id ${limit}`;
}

const RESULT_HEADS: Head[] = [['名次', 6], ['姓名/组织', 16], ['所在组织', 24], ['层次', 10], ['总分', 8], ['等次', 8], ['按分等次', 8], ['比例调整', 8], ['组内名次', 8], ['奖励（元）', 10], ['处理', 24], ['标记', 16]];

/** The runs and tasks routes plugin. */
export const runRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['runs'];

  app.get('/runs', {
    schema: {
      tags, summary: '年终考评 / runs in scope, newest first',
      querystring: z.strictObject({
        schemeId: z.coerce.number().int().positive().optional(), year: Year.optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20),
      }),
    },
  }, async (req) => {
    const actor = actorOf(req);
    const { page, pageSize } = req.query;
    const scope = readScope(actor);
    const where: SQL[] = [underAny(sql`r.org_path`, scope)];
    if (req.query.schemeId) where.push(sql`r.scheme_id = ${req.query.schemeId}`);
    if (req.query.year) where.push(sql`r.year = ${req.query.year}`);
    const cond = sql.join(where, sql` AND `);
    const [list, [{ n }]] = await Promise.all([
      rows<RunRow>(db, sql`SELECT ${RUN} WHERE ${cond} ORDER BY r.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`),
      rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM scheme_runs r WHERE ${cond}`),
    ]);
    return { items: list.map((r) => presentRun(actor, r)), total: n, page, pageSize };
  });

  app.post('/runs', { schema: { tags, summary: '进行年终考评 / run a scheme for a year over a subtree', body: RunBody } }, async (req) => {
    const actor = actorOf(req);
    const scheme = await schemeInScope(ctx, actor, req.body.schemeId);
    const org = (await requireAccess(db, actor, 'run.manage', [req.body.orgId])).get(req.body.orgId)!;
    return createRun(db, actor, scheme, org, req.body.year, req.body.versionId);
  });

  app.get('/runs/:id', { schema: { tags, summary: '考评概况 / a run', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const r = await runInScope(db, actor, req.params.id);
    const v = (await getVersionById(db, r.versionId))!;
    let changed: number | null = null;
    if (r.comparesWith) {
      const [c] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM run_results rr FULL JOIN (SELECT * FROM run_results WHERE run_id = ${r.comparesWith}) p
        ON p.county_id = rr.county_id AND p.subject_id = rr.subject_id WHERE (rr.run_id = ${r.id} OR rr.run_id IS NULL)
        AND (rr.subject_id IS NULL OR p.subject_id IS NULL OR p.total <> rr.total OR p.grade IS DISTINCT FROM rr.grade)`);
      changed = c.n;
    }
    return { ...presentRun(actor, r), changed, bands: v.version && v.definition.bands.map((b) => ({ code: b.code, name: b.name, interval: bandInterval(b), award: b.award ?? 0, actions: b.actions, classification: b.classification ?? null })), tiers: v.definition.tiers.map((t) => ({ code: t.code, name: t.name })) };
  });

  app.get('/runs/:id/results', { schema: { tags, summary: '考评结果 / a run\'s results', params: IdParams, querystring: ResultQuery } }, async (req) => {
    const actor = actorOf(req);
    const r = await runInScope(db, actor, req.params.id);
    const { page, pageSize } = req.query;
    const list = await rows<ResultRow & { n: number }>(db, resultQuery(r, req.query, sql`LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`));
    return { items: list.map(({ n: _n, ...x }) => x), total: list[0]?.n ?? 0, page, pageSize };
  });

  app.get('/runs/:id/export', { schema: { tags, summary: '导出考评结果 / export results (.xlsx)', params: IdParams, querystring: ResultQuery.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const actor = actorOf(req);
    const r = await runInScope(db, actor, req.params.id);
    const anchor = (await requireAccess(db, actor, 'export', [r.orgId])).get(r.orgId)!;
    const v = (await getVersionById(db, r.versionId))!;
    const bandName = (c: string | null) => v.definition.bands.find((b) => b.code === c)?.name ?? (c === null ? '不评定' : c);
    const tierName = (c: string | null) => v.definition.tiers.find((t) => t.code === c)?.name ?? '';
    const list = await rows<ResultRow>(db, resultQuery(r, { ...req.query, page: 1, pageSize: 1 }, sql`LIMIT 100001`));
    async function* pages() { yield list.map((x) => [x.rank, x.name, x.orgName, tierName(x.tier), x.total, bandName(x.grade), bandName(x.scoreGrade), x.quotaAdjusted ? '是' : '', x.groupRank, x.award, x.actions.join('、'), x.flags.join('、')]); }
    return sendExport(db, reply, actor, { kind: 'run_results', title: `${r.year}年度${r.schemeName}考评结果`, heads: RESULT_HEADS, filters: { runId: r.id, ...req.query }, anchor, src: { count: list.length, pages: pages() } });
  });

  app.get('/runs/:id/results/:subjectId', { schema: { tags, summary: '得分说明：记录与规则 / how one score was reached', params: SubjectParams } }, async (req) => {
    const actor = actorOf(req);
    const r = await runInScope(db, actor, req.params.id);
    const list = await rows<ResultRow & { countyId: number; n: number }>(db, sql`SELECT * FROM (${resultQuery(r, { page: 1, pageSize: 1 }, sql``)}) x WHERE x."subjectId" = ${req.params.subjectId}`);
    const res = list[0];
    if (!res) throw errors.notFound('考评结果', 'result');
    const v = (await getVersionById(db, r.versionId))!;
    const def = v.definition;
    const [{ countyId }] = await rows<{ countyId: number }>(db, sql`SELECT county_id AS "countyId" FROM run_results WHERE run_id = ${r.id} AND subject_id = ${res.subjectId}`);
    const entries = await subjectEntries(db, countyId, r.schemeId, r.year, r.subject, res.subjectId);
    const sums = new Map<string, number>();
    for (const e of entries) if (e.status === 'confirmed') sums.set(e.dimension, (sums.get(e.dimension) ?? 0) + toCents(e.points));
    const score = scoreOf(def, sums);
    const names = new Map(def.indicators.map((x) => [x.code, x.name]));
    const band = def.bands.find((b) => b.code === res.grade);
    return {
      result: res, year: r.year, version: v.version,
      lines: score.lines.map((l) => ({ ...l, points: fromCents(l.cents) })),
      recomputedTotal: fromCents(score.cents), matches: toCents(res.total) === score.cents,
      reason: gradeReason(def, { cents: toCents(res.total), grade: res.grade, scoreGrade: res.scoreGrade, quotaAdjusted: res.quotaAdjusted }),
      band: band ? { name: band.name, interval: bandInterval(band), award: band.award ?? 0, actions: band.actions } : null,
      multiYear: res.flags.filter((f) => f.startsWith('multiYear:')).map((f) => { const [, b, n] = f.split(':'); const m = def.multiYear.find((x) => x.band === b && String(x.consecutiveYears) === n); return m ? `连续${n}年“${def.bands.find((x) => x.code === b)?.name}”：${m.action}（${m.options.join('、')}）` : f; }),
      entries: entries.map((e) => ({ id: e.id, occurredOn: e.occurredOn, indicator: e.indicator, indicatorName: names.get(e.indicator) ?? e.indicator, dimension: e.dimension, points: e.points, status: e.status, counted: e.status === 'confirmed', evidence: e.evidence, correctsId: e.correctsId, recordedByName: e.recordedByName })),
    };
  });

  app.post('/runs/:id/publish', { schema: { tags, summary: '发布考评结果（发布后冻结）/ publish and freeze', params: IdParams } }, async (req) => {
    const actor = actorOf(req);
    const r = await runInScope(db, actor, req.params.id);
    const org = (await requireAccess(db, actor, 'run.manage', [r.orgId])).get(r.orgId)!;
    const scheme = (await getScheme(db, r.schemeId))!;
    return publishRun(db, actor, r.id, org, scheme);
  });

  app.get('/tasks', { schema: { tags: ['tasks'], summary: '整改与处置任务 / tracked tasks', querystring: TaskQuery } }, async (req) => {
    const actor = actorOf(req);
    const scope = req.query.orgId ? [(await requireAccess(db, actor, 'points.read', [req.query.orgId])).get(req.query.orgId)!.path] : [...new Set([...scopePaths(actor, 'points.read'), ...scopePaths(actor, 'task.manage')])];
    const where: SQL[] = [underAny(sql`t.org_path`, scope)];
    if (req.query.status) where.push(sql`t.status = ${req.query.status}`);
    if (req.query.kind) where.push(sql`t.kind = ${req.query.kind}`);
    const { page, pageSize } = req.query;
    const list = await rows<{ id: number; orgPath: string; n: number }>(db, sql`SELECT t.id, t.org_id AS "orgId", t.org_path AS "orgPath", o.name AS "orgName", t.kind, t.title, t.subject_kind AS "subjectKind",
        t.subject_id AS "subjectId", t.run_id AS "runId", t.eval_campaign_id AS "evalCampaignId", t.commitment_id AS "commitmentId", coalesce(r.year, e.year, cm.year) AS year, e.name AS "evalName", t.options, t.status, t.due_on AS "dueOn", t.outcome, t.resolution, t.closed_at AS "closedAt", t.version, t.created_at AS "createdAt",
        count(*) OVER ()::int AS n
      FROM org_tasks t JOIN orgs o ON o.id = t.org_id LEFT JOIN scheme_runs r ON r.id = t.run_id LEFT JOIN eval_campaigns e ON e.county_id = t.county_id AND e.id = t.eval_campaign_id
        LEFT JOIN commitments cm ON cm.county_id = t.county_id AND cm.id = t.commitment_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY (t.status IN ('done','cancelled')), t.created_at DESC, t.id DESC LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`);
    return { items: list.map(({ orgPath, n: _n, ...t }) => ({ ...t, actions: actionsAt(actor, orgPath, ['task.manage']) })), total: list[0]?.n ?? 0, page, pageSize };
  });

  app.patch('/tasks/:id', { schema: { tags: ['tasks'], summary: '办理任务 / update a task', params: IdParams, body: TaskUpdate } }, async (req) => {
    const actor = actorOf(req);
    const [t] = await rows<{ id: number; countyId: number; orgId: number; orgPath: string; status: string; options: string[]; outcome: string | null; resolution: string | null; version: number }>(db,
      sql`SELECT id, county_id AS "countyId", org_id AS "orgId", org_path AS "orgPath", status, options, outcome, resolution, version FROM org_tasks WHERE id = ${req.params.id}`);
    if (!t || !(can(actor, 'points.read', t.orgPath) || can(actor, 'task.manage', t.orgPath))) throw errors.notFound('任务', 'task');
    if (!can(actor, 'task.manage', t.orgPath)) throw errors.forbidden();
    const { version, ...ch } = req.body;
    if (['done', 'cancelled'].includes(t.status)) throw new AppError('INVALID_STATE', '任务已办结，不能再修改', 'the task is closed');
    const outcome = ch.outcome === undefined ? t.outcome : ch.outcome;
    const resolution = ch.resolution === undefined ? t.resolution : ch.resolution;
    if (outcome && t.options.length && !t.options.includes(outcome)) throw new AppError('VALIDATION', `处置结果应为：${t.options.join('、')}`, `outcome must be one of ${t.options.join(', ')}`, [{ path: ['outcome'], message: '不在可选范围' }]);
    if (ch.status === 'done' && !resolution) throw new AppError('VALIDATION', '办结须填写办理情况', 'closing needs a resolution', [{ path: ['resolution'], message: '必填' }]);
    if (ch.status === 'done' && t.options.length && !outcome) throw new AppError('VALIDATION', '办结须选择处置结果', 'closing needs an outcome', [{ path: ['outcome'], message: '必填' }]);
    return db.transaction(async (tx) => {
      const closing = ch.status === 'done' || ch.status === 'cancelled';
      const up = await rows<{ version: number }>(tx, sql`UPDATE org_tasks SET status = ${ch.status ?? t.status}, outcome = ${outcome}, resolution = ${resolution},
          due_on = ${ch.dueOn === undefined ? sql`due_on` : ch.dueOn}, version = version + 1,
          closed_by = ${closing ? actor.userId : null}, closed_at = ${closing ? sql`now()` : sql`NULL`}
        WHERE county_id = ${t.countyId} AND id = ${t.id} AND version = ${version} RETURNING version`);
      if (!up.length) throw new AppError('VERSION_CONFLICT', '该任务已被他人修改，请刷新后重试', 'changed by someone else: reload and retry');
      await insertEvent(tx, { type: 'task.updated', ...who(actor), countyId: t.countyId, orgId: t.orgId, orgPath: t.orgPath, targetType: 'task', targetId: t.id, data: { ...ch } });
      return { id: t.id, version: up[0].version };
    });
  });
};
