import { z } from 'zod';
import type { SimRoute } from './testControl.js';

const advanceSchema = z.object({ ms: z.number().int().nonnegative() });

/** Test-control route `POST /__sim/clock/advance {ms}`: moves the simulated clock forward. */
export const clockSimRoutes: SimRoute[] = [
  {
    method: 'POST',
    pattern: /^\/clock\/advance$/,
    body: advanceSchema,
    handle: ({ store, body }) => {
      store.clock.advance((body as z.infer<typeof advanceSchema>).ms);
      // Whatever waits for a time (a meeting's scheduled end, say) looks again now.
      store.emit({ kind: 'clock.advanced', detail: { now: store.clock.now() } });
      return { now: store.clock.now() };
    },
  },
];
