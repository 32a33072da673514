/**
 * A community's households as Excel through the API: the template offers the community's grids;
 * an import with any bad row (unknown grid, missing or registered address, an address twice, a
 * tag too long) writes nothing and names each row and column; a good one writes every row, placed
 * in its grid; the roster exports what the list shows. Another community can neither import into
 * nor read this one; an inspector, who reads them, does not import them; a liaison exports them.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describeDb } from './db.js';
import { loginAs, smallTree, testApp, uploadFile, waitJob, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { splitTags } from '../src/modules/grid/households-excel.js';
import type { AppContext } from '../src/platform/http/context.js';

describeDb('households as Excel', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, liaison: Client, inspector: Client;
  let template: Buffer;
  const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM households`))[0].n;
  const file = async (data: (string | null)[][]) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(template).buffer);
    const ws = wb.getWorksheet('住户信息')!;
    data.forEach((r, i) => { ws.getRow(3 + i).values = r; });
    return Buffer.from(await wb.xlsx.writeBuffer());
  };
  const upload = (who: Client, bytes: Buffer, communityId = t.commA) => uploadFile(app, who, `/api/v1/households/import?communityId=${communityId}`, bytes, '住户.xlsx');

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    const [u] = await ctx.db.insert(users).values({ username: 'liaison', displayName: '网格员小王', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.commA }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'grid_liaison', orgId: t.commA });
    const [i] = await ctx.db.insert(users).values({ username: 'inspector', displayName: '督查员', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.street }).returning();
    await ctx.db.insert(grants).values({ userId: i.id, role: 'inspector', orgId: t.street });
    [seca, secb, liaison, inspector] = await Promise.all(['seca', 'secb', 'liaison', 'inspector'].map((n) => loginAs(app, n)));
    for (const name of ['一片', '二片']) expect((await seca.post(`/api/v1/orgs/${t.commA}/grids`, { name, kind: '片', households: 0 })).statusCode).toBe(200);
    expect((await seca.post('/api/v1/households', { communityId: t.commA, address: '幸福路1号', headName: '老住户' })).statusCode).toBe(200);
  });
  afterAll(async () => { await app?.close(); });

  it('splits tags on the separators people type, each kept once', () => {
    expect(splitTags('独居、空巢, 低保；独居  残疾')).toEqual(['独居', '空巢', '低保', '残疾']);
    expect(splitTags('  ')).toEqual([]);
  });

  it('imports all rows or none, in the community\'s grids, and exports what the list shows', async () => {
    const tpl = await seca.get(`/api/v1/households/template?communityId=${t.commA}`);
    expect(tpl.statusCode).toBe(200);
    template = tpl.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(template).buffer);
    expect((wb.getWorksheet('住户信息')!.getRow(1).values as string[]).slice(1)).toEqual(['地址', '网格', '楼栋', '单元', '门牌号', '户主', '标签']);
    const options = wb.getWorksheet('选项');
    const offered = JSON.stringify(wb.getWorksheet('住户信息')!.getCell('B2').dataValidation ?? {}) + JSON.stringify(options?.getSheetValues() ?? []);
    expect(offered).toContain('一片');

    const before = await count();
    const bad = await upload(seca, await file([
      ['幸福路3幢2单元301', '一片', '3幢', '2单元', '301', '张三', '独居'],
      ['幸福路5号', '三片', null, null, null, null, null],
      [null, null, null, null, null, '无地址', null],
      ['幸福路1号', null, null, null, null, null, null],
      ['幸福路3幢2单元301', '二片', null, null, null, null, null],
      ['幸福路9号', null, null, null, null, null, '这个标签实在是太长了超过十字'],
    ]));
    expect(bad.statusCode, bad.body).toBe(202);
    const failed = await waitJob(seca, bad.json().jobId);
    expect(failed.status).toBe('failed');
    expect(failed.errors.map((e) => [e.row, e.column])).toEqual([[4, '网格'], [5, '地址'], [6, '地址'], [7, '地址'], [8, '标签']]);
    expect(await count()).toBe(before);
    expect((await upload(secb, await file([['幸福路7号', null, null, null, null, null, null]]))).statusCode).toBe(404);
    expect((await upload(inspector, await file([['幸福路7号', null, null, null, null, null, null]]))).statusCode).toBe(403); // the inspector reads the households but does not keep them
    expect((await inspector.get(`/api/v1/households/template?communityId=${t.commA}`)).statusCode).toBe(403);
    expect((await secb.get(`/api/v1/households/export?communityId=${t.commA}`)).statusCode).toBe(404);
    expect((await seca.get(`/api/v1/households/export?communityId=${t.commA}&colour=red`)).statusCode).toBe(400);

    const good = await upload(seca, await file([
      ['幸福路3幢2单元301', '一片', '3幢', '2单元', '301', '张三', '独居、空巢'],
      ['幸福路5幢101', '二片', '5幢', null, '101', '李四', null],
      ['幸福路7号', null, null, null, null, null, '低保'],
    ]));
    const done = await waitJob(seca, good.json().jobId);
    expect(done, JSON.stringify(done.errors)).toMatchObject({ status: 'done', total: 3 });
    expect(await count()).toBe(before + 3);
    const list = (await seca.get(`/api/v1/households?communityId=${t.commA}`)).json().items as { address: string; gridName: string | null; tags: string[]; headName: string | null; unitNo: string | null }[];
    expect(list.find((h) => h.address === '幸福路3幢2单元301')).toMatchObject({ gridName: '一片', headName: '张三', unitNo: '2单元', tags: ['独居', '空巢'] });
    expect(list.find((h) => h.address === '幸福路7号')).toMatchObject({ gridName: null, tags: ['低保'] });
    const [e] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'import.completed' AND data->>'kind' = 'households'`);
    expect(e.n).toBe(1);

    const x = await liaison.get(`/api/v1/households/export?communityId=${t.commA}`);
    expect(x.statusCode).toBe(200);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(new Uint8Array(x.rawPayload).buffer);
    const sheet = out.worksheets[0];
    const cells: string[][] = [];
    sheet.eachRow((r) => { cells.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))); });
    const header = cells.findIndex((r) => r[0] === '地址' && r[1] === '网格');
    expect(header).toBeGreaterThanOrEqual(0);
    const body = cells.slice(header + 1).filter((r) => r[0]);
    expect(body.map((r) => r[0])).toEqual(list.map((h) => h.address));
    expect(body.find((r) => r[0] === '幸福路3幢2单元301')!.slice(0, 7)).toEqual(['幸福路3幢2单元301', '一片', '3幢', '2单元', '301', '张三', '独居、空巢']);
  });
});
