// The life of a meeting's live stream through the gateway: subscribed before the meeting starts, resumed from a
// cursor the stream never handed out, and an upstream socket that falls silent. A real graphql-ws client against
// the gateway against the simulator.
import { describe, expect, it } from 'vitest';
import { controlRoom } from '../testing/controlRoom.js';
import { useGateway } from '../testing/harness.js';
import { collect, type Json, useLiveClients } from '../testing/liveClient.js';

const { gql, tokenFor, sim, gateway } = useGateway({
  env: { STREAM_GRACE_SECONDS: '0', LOBBY_POLL_MS: '100' },
  gateway: () => ({
    // Short heartbeats so a silence shows quickly; the socket is given up as dead only much later.
    meetingSockets: {
      heartbeatIntervalMs: 200,
      deadAfterMs: 10_000,
      backoffInitialMs: 20,
      backoffMaxMs: 100,
    },
  }),
});
const connect = useLiveClients({ gateway, tokenFor });
const meetings = controlRoom({ gql, tokenFor, sim });
const { simControl } = meetings;
/** Alice schedules a meeting (`startTime` given) or starts one now; answers its ID and state. */
const createMeeting = (subject: string, startTime?: Date) =>
  meetings.createMeeting(subject, startTime ? { startTime } : {});
const join = (meetingId: string, name: string) => meetings.join(meetingId, { name });

const PARTICIPANTS = `subscription($id: ID!, $after: String) { participants(meetingId: $id, after: $after) {
  reason cursor participants { participantId name } } }`;
const STREAM_STATES = `subscription($id: ID!) { meetingEvents(meetingId: $id) {
  __typename ... on StreamStatusUpdate { state detail } } }`;

const last = (items: Json[]) => items.at(-1);
const pidsOf = (update: Json): string[] =>
  (update?.participants ?? []).map((p: { participantId: string }) => p.participantId);

describe('a meeting subscribed to before it starts', () => {
  it('keeps the early subscription WAITING and streams the meeting to it and to a later one once it runs', async () => {
    const { id, state } = await createMeeting('Not yet', new Date(Date.now() + 3_600_000));
    expect(state).toBe('SCHEDULED');
    const early = collect(await connect('alice'), PARTICIPANTS, { id });
    await early.until(() => early.items.length > 0, 'the early subscription waiting');
    expect(early.errors).toEqual([]);
    expect(early.items[0]?.participants).toMatchObject({ reason: 'WAITING', participants: [] });
    expect(early.isCompleted()).toBe(false);

    // The first participant starts the meeting.
    const pat = await join(id, 'Pat');
    await early.until(() => pidsOf(last(early.items)?.participants).includes(pat), 'Pat, for the early one');
    expect(early.isCompleted()).toBe(false);
    const later = collect(await connect('alice'), PARTICIPANTS, { id });
    await later.until(() => pidsOf(last(later.items)?.participants).includes(pat), 'Pat, live');
    expect(later.isCompleted()).toBe(false);
    expect(later.errors).toEqual([]);
    const quinn = await join(id, 'Quinn');
    await later.until(() => pidsOf(last(later.items)?.participants).includes(quinn), 'Quinn joining');
    expect(later.isCompleted()).toBe(false);
    later.stop();
  });
});

describe('a cursor ahead of the stream', () => {
  it('is refused with BAD_USER_INPUT naming after; the newest cursor itself is accepted', async () => {
    const { id } = await createMeeting('Cursor ahead');
    const first = collect(await connect('alice'), PARTICIPANTS, { id });
    const rae = await join(id, 'Rae');
    await first.until(() => pidsOf(last(first.items)?.participants).includes(rae), 'Rae');
    const cursor = last(first.items).participants.cursor as string;
    const [epoch, seq] = [cursor.slice(0, cursor.lastIndexOf(':')), Number(cursor.split(':').at(-1))];

    const ahead = collect(await connect('alice'), PARTICIPANTS, { id, after: `${epoch}:${seq + 1000}` });
    await ahead.until(() => ahead.errors.length > 0 || ahead.isCompleted(), 'the refusal');
    expect(ahead.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(ahead.errors[0]?.message).toMatch(/^after: /);
    expect(ahead.items).toEqual([]);

    const resumed = collect(await connect('alice'), PARTICIPANTS, { id, after: cursor });
    const sam = await join(id, 'Sam');
    await resumed.until(
      () => pidsOf(last(resumed.items)?.participants).includes(sam),
      'Sam after the cursor',
    );
    expect(resumed.errors).toEqual([]);
    first.stop();
    resumed.stop();
  });
});

describe('a silent upstream socket', () => {
  it('shows STALE while the meeting server sends nothing, then LIVE again', async () => {
    const { id } = await createMeeting('Silent upstream');
    const events = collect(await connect('alice'), STREAM_STATES, { id });
    const states = () =>
      events.items.flatMap((item) => (item.meetingEvents.state ? [item.meetingEvents.state] : []));
    await events.until(() => states().includes('LIVE'), 'LIVE');
    await simControl('PUT', `/meetings/${id}/push/heartbeats`, { answer: false, silent: true });
    await events.until(() => states().includes('STALE'), 'STALE');
    await simControl('PUT', `/meetings/${id}/push/heartbeats`, { answer: true, silent: false });
    await events.until(() => states().at(-1) === 'LIVE' && states().length > 2, 'LIVE again');
    expect(states()).toEqual(['LIVE', 'STALE', 'LIVE']);
    expect(events.errors).toEqual([]);
    events.stop();
  });
});
