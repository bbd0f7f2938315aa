// The behaviour every pub/sub transport owes the contract in pubsub/pubsub.ts, run against each transport by its
// own test file (memory.test.ts, redis.test.ts). Test-only: excluded from the build and the package's exports.
import { afterEach, describe, expect, it } from 'vitest';
import { PubSubOverflowError } from '../errors.js';
import type { OverflowPolicy, PubSub } from '../pubsub/pubsub.js';
import { type MeetingEvent, type Topics, take, tick } from './pubsubReaders.js';

/** Transport defaults a case needs. */
export interface ContractOptions {
  bufferSize?: number | undefined;
  overflow?: OverflowPolicy | undefined;
}

/**
 * Runs the shared cases against `make`. Delivery may be asynchronous (Redis), so a case waits for a fast
 * subscriber to have an event before it looks at a slow one: a transport hands each event to all its local
 * subscribers at once.
 */
export function pubsubContract(name: string, make: (options: ContractOptions) => PubSub<Topics>): void {
  const made: PubSub<Topics>[] = [];
  const transport = (options: ContractOptions = {}) => {
    const pubsub = make(options);
    made.push(pubsub);
    return pubsub;
  };
  afterEach(async () => {
    await Promise.all(made.splice(0).map((pubsub) => pubsub.close()));
  });

  describe(`${name} (pub/sub contract)`, () => {
    it('fans out every event to every subscriber of its topic, in publish order, and to no other topic', async () => {
      const pubsub = transport();
      const a = pubsub.subscribe('meeting:1');
      const b = pubsub.subscribe('meeting:1');
      const other = pubsub.subscribe('meeting:2');
      await Promise.all([a.ready, b.ready, other.ready]);
      expect(pubsub.subscriberCount('meeting:1')).toBe(2);
      for (let n = 0; n < 50; n++) await pubsub.publish('meeting:1', tick(n));
      await pubsub.publish('meeting:2', { kind: 'note', text: 'two' });
      const expected = Array.from({ length: 50 }, (_, n) => tick(n));
      expect(await take(a, 50)).toEqual(expected);
      expect(await take(b, 50)).toEqual(expected);
      expect(await take(other, 1)).toEqual([{ kind: 'note', text: 'two' }]);
      expect(a.dropped + b.dropped + other.dropped).toBe(0);
    });

    it('drop-oldest: a slow subscriber keeps the newest events and counts the dropped ones', async () => {
      const pubsub = transport({ bufferSize: 3 });
      const slow = pubsub.subscribe('meeting:1');
      const fast = pubsub.subscribe('meeting:1', { bufferSize: 10 });
      await Promise.all([slow.ready, fast.ready]);
      for (let n = 1; n <= 5; n++) await pubsub.publish('meeting:1', tick(n));
      expect(await take(fast, 5)).toHaveLength(5);
      expect(slow.dropped).toBe(2);
      expect(fast.dropped).toBe(0);
      expect(await take(slow, 3)).toEqual([tick(3), tick(4), tick(5)]);
      await pubsub.publish('meeting:1', tick(6));
      expect(await take(slow, 1)).toEqual([tick(6)]);
      expect(slow.dropped).toBe(2);
    });

    it('close overflow: a subscriber that falls behind gets its buffer, then an error, then the end', async () => {
      const pubsub = transport({ overflow: 'close' });
      const slow = pubsub.subscribe('meeting:1', { bufferSize: 2 });
      const other = pubsub.subscribe('meeting:1', { overflow: 'drop-oldest' });
      await Promise.all([slow.ready, other.ready]);
      for (let n = 1; n <= 4; n++) await pubsub.publish('meeting:1', tick(n));
      expect(await take(other, 4)).toHaveLength(4);
      expect(slow.closed).toBe(true);
      expect(pubsub.subscriberCount('meeting:1')).toBe(1);
      expect(await take(slow, 2)).toEqual([tick(1), tick(2)]);
      const error = await slow.next().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PubSubOverflowError);
      expect(error).toMatchObject({ code: 'PUBSUB_OVERFLOW' });
      expect((error as PubSubOverflowError).topic).toBe('meeting:1');
      expect(await slow.next()).toEqual({ done: true, value: undefined });
    });

    it('return() ends a waiting read; unsubscribe() drops what is buffered; both leave the topic', async () => {
      const pubsub = transport();
      const waitingSub = pubsub.subscribe('meeting:1');
      const waiting = waitingSub.next();
      expect(await waitingSub.return()).toEqual({ done: true, value: undefined });
      expect(await waiting).toEqual({ done: true, value: undefined });
      expect(pubsub.subscriberCount('meeting:1')).toBe(0);

      const buffered = pubsub.subscribe('meeting:1');
      const probe = pubsub.subscribe('meeting:1');
      await Promise.all([buffered.ready, probe.ready]);
      await pubsub.publish('meeting:1', tick(1));
      // Once the probe has it, so has the other subscriber's buffer.
      expect(await take(probe, 1)).toEqual([tick(1)]);
      buffered.unsubscribe();
      expect(await buffered.next()).toEqual({ done: true, value: undefined });
      probe.unsubscribe();
      expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    });

    it('breaking out of for await unsubscribes', async () => {
      const pubsub = transport();
      const sub = pubsub.subscribe('meeting:1');
      await sub.ready;
      const seen: MeetingEvent[] = [];
      const reading = (async () => {
        for await (const event of sub) {
          seen.push(event);
          if (seen.length === 2) break;
        }
      })();
      for (let n = 1; n <= 3; n++) await pubsub.publish('meeting:1', tick(n));
      await reading;
      expect(seen).toEqual([tick(1), tick(2)]);
      expect(pubsub.subscriberCount('meeting:1')).toBe(0);
    });
  });
}
