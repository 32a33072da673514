/** 评星晋级 through the API: bad input changes nothing, each step only by its role, other communities see nothing, the public board and objections need no login. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import ExcelJS from 'exceljs';
import zlib from 'node:zlib';
import { loginAs, memberBody, smallTree, testApp, uploadFile, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { configureClock, today } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/http/context.js';

const DAY = 24 * 3600 * 1000;

describeDb('star rating API', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, street: Client, county: Client, admin: Client;
  const count = async (table: string) => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0].n;
  const YEAR = 2025;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    const [u] = await ctx.db.insert(users).values({ username: 'countyadm', displayName: '县评星办', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.countyId }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'county_admin', orgId: t.countyId });
    [seca, secb, street, county, admin] = await Promise.all(['seca', 'secb', 'streetadm', 'countyadm', 'admin'].map((n) => loginAs(app, n)));
  });
  afterAll(async () => {
    configureClock({ offsetDays: 0, adjustable: false });
    await app?.close();
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = await count('star_applications');
    const bad: [unknown, RegExp | null][] = [
      [{ orgId: t.commA, year: YEAR }, null], // level missing
      [{ orgId: t.commA, year: YEAR, level: 6 }, null],
      [{ orgId: t.commA, year: YEAR, level: '3' }, null],
      [{ orgId: t.commA, year: YEAR, level: 3, extra: 1 }, null],
      [{ orgId: t.branchA, year: YEAR, level: 3 }, /无权|不存在|不参加/],
    ];
    for (const [body, msg] of bad) {
      const r = await seca.post('/api/v1/stars/applications', body);
      expect([400, 403, 404], r.body).toContain(r.statusCode);
      if (msg) expect(r.json().error.message).toMatch(msg);
    }
    expect((await secb.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR, level: 3 })).statusCode).toBe(404);
    expect(await count('star_applications')).toBe(before);
  });

  it('walks a three-star year through the API; steps out of order or by the wrong role are refused', async () => {
    const made = await seca.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR, level: 3 });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id;
    expect(made.json().actions).toEqual(['submit', 'selfAssess']);
    expect((await seca.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR, level: 2 })).statusCode).toBe(409);

    let d = (await seca.get(`/api/v1/stars/applications/${id}`)).json();
    expect(d.standard.level.stars).toBe(3);
    expect(d.standard.level.criteria.length).toBeGreaterThan(5);
    expect(d.evaluation.missing.length).toBeGreaterThan(0);
    const code = d.standard.level.criteria.find((c: { checks: unknown[] }) => !c.checks.length).code;
    // unknown criterion, wrong fact types, oversized notes: refused, nothing saved
    for (const body of [
      { facts: {}, claims: { NOPE: { met: true } }, rowVersion: d.rowVersion },
      { facts: { metrics: { mediationRate: 'high' } }, claims: {}, rowVersion: d.rowVersion },
      { facts: { metrics: { mediationRate: 101 } }, claims: {}, rowVersion: d.rowVersion },
      { facts: {}, claims: { [code]: { met: true, note: 'x'.repeat(1001) } }, rowVersion: d.rowVersion },
      { facts: { colour: 'red' }, claims: {}, rowVersion: d.rowVersion },
    ]) expect((await seca.put(`/api/v1/stars/applications/${id}/self-assessment`, body)).statusCode).toBe(400);
    const saved = await seca.put(`/api/v1/stars/applications/${id}/self-assessment`, {
      facts: { metrics: { mediationRate: 100, mediationSuccessRate: 96 }, disclosureMonths: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], incidents: { homicide: 0 } },
      claims: { [code]: { met: true, note: '班子健全', evidence: [{ kind: 'text', text: '2025年换届材料' }] } }, rowVersion: d.rowVersion,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    d = (await seca.get(`/api/v1/stars/applications/${id}`)).json();
    expect(d.evaluation.criteria.find((c: { code: string }) => c.code === code).met).toBe(true);
    expect((await secb.put(`/api/v1/stars/applications/${id}/self-assessment`, { facts: {}, claims: {}, rowVersion: d.rowVersion })).statusCode).toBe(404);

    const stepOf = async (who: Client, body: Record<string, unknown>) => {
      const cur = (await who.get(`/api/v1/stars/applications/${id}`)).json();
      return who.post(`/api/v1/stars/applications/${id}/steps`, { ...body, rowVersion: cur.rowVersion });
    };
    const wrongOrder = await stepOf(street, { step: 'assess' });
    expect(wrongOrder.statusCode).toBe(409);
    expect(wrongOrder.json().error.message).toMatch(/自评中/);
    expect((await stepOf(county, { step: 'submit' })).statusCode).toBe(403);
    expect((await stepOf(seca, { step: 'fly' })).statusCode).toBe(400);
    expect((await stepOf(seca, { step: 'submit' })).statusCode).toBe(200);
    expect((await stepOf(seca, { step: 'assess' })).statusCode).toBe(403);
    expect((await stepOf(street, { step: 'assess', level: 3, comment: '达到三星' })).statusCode).toBe(200);
    expect((await stepOf(street, { step: 'approve' })).statusCode).toBe(403);
    expect((await stepOf(county, { step: 'accept' })).statusCode).toBe(409); // three stars take no notice
    expect((await stepOf(county, { step: 'approve' })).statusCode).toBe(200);
    const noDoc = await stepOf(county, { step: 'publish' });
    expect(noDoc.statusCode).toBe(400);
    expect((await stepOf(county, { step: 'publish', docNumber: '县评〔2026〕3号' })).statusCode).toBe(200);
    const history = (await seca.get(`/api/v1/stars/history?orgId=${t.commA}`)).json();
    expect(history.items).toMatchObject([{ year: YEAR, level: 3, docNumber: '县评〔2026〕3号' }]);
    // the public board lists it without a login
    const board = await app.inject({ method: 'GET', url: `/api/v1/public/stars/${t.countyId}` });
    expect(board.statusCode).toBe(200);
    expect(board.json().orgs.find((o: { orgId: number }) => o.orgId === t.commA).current).toEqual({ year: YEAR, level: 3 });
    // a browser that takes gzip gets the same board compressed, under its own ETag; either comes back 304 when unchanged
    const zipped = await app.inject({ method: 'GET', url: `/api/v1/public/stars/${t.countyId}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zlib.gunzipSync(zipped.rawPayload).toString()).toBe(board.body);
    expect(zipped.rawPayload.length).toBeLessThan(board.rawPayload.length);
    expect(zipped.headers.etag).not.toBe(board.headers.etag);
    for (const [r, enc] of [[board, undefined], [zipped, 'gzip']] as const) {
      const again = await app.inject({ method: 'GET', url: `/api/v1/public/stars/${t.countyId}`, headers: { 'if-none-match': String(r.headers.etag), ...(enc ? { 'accept-encoding': enc } : {}) } });
      expect(again.statusCode).toBe(304);
    }
    // another community sees none of it
    expect((await secb.get(`/api/v1/stars/applications/${id}`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/stars/applications?pageSize=50')).json().items.map((x: { id: number }) => x.id)).not.toContain(id);
    expect((await secb.get(`/api/v1/stars/history?orgId=${t.commA}`)).statusCode).toBe(404);
    // the export is a real workbook
    const x = await county.get(`/api/v1/stars/applications/export?year=${YEAR}`);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('takes objections on the public page only during the notice, and publishes after every answer', async () => {
    configureClock({ offsetDays: 0, adjustable: true });
    const made = await secb.post('/api/v1/stars/applications', { orgId: t.commB, year: YEAR, level: 5 });
    const id = made.json().id;
    const stepOf = async (who: Client, body: Record<string, unknown>) => {
      const cur = (await who.get(`/api/v1/stars/applications/${id}`)).json();
      return who.post(`/api/v1/stars/applications/${id}/steps`, { ...body, rowVersion: cur.rowVersion });
    };
    await stepOf(secb, { step: 'submit' });
    await stepOf(street, { step: 'assess' });
    const accepted = await stepOf(county, { step: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { noticeFirst, noticeLast } = accepted.json();
    expect(noticeFirst > today()).toBe(true);
    const lodge = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/public/stars/notices/${id}/objections`, payload: body });
    expect((await lodge({ contact: '13900000001', content: '公示开始前的异议' })).statusCode).toBe(409);
    // move the product's date into the notice period (a test deployment allows it)
    const base = today(); // the offset is 0 here
    const shift = (to: string) => Math.round((Date.parse(to) - Date.parse(base)) / DAY);
    const moved = await admin.put('/api/v1/system/clock', { offsetDays: shift(noticeFirst) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().today).toBe(noticeFirst);
    expect((await lodge({ contact: '1', content: '太短' })).statusCode).toBe(400);
    expect((await lodge({ contact: '13900000001', content: '异议内容', extra: true })).statusCode).toBe(400);
    const lodged = await lodge({ name: '居民', contact: '13900000001', content: '该社区安全生产事故未如实申报' });
    expect(lodged.statusCode, lodged.body).toBe(200);
    const receipt = lodged.json().receipt;
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/stars/objections/${receipt}` })).json()).toMatchObject({ state: 'open', answer: null });
    expect((await stepOf(county, { step: 'publish', docNumber: '县评〔2026〕4号' })).statusCode).toBe(409);
    const d = (await county.get(`/api/v1/stars/applications/${id}`)).json();
    // the county sees the contact masked; the full details only on request, and each look is logged
    expect(d.objections[0]).toMatchObject({ contact: '139******01', actions: ['viewContact', 'answer'] });
    expect((await street.get(`/api/v1/stars/applications/${id}`)).json().objections[0].contact).toBeNull();
    expect((await street.get(`/api/v1/stars/objections/${d.objections[0].id}/contact`)).statusCode).toBe(403);
    expect((await seca.get(`/api/v1/stars/objections/${d.objections[0].id}/contact`)).statusCode).toBe(404);
    const full = await county.get(`/api/v1/stars/objections/${d.objections[0].id}/contact`);
    expect(full.json()).toMatchObject({ name: '居民', contact: '13900000001' });
    const looked = await rows<{ targetId: string }>(ctx.db, sql`SELECT target_id AS "targetId" FROM audit_events WHERE type = 'star.objection_contact_viewed'`);
    expect(looked.map((e) => Number(e.targetId))).toEqual([d.objections[0].id]);
    expect((await street.post(`/api/v1/stars/objections/${d.objections[0].id}/answer`, { decision: 'dismissed', answer: '不属实' })).statusCode).toBe(403);
    const answered = await county.post(`/api/v1/stars/objections/${d.objections[0].id}/answer`, { decision: 'dismissed', answer: '经核实，事故不在本社区辖区' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/stars/objections/${receipt}` })).json()).toMatchObject({ state: 'dismissed', answer: '经核实，事故不在本社区辖区' });
    expect((await stepOf(county, { step: 'publish', docNumber: '县评〔2026〕4号' })).statusCode).toBe(409); // the notice still runs
    await admin.put('/api/v1/system/clock', { offsetDays: shift(noticeLast) + 1 });
    expect((await lodge({ contact: '13900000002', content: '公示结束后的异议' })).statusCode).toBe(409);
    const pub = await stepOf(county, { step: 'publish', docNumber: '县评〔2026〕4号' });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ state: 'published', level: 5 });
    expect((await seca.put('/api/v1/system/clock', { offsetDays: 0 })).statusCode).toBe(403);
    const events = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE type IN ('star.objection_lodged', 'star.objection_answered', 'system.clock_set') ORDER BY at`);
    expect(events.map((e) => e.type)).toEqual(['system.clock_set', 'star.objection_lodged', 'star.objection_answered', 'system.clock_set']);
  });

  it('counts the targets by street and year, reports the year and tables the cadres\' pay', async () => {
    const cadre = await seca.post('/api/v1/members', memberBody(t.branchA, { name: '甲书记', idNumber: null, phone: null, post: '党组织书记' }));
    expect(cadre.statusCode, cadre.body).toBe(200);
    const tg = await county.get(`/api/v1/stars/targets?orgId=${t.countyId}&from=${YEAR - 1}&to=${YEAR}`);
    expect(tg.statusCode, tg.body).toBe(200);
    expect(tg.json().targets).toMatchObject({ threeStarShare: 0.8, fiveStarShare: 0.2 });
    const streetRow = tg.json().rows.find((r: { orgId: number }) => r.orgId === t.street);
    expect(streetRow).toMatchObject({ communities: 2 });
    expect(streetRow.years[1]).toMatchObject({ year: YEAR, rated: 2, threePlus: 2, five: 1, threePlusShare: 1, fiveShare: 0.5 });
    expect(streetRow.years[0]).toMatchObject({ year: YEAR - 1, rated: 0, threePlusShare: 0 });
    expect((await county.get(`/api/v1/stars/targets?orgId=${t.countyId}&from=${YEAR}&to=${YEAR - 1}`)).statusCode).toBe(400);
    // a community's admin sees its own subtree only
    expect((await seca.get(`/api/v1/stars/targets?orgId=${t.street}&from=${YEAR}&to=${YEAR}`)).statusCode).toBe(404);
    const report = (await county.get(`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}`)).json();
    expect(report.commended.map((x: { orgId: number }) => x.orgId)).toEqual([t.commB]);
    expect(report.byLevel.find((b: { level: number }) => b.level === 3).orgs).toMatchObject([{ orgId: t.commA, change: 'new', docNumber: '县评〔2026〕3号' }]);
    const pay = (await county.get(`/api/v1/stars/pay?orgId=${t.countyId}&year=${YEAR}`)).json();
    expect(pay.items).toMatchObject([{ orgId: t.commA, level: 3, coefficient: 1, name: '甲书记', post: '党组织书记' }]);
    for (const url of [`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}&format=xlsx`, `/api/v1/stars/pay?orgId=${t.countyId}&year=${YEAR}&format=xlsx`]) {
      const x = await county.get(url);
      expect(x.statusCode).toBe(200);
      expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await seca.get(`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}`)).statusCode).toBe(404);
  });

  it('offers the same steps in the list as on the application: none that a veto bars', async () => {
    const made = await seca.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR + 3, level: 5 });
    expect(made.statusCode, made.body).toBe(200);
    const id = made.json().id;
    const stepOf = async (who: Client, body: Record<string, unknown>) => {
      const cur = (await who.get(`/api/v1/stars/applications/${id}`)).json();
      return who.post(`/api/v1/stars/applications/${id}/steps`, { ...body, rowVersion: cur.rowVersion });
    };
    expect((await stepOf(seca, { step: 'submit' })).statusCode).toBe(200);
    const assessed = await stepOf(street, { step: 'assess', vetoes: ['V1'], comment: '违反计划生育有关规定' });
    expect(assessed.statusCode, assessed.body).toBe(200);
    const inList = (await county.get(`/api/v1/stars/applications?year=${YEAR + 3}`)).json().items.find((a: { id: number }) => a.id === id);
    const onPage = (await county.get(`/api/v1/stars/applications/${id}`)).json();
    expect(onPage.actions).not.toContain('accept');
    expect(inList.actions).toEqual(onPage.actions);
    expect((await stepOf(county, { step: 'accept' })).statusCode).toBe(409);
  });

  it('takes files as evidence only when they are the community\'s own; too large or refused files are refused at upload', async () => {
    const made = await seca.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR + 2, level: 2 });
    const id = made.json().id;
    const detail = (await seca.get(`/api/v1/stars/applications/${id}`)).json();
    const code = detail.standard.level.criteria.find((c: { checks: unknown[] }) => !c.checks.length).code;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('材料').addRow(['居务公开记录']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const own = await uploadFile(app, seca, `/api/v1/files?orgId=${t.commA}`, xlsx, '居务公开.xlsx');
    expect(own.statusCode, own.body).toBe(200);
    const theirs = await uploadFile(app, secb, `/api/v1/files?orgId=${t.commB}`, xlsx, '乙社区.xlsx');
    expect(theirs.statusCode).toBe(200);
    const tooBig = await uploadFile(app, seca, `/api/v1/files?orgId=${t.commA}`, Buffer.alloc(11 * 1024 * 1024, 1), '大文件.xlsx');
    expect(tooBig.statusCode).toBe(413);
    const wrongType = await uploadFile(app, seca, `/api/v1/files?orgId=${t.commA}`, Buffer.from('MZ\x90\x00 not a workbook'), '程序.xlsx');
    expect([400, 415]).toContain(wrongType.statusCode);
    const save = (fileId: number, rowVersion: number) => seca.put(`/api/v1/stars/applications/${id}/self-assessment`, {
      facts: {}, claims: { [code]: { met: true, evidence: [{ kind: 'file', fileId, name: '材料' }] } }, rowVersion,
    });
    const refused = await save(theirs.json().id, detail.rowVersion);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/不属于本社区/);
    expect((await save(999999, detail.rowVersion)).statusCode).toBe(400);
    const ok = await save(own.json().id, detail.rowVersion);
    expect(ok.statusCode, ok.body).toBe(200);
    const after = (await seca.get(`/api/v1/stars/applications/${id}`)).json();
    expect(after.claims[code].evidence).toEqual([{ kind: 'file', fileId: own.json().id, name: '材料' }]);
  });

  it('lets the system administrator add calendar dates, and nobody else', async () => {
    const shipped = (await seca.get('/api/v1/system/calendar?year=2026')).json();
    expect(shipped.source).toMatch(/国务院办公厅/);
    expect(shipped.shipped.find((d: { date: string }) => d.date === '2026-02-14')).toMatchObject({ kind: 'workday' });
    expect((await seca.put('/api/v1/system/calendar', { date: '2027-02-06', kind: 'holiday', name: '春节' })).statusCode).toBe(403);
    for (const bad of [{ date: '2027-02-30', kind: 'holiday', name: '春节' }, { date: '2027-02-06', kind: 'party', name: '春节' }, { date: '2027-02-06', kind: 'holiday', name: '' }]) {
      expect((await admin.put('/api/v1/system/calendar', bad)).statusCode).toBe(400);
    }
    expect((await admin.put('/api/v1/system/calendar', { date: '2027-02-06', kind: 'holiday', name: '春节' })).statusCode).toBe(200);
    expect((await admin.get('/api/v1/system/calendar?year=2027')).json().added).toEqual([{ date: '2027-02-06', kind: 'holiday', name: '春节' }]);
  });

  it('does not move the date in a deployment that does not allow it', async () => {
    configureClock({ offsetDays: 0, adjustable: false });
    const r = await admin.put('/api/v1/system/clock', { offsetDays: 3 });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.message).toMatch(/CLOCK_ADJUSTABLE/);
  });
});
