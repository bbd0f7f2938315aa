// The first update of a meeting subscription, through graphql-ws against the simulator: the real state as a
// SNAPSHOT once the upstream state is in; CONNECTING on every per-kind subscription while the push is held back,
// then the whole state as RESYNC when it comes; always with a cursor to resume after.
import type { Client } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { controlRoom } from '../../testing/controlRoom.js';
import { useGateway } from '../../testing/harness.js';
import { type Collected, collect, type Json, useLiveClients } from '../../testing/liveClient.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0', FIRST_UPDATE_WAIT_MS: '1500' },
  gateway: () => ({
    meetingSockets: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  }),
});
const connect = useLiveClients({ gateway, tokenFor });
const { simControl, createMeeting, join } = controlRoom({ gql, tokenFor, sim });

/** Alice starts a meeting now and Erin joins it; answers the meeting and Erin's participant IDs. */
async function liveMeeting(subject: string): Promise<{ id: string; erin: string }> {
  const { id } = await createMeeting(subject);
  return { id, erin: await join(id, { name: 'Erin' }) };
}

/** One subscription per kind, each asking for its reason, cursor and what tells its state apart. */
const PER_KIND: Record<string, string> = {
  meetingInfo: 'info { subject }',
  meetingStatus: 'status { state }',
  participants: 'participants { participantId }',
  speakers: 'speakers { participantId }',
  waitingList: 'waitingList { participantId }',
  subtitles: 'enabled',
  inviteResults: 'results { callNumber }',
};
const subscribeAll = (client: Client, id: string): Record<string, Collected> =>
  Object.fromEntries(
    Object.entries(PER_KIND).map(([field, selection]) => [
      field,
      collect(
        client,
        `subscription($id: ID!) { ${field}(meetingId: $id) { reason cursor meetingId ${selection} } }`,
        { id },
      ),
    ]),
  );
const update = (seen: Collected, field: string, index: number): Json => seen.items[index]?.[field];

describe('the first update of a meeting subscription', () => {
  it("is the meeting's real state as a SNAPSHOT, with a cursor, for the first subscriber", async () => {
    const { id, erin } = await liveMeeting('First update');
    // Nobody watches the meeting yet: the gateway opens its upstream socket for this subscriber.
    expect(gateway().live.streams.status(id)).toBeUndefined();
    const all = subscribeAll(await connect('alice'), id);
    for (const [field, seen] of Object.entries(all)) {
      await seen.until(() => seen.items.length > 0, `the first ${field} update`);
      expect(update(seen, field, 0)).toMatchObject({ reason: 'SNAPSHOT', meetingId: id });
      expect(update(seen, field, 0).cursor).toMatch(/^[\w-]+:\d+$/);
    }
    expect(update(all.meetingInfo as Collected, 'meetingInfo', 0).info).toEqual({ subject: 'First update' });
    expect(update(all.meetingStatus as Collected, 'meetingStatus', 0).status).toEqual({
      state: 'IN_PROGRESS',
    });
    expect(update(all.participants as Collected, 'participants', 0).participants).toContainEqual({
      participantId: erin,
    });
  });

  it('says CONNECTING on every per-kind subscription while the push is held back, then the whole state as RESYNC', async () => {
    const { id, erin } = await liveMeeting('Held back');
    // The meeting server accepts the socket but sends nothing (not even Subscribe's answer).
    await simControl('PUT', `/meetings/${id}/push/heartbeats`, { answer: false, silent: true });
    const alice = await connect('alice');
    const all = subscribeAll(alice, id);
    const merged = collect(
      alice,
      `subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename
        ... on LiveUpdate { reason } ... on StreamStatusUpdate { state } } }`,
      { id },
    );
    const cursors = new Set<string>();
    for (const [field, seen] of Object.entries(all)) {
      await seen.until(() => seen.items.length > 0, `the first ${field} update`);
      const first = update(seen, field, 0);
      expect(first).toMatchObject({ reason: 'CONNECTING', meetingId: id });
      expect(first.cursor).toMatch(/^[\w-]+:\d+$/);
      cursors.add(first.cursor);
    }
    expect(update(all.meetingInfo as Collected, 'meetingInfo', 0).info).toBeNull();
    expect(update(all.meetingStatus as Collected, 'meetingStatus', 0).status).toEqual({ state: null });
    expect(update(all.participants as Collected, 'participants', 0).participants).toEqual([]);
    // The push resumes; the socket that swallowed Subscribe is dropped, so a fresh one subscribes.
    await simControl('PUT', `/meetings/${id}/push/heartbeats`, { answer: true, silent: false });
    await simControl('POST', `/meetings/${id}/push/drop`);
    for (const [field, seen] of Object.entries(all)) {
      await seen.until(() => seen.items.length > 1, `the state on ${field}`);
      expect(update(seen, field, 1)).toMatchObject({ reason: 'RESYNC', meetingId: id });
    }
    const resync = (field: string) => update(all[field] as Collected, field, 1);
    expect(resync('meetingInfo').info).toEqual({ subject: 'Held back' });
    expect(resync('meetingStatus').status).toEqual({ state: 'IN_PROGRESS' });
    expect(resync('participants').participants).toContainEqual({ participantId: erin });
    // Every kind's RESYNC is the same event of the stream.
    expect(new Set(Object.keys(PER_KIND).map((field) => resync(field).cursor)).size).toBe(1);
    // The merged stream: the empty state and the connection CONNECTING, the drop's RECONNECTING, then the state
    // and LIVE.
    const said = () =>
      merged.items.map((item: Json) => item.meetingEvents.reason ?? item.meetingEvents.state);
    await merged.until(() => said().includes('LIVE'), 'LIVE on meetingEvents');
    expect(said().slice(0, 6)).toEqual(Array(6).fill('CONNECTING'));
    expect(said().slice(-6)).toEqual([...Array(5).fill('RESYNC'), 'LIVE']);
    expect(said().slice(6, -6)).toEqual(['RECONNECTING']);

    // Resuming after the CONNECTING cursor brings what followed it: the state.
    const [cursor] = [...cursors];
    const resumed = collect(
      await connect('alice'),
      'subscription($id: ID!, $after: String) { participants(meetingId: $id, after: $after) { reason participants { participantId } } }',
      { id, after: cursor },
    );
    await resumed.until(() => resumed.items.length > 0, 'the resumed state');
    expect(resumed.items[0].participants).toMatchObject({ reason: 'RESYNC' });
    expect(resumed.items[0].participants.participants).toContainEqual({ participantId: erin });
  });
});
