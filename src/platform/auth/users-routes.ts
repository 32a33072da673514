/** /api/v1/users and /api/v1/security: accounts, role grants on subtrees, unlocking, the security policy (三员分立). */
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors } from '../errors.js';
import { rows, underAny, type Db } from '../db/client.js';
import { grants, ROLES, users } from '../db/schema.js';
import { insertEvent } from '../audit/store.js';
import { forgetSettings, getPolicy, putSetting, SecurityPolicy } from '../settings.js';
import { actorOf, who, type AppContext } from '../http/context.js';
import { can, requireAccess, requireCapability, ROLE_ORG_KINDS, scopePaths, SEPARATED_ROLES, type Action, type Actor, type Role } from './access.js';
import { checkPassword, generatePassword, hashPassword } from './password.js';
import { forgetSessions, loadGrants } from './service.js';

const IdP = z.strictObject({ id: z.coerce.number().int().positive() });

/** A user the actor may manage (`user.manage`) or unlock (`user.unlock`), with its home organisation's path. */
async function userInScope(db: Db, actor: Actor, id: number, action: Action) {
  const [u] = await rows<{ id: number; username: string; path: string | null; county_id: number | null }>(db, sql`SELECT u.id, u.username, o.path, o.county_id FROM users u LEFT JOIN orgs o ON o.id = u.home_org_id WHERE u.id = ${id}`);
  if (!u || !u.path || !can(actor, action, u.path)) throw errors.notFound('账号', 'account');
  return u;
}

