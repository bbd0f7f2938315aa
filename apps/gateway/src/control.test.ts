import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from './testing/harness.js';

const UNKNOWN_MEETING = '999999999';
const { gql, tokenFor, sim } = useGateway();

const PARTICIPANT = 'participantId name number role coHost state muted handUp video';
const LIVE = `meetingId status hostId coHostIds participantCount participants { ${PARTICIPANT} }
  host { participantId } coHosts { participantId } invitees { name number account userUUID }`;

async function liveMeeting(token: string, id: string) {
  return data(await gql(token, `query($id: ID!) { liveMeeting(id: $id) { ${LIVE} } }`, { id })).liveMeeting;
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
    await gql(alice, 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id state } }', {
      input: { subject: 'Control room', invitees: [{ name: 'Bob Wang', userId: 'bob' }] },
    }),
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

describe('liveMeeting', () => {
  it('lists the online participants of a running meeting, normalised, with host and co-hosts', async () => {
    const { id, alice, host, bob, carol } = await room();
    const live = await liveMeeting(alice, id);
    expect(live).toMatchObject({
      meetingId: id,
      status: 'IN_PROGRESS',
      hostId: host,
      host: { participantId: host },
      coHostIds: [],
      coHosts: [],
      participantCount: 3,
    });
    const byId = Object.fromEntries(
      live.participants.map((p: { participantId: string }) => [p.participantId, p]),
    );
    expect(byId[host]).toMatchObject({ name: 'Alice Li', role: 'HOST', state: 'IN_MEETING', muted: false });
    expect(byId[bob]).toMatchObject({ name: 'Bob Wang', role: 'GUEST', coHost: false, handUp: false });
    expect(byId[carol]).toMatchObject({ name: 'Carol', number: '+8613900000003', role: 'GUEST' });
    expect(typeof byId[carol].video).toBe('boolean');
    expect(live.invitees.map((i: { name: string }) => i.name)).toContain('Bob Wang');
  });

  it("gives the meeting's details beside its live state, passwords only to the host", async () => {
    const { id, alice } = await room();
    const answer = data(
      await gql(
        alice,
        'query($id: ID!) { liveMeeting(id: $id) { meeting { id subject passwords { host } } } }',
        {
          id,
        },
      ),
    );
    expect(answer.liveMeeting.meeting).toMatchObject({ id, subject: 'Control room' });
    expect(answer.liveMeeting.meeting.passwords.host).toMatch(/^\d+$/);
  });

  it('shows an invitee being called before they answer', async () => {
    const { id, alice } = await room();
    const delay = sim().store.settings.answerDelayMs;
    sim().store.settings.answerDelayMs = 60_000;
    try {
      await control(alice, 'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }', {
        id,
        invitees: [{ name: 'Slow Sam', phone: '+8613900000077' }],
      });
    } finally {
      sim().store.settings.answerDelayMs = delay;
    }
    const live = await liveMeeting(alice, id);
    expect(live.participants.find((p: { name: string }) => p.name === 'Slow Sam')).toMatchObject({
      state: 'CALLING',
      number: '+8613900000077',
      role: 'GUEST',
    });
  });

  it('answers a scheduled meeting with its status and no participants', async () => {
    const alice = await tokenFor('alice');
    const meetings = data(
      await gql(alice, '{ meetings(first: 20) { edges { node { id subject state } } } }'),
    );
    const review = meetings.meetings.edges.find(
      (e: { node: { subject: string } }) => e.node.subject === 'Design review',
    ).node;
    expect(await liveMeeting(alice, review.id)).toMatchObject({
      meetingId: review.id,
      status: 'SCHEDULED',
      participants: [],
      hostId: null,
      participantCount: 0,
    });
  });

  it('refuses a member who does not host the meeting, and answers unknown meetings with NOT_FOUND', async () => {
    const { id } = await room();
    const bob = await tokenFor('bob');
    expectError(await gql(bob, 'query($id: ID!) { liveMeeting(id: $id) { status } }', { id }), 'FORBIDDEN');
    const alice = await tokenFor('alice');
    expectError(
      await gql(alice, 'query($id: ID!) { liveMeeting(id: $id) { status } }', { id: UNKNOWN_MEETING }),
      'NOT_FOUND',
    );
    expectError(await gql(alice, '{ liveMeeting(id: "12ab") { status } }'), 'BAD_USER_INPUT', 'id');
  });
});

