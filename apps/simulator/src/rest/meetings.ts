import type { Route } from '../http/router.js';
import type { SimRoute } from '../testControl.js';

/** Published routes of this area. */
export const meetingRoutes: Route[] = [];

/** Test-control routes of this area (under /__sim/). */
export const meetingSimRoutes: SimRoute[] = [];
