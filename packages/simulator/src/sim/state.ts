import type { FaultQueue } from './faultQueue.js';
import type { SimRoute } from './testControl.js';

/** Test-control route `GET /__sim/state`: a summary of the clock, users, tokens, meetings and pending faults. */
export function stateSimRoutes(faults: FaultQueue): SimRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/state$/,
      handle: ({ store }) => ({
        now: store.clock.now(),
        users: store.users.size,
        tokens: store.tokens.size,
        meetings: [...store.meetings.values()].map((m) => ({
          conferenceID: m.conferenceID,
          subject: m.subject,
          state: m.state,
          participants: m.live?.participants.size ?? 0,
        })),
        faults: faults.pending(),
      }),
    },
  ];
}
