import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pubsubContract } from '../testing/pubsubContract.js';
import { drain, type MeetingEvent, type Topics, take, tick } from '../testing/pubsubReaders.js';
import { MemoryPubSub } from './memory.js';
import { enterpriseTopic, filter, map, meetingTopic, pipe, type Subscription } from './pubsub.js';

describe('topics', () => {
  it('names meeting and enterprise topics', () => {
    expect(meetingTopic('900')).toBe('meeting:900');
    expect(enterpriseTopic('corp-1')).toBe('enterprise:corp-1');
    expect(enterpriseTopic()).toBe('enterprise:default');
    expect(enterpriseTopic('')).toBe('enterprise:default');
  });

  it('types the events of each topic', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const sub = pubsub.subscribe(enterpriseTopic());
    await pubsub.publish(enterpriseTopic(), { event: 'meeting.started' });
    // @ts-expect-error a meeting event on an enterprise topic
    await pubsub.publish(enterpriseTopic(), tick(1));
    // @ts-expect-error an unknown topic prefix
    pubsub.subscribe('room:1');
    const [first] = await take(sub, 1);
    expect(first?.event).toBe('meeting.started');
    await pubsub.close();
  });
});

pubsubContract('MemoryPubSub', (options) => new MemoryPubSub<Topics>(options));

describe('MemoryPubSub', () => {
  it('keeps per-subscriber order when reads and publishes interleave', async () => {
    const pubsub = new MemoryPubSub<Topics>({ bufferSize: 1000 });
    const fast = pubsub.subscribe('meeting:1');
    const slow = pubsub.subscribe('meeting:1');
    const fastRead = take(fast, 200);
    for (let n = 0; n < 200; n++) {
      void pubsub.publish('meeting:1', tick(n));
      if (n % 7 === 0) await Promise.resolve();
    }
    const expected = Array.from({ length: 200 }, (_, n) => tick(n));
    expect(await fastRead).toEqual(expected);
    expect(await take(slow, 200)).toEqual(expected);
    await pubsub.close();
  });

  it('registers on subscribe, before the first read', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const sub = pubsub.subscribe('meeting:1');
    await sub.ready;
    await pubsub.publish('meeting:1', tick(1));
    expect(await take(sub, 1)).toEqual([tick(1)]);
    await pubsub.close();
  });

  it('return() ends a waiting read, unsubscribes and drops what is buffered', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const sub = pubsub.subscribe('meeting:1');
    const waiting = sub.next();
    expect(await sub.return()).toEqual({ done: true, value: undefined });
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    expect(pubsub.activeTopics()).toEqual([]);
    await pubsub.publish('meeting:1', tick(1));
    expect(await sub.next()).toEqual({ done: true, value: undefined });

    const buffered = pubsub.subscribe('meeting:1');
    await pubsub.publish('meeting:1', tick(1));
    buffered.unsubscribe();
    expect(await buffered.next()).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });

  it('abort ends the subscription cleanly and leaves no listener behind', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const controller = new AbortController();
    const sub = pubsub.subscribe('meeting:1', { signal: controller.signal });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
    const waiting = sub.next();
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);

    const early = pubsub.subscribe('meeting:1', { signal: AbortSignal.abort() });
    expect(early.closed).toBe(true);
    expect(await early.next()).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);

    const kept = new AbortController();
    const ended = pubsub.subscribe('meeting:1', { signal: kept.signal });
    await ended.return();
    expect(getEventListeners(kept.signal, 'abort')).toHaveLength(0);
  });

  it('throw() ends the subscription and rejects with the error', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const sub = pubsub.subscribe('meeting:1');
    const boom = new Error('boom');
    await expect(sub.throw?.(boom)).rejects.toBe(boom);
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });

  it('serves many subscribers and forgets them all when they leave', async () => {
    const pubsub = new MemoryPubSub<Topics>({ bufferSize: 64 });
    const subs: Subscription<MeetingEvent>[] = Array.from({ length: 1000 }, (_, i) =>
      pubsub.subscribe(i % 2 === 0 ? 'meeting:even' : 'meeting:odd'),
    );
    expect(pubsub.subscriberCount('meeting:even')).toBe(500);
    expect(pubsub.subscriberCount('meeting:odd')).toBe(500);
    for (let n = 0; n < 50; n++) await pubsub.publish('meeting:even', tick(n));
    const results = await Promise.all(subs.map((s, i) => (i % 2 === 0 ? take(s, 50) : Promise.resolve([]))));
    for (const [i, events] of results.entries()) {
      expect(events).toHaveLength(i % 2 === 0 ? 50 : 0);
    }
    await Promise.all(subs.map((s) => s.return()));
    expect(pubsub.subscriberCount('meeting:even')).toBe(0);
    expect(pubsub.activeTopics()).toEqual([]);
  });

  it('close() ends every subscription after its buffer; later calls do nothing', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const a = pubsub.subscribe('meeting:1');
    const b = pubsub.subscribe('enterprise:default');
    await pubsub.publish('meeting:1', tick(1));
    const waiting = b.next();
    await pubsub.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await drain(a)).toEqual([tick(1)]);
    await pubsub.publish('meeting:1', tick(2));
    const late = pubsub.subscribe('meeting:1');
    expect(late.closed).toBe(true);
    expect(await late.next()).toEqual({ done: true, value: undefined });
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });

  it('serialize: every subscriber gets its own copy, as through Redis', async () => {
    const pubsub = new MemoryPubSub<{ meeting: unknown }>({ serialize: true });
    const a = pubsub.subscribe('meeting:1');
    const b = pubsub.subscribe('meeting:1');
    const event = { kind: 'note', nested: { list: [1, 2] }, missing: undefined };
    await pubsub.publish('meeting:1', event);
    const [[fromA], [fromB]] = await Promise.all([take(a, 1), take(b, 1)]);
    expect(fromA).toEqual({ kind: 'note', nested: { list: [1, 2] } });
    expect(fromA).not.toBe(event);
    expect(fromA).not.toBe(fromB);
    await expect(pubsub.publish('meeting:1', { n: 1n })).rejects.toThrow(TypeError);
    await expect(pubsub.publish('meeting:1', { n: 1n })).rejects.toMatchObject({
      code: 'EVENT_NOT_SERIALISABLE',
      topic: 'meeting:1',
    });
    await pubsub.close();
  });

  it('refuses a buffer size that is not a positive integer', () => {
    expect(() => new MemoryPubSub({ bufferSize: 0 })).toThrow(RangeError);
    const pubsub = new MemoryPubSub<Topics>();
    expect(() => pubsub.subscribe('meeting:1', { bufferSize: 1.5 })).toThrow(RangeError);
    expect(() => pubsub.subscribe('meeting:1', { bufferSize: 1.5 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'bufferSize' }),
    );
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });
});

