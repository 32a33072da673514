/**
 * The member list through HTTP at county scale on PostgreSQL: the product's route (session,
 * scope check, page and count) against a bare Fastify route reading the same rows with one SQL
 * query, both at 200 requests/s and at full speed, in the same run.
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import http from 'node:http';
import { Rng } from '../src/modules/generate/random.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { measure, note, row, type Row } from './lib.js';
import { TRAFFIC_MIX, WIDE } from './sql.js';

export const HTTP_LIMITS = { rate: 200, p99: 50 } as const;

type Case = { orgId: number; path: string; county: number | null; q: string };

/** One request over a keep-alive agent; resolves with status, headers and body. */
export function send(agent: http.Agent, url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
  });
}

/** The bench's server process (bench/server.ts) on the database at `url`: the product's API at `app`, the bare route at `bare`. */
export async function startServer(url: string): Promise<{ app: string; bare: string; stop: () => Promise<void> }> {
  const appPort = await freePort();
  const barePort = await freePort();
  // BENCH_SERVER_PROF=<dir>: the server process writes a V8 CPU profile there when it stops
  const proc = spawn(process.execPath, [...(process.env.BENCH_SERVER_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SERVER_PROF}`] : []), '--import', 'tsx', 'bench/server.ts'], { env: { ...process.env, DATABASE_URL: url, APP_PORT: String(appPort), BARE_PORT: String(barePort) }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => { if (String(d).includes('ready')) resolve(); });
    proc.once('exit', (c) => reject(new Error(`bench server exited with ${c}`)));
  });
  return {
    app: `http://127.0.0.1:${appPort}`,
    bare: `http://127.0.0.1:${barePort}`,
    stop: async () => {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

/** A fixed mix of list requests over the levels of TRAFFIC_MIX, each with a surname prefix (80%) or none. */
async function listMix(pool: pg.Pool, seed: number, size = 2_000): Promise<Case[]> {
  const orgs = (await pool.query<{ id: number; path: string; kind: string; county_id: number }>('SELECT id, path, kind, county_id FROM orgs WHERE county_id IS NOT NULL ORDER BY id')).rows;
  const names = (await pool.query<{ name: string }>('SELECT name FROM members WHERE id % 97 = 0 ORDER BY id LIMIT 1000')).rows.map((r) => r.name);
  const byLevel = TRAFFIC_MIX.map(([kinds, w]) => [orgs.filter((o) => kinds.includes(o.kind)), w] as const).filter(([o]) => o.length > 0);
  const rng = new Rng(seed, 78);
  return Array.from({ length: size }, () => {
    const o = rng.pick(rng.weighted(byLevel));
    const name = rng.pick(names);
    return { orgId: Number(o.id), path: o.path, county: WIDE.includes(o.kind) ? Number(o.county_id) : null, q: rng.weighted([[name.slice(0, 1), 6], [name, 2], ['', 2]]) };
  });
}

/** Runs the HTTP figures against the database at `url` (already filled with county-scale data). */
export async function benchHttp(url: string): Promise<Row[]> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const password = 'Bench-Pass-2026!';
  const [root] = (await pool.query<{ id: number }>(`SELECT id FROM orgs WHERE kind = 'county' ORDER BY id LIMIT 1`)).rows;
  await pool.query(`INSERT INTO users (username, display_name, password_hash, home_org_id) VALUES ('bench', '压测', $1, $2)`, [await hashPassword(password), root.id]);
  await pool.query(`INSERT INTO grants (user_id, role, org_id) SELECT id, 'county_admin', $1 FROM users WHERE username = 'bench'`, [root.id]);
  const mix = await listMix(pool, 1);
  await pool.end();

  const server = await startServer(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  try {
    const { app, bare } = server;
    const login = await send(agent, `${app}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password }) });
    if (login.status !== 200) throw new Error(`bench login: ${login.status} ${login.body}`);
    const cookie = String(login.headers['set-cookie']).split(';')[0];
    const get = async (u: string, headers: Record<string, string> = {}) => {
      const r = await send(agent, u, { headers });
      if (r.status !== 200) throw new Error(`${r.status} ${r.body.slice(0, 200)}`);
    };
    const appReq = (i: number) => {
      const c = mix[Math.abs(i) % mix.length];
      return get(`${app}/api/v1/members?orgId=${c.orgId}&pageSize=50${c.q ? `&q=${encodeURIComponent(c.q)}` : ''}`, { cookie });
    };
    const bareReq = (i: number) => {
      const c = mix[Math.abs(i) % mix.length];
      return get(`${bare}/bare/members?county=${c.county ?? ''}&path=${encodeURIComponent(c.path)}&q=${encodeURIComponent(c.q)}`);
    };
    const paced = (op: (i: number) => Promise<void>, target: string) => measure(op, { target, rate: HTTP_LIMITS.rate, concurrency: 64, maxCount: HTTP_LIMITS.rate * 15, maxDurationMs: 15_000, warmup: 50 });
    const flat = (op: (i: number) => Promise<void>, target: string) => measure(op, { target, concurrency: 16, maxCount: 20_000, maxDurationMs: 8_000, warmup: 20 });
    note(`member list over HTTP: ${HTTP_LIMITS.rate}/s for 15 s, then full speed for 8 s, route and bare`);
    const appPaced = await paced(appReq, app);
    const barePaced = await paced(bareReq, bare);
    const appFlat = await flat(appReq, app);
    const bareFlat = await flat(bareReq, bare);
    const errors = appPaced.errors + appPaced.dropped + barePaced.errors + barePaced.dropped + appFlat.errors + bareFlat.errors;
    const firstError = appPaced.firstError ?? barePaced.firstError ?? appFlat.firstError ?? bareFlat.firstError;
    if (firstError) note(`first error: ${firstError}`);
    return [
      row(`member list route @${HTTP_LIMITS.rate}/s, achieved`, appPaced.rate, 'req/s', HTTP_LIMITS.rate * 0.95, 'higher'),
      row(`member list route @${HTTP_LIMITS.rate}/s, p50`, appPaced.p50, 'ms', null),
      row(`member list route @${HTTP_LIMITS.rate}/s, p99`, appPaced.p99, 'ms', HTTP_LIMITS.p99),
      row(`bare route (1 SQL) @${HTTP_LIMITS.rate}/s, p99`, barePaced.p99, 'ms', null),
      row('member list route, full speed', appFlat.rate, 'req/s', null, 'higher'),
      row('bare route (1 SQL), full speed', bareFlat.rate, 'req/s', null, 'higher'),
      row('member list route / bare route throughput', (100 * appFlat.rate) / bareFlat.rate, '%', null, 'higher'),
      row('member list HTTP, errors + dropped', errors, '', 0),
    ];
  } finally {
    agent.destroy();
    await server.stop();
  }
}
