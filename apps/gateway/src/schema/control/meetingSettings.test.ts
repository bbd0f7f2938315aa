// Every setting a host sets in a meeting reads back: the meetingStatus subscription's CHANGE names it in
// changedFields and carries it, and liveMeeting's liveStatus answers it. The cases come from one table, checked
// against the schema, so a new control mutation or setting cannot be left out.
import { simControl } from '@hwmeeting/simulator';
import { type GraphQLInputObjectType, type GraphQLObjectType, Kind, parse } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { data, useGateway } from '../../testing/harness.js';
import { collect, connectLive, type Json } from '../../testing/liveClient.js';
import { buildSchema } from '../index.js';
import { meetingControlTypeDefs } from './meeting.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0' },
  gateway: () => ({ meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 } }),
});
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

/** One control mutation (or one setting of updateMeetingSettings) and the status it must read back as. */
interface Case {
  /** The mutation's field, with its arguments; `$id` is the meeting, `$pid` a participant who joined. */
  call: string;
  /** The input of updateMeetingSettings, when the call takes one. */
  settings?: Record<string, unknown>;
  /** LiveMeetingStatus fields as they must read afterwards (each must be named in changedFields). */
  status: Record<string, unknown>;
  /** Run first (with its own CHANGE awaited): puts the meeting where the call changes something. */
  before?: string;
  /** The meeting is gone afterwards: nothing to read back with liveMeeting. */
  ends?: boolean;
}

const settingsCase = (settings: Record<string, unknown>, status: Record<string, unknown>): Case => ({
  call: 'updateMeetingSettings(meetingId: $id, input: $settings) { ok }',
  settings,
  status,
});

/** The table: each control mutation that changes the meeting's status, and each field of MeetingSettingsInput. */
const CASES: Record<string, Case> = {
  muteAll: {
    call: 'muteAll(meetingId: $id, muted: true, allowSelfUnmute: false) { ok }',
    status: { muteAll: true, canUnmute: false },
  },
  setSelfUnmute: {
    call: 'setSelfUnmute(meetingId: $id, allowed: false) { ok }',
    status: { canUnmute: false },
  },
  lockMeeting: { call: 'lockMeeting(meetingId: $id, locked: true) { ok }', status: { locked: true } },
  setRecording: { call: 'setRecording(meetingId: $id, recording: true) { ok }', status: { recording: true } },
  setLiveStreaming: {
    call: 'setLiveStreaming(meetingId: $id, streaming: true) { ok }',
    status: { liveStreaming: true },
  },
  extendMeeting: { call: 'extendMeeting(meetingId: $id, minutes: 30) { ok }', status: { endTime: 'later' } },
  endMeeting: { call: 'endMeeting(meetingId: $id) { ok }', status: { state: 'ENDED' }, ends: true },
  cancelBroadcast: {
    before: 'broadcast(meetingId: $id, participantId: $pid) { ok }',
    call: 'cancelBroadcast(meetingId: $id) { ok }',
    status: { mode: 'FREE' },
  },
  setSubtitles: { call: 'setSubtitles(meetingId: $id, on: true) { ok }', status: { subtitles: true } },
  broadcast: { call: 'broadcast(meetingId: $id, participantId: $pid) { ok }', status: { mode: 'BROADCAST' } },
  rollCall: { call: 'rollCall(meetingId: $id, participantId: $pid) { ok }', status: { mode: 'ROLL_CALL' } },
  'settings.lockSharing': settingsCase({ lockSharing: true }, { lockSharing: true }),
  'settings.whoCanJoin': settingsCase({ whoCanJoin: 'INVITED_USERS' }, { whoCanJoin: 'INVITED_USERS' }),
  'settings.allowSelfUnmute': settingsCase({ allowSelfUnmute: false }, { canUnmute: false }),
  'settings.chat': settingsCase({ chat: 'PRIVATE_ONLY' }, { chat: 'PRIVATE_ONLY' }),
  'settings.chat DISABLED': settingsCase({ chat: 'DISABLED' }, { chat: 'DISABLED', chatForbidden: true }),
  'settings.audienceWhoCanJoin': settingsCase(
    { audienceWhoCanJoin: 'ENTERPRISE_AND_INVITED' },
    { audienceWhoCanJoin: 'ENTERPRISE_AND_INVITED' },
  ),
  'settings.localRecording': settingsCase({ localRecording: 'EVERYONE' }, { localRecording: 'EVERYONE' }),
  'settings.allowCamera': settingsCase({ allowCamera: false }, { allowCamera: false }),
  'settings.allowRename': settingsCase({ allowRename: false }, { allowRename: false }),
  'settings.locked': settingsCase({ locked: true }, { locked: true }),
  'settings.anyoneMayTakeOverSharing': settingsCase(
    { anyoneMayTakeOverSharing: true },
    { anyoneMayTakeOverSharing: true },
  ),
};

