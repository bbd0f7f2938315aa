import { activitySimRoutes } from '../activity.js';
import type { Route } from '../http/router.js';
import { pushSimRoutes } from '../push/pushFaults.js';
import type { SimRoute } from '../testControl.js';
import { webhookRoutes } from '../webhooks/config.js';
import { webhookSimRoutes } from '../webhooks/simRoutes.js';
import { authRoutes } from './auth.js';
import { controlRoutes, controlSimRoutes } from './control.js';
import { departmentRoutes, departmentSimRoutes } from './departments.js';
import { meetingRoutes, meetingSimRoutes } from './meetings.js';
import { userRoutes, userSimRoutes } from './users.js';

/** Every published route the simulator serves. */
export const publishedRoutes: Route[] = [
  ...authRoutes,
  ...meetingRoutes,
  ...userRoutes,
  ...departmentRoutes,
  ...controlRoutes,
  ...webhookRoutes,
];

/** Every area's test-control routes. */
export const areaSimRoutes: SimRoute[] = [
  ...meetingSimRoutes,
  ...userSimRoutes,
  ...departmentSimRoutes,
  ...controlSimRoutes,
  ...pushSimRoutes,
  ...webhookSimRoutes,
  ...activitySimRoutes,
];
