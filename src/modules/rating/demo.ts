/**
 * Demo star ratings: the built-in standard of seed 003 saved for the demo county's last two years,
 * and a published rating of every community in each of them (levels deterministic, documents
 * numbered 演示〔year〕, each step marked 演示数据). This year is left to the users.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { Rng } from '../generate/random.js';
import { STANDARD_003 } from './standard-003.js';
import { RATED_KINDS, saveStandard } from './service.js';

/** Loads the demo ratings of the county; returns how many were published. */
export async function loadDemoStars(db: Db, county: OrgRef, today = new Date()): Promise<number> {
  const year = today.getFullYear();
  const rng = new Rng(20_100_608);
  const communities = await rows<{ id: number; path: string }>(db, sql`SELECT id, path FROM orgs
    WHERE county_id = ${county.id} AND kind = ANY(${`{${RATED_KINDS.join(',')}}`}::text[]) AND NOT archived ORDER BY id`);
  let n = 0;
  for (const y of [year - 2, year - 1]) {
    const std = await saveStandard(db, null, county, y, STANDARD_003, '内置标准（演示）');
    await db.transaction(async (tx) => {
      let doc = 0;
      for (const c of communities) {
        const level = rng.weighted([[2, 2], [3, 5], [4, 2], [5, 1]]);
        const [a] = await rows<{ id: number }>(tx, sql`INSERT INTO star_applications (county_id, org_id, org_path, year, standard_id, applied_level, level, state, doc_number, published_at)
          VALUES (${county.id}, ${c.id}, ${c.path}, ${y}, ${std.id}, ${level}, ${level}, 'published', ${`演示〔${y + 1}〕${++doc}号`}, ${`${y + 1}-01-15T10:00:00+08:00`}) RETURNING id`);
        await tx.execute(sql`INSERT INTO star_steps (county_id, application_id, step, from_state, to_state, level, comment)
          VALUES (${county.id}, ${a.id}, 'apply', 'draft', 'draft', ${level}, '演示数据'), (${county.id}, ${a.id}, 'publish', 'approved', 'published', ${level}, '演示数据')`);
        n++;
      }
    });
  }
  return n;
}
