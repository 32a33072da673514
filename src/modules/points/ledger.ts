/**
 * Writing the points ledger: an entry is checked against its scheme (indicator, tier, caps,
 * evidence, the recorder's role), the caller's scope and a published year, then appended with
 * its audit event. A correction is a reversing entry naming the one it corrects; an award from
 * an event elsewhere is idempotent by its source key; an entry by someone outside the member's
 * branch waits for the branch to confirm it.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { pointEntries } from '../../platform/db/scheme-tables.js';
import { today } from '../../platform/clock.js';
import { insertEvent } from '../../platform/audit/store.js';
import { can, ROLE_ACTIONS, type Actor } from '../../platform/auth/access.js';
import { who } from '../../platform/http/context.js';
import { notifyAll } from '../../platform/notifications/index.js';
import {
  checkEntry, fromCents, memberFacts, placeTier, schemeForYear, type SchemeDefinition, type SchemeRow, type VersionRow,
} from '../scheme/index.js';
import * as store from './store.js';
import type { Subject } from './store.js';

/** What a caller asks to record. */
export type EntryInput = {
  schemeId: number; memberId?: number | null; orgId?: number | null; indicator: string; points?: number | null;
  occurredOn: string; evidence?: string | null; fileId?: number | null;
};

/** An entry checked against everything that does not change inside the write transaction. */
export type Prepared = { scheme: SchemeRow; version: VersionRow; def: SchemeDefinition; subject: Subject; tier: string | null; year: number; roles: string[]; confirmed: boolean };

/** Today's date where the server runs, as YYYY-MM-DD. */

const problem = (field: string, zh: string, en: string, code: 'VALIDATION' | 'INVALID_STATE' = 'VALIDATION') => new AppError(code, zh, en, [{ path: [field], message: zh }]);

/** Loads the subject inside the actor's `points.record` scope (404 outside what they may read). */
export async function subjectFor(db: Db, actor: Actor, input: { memberId?: number | null; orgId?: number | null }, action: 'points.record' | 'points.read' = 'points.record'): Promise<Subject> {
  if ((input.memberId == null) === (input.orgId == null)) throw problem('memberId', '请指定一名党员（memberId）或一个组织（orgId）', 'give exactly one of memberId and orgId');
  const s = input.memberId != null ? await store.memberSubject(db, input.memberId) : await store.orgSubject(db, input.orgId!);
  const label = input.memberId != null ? ['党员', 'member'] : ['组织', 'organisation'];
  if (!s || !(can(actor, action, s.orgPath) || can(actor, 'member.read', s.orgPath) || can(actor, 'org.read', s.orgPath))) throw errors.notFound(label[0], label[1]);
  if (!can(actor, action, s.orgPath)) throw errors.forbidden();
  return s;
}

