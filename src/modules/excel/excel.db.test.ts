/** Excel imports and exports through the API, on PGlite (and PostgreSQL when TEST_DATABASE_URL is set). */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { describeDb } from '../../../test/db.js';
import { loginAs, smallTree, testApp, uploadFile, waitJob, type Client } from '../../../test/app.js';
import { apiPlugins } from '../../routes.js';
import { buildApp } from '../../platform/http/app.js';
import { rows } from '../../platform/db/client.js';
import type { AppContext } from '../../platform/http/context.js';
import { excelRoutes } from './routes.js';
import { memberFile, memberRow, type Cell } from './fixtures.js';

/** An .xlsx of one sheet with a header and rows. */
async function plainFile(sheet: string, header: string[], data: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet(sheet).addRows([header, ...data]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads the rows of the first sheet of an .xlsx answer. */
async function sheetOf(r: LightMyRequestResponse): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(r.rawPayload).buffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => { out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))); });
  return out;
}

describeDb('excel imports and exports', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let a: Client, b: Client;

  const upload = (c: Client, url: string, bytes: Buffer, name = '党员名单.xlsx', field = 'file') => uploadFile(app, c, url, bytes, name, field);
  const count = async (where = sql`TRUE`) => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members WHERE ${where}`))[0].n;

  beforeAll(async () => {
    const base = await testApp(db());
    ctx = base.ctx;
    if (apiPlugins.includes(excelRoutes)) app = base.app;
    else {
      await base.app.close();
      app = await buildApp(ctx, [...apiPlugins, excelRoutes]);
    }
    t = await smallTree(ctx);
    a = await loginAs(app, 'seca');
    b = await loginAs(app, 'secb');
  });
  afterAll(async () => { await app?.close(); });

  it('documents its routes in the OpenAPI spec', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/imports/members', '/api/v1/imports/{id}', '/api/v1/exports/audit', '/api/v1/excel/templates/orgs']));
  });

  it('serves the templates with a Chinese file name', async () => {
    const r = await a.get(`/api/v1/excel/templates/members?orgId=${t.commA}`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-disposition']).toContain("filename*=UTF-8''%E5%85%9A%E5%91%98");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(r.rawPayload).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '填写说明', '选项']);
    expect(wb.getWorksheet('党员信息')!.getCell('Q3').dataValidation?.formulae[0]).toBe('"甲社区第一党支部"');
    expect((await a.get('/api/v1/excel/templates/orgs')).statusCode).toBe(200);
    expect((await b.get(`/api/v1/excel/templates/members?orgId=${t.commA}`)).statusCode).toBe(404);
  });

  it('imports a good file: every row, one audit event', async () => {
    const file = await memberFile([memberRow(1, '110101', '甲社区第一党支部'), memberRow(2, '110101', '甲社区第一党支部'), memberRow(3, '110101', '甲社区第一党支部')]);
    const r = await upload(a, `/api/v1/imports/members?orgId=${t.commA}`, file);
    expect(r.statusCode, r.body).toBe(202);
    const job = await waitJob(a, r.json().jobId);
    expect(job).toMatchObject({ status: 'done', total: 3, done: 3, errors: [] });
    const got = await rows<{ name: string; org_id: number; id_masked: string }>(ctx.db, sql`SELECT name, org_id, id_masked FROM members WHERE name LIKE '党员%' ORDER BY name`);
    expect(got.map((m) => m.name)).toEqual(['党员1', '党员2', '党员3']);
    expect(got.every((m) => m.org_id === t.branchA)).toBe(true);
    const [ev] = await rows<{ data: { kind: string; count: number; jobId: number; fileName: string; sha256: string } }>(ctx.db, sql`SELECT data FROM audit_events WHERE type = 'import.completed'`);
    expect(ev.data).toMatchObject({ kind: 'members', count: 3, jobId: job.id, fileName: '党员名单.xlsx' });
    expect(ev.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await b.get(`/api/v1/imports/${job.id}`)).statusCode).toBe(404);
  });

  it('imports nothing when one row is bad, and names its row and column in Chinese', async () => {
    const before = await count();
    const bad = memberRow(12);
    bad[4] = `${String(bad[4]).slice(0, 17)}${String(bad[4]).endsWith('0') ? '1' : '0'}`;
    const file = await memberFile([memberRow(11), bad, memberRow(13), memberRow(1)]);
    const r = await upload(a, `/api/v1/imports/members?orgId=${t.branchA}`, file);
    const job = await waitJob(a, r.json().jobId);
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual([
      { row: 4, column: '身份证号', message: '身份证号校验位错误', messageEn: expect.any(String) },
      { row: 6, column: '身份证号', message: '本县（区）已有该身份证号的党员', messageEn: expect.any(String) },
    ]);
    expect(await count()).toBe(before);
    const [ev] = await rows<{ data: { errorCount: number } }>(ctx.db, sql`SELECT data FROM audit_events WHERE type = 'import.failed' ORDER BY seq DESC LIMIT 1`);
    expect(ev.data.errorCount).toBe(2);
  });

  it('reports a missing column and a target that is not a party organisation', async () => {
    const noJoin = await plainFile('Sheet1', ['姓名', '性别'], [['张三', '男']]);
    const j1 = await waitJob(a, (await upload(a, `/api/v1/imports/members?orgId=${t.branchA}`, noJoin)).json().jobId);
    expect(j1.errors).toEqual([{ row: 1, column: '入党日期', message: '缺少“入党日期”列，请使用导入模板', messageEn: expect.any(String) }]);
    const j2 = await waitJob(a, (await upload(a, `/api/v1/imports/members?orgId=${t.commA}`, await memberFile([memberRow(21)]))).json().jobId);
    expect(j2.errors.map((e) => [e.row, e.column])).toEqual([[3, '所在党组织']]);
  });

  it('refuses files that are not .xlsx, too large, or in the wrong field', async () => {
    const url = `/api/v1/imports/members?orgId=${t.branchA}`;
    for (const bytes of [Buffer.from('姓名,性别\n张三,男\n'), Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(200, 1)])]) {
      const r = await upload(a, url, bytes, 'x.xlsx');
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toMatchObject({ code: 'INVALID_FILE', message: '不是有效的 Excel (.xlsx) 文件' });
    }
    const big = await upload(a, url, Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(10 * 1024 * 1024 + 1)]));
    expect(big.json().error).toMatchObject({ code: 'TOO_LARGE', message: '文件不能超过 10 MB' });
    expect((await upload(a, url, await memberFile([memberRow(31)]), 'a.xlsx', 'other')).json().error.code).toBe('INVALID_FILE');
    expect((await a.post(url, { file: 'x' })).json().error.code).toBe('INVALID_FILE');
  });

  it('keeps another community out: no import into it, no export from it', async () => {
    const file = await memberFile([memberRow(41)]);
    for (const orgId of [t.commA, t.branchA]) {
      expect((await upload(b, `/api/v1/imports/members?orgId=${orgId}`, file)).statusCode).toBe(404);
      expect((await upload(b, `/api/v1/imports/orgs?orgId=${orgId}`, file)).statusCode).toBe(404);
      expect((await b.get(`/api/v1/exports/members?orgId=${orgId}`)).statusCode).toBe(404);
      expect((await b.get(`/api/v1/exports/orgs?orgId=${orgId}`)).statusCode).toBe(404);
    }
    expect((await b.get(`/api/v1/exports/residents?communityId=${t.commA}`)).statusCode).toBe(404);
    const mine = await sheetOf(await b.get('/api/v1/exports/members'));
    expect(mine.slice(1).map((r) => r[0])).not.toContain('党员1');
    expect((await b.get('/api/v1/exports/audit')).statusCode).toBe(403);
  });

  it('imports organisations, a row naming a row above as its parent', async () => {
    const header = ['组织名称', '组织类别', '上级组织', '组织代码', '成立日期', '书记', '联系电话', '地址'];
    const bad = await plainFile('组织信息', header, [['第二党支部', '党支部', '', 'A-2', '2010-07-01', '', '', ''], ['某党委', '党委', '第二党支部', '', '', '', '', '']]);
    const j1 = await waitJob(a, (await upload(a, `/api/v1/imports/orgs?orgId=${t.commA}`, bad, '组织.xlsx')).json().jobId);
    expect(j1.errors.map((e) => [e.row, e.column])).toEqual([[3, '组织类别']]);
    const good = await plainFile('组织信息', header, [['第二党支部', '党支部', '', 'A-2', '2010-07-01', '李书记', '0571-8888888', ''], ['第一党小组', '党小组', 'A-2', '', '', '', '', '']]);
    const j2 = await waitJob(a, (await upload(a, `/api/v1/imports/orgs?orgId=${t.commA}`, good, '组织.xlsx')).json().jobId);
    expect(j2).toMatchObject({ status: 'done', total: 2 });
    const got = await rows<{ name: string; kind: string; parent: string }>(ctx.db, sql`SELECT o.name, o.kind, p.name AS parent FROM orgs o JOIN orgs p ON p.id = o.parent_id WHERE o.name IN ('第二党支部', '第一党小组') ORDER BY o.depth`);
    expect(got).toEqual([{ name: '第二党支部', kind: 'branch', parent: '甲社区' }, { name: '第一党小组', kind: 'group', parent: '第二党支部' }]);
    const again = await waitJob(a, (await upload(a, `/api/v1/imports/orgs?orgId=${t.commA}`, good, '组织.xlsx')).json().jobId);
    expect(again.errors.map((e) => [e.row, e.column])).toEqual([[2, '组织名称'], [2, '组织代码'], [3, '上级组织']]);
  });

  // The 10 s limit is a benchmark figure (npm run bench); here a generous bound catches a pathological slowdown.
  it('imports 10,000 members with progress shown', async () => {
    const data = Array.from({ length: 10_000 }, (_, i) => memberRow(i, '110102'));
    const file = await memberFile(data);
    const before = await count();
    const started = performance.now();
    const r = await upload(a, `/api/v1/imports/members?orgId=${t.branchA}`, file, '一万名党员.xlsx');
    expect(r.statusCode, r.body).toBe(202);
    const answered = performance.now() - started;
    const seen: number[] = [];
    const job = await waitJob(a, r.json().jobId, seen);
    const ms = performance.now() - started;
    console.log(`[${ctx.database.kind}] import of 10,000 members (${(file.length / 1024).toFixed(0)} KB): answered in ${answered.toFixed(0)} ms, done in ${ms.toFixed(0)} ms; progress seen: ${seen.join(' ')}`);
    expect(job).toMatchObject({ status: 'done', total: 10_000, done: 10_000 });
    expect(seen.some((d) => d > 0 && d < 10_000)).toBe(true);
    expect(await count()).toBe(before + 10_000);
    expect(ms).toBeLessThan(60_000);
  });

  it('exports the members of a subtree as in the database, with masked numbers only, and logs it', async () => {
    const r = await a.get(`/api/v1/exports/members?orgId=${t.branchA}&q=${encodeURIComponent('党员1')}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="members-\d{8}\.xlsx"; filename\*=UTF-8''%E7%94%B2/);
    const sheet = await sheetOf(r);
    expect(sheet[0].slice(0, 6)).toEqual(['姓名', '性别', '民族', '出生日期', '身份证号（已脱敏）', '手机号（已脱敏）']);
    const db = await rows<{ name: string; gender: string; birth_date: string; id_masked: string; phone_masked: string; join_date: string }>(ctx.db,
      sql`SELECT name, gender, birth_date::text, id_masked, phone_masked, join_date::text FROM members WHERE org_id = ${t.branchA} AND name LIKE '党员1%' ORDER BY name, id`);
    expect(db.length).toBeGreaterThan(1000);
    expect(sheet.slice(1).map((x) => [x[0], x[1], x[3], x[4], x[5], x[8]])).toEqual(db.map((m) => [m.name, m.gender, m.birth_date, m.id_masked, m.phone_masked, m.join_date]));
    expect(sheet.slice(1).every((x) => /^\d{6}\*{8}[\dX]{4}$/.test(x[4]) && /^\d{3}\*{4}\d{4}$/.test(x[5]))).toBe(true);
    const [ev] = await rows<{ actor_name: string; data: { kind: string; count: number; filters: { q: string } } }>(ctx.db, sql`SELECT actor_name, data FROM audit_events WHERE type = 'export.created' ORDER BY seq DESC LIMIT 1`);
    expect(ev).toMatchObject({ actor_name: 'seca', data: { kind: 'members', count: db.length, filters: { q: '党员1' } } });
  });

  it('exports organisations, residents and the audit trail', async () => {
    const orgs = await sheetOf(await a.get('/api/v1/exports/orgs'));
    expect(orgs.slice(1).map((r) => r[0])).toEqual(['甲社区', '甲社区第一党支部', '第二党支部', '第一党小组']);
    expect(orgs[3].slice(1, 4)).toEqual(['党支部', '甲社区', 'A-2']);
    const res = await a.get(`/api/v1/exports/residents?communityId=${t.commA}`);
    expect(res.statusCode, res.body).toBe(200);
    const auditor = await loginAs(app, 'auditor');
    const audit = await sheetOf(await auditor.get('/api/v1/exports/audit?type=import.completed'));
    expect(audit.slice(1).map((r) => r[1])).toEqual(['import.completed', 'import.completed', 'import.completed']);
    expect((await a.get('/api/v1/exports/audit')).statusCode).toBe(403);
  });
});
