// The behaviour every MeetingLog shares, as one suite run against each implementation (memoryLog.test.ts,
// redisLog.test.ts), so the in-memory log and the Redis one answer alike.
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CursorAheadError, LeaseLostError } from '../errors.js';
import { type PushMessage, parseServerFrame } from '../frames/index.js';
import { MeetingStateReducer } from '../state/reducer.js';
import type { LoggedEvent, MeetingStreamEvent } from '../streams/streamEvent.js';
import { refuseCursorAhead } from './cursorAhead.js';
import type { UpstreamLease, UpstreamOwnership } from './lease.js';
import type { Checkpoint, LogRetention, MeetingLog } from './meetingLog.js';

/** One log under test with the ownership that fences it. */
export interface MeetingLogHarness {
  log: MeetingLog;
  ownership: UpstreamOwnership;
}

/** Makes a fresh log (and ownership) with the given retention. */
export type MeetingLogFactory = (retention: LogRetention) => Promise<MeetingLogHarness>;

/** A pushed frame as the server sends it, parsed by the public parser. */
function frame(conferenceID: string, action: string, body: object): PushMessage {
  const parsed = parseServerFrame(
    JSON.stringify({
      action,
      msgMode: 0,
      version: 1,
      confID: conferenceID,
      msgID: 'a'.repeat(32),
      createTime: 1,
      ...body,
    }),
  );
  if (!parsed.ok || parsed.frame.kind !== 'message')
    throw new Error(`bad test frame: ${JSON.stringify(parsed)}`);
  return parsed.frame.message;
}

/** One event of each kind, as an upstream holder logs them (the changes and snapshot are the reducer's). */
function sampleEvents(conferenceID: string): MeetingStreamEvent[] {
  const reducer = new MeetingStateReducer(conferenceID);
  const result = reducer.apply(
    frame(conferenceID, 'ParticipantsNotify', {
      data: [
        { pid: 'p1', mode: 0, pinfoMap: { NAME: 'Ann', ROLE: '1', MUTE: '0' } },
        { pid: 'p2', mode: 0, pinfoMap: { NAME: 'Bob', ROLE: '0', MUTE: '1' } },
      ],
    }),
  );
  if (result.kind !== 'applied' || result.changes.length === 0)
    throw new Error('the reducer made no changes');
  return [
    { type: 'status', conferenceID, status: 'live' },
    { type: 'changes', conferenceID, changes: result.changes },
    { type: 'snapshot', conferenceID, snapshot: reducer.snapshot(), reason: 'resync' },
    {
      type: 'event',
      conferenceID,
      event: {
        kind: 'subtitle',
        at: 1_700_000_000_000,
        subtitle: {
          participantId: 'p1',
          isFinal: true,
          timestamp: 1,
          beginTime: 0,
          endTime: 900,
          msgs: [{ subtitleLang: 'en-US', translateText: 'hello', id: 'm1' }],
        },
      },
    },
    { type: 'status', conferenceID, status: 'stale' },
    { type: 'status', conferenceID, status: 'reconnecting', detail: 'socket closed' },
  ];
}

/** A status event: small, numbered by its detail. */
function statusEvent(conferenceID: string, n: number): MeetingStreamEvent {
  return { type: 'status', conferenceID, status: 'live', detail: `event ${n}` };
}

