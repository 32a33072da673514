/**
 * The anti-abuse check of public forms: a small sum to answer (readable to any resident, no third-party
 * service), signed by the server so that nothing is stored until it is answered, valid for ten minutes
 * and once only. Together with the routes' rate limits it keeps scripts from flooding the forms.
 * Answered checks are recorded in the database (challenge_uses) until they expire, so every process
 * of a deployment refuses a check answered at another.
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Keys } from '../crypto/sm.js';
import { rows, type Db } from '../db/client.js';

const TTL_MS = 10 * 60_000;
/** Expired records are swept at most this often by each process. */
const SWEEP_MS = 60_000;
let lastSweep = 0;

const keyOf = (keys: Keys) => crypto.createHmac('sha256', keys.hashKey).update('public-form-challenge').digest();
const sign = (keys: Keys, body: string) => crypto.createHmac('sha256', keyOf(keys)).update(body).digest('base64url');

/** A new check: the question to show and the token to send back with the answer. */
export function newChallenge(keys: Keys, now = Date.now()): { token: string; question: string } {
  const a = crypto.randomInt(1, 20);
  const b = crypto.randomInt(1, 10);
  const body = `${a}.${b}.${now + TTL_MS}.${crypto.randomBytes(9).toString('base64url')}`;
  return { token: `${body}.${sign(keys, body)}`, question: `${a} + ${b} = ?` };
}

/**
 * Checks an answer (one attempt per check, recorded whatever the answer, before the caller's
 * transaction): a VALIDATION error at challenge.answer when it is wrong, expired, forged or used.
 */
export async function checkChallenge(db: Db, keys: Keys, token: string, answer: number, now = Date.now()): Promise<void> {
  const fail = (zh: string, en: string) => new AppError('VALIDATION', zh, en, [{ path: ['challenge', 'answer'], message: zh }]);
  const parts = token.split('.');
  if (parts.length !== 5) throw fail('验证信息无效，请刷新后重试', 'invalid check: reload');
  const body = parts.slice(0, 4).join('.');
  const mac = Buffer.from(parts[4]);
  const want = Buffer.from(sign(keys, body));
  if (mac.length !== want.length || !crypto.timingSafeEqual(mac, want)) throw fail('验证信息无效，请刷新后重试', 'invalid check: reload');
  const [a, b, exp] = parts.slice(0, 3).map(Number);
  if (now > exp) throw fail('验证已过期，请刷新后重试', 'the check expired: reload');
  if (now - lastSweep > SWEEP_MS) {
    lastSweep = now;
    await db.execute(sql`DELETE FROM challenge_uses WHERE expires_at < ${new Date(now)}`);
  }
  // one attempt per check, right or wrong, so answers cannot be tried in turn
  const fresh = await rows<{ nonce: string }>(db, sql`INSERT INTO challenge_uses (nonce, expires_at) VALUES (${parts[3]}, ${new Date(exp)}) ON CONFLICT (nonce) DO NOTHING RETURNING nonce`);
  if (!fresh.length) throw fail('验证已使用，请刷新后重试', 'the check was used: reload');
  if (answer !== a + b) throw fail('验证答案不正确，请重新获取', 'wrong answer: get a new check');
}

/** For tests: the answer to a question this module asked. */
export function answerOf(question: string): number {
  const m = /^(\d+) \+ (\d+) = \?$/.exec(question);
  if (!m) throw new Error(`not a question of this module: ${question}`);
  return Number(m[1]) + Number(m[2]);
}
