import { BufferedSubscription, checkedBufferSize, DEFAULT_BUFFER_SIZE } from './bufferedSubscription.js';
import { eventJson } from './eventJson.js';
import type {
  EventOf,
  OverflowPolicy,
  PubSub,
  SubscribeOptions,
  Subscription,
  Topic,
  TopicMap,
} from './pubsub.js';

/** Default buffer size per subscriber (kept here too: it was first published from this module). */
export { DEFAULT_BUFFER_SIZE } from './bufferedSubscription.js';

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

/**
 * The in-process transport: fans each event out to every subscriber of its topic, in publish order, through a
 * bounded buffer per subscriber. Slow consumers: by default the oldest buffered event is dropped and counted in
 * the subscription's `dropped` (a property rather than a synthetic event, so the event type of a topic stays
 * exactly what publishers send; see {@link Subscription.dropped}); `overflow: 'close'` ends the slow
 * subscription with an error instead.
 */
export class MemoryPubSub<M extends TopicMap> implements PubSub<M> {
  private readonly topics = new Map<string, Set<BufferedSubscription<unknown>>>();
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
    const text = eventJson(topic, event);
    for (const subscriber of subscribers) subscriber.deliver(JSON.parse(text));
  }

  subscribe<T extends Topic<M>>(topic: T, options: SubscribeOptions = {}): Subscription<EventOf<M, T>> {
    const subscription = new BufferedSubscription<EventOf<M, T>>(
      topic,
      checkedBufferSize(options.bufferSize ?? this.bufferSize),
      options.overflow ?? this.overflow,
      (s) => this.detach(topic, s as BufferedSubscription<unknown>),
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
    subscribers.add(subscription as BufferedSubscription<unknown>);
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

  private detach(topic: string, subscription: BufferedSubscription<unknown>): void {
    const subscribers = this.topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(subscription);
    if (subscribers.size === 0) this.topics.delete(topic);
  }
}
