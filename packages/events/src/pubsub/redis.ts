// The Redis transport of the pub/sub contract: one channel per topic, shared by every process on the server.
// Only `src/redis.ts` (the `./redis` entry) reaches this module, so users without Redis never load ioredis.
import type { Redis } from 'ioredis';
import { RedisPubSubMessageError } from '../errors.js';
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

/** Options of {@link RedisPubSub}. */
export interface RedisPubSubOptions {
  /** The connection PUBLISH goes through. It stays the caller's: `close()` leaves it open. */
  redis: Redis;
  /**
   * A connection for SUBSCRIBE alone (a connection in subscriber mode can run no other command), dedicated to
   * this instance: it UNSUBSCRIBEs channels whose last local subscriber left. Default `redis.duplicate()`, which
   * is then this instance's own: its errors go to `onError` and `close()` quits it. A connection passed here
   * stays the caller's (its `error` events too) and is only unsubscribed on `close()`.
   */
  subscriber?: Redis | undefined;
  /** Prepended to each topic to name its channel (default `hwm:`: topic `meeting:9` is channel `hwm:meeting:9`). */
  prefix?: string | undefined;
  /** Default buffer per subscriber (256). */
  bufferSize?: number | undefined;
  /** Default slow-consumer policy (`drop-oldest`). */
  overflow?: OverflowPolicy | undefined;
  /**
   * Called with what goes wrong away from any caller: a message that is not JSON (a
   * {@link RedisPubSubMessageError}; it is skipped), a failed SUBSCRIBE or UNSUBSCRIBE, errors of the owned
   * subscriber connection, what `onResubscribed` throws. Default: a process warning, so nothing is lost silently.
   */
  onError?: ((error: unknown) => void) | undefined;
  /**
   * Called each time the subscriber connection came back after a drop and Redis confirmed the SUBSCRIBE of
   * every channel again (see {@link RedisPubSub.reconnects}). Whatever was published while it was down is lost
   * (Redis pub/sub is fire-and-forget), so consumers re-check their position here, e.g. read the meeting log
   * from their last cursor or refetch a snapshot.
   */
  onResubscribed?: (() => void) | undefined;
}

const DEFAULT_PREFIX = 'hwm:';

/** The local side of one subscribed channel. */
interface Channel {
  readonly subscribers: Set<BufferedSubscription<unknown>>;
  /** Resolves once Redis confirmed a SUBSCRIBE of the channel sent after it was opened. */
  readonly confirmed: Promise<void>;
  readonly confirm: () => void;
  /** Its SUBSCRIBE failed: the next `ready` of the connection sends it again. */
  failed: boolean;
}

/** A promise with its resolve function. */
function settleable(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * The Redis transport: `publish` sends `JSON.stringify(event)` on channel `prefix + topic` (so every process
 * subscribed to it gets the event), and each process holds one Redis subscription per topic however many local
 * subscribers it has: the first one SUBSCRIBEs, the last one to leave UNSUBSCRIBEs. A message is parsed once and
 * every local subscriber gets the same parsed object (events are read-only by contract), through the bounded
 * buffer and overflow policy of {@link MemoryPubSub}. Events from one publishing connection arrive in publish
 * order.
 *
 * `ready` of a subscription settles once Redis confirmed its channel's SUBSCRIBE (or when the subscription ends
 * first); until then events may be missed. It never rejects: a failed SUBSCRIBE goes to `onError` and is sent
 * again when the connection is next ready. When the subscriber connection drops, ioredis reconnects and
 * re-subscribes; messages published meanwhile are lost, which {@link RedisPubSub.reconnects} and
 * `onResubscribed` signal.
 */
export class RedisPubSub<M extends TopicMap> implements PubSub<M> {
  private readonly channels = new Map<string, Channel>();
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly ownsSubscriber: boolean;
  private readonly prefix: string;
  private readonly bufferSize: number;
  private readonly overflow: OverflowPolicy;
  private readonly onError: (error: unknown) => void;
  private readonly onResubscribed: (() => void) | undefined;
  private hasBeenReady: boolean;
  /** The connection closed since it was last ready: the next `ready` is a reconnect. */
  private lostConnection = false;
  private resubscriptions = 0;
  private isClosed = false;

  private readonly onMessage = (channelName: string, text: string): void => {
    const channel = this.channels.get(channelName);
    if (!channel) return;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch (error) {
      this.report(new RedisPubSubMessageError(channelName, error));
      return;
    }
    for (const subscriber of channel.subscribers) subscriber.deliver(event);
  };

  // ioredis emits `ready` after its own ready work (re-select, re-subscribe, offline queue), so what is sent
  // here goes after that.
  private readonly onReady = (): void => {
    const reconnected = this.lostConnection;
    this.lostConnection = false;
    this.hasBeenReady = true;
    void this.resubscribe(reconnected);
  };

  private readonly onClose = (): void => {
    if (this.hasBeenReady) this.lostConnection = true;
  };

  private readonly onConnectionError = (error: unknown): void => this.report(error);

