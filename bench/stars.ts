/**
 * 评星晋级 figures: the targets dashboard over a province (about 200,000 organisations, five years
 * of ratings and 五好 results) on PostgreSQL, next to its queries run raw; and the
 * public star board of one county at full speed, next to a static file served by the same server in
 * the same run. The province is laid out with set-based SQL (province → 40 counties → 25 streets
 * each → 40 communities each → 4 branches each, one branch in four a 机关, 事业单位 or enterprise
 * branch); every community has a published rating, and every organisation the 五好 shares count a
 * result, in each of the five years, through the product's own tables and checks.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { WEB_DIST } from '../src/platform/paths.js';
import { STANDARD_003 } from '../src/modules/rating/standard-003.js';
import { measure, note, row, timed, type Row } from './lib.js';
import { send, startServer } from './http.js';
import { adminUrl, createScratchDatabase } from './scratch-db.js';

/** Limits: the dashboard's p99 and the board's rate. */
export const STARS_LIMITS = { targetsP99: 200, boardRate: 1000 } as const;
const YEARS = [2021, 2022, 2023, 2024, 2025];
const PASSWORD = 'Bench-Stars-2026!';

/** Lays out the province and its ratings; returns the province's id, one county's id and the organisations' count. */
export async function seedProvince(url: string): Promise<{ province: number; county: number; orgs: number; ratings: number; ms: number }> {
  const database = await openDatabase({ url });
  await database.close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { ms } = await timed(async () => {
      await client.query('BEGIN');
      // ids by arithmetic: province 1; counties 2..41; streets, communities and branches in blocks after them
      await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE VALUES (1, NULL, NULL, '/1/', 0, 'province', '压测省')`);
      await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
        SELECT 1 + c, 1 + c, 1, '/1/' || (1 + c) || '/', 1, 'county', '县' || c FROM generate_series(1, 40) c`);
      await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
        SELECT 100 + s, 2 + (s - 1) / 25, 2 + (s - 1) / 25, '/1/' || (2 + (s - 1) / 25) || '/' || (100 + s) || '/', 2, 'street', '街道' || s FROM generate_series(1, 1000) s`);
      await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
        SELECT 10000 + m, 2 + (m - 1) / 1000, 100 + 1 + (m - 1) / 40, '/1/' || (2 + (m - 1) / 1000) || '/' || (101 + (m - 1) / 40) || '/' || (10000 + m) || '/', 3, 'community', '社区' || m
        FROM generate_series(1, 40000) m`);
      // communities established over the years (one in twenty after 2021), so each year counts its own
      await client.query(`UPDATE orgs SET established_on = make_date((CASE WHEN id % 20 = 0 THEN 2022 + id % 4 ELSE 1985 + id % 35 END)::int, (1 + id % 12)::int, 1) WHERE kind = 'community'`);
      await client.query(`INSERT INTO orgs (id, county_id, parent_id, path, depth, kind, name) OVERRIDING SYSTEM VALUE
        SELECT 100000 + b, o.county_id, o.id, o.path || (100000 + b) || '/', 4, 'branch', '支部' || b
        FROM generate_series(1, 160000) b JOIN orgs o ON o.id = 10000 + 1 + (b - 1) / 4`);
      // one branch in four is a unit's own: 机关, 事业单位 or an enterprise (the 五好 shares count them)
      await client.query(`UPDATE orgs SET unit_nature = (ARRAY['机关', '事业单位', '非公有制经济组织'])[1 + id % 3] WHERE kind = 'branch' AND id % 4 = 0`);
      await client.query(`SELECT setval(pg_get_serial_sequence('orgs', 'id'), 1000000)`);
      await client.query(`INSERT INTO star_standards (county_id, year, version, definition, note)
        SELECT c.id, y, 1, $1::jsonb, '压测' FROM orgs c, unnest($2::int[]) y WHERE c.kind = 'county'`, [JSON.stringify(STANDARD_003), YEARS]);
      // levels spread 1..5 with more in the middle, drifting up over the years
      await client.query(`INSERT INTO star_applications (county_id, org_id, org_path, year, standard_id, applied_level, level, state, doc_number, published_at)
        SELECT o.county_id, o.id, o.path, y, s.id, l, l, 'published', '压测〔' || y || '〕1号', now()
        FROM orgs o CROSS JOIN unnest($1::int[]) y JOIN star_standards s ON s.county_id = o.county_id AND s.year = y
        CROSS JOIN LATERAL (SELECT least(5, greatest(1, 1 + ((o.id * 7919 + y * 104729) % 5 + (o.id * 31 + y) % 3 + (y - 2021) / 2) / 2))::int AS l) lv
        WHERE o.kind = 'community'`, [YEARS]);
      // 五好 results every year for every organisation counted, about four in five met
      await client.query(`INSERT INTO five_good_ratings (county_id, org_id, org_path, year, category, leadership, members, mechanism, performance, reputation, met)
        SELECT o.county_id, o.id, o.path, y, o.five_good_category,
          true, true, true, true, m, m FROM orgs o CROSS JOIN unnest($1::int[]) y CROSS JOIN LATERAL (SELECT (o.id * 31 + y) % 5 <> 0 AS m) x
        WHERE o.five_good_category IS NOT NULL`, [YEARS]);
      const [u] = (await client.query<{ id: number }>(`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ('bench-stars', '省评星办', $1, 1) RETURNING id`, [await hashPassword(PASSWORD)])).rows;
      await client.query(`INSERT INTO grants (user_id, role, org_id) VALUES ($1, 'county_admin', 1)`, [u.id]);
      await client.query('COMMIT');
      await client.query('VACUUM (ANALYZE) orgs, star_applications, star_standards, five_good_ratings');
    });
    const [c] = (await client.query<{ orgs: number; ratings: number }>(`SELECT (SELECT count(*)::int FROM orgs) AS orgs, (SELECT count(*)::int FROM star_applications) AS ratings`)).rows;
    return { province: 1, county: 2, orgs: c.orgs, ratings: c.ratings, ms };
  } finally {
    await client.end();
  }
}

