import {
  type EventOf,
  type OverflowPolicy,
  type PubSub,
  PubSubOverflowError,
  type SubscribeOptions,
  type Subscription,
  type Topic,
  type TopicMap,
} from './pubsub.js';

/** Options of {@link MemoryPubSub}. */
export interface MemoryPubSubOptions {
  /** Default buffer per subscriber (256). */
  bufferSize?: number | undefined;
  /** Default slow-consumer policy (`drop-oldest`). */
  overflow?: OverflowPolicy | undefined;
  /**
   * Serialise each event once on publish and give every subscriber its own parsed copy, as a Redis transport
   * would (default false: every subscriber gets the same object, which is faster). Tests turn it on to prove
   * their events survive the trip and that no consumer depends on object identity.
   */
  serialize?: boolean | undefined;
}

/** Default buffer size per subscriber. */
export const DEFAULT_BUFFER_SIZE = 256;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const READY = Promise.resolve();

/** A FIFO queue with amortised O(1) shift that grows only as far as it is filled. */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 64 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

type Waiter<E> = {
  resolve: (result: IteratorResult<E, undefined>) => void;
  reject: (error: unknown) => void;
};

/** One in-memory subscriber: a bounded buffer, waiting readers, and the policy for when it is full. */
class MemorySubscription<E> implements Subscription<E> {
  readonly ready = READY;
  private readonly buffer = new Queue<E>();
  private readonly waiters: Waiter<E>[] = [];
  private droppedCount = 0;
  private ended = false;
  private failure: PubSubOverflowError | undefined;
  private readonly onAbort = (): void => this.unsubscribe();

  constructor(
    readonly topic: string,
    private readonly capacity: number,
    private readonly overflow: OverflowPolicy,
    private readonly detach: (subscription: MemorySubscription<E>) => void,
    private readonly signal: AbortSignal | undefined,
  ) {
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get dropped(): number {
    return this.droppedCount;
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Hands one event to this subscriber (called by the transport). */
  deliver(event: E): void {
    if (this.ended) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: event });
      return;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(event);
      return;
    }
    this.droppedCount++;
    if (this.overflow === 'drop-oldest') {
      this.buffer.shift();
      this.buffer.push(event);
      return;
    }
    // `close`: what is buffered is still delivered, then next() rejects once, then the stream is done.
    this.failure = new PubSubOverflowError(this.topic, this.capacity);
    this.end();
  }

  next(): Promise<IteratorResult<E, undefined>> {
    if (this.buffer.length > 0) return Promise.resolve({ done: false, value: this.buffer.shift() as E });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    this.unsubscribe();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<E, undefined>> {
    this.unsubscribe();
    return Promise.reject(error);
  }

  unsubscribe(): void {
    this.buffer.clear();
    this.failure = undefined;
    this.end();
  }

  /** Stops buffering: leaves the topic, drops the abort listener, releases waiting readers. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.detach(this);
    this.signal?.removeEventListener('abort', this.onAbort);
    for (const waiter of this.waiters.splice(0)) waiter.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/**
 * The in-process transport: fans each event out to every subscriber of its topic, in publish order, through a
 * bounded buffer per subscriber. Slow consumers: by default the oldest buffered event is dropped and counted in
 * the subscription's `dropped` (a property rather than a synthetic event, so the event type of a topic stays
 * exactly what publishers send; see {@link Subscription.dropped}); `overflow: 'close'` ends the slow
 * subscription with an error instead.
 */
export class MemoryPubSub<M extends TopicMap> implements PubSub<M> {
  private readonly topics = new Map<string, Set<MemorySubscription<unknown>>>();
  private readonly bufferSize: number;
  private readonly overflow: OverflowPolicy;
  private readonly serialize: boolean;
  private isClosed = false;

  /** A transport with the given defaults. */
  constructor(options: MemoryPubSubOptions = {}) {
    this.bufferSize = checkedBufferSize(options.bufferSize ?? DEFAULT_BUFFER_SIZE);
    this.overflow = options.overflow ?? 'drop-oldest';
    this.serialize = options.serialize ?? false;
  }

  async publish<T extends Topic<M>>(topic: T, event: EventOf<M, T>): Promise<void> {
    if (this.isClosed) return;
    const subscribers = this.topics.get(topic);
    if (!subscribers) return;
    if (!this.serialize) {
      for (const subscriber of subscribers) subscriber.deliver(event);
      return;
    }
    const text = JSON.stringify(event);
    for (const subscriber of subscribers) subscriber.deliver(JSON.parse(text));
  }

  subscribe<T extends Topic<M>>(topic: T, options: SubscribeOptions = {}): Subscription<EventOf<M, T>> {
    const subscription = new MemorySubscription<EventOf<M, T>>(
      topic,
      checkedBufferSize(options.bufferSize ?? this.bufferSize),
      options.overflow ?? this.overflow,
      (s) => this.detach(topic, s as MemorySubscription<unknown>),
      options.signal,
    );
    if (this.isClosed || options.signal?.aborted) {
      subscription.end();
      return subscription;
    }
    let subscribers = this.topics.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.topics.set(topic, subscribers);
    }
    subscribers.add(subscription as MemorySubscription<unknown>);
    return subscription;
  }

  subscriberCount(topic: Topic<M>): number {
    return this.topics.get(topic)?.size ?? 0;
  }

  /** Topics that have at least one subscriber. */
  activeTopics(): string[] {
    return [...this.topics.keys()];
  }

  async close(): Promise<void> {
    this.isClosed = true;
    for (const subscribers of [...this.topics.values()]) {
      for (const subscriber of [...subscribers]) subscriber.end();
    }
    this.topics.clear();
  }

  private detach(topic: string, subscription: MemorySubscription<unknown>): void {
    const subscribers = this.topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(subscription);
    if (subscribers.size === 0) this.topics.delete(topic);
  }
}

function checkedBufferSize(size: number): number {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`bufferSize must be an integer >= 1, got ${size}`);
  return size;
}
