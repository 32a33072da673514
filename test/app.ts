/** Helpers for API tests: an app over a test database, logins, and requests with the session and CSRF token. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/platform/http/app.js';
import { apiPlugins } from '../src/routes.js';
import { bootstrap } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import type { Database } from '../src/platform/db/client.js';
import type { AppContext } from '../src/platform/http/context.js';
import { grants, users } from '../src/platform/db/schema.js';
import { hashPassword } from '../src/platform/auth/password.js';
import { insertOrg } from '../src/modules/org/store.js';
import { testKeys } from './db.js';

export const PASSWORD = 'Test-Pass-2026!';

/** A context and app over the database, bootstrapped empty with admin/PASSWORD. */
export async function testApp(database: Database): Promise<{ ctx: AppContext; app: FastifyInstance }> {
  const config = loadConfig({ DATA_DIR: '/tmp/xf-unused', DEMO: '0', LOG_LEVEL: 'silent' }, []);
  const ctx: AppContext = { database, db: database.db, keys: testKeys, config };
  await bootstrap(ctx, { demo: false, adminPassword: PASSWORD });
  const app = await buildApp(ctx, apiPlugins);
  return { ctx, app };
}

/** A logged-in client: cookie and CSRF token applied to every request. */
export type Client = {
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  put: (url: string, body?: unknown) => Promise<LightMyRequestResponse>;
  del: (url: string) => Promise<LightMyRequestResponse>;
  csrf: string;
  cookie: string;
};

/** Logs in and returns a client, or throws with the server's answer. */
export async function loginAs(app: FastifyInstance, username: string, password = PASSWORD): Promise<Client> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login ${username}: ${r.statusCode} ${r.body}`);
  const cookie = r.cookies.find((c) => c.name === 'xf_session')!.value;
  const csrf = (r.json() as { csrfToken: string }).csrfToken;
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE') => (url: string, body?: unknown) =>
    app.inject({ method, url, cookies: { xf_session: cookie }, headers: { 'x-csrf-token': csrf }, ...(body === undefined ? {} : { payload: body as object }) });
  return { get: send('GET'), post: send('POST'), patch: send('PATCH'), put: send('PUT'), del: send('DELETE'), csrf, cookie };
}

/** Builds a small tree: county → street → two communities, each with a committee and a branch; returns their ids. */
export async function smallTree(ctx: AppContext) {
  const { db } = ctx;
  return db.transaction(async (tx) => {
    const { rows } = await import('../src/platform/db/client.js');
    const { sql } = await import('drizzle-orm');
    const [root] = await rows<{ id: number }>(tx, sql`SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
    const county = (await import('../src/modules/org/store.js')).getOrg;
    const c = (await county(tx, root.id))!;
    const street = await insertOrg(tx, c, { kind: 'street', name: '测试街道' });
    const commA = await insertOrg(tx, street, { kind: 'community', name: '甲社区' });
    const commB = await insertOrg(tx, street, { kind: 'community', name: '乙社区' });
    const branchA = await insertOrg(tx, commA, { kind: 'branch', name: '甲社区第一党支部' });
    const branchB = await insertOrg(tx, commB, { kind: 'branch', name: '乙社区第一党支部' });
    const hash = await hashPassword(PASSWORD);
    const mk = async (username: string, role: string, orgId: number) => {
      const [u] = await tx.insert(users).values({ username, displayName: username, passwordHash: hash, homeOrgId: orgId }).returning();
      await tx.insert(grants).values({ userId: u.id, role, orgId });
      return u.id;
    };
    await mk('seca', 'community_admin', commA.id);
    await mk('secb', 'community_admin', commB.id);
    await mk('streetadm', 'street_admin', street.id);
    await mk('auditor', 'audit_admin', root.id);
    await mk('secadmin', 'sec_admin', root.id);
    await mk('brancha', 'branch_secretary', branchA.id);
    return { countyId: c.id, street: street.id, commA: commA.id, commB: commB.id, branchA: branchA.id, branchB: branchB.id };
  });
}

/** A valid member body for the given branch (ID number checksum and birth date consistent). */
export function memberBody(orgId: number, over: Record<string, unknown> = {}) {
  return { orgId, name: '张三', gender: '男', birthDate: '1980-01-01', idNumber: '110101198001010010', phone: '13800138000', joinDate: '2005-07-01', fullDate: '2006-07-01', ...over };
}

/** A multipart/form-data body with one file field, built by hand. */
function multipart(field: string, fileName: string, bytes: Buffer): { body: Buffer; type: string } {
  const boundary = `----xf${Date.now().toString(16)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

/** Posts a file as multipart/form-data with the client's session and CSRF token. */
export function uploadFile(app: FastifyInstance, c: Client, url: string, bytes: Buffer, name = 'file.xlsx', field = 'file') {
  const { body, type } = multipart(field, name, bytes);
  return app.inject({ method: 'POST', url, cookies: { xf_session: c.cookie }, headers: { 'x-csrf-token': c.csrf, 'content-type': type }, payload: body });
}

/** An import job as GET /imports/:id shows it. */
export type Job = { id: number; status: string; total: number; done: number; errors: { row: number; column: string; message: string }[] };

/** Polls an import job every 100 ms until it ends; `seen` collects the progress shown while it ran. */
export async function waitJob(c: Client, id: number, seen: number[] = []): Promise<Job> {
  for (let i = 0; i < 600; i++) {
    const r = await c.get(`/api/v1/imports/${id}`);
    if (r.statusCode !== 200) throw new Error(`job ${id}: ${r.statusCode} ${r.body}`);
    const job = r.json() as Job;
    if (job.status !== 'running') return job;
    seen.push(job.done);
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error('import did not finish');
}
