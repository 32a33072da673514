/** Accounts through the API: lockout, second factor, tokens, 三员分立, idle logout, residents and teams in scope. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { loginAs, PASSWORD, smallTree, testApp } from './app.js';
import { rows } from '../src/platform/db/client.js';
import { totpCode } from '../src/platform/auth/totp.js';
import type { AppContext } from '../src/platform/http/context.js';

describeDb('accounts and access', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  const login = (username: string, password: string, totp?: string) => app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password, ...(totp ? { totp } : {}) } });

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
  });
  afterAll(async () => { await app?.close(); });

  it('locks an account after repeated failures, and the security administrator unlocks it', async () => {
    for (let i = 0; i < 5; i++) expect((await login('secb', 'wrong-password')).statusCode).toBe(401);
    const locked = await login('secb', PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const sec = await loginAs(app, 'secadmin');
    const [u] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = 'secb'`);
    expect((await sec.post(`/api/v1/users/${u.id}/unlock`)).statusCode).toBe(200);
    expect((await login('secb', PASSWORD)).statusCode).toBe(200);
    const types = await rows<{ type: string }>(ctx.db, sql`SELECT type FROM audit_events WHERE target_id = ${String(u.id)} ORDER BY at`);
    expect(types.map((x) => x.type)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.locked', 'user.unlocked', 'auth.login']));
  });

  it('requires administrators to set up and then use a second factor when the policy says so', async () => {
    const sec = await loginAs(app, 'secadmin');
    const policy = (await sec.get('/api/v1/security/policy')).json();
    expect((await sec.put('/api/v1/security/policy', { ...policy, requireTotpForAdmins: true })).statusCode).toBe(200);
    const admin = await loginAs(app, 'seca');
    const blocked = await admin.get('/api/v1/members');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('TOTP_SETUP_REQUIRED');
    const { secret } = (await admin.post('/api/v1/auth/totp/setup')).json();
    expect((await admin.post('/api/v1/auth/totp/enable', { code: '000000' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/auth/totp/enable', { code: totpCode(secret, Date.now()) })).statusCode).toBe(200);
    const noCode = await login('seca', PASSWORD);
    expect(noCode.json().error.code).toBe('SECOND_FACTOR_REQUIRED');
    expect((await login('seca', PASSWORD, totpCode(secret, Date.now()))).statusCode).toBe(200);
    // The security administrator is an administrator too: no policy change until their own second factor is set.
    expect((await sec.put('/api/v1/security/policy', { ...policy, requireTotpForAdmins: false })).statusCode).toBe(403);
    const s2 = (await sec.post('/api/v1/auth/totp/setup')).json();
    expect((await sec.post('/api/v1/auth/totp/enable', { code: totpCode(s2.secret, Date.now()) })).statusCode).toBe(200);
    expect((await sec.put('/api/v1/security/policy', { ...policy, requireTotpForAdmins: false })).statusCode).toBe(200);
  });

  it('keeps the three administrators separate', async () => {
    const admin = await loginAs(app, 'admin');
    const created = await admin.post('/api/v1/users', { username: 'newaudit', displayName: '新审计员', homeOrgId: t.countyId });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().user.id;
    expect(created.json().initialPassword).toBeTruthy();
    expect((await admin.post(`/api/v1/users/${id}/grants`, { role: 'audit_admin', orgId: t.countyId })).statusCode).toBe(200);
    const second = await admin.post(`/api/v1/users/${id}/grants`, { role: 'sec_admin', orgId: t.countyId });
    expect(second.statusCode).toBe(409);
    const wrongLevel = await admin.post(`/api/v1/users/${id}/grants`, { role: 'community_admin', orgId: t.street });
    expect(wrongLevel.json().error.code).toBe('VALIDATION');
    const [me] = await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = 'admin'`);
    expect((await admin.post(`/api/v1/users/${me.id}/grants`, { role: 'audit_admin', orgId: t.countyId })).statusCode).toBe(403);
    const a = await loginAs(app, 'brancha');
    expect((await a.get('/api/v1/users')).statusCode).toBe(403);
  });

  it('authenticates API tokens and forgets revoked ones', async () => {
    const street = await loginAs(app, 'streetadm');
    const { id, token } = (await street.post('/api/v1/auth/tokens', { name: '集成测试' })).json();
    const r = await app.inject({ url: '/api/v1/members', headers: { authorization: `Bearer ${token}` } });
    expect(r.statusCode).toBe(200);
    const write = await app.inject({ method: 'POST', url: '/api/v1/orgs', headers: { authorization: `Bearer ${token}` }, payload: { parentId: t.commA, kind: 'branch', name: '令牌建的支部' } });
    expect(write.statusCode, write.body).toBe(200);
    expect((await street.del(`/api/v1/auth/tokens/${id}`)).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/v1/members', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401);
  });

  it('logs out an idle session', async () => {
    const c = await loginAs(app, 'streetadm');
    await ctx.database.query(`UPDATE sessions SET last_seen_at = now() - interval '2 hours'`);
    const r = await c.get('/api/v1/auth/me');
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('keeps residents and teams of one community from another', async () => {
    const street = await loginAs(app, 'streetadm');
    const res = await street.post('/api/v1/residents', { communityId: t.commA, name: '王五', gender: '女', phone: '13900139000', isNonpartyRep: true });
    expect(res.statusCode, res.body).toBe(200);
    const team = await street.post('/api/v1/teams', { orgId: t.commA, kind: '居民代表', name: '甲社区居民代表' });
    expect(team.statusCode, team.body).toBe(200);
    expect((await street.post(`/api/v1/teams/${team.json().id}/people`, { personKind: 'resident', personId: res.json().id })).statusCode).toBe(200);
    const b = await loginAs(app, 'brancha');
    expect((await b.get(`/api/v1/residents/${res.json().id}`)).statusCode).toBe(404);
    const secb = await loginAs(app, 'secb');
    expect((await secb.get(`/api/v1/residents/${res.json().id}`)).statusCode).toBe(404);
    expect((await secb.get(`/api/v1/teams/${team.json().id}`)).statusCode).toBe(404);
    expect((await secb.post(`/api/v1/teams/${team.json().id}/people`, { personKind: 'resident', personId: res.json().id })).statusCode).toBe(404);
    expect((await secb.get('/api/v1/residents')).json().items).toEqual([]);
    const listA = (await street.get(`/api/v1/residents?communityId=${t.commA}&representative=nonparty`)).json();
    expect(listA.items.map((x: { name: string }) => x.name)).toEqual(['王五']);
    expect(listA.items[0].phoneMasked).toBe('139****9000');
  });
});