// Control mutations of meeting.ts that change no pushed status.
const NO_STATUS_CHANGE = new Set<string>();

const STATUS_FIELDS = `state endTime mode locked muteAll lockSharing canUnmute recording recordedBefore chatForbidden
  subtitles whoCanJoin audienceWhoCanJoin chat localRecording allowCamera allowRename anyoneMayTakeOverSharing liveStreaming`;
const STATUS = `subscription($id: ID!) { meetingStatus(meetingId: $id) { reason changedFields status { ${STATUS_FIELDS} } } }`;

/** Alice starts a meeting now and Bob joins it; answers the meeting ID, Bob's pid and Alice's token. */
async function runningMeeting() {
  const alice = await tokenFor('alice');
  const created = data(
    await gql(alice, 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }', {
      input: { subject: 'Settings read back' },
    }),
  );
  const id = created.createMeeting.id as string;
  const { pid } = await simControl<{ pid: string }>(sim().url, 'POST', `/meetings/${id}/participants`, {
    name: 'Bob',
  });
  return { id, pid, alice };
}

/** Runs a control mutation with the case's variables. */
async function run(token: string, call: string, variables: Record<string, unknown>) {
  const declared = ['$id: ID!', '$pid: ID!', '$settings: MeetingSettingsInput!'].filter((d) =>
    call.includes(d.slice(0, d.indexOf(':'))),
  );
  const used = Object.fromEntries(Object.entries(variables).filter(([name]) => call.includes(`$${name}`)));
  return data(await gql(token, `mutation(${declared.join(', ')}) { ${call} }`, used));
}

