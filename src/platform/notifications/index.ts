/** What other modules may use of notifications: notify() and notifyAll() in their transaction, and the routes plugin. */
export { notify, notifyAll, NotifyInput, AppLink, INBOX_SIZE, listInbox, unreadCount } from './service.js';
export { notificationRoutes } from './routes.js';
