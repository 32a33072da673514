/**
 * A year's 民主评议 results counted afresh from the opened ballots: one GROUP BY over every grade
 * given, each campaign's own rule applied, and any disagreement with the results stored at the count.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../platform/db/client.js';
import { tally, type Constituency, type Counts, type Rule } from './rules.js';

/** Counts per campaign and member from the opened ballots: one GROUP BY over every grade given. */
export async function openedCounts(db: Db, where: ReturnType<typeof sql>): Promise<Map<number, Map<number, Counts>>> {
  const list = await rows<{ campaignId: number; memberId: string; constituency: Constituency; grade: string; n: number }>(db, sql`
    SELECT o.campaign_id AS "campaignId", g.key AS "memberId", o.constituency, g.value AS grade, count(*)::int AS n
    FROM eval_opened o JOIN eval_campaigns c ON c.county_id = o.county_id AND c.id = o.campaign_id, jsonb_each_text(o.content -> 'grades') g
    WHERE o.content IS NOT NULL AND ${where} GROUP BY 1, 2, 3, 4`);
  const out = new Map<number, Map<number, Counts>>();
  for (const r of list) {
    const byMember = out.get(Number(r.campaignId)) ?? new Map<number, Counts>();
    const m = byMember.get(Number(r.memberId)) ?? { members: {}, residents: {} };
    m[r.constituency][r.grade] = r.n;
    byMember.set(Number(r.memberId), m);
    out.set(Number(r.campaignId), byMember);
  }
  return out;
}

/**
 * A year's results under an organisation, counted afresh from the opened ballots of every counted
 * campaign by its own rule: members per grade overall and per campaign, and how many members'
 * recounted grades differ from the results stored at the count (overall and per campaign).
 */
export async function yearSummary(db: Db, path: string, year: number) {
  const campaigns = await rows<{ id: number; countyId: number; orgId: number; name: string; orgName: string; rule: Rule; state: string }>(db, sql`SELECT c.id, c.county_id AS "countyId", c.org_id AS "orgId", c.name, o.name AS "orgName", c.rule, c.state
    FROM eval_campaigns c JOIN orgs o ON o.id = c.org_id WHERE c.org_path LIKE ${`${path}%`} AND c.year = ${year} AND c.state IN ('counted', 'published') ORDER BY o.name, c.id`);
  const counts = await openedCounts(db, sql`c.org_path LIKE ${`${path}%`} AND c.year = ${year} AND c.state IN ('counted', 'published')`);
  const stored = await rows<{ campaignId: number; memberId: number; grade: string | null }>(db, sql`SELECT r.campaign_id AS "campaignId", r.member_id AS "memberId", r.grade FROM eval_results r
    JOIN eval_campaigns c ON c.county_id = r.county_id AND c.id = r.campaign_id WHERE c.org_path LIKE ${`${path}%`} AND c.year = ${year} AND c.state IN ('counted', 'published')`);
  const storedGrade = new Map(stored.map((s) => [`${s.campaignId}:${s.memberId}`, s.grade]));
  const storedBy = new Map<number, number[]>();
  for (const s of stored) storedBy.set(Number(s.campaignId), [...(storedBy.get(Number(s.campaignId)) ?? []), Number(s.memberId)]);
  const byGrade: Record<string, number> = {};
  let members = 0;
  let mismatches = 0;
  const perCampaign = campaigns.map((c) => {
    const ms = counts.get(Number(c.id)) ?? new Map<number, Counts>();
    // members graded in the stored results but given no valid grade at all still count, with no ballots
    for (const m of storedBy.get(Number(c.id)) ?? []) if (!ms.has(m)) ms.set(m, { members: {}, residents: {} });
    const results = tally(c.rule, ms);
    const grades: Record<string, number> = {};
    let differ = 0;
    for (const r of results) {
      const g = r.grade ?? '未评定';
      grades[g] = (grades[g] ?? 0) + 1;
      byGrade[g] = (byGrade[g] ?? 0) + 1;
      if ((storedGrade.get(`${c.id}:${r.memberId}`) ?? null) !== r.grade) differ++;
    }
    members += results.length;
    mismatches += differ;
    return { id: Number(c.id), name: c.name, orgId: Number(c.orgId), orgName: c.orgName, state: c.state, members: results.length, grades, mismatches: differ };
  });
  return { year, campaigns: perCampaign.length, members, byGrade, mismatches, items: perCampaign };
}
