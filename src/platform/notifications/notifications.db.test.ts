/** The inbox through its API: each user sees and changes only their own notifications; no audit events. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { describeDb, testKeys } from '../../../test/db.js';
import { loginAs, PASSWORD, smallTree, type Client } from '../../../test/app.js';
import { apiPlugins } from '../../routes.js';
import { buildApp } from '../http/app.js';
import { bootstrap } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { rows } from '../db/client.js';
import type { AppContext } from '../http/context.js';
import { notificationRoutes } from './routes.js';
import { INBOX_SIZE, notify, notifyAll } from './service.js';

describeDb('notifications', (db) => {
  let app: FastifyInstance;
  let ctx: AppContext;
  let a: Client, b: Client;
  let idA = 0, idB = 0;

  const userId = async (username: string) => (await rows<{ id: number }>(ctx.db, sql`SELECT id FROM users WHERE username = ${username}`))[0].id;
  const auditCount = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM audit_events`))[0].n;

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: '/tmp/xf-unused', DEMO: '0', LOG_LEVEL: 'silent' }, []);
    ctx = { database: db(), db: db().db, keys: testKeys, config };
    await bootstrap(ctx, { demo: false, adminPassword: PASSWORD });
    app = await buildApp(ctx, [...apiPlugins.filter((p) => p !== notificationRoutes), notificationRoutes]);
    await smallTree(ctx);
    a = await loginAs(app, 'seca');
    b = await loginAs(app, 'secb');
    idA = await userId('seca');
    idB = await userId('secb');
  });
  afterAll(async () => { await app?.close(); });

  it('delivers in the caller\'s transaction, and nothing when it rolls back; writes no audit event', async () => {
    const events = await auditCount();
    await ctx.db.transaction(async (tx) => {
      await notify(tx, { userId: idA, title: '支部会议提醒', body: '周五下午三点', link: '/orgs/1' });
      await notify(tx, { userId: idB, title: '乙社区通知' });
    });
    await expect(ctx.db.transaction(async (tx) => {
      await notify(tx, { userId: idA, title: '不应出现' });
      throw new Error('business change failed');
    })).rejects.toThrow('business change failed');
    await expect(ctx.db.transaction((tx) => notify(tx, { userId: idA, title: 'x', link: 'https://evil.example' }))).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await auditCount()).toBe(events);

    const inbox = (await a.get('/api/v1/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ title: '支部会议提醒', body: '周五下午三点', link: '/orgs/1', readAt: null });
    expect((await b.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title)).toEqual(['乙社区通知']);
  });

  it('lets a user mark only their own notifications read', async () => {
    const events = await auditCount();
    const mine = (await a.get('/api/v1/notifications')).json().items[0];
    const theirs = (await b.get('/api/v1/notifications')).json().items[0];
    const r = await a.post(`/api/v1/notifications/${theirs.id}/read`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    expect((await b.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
    expect((await a.post('/api/v1/notifications/999999/read')).statusCode).toBe(404);

    const read = (await a.post(`/api/v1/notifications/${mine.id}/read`)).json();
    expect(read.readAt).not.toBeNull();
    const again = (await a.post(`/api/v1/notifications/${mine.id}/read`)).json();
    expect(again.readAt).toBe(read.readAt);
    expect((await a.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect(await auditCount()).toBe(events);
  });

  it('lists the latest 50 with the full unread count, and marks all read for the caller only', async () => {
    await ctx.db.transaction(async (tx) => {
      for (let i = 1; i <= 55; i++) await notify(tx, { userId: idA, title: `提醒 ${i}` });
    });
    const inbox = (await a.get('/api/v1/notifications')).json();
    expect(inbox.items).toHaveLength(INBOX_SIZE);
    expect(inbox.unread).toBe(55);
    expect(inbox.items[0].title).toBe('提醒 55');
    expect((await a.post('/api/v1/notifications/read-all')).json()).toEqual({ updated: 55 });
    expect((await a.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 0 });
    expect((await b.get('/api/v1/notifications/unread-count')).json()).toEqual({ unread: 1 });
  });

  it('documents its routes in the OpenAPI spec', async () => {
    const spec = (await app.inject('/api/openapi.json')).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/v1/notifications', '/api/v1/notifications/unread-count', '/api/v1/notifications/{id}/read', '/api/v1/notifications/read-all']));
  });

  it('refuses anonymous calls and writes without the CSRF token', async () => {
    expect((await app.inject('/api/v1/notifications')).statusCode).toBe(401);
    const r = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', cookies: { xf_session: b.cookie } });
    expect(r.json().error.code).toBe('CSRF');
  });

  it('delivers to several inboxes in one statement, or to none when one of them is invalid', async () => {
    const count = async () => (await rows<{ n: number }>(ctx.db, sql`SELECT count(*)::int AS n FROM notifications WHERE title LIKE '多人通知%'`))[0].n;
    await expect(ctx.db.transaction((tx) => notifyAll(tx, [{ userId: idA, title: '多人通知一' }, { userId: idB, title: '' }]))).rejects.toThrow();
    expect(await count()).toBe(0);
    const ids = await ctx.db.transaction((tx) => notifyAll(tx, [{ userId: idA, title: '多人通知二', link: '/tasks' }, { userId: idB, title: '多人通知二' }]));
    expect(ids).toHaveLength(2);
    expect(await count()).toBe(2);
    expect(await ctx.db.transaction((tx) => notifyAll(tx, []))).toEqual([]);
    const inboxB = (await b.get('/api/v1/notifications')).json().items as { title: string }[];
    expect(inboxB.map((x) => x.title)).toContain('多人通知二');
  });
});
