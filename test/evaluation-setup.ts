/**
 * What the 民主评议 database tests share: an app over the suite's database with the small tree,
 * three tellers of branchA (brancha, seca and teller3) and secb of the other community logged in,
 * three graded members and a probationary one in branchA, three 党外群众代表 of commA; and the
 * steps of a campaign through the API.
 */
import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { loginAs, memberBody, smallTree, testApp, PASSWORD, type Client } from './app.js';
import { rows, type Database } from '../src/platform/db/client.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';

/** The year of every campaign the tests set up. */
export const YEAR = 2025;

/** A printed voting slip as the codes step gives it. */
export type Sheet = { constituency: 'members' | 'residents'; name: string; code: string };
/** A ballot as cast through the public API. */
export type Vote = { constituency: 'members' | 'residents'; grades: Record<string, string>; comments?: Record<string, string> };

/** Builds the fixture on `database`; the caller closes `app` after the suite. */
export async function evalFixture(database: Database) {
  const { app, ctx } = await testApp(database);
  const t = await smallTree(ctx);
  const [brancha, seca, secb] = await Promise.all(['brancha', 'seca', 'secb'].map((n) => loginAs(app, n)));
  const [u] = await ctx.db.insert(users).values({ username: 'teller3', displayName: '计票人三', passwordHash: await hashPassword(PASSWORD), homeOrgId: t.branchA }).returning();
  await ctx.db.insert(grants).values({ userId: u.id, role: 'branch_secretary', orgId: t.branchA });
  const teller3 = await loginAs(app, 'teller3');
  const ids = await rows<{ id: number; username: string }>(ctx.db, sql`SELECT id, username FROM users WHERE username IN ('brancha', 'seca', 'teller3')`);
  const tellerIds = ['brancha', 'seca', 'teller3'].map((n) => ids.find((x) => x.username === n)!.id);
  const members: { id: number; name: string }[] = [];
  for (const [i, name] of ['甲一', '甲二', '甲三'].entries()) {
    const r = await brancha.post('/api/v1/members', memberBody(t.branchA, { name, idNumber: null, phone: null, joinDate: `200${i}-07-01`, fullDate: `200${i + 1}-07-01` }));
    expect(r.statusCode, r.body).toBe(200);
    members.push({ id: r.json().id, name });
  }
  const p = await brancha.post('/api/v1/members', memberBody(t.branchA, { name: '预备甲', idNumber: null, phone: null, category: '预备党员', joinDate: '2025-01-01', fullDate: null }));
  expect(p.statusCode, p.body).toBe(200);
  const probationary: number = p.json().id;
  const residentIds: number[] = [];
  for (const name of ['群众一', '群众二', '群众三']) {
    const [r] = await rows<{ id: number }>(ctx.db, sql`INSERT INTO residents (county_id, community_id, community_path, name, gender, is_representative, is_nonparty_rep)
      SELECT county_id, id, path, ${name}, '男', true, true FROM orgs WHERE id = ${t.commA} RETURNING id`);
    residentIds.push(r.id);
  }

  /** A POST as the client, or anonymously when it is null. */
  const post = (c: Client | null, url: string, body: unknown) => (c ? c.post(url, body) : app.inject({ method: 'POST', url, payload: body as object }));
  /** The campaign as brancha sees it. */
  const cur = async (id: number) => (await brancha.get(`/api/v1/eval/campaigns/${id}`)).json();
  /** Takes a step of the campaign as brancha at its current version; it must succeed. */
  const step = async (id: number, name: string) => {
    const r = await brancha.post(`/api/v1/eval/campaigns/${id}/${name}`, { rowVersion: (await cur(id)).rowVersion });
    expect(r.statusCode, `${name}: ${r.body}`).toBe(200);
    return r.json();
  };
  /** Casts a ballot through the public API. */
  const cast = (id: number, code: string, v: Vote) => post(null, '/api/v1/public/eval/cast', { campaignId: id, code, ...v });

  /** A campaign of branchA, open for an hour from a minute ago. */
  async function newCampaign(name: string, over: Record<string, unknown> = {}) {
    const r = await brancha.post('/api/v1/eval/campaigns', {
      orgId: t.branchA, year: YEAR, name, residentIds, tellerIds,
      opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(), ...over,
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().id as number;
  }

  /** Issues codes, opens the box and has every teller collect their share; returns the codes and the shares. */
  async function openWithCodes(id: number) {
    const sheets = (await step(id, 'codes')).sheets as Sheet[];
    await step(id, 'open');
    const shares: string[] = [];
    for (const c of [brancha, seca, teller3]) {
      const r = await c.post(`/api/v1/eval/campaigns/${id}/my-share`, {});
      expect(r.statusCode, r.body).toBe(200);
      shares.push(r.json().share);
    }
    return { sheets, shares };
  }

  return { app, ctx, t, brancha, seca, secb, teller3, tellerIds, members, probationary, residentIds, post, cur, step, cast, newCampaign, openWithCodes };
}

/** The fixture a 民主评议 database suite works on. */
export type EvalFixture = Awaited<ReturnType<typeof evalFixture>>;
