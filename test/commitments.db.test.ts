/**
 * 公开承诺 and 践诺 through the API: members (their own, or by the branch), organisations and resident
 * units commit; bad input changes nothing; progress and verification only by those allowed; a
 * cadre's unkept commitment opens accountability; counts by organisation; the public wall needs
 * no login and shows only public commitments; other communities see nothing. Posts: claims, duties,
 * where a manager may search for people to take one, and the .xlsx export of the list.
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
import { getOrg, insertOrg } from '../src/modules/org/store.js';
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
    expect(tasks).toMatchObject([{ subjectKind: 'member', subjectId: cadre, options: ['提醒谈话', '诫勉谈话', '通报批评', '组织调整'], commitmentId: a.json().id, year, runId: null }]);
    expect((await brancha.get('/api/v1/tasks?kind=accountability')).json().total).toBe(1);

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

  it('opens posts, emergency ones in one step; members and residents claim them up to their places; duties are recorded and counted', async () => {
    const before = (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM posts`))[0].n;
    for (const [who, b, status] of [
      [brancha, { orgId: t.branchA, type: '无此岗位', name: 'x', duties: 'y' }, 400],
      [brancha, { orgId: t.branchA, type: '党员先锋岗', name: '', duties: 'y' }, 400],
      [brancha, { orgId: t.branchA, type: '党员先锋岗', name: 'x', duties: 'y', places: 0 }, 400],
      [brancha, { orgId: t.branchA, type: '党员先锋岗', name: 'x', duties: 'y', closesOn: '2000-01-01' }, 400],
      [secb, { orgId: t.branchA, type: '党员先锋岗', name: 'x', duties: 'y' }, 404],
      [self, { orgId: t.branchA, type: '党员先锋岗', name: 'x', duties: 'y' }, 404],
    ] as const) expect((await who.post('/api/v1/posts', b)).statusCode, JSON.stringify(b)).toBe(status);
    expect((await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM posts`))[0].n).toBe(before);

    const post = await brancha.post('/api/v1/posts', { orgId: t.branchA, type: '平安创建岗', name: '小区夜间巡逻', duties: '每周两晚巡查楼道和车棚', places: 2 });
    expect(post.statusCode, post.body).toBe(200);
    const id = post.json().id;
    const flood = await seca.post('/api/v1/posts/emergency', { orgId: t.commA, name: '防汛抢险' });
    expect(flood.json()).toMatchObject({ type: '突发事件处置岗', emergency: true, places: 20, state: 'open' });
    // a member sees the posts of their branch and of the organisations above it, and may claim one
    expect((await self.get('/api/v1/posts')).json().items.map((x: { id: number; actions: string[] }) => [x.id, x.actions]).sort()).toEqual([[id, ['claimSelf']], [flood.json().id, ['claimSelf']]].sort());
    // claims: the member for themselves, a resident through the branch; never beyond the places
    expect((await self.post(`/api/v1/posts/${id}/claims`, { personKind: 'member', personId: plain })).statusCode).toBe(200);
    expect((await self.post(`/api/v1/posts/${id}/claims`, { personKind: 'member', personId: plain })).statusCode).toBe(409);
    expect((await self.post(`/api/v1/posts/${id}/claims`, { personKind: 'member', personId: cadre })).statusCode).toBe(403);
    const [r] = await rows<{ id: number }>(ctx.db, sql`INSERT INTO residents (county_id, community_id, community_path, name, gender) SELECT county_id, id, path, '赵大妈', '女' FROM orgs WHERE id = ${t.commA} RETURNING id`);
    const [other] = await rows<{ id: number }>(ctx.db, sql`INSERT INTO residents (county_id, community_id, community_path, name, gender) SELECT county_id, id, path, '钱大爷', '男' FROM orgs WHERE id = ${t.commB} RETURNING id`);
    expect((await brancha.post(`/api/v1/posts/${id}/claims`, { personKind: 'resident', personId: other.id })).json().error.message).toMatch(/不是本社区居民/);
    expect((await brancha.post(`/api/v1/posts/${id}/claims`, { personKind: 'resident', personId: r.id })).statusCode).toBe(200);
    const full = await brancha.post(`/api/v1/posts/${id}/claims`, { personKind: 'member', personId: cadre });
    expect([full.statusCode, full.json().error.message]).toEqual([409, '岗位已满（2人）']);
    // duties: by the holder or the branch, within the holding
    const detail = (await brancha.get(`/api/v1/posts/${id}`)).json();
    const mine = detail.holders.find((h: { personKind: string }) => h.personKind === 'member').id;
    expect((await self.post(`/api/v1/posts/${id}/duties`, { holderId: mine, on: today(), hours: 2, note: '巡查3幢至5幢楼道' })).statusCode).toBe(200);
    expect((await self.post(`/api/v1/posts/${id}/duties`, { holderId: mine, on: '2000-01-01', hours: 2, note: '早于在岗' })).statusCode).toBe(400);
    expect((await self.post(`/api/v1/posts/${id}/duties`, { holderId: mine, on: today(), hours: 25, note: '超时' })).statusCode).toBe(400);
    const rid = detail.holders.find((h: { personKind: string }) => h.personKind === 'resident').id;
    expect((await self.post(`/api/v1/posts/${id}/duties`, { holderId: rid, on: today(), hours: 1, note: '代记' })).statusCode).toBe(403);
    expect((await brancha.post(`/api/v1/posts/${id}/duties`, { holderId: rid, on: today(), hours: 1.5, note: '劝导车辆有序停放' })).statusCode).toBe(200);
    const stats = (await seca.get(`/api/v1/posts/stats?orgId=${t.commA}`)).json();
    expect(stats.byType.find((x: { type: string }) => x.type === '平安创建岗')).toMatchObject({ posts: 1, open: 1, holders: 2, hours: 3.5 });
    expect(stats.byType.find((x: { type: string }) => x.type === '突发事件处置岗')).toMatchObject({ posts: 1, holders: 0 });
    expect((await secb.get(`/api/v1/posts/${id}`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/posts')).json().items).toEqual([]);
    // closing: the holders leave today; no more claims
    const closed = await brancha.post(`/api/v1/posts/${id}/close`, { rowVersion: detail.rowVersion });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await brancha.get(`/api/v1/posts/${id}`)).json().holders.every((h: { until: string | null }) => h.until === today())).toBe(true);
    expect((await brancha.post(`/api/v1/posts/${id}/claims`, { personKind: 'member', personId: cadre })).statusCode).toBe(409);
    const events = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE type LIKE 'post.%'`);
    expect(events.map((e) => e.type).sort()).toEqual(['post.claimed', 'post.claimed', 'post.closed', 'post.duty', 'post.duty', 'post.opened', 'post.opened']);
  });

  it('exports exactly the posts of the list as .xlsx, logged; another community gets none of them', async () => {
    type Row = { id: number; type: string; name: string; orgName: string; places: number; state: string; emergency: boolean; opensOn: string; closesOn: string | null; hours: number; duties: string };
    type Holder = { id: number; name: string; since: string };
    const HEADS = ['岗位类型', '岗位名称', '设岗组织', '名额', '在岗人员', '状态', '突发事件', '设岗日期', '撤岗日期', '履职时长（小时）', '岗位职责'];
    const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
    async function sheet(who: Client, query: string): Promise<string[][]> {
      const r = await who.get(`/api/v1/posts/export${query}`);
      expect(r.statusCode, r.body).toBe(200);
      expect(decodeURIComponent(String(r.headers['content-disposition']).split("UTF-8''")[1])).toMatch(/^(甲社区第一党支部)?设岗定责_\d{8}\.xlsx$/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(r.rawPayload).buffer as ArrayBuffer);
      const out: string[][] = [];
      wb.worksheets[0].eachRow((row) => { out.push(HEADS.map((_h, i) => text(row.getCell(i + 1).value))); });
      return out;
    }
    /** The rows the export should hold: the list's posts in its order, with their holders' names from each post's detail. */
    async function expected(who: Client, query: string): Promise<string[][]> {
      const list = (await who.get(`/api/v1/posts${query}`)).json().items as Row[];
      return Promise.all(list.map(async (p) => {
        const holders = ((await who.get(`/api/v1/posts/${p.id}`)).json().holders as Holder[]).sort((a, b) => a.since.localeCompare(b.since) || a.id - b.id);
        return [p.type, p.name, p.orgName, p.places, holders.map((h) => h.name).join('、'), p.state === 'open' ? '在岗' : '已撤岗', p.emergency ? '是' : '否', p.opensOn, p.closesOn ?? '', p.hours, p.duties].map(String);
      }));
    }
    const mine = await brancha.post('/api/v1/posts', { orgId: t.branchA, type: '环境卫生岗', name: '楼道卫生', duties: '每周清扫一次楼道', places: 3 });
    const theirs = await secb.post('/api/v1/posts', { orgId: t.commB, type: '文明劝导岗', name: '乙社区文明劝导', duties: '劝导不文明行为', places: 5 });
    expect([mine.statusCode, theirs.statusCode]).toEqual([200, 200]);
    expect((await brancha.post(`/api/v1/posts/${mine.json().id}/claims`, { personKind: 'member', personId: cadre })).statusCode).toBe(200);

    const before = (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = 'export.created' AND data->>'kind' = 'posts'`))[0].n;
    const cases = [[seca, ''], [seca, '?state=open'], [seca, `?orgId=${t.branchA}`], [seca, '?type=突发事件处置岗'], [brancha, ''], [secb, '']] as const;
    const got: Record<string, string[][]> = {};
    for (const [who, q] of cases) {
      const s = await sheet(who, encodeURI(q));
      expect(s[0], q).toEqual(HEADS);
      expect(s.slice(1), q).toEqual(await expected(who, encodeURI(q)));
      got[`${who === seca ? 'a' : who === secb ? 'b' : 'branch'}${q}`] = s.slice(1);
    }
    // what the rows say, not only that they agree with the list
    expect(got.a.map((r) => r[1]).sort()).toEqual(['小区夜间巡逻', '楼道卫生', '防汛抢险'].sort());
    expect(got.a.find((r) => r[1] === '小区夜间巡逻')).toEqual(['平安创建岗', '小区夜间巡逻', '甲社区第一党支部', '2', '李党员、赵大妈', '已撤岗', '否', today(), today(), '3.5', '每周两晚巡查楼道和车棚']);
    expect(got.a.find((r) => r[1] === '防汛抢险')?.slice(0, 7)).toEqual(['突发事件处置岗', '防汛抢险', '甲社区', '20', '', '在岗', '是']);
    expect(got['a?state=open'].map((r) => r[1]).sort()).toEqual(['楼道卫生', '防汛抢险'].sort());
    expect(got[`a?orgId=${t.branchA}`].map((r) => r[1]).sort()).toEqual(['小区夜间巡逻', '楼道卫生'].sort());
    expect(got['a?type=突发事件处置岗'].map((r) => r[1])).toEqual(['防汛抢险']);
    expect(got.branch.find((r) => r[1] === '楼道卫生')?.[4]).toBe('王书记');
    // community2 gets its own post only, and no way to community1's
    expect(got.b.map((r) => r[1])).toEqual(['乙社区文明劝导']);
    expect((await secb.get(`/api/v1/posts/export?orgId=${t.commA}`)).statusCode).toBe(404);
    expect((await secb.get('/api/v1/posts/export?state=nope')).statusCode).toBe(400);
    // every export is logged with its filters and row count
    const logged = await rows<{ count: number; filters: Record<string, unknown> }>(ctx.db, sql`SELECT (data->>'count')::int AS count, data->'filters' AS filters FROM audit_events
      WHERE type = 'export.created' AND data->>'kind' = 'posts' ORDER BY at, chain, seq`);
    expect(logged.length - before).toBe(cases.length);
    expect(logged.slice(before).map((l) => l.count)).toEqual(Object.values(got).map((r) => r.length));
    expect(logged.slice(before)[1].filters).toEqual({ state: 'open' });
  });

  it('tells a manager where to search for people to take a post: the community, or their own branch without its residents', async () => {
    const flood = (await seca.get('/api/v1/posts?type=突发事件处置岗')).json().items[0];
    expect((await seca.get(`/api/v1/posts/${flood.id}`)).json().pickFrom).toEqual({ member: t.commA, resident: t.commA });
    const mine = (await brancha.get('/api/v1/posts?state=open')).json().items.find((p: { name: string }) => p.name === '楼道卫生');
    expect((await brancha.get(`/api/v1/posts/${mine.id}`)).json().pickFrom).toEqual({ member: t.branchA, resident: null });
    expect((await seca.get(`/api/v1/posts/${mine.id}`)).json().pickFrom).toEqual({ member: t.commA, resident: t.commA });
    expect((await self.get(`/api/v1/posts/${mine.id}`)).json().pickFrom).toBeNull(); // a member takes it only for themselves
    // the searches the picker runs: names from their start, inside that organisation
    const members = (await seca.get(`/api/v1/members?orgId=${t.commA}&q=${encodeURIComponent('李')}`)).json().items;
    expect(members.map((m: { id: number }) => m.id)).toEqual([plain]);
    const residents = (await seca.get(`/api/v1/residents?communityId=${t.commA}&q=${encodeURIComponent('赵')}`)).json().items;
    expect(residents.map((r: { name: string }) => r.name)).toEqual(['赵大妈']);
    expect((await secb.get(`/api/v1/residents?communityId=${t.commA}&q=${encodeURIComponent('赵')}`)).statusCode).toBe(404);
  });

  it('scores 机关 members three ways, ranks them, recommends 优秀党员 and records the decision', async () => {
    const organ = await ctx.db.transaction(async (tx) => insertOrg(tx, (await getOrg(tx, t.street))!, { kind: 'branch', name: '街道机关党支部', unitNature: '机关' }));
    const [u] = await ctx.db.insert(users).values({ username: 'jgsj', displayName: '机关支部书记', passwordHash: await hashPassword(PASSWORD), homeOrgId: organ.id }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'branch_secretary', orgId: organ.id });
    const sec = await loginAs(app, 'jgsj');
    const ids: number[] = [];
    for (const name of ['机关甲', '机关乙', '机关丙']) {
      const r = await sec.post('/api/v1/members', memberBody(organ.id, { name, idNumber: null, phone: null }));
      expect(r.statusCode, r.body).toBe(200);
      ids.push(r.json().id);
    }
    const put = (who: Client, b: Record<string, unknown>) => who.put('/api/v1/vanguard/reviews', { year, ...b });
    // not for a community member; not by another branch; scores stay within 0..100; weights sum to 1
    expect((await put(brancha, { memberId: plain, org: 90 })).json().error.message).toMatch(/机关、事业单位/);
    expect((await put(brancha, { memberId: ids[0], org: 90 })).statusCode).toBe(404);
    expect((await put(sec, { memberId: ids[0], org: 101 })).statusCode).toBe(400);
    expect((await put(sec, { memberId: ids[0], org: 90, weights: { self: 0.5, peer: 0.5, org: 0.5 } })).statusCode).toBe(400);
    for (const [i, [s, p, o]] of ([[95, [96, 98], 97], [80, [85], 82], [90, [92, 94], 88]] as const).entries()) {
      expect((await put(sec, { memberId: ids[i], self: s, peers: p, org: o })).statusCode).toBe(200);
    }
    const list = (await sec.get(`/api/v1/vanguard/reviews?orgId=${organ.id}&year=${year}`)).json().items;
    const a = list.find((x: { memberId: number }) => x.memberId === ids[0]);
    expect(a).toMatchObject({ total: 96.6, rank: 1, recommended: true, complete: true, peers: 2, peerMean: 97 }); // 95×0.2 + 97×0.3 + 97×0.5
    expect(list.filter((x: { recommended: boolean }) => x.recommended)).toHaveLength(1); // a third of three
    const decided = await sec.post(`/api/v1/vanguard/reviews/${a.id}/decide`, { excellent: true, note: '支部大会通过', rowVersion: a.rowVersion });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await sec.post(`/api/v1/vanguard/reviews/${a.id}/decide`, { excellent: false, rowVersion: a.rowVersion + 1 })).statusCode).toBe(409);
    expect((await put(sec, { memberId: ids[0], org: 60 })).statusCode).toBe(409); // decided: no more scores
    expect((await secb.get(`/api/v1/vanguard/reviews?orgId=${organ.id}&year=${year}`)).statusCode).toBe(404);
  });
});
