/** Schemes, the ledger and year-end runs through the API: caps, tiers, scope, confirmation, reversal, awards, runs, publication, tasks. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import ExcelJS from 'exceljs';
import { loginAs, memberBody, smallTree, testApp, uploadFile, waitJob, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import type { AppContext } from '../src/platform/http/context.js';

/** A small member scheme with every kind of rule. */
export function testScheme() {
  const who = ['branch_secretary', 'community_admin', 'street_admin'];
  return {
    subject: 'member', baseScore: 60, maxScore: 100, minScore: 0,
    tiers: [{ code: 'old', name: '年老体弱', rule: { fact: 'age', op: 'gte', value: 70 } }, { code: 'all', name: '一般党员', rule: { all: [] } }],
    indicators: [
      { code: 'STUDY', name: '参加学习', kind: 'add', points: 2, capPerMonth: 4, capPerYear: 40, recorderRoles: who },
      { code: 'HELP', name: '帮扶群众', kind: 'add', points: 5, adjustable: true, capPerEntry: 10, evidenceRequired: true, recorderRoles: [...who, 'grid_liaison'], tiers: ['all'] },
      { code: 'ABSENT', name: '无故缺席', kind: 'subtract', points: 10, recorderRoles: who },
    ],
    bands: [
      { code: 'F', name: '不合格', from: null, fromInclusive: false, to: 60, toInclusive: false, actions: ['组织谈话'], opensTask: true },
      { code: 'P', name: '合格', from: 60, fromInclusive: true, to: 66, toInclusive: false },
      { code: 'E', name: '优秀', from: 66, fromInclusive: true, to: null, toInclusive: false, award: 500, actions: ['表彰'] },
    ],
    quotas: [{ band: 'E', maxShare: 0.5, per: 'run', demoteTo: 'P' }],
    multiYear: [{ band: 'F', consecutiveYears: 2, action: '组织处置', options: ['限期整改', '劝退', '除名'] }],
  };
}

