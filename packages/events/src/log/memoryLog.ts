import { LeaseLostError } from '../errors.js';
import { MemoryPubSub } from '../pubsub/memory.js';
import { meetingTopic, type PubSub, type SubscribeOptions, type Subscription } from '../pubsub/pubsub.js';
import type { LoggedEvent, MeetingStreamEvent } from '../streams/streamEvent.js';
import type { UpstreamLease } from './lease.js';
import type { Checkpoint, LogRetention, MeetingLog, ReadResult } from './meetingLog.js';
import { newEpoch, type StreamPosition } from './position.js';

/** Topics a meeting log publishes on. */
export interface MeetingLogTopics {
  meeting: LoggedEvent;
}

/** Options of {@link MemoryMeetingLog}. */
export interface MemoryMeetingLogOptions extends LogRetention {
  /** Where events are published (default: a new in-memory pub/sub). */
  pubsub?: PubSub<MeetingLogTopics> | undefined;
  /** Fencing: whether a lease token is the meeting's current one (default: every token is). */
  isCurrent?: ((conferenceID: string, token: string) => boolean) | undefined;
  /** Clock, ms (tests). */
  now?: (() => number) | undefined;
}

/**
 * The subscriptions a log handed out, so that its `close()` ends them even on a pub/sub it shares with others.
 * Ended ones are forgotten now and then, so a long-lived log does not keep every subscription it ever made.
 */
export class LogSubscriptions {
  private readonly open = new Set<Subscription<LoggedEvent>>();
  private pruneAt = 64;
  private isClosed = false;

  /** Tracks a new subscription (ending it at once when the log is closed); returns it. */
  add(subscription: Subscription<LoggedEvent>): Subscription<LoggedEvent> {
    if (this.isClosed) {
      subscription.unsubscribe();
      return subscription;
    }
    this.open.add(subscription);
    if (this.open.size >= this.pruneAt) {
      for (const tracked of this.open) if (tracked.closed) this.open.delete(tracked);
      this.pruneAt = Math.max(64, this.open.size * 2);
    }
    return subscription;
  }

  /** Ends every tracked subscription, and any added later. */
  close(): void {
    this.isClosed = true;
    for (const subscription of this.open) subscription.unsubscribe();
    this.open.clear();
  }
}

interface Stream {
  epoch: string;
  seq: number;
  /** Retained events with their append time, oldest first. */
  events: { at: number; logged: LoggedEvent }[];
  checkpoint: Checkpoint | undefined;
  lastAppendAt: number;
}

/** The meeting log of one process: numbered events and checkpoints in memory, trimmed by count and age. */
export class MemoryMeetingLog implements MeetingLog {
  private readonly streams = new Map<string, Stream>();
  private readonly pubsub: PubSub<MeetingLogTopics>;
  private readonly ownsPubSub: boolean;
  private readonly maxEvents: number;
  private readonly maxAgeMs: number;
  private readonly isCurrent: (conferenceID: string, token: string) => boolean;
  private readonly now: () => number;
  private readonly subscriptions = new LogSubscriptions();
  private sweptAt = 0;

  constructor(options: MemoryMeetingLogOptions = {}) {
    this.ownsPubSub = options.pubsub === undefined;
    this.pubsub = options.pubsub ?? new MemoryPubSub<MeetingLogTopics>();
    this.maxEvents = options.maxEvents ?? 1000;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.isCurrent = options.isCurrent ?? (() => true);
    this.now = options.now ?? Date.now;
  }

  async append(
    conferenceID: string,
    events: readonly MeetingStreamEvent[],
    lease: UpstreamLease,
  ): Promise<readonly LoggedEvent[]> {
    if (!this.isCurrent(conferenceID, lease.token)) throw new LeaseLostError(conferenceID);
    const stream = this.stream(conferenceID);
    const at = this.now();
    stream.lastAppendAt = at;
    const logged = events.map((event): LoggedEvent => {
      stream.seq += 1;
      const entry = { epoch: stream.epoch, seq: stream.seq, event };
      stream.events.push({ at, logged: entry });
      return entry;
    });
    this.trim(stream, at);
    // Published together, in order: a subscriber gets the whole batch at once, not one event per round trip.
    const topic = meetingTopic(conferenceID);
    await Promise.all(logged.map((entry) => this.pubsub.publish(topic, entry)));
    return logged;
  }

  subscribe(conferenceID: string, options?: SubscribeOptions): Subscription<LoggedEvent> {
    return this.subscriptions.add(this.pubsub.subscribe(meetingTopic(conferenceID), options));
  }

  async read(conferenceID: string, after: StreamPosition): Promise<ReadResult> {
    const stream = this.streams.get(conferenceID);
    if (!stream || stream.epoch !== after.epoch || after.seq > stream.seq) return { kind: 'expired' };
    if (!Number.isSafeInteger(after.seq) || after.seq < 0) return { kind: 'expired' };
    this.trim(stream, this.now());
    const first = stream.events[0]?.logged.seq ?? stream.seq + 1;
    if (after.seq < first - 1) return { kind: 'expired' };
    return {
      kind: 'events',
      events: stream.events.slice(after.seq - first + 1).map((entry) => entry.logged),
    };
  }

  async head(conferenceID: string): Promise<StreamPosition | undefined> {
    const stream = this.streams.get(conferenceID);
    return stream && stream.seq > 0 ? { epoch: stream.epoch, seq: stream.seq } : undefined;
  }

  async saveCheckpoint(conferenceID: string, checkpoint: Checkpoint, lease: UpstreamLease): Promise<void> {
    if (!this.isCurrent(conferenceID, lease.token)) throw new LeaseLostError(conferenceID);
    const stream = this.stream(conferenceID);
    if (checkpoint.epoch !== stream.epoch) return;
    if (stream.checkpoint && stream.checkpoint.seq >= checkpoint.seq) return;
    stream.checkpoint = checkpoint;
  }

  async loadCheckpoint(conferenceID: string): Promise<Checkpoint | undefined> {
    return this.streams.get(conferenceID)?.checkpoint;
  }

  /** Ends the subscriptions made through this log (and its own pub/sub); forgets every stream. */
  async close(): Promise<void> {
    this.subscriptions.close();
    if (this.ownsPubSub) await this.pubsub.close();
    this.streams.clear();
  }

  private stream(conferenceID: string): Stream {
    this.sweep();
    let stream = this.streams.get(conferenceID);
    if (!stream) {
      stream = { epoch: newEpoch(), seq: 0, events: [], checkpoint: undefined, lastAppendAt: this.now() };
      this.streams.set(conferenceID, stream);
    }
    return stream;
  }

  /** Forgets meetings nothing was appended to for longer than the age limit (at most once a minute). */
  private sweep(): void {
    const now = this.now();
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [conferenceID, stream] of this.streams) {
      if (now - stream.lastAppendAt > this.maxAgeMs) this.streams.delete(conferenceID);
    }
  }

  private trim(stream: Stream, now: number): void {
    let drop = Math.max(0, stream.events.length - this.maxEvents);
    while (drop < stream.events.length && now - (stream.events[drop]?.at ?? now) > this.maxAgeMs) drop++;
    if (drop > 0) stream.events.splice(0, drop);
  }
}
