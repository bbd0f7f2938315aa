import { MemoryPubSub } from './pubsub/memory.js';
import { meetingTopic, type PubSub, type Subscription } from './pubsub/pubsub.js';
import { MeetingStateReducer, type StateChange } from './state/reducer.js';
import type { MeetingSnapshot } from './state/snapshot.js';
import type { MeetingEvent } from './state/views.js';
import {
  MeetingSubscriber,
  type MeetingSubscriber as MeetingSubscriberClass,
  type MeetingSubscriberOptions,
  type RealTimeSubtitleOptions,
  type SubscriberClient,
} from './subscriber.js';

/** Where a meeting's stream is. */
export type MeetingStreamStatus = 'connecting' | 'live' | 'resyncing' | 'reconnecting' | 'ended';

/** One event of a meeting's stream, as published to every consumer (JSON-serialisable). */
export type MeetingStreamEvent =
  /** The whole current state: first event of every watch, and after a resynchronisation. */
  | Readonly<{ type: 'snapshot'; conferenceID: string; snapshot: MeetingSnapshot }>
  /** Precise changes to the state, in order. */
  | Readonly<{ type: 'changes'; conferenceID: string; changes: readonly StateChange[] }>
  /** An event-like message: invite results, captions. */
  | Readonly<{ type: 'event'; conferenceID: string; event: MeetingEvent }>
  /** The stream's own state: a gap being resynchronised, a reconnect, the meeting's end. */
  | Readonly<{ type: 'status'; conferenceID: string; status: MeetingStreamStatus; detail?: string }>;

/** Topics of the meeting streams on a pub/sub. */
export interface MeetingStreamTopics {
  meeting: MeetingStreamEvent;
}

/** Options of {@link MeetingStreams}. */
export interface MeetingStreamsOptions {
  /** Gets the control and WebSocket tokens (a `MeetingClient`). */
  client: SubscriberClient;
  /** Transport of the events (default: in memory, this process only). */
  pubsub?: PubSub<MeetingStreamTopics> | undefined;
  /** How long an upstream socket stays open after its last consumer leaves (default 30 s). */
  graceMs?: number | undefined;
  /** Options of every upstream subscriber (identity, timings, WebSocket class). */
  subscriber?: MeetingSubscriberOptions | undefined;
}

/** Options of one {@link MeetingStreams.watch}. */
export interface WatchOptions {
  signal?: AbortSignal | undefined;
  /** Events held for this consumer while it is busy (default: the pub/sub's). */
  bufferSize?: number | undefined;
}

/** Options of {@link MeetingStreams.setRealTimeSubtitle}. */
export interface SetRealTimeSubtitleOptions extends RealTimeSubtitleOptions {
  /** How long to wait for a live upstream socket when none is open yet, ms (default 5000). */
  timeoutMs?: number | undefined;
}

interface Upstream {
  conferenceID: string;
  subscriber: MeetingSubscriberClass;
  reducer: MeetingStateReducer;
  consumers: number;
  graceTimer: NodeJS.Timeout | undefined;
  status: MeetingStreamStatus;
  /** A resynchronisation is under way: the next full frames complete it. */
  resyncing: boolean;
}

/**
 * Live meeting streams: one upstream socket per meeting however many consumers watch it, every push frame
 * reduced into one consistent state, changes fanned out through a pub/sub, the socket closed a grace period
 * after the last consumer leaves.
 */
export class MeetingStreams {
  private readonly client: SubscriberClient;
  private readonly pubsub: PubSub<MeetingStreamTopics>;
  private readonly ownsPubSub: boolean;
  private readonly graceMs: number;
  private readonly subscriberOptions: MeetingSubscriberOptions;
  private readonly upstreams = new Map<string, Upstream>();
  private closed = false;

  constructor(options: MeetingStreamsOptions) {
    this.client = options.client;
    this.ownsPubSub = options.pubsub === undefined;
    this.pubsub = options.pubsub ?? new MemoryPubSub<MeetingStreamTopics>();
    this.graceMs = options.graceMs ?? 30_000;
    this.subscriberOptions = options.subscriber ?? {};
  }

