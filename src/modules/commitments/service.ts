/**
 * 公开承诺 and 践诺: members, organisations and resident units make commitments at the start of a
 * year; progress is recorded with evidence; the branch verifies each as kept or not; a cadre's unkept
 * commitment opens an accountability task (承诺与问责). Every write is one transaction with its
 * audit event; a commitment due before it is made, or changed after it is verified, is refused.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { can, requireAccess, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { getFile } from '../../platform/files/index.js';
import { scheduleReminder, schedulerRunning } from '../../platform/jobs/index.js';
import { today } from '../../platform/clock.js';

export const KINDS = ['依岗', '因事', '具体'] as const;
export type MakerKind = 'member' | 'org' | 'unit';

export type CommitmentInput = {
  makerKind: MakerKind; makerId: number; year: number; kind: (typeof KINDS)[number]; title: string; target: string;
  madeOn?: string; dueOn: string; public: boolean; docKind?: '承诺书' | '责任状' | null; fileId?: number | null;
};

export type CommitmentRow = {
  countyId: number; id: number; orgId: number; orgPath: string; orgName: string; year: number; makerKind: MakerKind; makerId: number; makerName: string; cadre: boolean;
  kind: string; title: string; target: string; madeOn: string; dueOn: string; public: boolean; docKind: string | null; fileId: number | null; state: string;
  verifyNote: string | null; verifiedOn: string | null; rowVersion: number; updates: number;
};

export const COMMITMENT = sql`c.county_id AS "countyId", c.id, c.org_id AS "orgId", c.org_path AS "orgPath", o.name AS "orgName", c.year, c.maker_kind AS "makerKind", c.maker_id AS "makerId",
  c.maker_name AS "makerName", c.cadre, c.kind, c.title, c.target, to_char(c.made_on, 'YYYY-MM-DD') AS "madeOn", to_char(c.due_on, 'YYYY-MM-DD') AS "dueOn", c.public,
  c.doc_kind AS "docKind", c.file_id AS "fileId", c.state, c.verify_note AS "verifyNote", to_char(c.verified_on, 'YYYY-MM-DD') AS "verifiedOn", c.row_version AS "rowVersion",
  (SELECT count(*)::int FROM commitment_updates u WHERE u.county_id = c.county_id AND u.commitment_id = c.id) AS updates`;
export const FROM = sql`FROM commitments c JOIN orgs o ON o.id = c.org_id`;

/** A commitment by id, or null. */
export async function commitmentById(db: Db, id: number): Promise<CommitmentRow | null> {
  const [c] = await rows<CommitmentRow>(db, sql`SELECT ${COMMITMENT} ${FROM} WHERE c.id = ${id}`);
  return c ?? null;
}

/** May the actor manage commitments at this path (the branch or the community). */
export const mayManage = (actor: Actor, path: string) => can(actor, 'commit.manage', path);
/** Is the actor the member who made it. */
export const isMaker = (actor: Actor, c: { makerKind: string; makerId: number; countyId: number }) =>
  c.makerKind === 'member' && actor.memberId !== null && Number(actor.memberId) === Number(c.makerId) && Number(actor.memberCountyId) === Number(c.countyId);

/** A file belongs with an organisation when it was uploaded under it, above it or below it. */
const related = (filePath: string, orgPath: string) => filePath.startsWith(orgPath) || orgPath.startsWith(filePath);

