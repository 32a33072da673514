/**
 * Demo star ratings: the built-in standard of seed 003 saved for the demo county's last two years,
 * and a published rating of every community in each of them (levels deterministic, documents
 * numbered 演示〔year〕, each step marked 演示数据). For last year, a second version of the standard
 * with example project funds by level and the 创新奖 switched on, and one award. A 机关 and a 事业单位
 * party branch in each street, and 五好 results of both years for every organisation the standard
 * counts. This year is left to the users.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { Rng } from '../generate/random.js';
import { STANDARD_003 } from './standard-003.js';
import { RATED_KINDS, saveStandard } from './service.js';
import { getOrg, insertOrg } from '../org/store.js';
import { FIVE_GOOD_ITEMS, fiveGoodMet } from './five-good.js';

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
  await demoFiveGood(db, county, rng, [year - 2, year - 1]);
  // last year: the county's own version with example funds and the 创新奖, and one award to a five-star community
  await saveStandard(db, null, county, year - 1, { ...STANDARD_003, projectFunds: { 1: 0, 2: 0, 3: 20_000, 4: 30_000, 5: 50_000 }, innovationAward: { enabled: true, amount: 10_000 } },
    '演示：设定项目资金，启用党建创新奖');
  const [star] = await rows<{ orgId: number; orgPath: string }>(db, sql`SELECT org_id AS "orgId", org_path AS "orgPath" FROM star_applications
    WHERE county_id = ${county.id} AND year = ${year - 1} AND state = 'published' ORDER BY level DESC, id LIMIT 1`);
  if (star) {
    await db.execute(sql`INSERT INTO innovation_awards (county_id, org_id, org_path, year, title, amount, note)
      VALUES (${county.id}, ${star.orgId}, ${star.orgPath}, ${year - 1}, '“红色物业”楼道自治（演示）', 10000, '演示数据')`);
  }
  return n;
}

/** A 机关 and a 事业单位 branch under each street, and 五好 results of the years for everything the standard counts (about four in five met). */
async function demoFiveGood(db: Db, county: OrgRef, rng: Rng, years: number[]): Promise<void> {
  await db.transaction(async (tx) => {
    const streets = await rows<{ id: number }>(tx, sql`SELECT id FROM orgs WHERE county_id = ${county.id} AND kind IN ('street', 'town') AND NOT archived ORDER BY id`);
    for (const { id } of streets) {
      const st = (await getOrg(tx, id))!;
      await insertOrg(tx, st, { kind: 'branch', name: `${st.name}机关党支部`, unitName: `${st.name}办事处`, unitNature: '机关', establishedOn: '2001-06-18' });
      await insertOrg(tx, st, { kind: 'branch', name: `${st.name}社区卫生服务中心党支部`, unitName: `${st.name}社区卫生服务中心`, unitNature: '事业单位', establishedOn: '2008-03-12' });
    }
    const counted = await rows<{ id: number; path: string; category: string }>(tx, sql`SELECT id, path, five_good_category AS category
      FROM orgs WHERE county_id = ${county.id} AND five_good_category IS NOT NULL AND NOT archived ORDER BY id`);
    for (const y of years) {
      for (const o of counted) {
        const parts = Object.fromEntries(FIVE_GOOD_ITEMS.map((k) => [k, rng.chance(0.95)])) as Record<(typeof FIVE_GOOD_ITEMS)[number], boolean>;
        await tx.execute(sql`INSERT INTO five_good_ratings (county_id, org_id, org_path, year, category, leadership, members, mechanism, performance, reputation, met, note)
          VALUES (${county.id}, ${o.id}, ${o.path}, ${y}, ${o.category}, ${parts.leadership}, ${parts.members}, ${parts.mechanism}, ${parts.performance}, ${parts.reputation}, ${fiveGoodMet(parts)}, '演示数据')`);
      }
    }
  });
}
