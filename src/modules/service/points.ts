/**
 * Which indicator of which points scheme a confirmed service earns: a rule per organisation, set by
 * its managers (request.manage) and checked against the scheme as the 民主评议 set-up checks its
 * points; the nearest rule above a member's branch applies. The award itself goes through the points
 * ledger's idempotent `awardPoints` with the source key `service:<id>`, so a service earns at most once.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, underAny, type Db } from '../../platform/db/client.js';
import { can, requireAccess, scopePaths, type Actor } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { today } from '../../platform/clock.js';
import { awardPoints, prepareEntry } from '../points/index.js';
import { schemeForYear, versionForYear, type SchemeDefinition } from '../scheme/index.js';

export type RuleRow = { countyId: number; id: number; orgId: number; orgPath: string; orgName: string; schemeId: number; schemeName: string; indicator: string; indicatorName: string | null; createdAt: Date };

const RULE = sql`r.county_id AS "countyId", r.id, r.org_id AS "orgId", r.org_path AS "orgPath", o.name AS "orgName", r.scheme_id AS "schemeId", s.name AS "schemeName", r.indicator, r.created_at AS "createdAt"`;
const RULE_FROM = sql`FROM service_point_rules r JOIN orgs o ON o.id = r.org_id JOIN schemes s ON s.id = r.scheme_id`;

/** Names the indicators of each rule from the scheme's version in force this year. */
async function named(db: Db, list: Omit<RuleRow, 'indicatorName'>[]): Promise<RuleRow[]> {
  const year = +today().slice(0, 4);
  const defs = new Map<number, SchemeDefinition | undefined>();
  for (const id of new Set(list.map((r) => r.schemeId))) defs.set(id, (await versionForYear(db, id, year))?.definition);
  return list.map((r) => ({ ...r, indicatorName: defs.get(r.schemeId)?.indicators.find((x) => x.code === r.indicator)?.name ?? null }));
}

