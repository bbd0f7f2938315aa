// Live subscriptions end to end: a real graphql-ws client against the gateway against the simulator.
import { describe, expect, it } from 'vitest';
import { useEmbeddedLiveGateway } from '../../testing/embeddedLive.js';
import { data } from '../../testing/harness.js';
import { collect, type Json } from '../../testing/liveClient.js';

const { gql, tokenFor, sim, gateway, connect, simControl, startMeeting, join } = useEmbeddedLiveGateway();

const subscribe = collect;

/** The simulator's truth: pid -> muted, for those in the meeting (not waiting). */
async function truth(meetingId: string): Promise<Map<string, boolean>> {
  const answer = await simControl<{ participants: { pid: string; muted: boolean; waiting: boolean }[] }>(
    'GET',
    `/meetings/${meetingId}/participants`,
  );
  return new Map(answer.participants.filter((p) => !p.waiting).map((p) => [p.pid, p.muted]));
}

const PARTICIPANTS = `subscription($id: ID!) { participants(meetingId: $id) {
  meetingId reason participants { participantId name muted role state } changed { participantId muted } removed } }`;

const last = (items: Json[]) => items.at(-1);
/** The participant IDs of a participants update (none before the first). */
const pidsOf = (update: Json): string[] =>
  (update?.participants ?? []).map((p: { participantId: string }) => p.participantId);

