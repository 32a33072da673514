/**
 * The .xlsx exports of 民情日记, 办事档案, 党员联系户/四联 and 服务需求档案 through the API: each file holds,
 * value for value, the rows its list returns under the same filters; no resident's phone number appears
 * unmasked; another community's secretary gets a refusal or only their own rows; an unknown filter is
 * refused; every export is logged.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describeDb } from './db.js';
import { loginAs, memberBody, smallTree, testApp, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { addDays } from '../src/platform/calendar/index.js';
import { today } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/http/context.js';

const PHONES = ['13700001111', '13912345678', '13800002222'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The cells of an export's one sheet as text, every row as wide as the header. */
async function sheetOf(r: LightMyRequestResponse): Promise<string[][]> {
  expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
  expect(r.headers['content-type']).toBe(XLSX);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(r.rawPayload).buffer);
  const out: string[][] = [];
  wb.worksheets[0].eachRow((row) => { out.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))); });
  return out.map((x) => Array.from({ length: out[0].length }, (_, i) => x[i] ?? ''));
}

/** Values as the sheet shows them: empty for none, numbers as text. */
const text = (xs: unknown[]) => xs.map((v) => (v == null ? '' : String(v)));
const beijingDay = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 10);

type Visit = { kind: string; visitedOn: string; whom: string; place: string | null; heard: string; followUp: string | null; requestId: number | null; householdAddress: string | null; gridName: string | null; communityName: string; liaisonName: string };
type Hall = { residentName: string; kind: string; matter: string; state: string; acceptedOn: string; doneOn: string | null; result: string | null; handlerName: string };
type Link = { memberName: string; kind: string; householdAddress: string | null; gridName: string | null; unitName: string | null; project: string | null; since: string; until: string | null };
type Need = { id: number; communityName: string; residentName: string; address: string | null; phoneMasked: string | null; kind: string; need: string; stateName: string; activeMember: string | null; activeState: string | null; served: number; confirmed: number; createdAt: string };

const visitCells = (v: Visit) => text([v.visitedOn, v.kind, v.communityName, v.gridName, v.householdAddress, v.whom, v.place, v.heard, v.followUp, v.requestId, v.liaisonName]);
const HALL_ZH: Record<string, string> = { accepted: '已受理', done: '已办结', referred: '已转办' };
const hallCells = (h: Hall) => text([h.acceptedOn, h.kind, h.residentName, h.matter, HALL_ZH[h.state], h.result, h.doneOn, h.handlerName]);
const linkCells = (l: Link) => text([l.memberName, l.kind, l.householdAddress ?? l.gridName ?? l.unitName ?? l.project, l.since, l.until, l.until ? '已结束' : '联系中']);
const needCells = (n: Need) => text([n.id, n.communityName, n.residentName, n.address, n.phoneMasked, n.kind, n.need, n.stateName, n.activeMember, n.activeState ? '已认领' : null, n.served, n.confirmed, beijingDay(n.createdAt)]);

