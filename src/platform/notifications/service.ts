/**
 * Notifications: a user's inbox. Other modules call `notify()` inside the transaction of the
 * business change that causes it; that change writes the audit event, so notify() writes none.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { AppError } from '../errors.js';

/** How many notifications the inbox lists. */
export const INBOX_SIZE = 50;

/** An in-app link: a path on this site only (no scheme, no `//host`), so a notification cannot send anyone elsewhere. */
export const AppLink = z.string().trim().max(500)
  .regex(/^\/(?![/\\])[^\s\\]*$/, '链接须为本站路径，以 / 开头');

/** What a caller supplies to notify a user. */
export const NotifyInput = z.strictObject({
  userId: z.number().int().positive(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().max(2000).nullish(),
  link: AppLink.nullish(),
});
export type NotifyInput = z.input<typeof NotifyInput>;

/** One notification as stored. */
export type NotificationRow = {
  id: number; title: string; body: string | null; link: string | null; createdAt: Date; readAt: Date | null;
};

const view = {
  id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link,
  createdAt: notifications.createdAt, readAt: notifications.readAt,
};

/** Adds a notification to a user's inbox in the caller's transaction; returns its id. */
export async function notify(tx: Db, input: NotifyInput): Promise<number> {
  return (await notifyAll(tx, [input]))[0];
}

/** Adds notifications to several inboxes in the caller's transaction, in one statement; returns their ids. */
export async function notifyAll(tx: Db, inputs: NotifyInput[]): Promise<number[]> {
  if (!inputs.length) return [];
  const values = inputs.map((input) => {
    const parsed = NotifyInput.safeParse(input);
    if (!parsed.success) {
      throw new AppError('VALIDATION', '通知内容不正确', 'invalid notification', parsed.error.issues.map((i) => ({ path: i.path, message: i.message })));
    }
    const n = parsed.data;
    return { userId: n.userId, title: n.title, body: n.body ?? null, link: n.link ?? null };
  });
  return (await tx.insert(notifications).values(values).returning({ id: notifications.id })).map((r) => r.id);
}

/** The latest notifications of a user, newest first. */
export async function listInbox(db: Db, userId: number, limit = INBOX_SIZE): Promise<NotificationRow[]> {
  return db.select(view).from(notifications).where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit);
}

/** How many of a user's notifications are unread. */
export async function unreadCount(db: Db, userId: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row.n);
}

/**
 * Marks one of the user's own notifications read (a second call keeps the first time).
 * Another user's notification, or none, answers NOT_FOUND.
 */
export async function markRead(db: Db, userId: number, id: number): Promise<NotificationRow> {
  const [row] = await db.update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning(view);
  if (!row) throw new AppError('NOT_FOUND', '通知不存在', 'notification not found');
  return row;
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllRead(db: Db, userId: number): Promise<number> {
  const changed = await db.update(notifications).set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return changed.length;
}