describe('participant control', () => {
  it('mutes and unmutes one participant', async () => {
    const { id, alice, bob } = await room();
    const muted = data(
      await control(
        alice,
        `muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ${PARTICIPANT_RESULT} }`,
        {
          id,
          pid: bob,
        },
      ),
    ).muteParticipant;
    expect(muted).toMatchObject({
      ok: true,
      meetingId: id,
      participantId: bob,
      participant: { muted: true },
    });
    expect(simParticipant(id, bob)?.muted).toBe(true);
    const unmuted = data(
      await control(
        alice,
        'muteParticipant(meetingId: $id, participantId: $pid, muted: false) { participant { muted } }',
        {
          id,
          pid: bob,
        },
      ),
    ).muteParticipant;
    expect(unmuted.participant.muted).toBe(false);
    expect(simParticipant(id, bob)?.muted).toBe(false);
  });

  it('renames an online participant (number looked up) and an invitee by number', async () => {
    const { id, alice, carol } = await room();
    const renamed = data(
      await control(
        alice,
        'renameParticipant(meetingId: $id, participantId: $pid, name: "Carol Z.") { participant { name } }',
        {
          id,
          pid: carol,
        },
      ),
    ).renameParticipant;
    expect(renamed.participant.name).toBe('Carol Z.');
    expect(simParticipant(id, carol)?.name).toBe('Carol Z.');

    const invited = data(
      await control(alice, `inviteParticipants(meetingId: $id, invitees: $invitees) { ok }`, {
        id,
        invitees: [{ name: 'Door phone', phone: '+8613900000042' }],
      }),
    );
    expect(invited.inviteParticipants.ok).toBe(true);
    const result = data(
      await control(
        alice,
        `renameInvitee(meetingId: $id, number: "+8613900000042", name: "Front door") { ${RESULT} }`,
        {
          id,
        },
      ),
    ).renameInvitee;
    expect(result.liveMeeting.invitees).toContainEqual(
      expect.objectContaining({ name: 'Front door', number: '+8613900000042' }),
    );
  });

  it('raises and lowers hands, one or many', async () => {
    const { id, alice, bob, carol } = await room();
    await control(alice, 'raiseHand(meetingId: $id, participantIds: $pids) { ok }', { id, pids: [bob] });
    expect(simParticipant(id, bob)?.handUp).toBe(true);
    expect(simParticipant(id, carol)?.handUp).toBe(false);
    const many = data(
      await control(alice, `raiseHand(meetingId: $id, participantIds: $pids) { ${RESULT} }`, {
        id,
        pids: [bob, carol],
      }),
    ).raiseHand;
    const hands = many.liveMeeting.participants.filter((p: { handUp: boolean }) => p.handUp);
    expect(hands.map((p: { participantId: string }) => p.participantId).sort()).toEqual([bob, carol].sort());
    await control(alice, 'lowerHand(meetingId: $id, participantIds: $pids) { ok }', {
      id,
      pids: [bob, carol],
    });
    expect(simParticipant(id, bob)?.handUp).toBe(false);
    expect(simParticipant(id, carol)?.handUp).toBe(false);
    await control(alice, 'raiseHand(meetingId: $id, participantIds: $pids) { ok }', { id, pids: [carol] });
    await control(alice, 'lowerHand(meetingId: $id, participantIds: $pids) { ok }', { id, pids: [carol] });
    expect(simParticipant(id, carol)?.handUp).toBe(false);
  });

  it('sets and revokes a co-host', async () => {
    const { id, alice, bob } = await room();
    const set = data(
      await control(
        alice,
        `setCoHost(meetingId: $id, participantId: $pid, coHost: true) { ${PARTICIPANT_RESULT} }`,
        {
          id,
          pid: bob,
        },
      ),
    ).setCoHost;
    expect(set.participant.coHost).toBe(true);
    expect(set.liveMeeting.coHostIds).toEqual([bob]);
    expect(set.liveMeeting.coHosts).toEqual([{ participantId: bob }]);
    expect(simParticipant(id, bob)?.coHost).toBe(true);
    await control(alice, 'setCoHost(meetingId: $id, participantId: $pid, coHost: false) { ok }', {
      id,
      pid: bob,
    });
    expect(simParticipant(id, bob)?.coHost).toBe(false);
  });

  it('hands the host role over and takes it back', async () => {
    const { id, alice, host, bob } = await room();
    const given = data(
      await control(alice, `setHost(meetingId: $id, participantId: $pid) { ${PARTICIPANT_RESULT} }`, {
        id,
        pid: bob,
      }),
    ).setHost;
    expect(given.participant.role).toBe('HOST');
    expect(given.liveMeeting.hostId).toBe(bob);
    expect(simParticipant(id, bob)?.role).toBe(1);
    expect(simParticipant(id, host)?.role).toBe(0);
    const released = data(
      await control(alice, `releaseHost(meetingId: $id, participantId: $pid) { ${PARTICIPANT_RESULT} }`, {
        id,
        pid: bob,
      }),
    ).releaseHost;
    expect(released.participant.role).toBe('GUEST');
    expect(released.liveMeeting.hostId).toBeNull();
    expect(simParticipant(id, bob)?.role).toBe(0);
  });

  it('rolls a participant call, broadcasts one, and cancels', async () => {
    const { id, alice, host, bob, carol } = await room();
    const called = data(
      await control(alice, `rollCall(meetingId: $id, participantId: $pid) { ${PARTICIPANT_RESULT} }`, {
        id,
        pid: carol,
      }),
    ).rollCall;
    expect(called.participant.muted).toBe(false);
    const muted = Object.fromEntries(
      called.liveMeeting.participants.map((p: { participantId: string; muted: boolean }) => [
        p.participantId,
        p.muted,
      ]),
    );
    expect(muted).toEqual({ [host]: false, [bob]: true, [carol]: false });
    expect(simLive(id).rollCallPid).toBe(carol);
    await control(alice, 'broadcast(meetingId: $id, participantId: $pid) { ok participantId }', {
      id,
      pid: bob,
    });
    expect(simLive(id).broadcastPid).toBe(bob);
    const cancelled = data(await control(alice, 'cancelBroadcast(meetingId: $id) { ok meetingId }', { id }));
    expect(cancelled.cancelBroadcast).toEqual({ ok: true, meetingId: id });
    expect(simLive(id).broadcastPid).toBeUndefined();
    expect(simLive(id).rollCallPid).toBeUndefined();
  });

  it('invites people, who join when they answer; hangs up and removes invitees', async () => {
    const { id, alice } = await room();
    // An enterprise user is called on their SIP number, which the directory tells any member.
    const daveSip = data(
      await gql(alice, '{ directory(search: "Dave Chen") { edges { node { sipNumber } } } }'),
    ).directory.edges[0].node.sipNumber;
    const invited = data(
      await control(alice, `inviteParticipants(meetingId: $id, invitees: $invitees) { ${RESULT} }`, {
        id,
        invitees: [
          { name: 'Dave Chen', userId: 'dave', phone: daveSip, device: 'SOFT_CLIENT' },
          { name: 'Eve', phone: '+8613900000009', device: 'MOBILE' },
        ],
      }),
    ).inviteParticipants;
    expect(invited.ok).toBe(true);
    expect(invited.liveMeeting.invitees.map((i: { name: string }) => i.name)).toEqual(
      expect.arrayContaining(['Dave Chen', 'Eve']),
    );
    const joined = await eventually(
      () => liveMeeting(alice, id),
      (live) =>
        ['Dave Chen', 'Eve'].every((name) =>
          live.participants.some(
            (p: { name: string; state: string }) => p.name === name && p.state === 'IN_MEETING',
          ),
        ),
    );
    const dave = joined.participants.find((p: { name: string }) => p.name === 'Dave Chen');
    const eve = joined.participants.find((p: { name: string }) => p.name === 'Eve');
    expect(dave?.state).toBe('IN_MEETING');
    expect(eve?.number).toBe('+8613900000009');

    const hung = data(
      await control(alice, `hangUp(meetingId: $id, participantIds: $pids) { ${RESULT} }`, {
        id,
        pids: [dave.participantId],
      }),
    ).hangUp;
    expect(
      hung.liveMeeting.participants.map((p: { participantId: string }) => p.participantId),
    ).not.toContain(dave.participantId);
    expect(simParticipant(id, dave.participantId)).toBeUndefined();

    const removed = data(
      await control(alice, `removeInvitees(meetingId: $id, invitees: $removals) { ${RESULT} }`, {
        id,
        removals: [{ number: '+8613900000009', participantId: eve.participantId }],
      }),
    ).removeInvitees;
    expect(removed.liveMeeting.invitees.map((i: { name: string }) => i.name)).not.toContain('Eve');
    expect(simParticipant(id, eve.participantId)).toBeUndefined();
  });

  it('moves participants to the waiting room and admits them, one or all', async () => {
    const { id, alice, bob, carol } = await room();
    const moved = data(
      await control(alice, `moveToWaitingRoom(meetingId: $id, participantIds: $pids) { ${RESULT} }`, {
        id,
        pids: [bob],
      }),
    ).moveToWaitingRoom;
    expect(
      moved.liveMeeting.participants.map((p: { participantId: string }) => p.participantId),
    ).not.toContain(bob);
    expect(simParticipant(id, bob)?.waiting).toBe(true);
    await control(alice, 'admitFromWaitingRoom(meetingId: $id, participantId: $pid) { ok }', {
      id,
      pid: bob,
    });
    expect(simParticipant(id, bob)?.waiting).toBe(false);

    await control(alice, 'moveToWaitingRoom(meetingId: $id, participantIds: $pids) { ok }', {
      id,
      pids: [bob, carol],
    });
    expect(simParticipant(id, bob)?.waiting).toBe(true);
    expect(simParticipant(id, carol)?.waiting).toBe(true);
    const admitted = data(
      await control(alice, `admitFromWaitingRoom(meetingId: $id, all: true) { ${RESULT} }`, { id }),
    ).admitFromWaitingRoom;
    expect(admitted.liveMeeting.participantCount).toBe(3);
    expect(simParticipant(id, carol)?.waiting).toBe(false);
  });
});

