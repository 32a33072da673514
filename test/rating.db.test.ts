/** 评星晋级 in the database: one application per year, every step by its role and in order, the public notice and its objections, append-only logs, audit. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb, testKeys } from './db.js';
import { smallTree, testApp, PASSWORD } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { loadGrants } from '../src/platform/auth/service.js';
import type { Actor, OrgRef } from '../src/platform/auth/access.js';
import type { AppContext } from '../src/platform/http/context.js';
import { getOrg } from '../src/modules/org/store.js';
import { startScheduler, stopScheduler } from '../src/platform/jobs/index.js';
import { answerObjection, createApplication, currentStandard, lodgeObjection, selfAssess, takeStep, type ApplicationRow, type StepBody } from '../src/modules/rating/service.js';

describeDb('star rating procedure', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  const who: Record<string, Actor> = {};
  const org: Record<string, OrgRef> = {};
  const TODAY = '2026-03-02';

  const actor = async (username: string): Promise<Actor> => {
    const [u] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = ${username}`);
    return { userId: u.id, username, displayName: username, memberId: null, memberCountyId: null, grants: await loadGrants(ctx.db, u.id) } as Actor;
  };
  const step = (a: ApplicationRow, by: string, body: Omit<StepBody, 'rowVersion'>, today = TODAY) => takeStep(ctx.db, who[by], a.id, { ...body, rowVersion: a.rowVersion }, today);
  const count = async (table: string) => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0].n;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    const [u] = await ctx.db.insert(users).values({ username: 'countyadm', displayName: '县评星办', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.countyId }).returning();
    await ctx.db.insert(grants).values({ userId: u.id, role: 'county_admin', orgId: t.countyId });
    for (const name of ['seca', 'secb', 'streetadm', 'countyadm', 'brancha']) who[name] = await actor(name);
    for (const [k, id] of Object.entries({ county: t.countyId, commA: t.commA, commB: t.commB, branchA: t.branchA })) {
      const o = (await getOrg(ctx.db, id))!;
      org[k] = { id: o.id, path: o.path, countyId: o.countyId, kind: o.kind, name: o.name };
    }
  });
  afterAll(async () => { await app?.close(); });

  it('takes a three-star application from self-assessment to publication, each step by its role', async () => {
    let a = await createApplication(ctx.db, who.seca, org.commA, org.county, 2025, 3);
    expect(a).toMatchObject({ state: 'draft', level: 3, appliedLevel: 3 });
    // the county's standard for the year is the built-in one of seed 003, saved as version 1
    expect((await currentStandard(ctx.db, t.countyId, 2025))?.version).toBe(1);
    await expect(createApplication(ctx.db, who.seca, org.commA, org.county, 2025, 2)).rejects.toThrow(/已有评星申报/);
    await expect(createApplication(ctx.db, who.secb, org.commA, org.county, 2025, 2)).rejects.toThrow(/无权/);
    await expect(createApplication(ctx.db, who.seca, org.branchA, org.county, 2025, 2)).rejects.toThrow(/不参加评星/);

    a = await selfAssess(ctx.db, who.seca, a.id, { facts: { metrics: { mediationRate: 100, mediationSuccessRate: 96 } }, claims: { 'L3-1-1': { met: true, note: '班子健全' } }, rowVersion: a.rowVersion });
    await expect(selfAssess(ctx.db, who.seca, a.id, { facts: {}, claims: {}, rowVersion: a.rowVersion - 1 })).rejects.toThrow(/他人修改/);
    await expect(step(a, 'streetadm', { step: 'assess' })).rejects.toThrow(/自评中/);
    await expect(step(a, 'streetadm', { step: 'submit' })).rejects.toThrow(/申报社区/);
    a = await step(a, 'seca', { step: 'submit' });
    expect(a.state).toBe('submitted');
    expect(a.dueOn).toBe('2026-03-16'); // 10 working days after Monday 2 March 2026
    await expect(selfAssess(ctx.db, who.seca, a.id, { facts: {}, claims: {}, rowVersion: a.rowVersion })).rejects.toThrow(/不能再修改/);
    await expect(step(a, 'countyadm', { step: 'assess' })).rejects.toThrow(/街道党工委/);
    await expect(step(a, 'streetadm', { step: 'assess', level: 4 })).rejects.toThrow(/不能评定高于/);
    a = await step(a, 'streetadm', { step: 'assess', level: 3, comment: '符合三星标准', assessment: { 'L3-1-1': { score: 10, met: true } } });
    expect(a.state).toBe('assessed');
    await expect(step(a, 'countyadm', { step: 'publish', docNumber: '县评〔2026〕1号' })).rejects.toThrow(/不能发文公布/);
    a = await step(a, 'countyadm', { step: 'approve' });
    await expect(step(a, 'countyadm', { step: 'publish' })).rejects.toThrow(/文号/);
    a = await step(a, 'countyadm', { step: 'publish', docNumber: '县评〔2026〕1号' });
    expect(a).toMatchObject({ state: 'published', level: 3, docNumber: '县评〔2026〕1号' });
    const steps = await rows<{ step: string; from_state: string; to_state: string }>(ctx.db, sql`SELECT step, from_state, to_state FROM star_steps WHERE application_id = ${a.id} ORDER BY id`);
    expect(steps.map((s) => s.step)).toEqual(['apply', 'submit', 'assess', 'approve', 'publish']);
    const events = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE target_type = 'star_application' AND target_id = ${String(a.id)} ORDER BY at, seq`);
    expect(events.map((e) => e.type)).toEqual(['star.applied', 'star.self_assessed', 'star.step', 'star.step', 'star.step', 'star.step']);
    // the logs cannot be rewritten
    await expect(ctx.db.execute(sql`UPDATE star_steps SET level = 5 WHERE application_id = ${a.id}`)).rejects.toThrow();
    await expect(ctx.db.execute(sql`DELETE FROM star_standards`)).rejects.toThrow();
  });

  it('takes five stars through 验收 and a public notice: objections only inside it, each answered, a veto bars it', async () => {
    let a = await createApplication(ctx.db, who.secb, org.commB, org.county, 2025, 5);
    a = await step(a, 'secb', { step: 'submit' });
    a = await step(a, 'streetadm', { step: 'assess' });
    await expect(step(a, 'countyadm', { step: 'approve', level: 5 })).rejects.toThrow(/须经验收/);
    const before = await count('star_steps');
    await expect(step(a, 'countyadm', { step: 'accept', vetoes: ['NOPE'] })).rejects.toThrow(/否决事项 NOPE/);
    const vetoCode = (await currentStandard(ctx.db, t.countyId, 2025))!.definition.vetoes[0].code;
    await expect(step(a, 'countyadm', { step: 'accept', vetoes: [vetoCode] })).rejects.toThrow(/一票否决/);
    expect(await count('star_steps')).toBe(before); // refused steps leave nothing behind
    a = await step(a, 'countyadm', { step: 'accept' });
    // a five-working-day notice from the next working day: Tuesday 3 March to Monday 9 March 2026
    expect(a).toMatchObject({ state: 'notice', noticeFirst: '2026-03-03', noticeLast: '2026-03-09' });

    await expect(lodgeObjection(ctx.db, testKeys, a.id, { contact: '13900000000', content: '公示前提出的异议' }, '2026-03-02', null)).rejects.toThrow(/尚未开始/);
    const first = await lodgeObjection(ctx.db, testKeys, a.id, { name: '居民甲', contact: '13900000001', content: '该社区今年发生过安全生产事故' }, '2026-03-04', null);
    const second = await lodgeObjection(ctx.db, testKeys, a.id, { contact: '13900000002', content: '居务公开有两个月没有公开' }, '2026-03-09', null);
    await expect(lodgeObjection(ctx.db, testKeys, a.id, { contact: '13900000003', content: '公示期后提出的异议' }, '2026-03-10', null)).rejects.toThrow(/已于 2026-03-09 结束/);
    const stored = await rows<{ contact: string; receipt: string }>(ctx.db, sql`SELECT contact, receipt FROM star_objections WHERE application_id = ${a.id} ORDER BY id`);
    expect(stored.map((x) => x.receipt)).toEqual([first.receipt, second.receipt]);
    expect(stored[0].contact).not.toContain('13900000001'); // encrypted at rest

    await expect(step(a, 'countyadm', { step: 'publish', docNumber: '县评〔2026〕2号' }, '2026-03-09')).rejects.toThrow(/公示期未满/);
    await expect(step(a, 'countyadm', { step: 'publish', docNumber: '县评〔2026〕2号' }, '2026-03-10')).rejects.toThrow(/2 条异议未答复/);
    const [o1, o2] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM star_objections WHERE application_id = ${a.id} ORDER BY id`);
    await expect(answerObjection(ctx.db, who.streetadm, o1.id, { decision: 'dismissed', answer: '经核实无此事' })).rejects.toThrow(/县评星办/);
    await expect(answerObjection(ctx.db, who.countyadm, o1.id, { decision: 'upheld', answer: '属实' })).rejects.toThrow(/须选择/);
    a = await answerObjection(ctx.db, who.countyadm, o1.id, { decision: 'dismissed', answer: '经核实，该事故发生在辖区外的企业，不属社区责任' });
    await expect(answerObjection(ctx.db, who.countyadm, o1.id, { decision: 'dismissed', answer: '再次答复' })).rejects.toThrow(/已答复/);
    a = await answerObjection(ctx.db, who.countyadm, o2.id, { decision: 'upheld', answer: '经核实，5月、8月未公开，降为四星', outcome: { kind: 'lower', level: 4 } });
    expect(a).toMatchObject({ state: 'notice', level: 4 });
    a = await step(a, 'countyadm', { step: 'publish', docNumber: '县评〔2026〕2号' }, '2026-03-10');
    expect(a).toMatchObject({ state: 'published', level: 4 });
    await expect(ctx.db.execute(sql`UPDATE star_objections SET answer = '改写' WHERE id = ${o1.id}`)).rejects.toThrow();
  });

  it('tells whoever acts next, and schedules a reminder before the deadline', async () => {
    await startScheduler(ctx, { pollSeconds: 60, retryDelaySeconds: 1, log: () => undefined });
    try {
      let a = await createApplication(ctx.db, who.secb, org.commB, org.county, 2027, 2);
      a = await step(a, 'secb', { step: 'submit' }, '2027-04-26'); // Monday; 10 working days, 2027 has no shipped holidays
      expect(a.dueOn).toBe('2027-05-10');
      const told = await rows<{ title: string; link: string }>(ctx.db, sql`SELECT n.title, n.link FROM notifications n JOIN users u ON u.id = n.user_id
        WHERE u.username = 'streetadm' AND n.link = ${`/stars/${a.id}`}`);
      expect(told).toMatchObject([{ title: expect.stringContaining('待考核评定，截止 2027-05-10') }]);
      const jobs = await rows<{ startAfter: string; data: { payload: { title: string } } }>(ctx.db, sql`SELECT to_char(start_after AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI') AS "startAfter", data FROM pgboss.job
        WHERE data->>'key' LIKE ${`star:${a.id}:%`}`);
      expect(jobs).toHaveLength(1);
      // two working days before the deadline, at 09:00 China time
      expect(jobs[0].startAfter).toBe('2027-05-06T01:00');
      expect(jobs[0].data.payload.title).toContain('将于 2027-05-10 到期');
      a = await step(a, 'streetadm', { step: 'return', comment: '请补充居务公开记录' }, '2027-04-27');
      const back = await rows<{ title: string }>(ctx.db, sql`SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = 'secb' AND n.link = ${`/stars/${a.id}`}`);
      expect(back.map((x) => x.title)).toEqual([expect.stringContaining('退回补充材料：请补充居务公开记录')]);
    } finally {
      await stopScheduler();
    }
  });

  it('keeps other communities out, and refuses a stale step', async () => {
    const [other] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM star_applications WHERE org_id = ${t.commB} AND year = 2025`);
    await expect(takeStep(ctx.db, who.seca, other.id, { step: 'submit', rowVersion: 1 }, TODAY)).rejects.toThrow(/不存在或无权访问/);
    let a = await createApplication(ctx.db, who.seca, org.commA, org.county, 2026, 2);
    const stale = a.rowVersion;
    a = await step(a, 'seca', { step: 'submit' });
    await expect(takeStep(ctx.db, who.streetadm, a.id, { step: 'return', rowVersion: stale }, TODAY)).rejects.toThrow(/他人办理/);
    a = await step(a, 'streetadm', { step: 'return', comment: '请补充居务公开记录' });
    expect(a.state).toBe('returned');
    a = await step(a, 'seca', { step: 'submit' });
    expect(a.state).toBe('submitted');
  });
});
