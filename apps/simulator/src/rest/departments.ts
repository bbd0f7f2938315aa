import type { Route } from '../http/router.js';
import type { SimRoute } from '../testControl.js';

/** Published routes of this area. */
export const departmentRoutes: Route[] = [];

/** Test-control routes of this area (under /__sim/). */
export const departmentSimRoutes: SimRoute[] = [];
