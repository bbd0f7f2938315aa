// Who a participant is (userId, account, thirdPartyId), which one is the viewer (isSelf), and the id a client cache
// keys participants by: through liveMeeting (REST real-time info plus the pushed identity) and through the
// participants subscription (graphql-ws), against the simulator.
import type { Client } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { controlRoom } from '../../testing/controlRoom.js';
import { data, useGateway } from '../../testing/harness.js';
import { collect, type Json, useLiveClients } from '../../testing/liveClient.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0' },
  gateway: () => ({
    embedded: true,
    meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  }),
});
const { join, room, eventually } = controlRoom({ gql, tokenFor, sim });
const connect = useLiveClients({ gateway, tokenFor });

const WHO = 'id participantId name userId account thirdPartyId isSelf';
const LIVE = `query($id: ID!) { liveMeeting(id: $id) { id meetingId participants { ${WHO} } } }`;
const PARTICIPANTS = `subscription($id: ID!) { participants(meetingId: $id) { reason participants { ${WHO} } } }`;

/** An enterprise user as the gateway's User type names them. */
async function userOf(sub: string) {
  return data(await gql(await tokenFor(sub), '{ me { id account thirdPartyId } }')).me as {
    id: string;
    account: string;
    thirdPartyId: string;
  };
}

/** The participants of a meeting as `sub` reads them through liveMeeting, once all of `pids` are listed. */
async function liveParticipants(token: string, id: string, pids: string[]): Promise<Json[]> {
  const read = async () => data(await gql(token, LIVE, { id })).liveMeeting.participants as Json[];
  const participants = await eventually(read, (list) =>
    pids.every((pid) => list.some((p) => p.participantId === pid && p.userId !== undefined)),
  );
  return participants;
}

/** The participants of the last update of a subscription, once all of `pids` are in it. */
async function subscribedParticipants(client: Client, id: string, pids: string[]) {
  const seen = collect(client, PARTICIPANTS, { id });
  await seen.until(
    () =>
      pids.every((pid) =>
        (seen.items.at(-1)?.participants.participants ?? []).some((p: Json) => p.participantId === pid),
      ),
    'every participant',
  );
  expect(seen.errors).toEqual([]);
  return seen.items.at(-1).participants.participants as Json[];
}

const byPid = (list: Json[], pid: string) => list.find((p) => p.participantId === pid);

describe('who a participant is', () => {
  it("names an enterprise user's ID, Meeting account and third-party ID, and nothing for a guest", async () => {
    const { id, alice, host, bob, carol } = await room();
    const [aliceUser, bobUser] = [await userOf('alice'), await userOf('bob')];

    for (const list of [
      await liveParticipants(alice, id, [host, bob, carol]),
      await subscribedParticipants(await connect('alice'), id, [host, bob, carol]),
    ]) {
      expect(byPid(list, host)).toMatchObject({
        userId: aliceUser.id,
        account: aliceUser.account,
        thirdPartyId: 'alice',
      });
      expect(byPid(list, bob)).toMatchObject({
        userId: bobUser.id,
        account: bobUser.account,
        thirdPartyId: 'bob',
      });
      expect(byPid(list, carol)).toMatchObject({
        name: 'Carol',
        userId: null,
        account: null,
        thirdPartyId: null,
      });
    }
  });

  it('an invitee called in by third-party ID is pushed with the user it is', async () => {
    const { id, alice } = await room();
    const dave = await userOf('dave');
    const sip = data(await gql(alice, '{ directory(search: "dave") { edges { node { sipNumber } } } }'))
      .directory.edges[0].node.sipNumber as string;
    data(
      await gql(
        alice,
        'mutation($id: ID!, $invitees: [LiveInviteeInput!]!) { inviteParticipants(meetingId: $id, invitees: $invitees) { ok } }',
        {
          id,
          invitees: [{ name: 'Dave', userId: 'dave', phone: sip }],
        },
      ),
    );
    const client = await connect('alice');
    const seen = collect(client, PARTICIPANTS, { id });
    await seen.until(
      () => (seen.items.at(-1)?.participants.participants ?? []).some((p: Json) => p.name === 'Dave'),
      'Dave',
    );
    const called = seen.items.at(-1).participants.participants.find((p: Json) => p.name === 'Dave');
    expect(called).toMatchObject({ userId: dave.id, account: dave.account, thirdPartyId: 'dave' });
  });
});

