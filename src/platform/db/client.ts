/** Opens the database: embedded PGlite under the data dir, or a PostgreSQL server by URL. One schema, one set of migrations. */
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import * as core from './schema.js';
import * as schemeTables from './scheme-tables.js';
import * as ratingTables from './rating-tables.js';
import * as evaluationTables from './evaluation-tables.js';
import * as gridTables from './grid-tables.js';
import * as serviceTables from './service-tables.js';

const schema = { ...core, ...schemeTables, ...ratingTables, ...evaluationTables, ...gridTables, ...serviceTables };

export type Schema = typeof schema;
/** A database handle or a transaction: both run queries the same way. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

import { MIGRATIONS_DIR } from '../paths.js';
export { MIGRATIONS_DIR };

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL with parameters and returns the rows. */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

// bigint columns come back as numbers; ids stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number(v));
// dates stay strings, as the schema declares.
pg.types.setTypeParser(1082, (v) => v);

/** Opens PGlite at `dir` (or in memory when dir is undefined), or PostgreSQL at `url`, and migrates it. */
export async function openDatabase(opts: { url?: string; dir?: string; poolMax?: number; migrate?: boolean }): Promise<Database> {
  let database: Database;
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolMax ?? 10 });
    // An idle connection dropped by the server (a restart, a terminated backend) must not take the process down.
    pool.on('error', (e) => console.error('[db] idle connection error:', e.message));
    const db = drizzlePg(pool, { schema }) as unknown as Db;
    if (opts.migrate !== false) await migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    database = {
      db,
      kind: 'postgres',
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      close: () => pool.end(),
    };
  } else {
    if (opts.dir) fs.mkdirSync(opts.dir, { recursive: true });
    const client = await PGlite.create({ dataDir: opts.dir, parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v } });
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    if (opts.migrate !== false) await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    database = {
      db,
      kind: 'pglite',
      query: async (text, params) => (await client.query(text, params as unknown[])).rows as never,
      close: () => client.close(),
    };
  }
  return database;
}

/** Rows of a raw `sql` query, whichever driver ran it. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A text[] literal of bound parameters (drizzle would spread a bare array into a list). */
export function textArray(values: string[]): SQL {
  return values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]` : sql`ARRAY[]::text[]`;
}

/** A bigint[] literal of bound parameters. */
export function idArray(values: number[]): SQL {
  return values.length ? sql`ARRAY[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::bigint[]` : sql`ARRAY[]::bigint[]`;
}

/** `column` lies under any of the subtree paths: OR-ed prefix LIKEs, each usable by a text_pattern_ops index. */
export function underAny(column: SQL, paths: string[]): SQL {
  if (!paths.length) return sql`FALSE`;
  const parts = paths.map((p) => sql`${column} LIKE ${`${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` OR `)})`;
}

/**
 * The node-postgres client under a transaction on a PostgreSQL server, for what only the driver
 * offers (COPY FROM STDIN); null on PGlite or outside a transaction (the handle is then a pool).
 * Drizzle keeps the client of a transaction's session in `session.client`.
 */
export function pgClientOf(db: Db): pg.PoolClient | null {
  const client = (db as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? (client as pg.PoolClient) : null;
}

/** A PostgreSQL array literal of scalars, to bind as one parameter or write as one COPY value (NULL for null, text quoted). */
export function arrayText(values: (string | number | boolean | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"` : String(v))).join(',')}}`;
}

/** One value in COPY's text format: \N for null, and backslash, tab, newline and return escaped. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  if (typeof value !== 'string') return typeof value === 'boolean' ? (value ? 't' : 'f') : String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/**
 * Streams rows into `table (columns)` with COPY FROM STDIN on `client`, `encode` giving each
 * slice's text (lines of copyText() values joined by tabs); the next slice is encoded while the
 * server takes the one before. Resolves when the server has stored every row.
 */
export async function copyInto<T>(client: pg.PoolClient, table: string, columns: string[], slices: Iterable<T>, encode: (slice: T) => string): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const done = finished(stream);
  done.catch(() => undefined); // awaited below; an early failure must not surface as unhandled meanwhile
  try {
    let ready: Promise<unknown> | null = null;
    for (const slice of slices) {
      const text = encode(slice);
      if (ready) await ready;
      if (stream.destroyed) break;
      ready = stream.write(text) ? null : Promise.race([once(stream, 'drain'), done]);
    }
    if (ready) await ready;
    stream.end();
  } catch (e) {
    stream.destroy(e as Error);
  }
  await done;
}