/** Checks scheme, version, subject, tier and role for an entry, outside any transaction. */
export async function prepareEntry(db: Db, actor: Actor, input: EntryInput): Promise<Prepared> {
  const year = Number(input.occurredOn.slice(0, 4));
  // the scheme (with its version) and the subject are read side by side; the scheme's problems are reported first
  const [found, subjectOr] = await Promise.allSettled([schemeForYear(db, input.schemeId, year), subjectFor(db, actor, input)]);
  if (found.status === 'rejected') throw found.reason;
  if (!found.value) throw problem('schemeId', `考核方案 ${input.schemeId} 不存在`, `no scheme ${input.schemeId}`);
  const { scheme, version } = found.value;
  if (scheme.archived) throw problem('schemeId', `考核方案“${scheme.name}”已停用`, 'the scheme is archived', 'INVALID_STATE');
  if (subjectOr.status === 'rejected') throw subjectOr.reason;
  const subject = subjectOr.value;
  if (subject.kind !== scheme.subject) throw problem(subject.kind === 'member' ? 'memberId' : 'orgId', `方案“${scheme.name}”考核的是${scheme.subject === 'member' ? '党员' : '组织'}`, `the scheme scores ${scheme.subject === 'member' ? 'members' : 'organisations'}`);
  if (!subject.orgPath.startsWith(scheme.orgPath)) throw problem(subject.kind === 'member' ? 'memberId' : 'orgId', `“${subject.name}”不在方案“${scheme.name}”的适用范围内`, 'the subject is outside the scheme\'s locality');
  // the product's date (China's), as every deadline counts it, not the server's local one
  if (input.occurredOn > today()) throw problem('occurredOn', '日期不能晚于今天', 'the date cannot be in the future');
  if (!version) throw problem('occurredOn', `方案“${scheme.name}”在 ${year} 年没有生效的版本`, `the scheme has no version in force in ${year}`);
  const def = version.definition;
  if (subject.kind === 'org' && !def.orgKinds.includes(subject.orgKind as never)) throw problem('orgId', `方案“${scheme.name}”不考核此类组织`, 'the scheme does not score this kind of organisation');
  let tier: string | null = null;
  if (subject.kind === 'member') {
    if (!['正常', '恢复'].includes(subject.record.partyState)) throw problem('memberId', `党员“${subject.name}”党籍状态为${subject.record.partyState}，不参加积分`, 'the member is not in good standing');
    if (def.tiers.length) {
      tier = placeTier(def, memberFacts(subject.record, year));
      if (!tier) throw problem('memberId', `党员“${subject.name}”不属于方案的任何层次`, 'the member falls in no tier of the scheme');
    }
  }
  const covering = actor.grants.filter((g) => subject.orgPath.startsWith(g.orgPath) && ROLE_ACTIONS[g.role].includes('points.record'));
  const roles = [...new Set(covering.map((g) => g.role as string))];
  // inside the member's branch: a grant on the branch itself or below it
  const confirmed = subject.kind === 'org' || covering.some((g) => g.orgPath.startsWith(subject.branchPath));
  return { scheme, version, def, subject, tier, year, roles, confirmed };
}

/** The refusal of a write into a year whose results are published for the subject. */
const frozen = (year: number, runId: number) => problem('occurredOn', `${year} 年度考评结果已发布（第 ${runId} 次考评），台账已冻结`, `the ${year} results are published: the ledger is frozen`, 'INVALID_STATE');

/** Appends one prepared entry in the caller's transaction (after locking the subject and checking caps); returns its id. */
export async function writeEntry(tx: Db, actor: Actor | null, p: Prepared, input: EntryInput, source: 'manual' | 'excel' | 'award', sourceKey: string | null, opts: { audit?: boolean; notify?: boolean } = {}): Promise<{ id: number; status: string; points: number }> {
  const { subject: s } = p;
  await store.lockSubject(tx, p.scheme.id, s.kind, s.id);
  const usage = await store.capUsage(tx, s, p.scheme.id, p.year, input.indicator, Number(input.occurredOn.slice(5, 7)));
  if (usage.publishedRun !== null) throw frozen(p.year, usage.publishedRun);
  const check = checkEntry(p.def, p.tier, { indicator: input.indicator, points: input.points, evidence: input.evidence, fileId: input.fileId, roles: actor ? p.roles : ['county_admin', 'street_admin', 'community_admin', 'branch_secretary', 'grid_liaison', 'inspector'] }, usage);
  if (!check.ok) throw new AppError('VALIDATION', check.problems.map((x) => x.zh).join('；'), check.problems.map((x) => x.en).join('; '), check.problems.map((x) => ({ path: [x.field], message: x.zh })));
  const status = p.confirmed || source === 'award' ? 'confirmed' : 'pending';
  const [row] = await tx.insert(pointEntries).values({
    countyId: s.countyId, schemeId: p.scheme.id, versionId: p.version.id, year: p.year, subjectKind: s.kind, memberId: s.kind === 'member' ? s.id : null,
    orgId: s.orgId, orgPath: s.orgPath, subjectId: s.id, indicator: input.indicator, dimension: check.indicator.dimension ?? '',
    points: fromCents(check.cents).toFixed(2), occurredOn: input.occurredOn, evidence: input.evidence?.trim() || null, fileId: input.fileId ?? null,
    source, sourceKey, status, recordedBy: actor?.userId ?? null,
  }).returning({ id: pointEntries.id });
  if (status === 'pending' && s.kind === 'member' && opts.notify !== false) {
    const title = `待确认积分：${s.name} ${fromCents(check.cents) > 0 ? '+' : ''}${fromCents(check.cents)} 分`;
    await notifyAll(tx, s.confirmers.map((c) => ({ userId: c, title, body: `${p.scheme.name}，指标 ${check.indicator.name}，由 ${actor?.displayName ?? '系统'} 记录`, link: '/points?status=pending' })));
  }
  // the audit event last: its lane's head stays locked until the commit
  if (opts.audit !== false) {
    await insertEvent(tx, {
      type: source === 'award' ? 'points.awarded' : 'points.recorded', ...(actor ? who(actor) : { actorName: 'system' }), countyId: s.countyId, orgId: s.orgId, orgPath: s.orgPath,
      targetType: 'point_entry', targetId: row.id,
      data: { schemeId: p.scheme.id, version: p.version.version, subject: `${s.kind}:${s.id}`, indicator: input.indicator, points: fromCents(check.cents), occurredOn: input.occurredOn, status, sourceKey },
    });
  }
  return { id: row.id, status, points: fromCents(check.cents) };
}

