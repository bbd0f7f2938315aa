import type { Route } from '../http/router.js';
import type { SimRoute } from '../testControl.js';

/** Published routes of this area. */
export const userRoutes: Route[] = [];

/** Test-control routes of this area (under /__sim/). */
export const userSimRoutes: SimRoute[] = [];
