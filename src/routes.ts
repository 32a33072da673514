/** Every module's API plugin, mounted under /api/v1 in this order. */
import type { ApiPlugin } from './platform/http/app.js';
import { auditRoutes } from './platform/audit/routes.js';
import { userRoutes } from './platform/auth/users-routes.js';
import { orgRoutes } from './modules/org/routes.js';
import { areaRoutes } from './modules/org/area-routes.js';
import { memberRoutes } from './modules/people/routes.js';
import { residentRoutes } from './modules/people/residents-routes.js';
import { teamRoutes } from './modules/people/teams-routes.js';
import { excelRoutes } from './modules/excel/routes.js';
import { fileRoutes } from './platform/files/index.js';
import { notificationRoutes } from './platform/notifications/index.js';
import { schemeRoutes } from './modules/scheme/routes.js';
import { pointsRoutes, runRoutes, statsRoutes } from './modules/points/index.js';
import { ratingRoutes } from './modules/rating/routes.js';
import { ratingResultRoutes } from './modules/rating/results-routes.js';
import { fiveGoodRoutes } from './modules/rating/five-good-routes.js';
import { awardRoutes } from './modules/rating/awards.js';
import { evaluationRoutes } from './modules/evaluation/routes.js';
import { commitmentRoutes } from './modules/commitments/routes.js';
import { postRoutes } from './modules/commitments/posts.js';
import { vanguardRoutes } from './modules/evaluation/vanguard.js';
import { requestRoutes } from './modules/grid/routes.js';
import { publicRequestRoutes } from './modules/grid/public-routes.js';
import { clockRoutes } from './platform/http/clock-routes.js';

export const apiPlugins: ApiPlugin[] = [auditRoutes, userRoutes, fileRoutes, notificationRoutes, orgRoutes, areaRoutes, memberRoutes, residentRoutes, teamRoutes, excelRoutes, schemeRoutes, pointsRoutes, runRoutes, statsRoutes, ratingRoutes, ratingResultRoutes, fiveGoodRoutes, awardRoutes, evaluationRoutes, commitmentRoutes, postRoutes, vanguardRoutes, requestRoutes, publicRequestRoutes, clockRoutes];