describeDb('grid and service record exports', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, liaison: Client, street: Client, mem: Client;
  const res: number[] = [];
  let exports = 0;

  /** The newest export.created event, after checking that exactly one more was written since the last look. */
  const logged = async () => {
    const evs = await rows<{ org_id: number | null; actor_name: string; target_id: string; data: { kind: string; count: number; filters: Record<string, unknown> } }>(ctx.db,
      sql`SELECT org_id::int AS org_id, actor_name, target_id, data FROM audit_events WHERE type = 'export.created' ORDER BY at DESC, seq DESC`);
    expect(evs.length).toBe(exports + 1);
    exports = evs.length;
    return evs[0];
  };
  const noRawPhone = (sheet: string[][]) => {
    const all = sheet.flat().join('\n');
    for (const p of PHONES) expect(all).not.toContain(p);
  };

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    const hash = await hashPassword(PASSWORD);
    const [u] = await ctx.db.insert(users).values({ username: 'liaison', displayName: '网格员小王', passwordHash: hash, homeOrgId: t.commA }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'grid_liaison', orgId: t.commA });
    [seca, secb, liaison, street] = await Promise.all(['seca', 'secb', 'liaison', 'streetadm'].map((n) => loginAs(app, n)));
    const ok = (r: LightMyRequestResponse) => { expect(r.statusCode, r.body).toBe(200); return r.json() as { id: number }; };

    const gridA = ok(await seca.post(`/api/v1/orgs/${t.commA}/grids`, { name: '一片', kind: '片', households: 50 })).id;
    const household = ok(await seca.post('/api/v1/households', { communityId: t.commA, gridId: gridA, building: '3幢', unitNo: '2单元', room: '301', address: '仓兴街3幢2单元301', headName: '赵大妈' })).id;
    for (const [c, communityId, name, phone] of [[seca, t.commA, '赵大妈', PHONES[0]], [seca, t.commA, '钱大爷', PHONES[1]], [secb, t.commB, '孙阿姨', PHONES[2]]] as const) {
      res.push(ok(await c.post('/api/v1/residents', { communityId, name, gender: '女', phone, address: `${name}家` })).id);
    }
    const member = ok(await seca.post('/api/v1/members', memberBody(t.branchA, { name: '钱党员', idNumber: null, phone: null }))).id;
    const [mu] = await ctx.db.insert(users).values({ username: 'mema', displayName: '钱党员', passwordHash: hash, homeOrgId: t.branchA, memberId: member, memberCountyId: t.countyId }).returning();
    await ctx.db.insert(grants).values({ userId: mu.id, role: 'member', orgId: t.branchA });
    mem = await loginAs(app, 'mema');

    // 民情日记: the liaison's and the secretary's, on different days; one in community B
    ok(await liaison.post('/api/v1/visits', { communityId: t.commA, gridId: gridA, householdId: household, kind: '联户', whom: '赵大妈', heard: '楼道灯不亮', followUp: '报社区维修', visitedOn: addDays(today(), -10) }));
    ok(await liaison.post('/api/v1/visits', { communityId: t.commA, whom: '钱大爷', place: '小区广场', heard: '想参加老年大学', visitedOn: addDays(today(), -3) }));
    ok(await seca.post('/api/v1/visits', { communityId: t.commA, whom: '居民代表', heard: '停车难', visitedOn: today() }));
    ok(await secb.post('/api/v1/visits', { communityId: t.commB, whom: '孙阿姨', heard: '乙社区的事' }));

    // 四联: a household, a project, one ended
    const url = `/api/v1/contact-links?communityId=${t.commA}`;
    const l1 = ok(await seca.post(url, { memberId: member, kind: '联户', householdId: household }));
    ok(await seca.post(url, { memberId: member, kind: '联工程', project: '老旧小区改造' }));
    ok(await seca.post(url, { memberId: member, kind: '联组', gridId: gridA }));
    ok(await seca.post(`/api/v1/contact-links/${l1.id}/end`));

    // 办事档案: two cases, one finished
    const kinds = (await seca.get(`/api/v1/hall-cases?communityId=${t.commA}`)).json().kinds as { id: number; name: string }[];
    const c1 = ok(await seca.post('/api/v1/hall-cases', { communityId: t.commA, kindId: kinds[0].id, residentId: res[0], matter: '养老保险资格认证' })).id;
    ok(await seca.post('/api/v1/hall-cases', { communityId: t.commA, kindId: kinds[1].id, residentName: '李四', matter: '医疗报销材料' }));
    const rv = ((await seca.get(`/api/v1/hall-cases?communityId=${t.commA}`)).json().items as { id: number; rowVersion: number }[]).find((x) => x.id === c1)!.rowVersion;
    ok(await seca.post(`/api/v1/hall-cases/${c1}/finish`, { state: 'done', result: '已认证', rowVersion: rv }));

    // 服务需求档案: two in A (one claimed by the member), one closed, one in B
    const n1 = ok(await seca.post('/api/v1/service-needs', { communityId: t.commA, residentId: res[0], kind: '高龄', need: '每周上门陪伴' }));
    ok(await seca.post('/api/v1/service-needs', { communityId: t.commA, residentId: res[1], kind: '独居', need: '代购药品' }));
    const n3 = ok(await seca.post('/api/v1/service-needs', { communityId: t.commA, residentId: res[1], kind: '残疾', need: '轮椅维修' })) as { id: number; rowVersion?: number };
    ok(await seca.post(`/api/v1/service-needs/${n3.id}/close`, { rowVersion: n3.rowVersion, reason: '已由家属解决' }));
    ok(await secb.post('/api/v1/service-needs', { communityId: t.commB, residentId: res[2], kind: '高龄', need: '乙社区的需求' }));
    ok(await mem.post(`/api/v1/service-needs/${n1.id}/claim`));
  });
  afterAll(async () => { await app?.close(); });

  it('exports 民情日记 as the list gives it, under each filter', async () => {
    for (const [c, q] of [
      [seca, `orgId=${t.commA}`], [seca, ''], [street, `orgId=${t.street}`], [liaison, 'mine=true'], [seca, `orgId=${t.commA}&from=${addDays(today(), -5)}&to=${today()}`],
    ] as const) {
      const list = (await c.get(`/api/v1/visits?${q}`)).json().items as Visit[];
      const sheet = await sheetOf(await c.get(`/api/v1/visits/export?${q}`));
      expect(sheet[0]).toEqual(['走访日期', '方式', '社区', '网格', '住户', '走访对象', '地点', '听到的情况', '跟进事项', '关联诉求ID', '走访人']);
      expect(sheet.slice(1), q).toEqual(list.map(visitCells));
      noRawPhone(sheet);
      const ev = await logged();
      expect(ev).toMatchObject({ target_id: 'visits', data: { kind: 'visits', count: list.length } });
    }
    const a = (await seca.get(`/api/v1/visits?orgId=${t.commA}`)).json().items as Visit[];
    expect(a.length).toBe(3);
    expect((await liaison.get('/api/v1/visits?mine=true')).json().items).toHaveLength(2);
  });

  it('exports 办事档案 and 四联 as their lists give them', async () => {
    const { items: cases } = (await seca.get(`/api/v1/hall-cases?communityId=${t.commA}`)).json() as { items: Hall[] };
    expect(cases).toHaveLength(2);
    const hall = await sheetOf(await seca.get(`/api/v1/hall-cases/export?communityId=${t.commA}`));
    expect(hall[0]).toEqual(['受理日期', '事项类别', '办事居民', '事项', '状态', '办理结果', '办结日期', '经办人']);
    expect(hall.slice(1)).toEqual(cases.map(hallCells));
    expect(hall.slice(1).map((r) => r[4]).sort()).toEqual(['已办结', '已受理']);
    noRawPhone(hall);
    expect(await logged()).toMatchObject({ org_id: t.commA, actor_name: 'seca', target_id: 'hall-cases', data: { kind: 'hall-cases', count: 2, filters: { communityId: t.commA } } });

    const links = (await liaison.get(`/api/v1/contact-links?communityId=${t.commA}`)).json().items as Link[];
    expect(links).toHaveLength(3);
    const sheet = await sheetOf(await liaison.get(`/api/v1/contact-links/export?communityId=${t.commA}`));
    expect(sheet[0]).toEqual(['党员', '类型', '联系对象', '开始日期', '结束日期', '状态']);
    expect(sheet.slice(1)).toEqual(links.map(linkCells));
    expect(sheet.slice(1).map((r) => r[2]).sort()).toEqual(['一片', '仓兴街3幢2单元301', '老旧小区改造'].sort());
    expect(await logged()).toMatchObject({ org_id: t.commA, actor_name: 'liaison', target_id: 'contact-links', data: { count: 3 } });
  });

  it('exports 服务需求档案 as the list gives it, phones masked, under each filter', async () => {
    for (const [c, q] of [
      [seca, ''], [seca, `communityId=${t.commA}`], [seca, 'state=open'], [street, 'kind=高龄'], [seca, 'q=钱'], [street, `communityId=${t.street}&state=closed`],
    ] as const) {
      const list = (await c.get(`/api/v1/service-needs?${q}${q ? '&' : ''}pageSize=200`)).json() as { items: Need[]; total: number };
      expect(list.items.length).toBe(list.total);
      const sheet = await sheetOf(await c.get(`/api/v1/service-needs/export?${q}`));
      expect(sheet[0][4]).toBe('手机号（已脱敏）');
      expect(sheet.slice(1), q).toEqual(list.items.map(needCells));
      expect(sheet.slice(1).every((r) => /^\d{3}\*{4}\d{4}$/.test(r[4])), q).toBe(true);
      noRawPhone(sheet);
      expect(await logged()).toMatchObject({ target_id: 'service-needs', data: { count: list.total } });
    }
    const all = await sheetOf(await street.get('/api/v1/service-needs/export'));
    expect(all.slice(1).map((r) => r[2]).sort()).toEqual(['孙阿姨', '赵大妈', '钱大爷', '钱大爷'].sort());
    expect(all.slice(1).find((r) => r[2] === '赵大妈')?.slice(8, 10)).toEqual(['钱党员', '已认领']);
    expect(await logged()).toMatchObject({ org_id: t.street, data: { filters: {} } });
  });

  it('gives another community\'s secretary a refusal or only their own rows', async () => {
    for (const u of [`/api/v1/visits/export?orgId=${t.commA}`, `/api/v1/hall-cases/export?communityId=${t.commA}`, `/api/v1/contact-links/export?communityId=${t.commA}`,
      `/api/v1/service-needs/export?communityId=${t.commA}`]) {
      const r = await secb.get(u);
      expect([403, 404], `${u} → ${r.statusCode}`).toContain(r.statusCode);
      expect(r.headers['content-type']).not.toBe(XLSX);
    }
    const visits = await sheetOf(await secb.get('/api/v1/visits/export'));
    expect(visits.slice(1).map((r) => [r[2], r[7]])).toEqual([['乙社区', '乙社区的事']]);
    expect(await logged()).toMatchObject({ actor_name: 'secb', org_id: t.commB, target_id: 'visits' });
    const needs = await sheetOf(await secb.get('/api/v1/service-needs/export'));
    expect(needs.slice(1).map((r) => [r[1], r[2]])).toEqual([['乙社区', '孙阿姨']]);
    expect(await logged()).toMatchObject({ actor_name: 'secb', org_id: t.commB, target_id: 'service-needs' });
    for (const u of ['/api/v1/hall-cases/export', '/api/v1/contact-links/export']) {
      expect(await sheetOf(await secb.get(`${u}?communityId=${t.commB}`))).toHaveLength(1); // the header only: B has no cases nor links
      expect(await logged()).toMatchObject({ actor_name: 'secb', org_id: t.commB, data: { count: 0 } });
    }
    // a member account reads none of these lists, and exports none
    for (const u of [`/api/v1/visits/export?orgId=${t.commA}`, '/api/v1/visits/export', `/api/v1/hall-cases/export?communityId=${t.commA}`]) expect([403, 404]).toContain((await mem.get(u)).statusCode);
  });

  it('refuses an unknown or bad filter, and logs nothing for it', async () => {
    const [{ n: before }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'export.created'`);
    for (const u of [
      `/api/v1/visits/export?orgId=${t.commA}&colour=red`, `/api/v1/visits/export?from=yesterday`, `/api/v1/hall-cases/export?communityId=${t.commA}&state=done`,
      '/api/v1/hall-cases/export', `/api/v1/contact-links/export?communityId=${t.commA}&x=1`, '/api/v1/service-needs/export?page=2', '/api/v1/service-needs/export?kind=猫',
    ]) {
      const r = await seca.get(u);
      expect(r.statusCode, `${u} → ${r.body}`).toBe(400);
    }
    const [{ n: after }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'export.created'`);
    expect(after).toBe(before);
  });

  it('exports the whole diary, past the 500 visits the list shows', async () => {
    await ctx.db.execute(sql`INSERT INTO visits (county_id, community_id, community_path, kind, visited_on, whom, heard, liaison_id, liaison_name)
      SELECT o.county_id, o.id, o.path, '走访', ${addDays(today(), -30)}::date, '居民' || g, '记录' || g, u.id, u.display_name FROM orgs o, users u, generate_series(1, 520) g
      WHERE o.id = ${t.commA} AND u.username = 'seca'`);
    const [{ n }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM visits WHERE community_id = ${t.commA}`);
    expect((await seca.get(`/api/v1/visits?orgId=${t.commA}`)).json().items).toHaveLength(500);
    const sheet = await sheetOf(await seca.get(`/api/v1/visits/export?orgId=${t.commA}`));
    expect(sheet.length - 1).toBe(n);
    expect(await logged()).toMatchObject({ data: { count: n } });
  });
});
