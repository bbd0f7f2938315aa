// startMeeting: who may start a scheduled meeting, and the codes of those who may not.
import { describe, expect, it } from 'vitest';
import { CAROL_GUEST, controlRoom } from '../../testing/controlRoom.js';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

const START = 'mutation($id: ID!) { startMeeting(meetingId: $id) { id state } }';

const { scheduleMeeting } = controlRoom({ gql, tokenFor, sim });
/** Alice schedules a meeting for tomorrow with Bob as a host and Carol as a guest; answers its ID. */
const schedule = (subject: string) =>
  scheduleMeeting(subject, [{ name: 'Bob Wang', userId: 'bob', host: true }, CAROL_GUEST]);

const stateOf = (id: string) => sim().store.meetings.get(id)?.state;

describe('startMeeting', () => {
  it('refuses a guest with FORBIDDEN, keeping the upstream code, and leaves the meeting scheduled', async () => {
    const id = await schedule('Guest may not start');
    const refusal = expectError(await gql(await tokenFor('carol'), START, { id }), 'FORBIDDEN');
    expect(refusal.extensions.upstreamCode).toBe('MMC.111072065');
    expect(stateOf(id)).toBe('Schedule');
  });

  it('lets a guest start it with the guest password when the meeting allows guests to', async () => {
    const id = await schedule('Guest may start');
    // The gateway cannot schedule with that option; it is set on the meeting server's record instead.
    const record = sim().store.meetings.get(id) as { schedule: { confConfigInfo?: Record<string, unknown> } };
    record.schedule.confConfigInfo = { ...record.schedule.confConfigInfo, allowGuestStartConf: true };
    expect(data(await gql(await tokenFor('carol'), START, { id })).startMeeting.state).toBe('IN_PROGRESS');
  });

  it('answers NOT_FOUND to someone not invited', async () => {
    const id = await schedule('Stranger may not start');
    expectError(await gql(await tokenFor('dave'), START, { id }), 'NOT_FOUND');
    expect(stateOf(id)).toBe('Schedule');
  });

  it('lets the owner and an invited host start it', async () => {
    const owned = await schedule('Owner starts');
    expect(data(await gql(await tokenFor('alice'), START, { id: owned })).startMeeting).toEqual({
      id: owned,
      state: 'IN_PROGRESS',
    });
    const hosted = await schedule('Host starts');
    expect(data(await gql(await tokenFor('bob'), START, { id: hosted })).startMeeting.state).toBe(
      'IN_PROGRESS',
    );
  });
});
