/**
 * The secrecy of 民主评议's ballots, through the API and the database: neither codes nor receipts
 * nor grades reach the server's log at its most detailed level; no table can hold a time of voting
 * or a voter beside a code; nothing is kept in voting order while the box is shut, and two
 * campaigns with the same votes cast in different orders leave the same storage.
 */
import { expect, it, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { rows } from '../src/platform/db/client.js';
import { buildApp } from '../src/platform/http/app.js';
import { apiPlugins } from '../src/routes.js';
import { evalFixture, type EvalFixture, type Vote } from './evaluation-setup.js';

describeDb('民主评议: the secrecy of the ballots', (db) => {
  let f: EvalFixture;
  beforeAll(async () => { f = await evalFixture(db()); });
  afterAll(async () => { await f?.app.close(); });


  it('writes neither codes nor receipts nor grades into the server\'s log, at the most detailed level', async () => {
    const { ctx, members, newCampaign, openWithCodes } = f;
    const lines: string[] = [];
    const logged = await buildApp(ctx, apiPlugins, { logger: { level: 'trace', stream: { write: (l: string) => { lines.push(l); } } } });
    try {
      const id = await newCampaign('日志');
      const { sheets } = await openWithCodes(id);
      const [m1, m2] = sheets.filter((x) => x.constituency === 'members').map((x) => x.code);
      const grades = Object.fromEntries(members.map((m) => [String(m.id), '基本合格']));
      const ask = (url: string, payload: object) => logged.inject({ method: 'POST', url, payload, remoteAddress: '10.1.2.3' });
      expect((await ask('/api/v1/public/eval/ballot', { campaignId: id, code: m1 })).statusCode).toBe(200);
      const ok = await ask('/api/v1/public/eval/cast', { campaignId: id, code: m1, constituency: 'members', grades, comments: { [members[0].id]: '日志中不应出现的意见' } });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await ask('/api/v1/public/eval/cast', { campaignId: id, code: m1, constituency: 'members', grades })).statusCode).toBe(409);
      expect((await ask('/api/v1/public/eval/cast', { campaignId: id, code: m2, constituency: 'residents', grades })).statusCode).toBe(400);
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(5); // the log did record the requests
      expect(text).toContain('/api/v1/public/eval/cast');
      for (const secret of [m1, m1.replace('-', ''), m2, ok.json().receipt, '基本合格', '日志中不应出现的意见']) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });

  it('keeps no time of voting and no voter beside a code: the tables cannot hold them', async () => {
    const { ctx } = f;
    const cols = await rows<{ table: string; column: string; type: string }>(ctx.db, sql`SELECT table_name AS table, column_name AS column, data_type AS type
      FROM information_schema.columns WHERE table_name LIKE 'eval_%' AND table_schema = current_schema() ORDER BY 1, 2`);
    // the only times are the campaign's own settings
    expect(cols.filter((c) => c.type.startsWith('timestamp')).map((c) => `${c.table}.${c.column}`).sort()).toEqual(['eval_campaigns.closes_at', 'eval_campaigns.created_at', 'eval_campaigns.opens_at']);
    // the register has people and no code; the codes and the box have no people
    expect(cols.filter((c) => c.table === 'eval_voters').map((c) => c.column).sort()).toEqual(['campaign_id', 'constituency', 'county_id', 'name', 'person_id']);
    // a waiting paper entry names its teller and a code hash, never a voter or a time
    expect(cols.filter((c) => c.table === 'eval_paper').map((c) => c.column).sort()).toEqual(['campaign_id', 'check', 'code_hash', 'constituency', 'county_id', 'teller_id']);
    expect(cols.filter((c) => c.table === 'eval_codes' || c.table === 'eval_box').map((c) => c.column)).not.toEqual(expect.arrayContaining(['person_id']));
    expect(cols.some((c) => (c.table === 'eval_box' || c.table === 'eval_opened') && /id$/.test(c.column) && !['county_id', 'campaign_id'].includes(c.column))).toBe(false);
  });

  it('leaves the same storage for the same votes cast in different orders, and nothing in voting order while the box is shut', async () => {
    const { ctx, brancha, teller3, members, step, cast, newCampaign, openWithCodes } = f;
    const [a, b, c] = members.map((m) => String(m.id));
    const ballots: Vote[] = [
      { constituency: 'members', grades: { [a]: '优秀', [b]: '合格', [c]: '基本合格' } },
      { constituency: 'members', grades: { [a]: '合格', [b]: '合格', [c]: '不合格' }, comments: { [c]: '很少参加组织生活' } },
      { constituency: 'members', grades: { [a]: '优秀', [b]: '优秀', [c]: '合格' } },
      { constituency: 'members', grades: { [a]: '基本合格', [b]: '合格', [c]: '合格' } },
      { constituency: 'residents', grades: { [a]: '优秀', [b]: '合格', [c]: '不合格' } },
      { constituency: 'residents', grades: { [a]: '合格', [b]: '基本不合格', [c]: '合格' } },
      { constituency: 'residents', grades: { [a]: '优秀', [b]: '合格', [c]: '合格' } },
    ];
    const run = async (name: string, order: number[]) => {
      const id = await newCampaign(name);
      const { sheets, shares } = await openWithCodes(id);
      const codes = { members: sheets.filter((s) => s.constituency === 'members').map((s) => s.code), residents: sheets.filter((s) => s.constituency === 'residents').map((s) => s.code) };
      for (const i of order) {
        const v = ballots[i];
        const x = await cast(id, codes[v.constituency].shift()!, v);
        expect(x.statusCode, x.body).toBe(200);
      }
      // while the box is shut: every array sorted by value, so none keeps the order of voting
      const sortedness = await rows<{ ok: boolean }>(ctx.db, sql`SELECT sealed = (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(sealed) x) AS ok FROM eval_box WHERE campaign_id = ${id}
        UNION ALL SELECT used = (SELECT coalesce(array_agg(x ORDER BY x), '{}') FROM unnest(used) x) FROM eval_codes WHERE campaign_id = ${id}`);
      expect(sortedness.every((s) => s.ok)).toBe(true);
      expect((await rows<{ n: number }>(ctx.db, sql`SELECT sum(cardinality(sealed))::int AS n FROM eval_box WHERE campaign_id = ${id}`))[0].n).toBe(order.length);
      await step(id, 'close');
      for (const [i, cl] of [brancha, teller3].entries()) expect((await cl.post(`/api/v1/eval/campaigns/${id}/shares`, { share: shares[i === 0 ? 0 : 2] })).statusCode).toBe(200);
      await step(id, 'count');
      // everything kept of the campaign, in the order the database holds it (no ORDER BY), without its ids and random values
      const opened = await rows<{ constituency: string; content: unknown; x: string }>(ctx.db, sql`SELECT constituency, content, xmin::text AS x FROM eval_opened WHERE campaign_id = ${id}`);
      expect(new Set(opened.map((o) => o.x)).size).toBe(1); // written together
      const results = await rows(ctx.db, sql`SELECT member_id, counts, score, grade, reasons FROM eval_results WHERE campaign_id = ${id}`);
      const codesLeft = await rows(ctx.db, sql`SELECT constituency, valid, used FROM eval_codes WHERE campaign_id = ${id}`);
      const campaign = await rows(ctx.db, sql`SELECT state, row_version, threshold, ballot_bytes FROM eval_campaigns WHERE id = ${id}`);
      const steps = await rows(ctx.db, sql`SELECT type, data - 'shareFrom' - 'collected' AS data FROM audit_events WHERE target_type = 'eval_campaign' AND target_id = ${String(id)} AND type = 'eval.step' ORDER BY chain, seq`);
      // the audit trail spreads over lanes: compare its events as a set
      return { opened: opened.map(({ x: _x, ...o }) => o), results, codesLeft, campaign, steps: steps.map((e) => JSON.stringify(e)).sort() };
    };
    const forward = await run('顺序甲', [0, 1, 2, 3, 4, 5, 6]);
    const backward = await run('顺序乙', [6, 3, 5, 1, 4, 0, 2]);
    expect(backward).toEqual(forward);
    expect(forward.opened).toHaveLength(7);
  });
});
