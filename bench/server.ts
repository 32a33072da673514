/**
 * The servers the HTTP benchmark loads, in a process of their own: the product's API on
 * APP_PORT, and on BARE_PORT a bare Fastify route that reads the same page of members with one
 * SQL query (no session, no scope, no count) as the floor to compare with.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import { buildApp } from '../src/platform/http/app.js';
import { loadConfig } from '../src/platform/config.js';
import { apiPlugins } from '../src/routes.js';
import { benchKeys } from './generate.js';
import { MEMBER_LIST_SQL } from './sql.js';


const url = process.env.DATABASE_URL as string;
const database = await openDatabase({ url, poolMax: 10, migrate: false });
const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_DIR: '/tmp/xf-bench-unused' }, []);
const app = await buildApp({ database, db: database.db, keys: benchKeys(), config }, apiPlugins);
await app.listen({ port: Number(process.env.APP_PORT), host: '127.0.0.1' });

const pool = new pg.Pool({ connectionString: url, max: 10 });
const bare = Fastify();
bare.get<{ Querystring: { county: string; path: string; q: string } }>('/bare/members', async (req) => {
  const r = await pool.query(MEMBER_LIST_SQL, [req.query.county ? Number(req.query.county) : null, `${req.query.path}%`, `${req.query.q}%`]);
  return { items: r.rows };
});
await bare.listen({ port: Number(process.env.BARE_PORT), host: '127.0.0.1' });
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await app.close();
  await bare.close();
  await pool.end();
  await database.close();
  process.exit(0);
});
