/**
 * /api/v1/notifications: the caller's own inbox. Every query is bound to the caller's user id, so
 * another user's notification answers NOT_FOUND. Marking read changes only the caller's own inbox
 * and is not an organisational change, so it writes no audit event.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, type AppContext } from '../http/context.js';
import { listInbox, markAllRead, markRead, unreadCount, type NotificationRow } from './service.js';

const IdParams = z.strictObject({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/** A notification as the API sends it. */
export const NotificationOut = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

const Inbox = z.object({ items: z.array(NotificationOut), unread: z.number() });
const Unread = z.object({ unread: z.number() });

const present = (n: NotificationRow): z.infer<typeof NotificationOut> => ({
  id: n.id, title: n.title, body: n.body, link: n.link,
  createdAt: new Date(n.createdAt).toISOString(), readAt: n.readAt ? new Date(n.readAt).toISOString() : null,
});

/** The notification routes plugin. */
export const notificationRoutes: FastifyPluginAsync<AppContext> = async (app0, ctx) => {
  const app = app0.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;
  const tags = ['notifications'];

  app.get('/notifications', { schema: { tags, summary: '我的通知（最近 50 条）/ my latest notifications', response: { 200: Inbox } } }, async (req) => {
    const { userId } = actorOf(req);
    const [items, unread] = await Promise.all([listInbox(db, userId), unreadCount(db, userId)]);
    return { items: items.map(present), unread };
  });

  app.get('/notifications/unread-count', { schema: { tags, summary: '未读通知数 / unread count', response: { 200: Unread } } }, async (req) => ({
    unread: await unreadCount(db, actorOf(req).userId),
  }));

  // Marking read: the caller's own inbox only; no audit event (see the file comment).
  app.post('/notifications/:id/read', { schema: { tags, summary: '标记已读 / mark one read', params: IdParams, response: { 200: NotificationOut } } }, async (req) => (
    present(await markRead(db, actorOf(req).userId, req.params.id))
  ));

  app.post('/notifications/read-all', { schema: { tags, summary: '全部标记已读 / mark all read', response: { 200: z.object({ updated: z.number() }) } } }, async (req) => ({
    updated: await markAllRead(db, actorOf(req).userId),
  }));
};
