/** What other modules may use of notifications: notify() in their transaction, and the routes plugin. */
export { notify, NotifyInput, AppLink, INBOX_SIZE, listInbox, unreadCount } from './service.js';
export { notificationRoutes } from './routes.js';
