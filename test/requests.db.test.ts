/**
 * Residents' requests through the API: a resident raises one on the public page (phone, the check),
 * bad input changes nothing; the community triages and assigns it to a grid; the handler signs for
 * it, works it and resolves it; the resident follows it by code and phone, confirms and rates it once.
 * A second is closed without a fix and the resident reopens it. Overdue requests climb the ladder;
 * the street then answers for them. Another community sees and changes nothing. The review agenda
 * counts what the records hold. Steps are append-only and each writes an audit event.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { loginAs, smallTree, testApp, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { answerOf } from '../src/platform/auth/challenge.js';
import { today } from '../src/platform/clock.js';
import { addDays } from '../src/platform/calendar/index.js';
import { recurring, reviewPeriod } from '../src/modules/grid/rules.js';
import type { AppContext } from '../src/platform/http/context.js';

type Req = { id: number; trackingCode: string; state: string; level: string | null; dueOn: string | null; rowVersion: number; actions: string[]; phoneMasked: string; overdue: boolean; handlerName: string | null };

describeDb('residents\' requests', (db, kind) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let seca: Client, secb: Client, street: Client;
  let grid: number, category: number, otherCategory: number;
  const PHONE = '13912345678';
  const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT (SELECT count(*) FROM requests) + (SELECT count(*) FROM request_steps) + (SELECT count(*) FROM files) AS n`))[0].n;
  let ip = 0;
  // each call from its own address, as residents' phones are; the rate limit has a test of its own
  const pub = (method: 'GET' | 'POST', url: string, payload?: object, from = `10.0.${Math.floor(++ip / 250)}.${ip % 250}`) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { 'x-forwarded-for': from }, ...(payload ? { payload } : {}) });
  const challenge = async () => {
    const c = (await pub('GET', '/public/requests/challenge')).json() as { token: string; question: string };
    return { token: c.token, answer: answerOf(c.question) };
  };
  const raise = async (over: Record<string, unknown> = {}) => pub('POST', '/public/requests', {
    communityId: t.commA, categoryId: category, title: '楼道灯坏了', body: '3幢2单元楼道灯不亮一周了', place: '3幢2单元', gridId: grid, phone: PHONE, challenge: await challenge(), ...over,
  });
  const get = async (c: Client, id: number) => (await c.get(`/api/v1/requests/${id}`)).json() as Req & { steps: { action: string; note: string | null; publicNote: string | null }[] };
  const step = async (c: Client, id: number, body: Record<string, unknown>) => {
    const r = await get(c, id);
    return c.post(`/api/v1/requests/${id}/steps`, { rowVersion: r.rowVersion, ...body });
  };

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    [seca, secb, street] = await Promise.all(['seca', 'secb', 'streetadm'].map((n) => loginAs(app, n)));
    const g = await seca.post(`/api/v1/orgs/${t.commA}/grids`, { name: '第一片区', kind: '片', households: 120 });
    expect(g.statusCode, g.body).toBe(200);
    grid = g.json().id;
    const cats = (await seca.get(`/api/v1/requests/categories?orgId=${t.commA}`)).json() as { items: { id: number; name: string; limitDays: number }[] };
    expect(cats.items.map((c) => c.name)).toContain('市政设施'); // a new county starts with the defaults
    category = cats.items.find((c) => c.name === '市政设施')!.id;
    otherCategory = cats.items.find((c) => c.name === '环境卫生')!.id;
  });
  afterAll(async () => { await app?.close(); });

  it('the public form shows the community\'s categories and grids, and refuses bad submissions changing nothing', async () => {
    const form = (await pub('GET', `/public/requests/form/${t.commA}`)).json();
    expect(form.community.name).toBe('甲社区');
    expect(form.grids).toEqual([expect.objectContaining({ id: grid, name: '第一片区' })]);
    expect((await pub('GET', `/public/requests/form/${t.branchA}`)).statusCode).toBe(404); // a branch is not a community
    const before = await count();
    const big = Buffer.alloc(2 * 1024 * 1024 + 10, 1).toString('base64');
    const used = await challenge();
    expect((await raise({ challenge: used })).statusCode).toBe(200);
    // the answered check is recorded in the database, where every process of a deployment finds it
    const [rec] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM challenge_uses WHERE nonce = ${used.token.split('.')[3]} AND expires_at > now()`);
    expect(rec.n).toBe(1);
    const after1 = await count();
    for (const [over, status, msg] of [
      [{ categoryId: 999999 }, 400, /分类/],
      [{ communityId: t.branchA }, 400, /社区/],
      [{ phone: '12345' }, 400, /手机/],
      [{ title: '' }, 400, null],
      [{ body: 'x'.repeat(2001) }, 400, null],
      [{ colour: 'red' }, 400, null],
      [{ gridId: 999999 }, 400, /网格/],
      [{ challenge: { ...used } }, 400, /已使用/],
      [{ challenge: { token: 'forged.1.2.3.4', answer: 3 } }, 400, /无效/],
      [{ photos: [{ name: 'a.jpg', mime: 'image/jpeg', data: big }] }, 413, /2 MB/],
      [{ photos: [{ name: 'a.txt', mime: 'text/plain', data: Buffer.from('hello').toString('base64') }] }, 415, /照片/],
    ] as const) {
      const r = await raise(over as Record<string, unknown>);
      expect(r.statusCode, `${JSON.stringify(over).slice(0, 80)} → ${r.body}`).toBe(status);
      if (msg) expect(r.json().error.message).toMatch(msg);
    }
    const wrong = await challenge();
    expect((await raise({ challenge: { token: wrong.token, answer: wrong.answer + 1 } })).statusCode).toBe(400);
    const retried = await raise({ challenge: wrong }); // the right answer after a wrong one: the check is spent
    expect(retried.json().error.message).toMatch(/已使用/);
    expect(await count()).toBe(after1);
    expect(after1).toBe(before + 2); // the one accepted: its row and its first step
  });

  it('goes from the resident\'s phone through triage, delivery and work to resolution, and the resident confirms once', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
    const r = await raise({ photos: [{ name: 'light.png', mime: 'image/png', data: png.toString('base64') }] });
    expect(r.statusCode, r.body).toBe(200);
    const code = r.json().trackingCode as string;
    const [{ id }] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE tracking_code = ${code}`);
    let q = await get(seca, id);
    expect(q).toMatchObject({ state: 'triage', phoneMasked: '139****5678', actions: ['assign', 'close', 'merge', 'note'] });
    const list = await seca.get(`/api/v1/requests?orgId=${t.commA}`);
    expect(list.json().items.some((x: Req) => x.id === id)).toBe(true);
    expect(list.body).not.toContain(PHONE);
    // the tracking code as read out over the phone: any case, with or without the dash
    for (const typed of [code, code.toLowerCase().replace('-', ''), code.replace('-', ' ')]) {
      const found = await seca.get(`/api/v1/requests?orgId=${t.commA}&q=${encodeURIComponent(typed)}`);
      expect(found.json().items.map((x: Req) => x.id), typed).toEqual([id]);
    }
    // another community neither sees nor changes it
    expect((await secb.get(`/api/v1/requests/${id}`)).statusCode).toBe(404);
    expect((await secb.post(`/api/v1/requests/${id}/steps`, { action: 'assign', rowVersion: q.rowVersion, handlerKind: 'community' })).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/requests?orgId=${t.commA}`)).statusCode).toBe(404);
    // out of order: resolving before it is assigned
    const early = await step(seca, id, { action: 'resolve', publicNote: '已修好' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toMatch(/待分拨/);
    const a = await step(seca, id, { action: 'assign', handlerKind: 'grid' });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ state: 'assigned', level: 'grid', handlerName: '第一片区' });
    expect(a.json().dueOn > today()).toBe(true);
    // a stale row version is refused
    expect((await seca.post(`/api/v1/requests/${id}/steps`, { action: 'deliver', rowVersion: q.rowVersion })).statusCode).toBe(409);
    expect((await step(seca, id, { action: 'deliver' })).json().deliveredAt).not.toBeNull();
    expect((await step(seca, id, { action: 'start' })).json().state).toBe('in_progress');
    expect((await step(seca, id, { action: 'resolve', publicNote: '' })).statusCode).toBe(400);
    const done = await step(seca, id, { action: 'resolve', publicNote: '已更换灯泡', note: '物业配合' });
    expect(done.json()).toMatchObject({ state: 'resolved', outcome: 'fixed', outcomeBy: 'seca' });
    // the resident follows it: wrong phone or code finds nothing; the view carries no staff name or internal note
    expect((await pub('POST', '/public/requests/track', { code, phone: '13900000000' })).statusCode).toBe(404);
    const view = await pub('POST', '/public/requests/track', { code: code.toLowerCase().replace('-', ''), phone: PHONE });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().steps.map((s: { action: string }) => s.action)).toEqual(['raised', 'triaged', 'delivered', 'started', 'resolved']);
    expect(view.body).not.toContain('物业配合');
    expect(view.body).not.toContain('seca');
    const c1 = await pub('POST', '/public/requests/confirm', { code, phone: PHONE, satisfaction: 5 });
    expect(c1.statusCode, c1.body).toBe(200);
    expect(c1.json()).toMatchObject({ state: 'confirmed', satisfaction: 5 });
    const c2 = await pub('POST', '/public/requests/confirm', { code, phone: PHONE, satisfaction: 1 });
    expect(c2.statusCode).toBe(409);
    expect(c2.json().error.message).toMatch(/已确认/);
    expect((await pub('POST', '/public/requests/confirm', { code, phone: '13900000000', satisfaction: 1 })).statusCode).toBe(404);
    q = await get(seca, id);
    expect(q).toMatchObject({ state: 'confirmed', satisfaction: 5 });
    const events = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE target_type = 'request' AND target_id = ${String(id)} ORDER BY at, chain, seq`);
    expect(events.map((e) => e.type)).toEqual(['request.raised', 'request.triaged', 'request.delivered', 'request.started', 'request.resolved', 'request.confirmed']);
    const err = await ctx.db.execute(sql`UPDATE request_steps SET note = 'x' WHERE request_id = ${id}`).then(() => null, (e: Error & { cause?: Error }) => e);
    expect(err?.cause?.message ?? err?.message).toMatch(/append-only/);
  });

  it('closes one without a fix, recording who said so; the resident reopens it to the same handler', async () => {
    const code = (await raise({ title: '噪音扰民', categoryId: otherCategory })).json().trackingCode as string;
    const [{ id }] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE tracking_code = ${code}`);
    await step(seca, id, { action: 'assign', handlerKind: 'community' });
    const closed = await step(seca, id, { action: 'close', publicNote: '经核实属夜间施工许可范围，暂无法处理' });
    expect(closed.json()).toMatchObject({ state: 'closed', outcome: 'not_fixed', outcomeBy: 'seca' });
    const re = await pub('POST', '/public/requests/reopen', { code, phone: PHONE, reason: '施工到凌晨两点' });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ state: 'assigned', reopened: 1, outcome: null });
    const q = await get(seca, id);
    expect(q).toMatchObject({ state: 'assigned', level: 'community', actions: expect.arrayContaining(['deliver', 'resolve']) });
    expect((await pub('POST', '/public/requests/reopen', { code, phone: PHONE, reason: '再次' })).statusCode).toBe(409); // open again: nothing to reopen
  });

  it('an overdue request climbs grid → community → street; then the street answers for it', async () => {
    const code = (await raise({ title: '下水道堵塞' })).json().trackingCode as string;
    const [{ id }] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE tracking_code = ${code}`);
    await step(seca, id, { action: 'assign', handlerKind: 'grid' });
    expect((await secb.post('/api/v1/requests/escalations', { orgId: t.commA })).statusCode).toBe(404);
    const past = addDays(today(), -1);
    await ctx.db.execute(sql`UPDATE requests SET due_on = ${past} WHERE id = ${id}`);
    expect((await get(seca, id)).overdue).toBe(true);
    const e1 = await seca.post('/api/v1/requests/escalations', { orgId: t.commA });
    expect(e1.json()).toMatchObject({ escalated: 1, ids: [id] });
    let q = await get(seca, id);
    expect(q).toMatchObject({ level: 'community', overdue: false, handlerName: '甲社区' });
    await ctx.db.execute(sql`UPDATE requests SET due_on = ${past} WHERE id = ${id}`);
    expect((await street.post('/api/v1/requests/escalations', { orgId: t.street })).json().escalated).toBe(1);
    q = await get(seca, id);
    expect(q).toMatchObject({ level: 'street', handlerName: '测试街道' });
    expect(q.actions).toEqual([]); // the community no longer answers for it, nor reassigns or closes it
    expect((await step(seca, id, { action: 'resolve', publicNote: '已疏通' })).statusCode).toBe(403);
    expect((await step(street, id, { action: 'resolve', publicNote: '已疏通' })).json().state).toBe('resolved');
    const [n] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username IN ('seca', 'streetadm') AND n.title LIKE '诉求超时升级%'`);
    expect(n.n).toBe(2);
    const view = (await pub('POST', '/public/requests/track', { code, phone: PHONE })).json();
    expect(view.steps.filter((s: { action: string }) => s.action === 'escalated').map((s: { levelName: string }) => s.levelName)).toEqual(['社区', '街道']);
  });

  it('merges a duplicate into an open request; the resident of the duplicate sees where it went', async () => {
    const a = (await raise({ title: '路灯不亮' })).json().trackingCode as string;
    const b = (await raise({ title: '路灯不亮（重复）' })).json().trackingCode as string;
    const [ra, rb] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE tracking_code IN (${a}, ${b}) ORDER BY id`);
    expect((await step(seca, rb.id, { action: 'merge', intoId: rb.id })).statusCode).toBe(400);
    const m = await step(seca, rb.id, { action: 'merge', intoId: ra.id });
    expect(m.json().state).toBe('merged');
    const view = (await pub('POST', '/public/requests/track', { code: b, phone: PHONE })).json();
    expect(view.mergedInto).toMatchObject({ trackingCode: a, state: 'triage' });
    // the target's record notes the duplicate for staff; its resident is not told of the other resident
    expect((await get(seca, ra.id)).steps.at(-1)).toMatchObject({ action: 'noted', note: `合并了重复诉求 ${b}`, publicNote: null });
    const target = (await pub('POST', '/public/requests/track', { code: a, phone: PHONE })).json();
    expect(JSON.stringify(target.steps)).not.toContain(b);
  });

  it('limits how often one address may submit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await pub('POST', '/public/requests', { communityId: t.commA }, '10.9.9.9')).statusCode);
    expect(codes.slice(0, 10).every((c) => c === 400)).toBe(true); // refused for the missing fields, but counted
    expect(codes[10]).toBe(429);
    if (kind === 'postgres') {
      // a second process on the same server counts the same hits: the address is refused there too, and another is not
      const other = await testApp(db());
      try {
        const again = await other.app.inject({ method: 'POST', url: '/api/v1/public/requests', headers: { 'x-forwarded-for': '10.9.9.9' }, payload: { communityId: t.commA } });
        expect(again.statusCode).toBe(429);
        const fresh = await other.app.inject({ method: 'POST', url: '/api/v1/public/requests', headers: { 'x-forwarded-for': '10.9.9.10' }, payload: { communityId: t.commA } });
        expect(fresh.statusCode).toBe(400);
      } finally {
        await other.app.close();
      }
    }
  });

  it('prepares the review agenda from the records, holds the meeting once per period', async () => {
    const on = today();
    const a = (await seca.get(`/api/v1/requests/agenda?level=community&orgId=${t.commA}&on=${on}`)).json();
    const [truth] = await rows<{ open: number; overdue: number }>(ctx.db, sql`SELECT count(*) FILTER (WHERE state IN ('triage','assigned','in_progress'))::int AS open,
      count(*) FILTER (WHERE state IN ('assigned','in_progress') AND due_on < ${on})::int AS overdue FROM requests WHERE community_id = ${t.commA}`);
    expect(a.counts).toMatchObject(truth);
    expect(a.period).toEqual(reviewPeriod('community', on));
    const all = await rows<{ categoryId: number; gridId: number | null; communityId: number; raisedOn: string }>(ctx.db, sql`SELECT category_id AS "categoryId", grid_id AS "gridId",
      community_id AS "communityId", to_char(raised_on, 'YYYY-MM-DD') AS "raisedOn" FROM requests WHERE community_id = ${t.commA} AND state <> 'merged'`);
    expect(a.recurring.map((g: { categoryId: number; count: number }) => [g.categoryId, g.count])).toEqual(recurring(all, addDays(on, -90)).map((g) => [g.categoryId, g.count]));
    expect(a.recurring.length).toBeGreaterThan(0);
    expect((await secb.get(`/api/v1/requests/agenda?level=community&orgId=${t.commA}`)).statusCode).toBe(404);
    expect((await seca.get(`/api/v1/requests/agenda?level=grid&orgId=${t.commA}`)).statusCode).toBe(400);
    const openId = a.open[0].id as number;
    const body = { level: 'community', orgId: t.commA, heldOn: on, attendees: '社区两委、网格长', decisions: [{ requestId: openId, text: '本周内协调物业解决' }] };
    expect((await seca.post('/api/v1/requests/reviews', { ...body, decisions: [{ requestId: 999999, text: 'x' }] })).statusCode).toBe(400);
    const h = await seca.post('/api/v1/requests/reviews', body);
    expect(h.statusCode, h.body).toBe(200);
    expect((await seca.post('/api/v1/requests/reviews', body)).statusCode).toBe(409);
    expect((await get(seca, openId)).steps.at(-1)).toMatchObject({ action: 'noted', note: expect.stringContaining('本周内协调物业解决') });
    const next = (await seca.get(`/api/v1/requests/agenda?level=community&orgId=${t.commA}&on=${on}`)).json();
    expect(next.lastMeeting.decisions).toEqual(body.decisions);
  });

  it('shows the full phone number only to those allowed, and audits it', async () => {
    const [{ id }] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM requests WHERE community_id = ${t.commA} ORDER BY id LIMIT 1`);
    const r = await seca.get(`/api/v1/requests/${id}/contact`);
    expect(r.json().phone).toBe(PHONE);
    expect((await secb.get(`/api/v1/requests/${id}/contact`)).statusCode).toBe(404);
    const [e] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'request.contact_viewed' AND target_id = ${String(id)}`);
    expect(e.n).toBe(1);
  });

  it('records a request on a resident\'s behalf with the photos taken there; bad photos and another community change nothing', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex').toString('base64');
    const photo = (name: string, data = png, mime = 'image/png') => ({ name, mime, data });
    const body = { communityId: t.commA, categoryId: category, title: '路灯不亮', body: '小区东门路灯坏了', phone: PHONE, source: 'visit', gridId: grid };
    const before = await count();
    for (const [over, status] of [
      [{ photos: [photo('a.png'), photo('b.png'), photo('c.png'), photo('d.png')] }, 400],
      [{ photos: [photo('a.png'), photo('b.png')], photoIds: [1, 2] }, 400],
      [{ photos: [photo('big.jpg', Buffer.alloc(2 * 1024 * 1024 + 1, 1).toString('base64'), 'image/jpeg')] }, 413],
      [{ photos: [photo('note.txt', Buffer.from('hello').toString('base64'), 'text/plain')] }, 415],
      [{ photos: [photo('a.png')], categoryId: 999999 }, 400],
    ] as const) {
      const r = await seca.post('/api/v1/requests', { ...body, ...over });
      expect(r.statusCode, `${JSON.stringify(over).slice(0, 80)} → ${r.body}`).toBe(status);
    }
    expect((await secb.post('/api/v1/requests', { ...body, photos: [photo('a.png')] })).statusCode).toBe(404); // 乙社区's secretary cannot see 甲社区
    expect(await count()).toBe(before);
    const r = await seca.post('/api/v1/requests', { ...body, photos: [photo('east-gate.png')] });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await seca.get(`/api/v1/requests/${r.json().id}`)).json() as Req & { photoIds: number[]; source: string };
    expect(d).toMatchObject({ state: 'triage', source: 'visit', phoneMasked: '139****5678' });
    expect(d.photoIds).toHaveLength(1);
    const f = await seca.get(`/api/v1/files/${d.photoIds[0]}/content`);
    expect(f.statusCode).toBe(200);
    expect(f.rawPayload.equals(Buffer.from(png, 'base64'))).toBe(true);
    expect((await secb.get(`/api/v1/files/${d.photoIds[0]}/content`)).statusCode).toBe(404);
    const [e] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE (type = 'request.raised' AND target_id = ${String(r.json().id)}) OR (type = 'file.uploaded' AND target_id = ${String(d.photoIds[0])})`);
    expect(e.n).toBe(2);
  });
});
