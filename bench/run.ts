/**
 * `npm run bench`: every figure of the project next to its limit, in one table. Load goes only
 * to this machine; scratch databases are created on BENCH_DATABASE_URL and dropped at the end.
 * Exits with 1 when a limit is missed.
 */
import { note, printTable, type Row } from './lib.js';
import { adminUrl, createScratchDatabase } from './scratch-db.js';
import { benchCountyPostgres, benchDemoPglite, benchKeys, benchProtect } from './generate.js';
import { benchMemberList } from './sql.js';
import { benchHttp } from './http.js';
import { benchImport } from './import.js';
import { benchStart } from './start.js';

/** Runs every benchmark and returns its rows. */
export async function runAll(): Promise<Row[]> {
  const keys = benchKeys();
  const rows: Row[] = [...benchProtect(keys), ...(await benchDemoPglite(keys))];
  const scratch = await createScratchDatabase(adminUrl());
  note(`scratch database ${scratch.name}`);
  try {
    const county = await benchCountyPostgres(scratch.url, keys);
    rows.push(...county.rows);
    rows.push(...(await benchMemberList(scratch.url)).rows);
    rows.push(...(await benchHttp(scratch.url)));
    rows.push(...(await benchImport(adminUrl())));
  } finally {
    await scratch.drop();
  }
  rows.push(...(await benchStart()));
  return rows;
}

const rows = await runAll();
printTable(rows);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
