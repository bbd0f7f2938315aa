// Meeting-wide control, and who may not control a meeting, through the gateway against the simulator.
import { describe, expect, it } from 'vitest';
import { controlRoom, UNKNOWN_MEETING } from '../../testing/controlRoom.js';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();
const { control, RESULT, PARTICIPANT_RESULT, join, simLive, simParticipant, room } = controlRoom({
  gql,
  tokenFor,
  sim,
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
    expectError(
      await gql(alice, 'query($id: ID!) { liveMeeting(meetingId: $id) { status } }', { id }),
      'NOT_FOUND',
    );
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

  it('answers a meeting that has not started with MEETING_NOT_IN_PROGRESS on meetingId', async () => {
    const alice = await tokenFor('alice');
    const review = [...sim().store.meetings.values()].find((m) => m.subject === 'Design review');
    if (!review) throw new Error('the demo seed has no Design review meeting');
    expectError(
      await control(alice, 'lockMeeting(meetingId: $id, locked: true) { ok }', { id: review.conferenceID }),
      'MEETING_NOT_IN_PROGRESS',
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
      'PARTICIPANT_NOT_FOUND',
      'participantId',
    );
    expectError(
      await control(alice, 'renameParticipant(meetingId: $id, participantId: $pid, name: "X") { ok }', {
        id,
        pid: 'nobody0000',
      }),
      'PARTICIPANT_NOT_FOUND',
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
