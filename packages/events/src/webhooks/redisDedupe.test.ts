import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DedupeStoreUnavailableError } from '../errors.js';
import { createWebhookReceiver, type WebhookEvent } from './receiver.js';
import { RedisDedupeStore } from './redisDedupe.js';
import { webhookSignature } from './signature.js';

const APP_ID = '123456789';
const APP_KEY = 'subscriber-key';
const meetingInfo = { meetingID: '987446316', meetingUUID: '0307e0400f0a11eca58a9fcb8e69dde8' };

let server: RedisServer;
const connections: Redis[] = [];
let testNumber = 0;
let prefix = '';

/** A signed delivery of `meeting.started` at event time `at`; each call is a fresh envelope (a retry). */
function delivery(at: number, nonce = String(Math.floor(Math.random() * 1e8))): string {
  const timestamp = Date.now();
  const eventInfoJson = JSON.stringify({ event: 'meeting.started', timestamp: at, payload: { meetingInfo } });
  const signature = webhookSignature({ appID: APP_ID, timestamp, nonce, eventInfoJson }, APP_KEY);
  return `{"appID":"${APP_ID}","timestamp":${timestamp},"nonce":"${nonce}","signature":"${signature}","eventInfo":${eventInfoJson}}`;
}

/** A receiver (one "replica") on its own connection to the shared store, collecting events and errors. */
function replica(dedupeWindowMs?: number) {
  const redis = new Redis(server.url);
  // The outage test drops the connection on purpose; what matters is what the receiver answers.
  redis.on('error', () => {});
  connections.push(redis);
  const events: WebhookEvent[] = [];
  const errors: unknown[] = [];
  const receiver = createWebhookReceiver({
    subscribers: [{ appID: APP_ID, appKey: APP_KEY }],
    dedupe: new RedisDedupeStore({ redis, prefix }),
    dedupeWindowMs,
    onEvent: (event) => {
      events.push(event);
    },
    onError: (error) => {
      errors.push(error);
    },
  });
  return { receiver, redis, events, errors };
}

/** Lets the receiver's after-answer work run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** Waits until the check passes (polling). */
async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.stop();
});

afterEach(() => {
  for (const redis of connections.splice(0)) redis.disconnect();
  prefix = `t${++testNumber}:`;
});

describe('RedisDedupeStore', () => {
  it('two replicas sharing the store take a retried delivery once', async () => {
    const a = replica();
    const b = replica();
    expect(await a.receiver.handle({ rawBody: delivery(1) })).toEqual({ status: 200, headers: {}, body: '' });
    // The sender's retry (fresh nonce and timestamp) lands on the other replica.
    expect((await b.receiver.handle({ rawBody: delivery(1) })).status).toBe(200);
    // Retries racing on both replicas at once.
    const raced = await Promise.all([
      a.receiver.handle({ rawBody: delivery(2) }),
      b.receiver.handle({ rawBody: delivery(2) }),
      a.receiver.handle({ rawBody: delivery(2) }),
    ]);
    expect(raced.map((answer) => answer.status)).toEqual([200, 200, 200]);
    await settle();
    expect([...a.events, ...b.events].map((e) => e.timestamp).sort()).toEqual([1, 2]);
    expect(a.receiver.stats().accepted + b.receiver.stats().accepted).toBe(2);
    expect(a.receiver.stats().duplicates + b.receiver.stats().duplicates).toBe(3);
    expect([...a.errors, ...b.errors]).toEqual([]);
  });

  it('two replicas sharing the store refuse a replayed nonce, whichever gets it', async () => {
    const a = replica();
    const b = replica();
    const body = delivery(7, '44448888');
    expect((await a.receiver.handle({ rawBody: body })).status).toBe(200);
    const replay = await b.receiver.handle({ rawBody: body });
    expect(replay.status).toBe(401);
    expect(JSON.parse(replay.body)).toMatchObject({ error: 'replayed' });
    await settle();
    expect([...a.events, ...b.events].map((e) => e.timestamp)).toEqual([7]);
  });

  it('keys live under the prefix: the event for the dedupe window, the nonce 25 hours; then the event is taken again', async () => {
    const { receiver, redis, events } = replica(300);
    const store = new RedisDedupeStore({ redis, prefix });
    expect((await receiver.handle({ rawBody: delivery(1) })).status).toBe(200);
    const keys = await redis.keys(`${prefix}webhook:*`);
    expect(keys).toHaveLength(2);
    const [eventTtl, nonceTtl] = (await Promise.all(keys.map((key) => redis.pttl(key)))).sort(
      (x, y) => x - y,
    );
    expect(eventTtl).toBeGreaterThan(0);
    expect(eventTtl).toBeLessThanOrEqual(300);
    // A nonce is kept while its delivery could be accepted: 25 hours old and 5 minutes of clock skew.
    expect(nonceTtl).toBeGreaterThan(25 * 3_600_000);
    expect(nonceTtl).toBeLessThanOrEqual(25 * 3_600_000 + 5 * 60_000);
    expect(await store.addIfNew('other', 300)).toBe(true);
    expect(await store.addIfNew('other', 300)).toBe(false);
    expect(store.redisKey('other')).toMatch(new RegExp(`^${prefix}webhook:[\\w-]{43}$`));

    await receiver.handle({ rawBody: delivery(1) });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await receiver.handle({ rawBody: delivery(1) });
    await settle();
    expect(events.map((e) => e.timestamp)).toEqual([1, 1]);
    expect(receiver.stats()).toMatchObject({ accepted: 2, duplicates: 1 });
  });

  it('a failing Redis refuses the delivery with 503, and its retry is taken once Redis is back', async () => {
    const { receiver, redis, events, errors } = replica();
    // Connected, but every write refused (OOM): the SET rejects.
    await redis.config('SET', 'maxmemory-policy', 'noeviction');
    await redis.config('SET', 'maxmemory', '1');
    const refused = await receiver.handle({ rawBody: delivery(1) });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toEqual({ error: 'unavailable' });
    await redis.config('SET', 'maxmemory', '0');

    // Down: refused at once, not queued until ioredis gives up.
    await server.kill();
    await until(() => redis.status === 'reconnecting');
    const started = Date.now();
    expect((await receiver.handle({ rawBody: delivery(1) })).status).toBe(503);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(errors[1]).toBeInstanceOf(DedupeStoreUnavailableError);
    expect(errors[1]).toMatchObject({ code: 'DEDUPE_STORE_UNAVAILABLE' });

    await server.restart();
    await until(() => redis.status === 'ready', 10_000);
    expect((await receiver.handle({ rawBody: delivery(1) })).status).toBe(200);
    expect((await receiver.handle({ rawBody: delivery(1) })).status).toBe(200);
    await settle();
    expect(events.map((e) => e.timestamp)).toEqual([1]);
    expect(receiver.stats()).toMatchObject({ accepted: 1, duplicates: 1, dedupeErrors: 2 });
    expect(errors).toHaveLength(2);
    expect(String(errors[0])).toMatch(/OOM/);
  });

  it('answers refusals of the envelope at once, before the store is asked', async () => {
    const { receiver, redis } = replica();
    const answer = receiver.handle({ rawBody: '{' });
    expect(answer).not.toBeInstanceOf(Promise);
    expect((await answer).status).toBe(400);
    expect(await redis.keys(`${prefix}webhook:*`)).toEqual([]);
  });
});
