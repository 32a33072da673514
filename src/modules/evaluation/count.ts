/**
 * 民主评议: the tellers' shares of the box key after the opening (each collected once, brought back
 * after the close, where they stand) and the count, which rebuilds the key from the shares brought,
 * opens and tallies every ballot and removes the box, the used codes and the shares.
 */
import { sql } from 'drizzle-orm';
import { AppError, errors } from '../../platform/errors.js';
import { rows, type Db } from '../../platform/db/client.js';
import { decrypt, encrypt, sm3, type Keys } from '../../platform/crypto/sm.js';
import type { Actor } from '../../platform/auth/access.js';
import { combine, open as openSealed, parseShare, publicOf, receiptOf, shareText, unpad } from './seal.js';
import { GRADE_SETS, tally, type Constituency, type Counts } from './rules.js';
import { audit, bump, invalidState, paperWaiting, type CampaignRow } from './service.js';

/** A teller collects their share, once: it is shown to them and no longer kept. */
export async function collectShare(db: Db, keys: Keys, actor: Actor, c: CampaignRow): Promise<string> {
  if (!c.tellerIds.includes(actor.userId)) throw errors.forbidden();
  return db.transaction(async (tx) => {
    const [s] = await rows<{ share: string }>(tx, sql`DELETE FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id} AND teller_id = ${actor.userId} RETURNING share`);
    const text = s && decrypt(keys, s.share);
    if (!text || !text.startsWith('collect:')) throw invalidState('您的开箱密钥已领取过或尚未生成', 'your share was collected already or does not exist');
    await audit(tx, actor, c, 'open', { collected: actor.userId });
    return text.slice('collect:'.length);
  });
}

/**
 * Where the tellers' shares stand: while voting, how many have collected theirs (a share waits in
 * the database only until collected); after the close, how many have been brought to the count.
 */
