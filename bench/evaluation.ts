/**
 * 民主评议 figures on PostgreSQL:
 * - 2,000 voters casting within one minute, p99 per ballot, next to a bare route of one SQL statement
 *   in the same run. The voters are those of 40 branch campaigns of 50 members each (each ballot
 *   grades the branch's 45 full members), every code issued and every box opened through the
 *   product's own service, the ballots cast over HTTP as a phone would.
 * - The tally of a county's year: 2,000 counted campaigns, 100,000 members evaluated, 1,000,000
 *   grades given on 20,000 opened ballots; GET /eval/summary recounts them by each campaign's rule,
 *   next to the one raw SQL aggregation over the same rows.
 */
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import type { Actor } from '../src/platform/auth/access.js';
import { campaignById, issueCodes, openCampaign } from '../src/modules/evaluation/service.js';
import { collectShare } from '../src/modules/evaluation/count.js';
import { RULE_SEED003, tally } from '../src/modules/evaluation/rules.js';
import { openedCounts } from '../src/modules/evaluation/summary.js';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/platform/auth/password.js';
import { benchKeys } from './generate.js';
import { measure, note, row, timed, type Row } from './lib.js';
import { send, startServer } from './http.js';
import { adminUrl, createScratchDatabase } from './scratch-db.js';
import http from 'node:http';

export const EVAL_LIMITS = { castP99: 100, tallyRatio: 2 } as const;
const CAMPAIGNS = 40;
const PER = 50;
const VOTERS = CAMPAIGNS * PER;

