// liveMeeting: the live state of a meeting as the viewer may see it, through the gateway against the simulator.
import { describe, expect, it } from 'vitest';
import { controlRoom, UNKNOWN_MEETING } from '../../testing/controlRoom.js';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();
const { liveMeeting, control, room } = controlRoom({ gql, tokenFor, sim });

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
        'query($id: ID!) { liveMeeting(meetingId: $id) { meeting { id subject passwords { host } } } }',
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
    expectError(
      await gql(bob, 'query($id: ID!) { liveMeeting(meetingId: $id) { status } }', { id }),
      'FORBIDDEN',
    );
    const alice = await tokenFor('alice');
    expectError(
      await gql(alice, 'query($id: ID!) { liveMeeting(meetingId: $id) { status } }', { id: UNKNOWN_MEETING }),
      'NOT_FOUND',
    );
    expectError(
      await gql(alice, '{ liveMeeting(meetingId: "12ab") { status } }'),
      'BAD_USER_INPUT',
      'meetingId',
    );
  });
});
