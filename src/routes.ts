/** Every module's API plugin, mounted under /api/v1 in this order. */
import type { ApiPlugin } from './platform/http/app.js';
import { auditRoutes } from './platform/audit/routes.js';
import { userRoutes } from './platform/auth/users-routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { memberRoutes } from './modules/people/routes.js';

export const apiPlugins: ApiPlugin[] = [auditRoutes, userRoutes, orgRoutes, memberRoutes];
