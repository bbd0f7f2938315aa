// Participant control through the gateway against the simulator.
import { describe, expect, it } from 'vitest';
import { controlRoom } from '../../testing/controlRoom.js';
import { data, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();
const { liveMeeting, control, RESULT, PARTICIPANT_RESULT, simLive, simParticipant, room, eventually } =
  controlRoom({ gql, tokenFor, sim });

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
