/** Accounts: login with lockout and a second factor, sessions with idle logout, API tokens, the actor of a request. */
import crypto from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { AppError } from '../errors.js';
import type { Db } from '../db/client.js';
import { apiTokens, grants, orgs, sessions, users } from '../db/schema.js';
import { insertEvent } from '../audit/store.js';
import { getPolicy, type SecurityPolicy } from '../settings.js';
import { decrypt, type Keys } from '../crypto/sm.js';
import { ADMIN_ROLES, type Actor, type Grant, type Role } from './access.js';
import { hashPassword, verifyPassword } from './password.js';
import { verifyTotp } from './totp.js';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** The grants of a user, with the paths of their organisations. */
export async function loadGrants(db: Db, userId: number): Promise<Grant[]> {
  const r = await db.select({ id: grants.id, role: grants.role, orgId: grants.orgId, orgPath: orgs.path, orgName: orgs.name, orgKind: orgs.kind, countyId: orgs.countyId })
    .from(grants).innerJoin(orgs, eq(orgs.id, grants.orgId)).where(eq(grants.userId, userId)).orderBy(grants.id);
  return r.map((g) => ({ ...g, role: g.role as Role }));
}

/** True when the policy asks this user for a second factor. */
export function totpRequired(policy: SecurityPolicy, g: Grant[]): boolean {
  return policy.requireTotpForAdmins && g.some((x) => ADMIN_ROLES.includes(x.role));
}

type LoginResult = { sessionToken: string; csrfToken: string; userId: number };

// A dummy hash so that an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | undefined;

/** Checks the password (and the TOTP code where enabled), counts failures, locks, opens a session. */
export async function login(db: Db, keys: Keys, input: { username: string; password: string; totp?: string; ip: string | null }): Promise<LoginResult> {
  const policy = await getPolicy(db);
  const [u] = await db.select().from(users).where(sql`lower(${users.username}) = lower(${input.username})`);
  const bad = new AppError('BAD_CREDENTIALS', '用户名或密码错误', 'wrong username or password');
  if (!u) {
    dummyHash ??= hashPassword('not-a-password-Xx1!');
    await verifyPassword(input.password, await dummyHash);
    throw bad;
  }
  if (u.disabled) throw new AppError('FORBIDDEN', '账号已停用', 'account disabled');
  if (u.lockedUntil && u.lockedUntil > new Date()) {
    throw new AppError('ACCOUNT_LOCKED', `登录失败次数过多，账号已锁定至 ${u.lockedUntil.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`, 'account locked after repeated failures', { lockedUntil: u.lockedUntil });
  }
  const ok = await verifyPassword(input.password, u.passwordHash);
  let totpOk = true;
  if (ok && u.totpEnabled) {
    if (!input.totp) throw new AppError('SECOND_FACTOR_REQUIRED', '请输入动态口令', 'enter your one-time code');
    totpOk = !!u.totpSecretEnc && verifyTotp(decrypt(keys, u.totpSecretEnc), input.totp);
  }
  if (!ok || !totpOk) {
    await db.transaction(async (tx) => {
      const failed = u.failedLogins + 1;
      const lock = failed >= policy.lockoutThreshold;
      await tx.update(users).set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(Date.now() + policy.lockoutMinutes * 60_000) : u.lockedUntil })
        .where(eq(users.id, u.id));
      await insertEvent(tx, { type: lock ? 'auth.locked' : 'auth.login_failed', actorId: u.id, actorName: u.username, targetType: 'user', targetId: u.id, data: { failed, reason: ok ? 'totp' : 'password' }, ip: input.ip });
    });
    if (!totpOk) throw new AppError('BAD_CREDENTIALS', '动态口令错误', 'wrong one-time code');
    throw bad;
  }
  const sessionToken = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
    await tx.insert(sessions).values({ id: sha256(sessionToken), userId: u.id, csrfToken, secondFactorDone: u.totpEnabled, ip: input.ip });
    await insertEvent(tx, { type: 'auth.login', actorId: u.id, actorName: u.username, targetType: 'user', targetId: u.id, data: { totp: u.totpEnabled }, ip: input.ip });
  });
  return { sessionToken, csrfToken, userId: u.id };
}

async function actorFor(db: Db, userId: number, extra: Partial<Actor>): Promise<Actor | null> {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u || u.disabled) return null;
  const policy = await getPolicy(db);
  const expired = policy.maxAgeDays > 0 && Date.now() - u.passwordChangedAt.getTime() > policy.maxAgeDays * 86_400_000;
  return {
    userId: u.id, username: u.username, displayName: u.displayName, grants: await loadGrants(db, u.id), memberId: u.memberId, memberCountyId: u.memberCountyId,
    mustChangePassword: u.mustChangePassword || expired, totpEnabled: u.totpEnabled, ...extra,
  };
}

export type SessionState = { actor: Actor; csrfToken: string; secondFactorDone: boolean } | { expired: true } | null;

// Resolved sessions are kept two seconds in this process, which saves three queries per request under load.
// Every change of an account, its roles or its sessions made here forgets them at once; another
// instance of the server sees such a change within the two seconds.
const SESSION_CACHE_MS = 2_000;
const sessionCache = new Map<string, { at: number; state: SessionState }>();

/** Forgets cached sessions: call after any change to users, grants, sessions or the policy. */
export function forgetSessions(): void {
  sessionCache.clear();
}

/** The session behind a cookie, or null; an idle session is ended and reported as expired. */
export async function resolveSession(db: Db, token: string, ip: string | null): Promise<SessionState> {
  const id = sha256(token);
  const hit = sessionCache.get(id);
  if (hit && Date.now() - hit.at < SESSION_CACHE_MS && hit.state && !('expired' in hit.state)) return { ...hit.state, actor: { ...hit.state.actor, ip: ip ?? undefined } };
  const state = await loadSession(db, id, ip);
  if (sessionCache.size > 10_000) for (const [k, v] of sessionCache) if (Date.now() - v.at >= SESSION_CACHE_MS) sessionCache.delete(k);
  sessionCache.set(id, { at: Date.now(), state });
  return state;
}

async function loadSession(db: Db, id: string, ip: string | null): Promise<SessionState> {
  const [s] = await db.select().from(sessions).where(eq(sessions.id, id));
  if (!s) return null;
  const policy = await getPolicy(db);
  const idleMs = policy.idleTimeoutMinutes * 60_000;
  if (Date.now() - s.lastSeenAt.getTime() > idleMs) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return { expired: true };
  }
  if (Date.now() - s.lastSeenAt.getTime() > 30_000) await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, id));
  const actor = await actorFor(db, s.userId, { sessionId: id, ip: ip ?? undefined });
  return actor ? { actor, csrfToken: s.csrfToken, secondFactorDone: s.secondFactorDone } : null;
}

/** The actor behind an API token (`Authorization: Bearer xf_…`), or null. */
export async function resolveToken(db: Db, token: string, ip: string | null): Promise<Actor | null> {
  const [t] = await db.select().from(apiTokens).where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!t) return null;
  if (!t.lastUsedAt || Date.now() - t.lastUsedAt.getTime() > 60_000) await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, t.id));
  return actorFor(db, t.userId, { tokenId: t.id, ip: ip ?? undefined });
}

/** Creates an API token for the user; the clear token is returned once and only its hash is kept. */
export function newApiToken(): { token: string; hash: string; prefix: string } {
  const token = `xf_${crypto.randomBytes(24).toString('base64url')}`;
  return { token, hash: sha256(token), prefix: token.slice(0, 7) };
}
