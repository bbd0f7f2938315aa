import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LeaseLostError } from '../errors.js';
import type { UpstreamLease } from './lease.js';
import { meetingKey } from './redisKeys.js';
import { RedisOwnership, type RedisOwnershipOptions } from './redisOwnership.js';

const PREFIX = 'test:';
const TTL_MS = 600;

let server: RedisServer;
const connections: Redis[] = [];
const ownerships: RedisOwnership[] = [];

function connect(): Redis {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 3 });
  // Refused connects while the server restarts are expected here; commands still report their own errors.
  redis.on('error', () => undefined);
  connections.push(redis);
  return redis;
}

/** One replica's ownership on its own connection; `errors` collects what it reported. */
function replica(options: Partial<RedisOwnershipOptions> = {}) {
  const redis = connect();
  const errors: unknown[] = [];
  const ownership = new RedisOwnership({
    redis,
    prefix: PREFIX,
    ttlMs: TTL_MS,
    renewEveryMs: 100,
    onError: (error) => errors.push(error),
    ...options,
  });
  ownerships.push(ownership);
  return { redis, ownership, errors };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const leaseKey = (id: string) => meetingKey(PREFIX, id, 'lease');
const meeting = () => `m-${randomUUID()}`;

async function acquire(ownership: RedisOwnership, id: string): Promise<UpstreamLease> {
  const lease = await ownership.tryAcquire(id);
  if (!lease) throw new Error(`lease of ${id} not granted`);
  return lease;
}

/** Tries to take the lease every 25 ms until it is granted; resolves with it and how long that took. */
async function takeOver(ownership: RedisOwnership, id: string, timeoutMs: number) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const lease = await ownership.tryAcquire(id);
    if (lease) return { lease, afterMs: Date.now() - started };
    await sleep(25);
  }
  throw new Error(`lease of ${id} not taken over within ${timeoutMs} ms`);
}

beforeAll(async () => {
  server = await startRedisServer();
});
afterEach(async () => {
  for (const ownership of ownerships.splice(0)) await ownership.close().catch(() => undefined);
});
afterAll(async () => {
  for (const redis of connections) redis.disconnect();
  await server?.stop();
});