/** Records one entry by hand: prepared, then written in its own transaction. */
export async function recordEntry(db: Db, actor: Actor, input: EntryInput): Promise<{ id: number; status: string; points: number }> {
  const p = await prepareEntry(db, actor, input);
  return db.transaction((tx) => writeEntry(tx, actor, p, input, 'manual', null));
}

/**
 * Records an award from an event elsewhere (a service done, a commitment kept): one source
 * key gives one entry; asking again returns the first entry with `created: false`.
 */
export async function awardPoints(db: Db, actor: Actor | null, input: EntryInput & { sourceKey: string }, p?: Prepared): Promise<{ id: number; created: boolean; status: string; points: number }> {
  const prepared = p ?? (actor ? await prepareEntry(db, actor, input) : undefined);
  if (!prepared) throw new Error('awardPoints needs an actor or a prepared entry');
  const find = async (tx: Db) => (await rows<{ id: number; status: string; points: number; subject_id: number; indicator: string }>(tx, sql`SELECT id, status, points::float8 AS points, subject_id, indicator FROM point_entries
    WHERE county_id = ${prepared.subject.countyId} AND scheme_id = ${prepared.scheme.id} AND source_key = ${input.sourceKey}`))[0];
  return db.transaction(async (tx) => {
    await store.lockSubject(tx, prepared.scheme.id, `award:${input.sourceKey}`, 0);
    const existing = await find(tx);
    if (existing) {
      if (existing.subject_id !== prepared.subject.id || existing.indicator !== input.indicator) {
        throw new AppError('CONFLICT', `来源“${input.sourceKey}”已记过另一条积分（记录 ${existing.id}）`, `source ${input.sourceKey} already gave entry ${existing.id} to another subject or indicator`);
      }
      return { id: existing.id, created: false, status: existing.status, points: existing.points };
    }
    const r = await writeEntry(tx, actor, prepared, input, 'award', input.sourceKey);
    return { ...r, created: true };
  });
}

