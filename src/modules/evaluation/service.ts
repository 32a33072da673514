/**
 * 民主评议 campaigns with two secret ballots (docs/BALLOT-SECRECY.md): codes issued, opened (the box
 * key made and split among the tellers), ballots cast with one-time codes (online, or paper entered
 * twice by tellers), closed. The tellers' shares and the count are in count.ts; the set-up in
 * setup.ts, the publication in publish.ts.
 *
 * What a cast writes: the code's hash into the sorted set of used codes and the sealed ballot into
 * a random bucket of the box, an array sorted by bytes. No row, id, time or audit event of its own.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { encrypt, sm3, type Keys } from '../../platform/crypto/sm.js';
import { can, type Actor, type OrgRef } from '../../platform/auth/access.js';
import { insertEvent } from '../../platform/audit/store.js';
import { who } from '../../platform/http/context.js';
import { newBoxKey, pad, receiptOf, seal, shareText, split } from './seal.js';
import { CONSTITUENCIES, GRADE_SETS, type Constituency, type Rule } from './rules.js';

/** Buckets of the box per constituency: a cast rewrites one, chosen at random. */
export const BUCKETS = 8;
/** Longest comment on one member, in characters. */
export const MAX_COMMENT = 100;
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export type CampaignRow = {
  countyId: number; id: number; orgId: number; orgPath: string; year: number; name: string; rule: Rule; state: 'draft' | 'open' | 'closed' | 'counted' | 'published';
  opensAt: string; closesAt: string; tellerIds: number[]; threshold: number; ballotBytes: number; rowVersion: number; hasKey: boolean; codesIssued: boolean;
};

const CAMPAIGN = sql`county_id AS "countyId", id, org_id AS "orgId", org_path AS "orgPath", year, name, rule, state,
  to_char(opens_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "opensAt", to_char(closes_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "closesAt",
  teller_ids AS "tellerIds", threshold, ballot_bytes AS "ballotBytes", row_version AS "rowVersion", public_key IS NOT NULL AS "hasKey", code_key IS NOT NULL AS "codesIssued"`;

/** A campaign by id, without scope checks (the routes check scope). */
export async function campaignById(db: Db, id: number): Promise<CampaignRow | null> {
  const [c] = await rows<CampaignRow>(db, sql`SELECT ${CAMPAIGN} FROM eval_campaigns WHERE id = ${id}`);
  return c ? { ...c, tellerIds: c.tellerIds.map(Number) } : null;
}

/** The fixed length of a sealed ballot's plaintext for a campaign with `subjects` members on the ballot. */
export const ballotBytesFor = (subjects: number) => 256 + subjects * (24 + 4 * MAX_COMMENT);

/** A bytea[] literal for a parameter (drizzle would spread a JS array into a list). */
const byteaArray = (bufs: Buffer[]) => `{${bufs.map((b) => `"\\\\x${b.toString('hex')}"`).join(',')}}`;

const codeHash = (key: Buffer, constituency: Constituency, code: string) => crypto.createHmac('sha256', key).update(`${constituency}:${code}`).digest();

/** A fresh voting code, e.g. K7QM2-XD9TA (50 bits). */
export function newCode(): string {
  const b = crypto.randomBytes(10);
  const s = [...b].map((x) => CODE_ALPHABET[x & 31]).join('');
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}
/** A code as typed: upper case, without spaces; the hyphen put back. */
export const normaliseCode = (c: string) => {
  const s = c.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return s.length === 10 ? `${s.slice(0, 5)}-${s.slice(5)}` : s;
};

type Step = 'issue' | 'open' | 'close' | 'count' | 'publish' | 'discardPaper';
export const invalidState = (zh: string, en: string) => new AppError('INVALID_STATE', zh, en);

/** Changes the campaign at the row version the caller saw, or VERSION_CONFLICT. */
export async function bump(tx: Db, c: CampaignRow, rowVersion: number, set: ReturnType<typeof sql>) {
  const r = await rows<{ id: number }>(tx, sql`UPDATE eval_campaigns SET ${set}, row_version = row_version + 1 WHERE county_id = ${c.countyId} AND id = ${c.id} AND row_version = ${rowVersion} RETURNING id`);
  if (!r.length) throw new AppError('VERSION_CONFLICT', '评议已被他人修改，请刷新后重试', 'the campaign changed meanwhile: reload');
}

