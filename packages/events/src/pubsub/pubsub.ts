import type { PubSubOverflowError } from '../errors.js';
// The pub/sub contract. Written so that a Redis transport can satisfy it later: publishing is asynchronous,
// events must be JSON-serialisable (a Redis transport sends `JSON.stringify(event)` and every subscriber parses
// its own copy), and nobody may rely on object identity or mutate an event it received.

/**
 * Maps a topic prefix to the type of the events published under it, e.g.
 * `{ meeting: MeetingStreamEvent; enterprise: EnterpriseEvent }` for topics `meeting:<id>` and `enterprise:<id>`.
 */
export type TopicMap = object;

/** The topics of a map: `<prefix>:<id>` for each prefix. */
export type Topic<M extends TopicMap> = { [K in keyof M & string]: `${K}:${string}` }[keyof M & string];

/** The event type of one topic, read from its prefix (the text before the first `:`). */
export type EventOf<M extends TopicMap, T extends string> = T extends `${infer K}:${string}`
  ? K extends keyof M
    ? M[K]
    : never
  : never;

/** The topic of one meeting's stream. */
export function meetingTopic(conferenceID: string): `meeting:${string}` {
  return `meeting:${conferenceID}`;
}

/** The topic of one enterprise's events (webhooks); `default` when the enterprise is not known. */
export function enterpriseTopic(corpId?: string | undefined): `enterprise:${string}` {
  return `enterprise:${corpId || 'default'}`;
}

/**
 * What happens when a subscriber's buffer is full and another event arrives: `drop-oldest` discards the oldest
 * buffered event and counts it in `dropped`; `close` ends the subscription (its buffered events are still
 * delivered, then `next()` rejects with {@link PubSubOverflowError}).
 */
export type OverflowPolicy = 'drop-oldest' | 'close';

/** Options of one subscription. */
export interface SubscribeOptions {
  /** Events held for this subscriber while it is busy (an integer >= 1; the transport's default otherwise). */
  bufferSize?: number | undefined;
  /** Slow-consumer policy (the transport's default otherwise, `drop-oldest` for the in-memory one). */
  overflow?: OverflowPolicy | undefined;
  /** Aborting ends the subscription cleanly, as `return()` does. */
  signal?: AbortSignal | undefined;
}

/**
 * One subscriber's stream of a topic's events, in publish order. It is registered when `subscribe()` returns
 * (events published from then on are buffered even before the first `next()`), and ends cleanly (`done`) on
 * `return()`, `unsubscribe()`, abort or the transport's `close()`.
 */
export interface Subscription<E> extends AsyncIterableIterator<E, undefined> {
  /** The topic subscribed to. */
  readonly topic: string;
  /**
   * Events discarded by the `drop-oldest` policy so far. A consumer that must not miss changes compares it
   * between reads and, when it grew, refetches the state (e.g. the meeting snapshot).
   */
  readonly dropped: number;
  /** No more events will be buffered (the buffer may still hold some). */
  readonly closed: boolean;
  /**
   * Events delivered and not read yet. A consumer that hands events on can wait until it has read every event
   * delivered together (a batch published at once) before it wakes its own readers.
   */
  readonly buffered: number;
  /** Settles once the transport delivers to this subscriber (at once in memory; after SUBSCRIBE in Redis). */
  readonly ready: Promise<void>;
  /** Ends the subscription now (the same as `return()`, without waiting). */
  unsubscribe(): void;
  /** Ends the subscription and discards what is buffered. */
  return(): Promise<IteratorReturnResult<undefined>>;
}

/** A typed publish/subscribe transport. */
export interface PubSub<M extends TopicMap> {
  /** Delivers the event to every current subscriber of the topic; resolves once handed to the transport. */
  publish<T extends Topic<M>>(topic: T, event: EventOf<M, T>): Promise<void>;
  /** Subscribes to one topic. */
  subscribe<T extends Topic<M>>(topic: T, options?: SubscribeOptions): Subscription<EventOf<M, T>>;
  /** Subscribers of the topic in this process. */
  subscriberCount(topic: Topic<M>): number;
  /** Ends every subscription cleanly; later publishes are dropped and later subscriptions start ended. */
  close(): Promise<void>;
}

/** A transformation of one async iterable into another (see {@link pipe}). */
export type Operator<T, U> = (source: AsyncIterable<T>) => AsyncIterableIterator<U, undefined>;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * An iterator over the kept results of `step` applied to each source value. `return()` reaches the source at
 * once, even while a `next()` is waiting on it (an async generator would wait for the next value first), so
 * the source's subscription ends and its resources go when the consumer stops.
 */
function derive<T, U>(
  source: AsyncIterable<T>,
  step: (value: T) => Promise<{ keep: true; value: U } | { keep: false }>,
): AsyncIterableIterator<U, undefined> {
  const inner = source[Symbol.asyncIterator]();
  let finished = false;
  const stop = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    await inner.return?.();
  };
  const iterator: AsyncIterableIterator<U, undefined> = {
    async next(): Promise<IteratorResult<U, undefined>> {
      while (!finished) {
        const result = await inner.next();
        if (result.done) {
          finished = true;
          return DONE;
        }
        let out: { keep: true; value: U } | { keep: false };
        try {
          out = await step(result.value);
        } catch (error) {
          await stop();
          throw error;
        }
        if (out.keep) return { done: false, value: out.value };
      }
      return DONE;
    },
    async return(): Promise<IteratorReturnResult<undefined>> {
      await stop();
      return DONE;
    },
    async throw(error?: unknown): Promise<IteratorResult<U, undefined>> {
      await stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/** Keeps the events the predicate accepts (graphql-yoga style: `pipe(sub, filter(p))`). */
export function filter<T, S extends T>(predicate: (value: T) => value is S): Operator<T, S>;
/** Keeps the events the predicate accepts. */
export function filter<T>(predicate: (value: T) => boolean | Promise<boolean>): Operator<T, T>;
export function filter<T>(predicate: (value: T) => boolean | Promise<boolean>): Operator<T, T> {
  return (source) =>
    derive(source, async (value) => ((await predicate(value)) ? { keep: true, value } : { keep: false }));
}

/** Transforms each event (graphql-yoga style: `pipe(sub, map(f))`). */
export function map<T, U>(transform: (value: T) => U | Promise<U>): Operator<T, U> {
  return (source) => derive(source, async (value) => ({ keep: true, value: await transform(value) }));
}

/** Applies operators left to right: `pipe(subscription, filter(p), map(f))`. */
export function pipe<A>(source: AsyncIterable<A>): AsyncIterable<A>;
/** Applies one operator. */
export function pipe<A, B>(source: AsyncIterable<A>, a: Operator<A, B>): AsyncIterableIterator<B, undefined>;
/** Applies two operators. */
export function pipe<A, B, C>(
  source: AsyncIterable<A>,
  a: Operator<A, B>,
  b: Operator<B, C>,
): AsyncIterableIterator<C, undefined>;
/** Applies three operators. */
export function pipe<A, B, C, D>(
  source: AsyncIterable<A>,
  a: Operator<A, B>,
  b: Operator<B, C>,
  c: Operator<C, D>,
): AsyncIterableIterator<D, undefined>;
export function pipe(
  source: AsyncIterable<unknown>,
  ...operators: Operator<unknown, unknown>[]
): AsyncIterable<unknown> {
  return operators.reduce<AsyncIterable<unknown>>((acc, operator) => operator(acc), source);
}
