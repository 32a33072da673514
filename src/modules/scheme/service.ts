/**
 * Saving schemes: a definition is checked on its own (shape and how its parts fit) and against
 * the locality's members (a tier that would place no one, members that no tier places); a saved
 * version is never changed, so editing saves the next version.
 */
import { sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { schemes, schemeVersions } from '../../platform/db/scheme-tables.js';
import { insertEvent } from '../../platform/audit/store.js';
import type { OrgRef } from '../../platform/auth/access.js';
import { parseScheme, type SchemeDefinition, type SchemeProblem } from './model.js';
import { tierPlacer, unplaceableTiers } from './rules.js';
import { membersForTiers } from './store.js';

/** Tier rules no member could meet (refused), whatever the roster. */
export function tierProblems(def: SchemeDefinition): SchemeProblem[] {
  return unplaceableTiers(def).map(({ index, reason }) => ({
    path: ['tiers', index, 'rule'],
    message: reason === 'never'
      ? `层次“${def.tiers[index].name}”的规则不可能有党员符合，不会有人归入此层次`
      : `层次“${def.tiers[index].name}”的规则符合的党员都会先归入排在前面的层次，不会有人归入此层次`,
  }));
}

/** Tiers that place none of the locality's members today (a warning: a small locality may lack a tier). */
export async function tierWarnings(db: Db, def: SchemeDefinition, orgPath: string, year: number): Promise<{ path: (string | number)[]; message: string }[]> {
  if (def.subject !== 'member' || !def.tiers.length) return [];
  const people = await membersForTiers(db, orgPath);
  if (!people.length) return [];
  const counts = new Map<string, number>(def.tiers.map((t) => [t.code, 0]));
  const place = tierPlacer(def, year);
  for (const m of people) {
    const t = place(m);
    if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const unplaced = people.length - [...counts.values()].reduce((a, b) => a + b, 0);
  const out = def.tiers.flatMap((t, i) => (counts.get(t.code) ? [] : [{ path: ['tiers', i, 'rule'] as (string | number)[], message: `按现有 ${people.length} 名党员的信息，目前没有党员归入层次“${t.name}”` }]));
  if (unplaced) out.push({ path: ['tiers'], message: `现有党员中有 ${unplaced} 人不属于任何层次，不参加本方案考核` });
  return out;
}

/** Throws VALIDATION with every problem and its path, or returns the parsed definition. */
export function checkDefinition(input: unknown): SchemeDefinition {
  const parsed = parseScheme(input);
  if (!parsed.ok) throw invalid(parsed.problems);
  const never = tierProblems(parsed.value);
  if (never.length) throw invalid(never);
  return parsed.value;
}

const invalid = (problems: SchemeProblem[]) =>
  new AppError('VALIDATION', `考核方案有 ${problems.length} 处问题：${problems.slice(0, 3).map((p) => `${p.path.join('.')}：${p.message}`).join('；')}`,
    `the scheme has ${problems.length} problem(s)`, problems.map((p) => ({ path: ['definition', ...p.path], message: p.message })));

type Who = { actorId: number | null; actorName: string; ip: string | null };

/** Creates a scheme with its first version, in one transaction with its audit events. */
export async function createScheme(db: Db, who: Who, org: OrgRef, input: { code: string; name: string; year: number; source?: string | null; note?: string | null; templateKey?: string | null }, def: SchemeDefinition): Promise<{ id: number; versionId: number }> {
  return db.transaction(async (tx) => {
    const [dupe] = await rows<{ id: number }>(tx, sql`SELECT id FROM schemes WHERE org_id = ${org.id} AND code = ${input.code}`);
    if (dupe) throw new AppError('DUPLICATE', `本组织已有代码为“${input.code}”的考核方案`, `a scheme with code ${input.code} exists here`, [{ path: ['code'], message: '代码重复' }]);
    const [s] = await tx.insert(schemes).values({ orgId: org.id, orgPath: org.path, code: input.code, name: input.name, subject: def.subject, templateKey: input.templateKey ?? null, createdBy: who.actorId }).returning({ id: schemes.id });
    const [v] = await tx.insert(schemeVersions).values({ schemeId: s.id, version: 1, year: input.year, source: input.source ?? null, note: input.note ?? null, definition: def, createdBy: who.actorId }).returning({ id: schemeVersions.id });
    await insertEvent(tx, { type: 'scheme.created', ...who, countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'scheme', targetId: s.id, data: { code: input.code, name: input.name, year: input.year, templateKey: input.templateKey ?? null, version: 1 } });
    return { id: s.id, versionId: v.id };
  });
}

/** Saves the next version of a scheme; the subject (member or organisation) cannot change. */
export async function saveVersion(db: Db, who: Who, scheme: { id: number; subject: string; orgId: number; orgPath: string }, countyId: number | null, input: { year: number; source?: string | null; note?: string | null }, def: SchemeDefinition): Promise<{ versionId: number; version: number }> {
  if (def.subject !== scheme.subject) throw new AppError('VALIDATION', '考核对象（党员/组织）不能在新版本中改变，请新建方案', 'the subject of a scheme cannot change', [{ path: ['definition', 'subject'], message: '考核对象不能改变' }]);
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM schemes WHERE id = ${scheme.id} FOR UPDATE`);
    const [{ next }] = await rows<{ next: number }>(tx, sql`SELECT coalesce(max(version), 0) + 1 AS next FROM scheme_versions WHERE scheme_id = ${scheme.id}`);
    const [v] = await tx.insert(schemeVersions).values({ schemeId: scheme.id, version: next, year: input.year, source: input.source ?? null, note: input.note ?? null, definition: def, createdBy: who.actorId }).returning({ id: schemeVersions.id });
    await insertEvent(tx, { type: 'scheme.version_saved', ...who, countyId, orgId: scheme.orgId, orgPath: scheme.orgPath, targetType: 'scheme', targetId: scheme.id, data: { version: next, year: input.year, note: input.note ?? null } });
    return { versionId: v.id, version: next };
  });
}