describeDb('points ledger and runs', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let street: Client, seca: Client, secb: Client, branch: Client;
  let schemeId: number;
  const m: Record<string, number> = {};
  const entry = (memberId: number, indicator: string, occurredOn: string, extra: Record<string, unknown> = {}) => ({ schemeId, memberId, indicator, occurredOn, ...extra });
  const count = async (q = sql`SELECT count(*)::int AS n FROM point_entries`) => (await rows<{ n: number }>(ctx.db, q))[0].n;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    [street, seca, secb, branch] = await Promise.all(['streetadm', 'seca', 'secb', 'brancha'].map((u) => loginAs(app, u)));
    for (const [key, birth, cat] of [['a', '1985-03-01', '正式党员'], ['b', '1990-05-01', '正式党员'], ['c', '1950-01-01', '正式党员'], ['d', '1992-01-01', '正式党员'], ['p', '1998-01-01', '预备党员']] as const) {
      const r = await seca.post('/api/v1/members', memberBody(t.branchA, { name: `党员${key}`, birthDate: birth, idNumber: null, phone: null, category: cat, fullDate: cat === '预备党员' ? null : '2016-07-01', joinDate: cat === '预备党员' ? '2025-03-01' : '2015-07-01' }));
      expect(r.statusCode, r.body).toBe(200);
      m[key] = r.json().id;
    }
    const rb = await secb.post('/api/v1/members', memberBody(t.branchB, { idNumber: null, phone: null }));
    m.other = rb.json().id;
    const hash = await hashPassword(PASSWORD);
    const [u] = await ctx.db.insert(users).values({ username: 'membera', displayName: '党员a', passwordHash: hash, memberCountyId: t.countyId, memberId: m.a, homeOrgId: t.branchA }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'member', orgId: t.branchA });
  });
  afterAll(async () => { await app?.close(); });

  it('refuses an invalid scheme with the path of each problem, and saves a valid one', async () => {
    const bad = testScheme();
    (bad.bands[1] as { from: number | null }).from = 61;
    const r = await street.post('/api/v1/schemes', { orgId: t.street, code: 'bad', name: '有误', year: 2025, definition: bad });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toContain('definition.bands.1.from');
    const neg = testScheme();
    (neg.indicators[0] as Record<string, unknown>).capPerYear = -1;
    const r2 = await street.post('/api/v1/schemes', { orgId: t.street, code: 'neg', name: '负数', year: 2025, definition: neg });
    expect(r2.json().error.details.map((d: { path: unknown[] }) => d.path.join('.'))).toContain('definition.indicators.0.capPerYear');
    const nobody = testScheme();
    nobody.tiers[0] = { code: 'old', name: '百岁', rule: { fact: 'age', op: 'gte', value: 120 } };
    const r3 = await street.post('/api/v1/schemes', { orgId: t.street, code: 'nobody', name: '无人', year: 2025, definition: nobody });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().error.details[0].path.join('.')).toBe('definition.tiers.0.rule');
    expect(await count(sql`SELECT count(*)::int AS n FROM schemes`)).toBe(0);
    expect((await seca.post('/api/v1/schemes', { orgId: t.street, code: 'x', name: 'x', year: 2025, definition: testScheme() })).statusCode).toBe(404);
    const ok = await street.post('/api/v1/schemes', { orgId: t.street, code: 'test', name: '测试积分', year: 2025, definition: testScheme() });
    expect(ok.statusCode, ok.body).toBe(200);
    schemeId = ok.json().id;
    const tpl = await street.post('/api/v1/schemes', { orgId: t.street, code: 'cq', name: '仓前', year: 2025, templateKey: 'cangqian-member-tiered' });
    expect(tpl.statusCode, tpl.body).toBe(200);
    expect((await seca.get('/api/v1/schemes')).json().items.map((s: { id: number }) => s.id)).toContain(schemeId);
  });

  it('records entries within caps, tiers, evidence and scope, and writes nothing on refusal', async () => {
    const first = await branch.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2025-01-05'));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().status).toBe('confirmed');
    expect((await branch.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2025-01-20'))).statusCode).toBe(200);
    const before = await count();
    const bad: [Client, Record<string, unknown>, RegExp][] = [
      [branch, entry(m.a, 'STUDY', '2025-01-25'), /每月上限/],
      [branch, entry(m.c, 'HELP', '2025-02-01', { evidence: '走访' }), /不适用/],
      [branch, entry(m.a, 'HELP', '2025-02-01'), /佐证/],
      [branch, entry(m.a, 'HELP', '2025-02-01', { points: 12, evidence: 'x' }), /单次上限/],
      [branch, entry(m.a, 'ABSENT', '2025-02-01', { points: 10 }), /负数/],
      [branch, entry(m.a, 'NOPE', '2025-02-01'), /没有指标/],
      [branch, { ...entry(m.a, 'STUDY', '2025-02-01'), schemeId: 999999 }, /不存在/],
      [branch, entry(m.a, 'STUDY', '2025-02-30'), /日期/],
      [branch, { ...entry(m.a, 'STUDY', '2025-02-01'), extra: 1 }, /.+/],
    ];
    for (const [c, body, msg] of bad) {
      const r = await c.post('/api/v1/points/entries', body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.message).toMatch(msg);
    }
    expect((await secb.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2025-03-01'))).statusCode).toBe(404);
    expect((await seca.post('/api/v1/points/entries', entry(m.other, 'STUDY', '2025-03-01'))).statusCode).toBe(404);
    expect(await count()).toBe(before);
    const [ev] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'points.recorded'`);
    expect(ev.n).toBe(2);
  });

  it('holds entries from outside the branch until the branch confirms them', async () => {
    const r = await seca.post('/api/v1/points/entries', entry(m.b, 'HELP', '2025-03-02', { points: 8, evidence: '帮扶困难户' }));
    expect(r.json().status).toBe('pending');
    const id = r.json().id;
    expect((await seca.post(`/api/v1/points/entries/${id}/decide`, { decision: 'confirm' })).statusCode).toBe(409);
    expect((await secb.post(`/api/v1/points/entries/${id}/decide`, { decision: 'confirm' })).statusCode).toBe(404);
    const ok = await branch.post(`/api/v1/points/entries/${id}/decide`, { decision: 'confirm', note: '属实' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await branch.post(`/api/v1/points/entries/${id}/decide`, { decision: 'reject' })).statusCode).toBe(409);
    const inbox = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'brancha'`);
    expect(inbox[0].n).toBe(1);
  });

  it('reverses an entry exactly once, and the ledger refuses updates and deletes', async () => {
    const r = await branch.post('/api/v1/points/entries', entry(m.d, 'STUDY', '2025-04-01'));
    const id = r.json().id;
    const rev = await branch.post(`/api/v1/points/entries/${id}/reverse`, { reason: '误记' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect((await branch.post(`/api/v1/points/entries/${id}/reverse`, { reason: '再次' })).statusCode).toBe(409);
    expect((await branch.post(`/api/v1/points/entries/${rev.json().id}/reverse`, { reason: '反冲' })).statusCode).toBe(409);
    const [s] = await rows<{ s: string }>(ctx.db, sql`SELECT sum(points)::text AS s FROM point_entries WHERE subject_id = ${m.d}`);
    expect(Number(s.s)).toBe(0);
    await expect(ctx.db.execute(sql`UPDATE point_entries SET points = 50 WHERE id = ${id}`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`DELETE FROM point_entries WHERE id = ${id}`)).rejects.toThrow();
  });

  it('gives one entry per source event', async () => {
    const body = { ...entry(m.a, 'HELP', '2025-05-01', { evidence: '服务认领 #17' }), sourceKey: 'service:17' };
    const one = await branch.post('/api/v1/points/awards', body);
    expect(one.statusCode, one.body).toBe(201);
    const two = await branch.post('/api/v1/points/awards', body);
    expect(two.statusCode).toBe(200);
    expect(two.json()).toMatchObject({ id: one.json().id, created: false });
    expect(await count(sql`SELECT count(*)::int AS n FROM point_entries WHERE source_key = 'service:17'`)).toBe(1);
    expect((await branch.post('/api/v1/points/awards', { ...body, memberId: m.b })).statusCode).toBe(409);
  });

  it('imports entries from Excel all or nothing, caps counted across the file\'s rows', async () => {
    const tpl = await branch.get(`/api/v1/points/import-template?schemeId=${schemeId}&year=2025`);
    expect(tpl.statusCode).toBe(200);
    const file = async (data: (string | number | Date | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(tpl.rawPayload).buffer);
      const ws = wb.getWorksheet('积分记录')!;
      data.forEach((r, i) => { ws.getRow(i + 3).values = r; });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const before = await count();
    // columns: 姓名, 身份证号, 党员编号, 考核组织, 指标代码, 分值, 日期, 佐证说明
    const bad = await file([
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-03', '党课'],
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-10', '党课'],
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-17', '党课'],
      ['别人', null, String(m.c), null, 'STUDY', null, '2025-09-03', null],
      [null, null, String(m.other), null, 'STUDY', null, '2025-09-03', null],
    ]);
    const r1 = await uploadFile(app, branch, `/api/v1/points/import?schemeId=${schemeId}&orgId=${t.branchA}`, bad);
    expect(r1.statusCode, r1.body).toBe(202);
    const j1 = await waitJob(branch, r1.json().jobId);
    expect(j1.status).toBe('failed');
    expect(j1.errors.map((e) => e.row).sort()).toEqual([6, 7]);
    expect(await count()).toBe(before);
    const bad2 = await file([
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-03', '党课'],
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-10', '党课'],
      ['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-17', '党课'],
    ]);
    const j2 = await waitJob(branch, (await uploadFile(app, branch, `/api/v1/points/import?schemeId=${schemeId}&orgId=${t.branchA}`, bad2)).json().jobId);
    expect(j2.status).toBe('failed');
    expect(j2.errors).toEqual([expect.objectContaining({ row: 5, message: expect.stringMatching(/每月上限/) })]);
    expect(await count()).toBe(before);
    const good = await file([['党员b', null, String(m.b), null, 'STUDY', null, '2025-09-03', '党课'], ['党员b', null, String(m.b), null, 'STUDY', null, '2025-10-10', '党课']]);
    const j3 = await waitJob(branch, (await uploadFile(app, branch, `/api/v1/points/import?schemeId=${schemeId}&orgId=${t.branchA}`, good)).json().jobId);
    expect(j3.status, JSON.stringify(j3.errors)).toBe('done');
    expect(await count()).toBe(before + 2);
    expect(await count(sql`SELECT count(*)::int AS n FROM point_entries WHERE source = 'excel'`)).toBe(2);
    expect((await uploadFile(app, secb, `/api/v1/points/import?schemeId=${schemeId}&orgId=${t.branchA}`, good)).statusCode).toBe(404);
    // reversed again, so the figures of the run below stay as they were
    for (const e of (await branch.get(`/api/v1/points/entries?subjectId=${m.b}&indicator=STUDY`)).json().items) await branch.post(`/api/v1/points/entries/${e.id}/reverse`, { reason: '测试后冲正' });
  });

  it('runs the year, explains every score, publishes, freezes the year and opens tasks', async () => {
    for (const day of ['2025-06-01', '2025-07-01']) expect((await branch.post('/api/v1/points/entries', entry(m.d, 'ABSENT', day))).statusCode).toBe(200);
    const pending = await seca.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2025-08-01'));
    expect(pending.json().status).toBe('pending');
    expect((await secb.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA })).statusCode).toBe(404);
    const run = await seca.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA });
    expect(run.statusCode, run.body).toBe(200);
    const runId = run.json().id;
    const results = (await seca.get(`/api/v1/runs/${runId}/results?pageSize=50`)).json();
    const by = new Map(results.items.map((x: { subjectId: number }) => [x.subjectId, x]));
    // a: 60 + 2 + 2 + 5 = 69 (the pending +2 not counted); b: 60 + 8 = 68; c: 60; d: 60 - 20 = 40; p: probationary
    expect(by.get(m.a)).toMatchObject({ total: 69, grade: 'E', rank: 1 });
    expect(by.get(m.b)).toMatchObject({ total: 68, grade: 'E' });
    expect(by.get(m.d)).toMatchObject({ total: 40, grade: 'F', actions: ['组织谈话'] });
    expect(by.get(m.p)).toMatchObject({ grade: null });
    const exp = (await seca.get(`/api/v1/runs/${runId}/results/${m.a}`)).json();
    expect(exp.matches).toBe(true);
    expect(exp.entries.filter((e: { counted: boolean }) => e.counted)).toHaveLength(3);
    expect(exp.reason).toMatch(/优秀/);
    expect((await secb.get(`/api/v1/runs/${runId}/results/${m.a}`)).statusCode).toBe(404);
    const again = await seca.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA });
    const [h1, h2] = await rows<{ result_hash: string }>(ctx.db, sql`SELECT result_hash FROM scheme_runs WHERE id IN (${runId}, ${again.json().id}) ORDER BY id`);
    expect(h1.result_hash).toBe(h2.result_hash);
    const refused = await seca.post(`/api/v1/runs/${runId}/publish`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/待支部确认/);
    await branch.post(`/api/v1/points/entries/${pending.json().id}/decide`, { decision: 'reject', note: '未参加' });
    const pub = await seca.post(`/api/v1/runs/${runId}/publish`);
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().tasks).toBe(1);
    const late = await branch.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2025-12-01'));
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/冻结/);
    // the frozen year's entries offer nothing to do any more
    const listed = (await branch.get(`/api/v1/points/entries?schemeId=${schemeId}&year=2025&subjectId=${m.a}`)).json().items;
    expect(listed.length).toBeGreaterThan(0);
    for (const e of listed) expect(e).toMatchObject({ frozen: true, actions: [] });
    expect((await branch.get(`/api/v1/points/entries/${listed[0].id}`)).json()).toMatchObject({ frozen: true, actions: [] });
    const cmp = await seca.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA });
    expect((await seca.get(`/api/v1/runs/${cmp.json().id}`)).json()).toMatchObject({ comparesWith: runId, changed: 0, actions: [] });
    expect((await seca.post(`/api/v1/runs/${cmp.json().id}/publish`)).statusCode).toBe(409);
    // the list pages, newest first
    const all = (await seca.get(`/api/v1/runs?schemeId=${schemeId}&pageSize=50`)).json();
    expect(all.total).toBeGreaterThanOrEqual(3);
    const second = (await seca.get(`/api/v1/runs?schemeId=${schemeId}&pageSize=1&page=2`)).json();
    expect(second).toMatchObject({ total: all.total, page: 2, pageSize: 1 });
    expect(second.items.map((x: { id: number }) => x.id)).toEqual([all.items[1].id]);
    expect((await seca.get('/api/v1/runs?pageSize=500')).statusCode).toBe(400);
    await expect(ctx.db.execute(sql`UPDATE run_results SET total = 100 WHERE run_id = ${runId}`)).rejects.toThrow();
  });

  it('refuses runs of a version that does not exist, and keeps other communities out of runs and ledgers', async () => {
    const before = await count(sql`SELECT count(*)::int AS n FROM scheme_runs`);
    const r = await seca.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA, versionId: 999999 });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/版本/);
    expect((await seca.post('/api/v1/runs', { schemeId: 999999, year: 2025, orgId: t.commA })).statusCode).toBe(404);
    expect((await seca.post('/api/v1/runs', { schemeId, year: 1999, orgId: t.commA })).statusCode).toBe(400);
    expect((await seca.post('/api/v1/runs', { schemeId, year: 2025, orgId: t.commA, extra: true })).statusCode).toBe(400);
    expect(await count(sql`SELECT count(*)::int AS n FROM scheme_runs`)).toBe(before);
    const [run] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM scheme_runs ORDER BY id LIMIT 1`);
    expect((await secb.get(`/api/v1/runs/${run.id}`)).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/runs/${run.id}/results`)).statusCode).toBe(404);
    expect((await secb.post(`/api/v1/runs/${run.id}/publish`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/runs')).json().items).toHaveLength(0);
    expect((await secb.get(`/api/v1/points/entries?orgId=${t.branchA}`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/points/entries')).json().items).toHaveLength(0);
    const [e] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM point_entries WHERE org_path LIKE '%/' || ${t.branchA} || '/' LIMIT 1`);
    expect((await secb.get(`/api/v1/points/entries/${e.id}`)).statusCode).toBe(404);
    expect((await secb.post(`/api/v1/points/entries/${e.id}/reverse`, { reason: '越权' })).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/points/board?schemeId=${schemeId}&year=2025&orgId=${t.branchA}`)).statusCode).toBe(404);
  });

  it('opens disposal proceedings after two failing years, tracked to their end', async () => {
    for (const day of ['2026-02-01', '2026-03-01']) expect((await branch.post('/api/v1/points/entries', entry(m.d, 'ABSENT', day))).statusCode).toBe(200);
    const run = await seca.post('/api/v1/runs', { schemeId, year: 2026, orgId: t.commA });
    const res = (await seca.get(`/api/v1/runs/${run.json().id}/results?grade=F`)).json();
    expect(res.items[0]).toMatchObject({ subjectId: m.d, flags: ['multiYear:F:2'] });
    expect((await seca.post(`/api/v1/runs/${run.json().id}/publish`)).statusCode).toBe(200);
    const tasks = (await branch.get('/api/v1/tasks?kind=disposal')).json();
    expect(tasks.items).toHaveLength(1);
    const task = tasks.items[0];
    expect(task.options).toEqual(['限期整改', '劝退', '除名']);
    expect((await secb.get('/api/v1/tasks')).json().items).toHaveLength(0);
    expect((await branch.patch(`/api/v1/tasks/${task.id}`, { version: task.version, status: 'done', outcome: '限期整改' })).statusCode).toBe(400);
    expect((await branch.patch(`/api/v1/tasks/${task.id}`, { version: task.version, status: 'done', outcome: '警告', resolution: 'x' })).statusCode).toBe(400);
    const done = await branch.patch(`/api/v1/tasks/${task.id}`, { version: task.version, status: 'done', outcome: '限期整改', resolution: '支部谈话，限期三个月改正' });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('shows a member their own handbook and the branch board, and no one else\'s', async () => {
    const me = await loginAs(app, 'membera');
    const hb = (await me.get(`/api/v1/me/points?schemeId=${schemeId}&year=2025`)).json();
    expect(hb.handbook).toMatchObject({ total: 69, rank: 1, gradeName: '优秀' });
    expect(hb.handbook.entries.at(-1).runningTotal).toBe(69);
    const board = await me.get(`/api/v1/points/board?schemeId=${schemeId}&year=2025`);
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json().items.length).toBe(5);
    expect((await me.get(`/api/v1/points/board?schemeId=${schemeId}&year=2025&orgId=${t.branchB}`)).statusCode).toBe(404);
    expect((await me.get(`/api/v1/points/entries`)).json().items).toHaveLength(0);
    expect((await me.post('/api/v1/points/entries', entry(m.a, 'STUDY', '2026-05-01'))).statusCode).toBe(404);
  });

  it('keeps the totals runs read equal to the ledger, and spreads concurrent writes over audit lanes that verify', async () => {
    // a scheme of its own (the other's years are published): many entries at once from one county, pending ones confirmed in parallel too
    const own = await street.post('/api/v1/schemes', { orgId: t.street, code: 'lanes', name: '并发', year: 2025, definition: testScheme() });
    expect(own.statusCode, own.body).toBe(200);
    const days = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-03`);
    const written = await Promise.all(days.map((d, i) => (i % 2 ? street : branch).post('/api/v1/points/entries', { ...entry(i % 3 ? m.b : m.d, 'STUDY', d), schemeId: own.json().id })));
    for (const r of written) expect(r.statusCode, r.body).toBe(200);
    const pending = written.map((r) => r.json()).filter((x) => x.status === 'pending');
    expect(pending.length).toBeGreaterThan(0);
    await Promise.all(pending.map((x) => branch.post(`/api/v1/points/entries/${x.id}/decide`, { decision: 'confirm' })));
    const diff = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM (
        SELECT county_id, scheme_id, year, subject_id, dimension, sum(points) AS points, count(*)::int AS entries FROM point_entries WHERE status = 'confirmed'
        GROUP BY county_id, scheme_id, year, subject_id, dimension) l
      FULL JOIN point_totals t USING (county_id, scheme_id, year, subject_id, dimension)
      WHERE l.points IS DISTINCT FROM t.points OR l.entries IS DISTINCT FROM t.entries`);
    expect(diff[0].n).toBe(0);
    const [{ n: totals }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM point_totals`);
    expect(totals).toBeGreaterThan(3);
    const lanes = await rows<{ chain: number }>(ctx.db, sql`SELECT DISTINCT chain FROM audit_events WHERE chain % ${2 ** 40} = ${t.countyId}`);
    expect(lanes.length).toBeGreaterThan(1);
    const v = await street.post('/api/v1/audit/verify', {});
    expect([200, 403]).toContain(v.statusCode);
    const { verifyChains } = await import('../src/platform/audit/store.js');
    expect(await verifyChains(ctx.db)).toMatchObject({ ok: true });
  });
});
