import type { Route } from '../http/router.js';
import { webhookRoutes } from '../webhooks/config.js';
import { authRoutes } from './auth.js';
import { controlRoutes } from './control.js';
import { departmentRoutes } from './departments.js';
import { meetingRoutes } from './meetings.js';
import { userRoutes } from './users.js';

/** Every published route the simulator serves. */
export const publishedRoutes: Route[] = [
  ...authRoutes,
  ...meetingRoutes,
  ...userRoutes,
  ...departmentRoutes,
  ...controlRoutes,
  ...webhookRoutes,
];