  /** A transport on the given connections; the subscriber connection starts listening at once. */
  constructor(options: RedisPubSubOptions) {
    this.redis = options.redis;
    this.subscriber = options.subscriber ?? options.redis.duplicate();
    this.ownsSubscriber = options.subscriber === undefined;
    this.prefix = options.prefix ?? DEFAULT_PREFIX;
    this.bufferSize = checkedBufferSize(options.bufferSize ?? DEFAULT_BUFFER_SIZE);
    this.overflow = options.overflow ?? 'drop-oldest';
    this.onError =
      options.onError ??
      ((error: unknown) => {
        process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'RedisPubSubError');
      });
    this.onResubscribed = options.onResubscribed;
    // A connection already up when handed over has had its first `ready`: the next one after a close is a reconnect.
    this.hasBeenReady = this.subscriber.status === 'ready';
    this.subscriber.on('message', this.onMessage);
    this.subscriber.on('ready', this.onReady);
    this.subscriber.on('close', this.onClose);
    if (this.ownsSubscriber) this.subscriber.on('error', this.onConnectionError);
  }

  /**
   * How many times the subscriber connection came back after a drop with every channel subscribed again. A
   * consumer that compares it between reads knows when messages may have been lost (as `dropped` tells of a
   * full buffer); `onResubscribed` is the push form.
   */
  get reconnects(): number {
    return this.resubscriptions;
  }

  async publish<T extends Topic<M>>(topic: T, event: EventOf<M, T>): Promise<void> {
    if (this.isClosed) return;
    const text = eventJson(topic, event);
    await this.redis.publish(this.prefix + topic, text);
  }

  subscribe<T extends Topic<M>>(topic: T, options: SubscribeOptions = {}): Subscription<EventOf<M, T>> {
    const channelName = this.prefix + topic;
    const readiness = settleable();
    const subscription = new BufferedSubscription<EventOf<M, T>>(
      topic,
      checkedBufferSize(options.bufferSize ?? this.bufferSize),
      options.overflow ?? this.overflow,
      (s) => {
        readiness.resolve();
        this.detach(channelName, s as BufferedSubscription<unknown>);
      },
      options.signal,
      readiness.promise,
    );
    if (this.isClosed || options.signal?.aborted) {
      subscription.end();
      return subscription;
    }
    const channel = this.channels.get(channelName) ?? this.open(channelName);
    channel.subscribers.add(subscription as BufferedSubscription<unknown>);
    void channel.confirmed.then(readiness.resolve);
    return subscription;
  }

  subscriberCount(topic: Topic<M>): number {
    return this.channels.get(this.prefix + topic)?.subscribers.size ?? 0;
  }

  /** Topics that have at least one local subscriber. */
  activeTopics(): string[] {
    return [...this.channels.keys()].map((channelName) => channelName.slice(this.prefix.length));
  }

  /**
   * Ends every subscription after its buffer, stops listening, and quits the subscriber connection if it is
   * this instance's own (or UNSUBSCRIBEs its channels from the caller's). The publishing connection stays open.
   */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    const channels = [...this.channels];
    // Cleared first, so the subscriptions ending below send no UNSUBSCRIBE one by one.
    this.channels.clear();
    for (const [, channel] of channels) {
      for (const subscriber of [...channel.subscribers]) subscriber.end();
    }
    this.subscriber.off('message', this.onMessage);
    this.subscriber.off('ready', this.onReady);
    this.subscriber.off('close', this.onClose);
    if (this.ownsSubscriber) {
      await this.quitSubscriber();
      this.subscriber.off('error', this.onConnectionError);
    } else if (channels.length > 0) {
      const unsubscribed = this.subscriber.unsubscribe(...channels.map(([name]) => name));
      // While the connection is down the command waits in ioredis's queue; close() does not wait for it.
      if (this.subscriber.status === 'ready')
        await unsubscribed.catch((error: unknown) => this.report(error));
      else unsubscribed.catch((error: unknown) => this.report(error));
    }
  }

  /** Starts listening on a channel: the SUBSCRIBE that its local subscribers share. */
  private open(channelName: string): Channel {
    const { promise, resolve } = settleable();
    const channel: Channel = { subscribers: new Set(), confirmed: promise, confirm: resolve, failed: false };
    this.channels.set(channelName, channel);
    this.subscriber.subscribe(channelName).then(channel.confirm, (error: unknown) => {
      channel.failed = true;
      this.report(error);
    });
    return channel;
  }

  private detach(channelName: string, subscription: BufferedSubscription<unknown>): void {
    const channel = this.channels.get(channelName);
    if (!channel?.subscribers.delete(subscription) || channel.subscribers.size > 0) return;
    this.channels.delete(channelName);
    this.subscriber.unsubscribe(channelName).catch((error: unknown) => this.report(error));
  }

  /**
   * SUBSCRIBEs again, on a reconnect every channel (whatever ioredis's autoResubscribe did, this reply proves
   * Redis has them all), otherwise those whose SUBSCRIBE failed; then confirms them and signals the reconnect.
   */
  private async resubscribe(reconnected: boolean): Promise<void> {
    if (this.isClosed) return;
    const pending = [...this.channels].filter(([, channel]) => reconnected || channel.failed);
    if (pending.length > 0) {
      try {
        await this.subscriber.subscribe(...pending.map(([name]) => name));
      } catch (error) {
        // The connection dropped again: its next `ready` tries again.
        for (const [, channel] of pending) channel.failed = true;
        this.report(error);
        return;
      }
      // The channels sent, not the current ones: a channel reopened meanwhile waits for its own SUBSCRIBE.
      for (const [, channel] of pending) {
        channel.failed = false;
        channel.confirm();
      }
    }
    if (!reconnected || this.isClosed) return;
    this.resubscriptions++;
    try {
      this.onResubscribed?.();
    } catch (error) {
      this.report(error);
    }
  }

  private async quitSubscriber(): Promise<void> {
    if (this.subscriber.status !== 'ready') {
      // Down or still connecting: QUIT would wait in the offline queue for a connection that may not come.
      this.subscriber.disconnect();
      return;
    }
    try {
      await this.subscriber.quit();
    } catch {
      this.subscriber.disconnect();
    }
  }

  private report(error: unknown): void {
    try {
      this.onError(error);
    } catch {
      // onError itself failed: nothing further can report it.
    }
  }
}