describe('filter, map and pipe', () => {
  it('filter and map events in order', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const ticks = pipe(
      pubsub.subscribe('meeting:1'),
      filter((e: MeetingEvent): e is Extract<MeetingEvent, { kind: 'tick' }> => e.kind === 'tick'),
      map((e) => e.n * 10),
    );
    await pubsub.publish('meeting:1', tick(1));
    await pubsub.publish('meeting:1', { kind: 'note', text: 'skip' });
    await pubsub.publish('meeting:1', tick(2));
    expect(await take(ticks, 2)).toEqual([10, 20]);
    await ticks.return?.();
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });

  it('return() reaches the subscription while a read is waiting', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const piped = pipe(
      pubsub.subscribe('meeting:1'),
      filter(async (e: MeetingEvent) => e.kind === 'note'),
    );
    const waiting = piped.next();
    await pubsub.publish('meeting:1', tick(1));
    await piped.return?.();
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(await piped.next()).toEqual({ done: true, value: undefined });
  });

  it('a failing step ends the subscription and rejects', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const piped = pipe(
      pubsub.subscribe('meeting:1'),
      map((): number => {
        throw new Error('bad map');
      }),
    );
    await pubsub.publish('meeting:1', tick(1));
    await expect(piped.next()).rejects.toThrow('bad map');
    expect(pubsub.subscriberCount('meeting:1')).toBe(0);
  });

  it('ends when the subscription ends', async () => {
    const pubsub = new MemoryPubSub<Topics>();
    const controller = new AbortController();
    const piped = pipe(
      pubsub.subscribe('meeting:1', { signal: controller.signal }),
      map((e: MeetingEvent) => e.kind),
    );
    await pubsub.publish('meeting:1', tick(1));
    const all = drain(piped);
    await Promise.resolve();
    controller.abort();
    expect(await all).toEqual(['tick']);
  });
});
