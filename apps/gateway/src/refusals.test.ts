// The precise extensions.code of the common refusals (errors.ts), through HTTP against the simulator, which
// answers the upstream codes of rest-api.md 5.3.
import { describe, expect, it } from 'vitest';
import { controlRoom } from './testing/controlRoom.js';
import { data, expectError, useGateway } from './testing/harness.js';

const { gql, tokenFor, sim } = useGateway();
/** `scheduled`: Alice schedules a meeting for tomorrow (Carol invited as a guest); answers its ID. */
const { control, room, scheduleMeeting: scheduled } = controlRoom({ gql, tokenFor, sim });

const stateOf = (id: string) => sim().store.meetings.get(id)?.state;

/** A participant leaves the meeting (the simulator's test control). */
async function leave(id: string, pid: string) {
  const response = await fetch(`${sim().url}/__sim/meetings/${id}/participants/${pid}`, { method: 'DELETE' });
  expect(response.status).toBe(200);
}

describe('MEETING_IN_PROGRESS: an action that needs a meeting that has not started', () => {
  it('cancelling a meeting in progress without endIfRunning (upstream MMC.111071067), naming meetingId', async () => {
    const { id, alice } = await room();
    const refusal = expectError(
      await gql(alice, 'mutation($id: ID!) { cancelMeeting(meetingId: $id) }', { id }),
      'MEETING_IN_PROGRESS',
      'meetingId',
    );
    expect(refusal.extensions.upstreamCode).toBe('MMC.111071067');
    expect(refusal.message).toBe(
      'meetingId: the meeting is in progress; pass endIfRunning: true to end and cancel it',
    );
    expect(stateOf(id)).toBe('Created');
  });

  it('editing or starting a meeting in progress, naming meetingId', async () => {
    const { id, alice } = await room();
    const edit = expectError(
      await gql(
        alice,
        'mutation($id: ID!) { updateMeeting(meetingId: $id, input: { subject: "Later" }) { id } }',
        {
          id,
        },
      ),
      'MEETING_IN_PROGRESS',
      'meetingId',
    );
    expect(edit.message).toMatch(/^meetingId: the meeting is in progress/);
    const start = expectError(
      await gql(alice, 'mutation($id: ID!) { startMeeting(meetingId: $id) { id } }', { id }),
      'MEETING_IN_PROGRESS',
      'meetingId',
    );
    expect(start.message).toBe('meetingId: the meeting is already in progress');
  });
});

describe('MEETING_NOT_IN_PROGRESS: meeting control of a meeting not in progress', () => {
  it('answers a scheduled meeting (upstream MMC.111072005), naming meetingId, and changes nothing', async () => {
    const id = await scheduled('Not yet');
    const refusal = expectError(
      await control(await tokenFor('alice'), 'lockMeeting(meetingId: $id, locked: true) { ok }', { id }),
      'MEETING_NOT_IN_PROGRESS',
      'meetingId',
    );
    expect(refusal.extensions.upstreamCode).toBe('MMC.111072005');
    expect(refusal.message).toBe(
      'meetingId: the meeting is not in progress: it has not started yet, or it has ended',
    );
    expect(stateOf(id)).toBe('Schedule');
  });
});