describe('meeting-wide control', () => {
  it('mutes everyone but the host, with and without self-unmute', async () => {
    const { id, alice, host, bob, carol } = await room();
    const muted = data(
      await control(alice, `muteAll(meetingId: $id, muted: true, allowSelfUnmute: false) { ${RESULT} }`, {
        id,
      }),
    ).muteAll;
    const state = Object.fromEntries(
      muted.liveMeeting.participants.map((p: { participantId: string; muted: boolean }) => [
        p.participantId,
        p.muted,
      ]),
    );
    expect(state).toEqual({ [host]: false, [bob]: true, [carol]: true });
    expect(simLive(id)).toMatchObject({ muteAll: true, allowUnmuteByOneself: false });
    await control(alice, 'setSelfUnmute(meetingId: $id, allowed: true) { ok }', { id });
    expect(simLive(id).allowUnmuteByOneself).toBe(true);
    await control(alice, 'setSelfUnmute(meetingId: $id, allowed: false) { ok }', { id });
    expect(simLive(id).allowUnmuteByOneself).toBe(false);
    await control(alice, 'muteAll(meetingId: $id, muted: false) { ok }', { id });
    expect(simLive(id).muteAll).toBe(false);
    expect(simParticipant(id, bob)?.muted).toBe(false);
  });

  it('locks, records, streams and extends the meeting', async () => {
    const { id, alice } = await room();
    await control(alice, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id });
    await control(alice, 'setRecording(meetingId: $id, recording: true) { ok }', { id });
    await control(alice, 'setLiveStreaming(meetingId: $id, streaming: true) { ok }', { id });
    expect(simLive(id)).toMatchObject({ locked: true, recording: true, living: true });
    await control(alice, 'lockMeeting(meetingId: $id, locked: false) { ok }', { id });
    await control(alice, 'setRecording(meetingId: $id, recording: false) { ok }', { id });
    await control(alice, 'setLiveStreaming(meetingId: $id, streaming: false) { ok }', { id });
    expect(simLive(id)).toMatchObject({ locked: false, recording: false, living: false });

    await control(alice, 'extendMeeting(meetingId: $id, minutes: $minutes) { ok }', { id, minutes: 30 });
    expect(simLive(id).extendedMinutes).toBe(30);
    await control(alice, 'extendMeeting(meetingId: $id) { ok }', { id });
    expect(simLive(id).extendedMinutes).toBe(45);
  });

  it('changes in-meeting settings from readable booleans and enums', async () => {
    const { id, alice } = await room();
    const changed = data(
      await control(alice, 'updateMeetingSettings(meetingId: $id, input: $settings) { ok meetingId }', {
        id,
        settings: {
          whoCanJoin: 'INVITED_USERS',
          chat: 'PRIVATE_ONLY',
          audienceWhoCanJoin: 'ENTERPRISE_AND_INVITED',
          localRecording: 'SELECTED_USERS',
          allowCamera: false,
          allowRename: true,
          lockSharing: true,
          locked: true,
          allowSelfUnmute: false,
          anyoneMayTakeOverSharing: false,
        },
      }),
    );
    expect(changed.updateMeetingSettings).toEqual({ ok: true, meetingId: id });
    expect(simLive(id).settings).toEqual({
      callInRestriction: 3,
      chatPermission: 2,
      audienceCallInRestriction: 2,
      clientRecMode: 2,
      allowOpenCamera: 0,
      allowRename: 1,
      lockSharing: 1,
      isLock: 1,
      allowUnmuteByOneself: 0,
      freeShare: 0,
    });
    expect(simLive(id)).toMatchObject({ locked: true, allowUnmuteByOneself: false });
  });

  it('ends the meeting; an ended instant meeting is then NOT_FOUND', async () => {
    const { id, alice } = await room();
    const ended = data(
      await control(alice, 'endMeeting(meetingId: $id) { ok meetingId liveMeeting { status } }', {
        id,
      }),
    ).endMeeting;
    expect(ended).toEqual({ ok: true, meetingId: id, liveMeeting: null });
    expect(sim().store.meetings.get(id)?.state).toBe('Destroyed');
    // An ended instant meeting is gone from the meeting list: the upstream no longer finds it.
    expectError(await gql(alice, 'query($id: ID!) { liveMeeting(id: $id) { status } }', { id }), 'NOT_FOUND');
    expectError(
      await control(alice, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id }),
      'NOT_FOUND',
    );
  });

  it("lets an administrator control the seed's running meeting", async () => {
    const admin = await tokenFor('admin', ['admin']);
    const seeded = [...sim().store.meetings.values()].find((m) => m.subject === 'All hands');
    if (!seeded) throw new Error('the demo seed has no All hands meeting');
    const id = seeded.conferenceID;
    const guest = await join(id, { userId: 'dave' });
    const answer = data(
      await control(
        admin,
        `muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ${PARTICIPANT_RESULT} }`,
        {
          id,
          pid: guest,
        },
      ),
    ).muteParticipant;
    expect(answer.participant).toMatchObject({ participantId: guest, name: 'Dave Chen', muted: true });
    expect(simParticipant(id, guest)?.muted).toBe(true);

    // Enterprise-wide: also a meeting of one of the users.
    const users = await room();
    await control(admin, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id: users.id });
    expect(simLive(users.id).locked).toBe(true);
  });
});