/** The audit event of a campaign's step (never a code, share, receipt or grade). */
export async function audit(tx: Db, actor: Actor, c: CampaignRow, step: Step | 'created', data: Record<string, unknown>) {
  await insertEvent(tx, { type: step === 'created' ? 'eval.created' : 'eval.step', ...who(actor), countyId: c.countyId, orgId: c.orgId, orgPath: c.orgPath, targetType: 'eval_campaign', targetId: c.id, data: { step, ...data } });
}

/**
 * Issues the codes: one per voter of each constituency, as sheets to print (names with their
 * codes, made here and never stored); the database keeps only each code's keyed hash, in a sorted
 * set with no name beside it. Issuing again before the opening replaces every code.
 */
export async function issueCodes(db: Db, actor: Actor, c: CampaignRow, rowVersion: number) {
  if (c.state !== 'draft') throw invalidState('投票开始后不能重新发放投票码', 'codes are issued before the opening');
  const voters = await rows<{ constituency: Constituency; name: string }>(db, sql`SELECT constituency, name FROM eval_voters WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} ORDER BY constituency, name, person_id`);
  const key = crypto.randomBytes(32);
  const sheets = voters.map((v) => ({ constituency: v.constituency, name: v.name, code: newCode() }));
  return db.transaction(async (tx) => {
    await bump(tx, c, rowVersion, sql`code_key = ${key}`);
    for (const con of CONSTITUENCIES) {
      const hashes = sheets.filter((s) => s.constituency === con).map((s) => codeHash(key, con, s.code)).sort(Buffer.compare);
      await tx.execute(sql`INSERT INTO eval_codes (county_id, campaign_id, constituency, valid, used) VALUES (${c.countyId}, ${c.id}, ${con}, ${byteaArray(hashes)}::bytea[], '{}')
        ON CONFLICT (county_id, campaign_id, constituency) DO UPDATE SET valid = EXCLUDED.valid, used = '{}'`);
    }
    await audit(tx, actor, c, 'issue', { members: sheets.filter((s) => s.constituency === 'members').length, residents: sheets.filter((s) => s.constituency === 'residents').length });
    // the sheets are in name order: nothing of the hash order goes with them
    return sheets;
  });
}

/**
 * Opens the box: makes the key, keeps its public half, splits the private half among the tellers
 * (any `threshold` of them rebuild it) and keeps each share, encrypted, only until its teller
 * collects it. Ballots are taken once every teller has collected theirs.
 */
export async function openCampaign(db: Db, keys: Keys, actor: Actor, c: CampaignRow, rowVersion: number) {
  if (c.state !== 'draft') throw invalidState('评议已开始', 'the campaign is already open');
  const [codes] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM eval_codes WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  if (!codes.n) throw invalidState('请先发放投票码', 'issue the codes first');
  const box = newBoxKey();
  const shares = split(box.privateKey, c.tellerIds.length, c.threshold).map(shareText);
  box.privateKey.fill(0);
  await db.transaction(async (tx) => {
    await bump(tx, c, rowVersion, sql`state = 'open', public_key = ${box.publicKey}, share_checks = ${`{${shares.map((x) => sm3(x)).join(',')}}`}::text[]`);
    for (const [i, tellerId] of c.tellerIds.entries()) {
      await tx.execute(sql`INSERT INTO eval_shares (county_id, campaign_id, teller_id, share) VALUES (${c.countyId}, ${c.id}, ${tellerId}, ${encrypt(keys, `collect:${shares[i]}`)})`);
    }
    for (const con of CONSTITUENCIES) {
      for (let b = 0; b < BUCKETS; b++) await tx.execute(sql`INSERT INTO eval_box (county_id, campaign_id, constituency, bucket) VALUES (${c.countyId}, ${c.id}, ${con}, ${b})`);
    }
    await audit(tx, actor, c, 'open', { tellers: c.tellerIds.length, threshold: c.threshold });
  });
}

/** How many tellers have not collected their share yet (votes wait for none to be left). */
async function uncollected(db: Db, c: CampaignRow): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  return r.n;
}

