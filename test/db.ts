/**
 * Database test harness: each suite runs on embedded PGlite, and again on a PostgreSQL server
 * when TEST_DATABASE_URL is set (a fresh database per suite, dropped afterwards).
 */
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { type Keys } from '../src/platform/crypto/sm.js';

export type Backend = 'pglite' | 'postgres';

/** The backends this run tests against. */
export function backends(): Backend[] {
  return process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** Fixed keys for tests. */
export const testKeys: Keys = { dataKey: Buffer.alloc(16, 7), hashKey: Buffer.alloc(32, 9) };

/** Creates a fresh, migrated database of the given kind. */
export async function freshDatabase(kind: Backend): Promise<{ database: Database; url?: string; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const database = await openDatabase({});
    return { database, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL as string;
  const name = `xf_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ url, poolMax: 5 });
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A temporary directory removed at exit of the suite. */
export function tempDir(prefix = 'xf-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Declares `body` once per backend, with a fresh migrated database shared by the suite.
 * `ctx()` returns the live database inside tests.
 */
export function describeDb(name: string, body: (ctx: () => Database, kind: Backend) => void): void {
  for (const kind of backends()) {
    describe(`${name} [${kind}]`, () => {
      let handle: Awaited<ReturnType<typeof freshDatabase>> | undefined;
      beforeAll(async () => { handle = await freshDatabase(kind); });
      afterAll(async () => { await handle?.drop(); });
      body(() => {
        if (!handle) throw new Error('database not ready');
        return handle.database;
      }, kind);
    });
  }
}
