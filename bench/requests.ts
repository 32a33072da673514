/**
 * 民情诉求 figures on PostgreSQL, on a street of 20 communities with 10 grids each, 10,000 open
 * requests and 20,000 settled ones:
 * - residents submitting 50 requests a second (each fetching its check first, each from its own
 *   address) while staff read 200 times a second (a page of a community's open requests, or one
 *   request with its steps): p99 of each, next to a bare route of one SQL statement at the same rate;
 * - the street's monthly review agenda over the 10,000 open requests, next to the raw SQL count.
 */
import http from 'node:http';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { ensureCategories } from '../src/modules/grid/categories.js';
import { answerOf } from '../src/platform/auth/challenge.js';
import { today } from '../src/platform/clock.js';
import { measure, note, percentile, row, timed, type Row } from './lib.js';
import { send, startServer } from './http.js';
import { adminUrl, createScratchDatabase } from './scratch-db.js';

export const REQUEST_LIMITS = { mixedP99: 100, agendaMs: 500 } as const;
const COMMUNITIES = 20;
const GRIDS = 10;
const OPEN = 10_000;
const SETTLED = 20_000;
const PASSWORD = 'Bench-Requests-2026!';

/** Lays out the street, its communities and grids, the requests and two staff accounts. */
export async function seedRequests(url: string): Promise<{ street: number; communities: number[]; openIds: number[] }> {
  const database = await openDatabase({ url });
  await database.db.transaction((tx) => ensureCategories(tx, 3)); // the county below
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE VALUES (3, 3, NULL, '/3/', 0, 'county', '诉求压测县'), (30, 3, 3, '/3/30/', 1, 'street', '压测街道')`);
    await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
      SELECT 300 + c, 3, 30, '/3/30/' || (300 + c) || '/', 2, 'community', '压测社区' || c FROM generate_series(1, ${COMMUNITIES}) c`);
    await client.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), 10000)`);
    await client.query(`INSERT INTO grids (county_id, community_id, kind, name, households) SELECT 3, 300 + c, '片', '第' || g || '片区', 200 FROM generate_series(1, ${COMMUNITIES}) c, generate_series(1, ${GRIDS}) g`);
    const cats = (await client.query<{ id: number }>('SELECT id FROM request_categories WHERE county_id = 3 ORDER BY id')).rows.map((r) => r.id);
    const on = today();
    // open: a third in triage, the rest assigned or in progress with due dates spread around today (about a fifth overdue)
    await client.query(`INSERT INTO requests (county_id, tracking_code, community_id, community_path, grid_id, category_id, title, body, source, phone_masked, state, level, handler_kind,
        handler_org_id, handler_path, due_on, raised_on, assigned_at)
      SELECT 3, 'OPEN-' || lpad(i::text, 6, '0'), 300 + c, '/3/30/' || (300 + c) || '/', g.id, ($1::bigint[])[1 + i % ${cats.length}], '压测诉求' || i, '内容', 'public', '139****0000',
        CASE WHEN i % 3 = 0 THEN 'triage' WHEN i % 3 = 1 THEN 'assigned' ELSE 'in_progress' END,
        CASE WHEN i % 3 = 0 THEN NULL ELSE 'grid' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 'grid' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 300 + c END,
        CASE WHEN i % 3 = 0 THEN NULL ELSE '/3/30/' || (300 + c) || '/' END, CASE WHEN i % 3 = 0 THEN NULL ELSE $2::date + (i % 20) - 4 END, $2::date - (i % 80), CASE WHEN i % 3 = 0 THEN NULL ELSE now() END
      FROM generate_series(1, ${OPEN}) i, LATERAL (SELECT 1 + i % ${COMMUNITIES} AS c) cc,
        LATERAL (SELECT id FROM grids WHERE county_id = 3 AND community_id = 300 + cc.c ORDER BY id OFFSET i % ${GRIDS} LIMIT 1) g`, [cats, on]);
    await client.query(`INSERT INTO requests (county_id, tracking_code, community_id, community_path, category_id, title, body, source, phone_masked, state, level, handler_kind,
        handler_org_id, handler_path, due_on, raised_on, outcome, outcome_by, outcome_note, outcome_at, outcome_on, satisfaction, confirmed_at)
      SELECT 3, 'DONE-' || lpad(i::text, 6, '0'), 301 + i % ${COMMUNITIES}, '/3/30/' || (301 + i % ${COMMUNITIES}) || '/', ($1::bigint[])[1 + i % ${cats.length}], '已办诉求' || i, '内容', 'public', '139****0000',
        'confirmed', 'community', 'community', 301 + i % ${COMMUNITIES}, '/3/30/' || (301 + i % ${COMMUNITIES}) || '/', $2::date - (i % 300), $2::date - (i % 300) - 5,
        'fixed', '压测', '已办', now(), $2::date - (i % 300) - 1, 1 + i % 5, now()
      FROM generate_series(1, ${SETTLED}) i`, [cats, on]);
    await client.query(`INSERT INTO request_steps (county_id, request_id, action, to_state, actor_name, public_note) SELECT county_id, id, 'raised', 'triage', '居民', '已受理' FROM requests WHERE county_id = 3`);
    const hash = await hashPassword(PASSWORD);
    for (const [username, role, org] of [['bench-street', 'street_admin', 30], ['bench-community', 'community_admin', 301]] as const) {
      const { rows: [u] } = await client.query<{ id: number }>('INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ($1, $1, $2, $3) RETURNING id', [username, hash, org]);
      await client.query('INSERT INTO grants (user_id, role, org_id) VALUES ($1, $2, $3)', [u.id, role, org]);
    }
    await client.query('COMMIT');
    await client.query('VACUUM (ANALYZE) requests, request_steps, grids, orgs');
    await client.query('CHECKPOINT'); // the load's writes reach disk now, not in the middle of the measurement
    const openIds = (await client.query<{ id: number }>(`SELECT id FROM requests WHERE community_id = 301 AND state <> 'confirmed' ORDER BY id LIMIT 400`)).rows.map((r) => Number(r.id));
    return { street: 30, communities: Array.from({ length: COMMUNITIES }, (_, c) => 301 + c), openIds };
  } finally {
    await client.end();
  }
}

/** The requests figures on a scratch database of their own. */
export async function benchRequests(): Promise<Row[]> {
  const scratch = await createScratchDatabase(adminUrl());
  const staff = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const residents: http.Agent[] = [];
  try {
    note(`民情诉求: a street of ${COMMUNITIES} communities × ${GRIDS} grids, ${OPEN.toLocaleString('en-US')} open and ${SETTLED.toLocaleString('en-US')} settled requests`);
    const seeded = await timed(() => seedRequests(scratch.url));
    note(`  laid out in ${(seeded.ms / 1000).toFixed(1)} s`);
    const s = seeded.result;
    const server = await startServer(scratch.url);
    try {
      const login = async (username: string) => {
        const r = await send(staff, `${server.app}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
        if (r.status !== 200) throw new Error(`bench login ${username}: ${r.status} ${r.body}`);
        return String(r.headers['set-cookie']).split(';')[0];
      };
      const community = await login('bench-community');
      const street = await login('bench-street');
      const form = JSON.parse((await send(staff, `${server.app}/api/v1/public/requests/form/301`)).body) as { categories: { id: number }[]; grids: { id: number }[] };
      const posts: number[] = []; // the submission's own request, apart from fetching the check before it
      // each resident from an address of their own (the forwarded address, as behind the city's proxy)
      const submit = async (i: number) => {
        const n = i + 100; // warm-up calls have negative i
        const from = { 'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` };
        const agent = residents[n % 8] ??= new http.Agent({ keepAlive: true, maxSockets: 16 });
        const c = await send(agent, `${server.app}/api/v1/public/requests/challenge`, { headers: from });
        if (c.status !== 200) throw new Error(`challenge ${c.status} ${c.body.slice(0, 120)}`);
        const ch = JSON.parse(c.body) as { token: string; question: string };
        const body = JSON.stringify({ communityId: 301 + (n % COMMUNITIES), categoryId: form.categories[n % form.categories.length].id, title: `压测提交${n}`, body: '楼道灯坏了，请尽快修理',
          phone: `139${String(10_000_000 + n).slice(-8)}`, challenge: { token: ch.token, answer: answerOf(ch.question) } });
        const t0 = performance.now();
        const r = await send(agent, `${server.app}/api/v1/public/requests`, { method: 'POST', headers: { 'content-type': 'application/json', ...from }, body });
        if (r.status !== 200) throw new Error(`submit ${r.status} ${r.body.slice(0, 120)}`);
        if (i >= 0 && i < 100_000) posts.push(performance.now() - t0);
      };
      const read = async (i: number) => {
        const url = i % 2 === 0 ? `${server.app}/api/v1/requests?orgId=${301}&state=open&page=${1 + (Math.abs(i) % 10)}` : `${server.app}/api/v1/requests/${s.openIds[Math.abs(i) % s.openIds.length]}`;
        const r = await send(staff, url, { headers: { cookie: community } });
        if (r.status !== 200) throw new Error(`read ${r.status} ${r.body.slice(0, 120)}`);
      };
      // a server that has been running holds its pool of connections open: open them before measuring
      await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 3 === 0 ? submit(100_000 + i) : read(i))));
      const DURATION = 20_000;
      const [pub, reads] = await Promise.all([
        measure(submit, { target: server.app, rate: 50, concurrency: 64, maxCount: 50 * 20, maxDurationMs: DURATION + 5_000, warmup: 3 }),
        measure(read, { target: server.app, rate: 200, concurrency: 128, maxCount: 200 * 20, maxDurationMs: DURATION + 5_000, warmup: 5 }),
      ]);
      const bare = await measure(() => send(staff, `${server.bare}/bare/members?county=3&path=/3/&q=`), { target: server.bare, rate: 250, concurrency: 128, maxCount: 250 * 10, maxDurationMs: 15_000 });
      posts.sort((a, b) => a - b);
      note(`  submissions: ${pub.count} at ${pub.rate.toFixed(1)}/s, p50 ${pub.p50.toFixed(1)} ms; reads: ${reads.count} at ${reads.rate.toFixed(1)}/s, p50 ${reads.p50.toFixed(1)} ms`);

      const pool = new pg.Pool({ connectionString: scratch.url, max: 1 });
      const on = today();
      const RAW = `SELECT count(*) FILTER (WHERE state IN ('triage','assigned','in_progress')), count(*) FILTER (WHERE state IN ('assigned','in_progress') AND due_on < $1)
        FROM requests WHERE county_id = 3 AND community_path LIKE '/3/30/%' AND (state IN ('triage','assigned','in_progress') OR raised_on >= $2 OR outcome_on >= $2)`;
      const raw = await measure(() => pool.query(RAW, [on, `${on.slice(0, 7)}-01`]), { target: scratch.url, maxCount: 20, maxDurationMs: 30_000, warmup: 2 });
      await pool.end();
      let open = 0;
      const agenda = await measure(async () => {
        const r = await send(staff, `${server.app}/api/v1/requests/agenda?level=street&orgId=${s.street}`, { headers: { cookie: street } });
        if (r.status !== 200) throw new Error(`agenda ${r.status} ${r.body.slice(0, 120)}`);
        open = (JSON.parse(r.body) as { counts: { open: number } }).counts.open;
      }, { target: server.app, maxCount: 20, maxDurationMs: 60_000, warmup: 2 });
      note(`  the street's agenda counted ${open.toLocaleString('en-US')} open requests`);
      return [
        row('public submissions at 50/s (each its own address) with staff reads at 200/s: POST /public/requests p99', percentile(posts, 99), 'ms', REQUEST_LIMITS.mixedP99),
        row('  the same, counting the check fetched before it (two requests), p99', pub.p99, 'ms', null),
        row('  staff reads (a page of open requests, or one with its steps) at 200/s alongside: p99', reads.p99, 'ms', REQUEST_LIMITS.mixedP99),
        row('  bare route (1 SQL) at 250/s after: p99', bare.p99, 'ms', null),
        row('  achieved: submissions / reads per second', Math.round(pub.rate * 10) / 10, '/s', null),
        row('  errors + dropped', pub.errors + pub.dropped + reads.errors + reads.dropped, '', 0),
        ...(pub.firstError || reads.firstError ? [row(`  first error: ${(pub.firstError ?? reads.firstError)!.slice(0, 60)}`, 0, '', null)] : []),
        row(`street's monthly review agenda over ${open.toLocaleString('en-US')} open requests, p99`, agenda.p99, 'ms', REQUEST_LIMITS.agendaMs),
        row('  raw SQL: the agenda\'s counts alone, p99', raw.p99, 'ms', null),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    staff.destroy();
    for (const a of residents) a?.destroy();
    await scratch.drop();
  }
}