describe('PARTICIPANT_NOT_FOUND: control of a participant who is not in the meeting', () => {
  it.each([
    [
      'muteParticipant',
      'muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ok }',
      'participantId',
    ],
    ['setCoHost', 'setCoHost(meetingId: $id, participantId: $pid, coHost: true) { ok }', 'participantId'],
    ['broadcast', 'broadcast(meetingId: $id, participantId: $pid) { ok }', 'participantId'],
    [
      'renameParticipant',
      'renameParticipant(meetingId: $id, participantId: $pid, name: "X") { ok }',
      'participantId',
    ],
    ['hangUp', 'hangUp(meetingId: $id, participantIds: [$pid]) { ok }', 'participantIds'],
    ['raiseHand', 'raiseHand(meetingId: $id, participantIds: [$pid]) { ok }', 'participantIds'],
    [
      'moveToWaitingRoom',
      'moveToWaitingRoom(meetingId: $id, participantIds: [$pid]) { ok }',
      'participantIds',
    ],
  ])(
    '%s of one who left is PARTICIPANT_NOT_FOUND, naming the argument and the participant',
    async (_, call, field) => {
      const { id, alice, carol } = await room();
      await leave(id, carol);
      const refusal = expectError(
        await control(alice, call, { id, pid: carol }),
        'PARTICIPANT_NOT_FOUND',
        field,
      );
      expect(refusal.extensions.participantIds).toEqual([carol]);
      expect(refusal.message).toBe(`${field}: not in the meeting (left, or never joined): ${carol}`);
    },
  );

  it('names only those not in the meeting, and leaves other refusals as they were', async () => {
    const { id, alice, host, bob, carol } = await room();
    await leave(id, carol);
    const refusal = expectError(
      await control(alice, 'raiseHand(meetingId: $id, participantIds: $pids) { ok }', {
        id,
        pids: [bob, carol],
      }),
      'PARTICIPANT_NOT_FOUND',
      'participantIds',
    );
    expect(refusal.extensions.participantIds).toEqual([carol]);
    // A refusal about someone who is in the meeting stays what it was: the host cannot become co-host.
    expectError(
      await control(alice, 'setCoHost(meetingId: $id, participantId: $pid, coHost: true) { ok }', {
        id,
        pid: host,
      }),
      'BAD_USER_INPUT',
    );
  });
});

describe('PARTICIPANT_NOT_FOUND: admitting someone no longer in the waiting room', () => {
  it('names participantId; someone still waiting is admitted', async () => {
    const alice = await tokenFor('alice');
    const created = data(
      await gql(alice, 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }', {
        input: { subject: 'Lobby', waitingRoom: true },
      }),
    );
    const id = created.createMeeting.id as string;
    const join = async (name: string) => {
      const response = await fetch(`${sim().url}/__sim/meetings/${id}/participants`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name, waiting: true }),
      });
      return ((await response.json()) as { pid: string }).pid;
    };
    const gone = await join('Gone Guo');
    const waiting = await join('Waiting Wu');
    await leave(id, gone);
    const admit = 'admitFromWaitingRoom(meetingId: $id, participantId: $pid) { ok }';
    const refusal = expectError(
      await control(alice, admit, { id, pid: gone }),
      'PARTICIPANT_NOT_FOUND',
      'participantId',
    );
    expect(refusal.extensions.participantIds).toEqual([gone]);
    data(await control(alice, admit, { id, pid: waiting }));
    expect(sim().store.meetings.get(id)?.live?.participants.get(waiting)?.waiting).toBe(false);
  });
});

describe('WRONG_PASSWORD: a meeting password the meeting server refuses', () => {
  const START =
    'mutation($id: ID!, $password: String) { startMeeting(id: $id, password: $password) { id state } }';

  it('answers a wrong password given to startMeeting (upstream MMC.111072065), naming password', async () => {
    const id = await scheduled('Wrong password');
    const refusal = expectError(
      await gql(await tokenFor('carol'), START, { id, password: '000000' }),
      'WRONG_PASSWORD',
      'password',
    );
    expect(refusal.extensions.upstreamCode).toBe('MMC.111072065');
    expect(refusal.message).toBe('password: the meeting server refused this password for the meeting');
    expect(stateOf(id)).toBe('Schedule');
  });

  it('lets a guest given the host password start the meeting', async () => {
    const id = await scheduled('Host password shared');
    const chair = sim().store.meetings.get(id)?.chairPassword;
    expect(data(await gql(await tokenFor('carol'), START, { id, password: chair })).startMeeting).toEqual({
      id,
      state: 'IN_PROGRESS',
    });
  });
});