describe('isSelf', () => {
  it("is true for the viewer's own participant only, for each viewer of the same feed and query", async () => {
    const { id, alice, host, bob, carol } = await room();
    const everyone = [host, bob, carol];
    const selfOf = (list: Json[]) => list.filter((p) => p.isSelf).map((p) => p.participantId);

    // The same document on one shared feed: each viewer's answer is their own.
    const [asAlice, asBob, asAdmin] = [
      await connect('alice'),
      await connect('bob'),
      await connect('admin', ['admin']),
    ];
    expect(selfOf(await subscribedParticipants(asAlice, id, everyone))).toEqual([host]);
    expect(selfOf(await subscribedParticipants(asBob, id, everyone))).toEqual([bob]);
    expect(selfOf(await subscribedParticipants(asAdmin, id, everyone))).toEqual([]);

    expect(selfOf(await liveParticipants(alice, id, everyone))).toEqual([host]);
    expect(selfOf(await liveParticipants(await tokenFor('admin', ['admin']), id, everyone))).toEqual([]);
  });

  it('is true for both devices of the same user', async () => {
    const { id, alice, host } = await room();
    const phone = await join(id, { userId: 'alice', number: '+8613900000077', clientType: 'Mobile' });
    const list = await liveParticipants(alice, id, [host, phone]);
    expect(
      list
        .filter((p) => p.isSelf)
        .map((p) => p.participantId)
        .sort(),
    ).toEqual([host, phone].sort());
  });
});

describe('cache ids', () => {
  it('are the same for a participant in a query and in a subscription, and never shared by two meetings', async () => {
    const first = await room();
    const second = await room();
    const everyone = (r: typeof first) => [r.host, r.bob, r.carol];

    const queried = await liveParticipants(first.alice, first.id, everyone(first));
    const pushed = await subscribedParticipants(await connect('alice'), first.id, everyone(first));
    for (const pid of everyone(first)) {
      expect(byPid(pushed, pid).id).toBe(byPid(queried, pid).id);
      expect(byPid(queried, pid).id).toEqual(expect.any(String));
    }

    // A change: the changed participant keeps its id, and so does the control result's participant.
    const changes = collect(
      await connect('alice'),
      `subscription($id: ID!) { participants(meetingId: $id) { reason changed { id participantId muted } } }`,
      { id: first.id },
    );
    await changes.until(() => changes.items.length > 0, 'the first update');
    const muted = data(
      await gql(
        first.alice,
        'mutation($id: ID!, $pid: ID!) { muteParticipant(meetingId: $id, participantId: $pid, muted: true) { participant { id } } }',
        { id: first.id, pid: first.bob },
      ),
    ).muteParticipant;
    expect(muted.participant.id).toBe(byPid(queried, first.bob).id);
    await changes.until(
      () =>
        changes.items.some(
          (item: Json) =>
            item.participants.reason === 'CHANGE' &&
            item.participants.changed.some((p: Json) => p.participantId === first.bob && p.muted),
        ),
      "bob's change",
    );
    const change = changes.items
      .flatMap((item: Json) => item.participants.changed)
      .filter((p: Json) => p.participantId === first.bob && p.muted);
    expect(change[0].id).toBe(byPid(queried, first.bob).id);

    const other = await liveParticipants(second.alice, second.id, everyone(second));
    const ids = new Set([...queried, ...other].map((p) => p.id));
    expect(ids.size).toBe(queried.length + other.length);

    const live = data(await gql(first.alice, LIVE, { id: first.id })).liveMeeting;
    expect(live.id).toEqual(expect.any(String));
    const otherLive = data(await gql(second.alice, LIVE, { id: second.id })).liveMeeting;
    expect(otherLive.id).not.toBe(live.id);
    expect(ids.has(live.id)).toBe(false);
  });
});