/** The rules in the actor's scope (request.read), or those at and below one organisation. */
export async function listRules(db: Db, actor: Actor, orgId?: number): Promise<RuleRow[]> {
  const where = orgId
    ? sql`r.org_path LIKE ${`${(await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!.path}%`}`
    : underAny(sql`r.org_path`, scopePaths(actor, 'request.read'));
  return named(db, await rows<Omit<RuleRow, 'indicatorName'>>(db, sql`SELECT ${RULE} ${RULE_FROM} WHERE ${where} ORDER BY r.org_path LIMIT 500`));
}

/** Member schemes that apply at an organisation (set by it or above it), with their adding indicators this year: what a rule may name. */
export async function ruleOptions(db: Db, actor: Actor, orgId: number) {
  const org = (await requireAccess(db, actor, 'request.read', [orgId])).get(orgId)!;
  const year = +today().slice(0, 4);
  const list = await rows<{ id: number; name: string }>(db, sql`SELECT id, name FROM schemes WHERE subject = 'member' AND NOT archived AND ${org.path} LIKE org_path || '%' ORDER BY org_path, name LIMIT 50`);
  const out = [];
  for (const s of list) {
    const v = await versionForYear(db, s.id, year);
    if (!v) continue;
    out.push({ id: s.id, name: s.name, indicators: v.definition.indicators.filter((x) => x.kind === 'add').map((x) => ({ code: x.code, name: x.name, points: x.points, tiers: x.tiers ?? null })) });
  }
  return { orgId: org.id, year, schemes: out };
}

/** Sets (or replaces) the rule of an organisation after checking the scheme and indicator; one transaction with its audit event. */
export async function setRule(db: Db, actor: Actor, b: { orgId: number; schemeId: number; indicator: string }): Promise<RuleRow> {
  const org = (await requireAccess(db, actor, 'request.read', [b.orgId])).get(b.orgId)!;
  if (!can(actor, 'request.manage', org.path)) throw errors.forbidden();
  if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
  const year = +today().slice(0, 4);
  const found = await schemeForYear(db, b.schemeId, year);
  // the scheme must apply to the organisation: set by it or by an organisation above it
  if (!found || !org.path.startsWith(found.scheme.orgPath)) throw errors.validation('积分方案不存在或不在本组织范围内', 'no such scheme in scope', [{ path: ['schemeId'], message: '积分方案无效' }]);
  const unfit = found.scheme.subject !== 'member' ? ['须是党员积分方案', 'the scheme does not score members']
    : found.scheme.archived ? ['积分方案已停用', 'the scheme is archived']
      : !found.version ? [`积分方案在 ${year} 年没有生效的版本`, `the scheme has no version in force in ${year}`] : null;
  if (unfit) throw errors.validation(unfit[0], unfit[1], [{ path: ['schemeId'], message: unfit[0] }]);
  const x = found.version!.definition.indicators.find((i) => i.code === b.indicator);
  if (!x) throw errors.validation(`方案中没有指标“${b.indicator}”`, `no indicator ${b.indicator} in the scheme`, [{ path: ['indicator'], message: '指标无效' }]);
  if (x.kind !== 'add') throw errors.validation(`指标“${x.name}”是减分项，服务只能计加分`, 'a service earns an adding indicator', [{ path: ['indicator'], message: '须为加分指标' }]);
  return db.transaction(async (tx) => {
    const [before] = await rows<{ schemeId: number; indicator: string }>(tx, sql`SELECT scheme_id AS "schemeId", indicator FROM service_point_rules WHERE county_id = ${org.countyId} AND org_id = ${org.id} FOR UPDATE`);
    const [r] = await rows<{ id: number }>(tx, sql`INSERT INTO service_point_rules (county_id, org_id, org_path, scheme_id, indicator, created_by) VALUES (${org.countyId}, ${org.id}, ${org.path}, ${b.schemeId}, ${b.indicator}, ${actor.userId})
      ON CONFLICT (county_id, org_id) DO UPDATE SET scheme_id = EXCLUDED.scheme_id, indicator = EXCLUDED.indicator, created_by = EXCLUDED.created_by, created_at = now() RETURNING id`);
    await insertEvent(tx, { type: 'service.rule_set', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'service_point_rule', targetId: r.id,
      data: { schemeId: b.schemeId, indicator: b.indicator, before: before ?? null } });
    const [row] = await rows<Omit<RuleRow, 'indicatorName'>>(tx, sql`SELECT ${RULE} ${RULE_FROM} WHERE r.county_id = ${org.countyId} AND r.id = ${r.id}`);
    return { ...row, indicatorName: x.name };
  });
}

/** Removes a rule (services confirmed later under it earn nothing unless a rule above applies). */
export async function removeRule(db: Db, actor: Actor, id: number): Promise<{ id: number }> {
  const [r] = await rows<{ countyId: number; orgId: number; orgPath: string; schemeId: number; indicator: string }>(db, sql`SELECT county_id AS "countyId", org_id AS "orgId", org_path AS "orgPath", scheme_id AS "schemeId", indicator
    FROM service_point_rules WHERE id = ${id}`);
  if (!r || !can(actor, 'request.read', r.orgPath)) throw errors.notFound('积分规则', 'point rule');
  if (!can(actor, 'request.manage', r.orgPath)) throw errors.forbidden();
  return db.transaction(async (tx) => {
    const gone = await rows<{ id: number }>(tx, sql`DELETE FROM service_point_rules WHERE county_id = ${r.countyId} AND id = ${id} RETURNING id`);
    if (!gone.length) throw errors.notFound('积分规则', 'point rule');
    await insertEvent(tx, { type: 'service.rule_removed', ...who(actor), countyId: r.countyId, orgId: r.orgId, orgPath: r.orgPath, targetType: 'service_point_rule', targetId: id, data: { schemeId: r.schemeId, indicator: r.indicator } });
    return { id };
  });
}

/** What a confirmation gave: the entry and its points, or why nothing was given. */
export type Award = { given: true; entryId: number; points: number; schemeId: number; indicator: string } | { given: false; reason: string; reasonEn: string };

/**
 * Awards a confirmed service's points in the caller's transaction: the nearest rule over the member's
 * branch names scheme and indicator; the ledger checks tier, caps and year as for any entry and keeps
 * one entry per source key. A refusal by the ledger (a cap reached, no tier) leaves the confirmation
 * standing and says why no points were given.
 */
export async function awardService(tx: Db, s: { countyId: number; id: number; memberId: number; servedOn: string; record: string; residentName: string }): Promise<Award> {
  const [m] = await rows<{ orgId: number; orgPath: string }>(tx, sql`SELECT org_id AS "orgId", org_path AS "orgPath" FROM members WHERE county_id = ${s.countyId} AND id = ${s.memberId}`);
  const [rule] = m ? await rows<{ schemeId: number; indicator: string }>(tx, sql`SELECT scheme_id AS "schemeId", indicator FROM service_point_rules
    WHERE county_id = ${s.countyId} AND ${m.orgPath} LIKE org_path || '%' ORDER BY length(org_path) DESC LIMIT 1`) : [];
  if (!m || !rule) return { given: false, reason: '党员所在组织未设置服务积分规则，未计积分', reasonEn: 'no point rule covers the member: no points given' };
  // the award is the system's, on the resident's word: an actor with the branch's recording scope only passes the ledger's scope check
  const system: Actor = { userId: 0, username: 'system', displayName: '系统', memberId: null, memberCountyId: null,
    grants: [{ id: 0, role: 'county_admin', orgId: m.orgId, orgPath: m.orgPath, orgName: '', orgKind: 'branch', countyId: s.countyId }] };
  const input = { schemeId: rule.schemeId, memberId: s.memberId, indicator: rule.indicator, occurredOn: s.servedOn,
    evidence: `点对点服务（服务对象 ${s.residentName}）：${s.record}`.slice(0, 1000), sourceKey: `service:${s.id}` };
  try {
    const prepared = await prepareEntry(tx, system, input);
    const r = await awardPoints(tx, null, input, prepared);
    return { given: true, entryId: r.id, points: r.points, schemeId: rule.schemeId, indicator: rule.indicator };
  } catch (e) {
    if (!(e instanceof AppError) || e.code === 'CONFLICT') throw e;
    return { given: false, reason: `未计积分：${e.message}`, reasonEn: `no points given: ${e.messageEn}` };
  }
}