function checkpointAt(conferenceID: string, epoch: string, seq: number): Checkpoint {
  return { epoch, seq, status: 'live', snapshot: new MeetingStateReducer(conferenceID).snapshot() };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs the shared behavioural cases of a MeetingLog against logs the factory makes. */
export function meetingLogContract(name: string, create: MeetingLogFactory): void {
  describe(`${name}: the MeetingLog contract`, () => {
    const open: MeetingLogHarness[] = [];
    afterEach(async () => {
      for (const harness of open.splice(0)) {
        await harness.log.close();
        await harness.ownership.close();
      }
    });

    async function setup(retention: LogRetention = {}) {
      const harness = await create(retention);
      open.push(harness);
      return { ...harness, id: `m-${randomUUID()}` };
    }

    async function acquire(ownership: UpstreamOwnership, id: string): Promise<UpstreamLease> {
      const lease = await ownership.tryAcquire(id);
      if (!lease) throw new Error(`lease of ${id} not granted`);
      return lease;
    }

    it('numbers events from 1 without gaps, across appends and successive holders', async () => {
      const { log, ownership, id } = await setup();
      expect(await log.head(id)).toBeUndefined();
      const first = await acquire(ownership, id);
      const a = await log.append(id, [statusEvent(id, 1), statusEvent(id, 2)], first);
      const b = await log.append(id, [statusEvent(id, 3)], first);
      await first.release();
      const second = await acquire(ownership, id);
      const c = await log.append(id, [statusEvent(id, 4), statusEvent(id, 5)], second);
      const all = [...a, ...b, ...c];
      expect(all.map((logged) => logged.seq)).toEqual([1, 2, 3, 4, 5]);
      const epoch = a[0]?.epoch;
      expect(epoch).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
      expect(all.every((logged) => logged.epoch === epoch)).toBe(true);
      expect(all.map((logged) => logged.event)).toEqual([1, 2, 3, 4, 5].map((n) => statusEvent(id, n)));
      expect(await log.head(id)).toEqual({ epoch, seq: 5 });
    });

    it('publishes each appended event with its position, in order, to subscribers of the meeting only', async () => {
      const { log, ownership, id } = await setup();
      const subscription = log.subscribe(id);
      const other = log.subscribe(`${id}-other`);
      await Promise.all([subscription.ready, other.ready]);
      const lease = await acquire(ownership, id);
      const logged = await log.append(id, sampleEvents(id), lease);
      for (const expected of logged) expect((await subscription.next()).value).toEqual(expected);
      await log.append(`${id}-other`, [statusEvent(id, 9)], await acquire(ownership, `${id}-other`));
      expect((await other.next()).value?.seq).toBe(1);
      subscription.unsubscribe();
      other.unsubscribe();
    });

    it('refuses a stale lease: LeaseLostError, nothing appended, published or checkpointed', async () => {
      const { log, ownership, id } = await setup();
      const stale = await acquire(ownership, id);
      const [one] = await log.append(id, [statusEvent(id, 1)], stale);
      await stale.release();
      const current = await acquire(ownership, id);
      const subscription = log.subscribe(id);
      await subscription.ready;
      const refused = log.append(id, [statusEvent(id, 2)], stale);
      await expect(refused).rejects.toBeInstanceOf(LeaseLostError);
      await expect(refused).rejects.toMatchObject({ code: 'LEASE_LOST', conferenceID: id });
      await expect(log.append(id, [], stale)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await log.head(id)).toEqual({ epoch: one?.epoch, seq: 1 });
      const checkpoint = checkpointAt(id, one?.epoch ?? '', 1);
      await expect(log.saveCheckpoint(id, checkpoint, stale)).rejects.toBeInstanceOf(LeaseLostError);
      expect(await log.loadCheckpoint(id)).toBeUndefined();
      // The next event the subscriber sees is the current holder's, numbered 2.
      const [two] = await log.append(id, [statusEvent(id, 3)], current);
      expect((await subscription.next()).value).toEqual(two);
      expect(two?.seq).toBe(2);
      subscription.unsubscribe();
    });

    it('reads exactly the events after each position, every kind of event intact', async () => {
      const { log, ownership, id } = await setup();
      const lease = await acquire(ownership, id);
      const events = sampleEvents(id);
      const logged = [
        ...(await log.append(id, events.slice(0, 2), lease)),
        ...(await log.append(id, events.slice(2), lease)),
      ];
      const epoch = logged[0]?.epoch ?? '';
      for (let seq = 0; seq <= logged.length; seq++) {
        const read = await log.read(id, { epoch, seq });
        expect(read).toEqual({ kind: 'events', events: logged.slice(seq) });
      }
      // JSON-equal to what was appended (a stored event comes back through JSON).
      const all = await log.read(id, { epoch, seq: 0 });
      expect(all.kind === 'events' && all.events.map((e: LoggedEvent) => e.event)).toEqual(
        JSON.parse(JSON.stringify(events)),
      );
    });

    it('answers expired for another epoch, a position ahead of the head, an unknown meeting', async () => {
      const { log, ownership, id } = await setup();
      const lease = await acquire(ownership, id);
      const [one] = await log.append(id, [statusEvent(id, 1), statusEvent(id, 2)], lease);
      const epoch = one?.epoch ?? '';
      expect(await log.read(id, { epoch: 'otherepoch01', seq: 0 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch: 'otherepoch01', seq: 1 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: 3 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: -1 })).toEqual({ kind: 'expired' });
      expect(await log.read(`${id}-unknown`, { epoch, seq: 0 })).toEqual({ kind: 'expired' });
      expect(await log.head(`${id}-unknown`)).toBeUndefined();
      expect(await log.read(id, { epoch, seq: 2 })).toEqual({ kind: 'events', events: [] });
    });

    it('refuses a cursor of the current epoch beyond the head, and only that', async () => {
      const { log, ownership, id } = await setup();
      const lease = await acquire(ownership, id);
      // Nothing logged yet: no epoch to be ahead in.
      await expect(refuseCursorAhead(log, id, { epoch: 'otherepoch01', seq: 9 })).resolves.toBeUndefined();
      const [one] = await log.append(id, [statusEvent(id, 1), statusEvent(id, 2)], lease);
      const epoch = one?.epoch ?? '';
      for (const seq of [0, 1, 2])
        await expect(refuseCursorAhead(log, id, { epoch, seq })).resolves.toBeUndefined();
      const ahead = refuseCursorAhead(log, id, { epoch, seq: 3 });
      await expect(ahead).rejects.toBeInstanceOf(CursorAheadError);
      await expect(ahead).rejects.toMatchObject({
        code: 'CURSOR_AHEAD',
        conferenceID: id,
        position: { epoch, seq: 3 },
        head: { epoch, seq: 2 },
      });
      // Another epoch is an old cursor (expired), not one ahead; so is any cursor of an unknown meeting.
      await expect(refuseCursorAhead(log, id, { epoch: 'otherepoch01', seq: 99 })).resolves.toBeUndefined();
      await expect(refuseCursorAhead(log, `${id}-unknown`, { epoch, seq: 99 })).resolves.toBeUndefined();
      // The head moves on: the same cursor is then fine.
      await log.append(id, [statusEvent(id, 3)], lease);
      await expect(refuseCursorAhead(log, id, { epoch, seq: 3 })).resolves.toBeUndefined();
    });

    it('trims by count: the newest maxEvents stay readable, old positions expire', async () => {
      const { log, ownership, id } = await setup({ maxEvents: 5 });
      const lease = await acquire(ownership, id);
      let logged: readonly LoggedEvent[] = [];
      // Enough events that even approximate trimming (whole Redis stream nodes of 100) removes the first.
      for (let batch = 0; batch < 30; batch++) {
        const events = Array.from({ length: 10 }, (_, i) => statusEvent(id, batch * 10 + i + 1));
        logged = await log.append(id, events, lease);
      }
      const epoch = logged[0]?.epoch ?? '';
      expect(await log.head(id)).toEqual({ epoch, seq: 300 });
      expect(await log.read(id, { epoch, seq: 0 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: 100 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: 295 })).toEqual({ kind: 'events', events: logged.slice(5) });
    });

    it('trims by age: events older than maxAgeMs are no longer read', async () => {
      const { log, ownership, id } = await setup({ maxAgeMs: 300 });
      const lease = await acquire(ownership, id);
      const [one] = await log.append(id, [statusEvent(id, 1), statusEvent(id, 2)], lease);
      const epoch = one?.epoch ?? '';
      await sleep(450);
      // Past the age even before another append trims them.
      expect(await log.read(id, { epoch, seq: 0 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: 2 })).toEqual({ kind: 'events', events: [] });
      const [three] = await log.append(id, [statusEvent(id, 3)], lease);
      expect(three?.seq).toBe(3);
      expect(await log.read(id, { epoch, seq: 1 })).toEqual({ kind: 'expired' });
      expect(await log.read(id, { epoch, seq: 2 })).toEqual({ kind: 'events', events: [three] });
      expect(await log.head(id)).toEqual({ epoch, seq: 3 });
    });

    it('keeps the newest checkpoint of the current epoch, saved by the lease holder', async () => {
      const { log, ownership, id } = await setup();
      const lease = await acquire(ownership, id);
      expect(await log.loadCheckpoint(id)).toBeUndefined();
      const logged = await log.append(
        id,
        [statusEvent(id, 1), statusEvent(id, 2), statusEvent(id, 3)],
        lease,
      );
      const epoch = logged[0]?.epoch ?? '';
      const two = checkpointAt(id, epoch, 2);
      await log.saveCheckpoint(id, two, lease);
      expect(await log.loadCheckpoint(id)).toEqual(two);
      await log.saveCheckpoint(id, { ...checkpointAt(id, epoch, 1), status: 'reconnecting' }, lease);
      await log.saveCheckpoint(id, { ...checkpointAt(id, epoch, 2), status: 'reconnecting' }, lease);
      expect(await log.loadCheckpoint(id)).toEqual(two);
      await log.saveCheckpoint(id, checkpointAt(id, 'otherepoch01', 3), lease);
      expect(await log.loadCheckpoint(id)).toEqual(two);
      const three = { ...checkpointAt(id, epoch, 3), status: 'ended' as const };
      await log.saveCheckpoint(id, three, lease);
      expect(await log.loadCheckpoint(id)).toEqual(three);
      // Every status a stream can be in is kept (and, stored, read back as valid).
      await log.append(id, [statusEvent(id, 4)], lease);
      const four = { ...checkpointAt(id, epoch, 4), status: 'stale' as const };
      await log.saveCheckpoint(id, four, lease);
      expect(await log.loadCheckpoint(id)).toEqual(four);
      // A checkpoint of a meeting with no log yet belongs to no epoch: not kept.
      const other = `${id}-empty`;
      await log.saveCheckpoint(other, checkpointAt(other, epoch, 1), await acquire(ownership, other));
      expect(await log.loadCheckpoint(other)).toBeUndefined();
    });

    it('close() ends the subscriptions made through it', async () => {
      const { log, id } = await setup();
      const subscription = log.subscribe(id);
      await subscription.ready;
      const pending = subscription.next();
      await log.close();
      expect(await pending).toEqual({ done: true, value: undefined });
      expect(subscription.closed).toBe(true);
      const later = log.subscribe(id);
      expect(later.closed).toBe(true);
    });
  });
}