describe('control refusals', () => {
  it('refuses a member who is not the host with FORBIDDEN, and changes nothing', async () => {
    const { id, bob } = await room();
    const bobToken = await tokenFor('bob');
    expectError(
      await control(bobToken, 'muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ok }', {
        id,
        pid: bob,
      }),
      'FORBIDDEN',
    );
    expectError(
      await control(bobToken, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id }),
      'FORBIDDEN',
    );
    expectError(
      await control(bobToken, 'setHost(meetingId: $id, participantId: $pid) { ok }', { id, pid: bob }),
      'FORBIDDEN',
    );
    expect(simParticipant(id, bob)?.muted).toBe(false);
    expect(simParticipant(id, bob)?.role).toBe(0);
    expect(simLive(id).locked).toBe(false);
  });

  it("hides another's meeting from an uninvited member (NOT_FOUND)", async () => {
    const { id, bob } = await room();
    const dave = await tokenFor('dave');
    expectError(
      await control(dave, 'muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ok }', {
        id,
        pid: bob,
      }),
      'NOT_FOUND',
    );
    expect(simParticipant(id, bob)?.muted).toBe(false);
  });

  it('answers unknown meetings with NOT_FOUND', async () => {
    const alice = await tokenFor('alice');
    expectError(
      await control(alice, 'muteAll(meetingId: $id, muted: true) { ok }', { id: UNKNOWN_MEETING }),
      'NOT_FOUND',
    );
    expectError(
      await control(alice, 'endMeeting(meetingId: $id) { ok }', { id: UNKNOWN_MEETING }),
      'NOT_FOUND',
    );
  });

  it('answers a meeting that has not started with BAD_USER_INPUT on meetingId', async () => {
    const alice = await tokenFor('alice');
    const review = [...sim().store.meetings.values()].find((m) => m.subject === 'Design review');
    if (!review) throw new Error('the demo seed has no Design review meeting');
    expectError(
      await control(alice, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id: review.conferenceID }),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expect(sim().store.meetings.get(review.conferenceID)?.state).toBe('Schedule');
  });

  it('refuses an unknown participant of a running meeting', async () => {
    const { id, alice } = await room();
    expectError(
      await control(alice, 'muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ok }', {
        id,
        pid: 'nobody0000',
      }),
      'BAD_USER_INPUT',
    );
    expectError(
      await control(alice, 'renameParticipant(meetingId: $id, participantId: $pid, name: "X") { ok }', {
        id,
        pid: 'nobody0000',
      }),
      'NOT_FOUND',
      'participantId',
    );
  });

  // An unknown meeting ID shows that validation comes first: an upstream call would answer NOT_FOUND.
  it.each([
    ['meetingId', 'lockMeeting(meetingId: "12-3", locked: true) { ok }', {}],
    ['participantId', 'muteParticipant(meetingId: $id, participantId: "no pid!", muted: true) { ok }', {}],
    ['participantIds', 'hangUp(meetingId: $id, participantIds: $pids) { ok }', { pids: [] }],
    ['participantIds.1', 'raiseHand(meetingId: $id, participantIds: $pids) { ok }', { pids: ['a1', 'b c'] }],
    ['minutes', 'extendMeeting(meetingId: $id, minutes: $minutes) { ok }', { minutes: 0 }],
    ['minutes', 'extendMeeting(meetingId: $id, minutes: $minutes) { ok }', { minutes: 601 }],
    ['invitees', 'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }', { invitees: [] }],
    [
      'invitees.0.name',
      'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }',
      { invitees: [{ name: ' ', phone: '+8613900000001' }] },
    ],
    [
      'invitees.0.phone',
      'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }',
      { invitees: [{ name: 'A' }] },
    ],
    [
      'invitees.0.phone',
      'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }',
      { invitees: [{ name: 'A', phone: 'call me' }] },
    ],
    [
      'invitees.0.phone',
      'inviteParticipants(meetingId: $id, invitees: $invitees) { ok }',
      { invitees: [{ name: 'Dave Chen', userId: 'dave' }] },
    ],
    [
      'invitees.0.number',
      'removeInvitees(meetingId: $id, invitees: $removals) { ok }',
      { removals: [{ number: '' }] },
    ],
    ['name', 'renameParticipant(meetingId: $id, participantId: "p1", name: "") { ok }', {}],
    ['number', 'renameInvitee(meetingId: $id, number: " ", name: "A") { ok }', {}],
    ['input', 'updateMeetingSettings(meetingId: $id, input: $settings) { ok }', { settings: {} }],
    ['participantId', 'admitFromWaitingRoom(meetingId: $id) { ok }', {}],
    ['participantId', 'admitFromWaitingRoom(meetingId: $id, participantId: "p1", all: true) { ok }', {}],
  ])('answers BAD_USER_INPUT naming %s before any upstream call', async (field, call, variables) => {
    const alice = await tokenFor('alice');
    const needsId = call.includes('$id');
    const answer = await control(alice, call, { ...(needsId ? { id: UNKNOWN_MEETING } : {}), ...variables });
    const error = expectError(answer, 'BAD_USER_INPUT', field);
    expect(error.message).toContain(field);
  });
});
