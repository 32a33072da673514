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
import { benchRecordHttp, benchYearEndPglite, benchYearEndPostgres } from './points.js';
import { benchStars } from './stars.js';
import { benchEvaluation, benchTally } from './evaluation.js';
import { benchRequests } from './requests.js';

/** BENCH_ONLY=points: only the county generation and the points figures; BENCH_ONLY=stars: only the star-rating figures; BENCH_ONLY=evaluation: only the ballots; BENCH_ONLY=requests: only residents' requests. */
const only = process.env.BENCH_ONLY;

/** Runs every benchmark and returns its rows. */
export async function runAll(): Promise<Row[]> {
  if (only === 'stars') return benchStars();
  if (only === 'evaluation') return [...(await benchEvaluation()), ...(await benchTally())];
  if (only === 'requests') return benchRequests();
  const keys = benchKeys();
  const rows: Row[] = only === 'points' ? [] : [...benchProtect(keys), ...(await benchDemoPglite(keys))];
  const scratch = await createScratchDatabase(adminUrl());
  note(`scratch database ${scratch.name}`);
  try {
    const county = await benchCountyPostgres(scratch.url, keys);
    rows.push(...county.rows);
    if (only !== 'points') {
      rows.push(...(await benchMemberList(scratch.url)).rows);
      rows.push(...(await benchHttp(scratch.url)));
    }
    // after the member-list figures: the 2.5M-entry ledger would otherwise crowd their pages out of the cache
    const points = await benchYearEndPostgres(scratch.url, county.result.rootOrgId, county.result.members);
    rows.push(...points.rows);
    rows.push(...(await benchRecordHttp(scratch.url, points.target)));
    rows.push(...(await benchYearEndPglite(keys)));
    if (only !== 'points') rows.push(...(await benchImport(adminUrl())));
  } finally {
    await scratch.drop();
  }
  if (only !== 'points') rows.push(...(await benchStars()), ...(await benchEvaluation()), ...(await benchTally()), ...(await benchRequests()), ...(await benchStart()));
  return rows;
}

const rows = await runAll();
printTable(rows);
process.exitCode = rows.every((r) => r.ok) ? 0 : 1;
