import { getEventListeners } from 'node:events';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisPubSubMessageError } from '../errors.js';
import { pubsubContract } from '../testing/pubsubContract.js';
import { drain, type MeetingEvent, type Topics, take, tick } from '../testing/pubsubReaders.js';
import { RedisPubSub, type RedisPubSubOptions } from './redis.js';

/** Waits until the check passes (polling), or fails with its last error. */
async function until(check: () => unknown | Promise<unknown>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let server: RedisServer;
/** A plain connection of the test itself: server-wide checks and raw publishes. */
let admin: Redis;
const connections: Redis[] = [];
const transports: RedisPubSub<Topics>[] = [];
let testNumber = 0;
let prefix = '';

/** A connection closed after the test; `autoResubscribe: false` leaves renewing subscriptions to the caller. */
function connect(autoResubscribe = true): Redis {
  const redis = new Redis(server.url, { autoResubscribe });
  // The restart test drops connections on purpose; what matters there is asserted through the transport.
  redis.on('error', () => {});
  connections.push(redis);
  return redis;
}

/** A transport (one "replica") on its own connections, with this test's prefix; errors are collected. */
function replica(options: Partial<RedisPubSubOptions> = {}) {
  const errors: unknown[] = [];
  const redis = connect();
  const pubsub = new RedisPubSub<Topics>({
    redis,
    prefix,
    onError: (error) => errors.push(error),
    ...options,
  });
  transports.push(pubsub);
  return { pubsub, redis, errors };
}

/** SUBSCRIBE commands the server has run so far (INFO commandstats). */
async function subscribeCalls(): Promise<number> {
  const info = await admin.info('commandstats');
  return Number(/cmdstat_subscribe:calls=(\d+)/.exec(info)?.[1] ?? 0);
}

/** Redis subscribers of a channel, server-wide (PUBSUB NUMSUB). */
async function numsub(channel: string): Promise<number> {
  const [, count] = (await admin.pubsub('NUMSUB', channel)) as [string, number];
  return Number(count);
}

beforeAll(async () => {
  server = await startRedisServer();
  admin = new Redis(server.url);
  admin.on('error', () => {});
});

afterAll(async () => {
  admin?.disconnect();
  await server?.stop();
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((pubsub) => pubsub.close()));
  for (const redis of connections.splice(0)) redis.disconnect();
  // Channels of one test never reach another's subscribers.
  prefix = `t${++testNumber}:`;
});

pubsubContract('RedisPubSub', (options) => replica(options).pubsub);

