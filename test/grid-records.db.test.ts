/**
 * The grid's records and the figures through the API: households and their 民情档案, a liaison's visits
 * (民情日记), 四联 links, 办事档案; bad input changes nothing; another community sees nothing; the
 * figures by community, grid and category equal a count made row by row, and the .xlsx holds them.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describeDb } from './db.js';
import { loginAs, memberBody, smallTree, testApp, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { answerOf } from '../src/platform/auth/challenge.js';
import { addDays } from '../src/platform/calendar/index.js';
import { today } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/http/context.js';

describeDb('grid records and figures', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, liaison: Client, street: Client;
  let gridA: number, gridB: number, household: number, resident: number, member: number;
  const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT (SELECT count(*) FROM households) + (SELECT count(*) FROM visits) + (SELECT count(*) FROM contact_links)
    + (SELECT count(*) FROM hall_cases) AS n`))[0].n;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    const [u] = await ctx.db.insert(users).values({ username: 'liaison', displayName: '网格员小王', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.commA }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'grid_liaison', orgId: t.commA });
    [seca, secb, liaison, street] = await Promise.all(['seca', 'secb', 'liaison', 'streetadm'].map((n) => loginAs(app, n)));
    gridA = (await seca.post(`/api/v1/orgs/${t.commA}/grids`, { name: '一片', kind: '片', households: 50 })).json().id;
    gridB = (await seca.post(`/api/v1/orgs/${t.commA}/grids`, { name: '二片', kind: '片', households: 0 })).json().id;
    const r = await seca.post('/api/v1/residents', { communityId: t.commA, name: '赵大妈', gender: '女', phone: '13700001111' });
    expect(r.statusCode, r.body).toBe(200);
    resident = r.json().id;
    const m = await seca.post('/api/v1/members', memberBody(t.branchA, { name: '钱党员', idNumber: null, phone: null }));
    member = m.json().id;
  });
  afterAll(async () => { await app?.close(); });

  it('keeps a grid\'s service team with its 民情联络员; a grid of another community is refused', async () => {
    const teams = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM teams`))[0].n;
    const before = await teams();
    const gridOfB = (await secb.post(`/api/v1/orgs/${t.commB}/grids`, { name: '乙一片', kind: '片', households: 10 })).json().id as number;
    const bad = await seca.post('/api/v1/teams', { orgId: t.commA, kind: '网格服务团队', name: '一片服务团队', gridId: gridOfB });
    expect(bad.statusCode, bad.body).toBe(400);
    expect(bad.json().error.message).toMatch(/网格/);
    expect(await teams()).toBe(before);
    const ok = await seca.post('/api/v1/teams', { orgId: t.commA, kind: '网格服务团队', name: '一片服务团队', gridId: gridA });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await seca.post(`/api/v1/teams/${ok.json().id}/people`, { personKind: 'member', personId: member, role: '民情联络员' })).statusCode).toBe(200);
    const listed = (await seca.get(`/api/v1/teams?orgId=${t.commA}`)).json().items as { id: number; gridId: number | null; gridName: string | null }[];
    expect(listed.find((x) => x.id === ok.json().id)).toMatchObject({ gridId: gridA, gridName: '一片' });
    const people = (await seca.get(`/api/v1/teams/${ok.json().id}`)).json().people as { name: string; role: string }[];
    expect(people).toEqual([expect.objectContaining({ name: '钱党员', role: '民情联络员' })]);
  });

  it('keeps households, places residents and refuses what is not the community\'s', async () => {
    const before = await count();
    for (const [c, b, status] of [
      [seca, { communityId: t.commA, address: '' }, 400],
      [seca, { communityId: t.commA, address: '1幢', gridId: 999999 }, 400],
      [seca, { communityId: t.commA, address: '1幢', colour: 'red' }, 400],
      [secb, { communityId: t.commA, address: '1幢' }, 404],
      [seca, { communityId: t.branchA, address: '1幢' }, 400],
    ] as const) expect((await c.post('/api/v1/households', b)).statusCode).toBe(status);
    expect(await count()).toBe(before);
    const h = await seca.post('/api/v1/households', { communityId: t.commA, gridId: gridA, building: '3幢', unitNo: '2单元', room: '301', address: '仓兴街3幢2单元301', headName: '赵大妈', tags: ['独居'] });
    expect(h.statusCode, h.body).toBe(200);
    household = h.json().id;
    expect((await seca.post(`/api/v1/households/${household}/residents`, { residentId: resident })).statusCode).toBe(200);
    expect((await secb.post(`/api/v1/households/${household}/residents`, { residentId: resident })).statusCode).toBe(404);
    const list = (await seca.get(`/api/v1/households?communityId=${t.commA}`)).json().items;
    expect(list).toEqual([expect.objectContaining({ id: household, residents: 1, gridName: '一片', tags: ['独居'] })]);
    expect((await secb.get(`/api/v1/households?communityId=${t.commA}`)).statusCode).toBe(404);
  });

  it('records a liaison\'s visit in one call, into the diary and the household\'s archive', async () => {
    const before = await count();
    for (const b of [
      { communityId: t.commA, whom: '赵大妈', heard: '' },
      { communityId: t.commA, whom: '赵大妈', heard: '好', visitedOn: addDays(today(), 1) },
      { communityId: t.commA, whom: '赵大妈', heard: '好', householdId: 999999 },
      { communityId: t.commA, whom: '赵大妈', heard: '好', kind: '闲聊' },
    ]) expect((await liaison.post('/api/v1/visits', b)).statusCode, JSON.stringify(b)).toBe(400);
    expect((await secb.post('/api/v1/visits', { communityId: t.commA, whom: '赵大妈', heard: '好' })).statusCode).toBe(404);
    expect(await count()).toBe(before);
    const v = await liaison.post('/api/v1/visits', { communityId: t.commA, gridId: gridA, householdId: household, kind: '联户', whom: '赵大妈', heard: '楼道灯不亮，腿脚不便', followUp: '报社区维修' });
    expect(v.statusCode, v.body).toBe(200);
    const diary = (await liaison.get('/api/v1/visits?mine=true')).json().items;
    expect(diary).toEqual([expect.objectContaining({ id: v.json().id, liaisonName: '网格员小王', householdAddress: '仓兴街3幢2单元301' })]);
    const archive = (await seca.get(`/api/v1/households/${household}`)).json();
    expect(archive.visits.map((x: { id: number }) => x.id)).toEqual([v.json().id]);
    expect(archive.residents).toEqual([expect.objectContaining({ name: '赵大妈', phoneMasked: '137****1111' })]);
    expect(JSON.stringify(archive)).not.toContain('13700001111');
    expect((await secb.get(`/api/v1/households/${household}`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/visits')).json().items).toEqual([]);
  });

  it('links a member to a household (党员联系户) and ends the link', async () => {
    const url = `/api/v1/contact-links?communityId=${t.commA}`;
    expect((await seca.post(url, { memberId: member, kind: '联户' })).statusCode).toBe(400);
    expect((await seca.post(url, { memberId: member, kind: '联户', householdId: household, gridId: gridA })).statusCode).toBe(400);
    expect((await liaison.post(url, { memberId: member, kind: '联户', householdId: household })).statusCode).toBe(403);
    const l = await seca.post(url, { memberId: member, kind: '联户', householdId: household });
    expect(l.statusCode, l.body).toBe(200);
    expect((await seca.post(url, { memberId: member, kind: '联户', householdId: household })).statusCode).toBe(409);
    expect((await seca.post(url, { memberId: member, kind: '联工程', project: '老旧小区改造' })).statusCode).toBe(200);
    expect((await seca.get(`/api/v1/households/${household}`)).json().links).toEqual([expect.objectContaining({ memberName: '钱党员', kind: '联户' })]);
    expect((await secb.post(`/api/v1/contact-links/${l.json().id}/end`)).statusCode).toBe(404);
    expect((await seca.post(`/api/v1/contact-links/${l.json().id}/end`)).statusCode).toBe(200);
    expect((await seca.post(`/api/v1/contact-links/${l.json().id}/end`)).statusCode).toBe(409);
    expect((await seca.get(`/api/v1/households/${household}`)).json().links).toEqual([]);
  });

  it('keeps the hall\'s cases by configurable kind, finished once', async () => {
    const { items: before, kinds } = (await seca.get(`/api/v1/hall-cases?communityId=${t.commA}`)).json();
    expect(before).toEqual([]);
    expect(kinds.map((k: { name: string }) => k.name)).toEqual(expect.arrayContaining(['养老保险', '医疗报销']));
    const kind = kinds.find((k: { name: string }) => k.name === '养老保险').id;
    expect((await seca.post('/api/v1/hall-cases', { communityId: t.commA, kindId: 999999, residentId: resident, matter: '办理' })).statusCode).toBe(400);
    expect((await secb.post('/api/v1/hall-cases', { communityId: t.commA, kindId: kind, residentId: resident, matter: '办理' })).statusCode).toBe(404);
    const c = await seca.post('/api/v1/hall-cases', { communityId: t.commA, kindId: kind, residentId: resident, matter: '城乡居民养老保险待遇领取资格认证' });
    expect(c.statusCode, c.body).toBe(200);
    const { items } = (await seca.get(`/api/v1/hall-cases?communityId=${t.commA}`)).json();
    expect(items[0]).toMatchObject({ residentName: '赵大妈', householdId: household, state: 'accepted', kind: '养老保险' });
    const done = await seca.post(`/api/v1/hall-cases/${c.json().id}/finish`, { state: 'done', result: '已认证', rowVersion: items[0].rowVersion });
    expect(done.statusCode, done.body).toBe(200);
    expect((await seca.post(`/api/v1/hall-cases/${c.json().id}/finish`, { state: 'done', result: '再次', rowVersion: items[0].rowVersion + 1 })).statusCode).toBe(409);
    expect((await seca.get(`/api/v1/households/${household}`)).json().hallCases).toEqual([expect.objectContaining({ kind: '养老保险', state: 'done' })]);
  });

  it('lets the county, and only the county, add and retire kinds of 办事', async () => {
    const admin = await loginAs(app, 'admin');
    const url = `/api/v1/hall-kinds?orgId=${t.commA}`;
    expect((await seca.get(url)).json().manage).toBe(false);
    expect((await seca.post(url, { name: '退役军人优待证' })).statusCode).toBe(403);
    expect((await secb.get(`/api/v1/hall-kinds?orgId=${t.commA}`)).statusCode).toBe(404);
    const k = await admin.post(url, { name: '退役军人优待证', sort: 20 });
    expect(k.statusCode, k.body).toBe(200);
    expect((await admin.post(url, { name: '退役军人优待证' })).statusCode).toBe(409);
    expect((await admin.post(url, { name: '' })).statusCode).toBe(400);
    const open = (body: object) => seca.post('/api/v1/hall-cases', { communityId: t.commA, residentId: resident, matter: '办理优待证', ...body });
    expect((await open({ kindId: k.json().id })).statusCode).toBe(200);
    expect((await admin.put(`/api/v1/hall-kinds/${k.json().id}?orgId=${t.commA}`, { name: '退役军人优待证', active: false })).statusCode).toBe(200);
    expect((await open({ kindId: k.json().id })).statusCode).toBe(400); // retired: no new cases
    expect((await seca.get(url)).json().items).toEqual(expect.arrayContaining([expect.objectContaining({ name: '退役军人优待证', active: false })]));
  });

  it('counts requests by community, grid and category exactly as the records hold them, and exports the figures', async () => {
    let ip = 0;
    const cats = (await seca.get(`/api/v1/requests/categories?orgId=${t.commA}`)).json().items as { id: number; name: string }[];
    const raise = async (communityId: number, gridId: number | null, categoryId: number) => {
      const c = (await app.inject({ method: 'GET', url: '/api/v1/public/requests/challenge' })).json();
      const r = await app.inject({ method: 'POST', url: '/api/v1/public/requests', headers: { 'x-forwarded-for': `10.1.0.${++ip}` },
        payload: { communityId, categoryId, gridId, title: '事项', body: '内容', phone: '13800000000', challenge: { token: c.token, answer: answerOf(c.question) } } });
      expect(r.statusCode, r.body).toBe(200);
      return (await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE tracking_code = ${r.json().trackingCode}`))[0].id;
    };
    const ids = [
      await raise(t.commA, gridA, cats[0].id), await raise(t.commA, gridA, cats[0].id), await raise(t.commA, gridB, cats[1].id),
      await raise(t.commA, null, cats[1].id), await raise(t.commB, null, cats[0].id),
    ];
    const step = async (c: Client, id: number, b: Record<string, unknown>) => {
      const v = (await c.get(`/api/v1/requests/${id}`)).json().rowVersion;
      const r = await c.post(`/api/v1/requests/${id}/steps`, { rowVersion: v, ...b });
      expect(r.statusCode, r.body).toBe(200);
    };
    await step(seca, ids[0], { action: 'assign', handlerKind: 'grid' });
    await step(seca, ids[0], { action: 'resolve', publicNote: '好了' });
    await step(seca, ids[1], { action: 'assign', handlerKind: 'community' });
    await ctx.db.execute(sql`UPDATE requests SET due_on = ${addDays(today(), -2)} WHERE id = ${ids[1]}`);
    await step(seca, ids[2], { action: 'assign', handlerKind: 'community' });
    await step(seca, ids[2], { action: 'close', publicNote: '不属于社区职责' });
    const all = await rows<{ communityId: number; gridId: number | null; categoryId: number; state: string; outcome: string | null; dueOn: string | null; escalations: number; outcomeOn: string | null }>(ctx.db,
      sql`SELECT community_id AS "communityId", grid_id AS "gridId", category_id AS "categoryId", state, outcome, to_char(due_on, 'YYYY-MM-DD') AS "dueOn", escalations,
        to_char(outcome_on, 'YYYY-MM-DD') AS "outcomeOn" FROM requests WHERE state <> 'merged'`);
    const on = today();
    const tally = (xs: typeof all) => ({
      raised: xs.length, fixed: xs.filter((x) => x.outcome === 'fixed').length, notFixed: xs.filter((x) => x.outcome === 'not_fixed').length,
      open: xs.filter((x) => ['triage', 'assigned', 'in_progress'].includes(x.state)).length,
      overdueNow: xs.filter((x) => ['assigned', 'in_progress'].includes(x.state) && x.dueOn! < on).length,
    });
    const byChild = (await street.get(`/api/v1/requests/stats?orgId=${t.street}&by=child`)).json();
    for (const c of [t.commA, t.commB]) expect(byChild.items.find((i: { key: string }) => i.key === String(c))).toMatchObject(tally(all.filter((x) => x.communityId === c)));
    expect(byChild.total).toMatchObject(tally(all.filter((x) => [t.commA, t.commB].includes(x.communityId))));
    const own = (await seca.get(`/api/v1/requests/stats?orgId=${t.commA}&by=child`)).json(); // a community's own requests are its one group
    expect(own.items).toEqual([expect.objectContaining({ key: String(t.commA), name: '甲社区', ...tally(all.filter((x) => x.communityId === t.commA)) })]);
    const byGrid = (await seca.get(`/api/v1/requests/stats?orgId=${t.commA}&by=grid`)).json();
    expect(byGrid.items.find((i: { key: string }) => i.key === String(gridA))).toMatchObject(tally(all.filter((x) => x.gridId === gridA)));
    const byCat = (await seca.get(`/api/v1/requests/stats?orgId=${t.commA}&by=category`)).json();
    for (const k of cats.slice(0, 2)) expect(byCat.items.find((i: { key: string }) => i.key === String(k.id))).toMatchObject(tally(all.filter((x) => x.categoryId === k.id && x.communityId === t.commA)));
    expect((await secb.get(`/api/v1/requests/stats?orgId=${t.commA}`)).statusCode).toBe(404);
    const load = (await seca.get(`/api/v1/requests/grid-load?orgId=${t.commA}`)).json().items;
    expect(load.find((g: { gridId: number }) => g.gridId === gridA)).toMatchObject({ open: 1, overdue: 1, households: 50, load: 2 });
    const x = await street.get(`/api/v1/requests/stats/export?orgId=${t.street}&by=child`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    const cells = sheet.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 3));
    expect(cells).toEqual(expect.arrayContaining([['甲社区', tally(all.filter((x) => x.communityId === t.commA)).raised], ['合计', byChild.total.raised]]));
    const visits = (await seca.get(`/api/v1/visits/stats?orgId=${t.commA}`)).json().items;
    expect(visits).toEqual([expect.objectContaining({ liaisonName: '网格员小王', visits: 1, households: 1 })]);
  });
});