/** The users and security routes plugin. */
export const userRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['users'];

  app.get('/users', { schema: { tags, summary: '账号列表 / accounts', querystring: z.strictObject({ q: z.string().trim().max(50).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }) } }, async (req) => {
    const actor = actorOf(req);
    const scope = [...scopePaths(actor, 'user.manage'), ...scopePaths(actor, 'user.unlock')];
    if (!scope.length) throw errors.forbidden();
    const q = req.query.q ? `%${req.query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%';
    const where = sql`${underAny(sql`o.path`, scope)} AND (u.username ILIKE ${q} OR u.display_name LIKE ${q})`;
    const items = await rows<{ id: number; username: string; displayName: string; disabled: boolean; lockedUntil: Date | null; totpEnabled: boolean; homeOrgId: number; homeOrgName: string }>(db, sql`
      SELECT u.id, u.username, u.display_name AS "displayName", u.disabled, u.locked_until AS "lockedUntil", u.totp_enabled AS "totpEnabled", u.home_org_id AS "homeOrgId", o.name AS "homeOrgName"
      FROM users u JOIN orgs o ON o.id = u.home_org_id WHERE ${where} ORDER BY u.username LIMIT ${req.query.pageSize} OFFSET ${(req.query.page - 1) * req.query.pageSize}`);
    const [{ n }] = await rows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM users u JOIN orgs o ON o.id = u.home_org_id WHERE ${where}`);
    const out = [];
    for (const u of items) out.push({ ...u, grants: (await loadGrants(db, u.id)).map((g) => ({ id: g.id, role: g.role, orgId: g.orgId, orgName: g.orgName })) });
    return { items: out, total: n };
  });

  app.post('/users', { schema: { tags, summary: '新建账号 / create an account', body: z.strictObject({
    username: z.string().regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为3-32位字母、数字或 _ . -'), displayName: z.string().trim().min(1).max(50),
    homeOrgId: z.number().int().positive(), password: z.string().max(128).optional(), memberId: z.number().int().positive().optional(),
  }) } }, async (req) => {
    const actor = actorOf(req);
    const org = (await requireAccess(db, actor, 'user.manage', [req.body.homeOrgId])).get(req.body.homeOrgId)!;
    const password = req.body.password ?? generatePassword();
    const broken = checkPassword(password, await getPolicy(db), req.body.username);
    if (broken.length) throw new AppError('PASSWORD_POLICY', broken.map((b) => b.zh).join('；'), broken.map((b) => b.en).join('; '));
    let member: { county_id: number; id: number } | undefined;
    if (req.body.memberId) {
      [member] = await rows<{ county_id: number; id: number; org_path: string }>(db, sql`SELECT county_id, id, org_path FROM members WHERE id = ${req.body.memberId} AND org_path LIKE ${`${org.path}%`}`);
      if (!member) throw new AppError('VALIDATION', '关联的党员不在该组织内', 'the member is not in this organisation', [{ path: ['memberId'], message: '不在该组织内' }]);
    }
    const hash = await hashPassword(password);
    const u = await db.transaction(async (tx) => {
      const [row] = await tx.insert(users).values({ username: req.body.username, displayName: req.body.displayName, passwordHash: hash, mustChangePassword: true, homeOrgId: org.id, memberCountyId: member?.county_id ?? null, memberId: member?.id ?? null }).returning();
      await insertEvent(tx, { type: 'user.created', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'user', targetId: row.id, data: { username: row.username, displayName: row.displayName, memberId: row.memberId } });
      return row;
    });
    return { user: { id: u.id, username: u.username }, initialPassword: req.body.password ? undefined : password };
  });

  app.patch('/users/:id', { schema: { tags, summary: '修改账号 / update an account', params: IdP, body: z.strictObject({ displayName: z.string().trim().min(1).max(50).optional(), disabled: z.boolean().optional() }) } }, async (req) => {
    const actor = actorOf(req);
    const u = await userInScope(db, actor, req.params.id, 'user.manage');
    if (u.id === actor.userId && req.body.disabled) throw new AppError('INVALID_STATE', '不能停用自己的账号', 'you cannot disable yourself');
    await db.transaction(async (tx) => {
      await tx.update(users).set(req.body).where(eq(users.id, u.id));
      await insertEvent(tx, { type: 'user.updated', ...who(actor), countyId: u.county_id, orgPath: u.path, targetType: 'user', targetId: u.id, data: req.body });
    });
    forgetSessions();
    return { ok: true };
  });

  app.post('/users/:id/grants', { schema: { tags, summary: '授予角色 / grant a role on a subtree', params: IdP, body: z.strictObject({ role: z.enum(ROLES), orgId: z.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const u = await userInScope(db, actor, req.params.id, 'user.manage');
    if (u.id === actor.userId) throw new AppError('FORBIDDEN', '不能给自己授权', 'you cannot change your own roles');
    const org = (await requireAccess(db, actor, 'user.manage', [req.body.orgId])).get(req.body.orgId)!;
    const role = req.body.role as Role;
    const kinds = ROLE_ORG_KINDS[role];
    if (kinds !== 'any' && !kinds.includes(org.kind)) throw new AppError('VALIDATION', `该角色不能授予在“${org.name}”这一级组织上`, 'this role cannot be granted on this kind of organisation', [{ path: ['orgId'], message: '组织层级不符' }]);
    const current = await loadGrants(db, u.id);
    const separated = [...new Set([...current.map((g) => g.role), role])].filter((r) => SEPARATED_ROLES.includes(r));
    if (separated.length > 1) throw new AppError('CONFLICT', '系统管理员、安全管理员、审计管理员须由不同账号担任（三员分立）', 'system, security and audit administrators must be different accounts');
    if (role === 'member') {
      const [m] = await rows<{ member_id: number | null }>(db, sql`SELECT member_id FROM users WHERE id = ${u.id}`);
      if (!m.member_id) throw new AppError('VALIDATION', '党员角色须先关联党员档案', 'link a member record first');
    }
    const g = await db.transaction(async (tx) => {
      const [row] = await tx.insert(grants).values({ userId: u.id, role, orgId: org.id }).returning();
      await insertEvent(tx, { type: 'user.grant_added', ...who(actor), countyId: org.countyId, orgId: org.id, orgPath: org.path, targetType: 'user', targetId: u.id, data: { role, orgId: org.id } });
      return row;
    });
    forgetSessions();
    return { id: g.id };
  });

  app.delete('/users/:id/grants/:grantId', { schema: { tags, summary: '撤销角色 / revoke a role', params: z.strictObject({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() }) } }, async (req) => {
    const actor = actorOf(req);
    const u = await userInScope(db, actor, req.params.id, 'user.manage');
    if (u.id === actor.userId) throw new AppError('FORBIDDEN', '不能修改自己的授权', 'you cannot change your own roles');
    const g = (await loadGrants(db, u.id)).find((x) => x.id === req.params.grantId);
    if (!g || !can(actor, 'user.manage', g.orgPath)) throw errors.notFound('授权', 'grant');
    await db.transaction(async (tx) => {
      await tx.delete(grants).where(and(eq(grants.id, g.id), eq(grants.userId, u.id)));
      await insertEvent(tx, { type: 'user.grant_removed', ...who(actor), countyId: g.countyId, orgId: g.orgId, orgPath: g.orgPath, targetType: 'user', targetId: u.id, data: { role: g.role, orgId: g.orgId } });
    });
    forgetSessions();
    return { ok: true };
  });

  app.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码 / reset a password', params: IdP } }, async (req) => {
    const actor = actorOf(req);
    const u = await userInScope(db, actor, req.params.id, 'user.manage');
    const password = generatePassword();
    const hash = await hashPassword(password);
    await db.transaction(async (tx) => {
      await tx.update(users).set({ passwordHash: hash, mustChangePassword: true, passwordChangedAt: new Date() }).where(eq(users.id, u.id));
      await tx.execute(sql`DELETE FROM sessions WHERE user_id = ${u.id}`);
      await insertEvent(tx, { type: 'user.password_reset', ...who(actor), countyId: u.county_id, orgPath: u.path, targetType: 'user', targetId: u.id });
    });
    forgetSessions();
    return { password };
  });

  app.post('/users/:id/unlock', { schema: { tags, summary: '解除锁定 / unlock an account', params: IdP } }, async (req) => {
    const actor = actorOf(req);
    const u = await userInScope(db, actor, req.params.id, 'user.unlock').catch(() => userInScope(db, actor, req.params.id, 'user.manage'));
    await db.transaction(async (tx) => {
      await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, u.id));
      await insertEvent(tx, { type: 'user.unlocked', ...who(actor), countyId: u.county_id, orgPath: u.path, targetType: 'user', targetId: u.id });
    });
    forgetSessions();
    return { ok: true };
  });

  app.get('/security/policy', { schema: { tags: ['security'], summary: '安全策略 / security policy' } }, async (req) => {
    requireCapability(actorOf(req), 'security.manage');
    return getPolicy(db);
  });

  app.put('/security/policy', { schema: { tags: ['security'], summary: '修改安全策略 / change the security policy', body: SecurityPolicy } }, async (req) => {
    const actor = actorOf(req);
    requireCapability(actor, 'security.manage');
    await db.transaction(async (tx) => {
      await putSetting(tx, 'security.policy', req.body);
      await insertEvent(tx, { type: 'security.policy_updated', ...who(actor), targetType: 'setting', targetId: 'security.policy', data: req.body });
    });
    forgetSettings();
    forgetSessions();
    return req.body;
  });
};