export async function shareStatus(db: Db, c: CampaignRow, userId: number) {
  const held = await rows<{ tellerId: number }>(db, sql`SELECT teller_id AS "tellerId" FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  const mine = held.some((h) => Number(h.tellerId) === userId);
  const tellers = c.tellerIds.length;
  if (c.state === 'open') return { tellers, threshold: c.threshold, collected: tellers - held.length, brought: 0, mineCollected: c.tellerIds.includes(userId) && !mine, mineBrought: false };
  if (c.state === 'closed') return { tellers, threshold: c.threshold, collected: tellers, brought: held.length, mineCollected: true, mineBrought: mine };
  return { tellers, threshold: c.threshold, collected: c.state === 'draft' ? 0 : tellers, brought: c.state === 'draft' ? 0 : c.threshold, mineCollected: c.state !== 'draft', mineBrought: c.state !== 'draft' };
}

/** A teller brings their share to the count (after the close only). */
export async function bringShare(db: Db, keys: Keys, actor: Actor, c: CampaignRow, text: string) {
  if (!c.tellerIds.includes(actor.userId)) throw errors.forbidden();
  if (c.state !== 'closed') throw invalidState('投票结束后才能开箱计票', 'the box opens after the close');
  const share = parseShare(text);
  const [checks] = await rows<{ shareChecks: string[] }>(db, sql`SELECT share_checks AS "shareChecks" FROM eval_campaigns WHERE county_id = ${c.countyId} AND id = ${c.id}`);
  const canonical = share && shareText(share);
  // each teller brings the share issued to them (the i-th teller's share has x = i + 1), not another's
  const mine = checks.shareChecks[c.tellerIds.indexOf(actor.userId)];
  if (!canonical || sm3(canonical) !== mine) throw new AppError('VALIDATION', '开箱密钥不正确（须是发给您本人的密钥），请逐组核对', 'this is not the share issued to you', [{ path: ['share'], message: '密钥不正确' }]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`INSERT INTO eval_shares (county_id, campaign_id, teller_id, share) VALUES (${c.countyId}, ${c.id}, ${actor.userId}, ${encrypt(keys, `count:${canonical}`)})
      ON CONFLICT (county_id, campaign_id, teller_id) DO UPDATE SET share = EXCLUDED.share`);
    await audit(tx, actor, c, 'count', { shareFrom: actor.userId });
  });
  const [n] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  return { brought: n.n, threshold: c.threshold };
}

/**
 * Opens the box with the shares brought and counts: every ballot opened, checked and counted; the
 * opened ballots written in the order of their content; each graded member's result by the rule;
 * the box, the used codes and the shares removed. One transaction.
 */
export async function countCampaign(db: Db, keys: Keys, actor: Actor, c: CampaignRow, rowVersion: number) {
  if (c.state !== 'closed') throw invalidState('投票结束后才能计票', 'the count comes after the close');
  const waiting = await paperWaiting(db, c);
  if (waiting) throw invalidState(`尚有 ${waiting} 张纸质选票只录入了一次，请另一名计票人录入核对后再计票`, 'paper ballots wait for their second entry');
  const brought = await rows<{ share: string }>(db, sql`SELECT share FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  if (brought.length < c.threshold) throw invalidState(`开箱需要 ${c.threshold} 名计票人的密钥，现有 ${brought.length} 名`, 'not enough shares yet');
  const shares = brought.map((b) => parseShare(decrypt(keys, b.share).slice('count:'.length))!);
  const privateKey = combine(shares);
  const [k] = await rows<{ publicKey: Buffer | Uint8Array }>(db, sql`SELECT public_key AS "publicKey" FROM eval_campaigns WHERE county_id = ${c.countyId} AND id = ${c.id}`);
  if (!publicOf(privateKey).equals(Buffer.from(k.publicKey))) throw invalidState('密钥无法打开票箱', 'the shares do not rebuild the key');
  const subjects = await rows<{ memberId: number; graded: boolean }>(db, sql`SELECT member_id AS "memberId", graded FROM eval_subjects WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  const grades: readonly string[] = GRADE_SETS[c.rule.gradeSet];
  const box = await rows<{ constituency: Constituency; sealed: (Buffer | Uint8Array)[] }>(db, sql`SELECT constituency, sealed FROM eval_box WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
  const counts = new Map<number, Counts>(subjects.filter((s) => s.graded).map((s) => [s.memberId, { members: {}, residents: {} }]));
  const opened: { constituency: Constituency; receipt: string; content: string | null; sortKey: string }[] = [];
  for (const b of box) {
    for (const s of b.sealed) {
      let nonce = '';
      let content: string | null = null;
      try {
        const p = JSON.parse(unpad(openSealed(privateKey, Buffer.from(s))).toString()) as { v: number; nonce: string; content: string };
        nonce = p.nonce;
        const g = (JSON.parse(p.content) as { grades: Record<string, string> }).grades;
        if (![...counts.keys()].every((m) => grades.includes(g[String(m)]))) throw new Error('spoiled');
        content = p.content;
        for (const [m, grade] of Object.entries(g)) {
          const row = counts.get(Number(m))![b.constituency];
          row[grade] = (row[grade] ?? 0) + 1;
        }
      } catch {
        content = null;
      }
      const receipt = content ? receiptOf(nonce, content) : `spoiled:${sm3(Buffer.from(s))}`;
      opened.push({ constituency: b.constituency, receipt, content, sortKey: `${b.constituency}\n${content ?? ''}\n${receipt}` });
    }
  }
  privateKey.fill(0);
  opened.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const results = tally(c.rule, counts);
  await db.transaction(async (tx) => {
    await bump(tx, c, rowVersion, sql`state = 'counted'`);
    if (opened.length) {
      await tx.execute(sql`INSERT INTO eval_opened (county_id, campaign_id, constituency, receipt, content)
        SELECT ${c.countyId}, ${c.id}, x.constituency, x.receipt, x.content::jsonb FROM jsonb_to_recordset(${JSON.stringify(opened.map(({ sortKey: _s, ...o }) => o))}::jsonb)
        AS x(constituency text, receipt text, content text) ORDER BY x.constituency, x.content, x.receipt`);
    }
    for (const r of results) {
      await tx.execute(sql`INSERT INTO eval_results (county_id, campaign_id, member_id, counts, score, grade, reasons)
        VALUES (${c.countyId}, ${c.id}, ${r.memberId}, ${JSON.stringify(r.counts)}::jsonb, ${r.score}, ${r.grade}, ${JSON.stringify(r.reasons)}::jsonb)`);
    }
    await tx.execute(sql`DELETE FROM eval_box WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
    await tx.execute(sql`DELETE FROM eval_shares WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
    await tx.execute(sql`DELETE FROM eval_paper WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
    await tx.execute(sql`UPDATE eval_codes SET used = '{}', valid = '{}' WHERE county_id = ${c.countyId} AND campaign_id = ${c.id}`);
    await audit(tx, actor, c, 'count', { ballots: opened.length, spoiled: opened.filter((o) => !o.content).length });
  });
  return { ballots: opened.length, spoiled: opened.filter((o) => !o.content).length };
}
