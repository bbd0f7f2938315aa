import {
  type MeetingStreams,
  MemoryPubSub,
  meetingTopic,
  positionOf,
  type StreamPosition,
  type Subscription,
} from '@hwmeeting/events';
import { MeetingUpdateFold, type PositionedUpdate } from './updates.js';

/** Published after a meeting's last update: its stream ended (the meeting ended, or the gateway closes). */
const FEED_END = Symbol('feed end');
type FeedItem = PositionedUpdate | typeof FEED_END;

interface Feed {
  meetingId: string;
  consumers: number;
  abort: AbortController;
  /** Settles once the meeting's state is known here (the stream's first event), or the stream ended. */
  ready: Promise<void>;
  ended: boolean;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * One update feed per watched meeting, shared by all its GraphQL subscribers: the stream's events are folded
 * into updates once, and every subscriber receives the same update objects (so the GraphQL results made from
 * them can be shared too). Each subscriber starts with its own SNAPSHOT of the state as it stands, then the
 * shared updates that follow it.
 */
export class MeetingFeeds {
  private readonly feeds = new Map<string, Feed>();
  private readonly fanout = new MemoryPubSub<{ meeting: FeedItem }>();

  constructor(
    private readonly streams: MeetingStreams,
    private readonly onError: (error: unknown, meetingId: string) => void,
  ) {}

  /**
   * A meeting's updates for one subscriber, as `select` keeps (and maybe reshapes) them: SNAPSHOT first, then
   * every update, until the stream ends. `onEnd` runs once when the subscriber is done.
   */
  watch<T>(
    meetingId: string,
    select: (update: PositionedUpdate) => T | undefined,
    onEnd: () => void = () => undefined,
  ): AsyncIterableIterator<T, undefined> {
    const feed = this.acquire(meetingId);
    // Registered before the state is read, so nothing after it is missed; what it already covers is skipped.
    const subscription = this.fanout.subscribe(meetingTopic(meetingId));
    return new FeedReader(feed, subscription, this.streams, select, () => {
      this.leave(feed);
      onEnd();
    });
  }

  /** Ends every feed (their subscribers complete). */
  async close(): Promise<void> {
    for (const feed of this.feeds.values()) feed.abort.abort();
    this.feeds.clear();
    await this.fanout.close();
  }

  private acquire(meetingId: string): Feed {
    let feed = this.feeds.get(meetingId);
    if (!feed || feed.ended) {
      feed = this.open(meetingId);
      this.feeds.set(meetingId, feed);
    }
    feed.consumers += 1;
    return feed;
  }

  private leave(feed: Feed): void {
    feed.consumers -= 1;
    if (feed.consumers > 0) return;
    // The stream keeps the upstream socket for its grace period.
    feed.abort.abort();
    if (this.feeds.get(feed.meetingId) === feed) this.feeds.delete(feed.meetingId);
  }

  private open(meetingId: string): Feed {
    let markReady: () => void = () => undefined;
    const feed: Feed = {
      meetingId,
      consumers: 0,
      abort: new AbortController(),
      ready: new Promise<void>((resolve) => {
        markReady = resolve;
      }),
      ended: false,
    };
    const source = this.streams.watch(meetingId, { signal: feed.abort.signal });
    const topic = meetingTopic(meetingId);
    void (async () => {
      const fold = new MeetingUpdateFold(meetingId);
      let first = true;
      try {
        for await (const event of source) {
          const updates = fold.next(event);
          if (first) {
            // The stream's first event is the state as it stands: subscribers take it from the stream themselves.
            first = false;
            markReady();
            continue;
          }
          for (const update of updates) void this.fanout.publish(topic, update);
        }
      } catch (error) {
        this.onError(error, meetingId);
      } finally {
        feed.ended = true;
        markReady();
        void this.fanout.publish(topic, FEED_END);
        if (this.feeds.get(meetingId) === feed) this.feeds.delete(meetingId);
      }
    })();
    return feed;
  }
}

/** Whether an update is already part of the state a subscriber started from (at `from`). */
function coveredBy(from: StreamPosition | undefined, update: PositionedUpdate): boolean {
  const reason = 'reason' in update ? update.reason : 'CHANGE';
  if (!from || update.cursor === null || reason === 'RESYNC' || reason === 'CURSOR_EXPIRED') return false;
  const at = positionOf(update.cursor);
  return at.epoch === from.epoch && at.seq <= from.seq;
}

/**
 * One subscriber's reading of a feed. A class with promise chains rather than closures and async functions:
 * tens of thousands of these wait at once, so each should hold little more than its buffer.
 */
class FeedReader<T> implements AsyncIterableIterator<T, undefined> {
  private readonly pending: T[] = [];
  private started = false;
  private finished = false;
  private from: StreamPosition | undefined;
  private dropped = 0;

  constructor(
    private readonly feed: Feed,
    private readonly subscription: Subscription<FeedItem>,
    private readonly streams: MeetingStreams,
    private readonly select: (update: PositionedUpdate) => T | undefined,
    private readonly onFinish: () => void,
  ) {}

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.pending.length > 0) return Promise.resolve({ done: false, value: this.pending.shift() as T });
    if (this.finished) return Promise.resolve(DONE);
    if (!this.started) {
      this.started = true;
      return this.feed.ready.then(() => {
        if (!this.finished && !this.stateNow('initial')) this.finish();
        return this.next();
      });
    }
    return this.subscription.next().then((result) => {
      if (result.done || result.value === FEED_END) this.finish();
      else if (this.subscription.dropped !== this.dropped) {
        // This subscriber fell behind and lost updates: it gets the whole state again instead.
        this.stateNow('lagged');
      } else if (!coveredBy(this.from, result.value)) this.add(result.value);
      return this.next();
    });
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    this.finish();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<T, undefined>> {
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private add(update: PositionedUpdate): void {
    const selected = this.select(update);
    if (selected !== undefined) this.pending.push(selected);
  }

  /** The whole state as it stands here, as SNAPSHOT updates (RESYNC after the first); false when unknown. */
  private stateNow(reason: 'initial' | 'lagged'): boolean {
    const meetingId = this.feed.meetingId;
    const snapshot = this.streams.snapshot(meetingId);
    if (!snapshot) return false;
    const cursor = this.streams.cursor(meetingId);
    const fold = new MeetingUpdateFold(meetingId);
    if (reason === 'lagged') fold.seed({ ...snapshot, participants: [], waitingList: [] });
    for (const update of fold.next({ type: 'snapshot', conferenceID: meetingId, snapshot, reason, cursor }))
      this.add(update);
    this.from = cursor === undefined ? undefined : positionOf(cursor);
    this.dropped = this.subscription.dropped;
    return true;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.pending.length = 0;
    this.subscription.unsubscribe();
    this.onFinish();
  }
}
