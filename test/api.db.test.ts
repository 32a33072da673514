/** The platform core through its API: login, scope between communities, validation, audit. */
import { expect, it, beforeAll, afterAll } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb } from './db.js';
import { loginAs, memberBody, smallTree, testApp, type Client } from './app.js';
import { rows } from '../src/platform/db/client.js';
import type { AppContext } from '../src/platform/http/context.js';

describeDb('platform API', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let t: Awaited<ReturnType<typeof smallTree>>;
  let a: Client, b: Client;
  let memberA: number;

  beforeAll(async () => {
    ({ app, ctx } = await testApp(db()));
    t = await smallTree(ctx);
    a = await loginAs(app, 'seca');
    b = await loginAs(app, 'secb');
    const r = await a.post('/api/v1/members', memberBody(t.branchA));
    expect(r.statusCode, r.body).toBe(200);
    memberA = r.json().id;
  });
  afterAll(async () => { await app?.close(); });

  it('answers healthz and serves OpenAPI', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toContain('/api/v1/members/{id}');
  });

  it('refuses anonymous calls and wrong passwords', async () => {
    expect((await app.inject('/api/v1/members')).statusCode).toBe(401);
    const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'seca', password: 'wrong' } });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('BAD_CREDENTIALS');
  });

  it('requires the CSRF token on writes', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/v1/members', cookies: { xf_session: a.cookie }, payload: memberBody(t.branchA) });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('CSRF');
  });

  it('keeps one community out of another\'s members', async () => {
    expect((await b.get(`/api/v1/members/${memberA}`)).statusCode).toBe(404);
    expect((await b.patch(`/api/v1/members/${memberA}`, { version: 1, name: '李四' })).statusCode).toBe(404);
    expect((await b.get(`/api/v1/members?orgId=${t.branchA}`)).statusCode).toBe(404);
    const list = (await b.get('/api/v1/members')).json();
    expect(list.items.map((m: { id: number }) => m.id)).not.toContain(memberA);
    expect((await b.post('/api/v1/members', memberBody(t.branchA, { idNumber: null }))).statusCode).toBe(404);
    expect((await b.get(`/api/v1/members/${memberA}/sensitive`)).statusCode).toBe(404);
    const [m] = await rows<{ name: string }>(ctx.db, sql`SELECT name FROM members WHERE id = ${memberA}`);
    expect(m.name).toBe('张三');
  });

  it('shows masked numbers and unmasks them only for allowed roles, logged', async () => {
    const m = (await a.get(`/api/v1/members/${memberA}`)).json();
    expect(m.idMasked).toBe('110101********0010');
    expect(m.phoneMasked).toBe('138****8000');
    expect(m.actions).toContain('member.read_sensitive');
    const s = (await a.get(`/api/v1/members/${memberA}/sensitive`)).json();
    expect(s).toEqual({ idNumber: '110101198001010010', phone: '13800138000' });
    const branch = await loginAs(app, 'brancha');
    expect((await branch.get(`/api/v1/members/${memberA}/sensitive`)).statusCode).toBe(403);
    const [raw] = await rows<{ id_enc: string }>(ctx.db, sql`SELECT id_enc FROM members WHERE id = ${memberA}`);
    expect(raw.id_enc).not.toContain('110101198001010010');
    const found = (await a.get('/api/v1/members?q=110101198001010010')).json();
    expect(found.items.map((x: { id: number }) => x.id)).toEqual([memberA]);
  });

  it('refuses bad input with clear codes and writes nothing', async () => {
    const [{ n: before }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members`);
    const bad = [
      memberBody(t.branchA, { idNumber: '110101198001010011' }),
      memberBody(t.branchA, { unknownField: 1 }),
      memberBody(t.branchA, { name: 'x'.repeat(51) }),
      memberBody(t.branchA, { birthDate: 'yesterday' }),
      memberBody(t.branchA, { joinDate: '1990-01-01' }),
      memberBody(t.branchA, { gender: 1 }),
      memberBody(t.commA, { idNumber: null }),
    ];
    for (const body of bad) {
      const r = await a.post('/api/v1/members', body);
      expect(r.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
      expect(r.json().error.code).toMatch(/VALIDATION|INVALID/);
    }
    const malformed = await app.inject({ method: 'POST', url: '/api/v1/members', cookies: { xf_session: a.cookie }, headers: { 'x-csrf-token': a.csrf, 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.code).toBe('BAD_JSON');
    const dup = await a.post('/api/v1/members', memberBody(t.branchA, { name: '重复' }));
    expect(dup.statusCode).toBe(409);
    const [{ n: after }] = await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM members`);
    expect(after).toBe(before);
  });

  it('updates with the version read and records the change in the audit trail', async () => {
    const r = await a.patch(`/api/v1/members/${memberA}`, { version: 1, post: '楼道长' });
    expect(r.statusCode, r.body).toBe(200);
    const stale = await a.patch(`/api/v1/members/${memberA}`, { version: 1, post: '组长' });
    expect(stale.statusCode).toBe(409);
    const h = (await a.get(`/api/v1/members/${memberA}/history`)).json();
    expect(h.items[0].type).toBe('member.updated');
    expect(h.items[0].data.changes.post).toEqual({ from: null, to: '楼道长' });
  });

  it('moves a subtree, keeps history, and refuses a move under itself', async () => {
    const street = await loginAs(app, 'streetadm');
    const self = await street.post(`/api/v1/orgs/${t.commA}/move`, { parentId: t.branchA });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('INVALID_MOVE');
    const mv = await street.post(`/api/v1/orgs/${t.branchA}/move`, { parentId: t.commB });
    expect(mv.statusCode, mv.body).toBe(200);
    const [m] = await rows<{ org_path: string }>(ctx.db, sql`SELECT org_path FROM members WHERE id = ${memberA}`);
    expect(m.org_path).toBe(mv.json().path);
    expect((await b.get(`/api/v1/members/${memberA}`)).statusCode).toBe(200);
    expect((await a.get(`/api/v1/members/${memberA}`)).statusCode).toBe(404);
    const hist = (await street.get(`/api/v1/orgs/${t.branchA}/moves`)).json();
    expect(hist.items).toHaveLength(1);
    await street.post(`/api/v1/orgs/${t.branchA}/move`, { parentId: t.commA });
  });

  it('verifies the audit chain and finds the first tampered event', async () => {
    const auditor = await loginAs(app, 'auditor');
    const ok = (await auditor.post('/api/v1/audit/verify')).json();
    expect(ok.ok).toBe(true);
    expect(ok.checked).toBeGreaterThan(5);
    expect((await a.post('/api/v1/audit/verify')).statusCode).toBe(403);
    const [ev] = await rows<{ chain: number; seq: number }>(ctx.db, sql`SELECT chain, seq FROM audit_events WHERE type = 'member.updated' LIMIT 1`);
    await expect(ctx.database.query(`UPDATE audit_events SET data = '{}' WHERE chain = $1 AND seq = $2`, [ev.chain, ev.seq])).rejects.toThrow();
    await ctx.database.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_protect');
    await ctx.database.query(`UPDATE audit_events SET data = '{"changes":{}}' WHERE chain = $1 AND seq = $2`, [ev.chain, ev.seq]);
    await ctx.database.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_protect');
    const bad = (await auditor.post('/api/v1/audit/verify')).json();
    expect(bad.ok).toBe(false);
    expect(bad.firstBad).toMatchObject({ chain: ev.chain, seq: ev.seq, reason: 'content altered' });
  });
});
