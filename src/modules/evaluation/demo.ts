/**
 * The demo 民主评议: last year's campaign of branch1's branch, with branch1 and community1 as its
 * tellers, run through every step of the product's own service (five adult residents are named
 * 党外群众代表 when the community has fewer than three on record): codes issued, the box opened,
 * both shares collected, a ballot cast with every code (grades drawn with a fixed seed, dated
 * within last year's voting window), closed, counted and published. The codes and shares live only
 * in this function, as they would on paper.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import type { Keys } from '../../platform/crypto/sm.js';
import type { Actor } from '../../platform/auth/access.js';
import { loadGrants } from '../../platform/auth/service.js';
import { Rng } from '../generate/random.js';
import { GRADE_SETS } from './rules.js';
import { createCampaign } from './setup.js';
import { campaignById, castBallot, closeCampaign, issueCodes, openCampaign } from './service.js';
import { bringShare, collectShare, countCampaign } from './count.js';
import { publishCampaign } from './publish.js';

/** The actor of a demo account, with its grants, or null when there is no such account. */
export async function actorNamed(db: Db, username: string): Promise<Actor | null> {
  const [u] = await rows<{ id: number; displayName: string }>(db, sql`SELECT id, display_name AS "displayName" FROM users WHERE username = ${username}`);
  return u ? { userId: Number(u.id), username, displayName: u.displayName, grants: await loadGrants(db, Number(u.id)), memberId: null, memberCountyId: null } : null;
}

/** Loads the demo campaign; returns its id, or null when the demo has no branch1 or community1. */
export async function loadDemoEvaluation(db: Db, keys: Keys, today = new Date()): Promise<number | null> {
  const [secretary, community] = [await actorNamed(db, 'branch1'), await actorNamed(db, 'community1')];
  const branch = secretary?.grants.find((g) => g.role === 'branch_secretary');
  if (!secretary || !community || !branch) return null;
  const year = today.getFullYear() - 1;
  let reps = await rows<{ id: number }>(db, sql`SELECT r.id FROM residents r WHERE r.is_nonparty_rep AND ${branch.orgPath} LIKE r.community_path || '%' ORDER BY r.id LIMIT 5`);
  if (reps.length < 3) {
    // a community without enough 党外群众代表 on record gets five of its adult residents named so
    reps = await rows<{ id: number }>(db, sql`UPDATE residents SET is_nonparty_rep = true, version = version + 1 WHERE (county_id, id) IN (
      SELECT county_id, id FROM residents WHERE ${branch.orgPath} LIKE community_path || '%' AND birth_date <= ${`${year - 30}-01-01`} ORDER BY id LIMIT 5) RETURNING id`);
  }
  const opensAt = new Date(`${year}-12-10T01:00:00Z`);
  const { id } = await createCampaign(db, secretary, {
    orgId: branch.orgId, year, name: `${year}年度党员民主评议（演示）`, gradeSet: 'seed003', residentIds: reps.map((r) => Number(r.id)),
    tellerIds: [secretary.userId, community.userId], opensAt: opensAt.toISOString(), closesAt: `${year}-12-20T09:00:00Z`,
  });
  const fresh = async () => (await campaignById(db, id))!;
  const sheets = await issueCodes(db, secretary, await fresh(), (await fresh()).rowVersion);
  await openCampaign(db, keys, secretary, await fresh(), (await fresh()).rowVersion);
  const shares = [await collectShare(db, keys, secretary, await fresh()), await collectShare(db, keys, community, await fresh())];
  const subjects = await rows<{ memberId: number }>(db, sql`SELECT member_id AS "memberId" FROM eval_subjects WHERE campaign_id = ${id} AND graded ORDER BY member_id`);
  const grades = GRADE_SETS.seed003;
  const rng = new Rng(20_101_210);
  // most members are judged 合格 or better; one member draws the residents' distrust
  const doubted = subjects.length > 3 ? Number(subjects[subjects.length - 1].memberId) : -1;
  for (const s of sheets) {
    const g = Object.fromEntries(subjects.map((m) => {
      const grade = s.constituency === 'residents' && Number(m.memberId) === doubted ? grades[4] : rng.weighted([[grades[0], 3], [grades[1], 6], [grades[2], 1]] as const);
      return [String(m.memberId), grade];
    }));
    await castBallot(db, await fresh(), { code: s.code, constituency: s.constituency, grades: g }, new Date(opensAt.getTime() + 3_600_000));
  }
  await closeCampaign(db, secretary, await fresh(), (await fresh()).rowVersion);
  await bringShare(db, keys, secretary, await fresh(), shares[0]);
  await bringShare(db, keys, community, await fresh(), shares[1]);
  await countCampaign(db, keys, secretary, await fresh(), (await fresh()).rowVersion);
  await publishCampaign(db, secretary, await fresh(), (await fresh()).rowVersion);
  return id;
}
