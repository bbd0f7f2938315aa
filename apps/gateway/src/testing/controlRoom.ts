// Test-only helpers of the control tests: a meeting with participants, the live state, control mutations.
import { expect } from 'vitest';
import { data, type GatewayHarness } from './harness.js';

/** A meeting ID no meeting has. */
export const UNKNOWN_MEETING = '999999999';

/** The control tests' helpers over one gateway and its simulator. */
export function controlRoom({ gql, tokenFor, sim }: Pick<GatewayHarness, 'gql' | 'tokenFor' | 'sim'>) {
  const PARTICIPANT = 'participantId name number role coHost state muted handUp video';
  const LIVE = `meetingId status hostId coHostIds participantCount participants { ${PARTICIPANT} }
    host { participantId } coHosts { participantId } invitees { name number account userUUID }`;

  async function liveMeeting(token: string, id: string) {
    return data(await gql(token, `query($id: ID!) { liveMeeting(meetingId: $id) { ${LIVE} } }`, { id }))
      .liveMeeting;
  }

  /** A mutation whose result selects `ok meetingId` and the live state after it. */
  async function control(token: string, call: string, variables: Record<string, unknown> = {}) {
    const declared = Object.keys(variables)
      .map((name) => `$${name}: ${VARIABLE_TYPES[name]}`)
      .join(', ');
    return gql(token, `mutation${declared ? `(${declared})` : ''} { ${call} }`, variables);
  }
  const VARIABLE_TYPES: Record<string, string> = {
    id: 'ID!',
    pid: 'ID!',
    pids: '[ID!]!',
    invitees: '[LiveInviteeInput!]!',
    removals: '[RemoveInviteeInput!]!',
    settings: 'MeetingSettingsInput!',
    minutes: 'Int',
  };
  const RESULT = `ok meetingId liveMeeting { ${LIVE} }`;
  const PARTICIPANT_RESULT = `ok meetingId participantId participant { ${PARTICIPANT} } liveMeeting { ${LIVE} }`;

  /** A participant joins through the simulator's test control; answers its pid. */
  async function join(id: string, body: Record<string, unknown>): Promise<string> {
    const response = await fetch(`${sim().url}/__sim/meetings/${id}/participants`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { pid: string }).pid;
  }

  /** The simulator's record of a running meeting. */
  function simLive(id: string) {
    const live = sim().store.meetings.get(id)?.live;
    if (!live) throw new Error(`meeting ${id} is not running in the simulator`);
    return live;
  }
  const simParticipant = (id: string, pid: string) => simLive(id).participants.get(pid);

  /** Alice starts a meeting (bob invited as a guest) through the gateway; alice (host), bob and carol join. */
  async function room() {
    const alice = await tokenFor('alice');
    const created = data(
      await gql(
        alice,
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id state } }',
        {
          input: { subject: 'Control room', invitees: [{ name: 'Bob Wang', userId: 'bob' }] },
        },
      ),
    ).createMeeting;
    const id = created.id as string;
    const host = await join(id, { userId: 'alice', role: 1 });
    const bob = await join(id, { userId: 'bob' });
    const carol = await join(id, { name: 'Carol', number: '+8613900000003' });
    return { id, alice, host, bob, carol };
  }

  async function eventually<T>(
    read: () => Promise<T>,
    done: (value: T) => boolean,
    timeoutMs = 3000,
  ): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  return {
    liveMeeting,
    control,
    RESULT,
    PARTICIPANT_RESULT,
    join,
    simLive,
    simParticipant,
    room,
    eventually,
  };
}