describe('meeting subscriptions', () => {
  it('participants: the snapshot first, then changes from simulator activity and from mutations', async () => {
    const id = await startMeeting('Live participants');
    const seen = subscribe(await connect('alice'), PARTICIPANTS, { id });
    await seen.until(() => seen.items.length > 0, 'the snapshot');
    expect(seen.items[0].participants).toMatchObject({ meetingId: id, reason: 'SNAPSHOT', removed: [] });

    const erin = await join(id, 'Erin');
    await seen.until(() => pidsOf(last(seen.items)?.participants).includes(erin), 'Erin joining');
    const joined = seen.items.find((item) =>
      item.participants.changed.some((p: { participantId: string }) => p.participantId === erin),
    ).participants;
    expect(['CHANGE', 'RESYNC']).toContain(joined.reason);
    expect(joined.participants.find((p: Json) => p.participantId === erin)).toMatchObject({
      name: 'Erin',
      role: 'GUEST',
      state: 'IN_MEETING',
    });

    const alice = await tokenFor('alice');
    const before = seen.items.length;
    data(
      await gql(
        alice,
        'mutation($id: ID!, $pid: ID!) { muteParticipant(meetingId: $id, participantId: $pid, muted: true) { ok } }',
        { id, pid: erin },
      ),
    );
    await seen.until(
      () => last(seen.items).participants.participants.find((p: Json) => p.participantId === erin)?.muted,
      'the mute',
    );
    const muted = seen.items.slice(before).find((item) => item.participants.changed.length > 0).participants;
    expect(muted).toMatchObject({
      reason: 'CHANGE',
      changed: [{ participantId: erin, muted: true }],
      removed: [],
    });

    await simControl('DELETE', `/meetings/${id}/participants/${erin}`);
    await seen.until(() => !pidsOf(last(seen.items)?.participants).includes(erin), 'Erin leaving');
    expect(last(seen.items).participants.removed).toEqual([erin]);
  });

  it('meetingInfo: passwords for the owner only; other viewers and unknown meetings are refused', async () => {
    const id = await startMeeting('Live info');
    const query = `subscription($id: ID!) { meetingInfo(meetingId: $id) {
      reason changedFields info { id subject media ownerName passwords { host guest } } } }`;
    const owner = subscribe(await connect('alice'), query, { id });
    const guest = subscribe(await connect('carol'), query, { id });
    for (const viewer of [owner, guest]) {
      await viewer.until(
        () => last(viewer.items)?.meetingInfo.info !== null && viewer.items.length > 0,
        'the info',
      );
      expect(viewer.items[0].meetingInfo.reason).toBe('SNAPSHOT');
    }
    expect(last(owner.items).meetingInfo.info).toMatchObject({ id, subject: 'Live info', media: 'VIDEO' });
    expect(last(owner.items).meetingInfo.info.passwords.host).toMatch(/^\d+$/);
    expect(last(guest.items).meetingInfo.info).toMatchObject({ id, subject: 'Live info', passwords: null });
    // The shared feed itself never holds them.
    expect(JSON.stringify(gateway().live.streams.snapshot(id))).not.toContain(
      last(owner.items).meetingInfo.info.passwords.host,
    );

    const outsider = subscribe(await connect('dave'), query, { id });
    await outsider.until(() => outsider.errors.length > 0 && outsider.isCompleted(), 'the refusal');
    expect(outsider.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(outsider.items).toEqual([]);
    const unknown = subscribe(await connect('alice'), query, { id: '999999999' });
    await unknown.until(() => unknown.errors.length > 0, 'the refusal');
    expect(unknown.errors[0].extensions.code).toBe('NOT_FOUND');
    const bad = subscribe(await connect('alice'), query, { id: 'abc' });
    await bad.until(() => bad.errors.length > 0, 'the refusal');
    expect(bad.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'meetingId' });
  });

  it('meetingStatus: the status, then a lock made through a mutation', async () => {
    const id = await startMeeting('Live status');
    const seen = subscribe(
      await connect('carol'),
      `subscription($id: ID!) { meetingStatus(meetingId: $id) { reason changedFields status { state locked muteAll } } }`,
      { id },
    );
    await seen.until(() => last(seen.items)?.meetingStatus.status.state === 'IN_PROGRESS', 'the status');
    expect(seen.items[0].meetingStatus.reason).toBe('SNAPSHOT');
    data(
      await gql(
        await tokenFor('alice'),
        'mutation($id: ID!) { lockMeeting(meetingId: $id, locked: true) { ok } }',
        {
          id,
        },
      ),
    );
    await seen.until(() => last(seen.items).meetingStatus.status.locked === true, 'the lock');
    expect(last(seen.items).meetingStatus).toMatchObject({ reason: 'CHANGE', changedFields: ['locked'] });
  });

  it('serves many subscribers of a meeting from one upstream socket', async () => {
    const id = await startMeeting('Live crowd');
    const viewers = await Promise.all(
      ['alice', 'carol', 'alice', 'carol', 'alice'].map(async (sub) =>
        subscribe(await connect(sub), PARTICIPANTS, { id }),
      ),
    );
    const erin = await join(id, 'Erin');
    for (const viewer of viewers) {
      await viewer.until(() => pidsOf(last(viewer.items)?.participants).includes(erin), 'Erin');
    }
    const open = await simControl<{ connections: unknown[] }>('GET', `/push/connections?conferenceID=${id}`);
    expect(open.connections).toHaveLength(1);
    // The five share one feed of the meeting's stream.
    expect(gateway().live.streams.stats().consumers).toBe(1);
    const metrics = await (await fetch(gateway().url.replace(/\/graphql$/, '/metrics'))).text();
    expect(Number(/^hwmeeting_open_subscriptions (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(5);
    const gauge = /^hwmeeting_upstream_sockets (\d+)$/m.exec(metrics)?.[1];
    expect(Number(gauge)).toBe(gateway().live.streams.stats().upstreamSockets);
  });

  it('keeps a consistent state through a dropped upstream socket', async () => {
    const id = await startMeeting('Live drop');
    const alice = await connect('alice');
    const seen = subscribe(alice, PARTICIPANTS, { id });
    const events = subscribe(
      alice,
      `subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename meetingId ... on StreamStatusUpdate { state } } }`,
      { id },
    );
    const frank = await join(id, 'Frank');
    await seen.until(() => pidsOf(last(seen.items)?.participants).includes(frank), 'Frank');

    await simControl('POST', `/meetings/${id}/push/drop`);
    // Changes while the socket is down must show up once it is back.
    const grace = await join(id, 'Grace');
    await gateway().client.control.mute(id, frank, true);
    await events.until(
      () => events.items.some((item) => item.meetingEvents.state === 'RECONNECTING'),
      'the reconnect',
    );
    await seen.until(() => {
      const state = last(seen.items).participants.participants as Json[];
      return (
        state.some((p) => p.participantId === grace) && state.find((p) => p.participantId === frank)?.muted
      );
    }, 'the missed changes');
    const state = new Map(
      (last(seen.items).participants.participants as Json[]).map((p) => [p.participantId, p.muted]),
    );
    expect(state).toEqual(await truth(id));
    const after = events.items.findIndex((item) => item.meetingEvents.state === 'RECONNECTING');
    expect(events.items.slice(after).some((item) => item.meetingEvents.state === 'LIVE')).toBe(true);
  });

  it('meetingEvents, speakers, subtitles and inviteResults: snapshots, then pushed events', async () => {
    const id = await startMeeting('Live events');
    const alice = await connect('alice');
    const merged = subscribe(
      alice,
      `subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename meetingId
        ... on ParticipantsUpdate { reason participants { participantId } }
        ... on SubtitlesUpdate { subtitle { participantId texts { text } } }
        ... on InviteResultsUpdate { results { callNumber ok } }
        ... on StreamStatusUpdate { state } } }`,
      { id },
    );
    const speakers = subscribe(
      alice,
      `subscription($id: ID!) { speakers(meetingId: $id) { reason speakers { participantId name volume } } }`,
      { id },
    );
    const captions = subscribe(
      alice,
      `subscription($id: ID!) { subtitles(meetingId: $id) { reason enabled subtitle { participantId final texts { language text } } } }`,
      { id },
    );
    const invites = subscribe(
      alice,
      `subscription($id: ID!) { inviteResults(meetingId: $id) { reason results { callNumber resultCode ok } } }`,
      { id },
    );
    await merged.until(() => merged.items.length >= 5, 'the merged snapshot');
    expect(merged.items.slice(0, 5).map((item) => item.meetingEvents.__typename)).toEqual([
      'MeetingInfoUpdate',
      'MeetingStatusUpdate',
      'ParticipantsUpdate',
      'SpeakersUpdate',
      'WaitingListUpdate',
    ]);
    for (const stream of [speakers, captions, invites])
      await stream.until(() => stream.items.length > 0, 'a snapshot');
    expect(captions.items[0].subtitles).toMatchObject({ reason: 'SNAPSHOT', subtitle: null });
    expect(invites.items[0].inviteResults).toEqual({ reason: 'SNAPSHOT', results: [] });

    // Captions and invite results are events, not state: only those pushed while the socket is live arrive.
    await merged.until(
      () => merged.items.some((item) => item.meetingEvents.state === 'LIVE'),
      'the live feed',
    );
    const erin = await join(id, 'Erin');
    data(
      await gql(
        await tokenFor('alice'),
        'mutation($id: ID!) { setSubtitles(meetingId: $id, on: true) { ok } }',
        { id },
      ),
    );
    await simControl('POST', `/meetings/${id}/push/speak`, {
      pid: erin,
      text: 'Hello from Erin',
      volume: 70,
    });
    await speakers.until(
      () => last(speakers.items).speakers.speakers.some((s: Json) => s.participantId === erin),
      'Erin speaking',
    );
    await captions.until(() => last(captions.items).subtitles.subtitle !== null, 'the caption');
    expect(last(captions.items).subtitles).toMatchObject({
      reason: 'CHANGE',
      subtitle: { participantId: erin, texts: [{ language: 'Original', text: 'Hello from Erin' }] },
    });
    await merged.until(
      () => merged.items.some((item) => item.meetingEvents.subtitle?.texts[0]?.text === 'Hello from Erin'),
      'the caption in the merged stream',
    );

    data(
      await gql(
        await tokenFor('alice'),
        'mutation($id: ID!, $invitees: [LiveInviteeInput!]!) { inviteParticipants(meetingId: $id, invitees: $invitees) { ok } }',
        { id, invitees: [{ name: 'Room 42', phone: '+99111000000042' }] },
      ),
    );
    await invites.until(() => invites.items.length > 1, 'the invite result');
    expect(last(invites.items).inviteResults).toMatchObject({
      reason: 'CHANGE',
      results: [{ callNumber: '+99111000000042', ok: true }],
    });
    await merged.until(
      () => merged.items.some((item) => item.meetingEvents.__typename === 'InviteResultsUpdate'),
      'the invite result in the merged stream',
    );
  });

  it('completes every subscription of a meeting when it ends, and closes its upstream socket', async () => {
    const id = await startMeeting('Live end');
    const carol = await connect('carol');
    const status = subscribe(
      carol,
      `subscription($id: ID!) { meetingStatus(meetingId: $id) { status { state } } }`,
      { id },
    );
    const people = subscribe(carol, PARTICIPANTS, { id });
    await status.until(() => last(status.items)?.meetingStatus.status.state === 'IN_PROGRESS', 'in progress');
    await people.until(() => people.items.length > 0, 'the snapshot');
    data(
      await gql(await tokenFor('alice'), 'mutation($id: ID!) { endMeeting(meetingId: $id) { ok } }', { id }),
    );
    await status.until(() => status.isCompleted(), 'the end of meetingStatus');
    await people.until(() => people.isCompleted(), 'the end of participants');
    expect(status.errors).toEqual([]);
    expect(last(status.items).meetingStatus.status.state).toBe('ENDED');
    await status.until(() => gateway().live.streams.snapshot(id) === undefined, 'the socket closing');
  });

  it('releases the upstream socket when the last subscriber leaves', async () => {
    const id = await startMeeting('Live leave');
    const seen = subscribe(await connect('alice'), PARTICIPANTS, { id });
    await seen.until(() => seen.items.length > 0, 'the snapshot');
    // The snapshot may come while the socket still connects; the count below needs it subscribed.
    await seen.until(() => gateway().live.streams.status(id) === 'live', 'the live feed');
    expect(
      (await simControl<{ connections: unknown[] }>('GET', `/push/connections?conferenceID=${id}`))
        .connections,
    ).toHaveLength(1);
    seen.stop();
    await seen.until(() => gateway().live.streams.snapshot(id) === undefined, 'the release (grace 0)');
    const deadline = Date.now() + 5000;
    let open = 1;
    while (open > 0 && Date.now() < deadline) {
      open = (await simControl<{ connections: unknown[] }>('GET', `/push/connections?conferenceID=${id}`))
        .connections.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(open).toBe(0);
  });
});

const RESUMABLE = `subscription($id: ID!, $after: String) { participants(meetingId: $id, after: $after) {
  reason cursor participants { participantId muted } changed { participantId muted } removed } }`;

/** The sequence number of a cursor (`<epoch>:<seq>`). */
const seqOf = (cursor: string): number => Number(cursor.split(':').at(-1));

describe('access re-checks', () => {
  it('ends the subscription of a viewer the upstream no longer lets see the meeting, with the refusal', async () => {
    const id = await startMeeting('Live revoked');
    const carol = subscribe(await connect('carol'), PARTICIPANTS, { id });
    const alice = subscribe(await connect('alice'), PARTICIPANTS, { id });
    await carol.until(() => carol.items.length > 0, 'the snapshot');
    await alice.until(() => alice.items.length > 0, 'the snapshot');
    // The meeting server withdraws Carol's invitation (as an edit of the meeting would).
    const record = sim().store.meetings.get(id) as { schedule: { attendees?: unknown[] } };
    record.schedule.attendees = [];
    await carol.until(() => carol.isCompleted(), "the end of Carol's subscription", 10_000);
    expect(carol.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    // The owner's subscription goes on.
    const erin = await join(id, 'Erin');
    await alice.until(() => pidsOf(last(alice.items)?.participants).includes(erin), 'Erin for Alice');
    expect(alice.isCompleted()).toBe(false);
  });
});

describe('resumable subscriptions', () => {
  it('resumes after the last cursor with what followed it, even when the socket was released meanwhile', async () => {
    const id = await startMeeting('Live resume');
    const first = subscribe(await connect('alice'), RESUMABLE, { id });
    await first.until(() => first.items.length > 0, 'the snapshot');
    const erin = await join(id, 'Erin');
    await first.until(() => pidsOf(last(first.items)?.participants).includes(erin), 'Erin joining');
    const cursor = last(first.items).participants.cursor as string;
    expect(cursor).toMatch(/^[\w-]+:\d+$/);
    first.stop();
    await first.until(() => gateway().live.streams.snapshot(id) === undefined, 'the release (grace 0)');

    // Missed while away (the gateway is not even watching the meeting now):
    const frank = await join(id, 'Frank');
    const resumed = subscribe(await connect('alice'), RESUMABLE, { id, after: cursor });
    await resumed.until(() => pidsOf(last(resumed.items)?.participants).includes(frank), 'Frank, missed');
    const updates = resumed.items.map((item) => item.participants);
    expect(updates.some((u: Json) => u.reason === 'SNAPSHOT' || u.reason === 'CURSOR_EXPIRED')).toBe(false);
    const seqs = updates.map((u: Json) => seqOf(u.cursor));
    expect(seqs[0]).toBeGreaterThan(seqOf(cursor));
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(updates.flatMap((u: Json) => u.changed.map((p: Json) => p.participantId))).toContain(frank);
    expect(new Set(pidsOf(last(resumed.items).participants))).toEqual(new Set((await truth(id)).keys()));
  });

  it('answers a cursor that is no longer retained with the whole state, flagged CURSOR_EXPIRED', async () => {
    const id = await startMeeting('Live stale cursor');
    const seen = subscribe(await connect('alice'), RESUMABLE, { id, after: 'gone0000:12' });
    await seen.until(() => seen.items.length > 0, 'the state');
    expect(seen.items[0].participants.reason).toBe('CURSOR_EXPIRED');
  });

  it('refuses a malformed cursor with BAD_USER_INPUT naming after', async () => {
    const id = await startMeeting('Live bad cursor');
    const seen = subscribe(await connect('alice'), RESUMABLE, { id, after: 'not a cursor' });
    await seen.until(() => seen.errors.length > 0, 'the refusal');
    expect(seen.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(seen.items).toHaveLength(0);
  });
});