/** What a code may see before voting: the campaign, its constituency and the members on the ballot. */
export async function ballotFor(db: Db, c: CampaignRow, code: string) {
  if (await uncollected(db, c)) throw invalidState('计票人尚未全部领取开箱密钥，投票暂未开放', 'not every teller has collected their share yet');
  const con = await constituencyOfCode(db, c, normaliseCode(code));
  const subjects = await rows<{ memberId: number; name: string; graded: boolean }>(db, sql`SELECT member_id AS "memberId", name, graded FROM eval_subjects
    WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} ORDER BY name, member_id`);
  return { campaign: { id: c.id, name: c.name, year: c.year, closesAt: c.closesAt }, constituency: con, grades: GRADE_SETS[c.rule.gradeSet], subjects };
}

async function constituencyOfCode(db: Db, c: CampaignRow, code: string): Promise<Constituency> {
  const [k] = await rows<{ codeKey: Buffer | Uint8Array | null }>(db, sql`SELECT code_key AS "codeKey" FROM eval_campaigns WHERE county_id = ${c.countyId} AND id = ${c.id}`);
  if (!k.codeKey) throw invalidState('投票码尚未发放', 'no codes issued');
  const key = Buffer.from(k.codeKey);
  const found = await rows<{ constituency: Constituency; used: boolean }>(db, sql`SELECT constituency, (CASE constituency WHEN 'members' THEN ${codeHash(key, 'members', code)}::bytea ELSE ${codeHash(key, 'residents', code)}::bytea END) = ANY(used) AS used
    FROM eval_codes WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}
      AND (CASE constituency WHEN 'members' THEN ${codeHash(key, 'members', code)}::bytea ELSE ${codeHash(key, 'residents', code)}::bytea END) = ANY(valid)`);
  if (!found.length) throw new AppError('VALIDATION', '投票码无效，请核对后重新输入', 'no such code');
  if (found[0].used) throw new AppError('CONFLICT', '该投票码已经投过票，每个投票码只能使用一次', 'this code has been used');
  return found[0].constituency;
}

function windowCheck(c: CampaignRow, now: Date) {
  if (c.state === 'draft') throw invalidState('投票尚未开始', 'voting has not begun');
  if (c.state !== 'open' || now.getTime() >= Date.parse(c.closesAt)) throw invalidState('投票已经结束', 'voting is over');
  if (now.getTime() < Date.parse(c.opensAt)) throw invalidState(`投票将于 ${c.opensAt} 开始`, 'voting has not begun');
}

export type CastBody = { code: string; constituency: Constituency; grades: Record<string, string>; comments?: Record<string, string> };

