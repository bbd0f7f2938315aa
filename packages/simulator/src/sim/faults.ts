import type { z } from 'zod';
import { type FaultQueue, faultSchema } from './faultQueue.js';
import type { SimRoute } from './testControl.js';

/** Test-control routes of REST faults: `POST /__sim/faults {kind, count, ...}` queues one, `DELETE` clears them. */
export function faultSimRoutes(faults: FaultQueue): SimRoute[] {
  return [
    {
      method: 'POST',
      pattern: /^\/faults$/,
      body: faultSchema,
      handle: ({ body }) => {
        faults.add(body as z.infer<typeof faultSchema>);
        return { pending: faults.pending() };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults$/,
      handle: () => {
        faults.clear();
        return { pending: [] };
      },
    },
  ];
}