/** Who makes it, the organisation it is kept under, and whether the maker is a cadre. */
async function makerOf(db: Db, actor: Actor, input: CommitmentInput): Promise<{ org: OrgRef; name: string; cadre: boolean }> {
  if (input.makerKind === 'member') {
    const [m] = await rows<{ orgId: number; name: string; post: string | null; countyId: number }>(db, sql`SELECT org_id AS "orgId", name, post, county_id AS "countyId" FROM members
      WHERE id = ${input.makerId} AND party_state IN ('正常', '恢复')`);
    if (!m) throw errors.notFound('党员', 'member');
    const self = actor.memberId !== null && Number(actor.memberId) === input.makerId && Number(actor.memberCountyId) === Number(m.countyId);
    const org = self ? (await rows<OrgRef>(db, sql`SELECT id, path, county_id AS "countyId", kind, name FROM orgs WHERE id = ${m.orgId}`))[0]
      : (await requireAccess(db, actor, 'commit.read', [m.orgId])).get(m.orgId)!;
    if (!self && !mayManage(actor, org.path)) throw errors.forbidden();
    return { org, name: m.name, cadre: !!m.post?.trim() };
  }
  if (input.makerKind === 'org') {
    const org = (await requireAccess(db, actor, 'commit.read', [input.makerId])).get(input.makerId)!;
    if (!mayManage(actor, org.path)) throw errors.forbidden();
    return { org, name: org.name, cadre: false };
  }
  const [u] = await rows<{ communityId: number; name: string }>(db, sql`SELECT community_id AS "communityId", name FROM units WHERE id = ${input.makerId}`);
  if (!u) throw errors.notFound('驻区单位', 'unit');
  const org = (await requireAccess(db, actor, 'commit.read', [u.communityId])).get(u.communityId)!;
  if (!mayManage(actor, org.path)) throw errors.forbidden();
  return { org, name: u.name, cadre: false };
}

/** Makes a commitment; the maker's own for a member, else by the branch or community that keeps it. */
export async function makeCommitment(db: Db, actor: Actor, input: CommitmentInput): Promise<CommitmentRow> {
  const { org, name, cadre } = await makerOf(db, actor, input);
  if (org.countyId === null) throw errors.validation('该组织不属于任何县（区）', 'the organisation is in no county');
  const madeOn = input.madeOn ?? today();
  if (input.dueOn < madeOn) throw errors.validation(`完成期限 ${input.dueOn} 早于作出承诺的日期 ${madeOn}`, 'a commitment cannot be due before it is made', [{ path: ['dueOn'], message: '不能早于承诺日期' }]);
  if (+madeOn.slice(0, 4) !== input.year) throw errors.validation(`承诺日期 ${madeOn} 不在 ${input.year} 年度`, 'made in another year', [{ path: ['madeOn'], message: '不在承诺年度' }]);
  if (input.fileId) {
    const f = await getFile(db, input.fileId);
    if (!f || !related(f.orgPath, org.path)) throw errors.validation('承诺书附件不存在或不属于本组织', 'the file is not this organisation\'s', [{ path: ['fileId'], message: '附件无效' }]);
  }
  return db.transaction(async (tx) => {
    const [c] = await rows<{ id: number }>(tx, sql`INSERT INTO commitments (county_id, org_id, org_path, year, maker_kind, maker_id, maker_name, cadre, kind, title, target, made_on, due_on, public, doc_kind, file_id, created_by)
      VALUES (${org.countyId}, ${org.id}, ${org.path}, ${input.year}, ${input.makerKind}, ${input.makerId}, ${name}, ${cadre}, ${input.kind}, ${input.title}, ${input.target}, ${madeOn}, ${input.dueOn},
        ${input.public}, ${input.docKind ?? null}, ${input.fileId ?? null}, ${actor.userId}) RETURNING id`);
    await insertEvent(tx, { type: 'commitment.made', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'commitment', targetId: c.id,
      data: { year: input.year, maker: `${input.makerKind}:${input.makerId}`, kind: input.kind, title: input.title, dueOn: input.dueOn } });
    await remindBeforeDue(tx, org, c.id, input.title, input.dueOn);
    return (await commitmentById(tx, c.id))!;
  });
}

/** A reminder to the branch's managers a week before the due date (when the scheduler runs). */
async function remindBeforeDue(tx: Db, org: OrgRef, id: number, title: string, dueOn: string) {
  if (!schedulerRunning()) return;
  const at = new Date(`${dueOn}T01:00:00Z`);
  at.setUTCDate(at.getUTCDate() - 7);
  if (at.getTime() < Date.now()) return;
  const managers = await rows<{ userId: number }>(tx, sql`SELECT DISTINCT g.user_id AS "userId" FROM grants g JOIN orgs o ON o.id = g.org_id
    WHERE ${org.path} LIKE o.path || '%' AND g.role IN ('branch_secretary', 'community_admin')`);
  for (const m of managers) {
    await scheduleReminder(tx, { userId: Number(m.userId), title: `承诺“${title}”将于 ${dueOn} 到期，请跟进践诺情况`.slice(0, 200), link: `/commitments/${id}`, at, key: `commitment:${id}:${m.userId}`, countyId: org.countyId });
  }
}

