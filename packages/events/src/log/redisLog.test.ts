import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CorruptLogDataError, CursorAheadError, LeaseLostError } from '../errors.js';
import { MemoryPubSub } from '../pubsub/memory.js';
import type { EventOf, Topic } from '../pubsub/pubsub.js';
import { MeetingStateReducer } from '../state/reducer.js';
import type { MeetingStreamEvent } from '../streams/streamEvent.js';
import { refuseCursorAhead } from './cursorAhead.js';
import type { UpstreamLease } from './lease.js';
import { meetingLogContract } from './meetingLog.contract.js';
import type { MeetingLogTopics } from './memoryLog.js';
import { meetingKey } from './redisKeys.js';
import { RedisMeetingLog, type RedisMeetingLogOptions } from './redisLog.js';
import { RedisOwnership } from './redisOwnership.js';

const PREFIX = 'test:';

let server: RedisServer;
const connections: Redis[] = [];

/** A new command connection to the test server. */
function connect(): Redis {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 3 });
  // Refused connects while the server restarts are expected here; commands still report their own errors.
  redis.on('error', () => undefined);
  connections.push(redis);
  return redis;
}

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  await server?.stop();
});

meetingLogContract('RedisMeetingLog', async (retention) => {
  const redis = connect();
  return {
    log: new RedisMeetingLog({
      ...retention,
      redis,
      pubsub: new MemoryPubSub({ serialize: true }),
      prefix: PREFIX,
    }),
    ownership: new RedisOwnership({ redis, prefix: PREFIX }),
  };
});

function statusEvent(conferenceID: string, n: number): MeetingStreamEvent {
  return { type: 'status', conferenceID, status: 'live', detail: `event ${n}` };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (or fails the test after `timeoutMs`). */
async function until(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(20);
  }
}

/** One gateway replica: its own connection, ownership and log, publishing on the shared pub/sub. */
function replica(pubsub: MemoryPubSub<MeetingLogTopics>, options: Partial<RedisMeetingLogOptions> = {}) {
  const redis = connect();
  const errors: unknown[] = [];
  const ownership = new RedisOwnership({ redis, prefix: PREFIX, ttlMs: 1000, renewEveryMs: 100 });
  const log = new RedisMeetingLog({
    redis,
    pubsub,
    prefix: PREFIX,
    onError: (error) => errors.push(error),
    ...options,
  });
  return { redis, ownership, log, errors };
}

async function acquire(ownership: RedisOwnership, id: string): Promise<UpstreamLease> {
  const lease = await ownership.tryAcquire(id);
  if (!lease) throw new Error(`lease of ${id} not granted`);
  return lease;
}

