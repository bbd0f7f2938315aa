// Test-only helpers of the meeting tests: meetings created or scheduled through the gateway, participants joined
// through the simulator, the live state, control mutations.
import { simControl as simulatorControl } from '@hwmeeting/simulator';
import { expect } from 'vitest';
import { data, type GatewayHarness } from './harness.js';
import type { Json } from './liveClient.js';

/** A meeting ID no meeting has. */
export const UNKNOWN_MEETING = '999999999';

/** Carol, invited as a guest (a member of the meeting, not its owner). */
export const CAROL_GUEST = { name: 'Carol Zhang', userId: 'carol' };

/** An invitee of `createMeeting`'s input. */
type Invitee = { name: string; userId?: string; host?: boolean };

const CREATE_MEETING = 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id state } }';
const DAY_MS = 24 * 3_600_000;

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

  /** The simulator's `/__sim/` test control (throws unless it answers 200). */
  const simControl = <T = Json>(method: string, path: string, body?: unknown): Promise<T> =>
    simulatorControl<T>(sim().url, method, path, body);

  /** A participant joins through the simulator's test control; answers its pid. */
  async function join(id: string, body: Record<string, unknown>): Promise<string> {
    return (await simControl<{ pid: string }>('POST', `/meetings/${id}/participants`, body)).pid;
  }

  /** Alice creates a meeting: scheduled when `startTime` is given, started now otherwise; answers its ID and state. */
  async function createMeeting(
    subject: string,
    { startTime, invitees }: { startTime?: Date; invitees?: Invitee[] } = {},
  ): Promise<{ id: string; state: string }> {
    const input = {
      subject,
      ...(startTime ? { startTime: startTime.toISOString() } : {}),
      ...(invitees ? { invitees } : {}),
    };
    return data(await gql(await tokenFor('alice'), CREATE_MEETING, { input })).createMeeting;
  }

  /** Alice starts a meeting now (Carol invited as a guest unless told); answers its ID. */
  async function startMeeting(subject: string, invitees: Invitee[] = [CAROL_GUEST]): Promise<string> {
    const created = await createMeeting(subject, { invitees });
    expect(created.state).toBe('IN_PROGRESS');
    return created.id;
  }

  /** Alice schedules a meeting for tomorrow (Carol invited as a guest unless told); answers its ID. */
  async function scheduleMeeting(subject: string, invitees: Invitee[] = [CAROL_GUEST]): Promise<string> {
    const created = await createMeeting(subject, { startTime: new Date(Date.now() + DAY_MS), invitees });
    expect(created.state).toBe('SCHEDULED');
    return created.id;
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
    const { id } = await createMeeting('Control room', { invitees: [{ name: 'Bob Wang', userId: 'bob' }] });
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
    simControl,
    join,
    createMeeting,
    startMeeting,
    scheduleMeeting,
    simLive,
    simParticipant,
    room,
    eventually,
  };
}
