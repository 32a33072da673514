/**
 * 评星晋级 results through the API: the 五好 record and its shares, targets over the organisations
 * that existed each year, project funds and the 创新奖, and a street's own part of the 通报 and
 * pay table. Bad input changes nothing; other communities see nothing.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describeDb } from './db.js';
import { loginAs, smallTree, testApp, uploadFile, waitJob, type Client } from './app.js';
import ExcelJS from 'exceljs';
import { rows } from '../src/platform/db/client.js';
import { insertOrg, getOrg } from '../src/modules/org/store.js';
import { saveStandard } from '../src/modules/rating/service.js';
import { STANDARD_003 } from '../src/modules/rating/standard-003.js';
import { fiveGoodCategory } from '../src/modules/rating/five-good.js';
import { targets } from '../src/modules/rating/targets.js';
import { today } from '../src/platform/clock.js';
import type { AppContext } from '../src/platform/http/context.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { PASSWORD } from './app.js';

describeDb('star rating results API', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let x: { organ: number; institution: number; enterprise: number; newComm: number; otherStreet: number; otherComm: number };
  let seca: Client, secb: Client, street: Client, county: Client;
  const YEAR = 2025;
  const count = async (table: string) => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM ${sql.raw(table)}`))[0].n;
  const events = async (type: string) => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE type = ${type}`))[0].n;
  const good = (over: Record<string, unknown> = {}) => ({ leadership: true, members: true, mechanism: true, performance: true, reputation: true, ...over });

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    x = await ctx.db.transaction(async (tx) => {
      const s = (await getOrg(tx, t.street))!;
      const a = (await getOrg(tx, t.commA))!;
      const c = (await getOrg(tx, t.countyId))!;
      const organ = await insertOrg(tx, s, { kind: 'branch', name: '街道机关党支部', unitNature: '机关' });
      const institution = await insertOrg(tx, s, { kind: 'branch', name: '社区卫生服务中心党支部', unitNature: '事业单位' });
      const enterprise = await insertOrg(tx, a, { kind: 'joint_branch', name: '甲社区非公企业联合党支部', unitNature: '非公有制经济组织' });
      // a community established this year: not there in earlier years
      const newComm = await insertOrg(tx, s, { kind: 'community', name: '丙社区', establishedOn: `${YEAR + 1}-03-01` });
      const other = await insertOrg(tx, c, { kind: 'street', name: '另一街道' });
      const otherComm = await insertOrg(tx, other, { kind: 'community', name: '丁社区' });
      const [u] = await tx.insert(users).values({ username: 'countyadm', displayName: '县评星办', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.countyId }).returning();
      await tx.insert(grants).values({ userId: u.id, role: 'county_admin', orgId: t.countyId });
      return { organ: organ.id, institution: institution.id, enterprise: enterprise.id, newComm: newComm.id, otherStreet: other.id, otherComm: otherComm.id };
    });
    [seca, secb, street, county] = await Promise.all(['seca', 'secb', 'streetadm', 'countyadm'].map((n) => loginAs(app, n)));
    // published ratings of the year (the procedure itself is tested in rating-api.db.test.ts)
    const c = (await getOrg(ctx.db, t.countyId))!;
    const std = await saveStandard(ctx.db, null, { id: c.id, path: c.path, countyId: c.id, kind: 'county', name: c.name }, YEAR, STANDARD_003, null);
    for (const [org, level] of [[t.commA, 3], [t.commB, 5], [x.otherComm, 4]] as const) {
      await ctx.db.execute(sql`INSERT INTO star_applications (county_id, org_id, org_path, year, standard_id, applied_level, level, state, doc_number, published_at)
        SELECT ${t.countyId}, id, path, ${YEAR}, ${std.id}, ${level}, ${level}, 'published', '县评〔2025〕1号', now() FROM orgs WHERE id = ${org}`);
    }
  });
  afterAll(async () => { await app?.close(); });

  it('imports a year\'s 五好 from Excel, all or nothing, replacing what was set, within the importer\'s scope', async () => {
    const year = YEAR - 1;
    const tpl = await street.get(`/api/v1/stars/five-good/template?orgId=${t.street}&year=${year}`);
    expect(tpl.statusCode).toBe(200);
    const file = async (rowsIn: (string | null)[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(new Uint8Array(tpl.rawPayload).buffer);
      const ws = wb.getWorksheet('五好评定')!;
      rowsIn.forEach((r, i) => { ws.getRow(3 + i).values = r; });
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const upload = async (who: Client, bytes: Buffer, orgId = t.street) => uploadFile(app, who, `/api/v1/stars/five-good/import?orgId=${orgId}&year=${year}`, bytes, '五好.xlsx');
    const before = [await count('five_good_ratings'), await events('star.five_good_set')];
    // a bad file: an unknown organisation, a part that is neither 是 nor 否, one counted as its community's, one twice, another street's
    const bad = await upload(street, await file([
      ['甲社区', '是', '是', '是', '是', '是', ''], ['无此社区', '是', '是', '是', '是', '是', ''], ['乙社区', '是', '可以', '是', '是', '是', ''],
      ['甲社区第一党支部', '是', '是', '是', '是', '是', ''], ['甲社区', '否', '是', '是', '是', '是', ''], ['丁社区', '是', '是', '是', '是', '是', ''],
    ]));
    expect(bad.statusCode, bad.body).toBe(202);
    const failed = await waitJob(street, bad.json().jobId);
    expect(failed.status).toBe('failed');
    expect(failed.errors.map((e) => [e.row, e.column])).toEqual([[4, '党组织'], [5, '党员队伍好'], [6, '党组织'], [7, '党组织'], [8, '党组织']]);
    expect([await count('five_good_ratings'), await events('star.five_good_set')]).toEqual(before);
    expect((await upload(seca, await file([['甲社区', '是', '是', '是', '是', '是', '']]), t.commA)).statusCode).toBe(403);
    expect((await upload(secb, await file([['甲社区', '是', '是', '是', '是', '是', '']]), t.commA)).statusCode).toBe(404);
    // a good file; a second import replaces the first
    const good = await upload(street, await file([['甲社区', '是', '是', '是', '是', '是', '年度评定'], ['乙社区', '是', '否', '是', '是', '是', ''], ['街道机关党支部', '是', '是', '是', '是', '是', '']]));
    const done = await waitJob(street, good.json().jobId);
    expect(done, JSON.stringify(done.errors)).toMatchObject({ status: 'done', total: 3 });
    const again = await waitJob(street, (await upload(street, await file([['乙社区', '是', '是', '是', '是', '是', '补充材料后复评']]))).json().jobId);
    expect(again.status).toBe('done');
    const list = (await street.get(`/api/v1/stars/five-good?orgId=${t.street}&year=${year}&state=met`)).json();
    expect(list.items.map((i: { orgName: string; rowVersion: number }) => [i.orgName, i.rowVersion]).sort()).toEqual([['乙社区', 2], ['甲社区', 1], ['街道机关党支部', 1]].sort());
    expect(list.actions).toEqual(['import']);
    expect(await events('star.five_good_set')).toBe(before[1] + 4);
  });

  it('keeps each organisation\'s 五好 category in the database exactly as the rule works it out', async () => {
    const kinds = ['community', 'village', 'branch', 'joint_branch', 'party_committee', 'general_branch', 'street', 'group'];
    const words = ['机关', '事业单位', '企业', '非公', '经济组织', '社区', '村', '学校', ''];
    const parent = (await getOrg(ctx.db, t.street))!;
    const rollback = new Error('rollback');
    await fc.assert(fc.asyncProperty(fc.constantFrom(...kinds), fc.option(fc.array(fc.constantFrom(...words), { maxLength: 3 }).map((w) => w.join('')), { nil: null }), async (kind, nature) => {
      let seen: string | null | undefined;
      await ctx.db.transaction(async (tx) => {
        const o = await insertOrg(tx, parent, { kind, name: '分类测试', unitNature: nature });
        seen = o.fiveGoodCategory;
        throw rollback;
      }).catch((e: unknown) => { if (e !== rollback) throw e; });
      expect(seen).toBe(fiveGoodCategory(kind, nature));
    }), { numRuns: 60 });
    // an organisation's nature changed later: its category follows
    const o = await ctx.db.transaction(async (tx) => insertOrg(tx, parent, { kind: 'branch', name: '改制测试', unitNature: '企业' }));
    expect(o.fiveGoodCategory).toBe('enterprise');
    await ctx.db.execute(sql`UPDATE orgs SET unit_nature = '事业单位' WHERE id = ${o.id}`);
    expect((await getOrg(ctx.db, o.id))!.fiveGoodCategory).toBe('institution');
    await ctx.db.execute(sql`UPDATE orgs SET unit_nature = NULL WHERE id = ${o.id}`);
  });

  it('records 五好 by the street or the county; bad input, wrong roles and other communities change nothing', async () => {
    const before = [await count('five_good_ratings'), await events('star.five_good_set')];
    const bad: [Client, unknown, number][] = [
      [street, { orgId: x.organ, year: YEAR, ...good(), extra: 1 }, 400],
      [street, { orgId: x.organ, year: YEAR, ...good({ members: 'yes' }) }, 400],
      [street, { orgId: x.organ, year: YEAR, leadership: true }, 400],
      [street, { orgId: x.organ, year: +today().slice(0, 4) + 1, ...good() }, 400],
      [street, { orgId: t.branchA, year: YEAR, ...good() }, 400], // a community's own branch: counted as the community
      [street, { orgId: x.newComm, year: YEAR, ...good() }, 400], // not yet established that year
      [street, { orgId: x.otherComm, year: YEAR, ...good() }, 404], // another street's
      [seca, { orgId: t.commA, year: YEAR, ...good() }, 403], // a community does not rate itself
      [secb, { orgId: t.commA, year: YEAR, ...good() }, 404],
      [street, { orgId: t.commA, year: YEAR, ...good(), rowVersion: 1 }, 409], // no row to update yet
    ];
    for (const [who, body, status] of bad) {
      const r = await who.put('/api/v1/stars/five-good', body);
      expect(r.statusCode, `${JSON.stringify(body)} → ${r.body}`).toBe(status);
      expect(r.json().error.message.length).toBeGreaterThan(2);
    }
    expect([await count('five_good_ratings'), await events('star.five_good_set')]).toEqual(before);

    for (const [org, parts] of [[x.organ, good()], [x.institution, good({ reputation: false })], [t.commA, good()], [t.commB, good({ mechanism: false })], [x.enterprise, good()]] as const) {
      const r = await street.put('/api/v1/stars/five-good', { orgId: org, year: YEAR, ...parts, note: '年度评定' });
      expect(r.statusCode, r.body).toBe(200);
    }
    const first = (await street.get(`/api/v1/stars/five-good?orgId=${t.street}&year=${YEAR}`)).json();
    expect(first.groups).toEqual({ community: { orgs: 3, assessed: 3, met: 2, share: 2 / 3 }, organ: { orgs: 2, assessed: 2, met: 1, share: 0.5 } });
    const b = first.items.find((i: { orgId: number }) => i.orgId === t.commB);
    expect(b).toMatchObject({ category: 'community', assessed: true, met: false, mechanism: false, rowVersion: 1, actions: ['set'] });
    // a second person changing the same row from the same version loses
    const fixed = await county.put('/api/v1/stars/five-good', { orgId: t.commB, year: YEAR, ...good(), rowVersion: 1 });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ met: true, rowVersion: 2 });
    expect((await street.put('/api/v1/stars/five-good', { orgId: t.commB, year: YEAR, ...good({ members: false }), rowVersion: 1 })).statusCode).toBe(409);
    expect((await street.put('/api/v1/stars/five-good', { orgId: t.commB, year: YEAR, ...good() })).statusCode).toBe(409); // exists: name its version
    const unassessed = (await street.get(`/api/v1/stars/five-good?orgId=${t.street}&year=${YEAR}&state=unassessed`)).json();
    expect(unassessed.items.map((i: { orgId: number }) => i.orgId)).toEqual([]);
    expect((await street.get(`/api/v1/stars/five-good?orgId=${t.street}&year=${YEAR + 1}&state=unassessed`)).json().total).toBe(6); // 丙社区 too
    // a community reads its own part only
    const mine = (await seca.get(`/api/v1/stars/five-good?orgId=${t.commA}&year=${YEAR}`)).json();
    expect(mine.items.map((i: { orgId: number; actions: string[] }) => [i.orgId, i.actions])).toEqual([[t.commA, []], [x.enterprise, []]]);
    expect((await secb.get(`/api/v1/stars/five-good?orgId=${t.commA}&year=${YEAR}`)).statusCode).toBe(404);
    const xlsx = await street.get(`/api/v1/stars/five-good/export?orgId=${t.street}&year=${YEAR}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await events('star.five_good_set')).toBe(before[1] + 6);
    // the totals the province's shares read follow every insert and change
    const totals = await rows(ctx.db, sql`SELECT county_id::int AS c, year, category, met FROM five_good_totals WHERE met <> 0 ORDER BY 1, 2, 3`);
    const counted = await rows(ctx.db, sql`SELECT county_id::int AS c, year, category, count(*)::int AS met FROM five_good_ratings WHERE met GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
    expect(totals).toEqual(counted);
    expect(totals.length).toBeGreaterThan(1);
  });

  it('counts targets over the organisations that existed each year, with the 五好 shares', async () => {
    const r = await county.get(`/api/v1/stars/targets?orgId=${t.countyId}&from=${YEAR}&to=${YEAR + 1}`);
    expect(r.statusCode, r.body).toBe(200);
    const s = r.json().rows.find((row: { orgId: number }) => row.orgId === t.street);
    // 丙社区 was established in YEAR + 1: two communities in YEAR, three after
    expect(s.years.map((y: { communities: number }) => y.communities)).toEqual([2, 3]);
    expect(s.years[0]).toMatchObject({ rated: 2, threePlus: 2, five: 1, threePlusShare: 1, fiveShare: 0.5 });
    expect(s.years[0].fiveGood).toEqual({ community: { orgs: 3, met: 3, share: 1 }, organ: { orgs: 2, met: 1, share: 0.5 } });
    expect(s.years[1].fiveGood.community).toEqual({ orgs: 4, met: 0, share: 0 });
    expect(r.json().all.years[0]).toMatchObject({ communities: 3, rated: 3, threePlus: 3, five: 1 });
    expect(r.json().targets).toMatchObject({ fiveGoodCommunityShare: 0.6, fiveGoodOrganShare: 0.7 });
  });

  it('counts the same figures above counties (grouped by county) as within each county (grouped by path)', async () => {
    // a province of two cities, three counties, each with a street of communities and a 机关 branch
    const made = await ctx.db.transaction(async (tx) => {
      const prov = await insertOrg(tx, null, { kind: 'province', name: '测试省' });
      const out: number[] = [];
      for (const [ci, n] of [[1, 2], [2, 1]] as const) {
        const city = await insertOrg(tx, prov, { kind: 'city', name: `测试市${ci}` });
        for (let k = 0; k < n; k++) {
          const cty = await insertOrg(tx, city, { kind: 'county', name: `测试县${ci}-${k}` });
          const st = await insertOrg(tx, cty, { kind: 'street', name: '街道' });
          for (let m = 0; m < 3 + k; m++) await insertOrg(tx, st, { kind: 'community', name: `社区${m}`, establishedOn: m === 0 ? `${YEAR + 1}-01-01` : null });
          await insertOrg(tx, st, { kind: 'branch', name: '机关支部', unitNature: '机关' });
          out.push(cty.id);
        }
      }
      return { prov, counties: out };
    });
    for (const cid of made.counties) {
      const std = await saveStandard(ctx.db, null, { ...(await getOrg(ctx.db, cid))!, countyId: cid }, YEAR, STANDARD_003, null);
      await ctx.db.execute(sql`INSERT INTO star_applications (county_id, org_id, org_path, year, standard_id, applied_level, level, state)
        SELECT ${cid}, id, path, y, ${std.id}, 1 + (id % 5)::int, 1 + (id % 5)::int, 'published' FROM orgs, unnest(ARRAY[${YEAR}, ${YEAR + 1}]::int[]) y WHERE county_id = ${cid} AND kind = 'community'`);
      await ctx.db.execute(sql`INSERT INTO five_good_ratings (county_id, org_id, org_path, year, category, leadership, members, mechanism, performance, reputation, met)
        SELECT ${cid}, id, path, y, five_good_category, true, true, true, true, id % 2 = 0, id % 2 = 0 FROM orgs, unnest(ARRAY[${YEAR}, ${YEAR + 1}]::int[]) y
        WHERE county_id = ${cid} AND five_good_category IS NOT NULL`);
    }
    const ref = async (id: number) => ({ ...(await getOrg(ctx.db, id))! });
    const prov = await targets(ctx.db, await ref(made.prov.id), YEAR, YEAR + 1);
    expect(prov.rows.map((r) => r.name)).toEqual(['测试市1', '测试市2']);
    // each city's figures, grouped by county, equal the sum of its counties' own figures, grouped by path
    const perCounty = await Promise.all(made.counties.map(async (id) => (await targets(ctx.db, await ref(id), YEAR, YEAR + 1)).all));
    const sumOf = (list: typeof perCounty) => list.reduce((a, c) => a.map((y, i) => ({
      communities: y.communities + c.years[i].communities, rated: y.rated + c.years[i].rated, five: y.five + c.years[i].five,
      good: y.good + c.years[i].fiveGood.community.met + c.years[i].fiveGood.organ.met, orgs: y.orgs + c.years[i].fiveGood.community.orgs + c.years[i].fiveGood.organ.orgs,
    })), [0, 1].map(() => ({ communities: 0, rated: 0, five: 0, good: 0, orgs: 0 })));
    const flat = (r: (typeof prov.rows)[number]) => r.years.map((y) => ({ communities: y.communities, rated: y.rated, five: y.five,
      good: y.fiveGood.community.met + y.fiveGood.organ.met, orgs: y.fiveGood.community.orgs + y.fiveGood.organ.orgs }));
    expect(flat(prov.rows[0])).toEqual(sumOf(perCounty.slice(0, 2)));
    expect(flat(prov.rows[1])).toEqual(sumOf(perCounty.slice(2)));
    expect(prov.rows[0].years[0].communities).toBe(5); // the communities established the next year are left out
    expect(prov.rows[0].years[1].communities).toBe(7);
    // the same one level down: a city's counties
    const city = await targets(ctx.db, await ref(prov.rows[0].orgId), YEAR, YEAR + 1);
    expect(city.rows.map((r) => r.years)).toEqual(perCounty.slice(0, 2).map((c) => c.years));
  });

  it('starts a year from last year\'s level: an application says what it was', async () => {
    const made = await seca.post('/api/v1/stars/applications', { orgId: t.commA, year: YEAR + 1, level: 4 });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json()).toMatchObject({ previousLevel: 3, appliedLevel: 4 });
    const listed = (await street.get(`/api/v1/stars/applications?year=${YEAR + 1}`)).json().items;
    expect(listed.map((a: { orgId: number; previousLevel: number | null }) => [a.orgId, a.previousLevel])).toEqual([[t.commA, 3]]);
    const first = await secb.post('/api/v1/stars/applications', { orgId: t.commB, year: YEAR + 2, level: 2 });
    expect(first.json().previousLevel).toBeNull(); // nothing published for YEAR + 1
  });

  it('gives the street its own part of the 通报 and pay table, and other streets nothing', async () => {
    const mine = await street.get(`/api/v1/stars/report?orgId=${t.street}&year=${YEAR}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ scope: { id: t.street, kind: 'street' }, communities: 2, rated: 2, threePlusShare: 1, fiveShare: 0.5 });
    expect(mine.json().byLevel.flatMap((b: { orgs: { orgId: number }[] }) => b.orgs.map((o) => o.orgId)).sort()).toEqual([t.commA, t.commB].sort());
    const whole = (await county.get(`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}`)).json();
    expect(whole).toMatchObject({ communities: 3, rated: 3 });
    expect((await street.get(`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}`)).statusCode).toBe(404);
    expect((await street.get(`/api/v1/stars/pay?orgId=${x.otherStreet}&year=${YEAR}`)).statusCode).toBe(404);
    expect((await street.get(`/api/v1/stars/pay?orgId=${t.street}&year=${YEAR}`)).statusCode).toBe(200);
    expect((await secb.get(`/api/v1/stars/funds?orgId=${t.commA}&year=${YEAR}`)).statusCode).toBe(404);
  });

  it('ties project funds to the level and gives the 创新奖 only when the year\'s standard has it', async () => {
    const award = { orgId: t.commA, year: YEAR, title: '“红色管家”楼道自治' };
    const off = await county.post('/api/v1/stars/awards', award);
    expect(off.statusCode).toBe(409);
    expect(off.json().error.message).toMatch(/未启用/);
    const cur = (await county.get(`/api/v1/stars/standard?countyId=${t.countyId}&year=${YEAR}`)).json();
    // a community reads the standard it applies against, but does not change it
    const read = await seca.get(`/api/v1/stars/standard?countyId=${t.countyId}&year=${YEAR}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ version: cur.version, actions: [] });
    expect((await seca.put('/api/v1/stars/standard', { countyId: t.countyId, year: YEAR, definition: cur.definition })).statusCode).toBe(404);
    const saved = await county.put('/api/v1/stars/standard', { countyId: t.countyId, year: YEAR, note: '启用创新奖',
      definition: { ...cur.definition, projectFunds: { 1: 0, 2: 0, 3: 10_000, 4: 20_000, 5: 30_000 }, innovationAward: { enabled: true, amount: 5000 } } });
    expect(saved.statusCode, saved.body).toBe(200);
    const before = await count('innovation_awards');
    for (const [who, body, status] of [
      [street, award, 403], [seca, award, 403], [secb, award, 404],
      [county, { ...award, orgId: t.branchA }, 400], [county, { ...award, title: '' }, 400], [county, { ...award, amount: 99 }, 400],
      [county, { ...award, year: +today().slice(0, 4) + 1 }, 400],
    ] as const) expect((await who.post('/api/v1/stars/awards', body)).statusCode, JSON.stringify(body)).toBe(status);
    expect(await count('innovation_awards')).toBe(before);
    const given = await county.post('/api/v1/stars/awards', award);
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json()).toMatchObject({ amount: 5000 });
    expect((await county.post('/api/v1/stars/awards', { ...award, title: '另一项目' })).statusCode).toBe(409);
    const funds = (await street.get(`/api/v1/stars/funds?orgId=${t.street}&year=${YEAR}`)).json();
    expect(funds.items).toEqual([
      { orgId: t.commB, orgName: '乙社区', streetName: '测试街道', level: 5, projectFund: 30_000, award: null, total: 30_000 },
      { orgId: t.commA, orgName: '甲社区', streetName: '测试街道', level: 3, projectFund: 10_000, award: { id: given.json().id, title: award.title, amount: 5000 }, total: 15_000 },
    ]);
    expect(funds.totals).toEqual({ projectFunds: 40_000, awards: 5000 });
    expect(funds.actions).toEqual([]); // the street reads; the county awards
    expect((await county.get(`/api/v1/stars/funds?orgId=${t.countyId}&year=${YEAR}`)).json().actions).toEqual(['award', 'revoke']);
    expect((await county.get(`/api/v1/stars/report?orgId=${t.countyId}&year=${YEAR}`)).json().awards).toMatchObject([{ orgId: t.commA, amount: 5000 }]);
    const xlsx = await county.get(`/api/v1/stars/funds?orgId=${t.countyId}&year=${YEAR}&format=xlsx`);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await street.del(`/api/v1/stars/awards/${given.json().id}`)).statusCode).toBe(403);
    expect((await secb.del(`/api/v1/stars/awards/${given.json().id}`)).statusCode).toBe(404);
    expect((await county.del(`/api/v1/stars/awards/${given.json().id}`)).statusCode).toBe(200);
    expect((await county.del(`/api/v1/stars/awards/${given.json().id}`)).statusCode).toBe(404);
    expect(await count('innovation_awards')).toBe(before);
    expect([await events('star.award_given'), await events('star.award_revoked')]).toEqual([1, 1]);
  });
});