  /**
   * Watches a meeting: the current snapshot first, then every change, event and status, until the meeting
   * ends, the signal aborts or the consumer returns.
   */
  watch(
    conferenceID: string,
    options: WatchOptions = {},
  ): AsyncIterableIterator<MeetingStreamEvent, undefined> {
    if (this.closed) throw new Error('meeting streams are closed');
    const upstream = this.acquire(conferenceID);
    // Subscribe before taking the snapshot, so nothing published in between is lost.
    const subscription = this.pubsub.subscribe(meetingTopic(conferenceID), {
      signal: options.signal,
      bufferSize: options.bufferSize,
    });
    const generator = this.consume(upstream, subscription);
    // A generator that is returned (or whose signal aborts) before its first next() never runs its finally:
    // the watch is then released here, once.
    let started = false;
    const releaseUnstarted = () => {
      if (started) return;
      started = true;
      subscription.unsubscribe();
      this.leave(upstream);
    };
    options.signal?.addEventListener('abort', releaseUnstarted, { once: true });
    return {
      next: () => {
        started = true;
        return generator.next();
      },
      return: () => {
        releaseUnstarted();
        return generator.return(undefined);
      },
      throw: (error?: unknown) => {
        releaseUnstarted();
        return generator.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  /** The current state of a watched meeting, or undefined when nobody watches it. */
  snapshot(conferenceID: string): MeetingSnapshot | undefined {
    return this.upstreams.get(conferenceID)?.reducer.snapshot();
  }

  /** Where a watched meeting's stream is, or undefined when nobody watches it. */
  status(conferenceID: string): MeetingStreamStatus | undefined {
    return this.upstreams.get(conferenceID)?.status;
  }

  /**
   * Switches live captions on or off for a meeting: an upstream `ConfControl` REALTIMESUBTITLE frame on the
   * meeting's socket (B.5.8). Without a live socket one is opened and awaited (at most `timeoutMs`); it then stays
   * open for the grace period, so the captions that follow reach whoever watches next. Answers whether the frame
   * was sent (false: no live socket in time, or the meeting ended).
   */
  async setRealTimeSubtitle(
    conferenceID: string,
    on: boolean,
    options: SetRealTimeSubtitleOptions = {},
  ): Promise<boolean> {
    const { timeoutMs = 5000, ...subtitle } = options;
    const sendNow = () =>
      this.upstreams.get(conferenceID)?.subscriber.setRealTimeSubtitle(on, subtitle) ?? false;
    if (this.status(conferenceID) === 'live') return sendNow();
    // Being a consumer keeps the socket from closing while it connects.
    const abort = new AbortController();
    const watch = this.watch(conferenceID, { signal: abort.signal });
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      for (;;) {
        if (this.status(conferenceID) === 'live') return sendNow();
        const next = await watch.next();
        if (next.done || (next.value.type === 'status' && next.value.status === 'ended')) return false;
      }
    } finally {
      clearTimeout(timer);
      await watch.return?.();
    }
  }

  /** Open upstream sockets and consumers, for metrics. */
  stats(): { upstreamSockets: number; consumers: number } {
    let consumers = 0;
    for (const upstream of this.upstreams.values()) consumers += upstream.consumers;
    return { upstreamSockets: this.upstreams.size, consumers };
  }

  /** Stops every upstream socket and ends every watch. */
  async close(): Promise<void> {
    this.closed = true;
    const stopping = [...this.upstreams.values()].map((upstream) => this.release(upstream, true));
    await Promise.all(stopping);
    if (this.ownsPubSub) await this.pubsub.close();
  }

  private async *consume(
    upstream: Upstream,
    subscription: Subscription<MeetingStreamEvent>,
  ): AsyncGenerator<MeetingStreamEvent, undefined> {
    try {
      await subscription.ready;
      yield { type: 'snapshot', conferenceID: upstream.conferenceID, snapshot: upstream.reducer.snapshot() };
      if (upstream.status === 'ended') return undefined;
      let dropped = subscription.dropped;
      for await (const event of subscription) {
        if (subscription.dropped !== dropped) {
          // This consumer fell behind and lost changes: it gets the whole state again instead.
          dropped = subscription.dropped;
          yield {
            type: 'snapshot',
            conferenceID: upstream.conferenceID,
            snapshot: upstream.reducer.snapshot(),
          };
          continue;
        }
        yield event;
        if (event.type === 'status' && event.status === 'ended') return undefined;
      }
      return undefined;
    } finally {
      subscription.unsubscribe();
      this.leave(upstream);
    }
  }

  /** One consumer of the upstream is gone; the last one starts the grace period. */
  private leave(upstream: Upstream): void {
    upstream.consumers -= 1;
    if (upstream.consumers === 0) this.scheduleRelease(upstream);
  }

  private acquire(conferenceID: string): Upstream {
    let upstream = this.upstreams.get(conferenceID);
    if (!upstream) {
      upstream = this.open(conferenceID);
      this.upstreams.set(conferenceID, upstream);
    }
    clearTimeout(upstream.graceTimer);
    upstream.graceTimer = undefined;
    upstream.consumers += 1;
    return upstream;
  }

  private open(conferenceID: string): Upstream {
    const subscriber = new MeetingSubscriber(this.client, conferenceID, this.subscriberOptions);
    const reducer = new MeetingStateReducer(conferenceID);
    const upstream: Upstream = {
      conferenceID,
      subscriber,
      reducer,
      consumers: 0,
      graceTimer: undefined,
      status: 'connecting',
      resyncing: false,
    };
    const publish = (event: MeetingStreamEvent) => {
      this.pubsub.publish(meetingTopic(conferenceID), event).catch((error: unknown) => {
        subscriber.emit('error', error as never);
      });
    };
    const setStatus = (status: MeetingStreamStatus, detail?: string) => {
      if (upstream.status === status) return;
      upstream.status = status;
      publish({ type: 'status', conferenceID, status, ...(detail ? { detail } : {}) });
    };
    subscriber.on('subscribed', () => {
      // A new socket sends full frames of every type: numbering restarts, the data stays until replaced.
      reducer.reset();
      if (upstream.resyncing) {
        upstream.resyncing = false;
        publish({ type: 'snapshot', conferenceID, snapshot: reducer.snapshot() });
      }
      setStatus('live');
    });
    subscriber.on('message', (message) => {
      const result = reducer.apply(message);
      switch (result.kind) {
        case 'applied':
          if (result.changes.length > 0) publish({ type: 'changes', conferenceID, changes: result.changes });
          break;
        case 'event':
          publish({ type: 'event', conferenceID, event: result.event });
          break;
        case 'resync':
          // A missed increment: the state of that type cannot be trusted; a fresh socket sends full frames.
          upstream.resyncing = true;
          setStatus('resyncing', `${result.type}: ${result.reason}`);
          subscriber.resubscribe();
          break;
        default:
          break;
      }
    });
    subscriber.on('reconnecting', () => setStatus('reconnecting'));
    subscriber.on('ended', (reason) => setStatus('ended', reason));
    subscriber.on('stopped', (reason) => {
      if (reason !== 'stop') setStatus('ended', reason);
    });
    // Errors are recovered by the subscriber itself (reconnects); they are surfaced through its log.
    subscriber.on('error', () => undefined);
    subscriber.start();
    return upstream;
  }

  private scheduleRelease(upstream: Upstream): void {
    if (upstream.status === 'ended' || this.graceMs === 0) {
      void this.release(upstream, false);
      return;
    }
    upstream.graceTimer = setTimeout(() => void this.release(upstream, false), this.graceMs);
    upstream.graceTimer.unref();
  }

  private async release(upstream: Upstream, force: boolean): Promise<void> {
    if (!force && upstream.consumers > 0) return;
    clearTimeout(upstream.graceTimer);
    if (this.upstreams.get(upstream.conferenceID) === upstream) this.upstreams.delete(upstream.conferenceID);
    if (force) {
      upstream.status = 'ended';
      await this.pubsub.publish(meetingTopic(upstream.conferenceID), {
        type: 'status',
        conferenceID: upstream.conferenceID,
        status: 'ended',
        detail: 'closed',
      });
    }
    await upstream.subscriber.stop();
  }
}