/** Lays out 40 branches of 50 members, their campaigns and codes; returns the codes and each campaign's members. */
async function seed(url: string) {
  const keys = benchKeys();
  const database = await openDatabase({ url });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE VALUES (1, 1, NULL, '/1/', 0, 'county', '评议压测县')`);
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
      SELECT 100 + b, 1, 1, '/1/' || (100 + b) || '/', 1, 'branch', '支部' || b FROM generate_series(1, ${CAMPAIGNS}) b`);
    await client.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), 1000)`);
    // 45 full members and 5 probationary ones per branch
    await client.query(`INSERT INTO members (county_id, org_id, org_path, name, gender, birth_date, category, join_date, full_date)
      SELECT 1, 100 + b, '/1/' || (100 + b) || '/', '党员' || b || '-' || m, '男', DATE '1975-01-01', CASE WHEN m > 45 THEN '预备党员' ELSE '正式党员' END, DATE '2000-07-01', CASE WHEN m > 45 THEN NULL ELSE DATE '2001-07-01' END
      FROM generate_series(1, ${CAMPAIGNS}) b, generate_series(1, ${PER}) m`);
    const { rows: [u] } = await client.query<{ id: number }>(`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ('bench-teller', '压测计票人', 'x', 1) RETURNING id`);
    const { rows: [u2] } = await client.query<{ id: number }>(`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ('bench-teller2', '压测计票人二', 'x', 1) RETURNING id`);
    await client.query(`INSERT INTO eval_campaigns (county_id, org_id, org_path, year, name, rule, opens_at, closes_at, teller_ids, threshold, ballot_bytes)
      SELECT 1, 100 + b, '/1/' || (100 + b) || '/', 2025, '压测评议' || b, $1::jsonb, now() - interval '1 minute', now() + interval '1 day', ARRAY[$2, $3]::bigint[], 2, ${256 + PER * 424}
      FROM generate_series(1, ${CAMPAIGNS}) b`, [JSON.stringify(RULE_SEED003), u.id, u2.id]);
    await client.query(`INSERT INTO eval_subjects (county_id, campaign_id, member_id, name, graded)
      SELECT 1, c.id, m.id, m.name, m.category = '正式党员' FROM eval_campaigns c JOIN members m ON m.org_id = c.org_id`);
    await client.query(`INSERT INTO eval_voters (county_id, campaign_id, constituency, person_id, name)
      SELECT 1, c.id, 'members', m.id, m.name FROM eval_campaigns c JOIN members m ON m.org_id = c.org_id`);
    await client.query('COMMIT');
    const actor = (id: number): Actor => ({ userId: id, username: 'bench', displayName: '压测', grants: [], memberId: null, memberCountyId: null });
    const { rows: campaigns } = await client.query<{ id: number }>('SELECT id FROM eval_campaigns ORDER BY id');
    const codes: { campaignId: number; code: string }[] = [];
    const graded = new Map<number, string[]>();
    for (const { id } of campaigns) {
      let c = (await campaignById(database.db, Number(id)))!;
      for (const s of await issueCodes(database.db, actor(u.id), c, c.rowVersion)) codes.push({ campaignId: c.id, code: s.code });
      c = (await campaignById(database.db, c.id))!;
      await openCampaign(database.db, keys, actor(u.id), c, c.rowVersion);
      c = (await campaignById(database.db, c.id))!;
      await collectShare(database.db, keys, actor(u.id), c);
      await collectShare(database.db, keys, actor(u2.id), c);
      const { rows: s } = await client.query<{ member_id: string }>('SELECT member_id FROM eval_subjects WHERE campaign_id = $1 AND graded', [c.id]);
      graded.set(c.id, s.map((x) => x.member_id));
    }
    return { codes, graded };
  } finally {
    await client.end();
    await database.close();
  }
}

/** The evaluation figures on a scratch database of their own. */
export async function benchEvaluation(): Promise<Row[]> {
  const scratch = await createScratchDatabase(adminUrl());
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    note(`民主评议: ${CAMPAIGNS} branch campaigns of ${PER} members, ${VOTERS.toLocaleString('en-US')} codes issued and boxes opened`);
    const { result: s, ms } = await timed(() => seed(scratch.url));
    note(`  set up in ${(ms / 1000).toFixed(1)} s`);
    // shuffle the codes: voters of all branches at once, in no particular order
    const codes = [...s.codes].sort(() => Math.random() - 0.5);
    const grades = ['优秀', '合格', '基本合格', '基本不合格', '不合格'];
    const server = await startServer(scratch.url);
    try {
      const body = (i: number) => {
        const { campaignId, code } = codes[i];
        const g = Object.fromEntries(s.graded.get(campaignId)!.map((m, j) => [m, grades[(i + j) % 5]]));
        return JSON.stringify({ campaignId, code, constituency: 'members', grades: g });
      };
      // each branch votes from its own meeting room: its own loopback address, as the per-address rate limit expects
      const rooms = new Map<number, http.Agent>();
      const roomOf = (campaignId: number) => {
        let a = rooms.get(campaignId);
        if (!a) {
          a = new http.Agent({ keepAlive: true, maxSockets: 16, localAddress: `127.0.1.${1 + (rooms.size % 250)}` } as http.AgentOptions);
          rooms.set(campaignId, a);
        }
        return a;
      };
      const castOne = async (i: number) => {
        const r = await send(roomOf(codes[i].campaignId), `${server.app}/api/v1/public/eval/cast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(i) });
        if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 200)}`);
      };
      // 2,000 voters within one minute: about 34 a second, as they come, up to 64 at once
      const rate = Math.ceil(VOTERS / 55);
      const m = await measure((i) => castOne(i), { target: server.app, rate, concurrency: 64, maxCount: VOTERS, maxDurationMs: 70_000 });
      const bare = await measure(() => send(agent, `${server.bare}/bare/members?county=1&path=/1/&q=`), { target: server.bare, rate, concurrency: 64, maxCount: 1000, maxDurationMs: 30_000 });
      for (const a of rooms.values()) a.destroy();
      const check = new pg.Client({ connectionString: scratch.url });
      await check.connect();
      const { rows: [t] } = await check.query<{ n: number }>('SELECT sum(cardinality(used))::int AS n FROM eval_codes').finally(() => undefined);
      await check.end();
      note(`  ${m.count.toLocaleString('en-US')} ballots answered in ${(m.durationMs / 1000).toFixed(1)} s (${m.rate.toFixed(1)}/s), ${t.n.toLocaleString('en-US')} codes used; p50 ${m.p50.toFixed(1)} ms, p90 ${m.p90.toFixed(1)} ms, max ${m.max.toFixed(1)} ms`);
      return [
        row(`cast a ballot, ${VOTERS} voters within a minute, achieved`, m.count, 'ballots', VOTERS, 'higher'),
        row('cast a ballot (45 grades, sealed, into the box) p50', m.p50, 'ms', null),
        row('cast a ballot p99', m.p99, 'ms', EVAL_LIMITS.castP99),
        row('bare route (1 SQL: a page of members) at the same rate, p99', bare.p99, 'ms', null),
        row('cast: errors + dropped', m.errors + m.dropped + bare.errors + bare.dropped, '', 0),
        ...(m.firstError ? [row(`  first error: ${m.firstError.slice(0, 60)}`, 0, '', null)] : []),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    agent.destroy();
    await scratch.drop();
  }
}

const TALLY_CAMPAIGNS = 2000;
const TALLY_MEMBERS = 50;
const TALLY_BALLOTS = 10;

/** A county's counted year: 2,000 campaigns of 50 members, 10 opened ballots each, and the results stored at their count. */
async function seedTally(url: string) {
  await (await openDatabase({ url })).close(); // migrates the scratch database
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE VALUES (2, 2, NULL, '/2/', 0, 'county', '计票压测县')`);
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
      SELECT 10000 + b, 2, 2, '/2/' || (10000 + b) || '/', 1, 'branch', '支部' || b FROM generate_series(1, ${TALLY_CAMPAIGNS}) b`);
    await client.query(`INSERT INTO eval_campaigns (county_id, org_id, org_path, year, name, rule, state, opens_at, closes_at, teller_ids, threshold, ballot_bytes)
      SELECT 2, 10000 + b, '/2/' || (10000 + b) || '/', 2025, '计票压测' || b, $1::jsonb, 'counted', now() - interval '2 days', now() - interval '1 day', '{1,2}', 2, 1000
      FROM generate_series(1, ${TALLY_CAMPAIGNS}) b`, [JSON.stringify(RULE_SEED003)]);
    // member ids b * 100 + m; ballots 1..8 from members, 9..10 from residents; grades spread by arithmetic
    await client.query(`INSERT INTO eval_opened (county_id, campaign_id, constituency, receipt, content)
      SELECT 2, c.id, CASE WHEN k > 8 THEN 'residents' ELSE 'members' END, md5(c.id || ':' || k) || md5(k || ':' || c.id),
        jsonb_build_object('grades', (SELECT jsonb_object_agg(((c.id * 100) + m)::text, (ARRAY['优秀','合格','合格','基本合格','基本不合格','不合格'])[1 + ((c.id * 7 + m * 13 + k * 17) % 6)])
          FROM generate_series(1, ${TALLY_MEMBERS}) m), 'comments', '{}'::jsonb)
      FROM eval_campaigns c CROSS JOIN generate_series(1, ${TALLY_BALLOTS}) k WHERE c.county_id = 2
      ORDER BY 1, 2, 3`);
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) eval_opened, eval_campaigns');
    const { rows: [u] } = await client.query<{ id: number }>(`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ('bench-county', '县组织部', $1, 2) RETURNING id`, [await hashPassword('Bench-Eval-2026!')]);
    await client.query(`INSERT INTO grants (user_id, role, org_id) VALUES ($1, 'county_admin', 2)`, [u.id]);
  } finally {
    await client.end();
  }
  // the results as the count stored them
  const database = await openDatabase({ url, migrate: false });
  try {
    const counts = await openedCounts(database.db, sql`c.county_id = 2`);
    const values: string[] = [];
    for (const [campaignId, ms] of counts) {
      for (const r of tally(RULE_SEED003, ms)) values.push(`(2, ${campaignId}, ${r.memberId}, '${JSON.stringify(r.counts)}'::jsonb, ${r.score}, ${r.grade === null ? 'NULL' : `'${r.grade}'`}, '[]'::jsonb)`);
    }
    for (let i = 0; i < values.length; i += 5000) await database.query(`INSERT INTO eval_results (county_id, campaign_id, member_id, counts, score, grade, reasons) VALUES ${values.slice(i, i + 5000).join(',')}`);
  } finally {
    await database.close();
  }
}

/** The tally of a county's year over HTTP against its one raw aggregation. */
export async function benchTally(): Promise<Row[]> {
  const scratch = await createScratchDatabase(adminUrl());
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  try {
    note(`民主评议 tally: ${TALLY_CAMPAIGNS} campaigns, ${(TALLY_CAMPAIGNS * TALLY_MEMBERS).toLocaleString('en-US')} members, ${(TALLY_CAMPAIGNS * TALLY_MEMBERS * TALLY_BALLOTS).toLocaleString('en-US')} grades`);
    const seeded = await timed(() => seedTally(scratch.url));
    note(`  laid out in ${(seeded.ms / 1000).toFixed(1)} s`);
    const pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
    const RAW = `SELECT o.campaign_id, g.key, o.constituency, g.value, count(*) FROM eval_opened o JOIN eval_campaigns c ON c.county_id = o.county_id AND c.id = o.campaign_id,
      jsonb_each_text(o.content -> 'grades') g WHERE o.content IS NOT NULL AND c.org_path LIKE '/2/%' AND c.year = 2025 AND c.state IN ('counted', 'published') GROUP BY 1, 2, 3, 4`;
    const raw = await measure(() => pool.query(RAW), { target: scratch.url, maxCount: 10, maxDurationMs: 60_000, warmup: 1 });
    await pool.end();
    const server = await startServer(scratch.url);
    try {
      const login = await send(agent, `${server.app}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-county', password: 'Bench-Eval-2026!' }) });
      if (login.status !== 200) throw new Error(`bench login: ${login.status} ${login.body}`);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const url = `${server.app}/api/v1/eval/summary?orgId=2&year=2025`;
      const first = JSON.parse((await send(agent, url, { headers: { cookie } })).body) as { campaigns: number; members: number; mismatches: number; byGrade: Record<string, number> };
      note(`  summary: ${first.campaigns} campaigns, ${first.members.toLocaleString('en-US')} members, ${first.mismatches} mismatches; ${Object.entries(first.byGrade).map(([g, n]) => `${g} ${n}`).join(', ')}`);
      const route = await measure(async () => {
        const r = await send(agent, url, { headers: { cookie } });
        if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 200)}`);
      }, { target: server.app, maxCount: 10, maxDurationMs: 90_000, warmup: 1 });
      return [
        row('tally of a county\'s year (100,000 members, 1,000,000 grades): raw SQL aggregation, median', raw.p50, 'ms', null),
        row('tally of a county\'s year: GET /eval/summary (recount by each rule), median', route.p50, 'ms', null),
        row('tally / raw SQL aggregation', route.p50 / raw.p50, '×', EVAL_LIMITS.tallyRatio),
        row('tally: mismatches with the stored results + errors', first.mismatches + route.errors + raw.errors, '', 0),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    agent.destroy();
    await scratch.drop();
  }
}
