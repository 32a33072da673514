/** What other modules may use of the points ledger: idempotent awards from their own events. */
export { awardPoints, prepareEntry, type EntryInput } from './ledger.js';
export { pointsRoutes } from './routes.js';
export { runRoutes } from './runs-routes.js';
export { statsRoutes } from './stats-routes.js';
