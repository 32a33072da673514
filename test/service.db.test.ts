/**
 * 点对点服务 and volunteering through the API. A community records residents' needs (bad input changes
 * nothing); in-service members see the open needs of their communities only, claim one (one holder at a
 * time), record the service; the code reaches staff, never the member; the resident confirms with it and
 * the phone's last four, or staff record 回访确认; the points land in the member's ledger exactly once
 * (a second confirmation, a retry and a concurrent pair change nothing); without a rule, or past a cap,
 * the service is confirmed without points and says so. Volunteer activities: places never exceeded,
 * attendance after the start, cancellation, counts by organisation and .xlsx. Another community sees
 * and changes nothing.
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
import { today } from '../src/platform/clock.js';
import { awardService } from '../src/modules/service/points.js';
import type { AppContext } from '../src/platform/http/context.js';

type Svc = { id: number; state: string; actions: string[]; points: number | null; address: string | null; phoneMasked: string | null; record: string | null };

// the points ledger dates entries by the server's own calendar, the product by China's: run as a deployment in China does
process.env.TZ = 'Asia/Shanghai';

describeDb('点对点服务 and volunteering', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, street: Client, mem1: Client, mem2: Client, memb: Client, memh: Client;
  const m: Record<string, number> = {};
  const r: Record<string, number> = {};
  let schemeId: number;
  const year = +today().slice(0, 4);
  const PHONE = '13912345678';
  let ip = 0;
  const pub = (url: string, payload: object) => app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { 'x-forwarded-for': `10.9.${Math.floor(++ip / 250)}.${ip % 250}` }, payload });
  const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT (SELECT count(*) FROM service_needs) + (SELECT count(*) FROM need_services) + (SELECT count(*) FROM service_point_rules)
    + (SELECT count(*) FROM volunteer_activities) + (SELECT count(*) FROM activity_signups) AS n`))[0].n;
  const state = async () => JSON.stringify(await rows(ctx.db, sql`SELECT s.id, s.state, s.satisfaction, s.point_entry_id, s.row_version FROM need_services s ORDER BY id`));
  const entries = async (id: number) => (await rows<{ n: number; pts: number }>(ctx.db, sql`SELECT count(*)::int AS n, coalesce(sum(points), 0)::float8 AS pts FROM point_entries WHERE source_key = ${`service:${id}`}`))[0];
  const need = async (c: Client, communityId: number, residentId: number, kind = '高龄') => {
    const x = await c.post('/api/v1/service-needs', { communityId, residentId, kind, need: '每周上门陪伴聊天，帮助购买生活用品' });
    expect(x.statusCode, x.body).toBe(200);
    return x.json() as { id: number; rowVersion: number; actions: string[] };
  };
  const claimAndServe = async (c: Client, needId: number, record = '上门打扫卫生、代购药品') => {
    const cl = await c.post(`/api/v1/service-needs/${needId}/claim`);
    expect(cl.statusCode, cl.body).toBe(200);
    const sv = await c.post(`/api/v1/service-needs/services/${cl.json().id}/serve`, { servedOn: today(), record, hours: 2 });
    expect(sv.statusCode, sv.body).toBe(200);
    return sv.json() as Svc;
  };

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));

    t = await smallTree(ctx);
    [seca, secb, street] = await Promise.all(['seca', 'secb', 'streetadm'].map((n) => loginAs(app, n)));
    const hash = await hashPassword(PASSWORD);
    for (const [key, branch, home] of [['a1', t.branchA, null], ['a2', t.branchA, null], ['b', t.branchB, null], ['h', t.branchB, t.commA]] as const) {
      const c = branch === t.branchA ? seca : secb;
      const x = await c.post('/api/v1/members', memberBody(branch, { name: `党员${key}`, idNumber: null, phone: null, homeCommunityId: home }));
      expect(x.statusCode, x.body).toBe(200);
      m[key] = x.json().id;
      const [u] = await ctx.db.insert(users).values({ username: `mem${key}`, displayName: `党员${key}`, passwordHash: hash, homeOrgId: branch, memberId: m[key], memberCountyId: t.countyId }).returning();
      await ctx.db.insert(grants).values({ userId: u.id, role: 'member', orgId: branch });
    }
    // member a2 also works for community A: staff, but never for their own service
    const [u2] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = 'mema2'`);
    await ctx.db.insert(grants).values({ userId: u2.id, role: 'community_admin', orgId: t.commA });
    [mem1, mem2, memb, memh] = await Promise.all(['mema1', 'mema2', 'memb', 'memh'].map((n) => loginAs(app, n)));
    for (const [key, c, communityId, phone] of [['a', seca, t.commA, PHONE], ['a2', seca, t.commA, null], ['a3', seca, t.commA, '13700001111'], ['b', secb, t.commB, '13800002222']] as const) {
      const x = await c.post('/api/v1/residents', { communityId, name: `王大妈${key}`, gender: '女', birthDate: '1940-02-01', idNumber: null, phone, address: `${key}幢1单元101` });
      expect(x.statusCode, x.body).toBe(200);
      r[key] = x.json().id;
    }
    const def = {
      subject: 'member', baseScore: 0,
      indicators: [
        { code: 'SVC', name: '点对点服务', kind: 'add', points: 2, capPerYear: 4, recorderRoles: ['community_admin'] },
        { code: 'LATE', name: '迟到', kind: 'subtract', points: 1, recorderRoles: ['community_admin'] },
      ],
      bands: [{ code: 'ALL', name: '全部', from: null, fromInclusive: false, to: null, toInclusive: false }],
    };
    const s = await street.post('/api/v1/schemes', { orgId: t.street, code: 'svc', name: '服务积分', year, definition: def });
    expect(s.statusCode, s.body).toBe(200);
    schemeId = s.json().id;
  });
  afterAll(async () => { await app?.close(); });

  it('sets point rules only with a scheme and an adding indicator that apply, by the organisation\'s managers', async () => {
    const before = await count();
    for (const [c, b, status] of [
      [seca, { orgId: t.commA, schemeId, indicator: 'NOPE' }, 400],
      [seca, { orgId: t.commA, schemeId, indicator: 'LATE' }, 400],
      [seca, { orgId: t.commA, schemeId: 999999, indicator: 'SVC' }, 400],
      [seca, { orgId: t.commA, schemeId, indicator: 'SVC', extra: 1 }, 400],
      [secb, { orgId: t.commA, schemeId, indicator: 'SVC' }, 404],
      [mem1, { orgId: t.commA, schemeId, indicator: 'SVC' }, 404],
    ] as const) {
      const x = await c.put('/api/v1/service-needs/rules', b);
      expect(x.statusCode, `${JSON.stringify(b)} → ${x.body}`).toBe(status);
    }
    expect(await count()).toBe(before);
    const ok = await seca.put('/api/v1/service-needs/rules', { orgId: t.commA, schemeId, indicator: 'SVC' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ orgId: t.commA, schemeId, indicator: 'SVC', indicatorName: '点对点服务' });
    expect((await secb.get('/api/v1/service-needs/rules')).json().items).toEqual([]);
    const opts = (await seca.get(`/api/v1/service-needs/rule-options?orgId=${t.commA}`)).json();
    expect(opts.schemes[0].indicators.map((x: { code: string }) => x.code)).toEqual(['SVC']);
  });

  it('records needs in the community\'s register only; bad input and other communities change nothing', async () => {
    const before = await count();
    const body = { communityId: t.commA, residentId: r.a, kind: '高龄', need: '每周上门陪伴' };
    for (const [c, b, status] of [
      [seca, { ...body, colour: 'red' }, 400], [seca, { ...body, need: 'x'.repeat(501) }, 400], [seca, { ...body, need: '  ' }, 400],
      [seca, { ...body, residentId: 'one' }, 400], [seca, { ...body, kind: '富裕' }, 400], [seca, { ...body, residentId: r.b }, 400],
      [seca, { ...body, communityId: t.branchA }, 400], [secb, body, 404], [mem1, body, 404],
    ] as const) {
      const x = await c.post('/api/v1/service-needs', b);
      expect(x.statusCode, `${JSON.stringify(b)} → ${x.body}`).toBe(status);
    }
    expect(await count()).toBe(before);
    const n = await need(seca, t.commA, r.a);
    expect(n.actions).toEqual(['update', 'close']);
    expect((await seca.post('/api/v1/service-needs', body)).statusCode).toBe(409); // the same kind is open already
    expect((await secb.get('/api/v1/service-needs')).json().total).toBe(0);
    expect((await secb.get(`/api/v1/service-needs/${n.id}`)).statusCode).toBe(404);
    expect((await secb.patch(`/api/v1/service-needs/${n.id}`, { rowVersion: n.rowVersion, need: '越权修改' })).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/service-needs/services?communityId=${t.commA}`)).statusCode).toBe(404);
    const up = await seca.patch(`/api/v1/service-needs/${n.id}`, { rowVersion: n.rowVersion, need: '每周两次上门陪伴' });
    expect(up.json()).toMatchObject({ need: '每周两次上门陪伴', rowVersion: n.rowVersion + 1 });
    expect((await seca.patch(`/api/v1/service-needs/${n.id}`, { rowVersion: n.rowVersion, need: '过期版本' })).statusCode).toBe(409);
    const list = (await seca.get('/api/v1/service-needs?kind=高龄')).json();
    expect(list.items.map((x: { id: number }) => x.id)).toEqual([n.id]);
  });

  it('a member claims, records; the code goes to staff; the resident confirms once; the ledger has one entry', async () => {
    const [n] = (await seca.get('/api/v1/service-needs')).json().items as { id: number; residentName: string }[];
    // who sees the open need: members of the community's branch and those whose home it is
    const open = (c: Client) => c.get('/api/v1/service-needs/open').then((x) => (x.json().items as { id: number; residentName: string }[]).map((i) => i.id));
    expect(await open(mem1)).toEqual([n.id]);
    expect(await open(memh)).toEqual([n.id]);
    expect(await open(memb)).toEqual([]);
    expect((await mem1.get('/api/v1/service-needs/open')).json().items[0].residentName).toBe('王***');
    expect((await seca.get('/api/v1/service-needs/open')).statusCode).toBe(404);
    expect((await memb.post(`/api/v1/service-needs/${n.id}/claim`)).statusCode).toBe(404);

    const cl = await mem1.post(`/api/v1/service-needs/${n.id}/claim`);
    expect(cl.statusCode, cl.body).toBe(200);
    const svc = cl.json() as Svc;
    expect(svc).toMatchObject({ state: 'claimed', actions: ['serve', 'withdraw'], address: 'a幢1单元101', phoneMasked: null });
    expect((await memh.post(`/api/v1/service-needs/${n.id}/claim`)).statusCode).toBe(409);
    expect(await open(memh)).toEqual([]);
    // steps out of order: no code and no confirmation before the service is recorded
    expect((await seca.get(`/api/v1/service-needs/services/${svc.id}/code`)).statusCode).toBe(409);
    const call = { calledBy: '社区工作人员小李', calledAt: new Date().toISOString(), satisfaction: 5 };
    expect((await seca.post(`/api/v1/service-needs/services/${svc.id}/confirm-call`, call)).statusCode).toBe(409);

    const before = await state();
    const serve = (c: Client, b: object) => c.post(`/api/v1/service-needs/services/${svc.id}/serve`, b);
    const good = { servedOn: today(), record: '打扫卫生、代购降压药', hours: 2 };
    for (const [c, b, status] of [
      [mem1, { ...good, servedOn: `${year + 1}-01-01` }, 400], [mem1, { ...good, servedOn: '2000-01-01' }, 400], [mem1, { ...good, record: 'x'.repeat(1001) }, 400],
      [mem1, { ...good, hours: 0 }, 400], [mem1, { ...good, hours: '2' }, 400], [mem1, { ...good, photo: 'x' }, 400], [memh, good, 404], [secb, good, 404], [seca, good, 403],
    ] as const) expect((await serve(c, b)).statusCode, JSON.stringify(b)).toBe(status);
    expect(await state()).toBe(before);
    const sv = await serve(mem1, good);
    expect(sv.statusCode, sv.body).toBe(200);
    expect(sv.json()).toMatchObject({ state: 'served', actions: [] });
    // the code: never to the member, to the community's staff (each showing logged), not to another community
    expect((await mem1.get(`/api/v1/service-needs/services/${svc.id}/code`)).statusCode).toBe(403);
    expect((await secb.get(`/api/v1/service-needs/services/${svc.id}/code`)).statusCode).toBe(404);
    const slip = await seca.get(`/api/v1/service-needs/services/${svc.id}/code`);
    expect(slip.statusCode, slip.body).toBe(200);
    const code = slip.json().code as string;
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(sv.body + (await mem1.get('/api/v1/service-needs/my-services')).body).not.toContain(code);
    expect(JSON.stringify(await rows(ctx.db, sql`SELECT * FROM need_services`))).not.toContain(code); // only its keyed hash is kept

    // wrong code or phone: one answer, nothing changed
    const unchanged = await state();
    expect((await pub('/public/services/confirm', { code, phone4: '0000', satisfaction: 5 })).statusCode).toBe(404);
    expect((await pub('/public/services/confirm', { code: 'ABCD-EFGH', phone4: '5678', satisfaction: 5 })).statusCode).toBe(404);
    expect((await pub('/public/services/confirm', { code, phone4: '5678', satisfaction: 9 })).statusCode).toBe(400);
    expect((await pub('/public/services/confirm', { code: 'not a code', phone4: '5678', satisfaction: 5 })).statusCode).toBe(400);
    expect(await state()).toBe(unchanged);
    const look = await pub('/public/services/lookup', { code: code.toLowerCase().replace('-', ' '), phone4: '5678' });
    expect(look.json()).toMatchObject({ memberName: '党员a1', servedOn: today(), canConfirm: true, state: 'served' });

    const ok = await pub('/public/services/confirm', { code, phone4: '5678', satisfaction: 5 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'confirmed', satisfaction: 5, pointsGiven: true });
    expect(await entries(svc.id)).toEqual({ n: 1, pts: 2 });
    // a second confirmation, a retry of the first, and staff's by phone: refused, nothing more in the ledger
    const again = await pub('/public/services/confirm', { code, phone4: '5678', satisfaction: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/已确认/);
    expect((await pub('/public/services/confirm', { code, phone4: '5678', satisfaction: 5 })).statusCode).toBe(409);
    expect((await seca.post(`/api/v1/service-needs/services/${svc.id}/confirm-call`, call)).statusCode).toBe(409);
    const row = (await rows<{ memberId: number; servedOn: string; record: string }>(ctx.db, sql`SELECT member_id AS "memberId", to_char(served_on, 'YYYY-MM-DD') AS "servedOn", record FROM need_services WHERE id = ${svc.id}`))[0];
    const retry = await ctx.db.transaction((tx) => awardService(tx, { countyId: t.countyId, id: svc.id, ...row, residentName: '王大妈a' }));
    expect(retry).toMatchObject({ given: true, points: 2 });
    expect(await entries(svc.id)).toEqual({ n: 1, pts: 2 });
    const mine = (await mem1.get('/api/v1/service-needs/my-services')).json().items;
    expect(mine).toMatchObject([{ id: svc.id, state: 'confirmed', satisfaction: 5, points: 2 }]);
    // guessing is slowed down: one address gets 30 lookups a minute
    const guesses: number[] = [];
    for (let i = 0; i < 31; i++) guesses.push((await app.inject({ method: 'POST', url: '/api/v1/public/services/lookup', headers: { 'x-forwarded-for': '10.250.0.1' }, payload: { code: 'ABCD-EFGH', phone4: '0000' } })).statusCode);
    expect([guesses.slice(0, 30).every((c) => c === 404), guesses[30]]).toEqual([true, 429]);
    const handbook = (await mem1.get(`/api/v1/me/points?schemeId=${schemeId}`)).json().handbook;
    expect(handbook.entries.filter((e: { evidence: string }) => e.evidence.startsWith('点对点服务'))).toHaveLength(1);
    expect(handbook.total).toBe(2);
  });

  it('回访确认 by staff, withdrawal, closing; a cap or a missing rule confirms without points and says why', async () => {
    const n2 = await need(seca, t.commA, r.a2, '独居');
    const s2 = await claimAndServe(mem1, n2.id);
    const code2 = (await seca.get(`/api/v1/service-needs/services/${s2.id}/code`)).json().code;
    // no phone in the register: the public page cannot confirm it; staff call the resident instead
    expect((await pub('/public/services/confirm', { code: code2, phone4: '0000', satisfaction: 4 })).statusCode).toBe(404);
    for (const b of [{ calledBy: '', calledAt: new Date().toISOString(), satisfaction: 4 }, { calledBy: '小李', calledAt: '明天', satisfaction: 4 },
      { calledBy: '小李', calledAt: new Date(Date.now() + 86_400_000).toISOString(), satisfaction: 4 }, { calledBy: '小李', calledAt: '2000-01-01T08:00:00+08:00', satisfaction: 4 }]) {
      expect((await seca.post(`/api/v1/service-needs/services/${s2.id}/confirm-call`, b)).statusCode, JSON.stringify(b)).toBe(400);
    }
    expect((await mem1.post(`/api/v1/service-needs/services/${s2.id}/confirm-call`, { calledBy: '自己', calledAt: new Date().toISOString(), satisfaction: 5 })).statusCode).toBe(403);
    const calledAt = new Date().toISOString();
    const [c1, c2] = await Promise.all([1, 2].map(() => seca.post(`/api/v1/service-needs/services/${s2.id}/confirm-call`, { calledBy: '社区工作人员小李', calledAt, satisfaction: 4, note: '电话回访，居民满意' })));
    expect([c1.statusCode, c2.statusCode].sort()).toEqual([200, 409]);
    expect((c1.statusCode === 200 ? c1 : c2).json().award).toMatchObject({ given: true, points: 2 });
    expect(await entries(s2.id)).toEqual({ n: 1, pts: 2 });
    const [ev] = await rows<{ data: { via: string; calledBy: string } }>(ctx.db, sql`SELECT data FROM audit_events WHERE type = 'service.confirmed' AND target_id = ${String(s2.id)}`);
    expect(ev.data).toMatchObject({ via: 'phone', calledBy: '社区工作人员小李', calledAt });

    // the yearly cap of 4 is reached: confirmed, and the answer says no points were given
    const s3 = await claimAndServe(mem1, n2.id, '陪同就医');
    const c3 = await seca.post(`/api/v1/service-needs/services/${s3.id}/confirm-call`, { calledBy: '小李', calledAt: new Date().toISOString(), satisfaction: 5 });
    expect(c3.json()).toMatchObject({ state: 'confirmed', award: { given: false, reason: expect.stringMatching(/上限/) } });
    expect(await entries(s3.id)).toEqual({ n: 0, pts: 0 });
    // no rule over branch B: confirmed without points
    const nb = await need(secb, t.commB, r.b);
    const sb = await claimAndServe(memb, nb.id);
    const cb = await secb.post(`/api/v1/service-needs/services/${sb.id}/confirm-call`, { calledBy: '小王', calledAt: new Date().toISOString(), satisfaction: 3 });
    expect(cb.json()).toMatchObject({ state: 'confirmed', award: { given: false, reason: expect.stringMatching(/未设置服务积分规则/) } });
    expect(await entries(sb.id)).toEqual({ n: 0, pts: 0 });

    // withdrawal: the member before recording, staff before confirmation; the need closes only when nobody holds it
    const n3 = await need(seca, t.commA, r.a3, '残疾');
    const h = (await (await memh.post(`/api/v1/service-needs/${n3.id}/claim`)).json()) as Svc;
    const fresh = (await seca.get(`/api/v1/service-needs/${n3.id}`)).json();
    expect(fresh.actions).toEqual(['update']);
    expect((await seca.post(`/api/v1/service-needs/${n3.id}/close`, { rowVersion: fresh.rowVersion, reason: '已入住养老院' })).statusCode).toBe(409);
    expect((await memh.post(`/api/v1/service-needs/services/${h.id}/serve`, { servedOn: today(), record: '理发', hours: 1 })).statusCode).toBe(200);
    expect((await memh.post(`/api/v1/service-needs/services/${h.id}/withdraw`, {})).statusCode).toBe(409);
    expect((await secb.post(`/api/v1/service-needs/services/${h.id}/withdraw`, {})).statusCode).toBe(404);
    expect((await seca.post(`/api/v1/service-needs/services/${h.id}/withdraw`, { reason: '居民表示未接受服务' })).json()).toMatchObject({ state: 'withdrawn', actions: [] });
    expect((await seca.get(`/api/v1/service-needs/services/${h.id}/code`)).statusCode).toBe(409);
    const w = (await (await mem2.post(`/api/v1/service-needs/${n3.id}/claim`)).json()) as Svc;
    expect((await mem2.post(`/api/v1/service-needs/services/${w.id}/withdraw`, { reason: '临时出差' })).statusCode).toBe(200);
    const again = (await seca.get(`/api/v1/service-needs/${n3.id}`)).json();
    expect(again.services.map((x: Svc) => x.state)).toEqual(['withdrawn', 'withdrawn']);
    expect((await seca.post(`/api/v1/service-needs/${n3.id}/close`, { rowVersion: again.rowVersion, reason: '已入住养老院' })).json()).toMatchObject({ state: 'closed', actions: [] });
    expect((await mem2.post(`/api/v1/service-needs/${n3.id}/claim`)).statusCode).toBe(409);
    // staff who serve as members: neither the code nor 回访确认 of their own service; a colleague confirms it
    const n4 = await need(seca, t.commA, r.a3, '其他');
    const own = await claimAndServe(mem2, n4.id, '帮忙修理水龙头');
    expect(own.actions).toEqual(['withdraw']);
    expect((await mem2.get('/api/v1/service-needs/services?state=served')).json().items.find((x: Svc) => x.id === own.id).actions).toEqual(['withdraw']);
    expect((await mem2.get(`/api/v1/service-needs/services/${own.id}/code`)).statusCode).toBe(403);
    expect((await mem2.post(`/api/v1/service-needs/services/${own.id}/confirm-call`, { calledBy: '自己', calledAt: new Date().toISOString(), satisfaction: 5 })).statusCode).toBe(403);
    expect((await seca.post(`/api/v1/service-needs/services/${own.id}/confirm-call`, { calledBy: '小李', calledAt: new Date().toISOString(), satisfaction: 5 })).json().award).toMatchObject({ given: true, points: 2 });
    const types = (await rows<{ type: string }>(ctx.db, sql`SELECT DISTINCT type FROM audit_events WHERE type LIKE 'service.%' ORDER BY type`)).map((x) => x.type);
    expect(types).toEqual(['service.claimed', 'service.code_viewed', 'service.confirmed', 'service.need_closed', 'service.need_recorded', 'service.need_updated', 'service.rule_set', 'service.served', 'service.withdrawn']);
  });

  it('volunteer activities: places never exceeded, attendance after the start, cancellation, counts and .xlsx', async () => {
    const team = await seca.post('/api/v1/teams', { orgId: t.commA, kind: '志愿服务队', name: '甲社区红马甲志愿服务队' });
    const other = await seca.post('/api/v1/teams', { orgId: t.commA, kind: '居民组长', name: '居民组长队' });
    expect([team.statusCode, other.statusCode]).toEqual([200, 200]);
    const hour = 3_600_000;
    const body = { teamId: team.json().id, title: '敬老院义务理发', place: '甲社区敬老院', startsAt: new Date(Date.now() - hour).toISOString(), endsAt: new Date(Date.now() + hour).toISOString(), places: 2 };
    const before = await count();
    for (const [c, b, status] of [
      [seca, { ...body, teamId: other.json().id }, 400], [seca, { ...body, endsAt: body.startsAt }, 400], [seca, { ...body, places: 0 }, 400],
      [seca, { ...body, title: 'x'.repeat(61) }, 400], [seca, { ...body, bus: true }, 400], [seca, { ...body, startsAt: 'soon' }, 400], [secb, body, 404], [mem1, body, 404],
    ] as const) expect((await c.post('/api/v1/volunteer/activities', b)).statusCode, JSON.stringify(b)).toBe(status);
    expect(await count()).toBe(before);
    const a = (await seca.post('/api/v1/volunteer/activities', body)).json();
    expect(a).toMatchObject({ state: 'open', places: 2, signed: 0, maxHours: 2 });
    expect((await mem1.get('/api/v1/volunteer/activities')).json().items.map((x: { id: number; actions: string[] }) => [x.id, x.actions])).toEqual([[a.id, ['signup']]]);
    expect((await memb.get('/api/v1/volunteer/activities')).json().total).toBe(0);
    expect((await memb.get(`/api/v1/volunteer/activities/${a.id}`)).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/volunteer/activities/${a.id}`)).statusCode).toBe(404);
    const signups = `/api/v1/volunteer/activities/${a.id}/signups`;
    const self = await mem1.post(signups, { personKind: 'member', personId: m.a1 });
    expect(self.statusCode, self.body).toBe(200);
    expect((await mem1.post(signups, { personKind: 'member', personId: m.a1 })).statusCode).toBe(409);
    expect((await mem1.post(signups, { personKind: 'member', personId: m.a2 })).statusCode).toBe(403); // only oneself
    expect((await memb.post(signups, { personKind: 'member', personId: m.b })).statusCode).toBe(404);
    expect((await seca.post(signups, { personKind: 'resident', personId: r.b })).statusCode).toBe(400); // another community's resident
    const res = await seca.post(signups, { personKind: 'resident', personId: r.a });
    expect(res.json()).toMatchObject({ signed: 2, places: 2 });
    const full = await seca.post(signups, { personKind: 'member', personId: m.a2 });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.message).toMatch(/名额已满/);
    expect((await mem1.del(`${signups}/${self.json().id}`)).statusCode).toBe(409); // begun: ask the organisers
    expect((await mem1.get(`/api/v1/volunteer/activities/${a.id}`)).json().signups).toHaveLength(1);

    const att = `/api/v1/volunteer/activities/${a.id}/attendance`;
    const rv = (await seca.get(`/api/v1/volunteer/activities/${a.id}`)).json().rowVersion;
    const items = [{ signupId: self.json().id, attended: true, hours: 1.5 }, { signupId: res.json().id, attended: false }];
    expect((await mem1.post(att, { rowVersion: rv, items })).statusCode).toBe(403);
    expect((await seca.post(att, { rowVersion: rv, items: [{ ...items[0], hours: 3 }, items[1]] })).statusCode).toBe(400);
    expect((await seca.post(att, { rowVersion: rv, items: [items[0], { signupId: 999999, attended: true }] })).statusCode).toBe(400);
    expect((await seca.post(att, { rowVersion: rv, items: [items[0], { ...items[1], hours: 1 }] })).statusCode).toBe(400);
    const done = await seca.post(att, { rowVersion: rv, items });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', attended: 1, hours: 1.5 });
    expect((await seca.post(signups, { personKind: 'member', personId: m.a2 })).statusCode).toBe(409);

    const later = (await seca.post('/api/v1/volunteer/activities', { ...body, title: '垃圾分类宣传', startsAt: new Date(Date.now() + 24 * hour).toISOString(), endsAt: new Date(Date.now() + 26 * hour).toISOString() })).json();
    expect((await seca.post(`/api/v1/volunteer/activities/${later.id}/attendance`, { rowVersion: later.rowVersion, items })).statusCode).toBe(409);
    const mine = await mem2.post(`/api/v1/volunteer/activities/${later.id}/signups`, { personKind: 'member', personId: m.a2 });
    expect((await mem1.del(`/api/v1/volunteer/activities/${later.id}/signups/${mine.json().id}`)).statusCode).toBe(404);
    expect((await mem2.del(`/api/v1/volunteer/activities/${later.id}/signups/${mine.json().id}`)).statusCode).toBe(200);
    expect((await seca.post(`/api/v1/volunteer/activities/${later.id}/cancel`, { rowVersion: later.rowVersion + 5, reason: '天气原因' })).statusCode).toBe(409);
    expect((await seca.post(`/api/v1/volunteer/activities/${later.id}/cancel`, { rowVersion: later.rowVersion, reason: '天气原因' })).json().state).toBe('cancelled');
    expect((await mem2.post(`/api/v1/volunteer/activities/${later.id}/signups`, { personKind: 'member', personId: m.a2 })).statusCode).toBe(409);

    const stats = (await seca.get(`/api/v1/volunteer/stats?orgId=${t.commA}&year=${year}`)).json();
    expect(stats.total).toEqual({ teams: 1, activities: 1, participants: 1, hours: 1.5 });
    const st = (await street.get(`/api/v1/volunteer/stats?orgId=${t.street}&year=${year}`)).json();
    expect(st.items).toEqual([{ orgId: t.commA, name: '甲社区', teams: 1, activities: 1, participants: 1, hours: 1.5 }]);
    expect((await secb.get(`/api/v1/volunteer/stats?orgId=${t.commA}&year=${year}`)).statusCode).toBe(404);
    const x = await seca.get(`/api/v1/volunteer/stats/export?orgId=${t.commA}&year=${year}`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(x.rawPayload).buffer as ArrayBuffer);
    const sheet: unknown[][] = [];
    wb.worksheets[0].eachRow((row) => { sheet.push((row.values as unknown[]).slice(1)); });
    expect(sheet.slice(-2)).toEqual([['甲社区', 1, 1, 1, 1.5], ['合计', 1, 1, 1, 1.5]]);
    expect((await memb.get(`/api/v1/volunteer/stats/export?orgId=${t.commA}&year=${year}`)).statusCode).toBe(404);
    const ev = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE type LIKE 'volunteer.%' OR (type = 'export.created' AND data->>'kind' = 'volunteer') ORDER BY type`);
    expect([...new Set(ev.map((e) => e.type))]).toEqual(['export.created', 'volunteer.activity_cancelled', 'volunteer.activity_created', 'volunteer.attendance_recorded', 'volunteer.signed_up', 'volunteer.signup_cancelled']);
  });
});
