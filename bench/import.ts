/** Import of 10,000 members from .xlsx through the real route, on PGlite and on PostgreSQL: from the upload to the job's end. */
import { sql } from 'drizzle-orm';
import { openDatabase, rows, type Database } from '../src/platform/db/client.js';
import { buildApp } from '../src/platform/http/app.js';
import { loadConfig } from '../src/platform/config.js';
import { bootstrap } from '../src/platform/bootstrap.js';
import { apiPlugins } from '../src/routes.js';
import { insertOrg, getOrg } from '../src/modules/org/store.js';
import { memberFile, memberRow } from '../src/modules/excel/fixtures.js';
import { benchKeys } from './generate.js';
import { note, row, timed, type Row } from './lib.js';
import { createScratchDatabase } from './scratch-db.js';

export const IMPORT_LIMIT_S = 10;
const PASSWORD = 'Bench-Import-2026!';

async function importOnce(database: Database, file: Buffer): Promise<number> {
  const config = loadConfig({ LOG_LEVEL: 'silent', DATA_DIR: '/tmp/xf-bench-unused', DEMO: '0' }, []);
  const ctx = { database, db: database.db, keys: benchKeys(), config };
  await bootstrap(ctx, { demo: false, adminPassword: PASSWORD });
  const [root] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM orgs WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  const branch = await ctx.db.transaction(async (tx) => {
    const street = await insertOrg(tx, (await getOrg(tx, root.id))!, { kind: 'street', name: '导入街道' });
    const community = await insertOrg(tx, street, { kind: 'community', name: '导入社区' });
    return insertOrg(tx, community, { kind: 'branch', name: '导入党支部' });
  });
  const app = await buildApp(ctx, apiPlugins);
  try {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const cookie = login.cookies.find((c) => c.name === 'xf_session')!.value;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const boundary = '----xfbench';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="members.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`),
      file, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const { ms } = await timed(async () => {
      const r = await app.inject({ method: 'POST', url: `/api/v1/imports/members?orgId=${branch.id}`, cookies: { xf_session: cookie }, headers: { 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
      if (r.statusCode !== 202) throw new Error(`import refused: ${r.statusCode} ${r.body}`);
      const id = (r.json() as { jobId: number }).jobId;
      for (;;) {
        const j = (await app.inject({ url: `/api/v1/imports/${id}`, cookies: { xf_session: cookie } })).json() as { status: string; errors: unknown[] };
        if (j.status === 'done') return;
        if (j.status === 'failed') throw new Error(`import failed: ${JSON.stringify(j.errors.slice(0, 3))}`);
        await new Promise((res) => setTimeout(res, 50));
      }
    });
    return ms;
  } finally {
    await app.close();
  }
}

/** Imports the same 10,000-member file into a fresh PGlite and into a fresh PostgreSQL database made through `adminUrl`. */
export async function benchImport(adminUrl: string): Promise<Row[]> {
  const file = await memberFile(Array.from({ length: 10_000 }, (_, i) => memberRow(i, '110105')));
  note(`import of 10,000 members (${Math.round(file.length / 1024)} KB) on PGlite and PostgreSQL`);
  const lite = await openDatabase({});
  const liteMs = await importOnce(lite, file).finally(() => lite.close());
  const scratch = await createScratchDatabase(adminUrl);
  const server = await openDatabase({ url: scratch.url });
  const pgMs = await importOnce(server, file).finally(async () => { await server.close(); await scratch.drop(); });
  return [
    row('import 10,000 members .xlsx, PGlite', liteMs / 1000, 's', IMPORT_LIMIT_S),
    row('import 10,000 members .xlsx, PostgreSQL', pgMs / 1000, 's', IMPORT_LIMIT_S),
  ];
}