describe('RedisOwnership', () => {
  it('grants a meeting to one holder at a time, with a token unique to the holding', async () => {
    const a = replica({ holderId: 'replica-a' });
    const b = replica();
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    expect(lease.conferenceID).toBe(id);
    expect(lease.token).toMatch(/^replica-a:/);
    expect(lease.signal.aborted).toBe(false);
    expect(await a.redis.get(leaseKey(id))).toBe(lease.token);
    expect(await a.ownership.tryAcquire(id)).toBeUndefined();
    expect(await b.ownership.tryAcquire(id)).toBeUndefined();
    // Renewed past its ttl while held.
    await sleep(TTL_MS * 2);
    expect(await b.ownership.tryAcquire(id)).toBeUndefined();
    expect(lease.signal.aborted).toBe(false);
    expect(await a.redis.pttl(leaseKey(id))).toBeGreaterThan(0);
    // Another meeting is independent; the same holder's next holding has another token.
    const other = await acquire(a.ownership, meeting());
    expect(other.token).not.toBe(lease.token);
    expect(a.errors).toEqual([]);
  });

  it('release lets another replica take it at once, and never deletes a successor', async () => {
    const a = replica();
    const b = replica();
    const id = meeting();
    const first = await acquire(a.ownership, id);
    await first.release();
    expect(first.signal.aborted).toBe(true);
    expect(first.signal.reason).not.toBeInstanceOf(LeaseLostError);
    expect(await a.redis.exists(leaseKey(id))).toBe(0);
    const second = await acquire(b.ownership, id);
    expect(second.token).not.toBe(first.token);
    await first.release();
    expect(await b.redis.get(leaseKey(id))).toBe(second.token);
    expect(await a.ownership.tryAcquire(id)).toBeUndefined();
  });

  it('a holder that stops renewing loses the lease within the ttl, and another takes it', async () => {
    const a = replica();
    const b = replica();
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    const aborted = new Promise<number>((resolve) =>
      lease.signal.addEventListener('abort', () => resolve(Date.now()), { once: true }),
    );
    const cutAt = Date.now();
    // The replica's connection is gone: no renewal reaches Redis.
    a.redis.disconnect();
    const taken = await takeOver(b.ownership, id, TTL_MS * 3);
    expect(taken.afterMs).toBeLessThanOrEqual(TTL_MS + 300);
    expect((await aborted) - cutAt).toBeLessThanOrEqual(TTL_MS + 300);
    expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    expect(a.errors.length).toBeGreaterThan(0);
    expect(await b.redis.get(leaseKey(id))).toBe(taken.lease.token);
  });

  it('a holder that finds another token in the key loses the lease and leaves the key alone', async () => {
    const a = replica();
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    // As if the holder had been paused past its ttl and another replica took the meeting meanwhile.
    await a.redis.set(leaseKey(id), 'someone-else', 'PX', 10_000);
    await new Promise((resolve) => lease.signal.addEventListener('abort', resolve, { once: true }));
    expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    await lease.release();
    expect(await a.redis.get(leaseKey(id))).toBe('someone-else');
    // It no longer counts the meeting as held here.
    await a.redis.del(leaseKey(id));
    expect(await a.ownership.tryAcquire(id)).toBeDefined();
  });

  it('close releases every lease held, and refuses new ones', async () => {
    const a = replica();
    const ids = [meeting(), meeting()];
    const leases = await Promise.all(ids.map((id) => acquire(a.ownership, id)));
    await a.ownership.close();
    for (const lease of leases) expect(lease.signal.aborted).toBe(true);
    expect(await a.redis.exists(...ids.map(leaseKey))).toBe(0);
    await expect(a.ownership.tryAcquire(meeting())).rejects.toThrow(/closed/);
    await expect(a.ownership.tryAcquire(meeting())).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('rejects a renewal period that is not below the ttl', () => {
    const redis = connect();
    expect(() => new RedisOwnership({ redis, ttlMs: 1000, renewEveryMs: 1000 })).toThrow(RangeError);
    expect(() => new RedisOwnership({ redis, ttlMs: 0 })).toThrow(RangeError);
    expect(() => new RedisOwnership({ redis, ttlMs: 1000, renewEveryMs: 1000 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'renewEveryMs' }),
    );
    expect(() => new RedisOwnership({ redis, ttlMs: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'ttlMs' }),
    );
  });

  it('a holder whose process stalled past the ttl gives the lease up instead of renewing it', async () => {
    const a = replica();
    const b = replica();
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    // The event loop blocked (a long GC, a busy CPU): the key expires meanwhile.
    const until = Date.now() + TTL_MS + 100;
    while (Date.now() < until) {
      // busy
    }
    await sleep(10);
    expect(lease.signal.aborted).toBe(true);
    expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    const successor = await acquire(b.ownership, id);
    await sleep(300);
    expect(await b.redis.get(leaseKey(id))).toBe(successor.token);
    expect(successor.signal.aborted).toBe(false);
  });

  it('a holder that cannot reach Redis for a whole ttl ends the lease', async () => {
    const a = replica();
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    const cutAt = Date.now();
    await server.kill();
    try {
      await new Promise((resolve) => lease.signal.addEventListener('abort', resolve, { once: true }));
      expect(Date.now() - cutAt).toBeLessThanOrEqual(TTL_MS + 300);
      expect(lease.signal.reason).toBeInstanceOf(LeaseLostError);
    } finally {
      await server.restart();
    }
    const b = replica();
    const successor = await acquire(b.ownership, id);
    // Whatever the first holder had queued while Redis was down does not take the meeting back.
    await sleep(500);
    expect(await b.redis.get(leaseKey(id))).toBe(successor.token);
  });

  it('after a Redis restart the holder takes its lease again on the next renewal', async () => {
    const a = replica({ ttlMs: 2000, renewEveryMs: 100 });
    const b = replica({ ttlMs: 2000, renewEveryMs: 100 });
    const id = meeting();
    const lease = await acquire(a.ownership, id);
    await server.restart();
    const deadline = Date.now() + 2000;
    let holder: string | null = null;
    while (Date.now() < deadline && holder !== lease.token) {
      holder = await a.redis.get(leaseKey(id)).catch(() => null);
      if (holder !== lease.token) await sleep(20);
    }
    expect(holder).toBe(lease.token);
    expect(lease.signal.aborted).toBe(false);
    expect(await b.ownership.tryAcquire(id)).toBeUndefined();
  });
});