describe('RedisPubSub', () => {
  it('delivers each topic in publish order, to its own subscribers only', async () => {
    const { pubsub, errors } = replica();
    const one = pubsub.subscribe('meeting:1');
    const two = pubsub.subscribe('meeting:2');
    await Promise.all([one.ready, two.ready]);
    const published: Promise<void>[] = [];
    for (let n = 0; n < 100; n++) {
      published.push(pubsub.publish('meeting:1', tick(n)));
      if (n % 10 === 0) published.push(pubsub.publish('meeting:2', { kind: 'note', text: `n${n}` }));
    }
    await Promise.all(published);
    expect(await take(one, 100)).toEqual(Array.from({ length: 100 }, (_, n) => tick(n)));
    expect(await take(two, 10)).toEqual(
      Array.from({ length: 10 }, (_, i) => ({ kind: 'note', text: `n${i * 10}` })),
    );
    await pubsub.publish('meeting:1', tick(100));
    expect(await take(one, 1)).toEqual([tick(100)]);
    expect(two.dropped + one.dropped).toBe(0);
    expect(errors).toEqual([]);
  });

  it('fans out to every local subscriber through one Redis subscription, parsed once', async () => {
    const { pubsub } = replica();
    const callsBefore = await subscribeCalls();
    const subs = [
      pubsub.subscribe('meeting:1'),
      pubsub.subscribe('meeting:1'),
      pubsub.subscribe('meeting:1'),
    ];
    await Promise.all(subs.map((s) => s.ready));
    expect((await subscribeCalls()) - callsBefore).toBe(1);
    expect(pubsub.subscriberCount('meeting:1')).toBe(3);
    expect(pubsub.subscriberCount('meeting:2')).toBe(0);
    expect(await numsub(`${prefix}meeting:1`)).toBe(1);

    await pubsub.publish('meeting:1', { kind: 'note', text: 'all' });
    const received = await Promise.all(subs.map((s) => take(s, 1)));
    for (const [event] of received) expect(event).toEqual({ kind: 'note', text: 'all' });
    // One parse per message: every local subscriber holds the same (read-only) object.
    expect(received[0]?.[0]).toBe(received[1]?.[0]);

    subs[0]?.unsubscribe();
    await subs[1]?.return();
    expect(pubsub.subscriberCount('meeting:1')).toBe(1);
    expect(await numsub(`${prefix}meeting:1`)).toBe(1);
    await pubsub.publish('meeting:1', tick(1));
    expect(await take(subs[2] as AsyncIterator<MeetingEvent>, 1)).toEqual([tick(1)]);
    subs[2]?.unsubscribe();
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    expect(pubsub.activeTopics()).toEqual([]);
    await until(async () => (await numsub(`${prefix}meeting:1`)) === 0);
  });

  it('two replicas on one server see each other’s events, in each publisher’s order', async () => {
    const a = replica();
    const b = replica();
    const onA = a.pubsub.subscribe('meeting:1');
    const onB = b.pubsub.subscribe('meeting:1');
    await Promise.all([onA.ready, onB.ready]);
    expect(await numsub(`${prefix}meeting:1`)).toBe(2);
    for (let n = 0; n < 5; n++) await a.pubsub.publish('meeting:1', tick(n));
    await b.pubsub.publish('meeting:1', { kind: 'note', text: 'from b' });
    const expected = [...Array.from({ length: 5 }, (_, n) => tick(n)), { kind: 'note', text: 'from b' }];
    expect(await take(onA, 6)).toEqual(expected);
    expect(await take(onB, 6)).toEqual(expected);
    // Another prefix is another deployment on the same server.
    const other = replica({ prefix: `${prefix}other:` });
    const isolated = other.pubsub.subscribe('meeting:1');
    await isolated.ready;
    await a.pubsub.publish('meeting:1', tick(9));
    await other.pubsub.publish('meeting:1', tick(10));
    await a.pubsub.publish('meeting:1', tick(11));
    // Had either crossed over, it would have come first.
    expect(await take(isolated, 1)).toEqual([tick(10)]);
    expect(await take(onB, 2)).toEqual([tick(9), tick(11)]);
  });

  it('ready settles once Redis confirmed the SUBSCRIBE, or when the subscription ends first', async () => {
    const { pubsub } = replica();
    const sub = pubsub.subscribe('enterprise:default');
    await sub.ready;
    expect(await numsub(`${prefix}enterprise:default`)).toBe(1);
    // Published by a process that has no subscriber of its own.
    await admin.publish(`${prefix}enterprise:default`, JSON.stringify({ event: 'meeting.started' }));
    expect(await take(sub, 1)).toEqual([{ event: 'meeting.started' }]);

    const later = pubsub.subscribe('enterprise:default');
    await later.ready;
    const ended = pubsub.subscribe('meeting:3');
    ended.unsubscribe();
    await ended.ready;
    expect(ended.closed).toBe(true);
  });

  it('return(), unsubscribe() and abort end the subscription and release the Redis channel', async () => {
    const { pubsub } = replica();
    const waitingSub = pubsub.subscribe('meeting:1');
    const waiting = waitingSub.next();
    expect(await waitingSub.return()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });

    const controller = new AbortController();
    const aborted = pubsub.subscribe('meeting:1', { signal: controller.signal });
    await aborted.ready;
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const pending = aborted.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    const early = pubsub.subscribe('meeting:1', { signal: AbortSignal.abort() });
    expect(early.closed).toBe(true);
    expect(await early.next()).toEqual({ done: true, value: undefined });

    const held = pubsub.subscribe('meeting:1');
    await held.ready;
    held.unsubscribe();
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    await until(async () => (await numsub(`${prefix}meeting:1`)) === 0);
  });

  it('close() ends every subscription after its buffer and quits only the connection it made', async () => {
    const { pubsub, redis } = replica();
    const a = pubsub.subscribe('meeting:1');
    const probe = pubsub.subscribe('meeting:1');
    const b = pubsub.subscribe('enterprise:default');
    await Promise.all([a.ready, b.ready]);
    await pubsub.publish('meeting:1', tick(1));
    expect(await take(probe, 1)).toEqual([tick(1)]);
    const waiting = b.next();
    await pubsub.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await drain(a)).toEqual([tick(1)]);
    await pubsub.publish('meeting:1', tick(2));
    const late = pubsub.subscribe('meeting:1');
    expect(late.closed).toBe(true);
    expect(await late.next()).toEqual({ done: true, value: undefined });
    await pubsub.close();
    expect(await numsub(`${prefix}meeting:1`)).toBe(0);
    // The publishing connection is the caller's and stays open.
    expect(await redis.ping()).toBe('PONG');

    const subscriber = connect();
    const shared = replica({ subscriber });
    const c = shared.pubsub.subscribe('meeting:2');
    await c.ready;
    await shared.pubsub.close();
    await until(async () => (await numsub(`${prefix}meeting:2`)) === 0);
    expect(subscriber.status).toBe('ready');
  });

  it('reports a message that is not JSON and skips it', async () => {
    const { pubsub, errors } = replica();
    const sub = pubsub.subscribe('meeting:1');
    await sub.ready;
    await admin.publish(`${prefix}meeting:1`, '{not json');
    await pubsub.publish('meeting:1', tick(1));
    expect(await take(sub, 1)).toEqual([tick(1)]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(RedisPubSubMessageError);
    expect(errors[0]).toMatchObject({ code: 'PUBSUB_MESSAGE_MALFORMED' });
    expect((errors[0] as RedisPubSubMessageError).channel).toBe(`${prefix}meeting:1`);
    expect(sub.closed).toBe(false);
  });

  it('refuses an event that JSON cannot carry', async () => {
    const { pubsub } = replica();
    await expect(pubsub.publish('meeting:1', undefined as unknown as MeetingEvent)).rejects.toThrow(
      TypeError,
    );
    await expect(pubsub.publish('meeting:1', { n: 1n } as unknown as MeetingEvent)).rejects.toThrow(
      TypeError,
    );
    for (const event of [undefined, { n: 1n }])
      await expect(pubsub.publish('meeting:1', event as unknown as MeetingEvent)).rejects.toMatchObject({
        code: 'EVENT_NOT_SERIALISABLE',
        topic: 'meeting:1',
      });
  });

  it('survives a Redis restart: subscriptions are renewed, signalled, and deliver again', async () => {
    let resubscribed = 0;
    const { pubsub } = replica({ onResubscribed: () => resubscribed++ });
    const other = replica();
    // Renewed by the transport itself, not by ioredis.
    const manual = replica({ subscriber: connect(false) });
    const before = pubsub.subscribe('meeting:1');
    const remote = other.pubsub.subscribe('meeting:1');
    const renewed = manual.pubsub.subscribe('meeting:1');
    await Promise.all([before.ready, remote.ready, renewed.ready]);
    expect(pubsub.reconnects).toBe(0);

    await server.restart();
    // A channel first subscribed while the connection is (probably) still down is confirmed too.
    const during = pubsub.subscribe('meeting:2');
    await until(
      () => resubscribed === 1 && other.pubsub.reconnects === 1 && manual.pubsub.reconnects === 1,
      10_000,
    );
    expect(pubsub.reconnects).toBe(1);
    await during.ready;
    // The fresh server knows the channels again, one subscription per replica.
    expect(await numsub(`${prefix}meeting:1`)).toBe(3);
    expect(await numsub(`${prefix}meeting:2`)).toBe(1);

    await other.pubsub.publish('meeting:1', tick(1));
    await other.pubsub.publish('meeting:2', tick(2));
    expect(await take(before, 1)).toEqual([tick(1)]);
    expect(await take(remote, 1)).toEqual([tick(1)]);
    expect(await take(renewed, 1)).toEqual([tick(1)]);
    expect(await take(during, 1)).toEqual([tick(2)]);
    expect(resubscribed).toBe(1);
  });
});