/** Reverses an entry: a new entry of the opposite points naming it; an entry is reversed at most once. */
export async function reverseEntry(db: Db, actor: Actor, id: number, reason: string): Promise<{ id: number }> {
  const e = await store.getEntry(db, id);
  if (!e || !(can(actor, 'points.read', e.orgPath) || can(actor, 'points.record', e.orgPath))) throw errors.notFound('积分记录', 'entry');
  if (!can(actor, 'points.record', e.orgPath)) throw errors.forbidden();
  if (e.correctsId !== null) throw problem('id', '冲正记录不能再冲正；如有错误请重新记录', 'a reversal cannot be reversed', 'INVALID_STATE');
  if (e.correctedBy !== null) throw problem('id', `该记录已被记录 ${e.correctedBy} 冲正`, `already reversed by entry ${e.correctedBy}`, 'INVALID_STATE');
  if (e.status !== 'confirmed') throw problem('id', e.status === 'pending' ? '待确认的记录请由支部确认或退回，不需冲正' : '已退回的记录不计分，不需冲正', 'only a confirmed entry can be reversed', 'INVALID_STATE');
  return db.transaction(async (tx) => {
    await store.lockSubject(tx, e.schemeId, e.subjectKind, e.subjectId);
    const pub = await store.publishedCovering(tx, e.schemeId, e.year, e.orgPath);
    if (pub) throw problem('id', `${e.year} 年度考评结果已发布，台账已冻结`, `the ${e.year} results are published: the ledger is frozen`, 'INVALID_STATE');
    const [row] = await tx.insert(pointEntries).values({
      countyId: e.countyId, schemeId: e.schemeId, versionId: e.versionId, year: e.year, subjectKind: e.subjectKind, memberId: e.memberId, orgId: e.orgId, orgPath: e.orgPath,
      subjectId: e.subjectId, indicator: e.indicator, dimension: e.dimension, points: (-e.points).toFixed(2), occurredOn: e.occurredOn, evidence: reason,
      source: 'manual', correctsId: e.id, status: 'confirmed', recordedBy: actor.userId,
    }).onConflictDoNothing().returning({ id: pointEntries.id });
    if (!row) throw problem('id', '该记录已被冲正', 'already reversed', 'INVALID_STATE');
    await insertEvent(tx, { type: 'points.reversed', ...who(actor), countyId: e.countyId, orgId: e.orgId, orgPath: e.orgPath, targetType: 'point_entry', targetId: row.id, data: { corrects: e.id, points: -e.points, reason } });
    return { id: row.id };
  });
}

/** Confirms or rejects a pending entry, by the branch (someone other than its recorder). */
export async function decideEntry(db: Db, actor: Actor, id: number, decision: 'confirm' | 'reject', note: string | null): Promise<{ id: number; status: string }> {
  const e = await store.getEntry(db, id);
  if (!e || !(can(actor, 'points.read', e.orgPath) || can(actor, 'points.record', e.orgPath))) throw errors.notFound('积分记录', 'entry');
  if (!can(actor, 'points.confirm', e.orgPath)) throw errors.forbidden();
  if (e.recordedBy === actor.userId) throw problem('id', '不能确认自己记录的积分', 'you cannot decide an entry you recorded', 'INVALID_STATE');
  const status = decision === 'confirm' ? 'confirmed' : 'rejected';
  return db.transaction(async (tx) => {
    const pub = await store.publishedCovering(tx, e.schemeId, e.year, e.orgPath);
    if (pub) throw problem('id', `${e.year} 年度考评结果已发布，台账已冻结`, 'the results are published: the ledger is frozen', 'INVALID_STATE');
    const r = await rows<{ id: number }>(tx, sql`UPDATE point_entries SET status = ${status}, decided_by = ${actor.userId}, decided_at = now(), decision_note = ${note}
      WHERE county_id = ${e.countyId} AND id = ${e.id} AND status = 'pending' RETURNING id`);
    if (!r.length) throw problem('id', '该记录不是待确认状态', 'the entry is not pending', 'INVALID_STATE');
    await insertEvent(tx, { type: decision === 'confirm' ? 'points.confirmed' : 'points.rejected', ...who(actor), countyId: e.countyId, orgId: e.orgId, orgPath: e.orgPath, targetType: 'point_entry', targetId: e.id, data: { note } });
    return { id: e.id, status };
  });
}
