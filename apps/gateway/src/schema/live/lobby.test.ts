// Subscriptions to a meeting not started yet, through graphql-ws against the simulator: WAITING at once, the
// live state once the meeting starts, and a coded end when it is cancelled or not started in time.
import { simControl as simulatorControl } from '@hwmeeting/simulator';
import { describe, expect, it } from 'vitest';
import { controlRoom } from '../../testing/controlRoom.js';
import { data, useGateway } from '../../testing/harness.js';
import { collect, type Json, useLiveClients } from '../../testing/liveClient.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0', LOBBY_POLL_MS: '100', LOBBY_GRACE_SECONDS: '5' },
  gateway: () => ({
    meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  }),
});
const connect = useLiveClients({ gateway, tokenFor });
/** Alice schedules a meeting for tomorrow with Carol invited as a guest; answers its ID. */
const { scheduleMeeting: schedule } = controlRoom({ gql, tokenFor, sim });

const PARTICIPANTS = `subscription($id: ID!) { participants(meetingId: $id) {
  reason cursor participants { participantId name } } }`;
const STATUS = `subscription($id: ID!) { meetingStatus(meetingId: $id) { reason cursor status { state } } }`;
const INFO = `subscription($id: ID!) { meetingInfo(meetingId: $id) { reason cursor info { subject } } }`;

describe('subscriptions to a meeting not started yet', () => {
  it('say WAITING, stay open, and stream the live state once the meeting starts', async () => {
    const id = await schedule('Lobby start');
    // Carol is a member (invited), not the owner.
    const carol = await connect('carol');
    const people = collect(carol, PARTICIPANTS, { id });
    const status = collect(carol, STATUS, { id });
    const info = collect(carol, INFO, { id });
    await people.until(() => people.items.length > 0, 'the WAITING update');
    await status.until(() => status.items.length > 0, 'the WAITING status');
    await info.until(() => info.items.length > 0, 'the WAITING info');
    expect(people.items[0].participants).toEqual({ reason: 'WAITING', cursor: null, participants: [] });
    expect(status.items[0].meetingStatus).toEqual({
      reason: 'WAITING',
      cursor: null,
      status: { state: null },
    });
    expect(info.items[0].meetingInfo).toEqual({ reason: 'WAITING', cursor: null, info: null });
    // A few looks upstream later it is still waiting, not ended.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(people.isCompleted()).toBe(false);
    expect(people.items).toHaveLength(1);

    data(
      await gql(await tokenFor('alice'), 'mutation($id: ID!) { startMeeting(id: $id) { state } }', { id }),
    );
    await status.until(
      () => status.items.some((item: Json) => item.meetingStatus.status.state === 'IN_PROGRESS'),
      'the live status',
    );
    await info.until(
      () => info.items.some((item: Json) => item.meetingInfo.info?.subject === 'Lobby start'),
      'the live info',
    );
    for (const [seen, field] of [
      [people, 'participants'],
      [status, 'meetingStatus'],
      [info, 'meetingInfo'],
    ] as const) {
      await seen.until(() => seen.items.length > 1, `the live ${field}`);
      // After WAITING the subscription goes on as a new one would: SNAPSHOT, or CONNECTING then RESYNC.
      expect(['SNAPSHOT', 'CONNECTING']).toContain(seen.items[1][field].reason);
      expect(seen.items[1][field].cursor).toMatch(/^[\w-]+:\d+$/);
    }
    const { pid } = await simulatorControl<{ pid: string }>(
      sim().url,
      'POST',
      `/meetings/${id}/participants`,
      {
        name: 'Erin',
      },
    );
    await people.until(
      () =>
        people.items
          .at(-1)
          .participants.participants.some((p: { participantId: string }) => p.participantId === pid),
      'Erin joining the started meeting',
    );
    expect(people.errors).toEqual([]);
    expect(people.isCompleted()).toBe(false);
  });

  it('end with NOT_FOUND, reason MEETING_CANCELLED, when the meeting is cancelled', async () => {
    const id = await schedule('Lobby cancelled');
    const people = collect(await connect('carol'), PARTICIPANTS, { id });
    await people.until(() => people.items.length > 0, 'the WAITING update');
    expect(people.items[0].participants.reason).toBe('WAITING');
    data(await gql(await tokenFor('alice'), 'mutation($id: ID!) { cancelMeeting(id: $id) }', { id }));
    await people.until(() => people.errors.length > 0, 'the end');
    expect(people.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', reason: 'MEETING_CANCELLED' });
    await people.until(() => people.isCompleted(), 'the completion');
  });

  it('end with TIMEOUT, reason MEETING_NOT_STARTED, past the scheduled start plus the grace period', async () => {
    const id = await schedule('Lobby expired');
    // The meeting server's record says it was due to start a minute ago; the grace period is 5 s.
    const record = sim().store.meetings.get(id) as { startTimeMs: number };
    record.startTimeMs = Date.now() - 60_000;
    const people = collect(await connect('carol'), PARTICIPANTS, { id });
    await people.until(() => people.items.length > 0, 'the WAITING update');
    expect(people.items[0].participants.reason).toBe('WAITING');
    await people.until(() => people.errors.length > 0, 'the end', 10_000);
    expect(people.errors[0].extensions).toMatchObject({ code: 'TIMEOUT', reason: 'MEETING_NOT_STARTED' });
    await people.until(() => people.isCompleted(), 'the completion');
    expect(people.items).toHaveLength(1);
  });
});