describe('in-meeting settings read back', () => {
  it('covers every meeting-wide control mutation and every field of MeetingSettingsInput', () => {
    const schema = buildSchema({ appId: undefined });
    const document = parse(meetingControlTypeDefs);
    const mutations = document.definitions.flatMap((d) =>
      d.kind === Kind.OBJECT_TYPE_EXTENSION && d.name.value === 'Mutation'
        ? (d.fields ?? []).map((f) => f.name.value)
        : [],
    );
    const called = Object.values(CASES).map((c) => c.call.slice(0, c.call.indexOf('(')));
    expect(mutations.filter((m) => !called.includes(m) && !NO_STATUS_CHANGE.has(m))).toEqual([]);
    const covered = Object.keys(CASES);
    const input = schema.getType('MeetingSettingsInput') as GraphQLInputObjectType;
    const settings = Object.keys(input.getFields()).map((field) => `settings.${field}`);
    expect(settings.filter((s) => !covered.includes(s))).toEqual([]);
    // And every status field the table expects is one LiveMeetingStatus has.
    const status = schema.getType('LiveMeetingStatus') as GraphQLObjectType;
    const expected = Object.values(CASES).flatMap((c) => Object.keys(c.status));
    expect(expected.filter((f) => !(f in status.getFields()))).toEqual([]);
  });

  it.each(Object.entries(CASES))(
    '%s: the CHANGE names and carries it, liveMeeting reads it',
    async (_, c) => {
      const { id, pid, alice } = await runningMeeting();
      const client = connectLive(gateway().wsUrl, alice);
      clients.push(client);
      const seen = collect(client, STATUS, { id });
      const statusOf = (update: Json) => update?.meetingStatus?.status;
      await seen.until(() => statusOf(seen.items.at(-1))?.state === 'IN_PROGRESS', 'the status as it stands');
      const variables = { id, pid, settings: c.settings };
      if (c.before) {
        const count = seen.items.length;
        await run(alice, c.before, variables);
        await seen.until(() => seen.items.length > count, 'the change of the set-up');
      }
      const before = statusOf(seen.items.at(-1));
      const count = seen.items.length;
      await run(alice, c.call, variables);

      const expected = Object.entries(c.status);
      const matches = (status: Json) =>
        expected.every(([field, value]) =>
          value === 'later' ? status?.[field] > before[field] : status?.[field] === value,
        );
      await seen.until(
        () => seen.items.slice(count).some((u) => matches(statusOf(u))),
        `a CHANGE with ${JSON.stringify(c.status)}`,
      );
      // The updates after the call name every field they changed: together, each field the case expects.
      const changes = seen.items.slice(count).map((u) => u.meetingStatus);
      for (const change of changes) {
        expect(change.reason).toBe('CHANGE');
        expect(change.changedFields.length, JSON.stringify(change)).toBeGreaterThan(0);
      }
      const named = changes.flatMap((change) => change.changedFields);
      for (const [field] of expected) expect(named).toContain(field);
      if (c.ends) return;

      const read = data(
        await gql(alice, `query($id: ID!) { liveMeeting(id: $id) { liveStatus { ${STATUS_FIELDS} } } }`, {
          id,
        }),
      ).liveMeeting.liveStatus;
      expect(matches(read), JSON.stringify(read)).toBe(true);
    },
  );
});

describe('changes the schema does not show', () => {
  it('leaves out a status change of pushed fields LiveMeetingStatus does not map (no empty changedFields)', async () => {
    const { id, alice } = await runningMeeting();
    const client = connectLive(gateway().wsUrl, alice);
    clients.push(client);
    const seen = collect(client, STATUS, { id });
    await seen.until(() => seen.items.at(-1)?.meetingStatus.status.state === 'IN_PROGRESS', 'the status');
    const count = seen.items.length;
    // `pause` is pushed (DOC sample) but not mapped; a participant joining makes the simulator push it.
    const live = sim().store.meetings.get(id)?.live;
    if (!live) throw new Error('the meeting is not running');
    live.paused = true;
    await simControl(sim().url, 'POST', `/meetings/${id}/participants`, { name: 'Erin' });
    await run(alice, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id });
    await seen.until(() => seen.items.at(-1)?.meetingStatus.status.locked === true, 'the lock');
    expect(seen.items.slice(count).map((u) => u.meetingStatus.changedFields)).toEqual([['locked']]);
  });

  it('names joinRestriction in the info CHANGE of a whoCanJoin setting', async () => {
    const { id, alice } = await runningMeeting();
    const client = connectLive(gateway().wsUrl, alice);
    clients.push(client);
    const seen = collect(
      client,
      'subscription($id: ID!) { meetingInfo(meetingId: $id) { reason changedFields info { joinRestriction } } }',
      { id },
    );
    await seen.until(() => seen.items.at(-1)?.meetingInfo.info?.joinRestriction === 'EVERYONE', 'the info');
    const count = seen.items.length;
    await run(alice, 'updateMeetingSettings(meetingId: $id, input: $settings) { ok }', {
      id,
      settings: { whoCanJoin: 'ENTERPRISE_USERS' },
    });
    await seen.until(() => seen.items.length > count, 'the info change');
    expect(seen.items.slice(count).map((u) => u.meetingInfo)).toEqual([
      { reason: 'CHANGE', changedFields: ['joinRestriction'], info: { joinRestriction: 'ENTERPRISE_USERS' } },
    ]);
  });
});