const closed = (state: string) => state === 'kept' || state === 'unkept' || state === 'withdrawn';

/** Records progress with evidence, by the maker or a manager; not once verified. */
export async function addUpdate(db: Db, actor: Actor, c: CommitmentRow, body: { note: string; fileId?: number | null }) {
  if (!isMaker(actor, c) && !mayManage(actor, c.orgPath)) throw errors.forbidden();
  if (closed(c.state)) throw new AppError('INVALID_STATE', '承诺已核实办结，不能再添加进展', 'the commitment is closed');
  if (body.fileId) {
    const f = await getFile(db, body.fileId);
    if (!f || !related(f.orgPath, c.orgPath)) throw errors.validation('附件不存在或不属于本组织', 'the file is not this organisation\'s', [{ path: ['fileId'], message: '附件无效' }]);
  }
  return db.transaction(async (tx) => {
    const [u] = await rows<{ id: number }>(tx, sql`INSERT INTO commitment_updates (county_id, commitment_id, "on", note, file_id, by_id) VALUES (${c.countyId}, ${c.id}, ${today()}, ${body.note}, ${body.fileId ?? null}, ${actor.userId}) RETURNING id`);
    await tx.execute(sql`UPDATE commitments SET state = 'in_progress', row_version = row_version + 1 WHERE county_id = ${c.countyId} AND id = ${c.id} AND state = 'made'`);
    await insertEvent(tx, { type: 'commitment.progressed', ...who(actor), countyId: c.countyId, orgId: c.orgId, orgPath: c.orgPath, targetType: 'commitment', targetId: c.id, data: { update: u.id } });
    return { id: u.id };
  });
}

/** Options of an accountability task for a cadre's unkept commitment. */
const ACCOUNTABILITY = ['提醒谈话', '诫勉谈话', '通报批评', '组织调整'];

/** The branch verifies 践诺: kept or not (a cadre's unkept one opens accountability), or withdraws it. */
export async function verify(db: Db, actor: Actor, c: CommitmentRow, body: { outcome: 'kept' | 'unkept' | 'withdrawn'; note: string; rowVersion: number }) {
  if (!mayManage(actor, c.orgPath)) throw errors.forbidden();
  if (closed(c.state)) throw new AppError('INVALID_STATE', '承诺已核实办结', 'the commitment is closed already');
  return db.transaction(async (tx) => {
    const r = await rows<{ id: number }>(tx, sql`UPDATE commitments SET state = ${body.outcome}, verify_note = ${body.note}, verified_by = ${actor.userId}, verified_on = ${today()}, row_version = row_version + 1
      WHERE county_id = ${c.countyId} AND id = ${c.id} AND row_version = ${body.rowVersion} RETURNING id`);
    if (!r.length) throw new AppError('VERSION_CONFLICT', '承诺已被他人修改，请刷新后重试', 'the commitment changed meanwhile: reload');
    let task: number | null = null;
    if (body.outcome === 'unkept' && c.cadre) {
      const title = `${c.makerName}：${c.year}年度承诺“${c.title}”未兑现，承诺与问责`.slice(0, 200);
      const [t] = await rows<{ id: number }>(tx, sql`INSERT INTO org_tasks (county_id, org_id, org_path, kind, title, subject_kind, subject_id, commitment_id, options)
        VALUES (${c.countyId}, ${c.orgId}, ${c.orgPath}, 'accountability', ${title}, 'member', ${c.makerId}, ${c.id}, ${`{${ACCOUNTABILITY.join(',')}}`}::text[]) RETURNING id`);
      task = t.id;
      await insertEvent(tx, { type: 'task.opened', ...who(actor), countyId: c.countyId, orgId: c.orgId, orgPath: c.orgPath, targetType: 'task', targetId: t.id, data: { kind: 'accountability', commitmentId: c.id, title } });
    }
    await insertEvent(tx, { type: 'commitment.closed', ...who(actor), countyId: c.countyId, orgId: c.orgId, orgPath: c.orgPath, targetType: 'commitment', targetId: c.id, data: { outcome: body.outcome, task } });
    return { id: c.id, state: body.outcome, task };
  });
}
