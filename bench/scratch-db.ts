/** Scratch PostgreSQL databases for benchmarks: created on the admin connection, dropped at the end. */
import crypto from 'node:crypto';
import pg from 'pg';
import { assertLoopback } from './lib.js';

/** A database that exists only for the duration of a benchmark. */
export type ScratchDatabase = { url: string; name: string; drop: () => Promise<void> };

/** The admin connection of the benchmarks (BENCH_DATABASE_URL, loopback only). */
export function adminUrl(): string {
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  assertLoopback(url);
  return url;
}

async function onAdmin(admin: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Creates an empty database named xf_bench_<random> next to the admin database. */
export async function createScratchDatabase(admin: string): Promise<ScratchDatabase> {
  const name = `xf_bench_${crypto.randomBytes(5).toString('hex')}`;
  await onAdmin(admin, `CREATE DATABASE ${name}`);
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return { url: u.toString(), name, drop: () => onAdmin(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
