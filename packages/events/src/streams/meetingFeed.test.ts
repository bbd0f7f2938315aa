// The feed of one meeting's room over a real in-memory log: what readers share, what a slow one gets, how a
// resumed one replays, and when a reader ends.
import { afterEach, describe, expect, it } from 'vitest';
import type { UpstreamLease } from '../log/lease.js';
import type { MeetingLog, ReadResult } from '../log/meetingLog.js';
import { MemoryMeetingLog } from '../log/memoryLog.js';
import { formatCursor, type StreamPosition } from '../log/position.js';
import { MeetingStateReducer } from '../state/reducer.js';
import { participantView } from '../state/views/index.js';
import { MAX_FEED_ENTRIES } from './meetingFeed.js';
import { MeetingRoom } from './meetingRoom.js';
import type { MeetingStreamEvent, WatchedEvent } from './streamEvent.js';
import { MeetingUpdateFold, type PositionedUpdate } from './updateFold.js';

const ID = '900300400';
const lease: UpstreamLease = {
  conferenceID: ID,
  token: 't',
  signal: new AbortController().signal,
  release: async () => undefined,
};

/** A log that counts its reads (a resumed reader served from the feed reads nothing). */
class CountingLog extends MemoryMeetingLog {
  reads = 0;
  override read(conferenceID: string, after: StreamPosition): Promise<ReadResult> {
    this.reads++;
    return super.read(conferenceID, after);
  }
}

const joined = (pid: string, name: string): MeetingStreamEvent => ({
  type: 'changes',
  conferenceID: ID,
  changes: [
    {
      kind: 'upsert',
      view: 'participants',
      key: pid,
      item: participantView(pid, { NAME: name }),
      added: true,
      fields: [],
    },
  ],
});
const status = (value: 'connecting' | 'live' | 'ended'): MeetingStreamEvent => ({
  type: 'status',
  conferenceID: ID,
  status: value,
});

