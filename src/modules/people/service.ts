/** Writing members and residents: validation across fields, protection of sensitive fields, scope of the target organisation. */
import { getTableColumns, sql } from 'drizzle-orm';
import { AppError } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { members, residents } from '../../platform/db/schema.js';
import { maskIdNumber, maskPhone, protect, type Keys } from '../../platform/crypto/sm.js';
import { MEMBER_HOLDING_KINDS } from '../org/rules.js';
import { memberProblems, parseIdNumber } from './rules.js';
import { forgetMemberCounts } from './store.js';
import type { MemberInput, ResidentInput } from './schema.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Throws VALIDATION with every problem of a member record, each naming its field. */
export function assertMember(m: MemberInput): void {
  const problems = memberProblems(m, today());
  if (problems.length) {
    throw new AppError('VALIDATION', problems.map((p) => p.zh).join('；'), problems.map((p) => p.en).join('; '), problems.map((p) => ({ path: [p.path], message: p.zh, messageEn: p.en })));
  }
}

/** Throws unless the organisation can hold members directly. */
export function assertHoldsMembers(org: { kind: string; name: string }): void {
  if (!MEMBER_HOLDING_KINDS.includes(org.kind)) {
    throw new AppError('VALIDATION', `“${org.name}”不是党组织，党员须编入党委、党总支、党支部或党小组`, 'members belong to a party organisation', [{ path: ['orgId'], message: '须为党组织' }]);
  }
}

/** Throws unless `id` is a community or village of the given county. */
export async function assertCommunity(db: Db, id: number, countyId: number | null): Promise<{ path: string }> {
  const [c] = await rows<{ path: string; kind: string; county_id: number }>(db, sql`SELECT path, kind, county_id FROM orgs WHERE id = ${id}`);
  if (!c || !['community', 'village'].includes(c.kind) || c.county_id !== countyId) {
    throw new AppError('VALIDATION', '所选社区（村）不存在或不属于本县（区）', 'no such community in this county', [{ path: ['communityId'], message: '社区无效' }]);
  }
  return { path: c.path };
}

/** The columns to store for a member record. */
export function memberValues(keys: Keys, m: MemberInput, org: { id: number; path: string; countyId: number | null }) {
  const id = m.idNumber ? (parseIdNumber(m.idNumber) as { id: string }).id : null;
  const idp = protect(keys, id, maskIdNumber);
  const ph = protect(keys, m.phone ?? null, maskPhone);
  return {
    countyId: org.countyId as number, orgId: org.id, orgPath: org.path, homeCommunityId: m.homeCommunityId ?? null, name: m.name, gender: m.gender,
    ethnicity: m.ethnicity, birthDate: m.birthDate, idEnc: idp.enc, idHash: idp.hash, idMasked: idp.masked, phoneEnc: ph.enc, phoneHash: ph.hash,
    phoneMasked: ph.masked, education: m.education ?? null, category: m.category, joinDate: m.joinDate, fullDate: m.fullDate ?? null, post: m.post ?? null,
    workplace: m.workplace ?? null, partyState: m.partyState, partyStateDate: m.partyStateDate ?? null, workState: m.workState, flowing: m.flowing, tier: m.tier ?? null,
  };
}

const MEMBER_COLUMNS = getTableColumns(members);

/**
 * Inserts members in one set-based statement (one JSON parameter unpacked by
 * jsonb_to_recordset: a fraction of the cost of building a multi-row VALUES list); returns the ids
 * in input order.
 */
export async function insertMembers(tx: Db, values: ReturnType<typeof memberValues>[]): Promise<number[]> {
  if (!values.length) return [];
  const keys = Object.keys(values[0]) as (keyof (typeof values)[0])[];
  const cols = keys.map((k) => MEMBER_COLUMNS[k]);
  const names = sql.join(cols.map((c) => sql.identifier(c.name)), sql`, `);
  const defs = sql.join(cols.map((c) => sql`${sql.identifier(c.name)} ${sql.raw(c.getSQLType())}`), sql`, `);
  const json = JSON.stringify(values.map((v, n) => ({ ...Object.fromEntries(cols.map((c, i) => [c.name, v[keys[i]]])), _n: n })));
  forgetMemberCounts();
  const r = await rows<{ id: number }>(tx, sql`INSERT INTO members (${names})
    SELECT ${names} FROM jsonb_to_recordset(${json}::jsonb) AS x(${defs}, _n int) ORDER BY _n RETURNING id`);
  return r.map((x) => Number(x.id));
}

/** The columns to store for a resident record. */
export function residentValues(keys: Keys, r: ResidentInput, community: { id: number; path: string; countyId: number }) {
  if (r.idNumber) {
    const p = parseIdNumber(r.idNumber);
    if (!p.ok) throw new AppError('VALIDATION', p.zh, p.en, [{ path: ['idNumber'], message: p.zh }]);
    if (r.birthDate && p.birthDate !== r.birthDate) throw new AppError('VALIDATION', '出生日期与身份证号不一致', 'birth date differs from the ID number', [{ path: ['birthDate'], message: '与身份证号不一致' }]);
  }
  const idp = protect(keys, r.idNumber ? r.idNumber.toUpperCase() : null, maskIdNumber);
  const ph = protect(keys, r.phone ?? null, maskPhone);
  return {
    countyId: community.countyId, communityId: community.id, communityPath: community.path, gridId: r.gridId ?? null, name: r.name, gender: r.gender,
    birthDate: r.birthDate ?? null, idEnc: idp.enc, idHash: idp.hash, idMasked: idp.masked, phoneEnc: ph.enc, phoneHash: ph.hash, phoneMasked: ph.masked,
    address: r.address ?? null, isRepresentative: r.isRepresentative, isNonpartyRep: r.isNonpartyRep,
  };
}

type Protected = { idEnc: string | null; idHash: string | null; idMasked: string | null; phoneEnc: string | null; phoneHash: string | null; phoneMasked: string | null };

/** The columns of a change: a sensitive field not sent keeps its stored cipher text rather than being encrypted again. */
export function changedColumns<T extends Protected>(values: T, changes: object): Partial<T> {
  const set: Partial<T> = { ...values };
  if (!('idNumber' in changes)) { delete set.idEnc; delete set.idHash; delete set.idMasked; }
  if (!('phone' in changes)) { delete set.phoneEnc; delete set.phoneHash; delete set.phoneMasked; }
  return set;
}

/** The audit form of a change: each field sent, from its value before to after; sensitive values never appear. */
export function changeDiff(changes: object, before: object, after: object): Record<string, { from: unknown; to: unknown }> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Object.fromEntries(Object.keys(changes).map((k) => [k, k === 'idNumber' || k === 'phone' ? { from: '***', to: '***' } : { from: b[k] ?? null, to: a[k] ?? null }]));
}

/** Inserts one resident; returns its id. */
export async function insertResident(tx: Db, v: ReturnType<typeof residentValues>): Promise<number> {
  const [r] = await tx.insert(residents).values(v).returning({ id: residents.id });
  return r.id;
}