/** Runs the stars figures on a scratch database of their own. */
export async function benchStars(): Promise<Row[]> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    note('building the UI (the static file the board is compared with)');
    if (spawnSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' }).status !== 0) throw new Error('build failed');
  }
  const scratch = await createScratchDatabase(adminUrl());
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    note('评星晋级: a province of 40 counties, five years of ratings');
    const seed = await seedProvince(scratch.url);
    note(`  ${seed.orgs.toLocaleString('en-US')} organisations and ${seed.ratings.toLocaleString('en-US')} published ratings in ${(seed.ms / 1000).toFixed(1)} s`);

    const pool = new pg.Pool({ connectionString: scratch.url, max: 2 });
    // the dashboard's queries, raw, as the floor: the counties under the province, then the three GROUP BYs by county
    const rawTargets = async () => {
      const { rows: cs } = await pool.query<{ id: string }>(`WITH RECURSIVE down AS (SELECT id, kind FROM orgs WHERE parent_id = 1 AND NOT archived
        UNION ALL SELECT o.id, o.kind FROM orgs o JOIN down d ON o.parent_id = d.id WHERE d.kind <> 'county' AND NOT o.archived) SELECT id FROM down WHERE kind = 'county'`);
      const ids = `{${cs.map((c) => c.id).join(',')}}`;
      return Promise.all([
        pool.query(`SELECT county_id, five_good_category, extract(year FROM established_on)::int AS since, count(*)
          FROM orgs WHERE county_id = ANY($1::bigint[]) AND five_good_category IS NOT NULL AND NOT archived AND id <> 1 GROUP BY 1, 2, 3`, [ids]),
        pool.query(`SELECT county_id, year, count(*), count(*) FILTER (WHERE level >= 3), count(*) FILTER (WHERE level = 5)
          FROM star_applications WHERE county_id = ANY($1::bigint[]) AND state = 'published' AND year BETWEEN 2021 AND 2025 GROUP BY 1, 2`, [ids]),
        pool.query(`SELECT county_id, year, category, met FROM five_good_totals WHERE county_id = ANY($1::bigint[]) AND year BETWEEN 2021 AND 2025 AND met > 0`, [ids]),
      ]);
    };
    const raw = await measure(rawTargets, { target: scratch.url, maxCount: 30, maxDurationMs: 30_000, warmup: 3 });
    await pool.end();

    const server = await startServer(scratch.url);
    try {
      const login = await send(agent, `${server.app}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench-stars', password: PASSWORD }) });
      if (login.status !== 200) throw new Error(`bench login: ${login.status} ${login.body}`);
      const cookie = String(login.headers['set-cookie']).split(';')[0];
      const get = async (url: string, headers: Record<string, string> = {}) => {
        const r = await send(agent, url, { headers });
        if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 200)}`);
        return r;
      };
      const targetsUrl = `${server.app}/api/v1/stars/targets?orgId=${seed.province}&from=2021&to=2025`;
      const sample = JSON.parse((await get(targetsUrl, { cookie })).body) as { rows: unknown[]; all: { communities: number } };
      note(`  targets: ${sample.rows.length} counties, ${sample.all.communities.toLocaleString('en-US')} communities`);
      const targets = await measure(() => get(targetsUrl, { cookie }), { target: server.app, maxCount: 100, maxDurationMs: 30_000, warmup: 5 });
      const targetsLoad = await measure(() => get(targetsUrl, { cookie }), { target: server.app, rate: 10, concurrency: 16, maxCount: 100, maxDurationMs: 12_000 });

      const boardUrl = `${server.app}/api/v1/public/stars/${seed.county}`;
      const boardBytes = (await get(boardUrl)).body.length;
      // as a browser asks: it accepts gzip (the board is kept compressed; the static file is served as it is)
      const browser = { 'accept-encoding': 'gzip, deflate, br' };
      const zipped = await send(agent, boardUrl, { headers: browser });
      if (zipped.headers['content-encoding'] !== 'gzip') throw new Error('the board did not come gzipped');
      const zippedBytes = Number(zipped.headers['content-length'] ?? 0);
      const staticUrl = `${server.app}/index.html`;
      const full = { concurrency: 32, maxCount: 1_000_000, maxDurationMs: 5_000, warmup: 50 };
      const board = await measure(() => get(boardUrl, browser), { target: server.app, ...full });
      const plain = await measure(() => get(boardUrl), { target: server.app, ...full });
      const stat = await measure(() => get(staticUrl, browser), { target: server.app, ...full });
      note(`  board ${(boardBytes / 1024).toFixed(0)} KB (${(zippedBytes / 1024).toFixed(0)} KB gzipped): ${board.rate.toFixed(0)} req/s gzipped (p99 ${board.p99.toFixed(1)} ms), `
        + `${plain.rate.toFixed(0)} req/s uncompressed; static index.html: ${stat.rate.toFixed(0)} req/s`);
      const firstError = targets.firstError ?? targetsLoad.firstError ?? board.firstError ?? plain.firstError ?? stat.firstError;
      if (firstError) note(`first error: ${firstError}`);
      return [
        row(`organisations in the province / published ratings (5 years)`, seed.orgs, 'orgs', null),
        row('targets dashboard, province, 5 years: raw SQL p99 (the floor)', raw.p99, 'ms', null),
        row('targets dashboard, province, 5 years: route p50, one at a time', targets.p50, 'ms', null),
        row('targets dashboard, province, 5 years: route p99, one at a time', targets.p99, 'ms', STARS_LIMITS.targetsP99),
        row('targets dashboard @10/s p99', targetsLoad.p99, 'ms', STARS_LIMITS.targetsP99),
        row(`public star board, one county (${(boardBytes / 1024).toFixed(0)} KB, ${(zippedBytes / 1024).toFixed(0)} KB gzipped), full speed`, board.rate, 'req/s', STARS_LIMITS.boardRate, 'higher'),
        row('public star board, uncompressed (a client without gzip), full speed', plain.rate, 'req/s', null),
        row('static file from the same server, full speed', stat.rate, 'req/s', null, 'higher'),
        row('stars: errors', targets.errors + targetsLoad.errors + targetsLoad.dropped + board.errors + plain.errors + stat.errors, '', 0),
      ];
    } finally {
      await server.stop();
    }
  } finally {
    agent.destroy();
    await scratch.drop();
  }
}
