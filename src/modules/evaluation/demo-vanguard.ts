/**
 * The demo's 先锋承诺三方评价: six members in the first street's 机关党支部 (names fictitious), and last
 * year's three assessments of each, one of them decided 优秀党员, so the 先锋承诺评价 page has a year
 * to show (the `street` account reads it).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { Keys } from '../../platform/crypto/sm.js';
import { insertEvent } from '../../platform/audit/store.js';
import { insertMembers, memberValues } from '../people/service.js';
import { MemberFields } from '../people/schema.js';
import { DEFAULT_WEIGHTS } from './vanguard.js';

const PEOPLE: [string, '男' | '女', string, number, number[], number][] = [
  ['甄立衡', '男', '1978-03-12', 96, [94, 97, 95], 98],
  ['柏思远', '男', '1985-07-02', 92, [90, 88, 91], 93],
  ['简若溪', '女', '1990-11-21', 90, [86, 85, 88], 87],
  ['贺知秋', '女', '1982-05-09', 88, [84, 83, 80], 85],
  ['邝明哲', '男', '1975-01-30', 85, [80, 82, 79], 81],
  ['祁采薇', '女', '1993-09-15', 94, [78, 80, 76], 79],
];

/** Loads the demo members and reviews; returns how many reviews, or 0 without a 机关 branch. */
export async function loadDemoVanguard(db: Db, keys: Keys, year = new Date().getFullYear() - 1): Promise<number> {
  const [branch] = await rows<{ id: number; path: string; countyId: number }>(db, sql`SELECT id, path, county_id AS "countyId" FROM orgs
    WHERE kind = 'branch' AND unit_nature = '机关' AND NOT archived ORDER BY id LIMIT 1`);
  if (!branch) return 0;
  return db.transaction(async (tx) => {
    const values = PEOPLE.map(([name, gender, birthDate]) => memberValues(keys, MemberFields.parse({ orgId: branch.id, name, gender, birthDate, joinDate: '2008-07-01', fullDate: '2009-07-01', post: name === '甄立衡' ? '党支部书记' : null, workplace: '街道办事处' }), branch));
    const ids = await insertMembers(tx, values);
    for (const [i, [name, , , self, peers, org]] of PEOPLE.entries()) {
      await tx.execute(sql`INSERT INTO vanguard_reviews (county_id, org_id, org_path, year, member_id, member_name, self_score, peer_scores, org_score, weights, excellent, decision_note)
        VALUES (${branch.countyId}, ${branch.id}, ${branch.path}, ${year}, ${ids[i]}, ${name}, ${self}, ${`{${peers.join(',')}}`}::float8[], ${org}, ${JSON.stringify(DEFAULT_WEIGHTS)}::jsonb,
          ${i === 0 ? true : null}, ${i === 0 ? '支部党员大会表决通过（演示数据）' : null})`);
    }
    await insertEvent(tx, { type: 'demo.loaded', actorName: 'system', countyId: branch.countyId, orgId: branch.id, orgPath: branch.path, targetType: 'vanguard_review', targetId: String(year), data: { what: 'vanguard', members: ids.length } });
    return ids.length;
  });
}
