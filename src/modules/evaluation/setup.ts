/**
 * Setting up a 民主评议 campaign: the members on the ballot (all members of the organisation in good
 * standing unless named; probationary ones take part without a grade), the 党外群众代表 of its
 * community, 2–7 tellers, the rule, and optionally points into the ledger at publication. Every
 * input is checked before anything is written; one transaction with its audit event.
 */
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { requireAccess, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { schemeForYear } from '../scheme/store.js';
import { GRADE_SETS, RULE_NATIONAL, RULE_SEED003, RuleSchema, ruleProblems } from './rules.js';
import { ballotBytesFor, mayManage } from './service.js';

const When = z.iso.datetime({ offset: true });
/** What a campaign is set up with. */
export const CreateBody = z.strictObject({
  orgId: z.number().int().positive(),
  year: z.number().int().min(2000).max(2100),
  name: z.string().trim().min(1).max(100),
  gradeSet: z.enum(['seed003', 'national']).default('seed003'),
  rule: RuleSchema.optional(),
  /** Members on the ballot; all members of the organisation in good standing when left out. */
  memberIds: z.array(z.number().int().positive()).max(500).optional(),
  /** 党外群众代表 who vote in the residents' constituency. */
  residentIds: z.array(z.number().int().positive()).max(500).default([]),
  tellerIds: z.array(z.number().int().positive()).min(2, '至少需要2名计票人').max(7),
  threshold: z.number().int().min(1).max(7).optional(),
  opensAt: When,
  closesAt: When,
  /** Points into each member's ledger at publication: the scheme, and an indicator per grade that earns points. */
  points: z.strictObject({ schemeId: z.number().int().positive(), indicators: z.record(z.string().max(10), z.string().trim().min(1).max(24)) }).optional(),
});
/** A campaign's set-up, as validated. */
export type CreateInput = z.infer<typeof CreateBody>;

/** Sets up a campaign: the members on the ballot, the two constituencies' voters, the tellers; every input checked first. */
export async function createCampaign(db: Db, actor: Actor, b: CreateInput): Promise<{ id: number }> {
  const org = (await requireAccess(db, actor, 'eval.read', [b.orgId])).get(b.orgId)!;
  if (!mayManage(actor, org.path)) throw errors.forbidden();
  if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
  if (Date.parse(b.closesAt) <= Date.parse(b.opensAt)) throw errors.validation('结束时间应晚于开始时间', 'the close must come after the opening', [{ path: ['closesAt'], message: '应晚于开始时间' }]);
  const rule = b.rule ?? (b.gradeSet === 'national' ? RULE_NATIONAL : RULE_SEED003);
  const problems = ruleProblems(rule);
  if (problems.length) throw errors.validation(`评议规则有 ${problems.length} 处问题`, 'the rule has problems', problems.map((p) => ({ ...p, path: ['rule', ...p.path] })));
  const threshold = b.threshold ?? Math.floor(b.tellerIds.length / 2) + 1;
  if (threshold > b.tellerIds.length) throw errors.validation('开箱所需计票人数不能多于计票人数', 'the threshold exceeds the tellers', [{ path: ['threshold'], message: '不能多于计票人数' }]);
  if (b.points) {
    const found = await schemeForYear(db, b.points.schemeId, b.year);
    const codes = new Set((found?.version?.definition as { indicators?: { code: string }[] } | undefined)?.indicators?.map((x) => x.code) ?? []);
    // the scheme must apply to the organisation: set by it or by an organisation above it
    const [owner] = found ? await rows<{ path: string }>(db, sql`SELECT path FROM orgs WHERE id = ${found.scheme.orgId}`) : [];
    if (!found || !owner || !org.path.startsWith(owner.path)) {
      throw errors.validation('积分方案不存在或不在本组织范围内', 'no such scheme in scope', [{ path: ['points', 'schemeId'], message: '积分方案无效' }]);
    }
    // what publication would refuse later: an organisation scheme, an archived one, or none in force that year
    const unfit = found.scheme.subject !== 'member' ? ['须是党员积分方案', 'the scheme does not score members']
      : found.scheme.archived ? ['积分方案已停用', 'the scheme is archived']
        : !found.version ? [`积分方案在 ${b.year} 年没有生效的版本`, `the scheme has no version in force in ${b.year}`] : null;
    if (unfit) throw errors.validation(unfit[0], unfit[1], [{ path: ['points', 'schemeId'], message: unfit[0] }]);
    const grades: readonly string[] = GRADE_SETS[rule.gradeSet];
    const bad = Object.entries(b.points.indicators).filter(([g, code]) => !grades.includes(g) || !codes.has(code));
    if (bad.length) throw errors.validation(`等次或指标无效：${bad.map(([g, code]) => `${g}→${code}`).join('、')}`, 'unknown grade or indicator', bad.map(([g]) => ({ path: ['points', 'indicators', g], message: '等次或指标无效' })));
  }
  const like = `${org.path}%`;
  const members = await rows<{ id: number; name: string; category: string }>(db, sql`SELECT id, name, category FROM members
    WHERE county_id = ${org.countyId} AND org_path LIKE ${like} AND party_state IN ('正常', '恢复') ORDER BY name, id LIMIT 1001`);
  if (members.length > 500) throw errors.validation('一次评议至多500名党员，请按支部分别组织', 'at most 500 members per campaign');
  const onBallot = b.memberIds ? members.filter((m) => b.memberIds!.includes(m.id)) : members;
  const strangers = (b.memberIds ?? []).filter((id) => !members.some((m) => m.id === id));
  if (strangers.length) throw errors.validation(`党员 ${strangers.slice(0, 5).join('、')} 不在本组织或不是正常党籍`, 'members outside the organisation', strangers.map((id) => ({ path: ['memberIds'], message: `党员 ${id}` })));
  if (!onBallot.some((m) => m.category === '正式党员')) throw errors.validation('评议名单中至少需要一名正式党员', 'at least one full member on the ballot');
  const residents = b.residentIds.length ? await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM residents WHERE county_id = ${org.countyId}
    AND id = ANY(${`{${b.residentIds.join(',')}}`}::bigint[]) AND is_nonparty_rep AND (${org.path} LIKE community_path || '%' OR community_path LIKE ${like})`) : [];
  const missing = b.residentIds.filter((id) => !residents.some((r) => r.id === id));
  if (missing.length) throw errors.validation('群众代表须是本社区登记的党外群众代表', 'residents must be this community\'s non-party representatives', missing.map((id) => ({ path: ['residentIds'], message: `居民 ${id}` })));
  const tellers = await rows<{ id: number; paths: string[] }>(db, sql`SELECT u.id, array_agg(o.path) AS paths FROM users u JOIN grants g ON g.user_id = u.id JOIN orgs o ON o.id = g.org_id
    WHERE u.id = ANY(${`{${b.tellerIds.join(',')}}`}::bigint[]) AND NOT u.disabled AND g.role NOT IN ('sys_admin', 'sec_admin', 'audit_admin') GROUP BY u.id`);
  const badTellers = b.tellerIds.filter((id) => !tellers.some((t) => t.id === id && t.paths.some((p) => org.path.startsWith(p) || p.startsWith(org.path))));
  if (badTellers.length || new Set(b.tellerIds).size !== b.tellerIds.length) throw errors.validation('计票人须是本组织或其上级、下级组织的用户，且不能重复', 'tellers must be distinct users of this organisation', [{ path: ['tellerIds'], message: '计票人无效' }]);
  return db.transaction(async (tx) => {
    const [c] = await rows<{ id: number }>(tx, sql`INSERT INTO eval_campaigns (county_id, org_id, org_path, year, name, rule, opens_at, closes_at, teller_ids, threshold, ballot_bytes, points, created_by)
      VALUES (${org.countyId}, ${org.id}, ${org.path}, ${b.year}, ${b.name}, ${JSON.stringify(rule)}::jsonb, ${b.opensAt}, ${b.closesAt}, ${`{${b.tellerIds.join(',')}}`}::bigint[], ${threshold}, ${ballotBytesFor(onBallot.length)},
        ${b.points ? JSON.stringify(b.points) : null}::jsonb, ${actor.userId})
      RETURNING id`);
    for (const m of onBallot) await tx.execute(sql`INSERT INTO eval_subjects (county_id, campaign_id, member_id, name, graded) VALUES (${org.countyId}, ${c.id}, ${m.id}, ${m.name}, ${m.category === '正式党员'})`);
    for (const m of members) await tx.execute(sql`INSERT INTO eval_voters (county_id, campaign_id, constituency, person_id, name) VALUES (${org.countyId}, ${c.id}, 'members', ${m.id}, ${m.name})`);
    for (const r of residents) await tx.execute(sql`INSERT INTO eval_voters (county_id, campaign_id, constituency, person_id, name) VALUES (${org.countyId}, ${c.id}, 'residents', ${r.id}, ${r.name})`);
    await insertEvent(tx, { type: 'eval.created', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'eval_campaign', targetId: c.id,
      data: { year: b.year, name: b.name, subjects: onBallot.length, members: members.length, residents: residents.length, tellers: b.tellerIds.length, threshold } });
    return { id: c.id };
  });
}
