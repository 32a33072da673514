/**
 * 民主评议 with two secret ballots through the API, from the set-up to the year's results: a
 * campaign from codes to results with every bad set-up and bad ballot refused and nothing changed,
 * the box opened only after the close by enough tellers, and other communities refused; paper
 * ballots entered twice by two tellers who must agree; publication opening the 不合格 member's
 * proceedings and, when the campaign says so, giving points into the ledger once; the year's
 * results recounted from the opened ballots agreeing with every count, and exported as .xlsx.
 */
import ExcelJS from 'exceljs';
import { expect, it, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { loginAs, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { evalFixture, YEAR, type EvalFixture, type Sheet, type Vote } from './evaluation-setup.js';

describeDb('民主评议 with two secret ballots', (db) => {
  let f: EvalFixture;
  beforeAll(async () => { f = await evalFixture(db()); });
  afterAll(async () => { await f?.app.close(); });


  it('walks a campaign from codes to results; bad ballots, early counts and other communities are refused', async () => {
    const { app, ctx, t, brancha, seca, secb, teller3, tellerIds, members, probationary, residentIds, post, cur, step, cast, newCampaign } = f;
    const [a, b, c] = members.map((m) => String(m.id));
    // bad set-ups change nothing
    const before = (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM eval_campaigns`))[0].n;
    for (const [who, over, status] of [
      [brancha, { tellerIds: [tellerIds[0]] }, 400], [brancha, { residentIds: [999999] }, 400], [brancha, { memberIds: [999999] }, 400],
      [brancha, { closesAt: new Date(Date.now() - 120_000).toISOString() }, 400], [brancha, { threshold: 4 }, 400], [brancha, { extra: 1 }, 400],
      [secb, {}, 404],
    ] as const) {
      const r = await who.post('/api/v1/eval/campaigns', { orgId: t.branchA, year: YEAR, name: '坏', residentIds, tellerIds, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(), ...over });
      expect(r.statusCode, `${JSON.stringify(over)} → ${r.body}`).toBe(status);
    }
    expect((await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM eval_campaigns`))[0].n).toBe(before);

    // the branch secretary sees the community's 党外群众代表 to choose from, and nobody else's
    expect((await brancha.get(`/api/v1/eval/resident-options?orgId=${t.branchA}`)).json().items.map((r: { id: number }) => r.id).sort()).toEqual([...residentIds].sort());
    expect((await secb.get(`/api/v1/eval/resident-options?orgId=${t.branchA}`)).statusCode).toBe(404);
    const options = (await brancha.get(`/api/v1/eval/teller-options?orgId=${t.branchA}`)).json().items.map((u: { id: number }) => u.id);
    expect(options).toEqual(expect.arrayContaining(tellerIds));
    expect((await secb.get(`/api/v1/eval/teller-options?orgId=${t.branchA}`)).statusCode).toBe(404);
    const id = await newCampaign('2025年度民主评议');
    const detail = await cur(id);
    expect(detail.subjects.map((s: { memberId: number; graded: boolean }) => [s.memberId, s.graded]).sort()).toEqual([...members.map((m) => [m.id, true]), [probationary, false]].sort());
    expect(detail.turnout).toEqual({ members: { voters: 4, cast: 0 }, residents: { voters: 3, cast: 0 } });
    expect((await secb.get(`/api/v1/eval/campaigns/${id}`)).statusCode).toBe(404);
    const sheets = (await step(id, 'codes')).sheets as Sheet[];
    expect(sheets.filter((s) => s.constituency === 'members').map((s) => s.name).sort()).toEqual(['甲一', '甲三', '甲二', '预备甲'].sort());
    const m = sheets.filter((s) => s.constituency === 'members').map((s) => s.code);
    const r = sheets.filter((s) => s.constituency === 'residents').map((s) => s.code);
    const good: Vote = { constituency: 'members', grades: { [a]: '优秀', [b]: '合格', [c]: '合格' } };
    expect((await cast(id, m[0], good)).statusCode).toBe(409); // not open yet
    await step(id, 'open');
    expect((await cast(id, m[0], good)).json().error.message).toMatch(/领取开箱密钥/); // tellers first
    expect((await post(null, '/api/v1/public/eval/ballot', { campaignId: id, code: m[0] })).json().error.message).toMatch(/领取开箱密钥/);
    expect((await cur(id)).shares).toMatchObject({ tellers: 3, collected: 0, mineCollected: false });
    expect((await cur(id)).actions).toContain('collectShare');
    const shares: string[] = [];
    for (const cl of [brancha, seca, teller3]) shares.push((await cl.post(`/api/v1/eval/campaigns/${id}/my-share`, {})).json().share);
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/my-share`, {})).statusCode).toBe(409); // once only
    expect((await cur(id)).shares).toMatchObject({ collected: 3, mineCollected: true });
    expect((await cur(id)).actions).not.toContain('collectShare');
    expect((await brancha.get('/api/v1/eval/campaigns')).json().items.find((x: { id: number }) => x.id === id).actions).not.toContain('collectShare');
    expect((await secb.post(`/api/v1/eval/campaigns/${id}/my-share`, {})).statusCode).toBe(404);

    // the ballot a code opens, without using it
    const ballot = await post(null, '/api/v1/public/eval/ballot', { campaignId: id, code: m[0].toLowerCase() });
    expect(ballot.statusCode, ballot.body).toBe(200);
    expect(ballot.json()).toMatchObject({ constituency: 'members', grades: ['优秀', '合格', '基本合格', '基本不合格', '不合格'] });
    // bad ballots: refused, nothing cast
    for (const [code, v, status, msg] of [
      [m[0], { ...good, grades: { ...good.grades, [a]: '很好' } }, 400, /等次应为/],
      [m[0], { ...good, grades: { [a]: '优秀', [b]: '合格' } }, 400, /每位党员/],
      [m[0], { ...good, grades: { ...good.grades, 999999: '合格' } }, 400, /不在本次评议/],
      [m[0], { ...good, grades: { ...good.grades, [probationary]: '合格' } }, 400, /预备党员/],
      [m[0], { ...good, comments: { [a]: '长'.repeat(101) } }, 400, /不超过100字/],
      [m[0], { ...good, constituency: 'residents' }, 400, /另一类/],
      ['ZZZZZ-ZZZZZ', good, 400, /投票码无效/],
    ] as const) {
      const x = await cast(id, code, v as Vote);
      expect(x.statusCode, x.body).toBe(status);
      expect(x.json().error.message).toMatch(msg);
    }
    expect((await cur(id)).turnout.members.cast).toBe(0);

    const receipts: string[] = [];
    const votes: [string, Vote][] = [
      [m[0], { ...good, comments: { [a]: '带头作用明显' } }], [m[1], good], [m[2], { constituency: 'members', grades: { [a]: '优秀', [b]: '优秀', [c]: '基本合格' } }], [m[3], good],
      [r[0], { constituency: 'residents', grades: { [a]: '优秀', [b]: '合格', [c]: '不合格' } }], [r[1], { constituency: 'residents', grades: { [a]: '合格', [b]: '合格', [c]: '不合格' } }],
    ];
    for (const [code, v] of votes) {
      const x = await cast(id, code, v);
      expect(x.statusCode, x.body).toBe(200);
      receipts.push(x.json().receipt);
    }
    const twice = await cast(id, m[0], good);
    expect([twice.statusCode, twice.json().error.message]).toEqual([409, expect.stringMatching(/只能使用一次/)]);
    expect((await post(null, '/api/v1/public/eval/ballot', { campaignId: id, code: m[0] })).statusCode).toBe(409);
    // before the close: turnout only, no results, no count, no shares
    const open = await cur(id);
    expect(open.turnout).toEqual({ members: { voters: 4, cast: 4 }, residents: { voters: 3, cast: 2 } });
    expect(open.results).toBeNull();
    expect((await brancha.get(`/api/v1/eval/campaigns/${id}/results/export`)).statusCode).toBe(409);
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/count`, { rowVersion: open.rowVersion })).statusCode).toBe(409);
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[0] })).statusCode).toBe(409);
    expect((await app.inject({ method: 'GET', url: `/api/v1/public/eval/${id}/receipts/${receipts[0]}` })).statusCode).toBe(404);

    await step(id, 'close');
    expect((await cast(id, r[2], votes[4][1])).statusCode).toBe(409); // after the close
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[1] })).statusCode).toBe(400); // seca's share, not brancha's
    const wrong = await seca.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[1].replace(/^(.)/, (x) => (x === '0' ? '1' : '0')) });
    expect(wrong.statusCode).toBe(400);
    expect((await secb.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[1] })).statusCode).toBe(404);
    expect((await seca.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[1] })).json()).toEqual({ brought: 1, threshold: 2 });
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/count`, { rowVersion: (await cur(id)).rowVersion })).statusCode).toBe(409); // one share is not enough
    expect((await teller3.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[2] })).json()).toEqual({ brought: 2, threshold: 2 });
    expect(await step(id, 'count')).toEqual({ ballots: 6, spoiled: 0 });

    const done = await cur(id);
    expect(done.turnout).toEqual({ members: { voters: 4, cast: 4 }, residents: { voters: 3, cast: 2 } }); // from the opened ballots now
    const result = (mid: string) => done.results.find((x: { memberId: number }) => String(x.memberId) === mid);
    // a: members 4×优秀 (100), residents 优秀+合格 (90) → 96 → 优秀
    expect(result(a)).toMatchObject({ score: 96, grade: '优秀' });
    // c: residents both 不合格: trust 0% < 50% → 不合格 whatever the members say
    expect(result(c)).toMatchObject({ grade: '不合格' });
    expect(result(c).reasons.at(-1)).toMatch(/群众信任率 0%/);
    expect(result(c).counts).toEqual({ members: { 合格: 3, 基本合格: 1 }, residents: { 不合格: 2 } });
    expect(done.results.map((x: { memberId: number }) => x.memberId)).not.toContain(probationary);
    const xlsx = await brancha.get(`/api/v1/eval/campaigns/${id}/results/export`);
    expect(xlsx.statusCode, xlsx.body.slice(0, 200)).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // each voter finds their ballot, unchanged, by the receipt
    const mine = await app.inject({ method: 'GET', url: `/api/v1/public/eval/${id}/receipts/${receipts[0]}` });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().content).toEqual({ grades: good.grades, comments: { [a]: '带头作用明显' } });
    expect(mine.json().subjects.map((x: { name: string }) => x.name).sort()).toEqual(['甲一', '甲三', '甲二', '预备甲'].sort());
    // the box, the codes and the shares are gone
    expect((await rows<{ n: number }>(ctx.db, sql`SELECT (SELECT count(*) FROM eval_box WHERE campaign_id = ${id}) + (SELECT count(*) FROM eval_shares WHERE campaign_id = ${id})
      + (SELECT coalesce(sum(cardinality(valid) + cardinality(used)), 0) FROM eval_codes WHERE campaign_id = ${id}) AS n`))[0].n).toBe(0);
    const audits = await rows<{ type: string; data: unknown }>(ctx.db, sql`SELECT type, data FROM audit_events WHERE target_type = 'eval_campaign' AND target_id = ${String(id)} ORDER BY chain, seq`);
    const text = JSON.stringify(audits);
    for (const secret of [...sheets.map((s) => s.code), ...receipts, ...shares, '带头作用明显']) expect(text).not.toContain(secret);
    expect(audits.map((e) => (e.data as { step?: string }).step ?? e.type)).toEqual(expect.arrayContaining(['eval.created', 'issue', 'open', 'close', 'count']));
  });

  it('takes paper ballots entered twice by two tellers who agree, and publishes with proceedings for 不合格', async () => {
    const { app, brancha, seca, secb, teller3, members, cur, step, cast, newCampaign, openWithCodes } = f;
    const [a, b, c] = members.map((m) => String(m.id));
    const id = await newCampaign('纸质选票');
    const { sheets, shares } = await openWithCodes(id);
    const codes = (con: string) => sheets.filter((x) => x.constituency === con).map((x) => x.code);
    const [p1, p2] = codes('members');
    const paper = { constituency: 'members', grades: { [a]: '合格', [b]: '合格', [c]: '不合格' } };
    const enter = (cl: Client, code: string, v: Record<string, unknown> = paper) => cl.post(`/api/v1/eval/campaigns/${id}/paper`, { code, ...v });
    expect((await enter(secb, p1)).statusCode).toBe(404);
    expect((await enter(brancha, p1)).json()).toEqual({ status: 'waiting' });
    expect((await enter(brancha, p1)).json().error.message).toMatch(/另一名计票人/);
    const differ = await enter(seca, p1, { ...paper, grades: { ...paper.grades, [c]: '基本不合格' } });
    expect([differ.statusCode, differ.json().error.message]).toEqual([409, expect.stringMatching(/两次录入不一致/)]);
    expect((await cur(id)).turnout.members.cast).toBe(0);
    const agreed = await enter(seca, p1);
    expect(agreed.statusCode, agreed.body).toBe(200);
    expect(agreed.json()).toMatchObject({ status: 'cast', receipt: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await cast(id, p1, paper as Vote)).statusCode).toBe(409); // the paper used the code
    // a first entry that was wrong: the manager withdraws it and the paper is entered again
    expect((await enter(teller3, p2, { ...paper, grades: { ...paper.grades, [a]: '优秀' } })).json()).toEqual({ status: 'waiting' });
    await step(id, 'close');
    const waitingCount = await brancha.post(`/api/v1/eval/campaigns/${id}/count`, { rowVersion: (await cur(id)).rowVersion });
    expect([waitingCount.statusCode, waitingCount.json().error.message]).toEqual([409, expect.stringMatching(/只录入了一次/)]);
    expect((await seca.del(`/api/v1/eval/campaigns/${id}/paper`)).statusCode).not.toBe(200);
    const withdrawn = await app.inject({ method: 'DELETE', url: `/api/v1/eval/campaigns/${id}/paper`, cookies: { xf_session: brancha.cookie }, headers: { 'x-csrf-token': brancha.csrf }, payload: { constituency: 'members', code: p2 } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await enter(brancha, p2)).json()).toEqual({ status: 'waiting' });
    expect((await enter(teller3, p2)).json().status).toBe('cast');
    for (const r of codes('residents')) {
      const v = { constituency: 'residents', grades: { [a]: '合格', [b]: '合格', [c]: '不合格' } };
      expect((await enter(brancha, r, v)).json().status).toBe('waiting');
      expect((await enter(teller3, r, v)).json().status).toBe('cast');
    }
    for (const [i, cl] of [brancha, seca].entries()) expect((await cl.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[i] })).statusCode).toBe(200);
    expect(await step(id, 'count')).toEqual({ ballots: 5, spoiled: 0 });
    expect((await cur(id)).results.find((x: { memberId: number }) => String(x.memberId) === c).grade).toBe('不合格');
    expect((await secb.post(`/api/v1/eval/campaigns/${id}/publish`, { rowVersion: (await cur(id)).rowVersion })).statusCode).toBe(404);
    expect(await step(id, 'publish')).toEqual({ proceedings: 1, points: 0 });
    const tasks = (await brancha.get('/api/v1/tasks?pageSize=50')).json().items.filter((x: { evalCampaignId: number | null }) => Number(x.evalCampaignId) === id);
    expect(tasks).toMatchObject([{ kind: 'disposal', subjectKind: 'member', subjectId: Number(c), options: ['限期改正', '劝其退党', '党内除名'], evalName: '纸质选票', year: YEAR }]);
    expect((await brancha.post(`/api/v1/eval/campaigns/${id}/publish`, { rowVersion: (await cur(id)).rowVersion })).statusCode).toBe(409);
  });

  it('gives points into the ledger at publication when the campaign says so, once per member', async () => {
    const { app, ctx, t, brancha, seca, tellerIds, members, residentIds, step, cast, newCampaign, openWithCodes } = f;
    const street = await loginAs(app, 'streetadm');
    const who = ['branch_secretary', 'community_admin', 'street_admin'];
    const scheme = await street.post('/api/v1/schemes', { orgId: t.street, code: 'evalpts', name: '评议积分', year: YEAR, definition: {
      subject: 'member', baseScore: 60, maxScore: 100, minScore: 0, tiers: [{ code: 'all', name: '全体党员', rule: { all: [] } }],
      indicators: [{ code: 'EVAL_E', name: '民主评议优秀', kind: 'add', points: 5, recorderRoles: who }, { code: 'EVAL_F', name: '民主评议不合格', kind: 'subtract', points: 10, recorderRoles: who }],
      bands: [{ code: 'P', name: '合格', from: null, fromInclusive: false, to: null, toInclusive: false }], quotas: [], multiYear: [],
    } });
    expect(scheme.statusCode, scheme.body).toBe(200);
    const schemeId = scheme.json().id;
    const bad = await brancha.post('/api/v1/eval/campaigns', { orgId: t.branchA, year: YEAR, name: '坏', residentIds, tellerIds, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      points: { schemeId, indicators: { 优秀: 'NOPE' } } });
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, expect.stringMatching(/优秀→NOPE/)]);
    expect(bad.json().error.details).toEqual([{ path: ['points', 'indicators', '优秀'], message: '等次或指标无效' }]);
    // refused at the set-up, not at publication: a year before the scheme's first version, and an organisation scheme
    const early = await brancha.post('/api/v1/eval/campaigns', { orgId: t.branchA, year: YEAR - 1, name: '早', residentIds, tellerIds, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      points: { schemeId, indicators: { 优秀: 'EVAL_E' } } });
    expect([early.statusCode, early.json().error.details]).toEqual([400, [{ path: ['points', 'schemeId'], message: `积分方案在 ${YEAR - 1} 年没有生效的版本` }]]);
    const orgScheme = await street.post('/api/v1/schemes', { orgId: t.street, code: 'evalorg', name: '组织积分', year: YEAR, templateKey: 'cangqian-branch-100' });
    expect(orgScheme.statusCode, orgScheme.body).toBe(200);
    const wrong = await brancha.post('/api/v1/eval/campaigns', { orgId: t.branchA, year: YEAR, name: '错', residentIds, tellerIds, opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(),
      points: { schemeId: orgScheme.json().id, indicators: {} } });
    expect([wrong.statusCode, wrong.json().error.details]).toEqual([400, [{ path: ['points', 'schemeId'], message: '须是党员积分方案' }]]);
    const id = await newCampaign('评议积分', { points: { schemeId, indicators: { 优秀: 'EVAL_E', 不合格: 'EVAL_F' } } });
    const { sheets, shares } = await openWithCodes(id);
    const [a, b, c] = members.map((m) => String(m.id));
    for (const x of sheets) {
      const v = { constituency: x.constituency, grades: { [a]: '优秀', [b]: '合格', [c]: x.constituency === 'residents' ? '不合格' : '合格' } };
      expect((await cast(id, x.code, v as Vote)).statusCode).toBe(200);
    }
    await step(id, 'close');
    for (const [i, cl] of [brancha, seca].entries()) await cl.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[i] });
    await step(id, 'count');
    expect(await step(id, 'publish')).toEqual({ proceedings: 1, points: 2 });
    const entries = await rows<{ subjectId: number; indicator: string; points: number; source: string; status: string }>(ctx.db, sql`SELECT subject_id AS "subjectId", indicator, points::float8 AS points, source, status
      FROM point_entries WHERE scheme_id = ${schemeId} ORDER BY subject_id`);
    expect(entries).toEqual([
      { subjectId: Number(a), indicator: 'EVAL_E', points: 5, source: 'award', status: 'confirmed' },
      { subjectId: Number(c), indicator: 'EVAL_F', points: -10, source: 'award', status: 'confirmed' },
    ].sort((x, y) => x.subjectId - y.subjectId));
    // a past year's points are dated its last day (a campaign of the current year gets today's date, never a future one)
    const days = await rows<{ d: string }>(ctx.db, sql`SELECT DISTINCT to_char(occurred_on, 'YYYY-MM-DD') AS d FROM point_entries WHERE scheme_id = ${schemeId}`);
    expect(days).toEqual([{ d: `${YEAR}-12-31` }]);
  });

  it('recounts a year from the opened ballots and agrees with every count; other communities see nothing', async () => {
    const { ctx, t, brancha, seca, secb } = f;
    const r = await brancha.get(`/api/v1/eval/summary?orgId=${t.branchA}&year=${YEAR}`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json();
    // every campaign counted above, the two published ones too
    expect([s.campaigns, s.items.map((x: { name: string }) => x.name)]).toEqual([3, ['2025年度民主评议', '纸质选票', '评议积分']]);
    expect(s.mismatches).toBe(0);
    expect(s.members).toBe(s.campaigns * 3);
    expect(Object.values(s.byGrade as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(s.members);
    expect((await seca.get(`/api/v1/eval/summary?orgId=${t.commA}&year=${YEAR}`)).json().campaigns).toBe(s.campaigns);
    expect((await secb.get(`/api/v1/eval/summary?orgId=${t.branchA}&year=${YEAR}`)).statusCode).toBe(404);
    expect(s.items.every((x: { mismatches: number }) => x.mismatches === 0)).toBe(true);
    // a stored result changed behind the count's back shows as a mismatch, overall and at its campaign
    await ctx.db.execute(sql`UPDATE eval_results SET grade = '优秀' WHERE campaign_id = ${s.items[0].id} AND grade <> '优秀' AND member_id = (SELECT member_id FROM eval_results WHERE campaign_id = ${s.items[0].id} AND grade <> '优秀' LIMIT 1)`);
    const after = (await brancha.get(`/api/v1/eval/summary?orgId=${t.branchA}&year=${YEAR}`)).json();
    expect(after.mismatches).toBe(1);
    expect(after.items.map((x: { id: number; mismatches: number }) => [x.id, x.mismatches])).toEqual(s.items.map((x: { id: number }, i: number) => [x.id, i === 0 ? 1 : 0]));
  });

  it('exports the year\'s summary as .xlsx, one row per campaign and a total, and logs the export', async () => {
    const { ctx, t, brancha, secb } = f;
    const s = (await brancha.get(`/api/v1/eval/summary?orgId=${t.branchA}&year=${YEAR}`)).json();
    const x = await brancha.get(`/api/v1/eval/summary/export?orgId=${t.branchA}&year=${YEAR}`);
    expect(x.statusCode, x.body.slice(0, 200)).toBe(200);
    expect(x.headers['content-disposition']).toMatch(/\.xlsx/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(x.rawPayload).buffer);
    const table: string[][] = [];
    wb.worksheets[0].eachRow((r) => table.push(Array.from((r.values as unknown[]).slice(1), (v) => String(v ?? '')))); // empty cells are holes
    const head = table.findIndex((r) => r[0] === '党组织');
    expect(table[head]).toEqual(['党组织', '评议名称', '状态', '参评党员', '优秀', '合格', '基本合格', '基本不合格', '不合格', '未评定', '重新计票核对']);
    const body = table.slice(head + 1);
    expect(body).toHaveLength(s.items.length + 1);
    for (const [i, item] of (s.items as { name: string; members: number; grades: Record<string, number>; mismatches: number }[]).entries()) {
      expect(body[i][1]).toBe(item.name);
      expect(Number(body[i][3])).toBe(item.members);
      expect(Number(body[i][4])).toBe(item.grades['优秀'] ?? 0);
      expect(body[i][10]).toBe(item.mismatches ? `${item.mismatches}人不一致` : '一致');
    }
    expect(body.at(-1)!.slice(0, 4)).toEqual(['合计', `${s.campaigns}次评议`, '', String(s.members)]);
    expect(body.at(-1)![10]).toBe('1人不一致'); // the result changed in the test before
    const [ev] = await rows<{ data: { kind: string; count: number } }>(ctx.db, sql`SELECT data FROM audit_events WHERE type = 'export.created' AND target_id = 'eval_summary' ORDER BY at DESC LIMIT 1`);
    expect(ev.data).toMatchObject({ kind: 'eval_summary', count: s.items.length + 1 });
    expect((await secb.get(`/api/v1/eval/summary/export?orgId=${t.branchA}&year=${YEAR}`)).statusCode).toBe(404);
  });
});