/** A ballot's canonical content (grades and comments by member id), or every problem with its path. */
async function ballotContent(db: Db, c: CampaignRow, body: CastBody): Promise<string> {
  const subjects = await rows<{ memberId: number; graded: boolean }>(db, sql`SELECT member_id AS "memberId", graded FROM eval_subjects WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  const grades: readonly string[] = GRADE_SETS[c.rule.gradeSet];
  const onBallot = new Map(subjects.map((s) => [String(s.memberId), s.graded]));
  const problems: { path: (string | number)[]; message: string }[] = [];
  for (const [m, g] of Object.entries(body.grades)) {
    if (!onBallot.has(m)) problems.push({ path: ['grades', m], message: '该党员不在本次评议名单中' });
    else if (!onBallot.get(m)) problems.push({ path: ['grades', m], message: '预备党员参加评议，但不评定等次' });
    else if (!grades.includes(g)) problems.push({ path: ['grades', m], message: `等次应为 ${grades.join('、')} 之一` });
  }
  for (const s of subjects) if (s.graded && body.grades[String(s.memberId)] === undefined) problems.push({ path: ['grades', String(s.memberId)], message: '请为每位党员选择等次' });
  for (const [m, t] of Object.entries(body.comments ?? {})) {
    if (!onBallot.has(m)) problems.push({ path: ['comments', m], message: '该党员不在本次评议名单中' });
    else if ([...t].length > MAX_COMMENT) problems.push({ path: ['comments', m], message: `意见不超过${MAX_COMMENT}字` });
  }
  if (problems.length) throw new AppError('VALIDATION', problems[0].message, 'the ballot is not valid', problems);
  const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([x], [y]) => Number(x) - Number(y)));
  const comments = Object.fromEntries(Object.entries(body.comments ?? {}).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v));
  return JSON.stringify({ grades: sorted(body.grades), comments: sorted(comments) });
}

type Keyed = { publicKey: Buffer; codeKey: Buffer };
async function campaignKeys(db: Db, c: CampaignRow): Promise<Keyed> {
  const [k] = await rows<{ publicKey: Buffer | Uint8Array; codeKey: Buffer | Uint8Array }>(db, sql`SELECT public_key AS "publicKey", code_key AS "codeKey" FROM eval_campaigns WHERE county_id = ${c.countyId} AND id = ${c.id}`);
  return { publicKey: Buffer.from(k.publicKey), codeKey: Buffer.from(k.codeKey) };
}

/** Locks the constituency's codes and checks the code is valid there and unused; explains otherwise. */
async function lockCode(tx: Db, c: CampaignRow, constituency: Constituency, code: string, hash: Buffer) {
  const [row] = await rows<{ valid: boolean; used: boolean }>(tx, sql`SELECT ${hash}::bytea = ANY(valid) AS valid, ${hash}::bytea = ANY(used) AS used FROM eval_codes
    WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${constituency} FOR UPDATE`);
  if (!row?.valid) {
    // say whether the code belongs to the other constituency, without using it
    const other = await constituencyOfCode(tx, c, code).catch(() => null);
    if (other && other !== constituency) throw new AppError('VALIDATION', '该投票码属于另一类选票，不能在此使用', 'the code belongs to the other constituency');
    throw new AppError('VALIDATION', '投票码无效，请核对后重新输入', 'no such code');
  }
  if (row.used) throw new AppError('CONFLICT', '该投票码已经投过票，每个投票码只能使用一次', 'this code has been used');
}

/** Seals a ballot into a random bucket of the box and marks its code used (inside the caller's transaction and lock). */
async function intoBox(tx: Db, c: CampaignRow, k: Keyed, constituency: Constituency, hash: Buffer, content: string): Promise<string> {
  const nonce = crypto.randomBytes(16).toString('hex');
  const sealed = seal(k.publicKey, pad(Buffer.from(JSON.stringify({ v: 1, nonce, content })), c.ballotBytes));
  await tx.execute(sql`UPDATE eval_box SET sealed = (SELECT array_agg(x ORDER BY x) FROM unnest(array_append(sealed, ${sealed}::bytea)) x)
    WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${constituency} AND bucket = ${crypto.randomInt(BUCKETS)}`);
  await tx.execute(sql`UPDATE eval_codes SET used = (SELECT array_agg(x ORDER BY x) FROM unnest(array_append(used, ${hash}::bytea)) x)
    WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${constituency}`);
  return receiptOf(nonce, content);
}

/** Casts one ballot; returns the voter's receipt. Refused (and nothing written) for any fault. */
export async function castBallot(db: Db, c: CampaignRow, body: CastBody, now = new Date()): Promise<{ receipt: string }> {
  windowCheck(c, now);
  if (await uncollected(db, c)) throw invalidState('计票人尚未全部领取开箱密钥，投票暂未开放', 'not every teller has collected their share yet');
  const code = normaliseCode(body.code);
  const content = await ballotContent(db, c, body);
  const k = await campaignKeys(db, c);
  const hash = codeHash(k.codeKey, body.constituency, code);
  return db.transaction(async (tx) => {
    await lockCode(tx, c, body.constituency, code, hash);
    return { receipt: await intoBox(tx, c, k, body.constituency, hash, content) };
  });
}

/**
 * A paper ballot, entered by a teller with the code on its slip. The first entry waits; a second
 * entry by another teller that agrees puts the ballot into the box; one that disagrees is refused.
 */
export async function enterPaper(db: Db, actor: Actor, c: CampaignRow, body: CastBody): Promise<{ status: 'waiting' } | { status: 'cast'; receipt: string }> {
  if (!c.tellerIds.includes(actor.userId)) throw errors.forbidden();
  if (c.state !== 'open' && c.state !== 'closed') throw invalidState(c.state === 'draft' ? '投票尚未开始' : '已经计票，不能再录入纸质选票', 'paper ballots are entered between the opening and the count');
  if (await uncollected(db, c)) throw invalidState('计票人尚未全部领取开箱密钥', 'not every teller has collected their share yet');
  const code = normaliseCode(body.code);
  const content = await ballotContent(db, c, body);
  const k = await campaignKeys(db, c);
  const hash = codeHash(k.codeKey, body.constituency, code);
  const check = crypto.createHmac('sha256', k.codeKey).update('paper\n').update(hash).update(content).digest();
  return db.transaction(async (tx) => {
    await lockCode(tx, c, body.constituency, code, hash);
    const [first] = await rows<{ tellerId: number; same: boolean }>(tx, sql`SELECT teller_id AS "tellerId", "check" = ${check}::bytea AS same FROM eval_paper
      WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${body.constituency} AND code_hash = ${hash}::bytea`);
    if (!first) {
      await tx.execute(sql`INSERT INTO eval_paper (county_id, campaign_id, constituency, code_hash, "check", teller_id) VALUES (${c.countyId}, ${c.id}, ${body.constituency}, ${hash}::bytea, ${check}::bytea, ${actor.userId})`);
      return { status: 'waiting' as const };
    }
    if (Number(first.tellerId) === actor.userId) throw new AppError('CONFLICT', '这张选票您已录入，须由另一名计票人再次录入核对', 'another teller enters the paper the second time');
    if (!first.same) throw new AppError('CONFLICT', '两次录入不一致，请核对选票原件后重新录入（第一次录入有误的，由负责人撤销后重录）', 'the two entries disagree');
    await tx.execute(sql`DELETE FROM eval_paper WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${body.constituency} AND code_hash = ${hash}::bytea`);
    return { status: 'cast' as const, receipt: await intoBox(tx, c, k, body.constituency, hash, content) };
  });
}

/** The manager withdraws a paper ballot's first entry (when it was the wrong one). */
export async function discardPaper(db: Db, actor: Actor, c: CampaignRow, constituency: Constituency, code: string) {
  const k = await campaignKeys(db, c);
  await db.transaction(async (tx) => {
    const r = await rows<{ n: number }>(tx, sql`DELETE FROM eval_paper WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND constituency = ${constituency}
      AND code_hash = ${codeHash(k.codeKey, constituency, normaliseCode(code))}::bytea RETURNING 1 AS n`);
    if (!r.length) throw errors.notFound('待核对的纸质选票', 'paper entry');
    // the event names the constituency only: neither the code nor the content
    await audit(tx, actor, c, 'discardPaper', { constituency });
  });
}

/** Paper ballots entered once and waiting for their second entry. */
export async function paperWaiting(db: Db, c: CampaignRow): Promise<number> {
  const [r] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM eval_paper WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  return r.n;
}

/** Ballots cast so far per constituency: the one figure shown before the close. */
export async function turnout(db: Db, c: CampaignRow): Promise<Record<Constituency, { voters: number; cast: number }>> {
  // before the count, the used codes; after it (when they are gone), the opened ballots
  const counted = c.state === 'counted' || c.state === 'published';
  const r = await rows<{ constituency: Constituency; voters: number; cast: number }>(db, sql`SELECT v.constituency, count(*)::int AS voters,
    ${counted
    ? sql`(SELECT count(*)::int FROM eval_opened o WHERE o.county_id = ${c.countyId} AND o.campaign_id = ${c.id} AND o.constituency = v.constituency)`
    : sql`coalesce((SELECT cardinality(used) FROM eval_codes k WHERE k.county_id = ${c.countyId} AND k.campaign_id = ${c.id} AND k.constituency = v.constituency), 0)`} AS cast
    FROM eval_voters v WHERE v.county_id = ${c.countyId} AND v.campaign_id = ${c.id} GROUP BY v.constituency`);
  const out = { members: { voters: 0, cast: 0 }, residents: { voters: 0, cast: 0 } };
  for (const x of r) out[x.constituency] = { voters: x.voters, cast: x.cast };
  return out;
}

/** Closes the voting (before its time if the manager says so); the figures of turnout are audited. */
export async function closeCampaign(db: Db, actor: Actor, c: CampaignRow, rowVersion: number) {
  if (c.state !== 'open') throw invalidState('只有进行中的评议可以结束投票', 'only an open campaign can close');
  const t = await turnout(db, c);
  await db.transaction(async (tx) => {
    await bump(tx, c, rowVersion, sql`state = 'closed', closes_at = least(closes_at, now())`);
    await audit(tx, actor, c, 'close', { turnout: t });
  });
}

/** May the actor manage a campaign at this path. */
export const mayManage = (actor: Actor, path: string) => can(actor, 'eval.manage', path);
export type { OrgRef };
