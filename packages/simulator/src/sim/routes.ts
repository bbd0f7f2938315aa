import { activitySimRoutes } from './activity.js';
import { clockSimRoutes } from './clock.js';
import type { FaultQueue } from './faultQueue.js';
import { faultSimRoutes } from './faults.js';
import { meetingSimRoutes } from './meetings.js';
import { participantSimRoutes } from './participants.js';
import { pushSimRoutes } from './push.js';
import { stateSimRoutes } from './state.js';
import type { SimRoute } from './testControl.js';
import { tokenSimRoutes } from './tokens.js';
import { webhookSimRoutes } from './webhooks.js';

/** Every test-control route under `/__sim/`; REST faults go into `faults`. */
export function simRoutes(faults: FaultQueue): SimRoute[] {
  return [
    ...stateSimRoutes(faults),
    ...clockSimRoutes,
    ...tokenSimRoutes,
    ...faultSimRoutes(faults),
    ...meetingSimRoutes,
    ...participantSimRoutes,
    ...pushSimRoutes,
    ...webhookSimRoutes,
    ...activitySimRoutes,
  ];
}