let log: CountingLog;
let room: MeetingRoom;
const append = (...events: MeetingStreamEvent[]) => log.append(ID, events, lease);
const open = async (into: MeetingLog = log) => {
  room = new MeetingRoom(ID, {
    log: into,
    checkpointEvery: 100,
    lease: () => undefined,
    onError: () => undefined,
  });
  await room.ready;
  return room;
};
/** Lets the room apply what the log published. */
const settle = () => new Promise((resolve) => setImmediate(resolve));
const take = async <T>(reader: AsyncIterator<T>, count: number): Promise<T[]> => {
  const out: T[] = [];
  for (let i = 0; i < count; i++) {
    const next = await reader.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
};
type Participants = Extract<PositionedUpdate, { type: 'participants' }>;
const participantsOnly = (update: PositionedUpdate): Participants | undefined =>
  update.type === 'participants' ? update : undefined;

afterEach(async () => {
  room?.close(false);
  await log?.close();
});

describe('MeetingFeed', () => {
  it('hands every reader the same update objects, made once per event, and the same initial state', async () => {
    log = new CountingLog();
    await open();
    const a = room.feed.read({}, () => undefined, participantsOnly);
    const b = room.feed.read({}, () => undefined, participantsOnly);
    const [firstA, firstB] = [await take(a, 1), await take(b, 1)];
    expect(firstA[0]?.reason).toBe('SNAPSHOT');
    expect(firstA[0]).toBe(firstB[0]);
    const nextA = a.next();
    const nextB = b.next();
    await append(joined('1', 'Ann'));
    const [changeA, changeB] = [(await nextA).value, (await nextB).value];
    expect(changeA).toMatchObject({ reason: 'CHANGE', changed: [{ participantId: '1', name: 'Ann' }] });
    expect(changeA).toBe(changeB);
  });

  it('gives a reader that fell further behind than its buffer the whole state, then goes on', async () => {
    log = new CountingLog();
    await open();
    const slow = room.feed.read({ bufferSize: 2 }, () => undefined);
    const slowUpdates = room.feed.read({ bufferSize: 2 }, () => undefined, participantsOnly);
    expect((await take(slow, 1))[0]).toMatchObject({ type: 'snapshot', reason: 'initial' });
    await take(slowUpdates, 1);
    await append(joined('1', 'Ann'), joined('2', 'Ben'), joined('3', 'Cy'));
    await settle();
    const [lagged] = await take(slow, 1);
    expect(lagged).toMatchObject({
      type: 'snapshot',
      reason: 'lagged',
      cursor: room.stateEvent('initial').cursor,
    });
    expect((lagged as Extract<WatchedEvent, { type: 'snapshot' }>).snapshot.participants).toHaveLength(3);
    const [resync] = await take(slowUpdates, 1);
    expect(resync).toMatchObject({ type: 'participants', reason: 'RESYNC', removed: [] });
    expect(resync?.changed).toHaveLength(3);
    const after = slow.next();
    await append(joined('4', 'Dee'));
    expect((await after).value).toMatchObject({ type: 'changes' });
  });

  it('keeps fewer items when they hold long lists: a reader that far behind gets the state', async () => {
    log = new CountingLog();
    await open();
    const behind = room.feed.read({ bufferSize: 1000 }, () => undefined);
    await take(behind, 1);
    const crowd = Array.from({ length: 5000 }, (_, i) => participantView(`p${i}`, { NAME: `P${i}` }));
    await append({
      type: 'changes',
      conferenceID: ID,
      changes: [{ kind: 'reset', view: 'participants', items: crowd }],
    });
    // Each change's update carries the whole list of 5,000: 400 of them are far more than the feed keeps.
    for (let i = 0; i < 400; i++) await append(joined(`p${i}`, `Renamed ${i}`));
    await settle();
    expect(room.feed.head - room.feed.oldest).toBeLessThan(MAX_FEED_ENTRIES / 5000);
    const [state] = await take(behind, 1);
    expect(state).toMatchObject({ type: 'snapshot', reason: 'lagged' });
  });

  it('resumes after a cursor from the items it still holds, without reading the log', async () => {
    log = new CountingLog();
    await open();
    const keeper = room.feed.read({}, () => undefined);
    await take(keeper, 1);
    await append(status('live'), joined('1', 'Ann'));
    const seen = await take(keeper, 2);
    await append(joined('2', 'Ben'), joined('3', 'Cy'));
    const missed = await take(keeper, 2);
    const cursor = seen.at(-1)?.cursor as string;
    const [epoch, seq] = [cursor.slice(0, cursor.lastIndexOf(':')), Number(cursor.split(':').at(-1))];
    const reads = log.reads;
    const resumed = room.feed.read({ after: { epoch, seq } }, () => undefined);
    expect(await take(resumed, 2)).toEqual(missed);
    expect(log.reads).toBe(reads);
  });

  it('resumes from the log after a cursor older than the feed holds, updates going on from the state', async () => {
    log = new CountingLog();
    const [, , third] = await append(status('live'), joined('1', 'Ann'), joined('2', 'Ben'));
    const epoch = third?.epoch as string;
    // The state at 3 stored as a checkpoint: a new room starts from it and holds only what follows.
    const state = new MeetingUpdateFold(ID, new MeetingStateReducer(ID).snapshot());
    for (const event of [joined('1', 'Ann'), joined('2', 'Ben')]) state.apply(event);
    await log.saveCheckpoint(ID, { epoch, seq: 3, status: 'live', snapshot: state.snapshot() }, lease);
    await open();
    await append(joined('3', 'Cy'));
    await settle();
    const reads = log.reads;
    const resumed = room.feed.read({ after: { epoch, seq: 1 } }, () => undefined, participantsOnly);
    const updates = await take(resumed, 3);
    expect(log.reads).toBe(reads + 1);
    expect(updates.map((u) => u.changed.map((p) => p.participantId))).toEqual([['1'], ['2'], ['3']]);
    expect(updates.map((u) => u.cursor)).toEqual([2, 3, 4].map((seq) => formatCursor({ epoch, seq })));
    expect(updates.at(-1)?.participants.map((p) => p.participantId)).toEqual(['1', '2', '3']);
  });

  it('ends a reader on a live end, but not on an end of an earlier run it replays', async () => {
    log = new CountingLog();
    await open();
    const watcher = room.feed.read({}, () => undefined);
    await take(watcher, 1);
    await append(status('live'), status('ended'), status('live'), joined('1', 'Ann'));
    await settle();
    // Replayed from before it started: the end of the earlier run is passed on, the reader goes on.
    const resumed = room.feed.read(
      { after: room.position() && { ...(room.position() as StreamPosition), seq: 1 } },
      () => undefined,
    );
    const replayed = await take(resumed, 3);
    expect(replayed.map((e) => (e.type === 'status' ? e.status : e.type))).toEqual([
      'ended',
      'live',
      'changes',
    ]);
    const next = resumed.next();
    await append(status('ended'));
    expect((await next).value).toMatchObject({ type: 'status', status: 'ended' });
    expect(await resumed.next()).toEqual({ done: true, value: undefined });
  });

  it('ends readers when the room closes, and runs each reader end once however it ends', async () => {
    log = new CountingLog();
    await open();
    const ends: string[] = [];
    const closed = room.feed.read({}, () => ends.push('closed'));
    const returned = room.feed.read({}, () => ends.push('returned'));
    const abort = new AbortController();
    room.feed.read({ signal: abort.signal }, () => ends.push('aborted'));
    abort.abort();
    await take(closed, 1);
    const last = closed.next();
    await returned.return?.();
    await returned.return?.();
    room.close(true);
    expect((await last).value).toMatchObject({ type: 'status', status: 'ended', detail: 'closed' });
    expect(await closed.next()).toEqual({ done: true, value: undefined });
    expect(ends.sort()).toEqual(['aborted', 'closed', 'returned']);
    expect(() => room.feed.read({ bufferSize: 0 }, () => undefined)).toThrow(RangeError);
    expect(() => room.feed.read({ bufferSize: 0 }, () => undefined)).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'bufferSize' }),
    );
  });

  it('with a wait, the first update is the state that arrives in time: SNAPSHOT, with its cursor', async () => {
    log = new CountingLog();
    await open();
    const reader = room.feed.read({ firstUpdateWaitMs: 5000 }, () => undefined, participantsOnly);
    const first = reader.next();
    await append(status('connecting'));
    await settle();
    const state = new MeetingUpdateFold(ID, new MeetingStateReducer(ID).snapshot());
    state.apply(joined('1', 'Ann'));
    const [, snapshot] = await append(
      { type: 'snapshot', conferenceID: ID, snapshot: state.snapshot(), reason: 'resync' },
      status('live'),
    );
    expect((await first).value).toMatchObject({
      reason: 'SNAPSHOT',
      participants: [{ participantId: '1' }],
      cursor: formatCursor({ epoch: snapshot?.epoch as string, seq: 3 }),
    });
  });

  it('with a wait, the state not in time gives CONNECTING with a cursor, then the whole state as RESYNC', async () => {
    log = new CountingLog();
    await open();
    const reader = room.feed.read({ firstUpdateWaitMs: 30 }, () => undefined, participantsOnly);
    const first = reader.next();
    // Nothing logged yet: the reader waits for a place in the stream before it answers.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const [connecting] = await append(status('connecting'));
    const update = (await first).value;
    expect(update).toMatchObject({
      reason: 'CONNECTING',
      participants: [],
      cursor: formatCursor(connecting as StreamPosition),
    });
    const state = new MeetingUpdateFold(ID, new MeetingStateReducer(ID).snapshot());
    state.apply(joined('1', 'Ann'));
    const next = reader.next();
    await append({ type: 'snapshot', conferenceID: ID, snapshot: state.snapshot(), reason: 'resync' });
    expect((await next).value).toMatchObject({ reason: 'RESYNC', participants: [{ participantId: '1' }] });
    // Resuming after the CONNECTING cursor replays the state that followed it.
    const resumed = room.feed.read(
      { after: connecting as StreamPosition, firstUpdateWaitMs: 30 },
      () => undefined,
      participantsOnly,
    );
    expect((await take(resumed, 1))[0]).toMatchObject({
      reason: 'RESYNC',
      participants: [{ participantId: '1' }],
    });
  });
});
