/**
 * 民主评议 figures: 2,000 voters casting within one minute on PostgreSQL, p99 per ballot, next to a
 * bare route of one SQL statement in the same run. The voters are those of 40 branch campaigns of
 * 50 members each (each ballot grades the branch's 45 full members), every code issued and every
 * box opened through the product's own service, the ballots cast over HTTP as a phone would.
 */
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import type { Actor } from '../src/platform/auth/access.js';
import { campaignById, collectShare, issueCodes, openCampaign } from '../src/modules/evaluation/service.js';
import { RULE_SEED003 } from '../src/modules/evaluation/rules.js';
import { benchKeys } from './generate.js';
import { measure, note, row, timed, type Row } from './lib.js';
import { send, startServer } from './http.js';
import { adminUrl, createScratchDatabase } from './scratch-db.js';
import http from 'node:http';

export const EVAL_LIMITS = { castP99: 100 } as const;
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
