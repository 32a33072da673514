/** What other parts may use of 点对点服务 and volunteering: the routes plugins. */
export { serviceNeedRoutes } from './needs-routes.js';
export { volunteerRoutes } from './volunteer-routes.js';
