/**
 * 公开承诺 and 践诺 through the API: members (their own, or by the branch), organisations and resident
 * units commit; bad input changes nothing; progress and verification only by those allowed; a
 * cadre's unkept commitment opens accountability; counts by organisation; the public wall needs
 * no login and shows only public commitments; other communities see nothing.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { loginAs, memberBody, smallTree, testApp, PASSWORD, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { today } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/http/context.js';

describeDb('public commitments', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let brancha: Client, seca: Client, secb: Client, self: Client;
  let cadre: number, plain: number, unit: number;
  const year = +today().slice(0, 4);
  const due = `${year}-12-31`;
  const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT (SELECT count(*) FROM commitments) + (SELECT count(*) FROM commitment_updates) AS n`))[0].n;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    [brancha, seca, secb] = await Promise.all(['brancha', 'seca', 'secb'].map((n) => loginAs(app, n)));
    const c = await brancha.post('/api/v1/members', memberBody(t.branchA, { name: '王书记', idNumber: null, phone: null, post: '党支部书记' }));
    const p = await brancha.post('/api/v1/members', memberBody(t.branchA, { name: '李党员', idNumber: null, phone: null }));
    expect([c.statusCode, p.statusCode]).toEqual([200, 200]);
    [cadre, plain] = [c.json().id, p.json().id];
    const [u] = await ctx.db.insert(users).values({ username: 'lidy', displayName: '李党员', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.branchA, memberId: plain, memberCountyId: t.countyId }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'member', orgId: t.branchA });
    self = await loginAs(app, 'lidy');
    const un = await seca.post(`/api/v1/orgs/${t.commA}/units`, { name: '甲社区卫生服务站', kind: '事业单位' });
    expect(un.statusCode, un.body).toBe(200);
    unit = un.json().id;
  });
  afterAll(async () => { await app?.close(); });

  const body = (over: Record<string, unknown> = {}) => ({ makerKind: 'member', makerId: cadre, year, kind: '依岗', title: '每月走访联系户', target: '全年走访联系的10户群众每户不少于12次', dueOn: due, ...over });

  it('refuses bad commitments with a clear reason and writes nothing', async () => {
    const before = await count();
    for (const [who, b, status, msg] of [
      [brancha, body({ dueOn: '2000-01-01' }), 400, /早于/],
      [brancha, body({ madeOn: `${year - 1}-06-01`, dueOn: `${year}-01-01` }), 400, /不在/],
      [brancha, body({ kind: '随便' }), 400, null],
      [brancha, body({ title: '' }), 400, null],
      [brancha, body({ colour: 'red' }), 400, null],
      [brancha, body({ target: 'x'.repeat(1001) }), 400, null],
      [secb, body(), 404, null],
      [self, body(), 404, null], // a member commits for themselves only
      [self, body({ makerKind: 'org', makerId: t.branchA }), 404, null],
      [brancha, body({ makerKind: 'unit', makerId: 999999 }), 404, null],
    ] as const) {
      const r = await who.post('/api/v1/commitments', b);
      expect(r.statusCode, `${JSON.stringify(b)} → ${r.body}`).toBe(status);
      if (msg) expect(r.json().error.message).toMatch(msg);
    }
    expect(await count()).toBe(before);
  });

  it('commits, follows, verifies; a cadre\'s unkept commitment opens accountability', async () => {
    const a = await brancha.post('/api/v1/commitments', body());
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toMatchObject({ makerName: '王书记', cadre: true, state: 'made', stateName: '已承诺', actions: ['update', 'verify'] });
    const mine = await self.post('/api/v1/commitments', body({ makerId: plain, kind: '因事', title: '帮助独居老人', target: '每周上门一次', public: false }));
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().actions).toEqual(['update']); // the maker follows it; the branch verifies it
    const org = await seca.post('/api/v1/commitments', body({ makerKind: 'org', makerId: t.commA, kind: '具体', title: '建成居民议事厅', target: '年内建成并投入使用', docKind: '责任状' }));
    const un = await seca.post('/api/v1/commitments', body({ makerKind: 'unit', makerId: unit, kind: '具体', title: '为辖区老人义诊', target: '全年义诊4次', docKind: '承诺书' }));
    expect([org.statusCode, un.statusCode]).toEqual([200, 200]);
    expect(un.json()).toMatchObject({ orgId: t.commA, makerName: '甲社区卫生服务站' });

    // progress: by the maker or the branch; not by others
    expect((await self.post(`/api/v1/commitments/${mine.json().id}/updates`, { note: '第一次上门，帮助购买生活用品' })).statusCode).toBe(200);
    expect((await self.post(`/api/v1/commitments/${a.json().id}/updates`, { note: '冒名' })).statusCode).toBe(404);
    expect((await secb.post(`/api/v1/commitments/${a.json().id}/updates`, { note: '越权' })).statusCode).toBe(404);
    expect((await brancha.post(`/api/v1/commitments/${a.json().id}/updates`, { note: '一季度走访30户次' })).statusCode).toBe(200);
    const seen = (await brancha.get(`/api/v1/commitments/${a.json().id}`)).json();
    expect(seen).toMatchObject({ state: 'in_progress', updates: 1 });
    expect(seen.progress).toMatchObject([{ note: '一季度走访30户次', on: today(), byName: 'brancha' }]);

    // verification: only the branch; a stale version loses; once closed, nothing more
    expect((await self.post(`/api/v1/commitments/${mine.json().id}/verify`, { outcome: 'kept', note: '自己核实', rowVersion: 2 })).statusCode).toBe(403);
    const stale = await brancha.post(`/api/v1/commitments/${a.json().id}/verify`, { outcome: 'unkept', note: '全年走访不足', rowVersion: 1 });
    expect(stale.statusCode).toBe(409);
    const unkept = await brancha.post(`/api/v1/commitments/${a.json().id}/verify`, { outcome: 'unkept', note: '全年走访不足', rowVersion: seen.rowVersion });
    expect(unkept.statusCode, unkept.body).toBe(200);
    expect(unkept.json().task).toEqual(expect.any(Number));
    const kept = await brancha.post(`/api/v1/commitments/${mine.json().id}/verify`, { outcome: 'kept', note: '群众认可', rowVersion: (await brancha.get(`/api/v1/commitments/${mine.json().id}`)).json().rowVersion });
    expect(kept.json()).toMatchObject({ state: 'kept', task: null }); // not a cadre: no accountability
    expect((await brancha.post(`/api/v1/commitments/${a.json().id}/verify`, { outcome: 'kept', note: '再次核实', rowVersion: 3 })).statusCode).toBe(409);
    expect((await brancha.post(`/api/v1/commitments/${a.json().id}/updates`, { note: '补记' })).statusCode).toBe(409);
    const tasks = (await brancha.get('/api/v1/tasks?pageSize=50')).json().items.filter((x: { kind: string }) => x.kind === 'accountability');
    expect(tasks).toMatchObject([{ subjectKind: 'member', subjectId: cadre, options: ['提醒谈话', '诫勉谈话', '通报批评', '组织调整'] }]);

    // counts by organisation, the member's own list, other communities
    const stats = (await seca.get(`/api/v1/commitments/stats?orgId=${t.commA}&year=${year}`)).json();
    expect(stats.total).toEqual({ made: 4, kept: 1, unkept: 1, open: 2, overdue: 0 });
    expect(stats.items.find((x: { orgId: number }) => x.orgId === t.branchA)).toMatchObject({ made: 2, kept: 1, unkept: 1 });
    expect(stats.items.find((x: { orgId: number }) => x.orgId === t.commA)).toMatchObject({ made: 2, open: 2 });
    expect((await self.get('/api/v1/commitments')).json().items.map((x: { id: number }) => x.id)).toEqual([mine.json().id]);
    expect((await secb.get('/api/v1/commitments')).json().total).toBe(0);
    expect((await secb.get(`/api/v1/commitments/stats?orgId=${t.commA}&year=${year}`)).statusCode).toBe(404);
    const x = await seca.get(`/api/v1/commitments/export?year=${year}`);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const events = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE type LIKE 'commitment.%' OR (type = 'task.opened' AND data ? 'commitmentId')`);
    expect(events.map((e) => e.type).sort()).toEqual(['commitment.closed', 'commitment.closed', 'commitment.made', 'commitment.made', 'commitment.made', 'commitment.made', 'commitment.progressed', 'commitment.progressed', 'task.opened']);
  });

  it('shows the public wall without a login: public commitments only, with their latest progress', async () => {
    const wall = await app.inject({ method: 'GET', url: `/api/v1/public/commitments/${t.commA}?year=${year}` });
    expect(wall.statusCode, wall.body).toBe(200);
    const w = wall.json();
    expect(w.items.map((i: { title: string }) => i.title).sort()).toEqual(['为辖区老人义诊', '建成居民议事厅', '每月走访联系户'].sort());
    expect(w.items.find((i: { title: string }) => i.title === '每月走访联系户')).toMatchObject({ state: 'unkept', stateName: '未兑现', lastNote: '一季度走访30户次' });
    expect(w.counts).toEqual({ made: 3, kept: 0 });
    expect(JSON.stringify(w)).not.toContain('帮助独居老人'); // not public
    expect((await app.inject({ method: 'GET', url: '/api/v1/public/commitments/999999' })).statusCode).toBe(404);
  });
});