describe('RedisMeetingLog across replicas', () => {
  const replicas: ReturnType<typeof replica>[] = [];
  afterEach(async () => {
    for (const { log, ownership } of replicas.splice(0)) {
      await log.close();
      await ownership.close();
    }
  });
  function start(pubsub: MemoryPubSub<MeetingLogTopics>, options: Partial<RedisMeetingLogOptions> = {}) {
    const made = replica(pubsub, options);
    replicas.push(made);
    return made;
  }

  it('continues the numbering when the lease moves to another replica; every replica reads and hears it all', async () => {
    const pubsub = new MemoryPubSub<MeetingLogTopics>({ serialize: true });
    const a = start(pubsub);
    const b = start(pubsub);
    const id = `m-${randomUUID()}`;
    const heardOnB = b.log.subscribe(id);
    const leaseA = await acquire(a.ownership, id);
    expect(await b.ownership.tryAcquire(id)).toBeUndefined();
    const first = await a.log.append(
      id,
      [1, 2, 3].map((n) => statusEvent(id, n)),
      leaseA,
    );
    await leaseA.release();
    const leaseB = await acquire(b.ownership, id);
    const second = await b.log.append(
      id,
      [4, 5].map((n) => statusEvent(id, n)),
      leaseB,
    );
    const all = [...first, ...second];
    expect(all.map((logged) => logged.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(all.map((logged) => logged.epoch)).size).toBe(1);
    for (const expected of all) expect((await heardOnB.next()).value).toEqual(expected);
    const epoch = first[0]?.epoch ?? '';
    expect(await a.log.read(id, { epoch, seq: 0 })).toEqual({ kind: 'events', events: all });
    expect(await b.log.head(id)).toEqual({ epoch, seq: 5 });
    // The first replica's token is stale now: refused, and nothing reaches the stream.
    await expect(a.log.append(id, [statusEvent(id, 6)], leaseA)).rejects.toBeInstanceOf(LeaseLostError);
    expect(await a.redis.xlen(meetingKey(PREFIX, id, 'log'))).toBe(5);
    expect(await a.log.head(id)).toEqual({ epoch, seq: 5 });
    heardOnB.unsubscribe();
  });

  it("judges a cursor by the shared stream's head: one another replica appended is not ahead", async () => {
    const pubsub = new MemoryPubSub<MeetingLogTopics>({ serialize: true });
    const a = start(pubsub);
    const b = start(pubsub);
    const id = `m-${randomUUID()}`;
    const logged = await a.log.append(
      id,
      [1, 2, 3].map((n) => statusEvent(id, n)),
      await acquire(a.ownership, id),
    );
    const newest = logged.at(-1);
    if (!newest) throw new Error('nothing appended');
    // B never appended nor subscribed: its log still knows the stream's head from Redis.
    await expect(refuseCursorAhead(b.log, id, newest)).resolves.toBeUndefined();
    await expect(refuseCursorAhead(b.log, id, { epoch: newest.epoch, seq: 4 })).rejects.toBeInstanceOf(
      CursorAheadError,
    );
  });

  it('trims the stream itself: by age exactly at the first young entry, by count approximately', async () => {
    const a = start(new MemoryPubSub(), { maxAgeMs: 500, maxEvents: 1000 });
    const id = `m-${randomUUID()}`;
    const logKey = meetingKey(PREFIX, id, 'log');
    const lease = await acquire(a.ownership, id);
    const batch = (from: number) => Array.from({ length: 20 }, (_, i) => statusEvent(id, from + i));
    await a.log.append(id, batch(1), lease);
    await sleep(300);
    await a.log.append(id, batch(21), lease);
    await sleep(300);
    // The first batch is past the age, the second is not: the trim keeps from entry 21 on.
    await a.log.append(id, batch(41), lease);
    expect(await a.redis.xlen(logKey)).toBe(40);
    expect((await a.redis.xrange(logKey, '-', '+', 'COUNT', 1))[0]?.[0]).toBe('21-0');

    const b = start(new MemoryPubSub(), { maxEvents: 5 });
    const other = `m-${randomUUID()}`;
    const otherLease = await acquire(b.ownership, other);
    for (let n = 0; n < 30; n++) await b.log.append(other, batch(n * 20 + 1), otherLease);
    const length = await b.redis.xlen(meetingKey(PREFIX, other, 'log'));
    expect(length).toBeGreaterThanOrEqual(5);
    expect(length).toBeLessThan(300);
  });

  it('sets a ttl on every key of the meeting, so an abandoned meeting vanishes', async () => {
    const a = start(new MemoryPubSub(), { maxAgeMs: 60_000, keyTtlMs: 120_000 });
    const id = `m-${randomUUID()}`;
    const lease = await acquire(a.ownership, id);
    const [one] = await a.log.append(id, [statusEvent(id, 1)], lease);
    await a.log.saveCheckpoint(
      id,
      { epoch: one?.epoch ?? '', seq: 1, status: 'live', snapshot: new MeetingStateReducer(id).snapshot() },
      lease,
    );
    for (const name of ['epoch', 'seq', 'log', 'ckpt'] as const) {
      const ttl = await a.redis.pttl(meetingKey(PREFIX, id, name));
      expect(ttl, name).toBeGreaterThan(110_000);
      expect(ttl, name).toBeLessThanOrEqual(120_000);
    }
  });

  it('starts a new epoch after a Redis restart: old cursors expire, the holder re-takes its lease', async () => {
    const pubsub = new MemoryPubSub<MeetingLogTopics>();
    const a = start(pubsub);
    const id = `m-${randomUUID()}`;
    const lease = await acquire(a.ownership, id);
    const before = await a.log.append(
      id,
      [1, 2, 3].map((n) => statusEvent(id, n)),
      lease,
    );
    const oldEpoch = before[0]?.epoch ?? '';
    await a.log.saveCheckpoint(
      id,
      { epoch: oldEpoch, seq: 3, status: 'live', snapshot: new MeetingStateReducer(id).snapshot() },
      lease,
    );
    await server.restart();
    await until(
      async () => (await a.redis.get(meetingKey(PREFIX, id, 'lease')).catch(() => null)) === lease.token,
    );
    expect(lease.signal.aborted).toBe(false);
    expect(await a.log.head(id)).toBeUndefined();
    expect(await a.log.loadCheckpoint(id)).toBeUndefined();
    expect(await a.log.read(id, { epoch: oldEpoch, seq: 3 })).toEqual({ kind: 'expired' });
    const after = await a.log.append(id, [statusEvent(id, 4)], lease);
    expect(after[0]?.seq).toBe(1);
    expect(after[0]?.epoch).not.toBe(oldEpoch);
    expect(await a.log.read(id, { epoch: oldEpoch, seq: 3 })).toEqual({ kind: 'expired' });
    expect(await a.log.read(id, { epoch: after[0]?.epoch ?? '', seq: 0 })).toEqual({
      kind: 'events',
      events: after,
    });
  });

  it('reports and skips corrupted entries: a read across one answers expired, the log goes on', async () => {
    const a = start(new MemoryPubSub());
    const id = `m-${randomUUID()}`;
    const lease = await acquire(a.ownership, id);
    const [one] = await a.log.append(id, [statusEvent(id, 1), statusEvent(id, 2)], lease);
    const epoch = one?.epoch ?? '';
    const logKey = meetingKey(PREFIX, id, 'log');
    const seqKey = meetingKey(PREFIX, id, 'seq');
    const now = Date.now();
    // Garbage in the places of events 3 to 6: not JSON, an unknown type, a wrong seq, missing fields.
    await a.redis.xadd(logKey, '3-0', 'seq', '3', 'at', String(now), 'event', '{not json');
    await a.redis.xadd(
      logKey,
      '4-0',
      'seq',
      '4',
      'at',
      String(now),
      'event',
      '{"type":"bogus","conferenceID":"x"}',
    );
    await a.redis.xadd(
      logKey,
      '5-0',
      'seq',
      '9',
      'at',
      String(now),
      'event',
      JSON.stringify(statusEvent(id, 5)),
    );
    await a.redis.xadd(logKey, '6-0', 'what', 'ever');
    await a.redis.set(seqKey, '6');
    expect(await a.log.read(id, { epoch, seq: 0 })).toEqual({ kind: 'expired' });
    expect(a.errors).toHaveLength(4);
    for (const error of a.errors) {
      expect(error).toBeInstanceOf(CorruptLogDataError);
      expect(error).toMatchObject({ code: 'LOG_DATA_CORRUPT', conferenceID: id });
      expect((error as Error).message).toContain(id);
    }
    expect(await a.log.read(id, { epoch, seq: 6 })).toEqual({ kind: 'events', events: [] });
    const [seven] = await a.log.append(id, [statusEvent(id, 7)], lease);
    expect(seven?.seq).toBe(7);
    expect(await a.log.read(id, { epoch, seq: 6 })).toEqual({ kind: 'events', events: [seven] });

    // A corrupted checkpoint: reported, and treated as none.
    a.errors.length = 0;
    await a.redis.hset(meetingKey(PREFIX, id, 'ckpt'), 'epoch', epoch, 'seq', 'three', 'data', '{}');
    expect(await a.log.loadCheckpoint(id)).toBeUndefined();
    expect(a.errors).toHaveLength(1);
    await a.redis.hset(meetingKey(PREFIX, id, 'ckpt'), 'seq', '3', 'data', '{"status":"live","snapshot":{}}');
    expect(await a.log.loadCheckpoint(id)).toBeUndefined();
    expect(a.errors).toHaveLength(2);
    for (const error of a.errors) expect(error).toMatchObject({ code: 'LOG_DATA_CORRUPT', conferenceID: id });
    // A newer valid one replaces it.
    const checkpoint = {
      epoch,
      seq: 7,
      status: 'live' as const,
      snapshot: new MeetingStateReducer(id).snapshot(),
    };
    await a.log.saveCheckpoint(id, checkpoint, lease);
    expect(await a.log.loadCheckpoint(id)).toEqual(checkpoint);
  });

  it('reports a head whose epoch or seq is not valid as LOG_DATA_CORRUPT and answers no head', async () => {
    const a = start(new MemoryPubSub());
    const id = `m-${randomUUID()}`;
    await a.redis.set(meetingKey(PREFIX, id, 'epoch'), 'e1');
    await a.redis.set(meetingKey(PREFIX, id, 'seq'), 'three');
    expect(await a.log.head(id)).toBeUndefined();
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0]).toBeInstanceOf(CorruptLogDataError);
    expect(a.errors[0]).toMatchObject({ code: 'LOG_DATA_CORRUPT', conferenceID: id });
    expect((a.errors[0] as Error).message).toContain("its log's epoch or seq in Redis is not valid");
  });

  it('keeps an appended event when publishing it fails, and reports the failure', async () => {
    class FailingPubSub extends MemoryPubSub<MeetingLogTopics> {
      override async publish<T extends Topic<MeetingLogTopics>>(
        _topic: T,
        _event: EventOf<MeetingLogTopics, T>,
      ) {
        throw new Error('transport down');
      }
    }
    const a = start(new FailingPubSub());
    const id = `m-${randomUUID()}`;
    const lease = await acquire(a.ownership, id);
    const logged = await a.log.append(id, [statusEvent(id, 1)], lease);
    expect(logged.map((entry) => entry.seq)).toEqual([1]);
    expect(a.errors).toEqual([new Error('transport down')]);
    expect(await a.log.read(id, { epoch: logged[0]?.epoch ?? '', seq: 0 })).toEqual({
      kind: 'events',
      events: logged,
    });
  });

  it('rejects invalid retention options', () => {
    const redis = connect();
    const pubsub = new MemoryPubSub<MeetingLogTopics>();
    expect(() => new RedisMeetingLog({ redis, pubsub, maxEvents: 0 })).toThrow(RangeError);
    expect(() => new RedisMeetingLog({ redis, pubsub, maxAgeMs: -1 })).toThrow(RangeError);
    expect(() => new RedisMeetingLog({ redis, pubsub, maxAgeMs: 1000, keyTtlMs: 10 })).toThrow(RangeError);
    for (const [options, field] of [
      [{ maxEvents: 0 }, 'maxEvents'],
      [{ maxAgeMs: -1 }, 'maxAgeMs'],
      [{ maxAgeMs: 1000, keyTtlMs: 10 }, 'keyTtlMs'],
    ] as const)
      expect(() => new RedisMeetingLog({ redis, pubsub, ...options })).toThrow(
        expect.objectContaining({ code: 'INVALID_OPTION', field }),
      );
  });
});
