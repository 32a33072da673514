/** /api/v1/auth: login, logout, the caller, password, second factor, API tokens. */
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../errors.js';
import { apiTokens, sessions, users } from '../db/schema.js';
import { insertEvent } from '../audit/store.js';
import { decrypt, encrypt } from '../crypto/sm.js';
import { getPolicy } from '../settings.js';
import { actorOf, who, type AppContext } from '../http/context.js';
import { SESSION_COOKIE } from '../http/auth-hook.js';
import { ACTIONS, hasCapability } from './access.js';
import { forgetSessions, login, newApiToken, totpRequired } from './service.js';
import { checkPassword, hashPassword, verifyPassword } from './password.js';
import { newTotpSecret, totpUri, verifyTotp } from './totp.js';

const Login = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), totp: z.string().max(10).optional() });

/** The auth routes plugin. */
export const authRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  app.post('/auth/login', { config: { public: true, rateLimit: { max: 60, timeWindow: 60_000 } }, schema: { tags: ['auth'], summary: '登录 / log in', body: Login } }, async (req, reply) => {
    const r = await login(db, ctx.keys, { ...req.body, ip: req.ip });
    reply.setCookie(SESSION_COOKIE, r.sessionToken, { path: '/', httpOnly: true, sameSite: 'strict', secure: ctx.config.cookieSecure });
    return { userId: r.userId, csrfToken: r.csrfToken };
  });

  app.post('/auth/logout', { config: { beforeTotp: true }, schema: { tags: ['auth'], summary: '退出 / log out' } }, async (req, reply) => {
    const actor = actorOf(req);
    await db.transaction(async (tx) => {
      if (actor.sessionId) await tx.delete(sessions).where(eq(sessions.id, actor.sessionId));
      await insertEvent(tx, { type: 'auth.logout', ...who(actor), targetType: 'user', targetId: actor.userId });
    });
    forgetSessions();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/auth/me', { config: { beforeTotp: true }, schema: { tags: ['auth'], summary: '当前用户 / the caller' } }, async (req) => {
    const actor = actorOf(req);
    const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
    const [s] = actor.sessionId ? await db.select({ csrf: sessions.csrfToken }).from(sessions).where(eq(sessions.id, actor.sessionId)) : [];
    const policy = await getPolicy(db);
    return {
      user: {
        id: u.id, username: u.username, displayName: u.displayName, lang: u.lang, mustChangePassword: !!actor.mustChangePassword,
        totpEnabled: u.totpEnabled, totpRequired: totpRequired(policy, actor.grants), memberId: u.memberId,
      },
      grants: actor.grants.map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName, countyId: g.countyId })),
      capabilities: ACTIONS.filter((a) => hasCapability(actor, a)),
      csrfToken: s?.csrf ?? null,
      idleTimeoutMinutes: policy.idleTimeoutMinutes,
    };
  });

  app.post('/auth/password', { config: { beforeTotp: true }, schema: { tags: ['auth'], summary: '修改密码 / change password', body: z.strictObject({ current: z.string().min(1).max(256), next: z.string().min(1).max(256) }) } }, async (req) => {
    const actor = actorOf(req);
    const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (!(await verifyPassword(req.body.current, u.passwordHash))) throw new AppError('WRONG_PASSWORD', '原密码错误', 'the current password is wrong');
    const policy = await getPolicy(db);
    const broken = checkPassword(req.body.next, policy, u.username);
    if (req.body.next === req.body.current) broken.push({ zh: '新密码不能与原密码相同', en: 'the new password must differ from the current one' });
    if (broken.length) throw new AppError('PASSWORD_POLICY', broken.map((b) => b.zh).join('；'), broken.map((b) => b.en).join('; '), broken);
    const hash = await hashPassword(req.body.next);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false }).where(eq(users.id, u.id));
      await insertEvent(tx, { type: 'auth.password_changed', ...who(actor), targetType: 'user', targetId: u.id });
    });
    forgetSessions();
    return { ok: true };
  });

  app.post('/auth/totp/setup', { config: { beforeTotp: true }, schema: { tags: ['auth'], summary: '生成动态口令密钥 / start TOTP set-up' } }, async (req) => {
    const actor = actorOf(req);
    const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (u.totpEnabled) throw new AppError('INVALID_STATE', '已启用动态口令', 'TOTP already enabled');
    const secret = newTotpSecret();
    // Kept encrypted but not enabled until a code proves the app has it; this is no change of state worth an audit event.
    await db.update(users).set({ totpSecretEnc: encrypt(ctx.keys, secret) }).where(eq(users.id, u.id));
    return { secret, uri: totpUri(secret, u.username) };
  });

  app.post('/auth/totp/enable', { config: { beforeTotp: true }, schema: { tags: ['auth'], summary: '启用动态口令 / enable TOTP', body: z.strictObject({ code: z.string().regex(/^\d{6}$/) }) } }, async (req) => {
    const actor = actorOf(req);
    const [u] = await db.select().from(users).where(eq(users.id, actor.userId));
    if (u.totpEnabled) throw new AppError('INVALID_STATE', '已启用动态口令', 'TOTP already enabled');
    if (!u.totpSecretEnc) throw new AppError('INVALID_STATE', '请先生成密钥', 'start the set-up first');
    if (!verifyTotp(decrypt(ctx.keys, u.totpSecretEnc), req.body.code)) throw new AppError('WRONG_CODE', '动态口令错误', 'wrong one-time code');
    await db.transaction(async (tx) => {
      await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, u.id));
      await insertEvent(tx, { type: 'auth.totp_enabled', ...who(actor), targetType: 'user', targetId: u.id });
    });
    forgetSessions();
    return { ok: true };
  });

  app.get('/auth/tokens', { schema: { tags: ['auth'], summary: 'API 令牌 / API tokens' } }, async (req) => {
    const actor = actorOf(req);
    const items = await db.select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, lastUsedAt: apiTokens.lastUsedAt })
      .from(apiTokens).where(and(eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))).orderBy(apiTokens.id);
    return { items };
  });

  app.post('/auth/tokens', { schema: { tags: ['auth'], summary: '创建 API 令牌 / create an API token', body: z.strictObject({ name: z.string().trim().min(1).max(60) }) } }, async (req) => {
    const actor = actorOf(req);
    if (actor.tokenId) throw new AppError('FORBIDDEN', '令牌不能创建令牌', 'a token cannot create tokens');
    const t = newApiToken();
    const row = await db.transaction(async (tx) => {
      const [r] = await tx.insert(apiTokens).values({ userId: actor.userId, name: req.body.name, tokenHash: t.hash, prefix: t.prefix }).returning({ id: apiTokens.id });
      await insertEvent(tx, { type: 'auth.token_created', ...who(actor), targetType: 'api_token', targetId: r.id, data: { name: req.body.name } });
      return r;
    });
    return { id: row.id, token: t.token };
  });

  app.delete('/auth/tokens/:id', { schema: { tags: ['auth'], summary: '撤销 API 令牌 / revoke an API token', params: z.strictObject({ id: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    await db.transaction(async (tx) => {
      const r = await tx.update(apiTokens).set({ revokedAt: new Date() })
        .where(and(eq(apiTokens.id, req.params.id), eq(apiTokens.userId, actor.userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
      if (!r.length) throw errors.notFound('令牌', 'token');
      await insertEvent(tx, { type: 'auth.token_revoked', ...who(actor), targetType: 'api_token', targetId: req.params.id });
    });
    return { ok: true };
  });
};
