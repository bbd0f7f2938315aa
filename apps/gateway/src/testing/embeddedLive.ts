// Shared set-up of the live tests on the embedded simulator: the gateway registers its webhook route there, short
// meeting-socket heartbeats and back-off, graphql-ws clients disposed after each test.
// Test-only: excluded from the build and exported under no package path.
import { controlRoom } from './controlRoom.js';
import { useGateway } from './harness.js';
import { useLiveClients } from './liveClient.js';

/** Starts the gateway (embedded simulator options) for the file's tests; answers it with the live tests' helpers. */
export function useEmbeddedLiveGateway() {
  const harness = useGateway({
    env: { STREAM_GRACE_SECONDS: '0', REAUTHORIZE_SECONDS: '1' },
    gateway: () => ({
      // As on the embedded simulator: the gateway registers its webhook route there.
      embedded: true,
      meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
    }),
  });
  // The gateway ends the subscriptions of a closed socket asynchronously; the next test starts after that.
  const connect = useLiveClients(harness, async () => {
    const deadline = Date.now() + 2000;
    while (harness.gateway().live.enterpriseSubscriberCount() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  const meetings = controlRoom(harness);
  return {
    ...harness,
    connect,
    simControl: meetings.simControl,
    startMeeting: meetings.startMeeting,
    /** `name` joins the meeting through the simulator's test control; answers its pid. */
    join: (meetingId: string, name: string) => meetings.join(meetingId, { name }),
  };
}
