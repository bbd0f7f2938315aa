import { InvalidOptionError } from '../errors.js';
import type { ReadResult } from '../log/meetingLog.js';
import { formatCursor, type StreamPosition } from '../log/position.js';
import type { LoggedEvent, SnapshotReason, WatchedEvent } from './streamEvent.js';
import type { PositionedUpdate } from './updateFold.js';

/** One event of a meeting as its feed hands it on: the event, the updates it made, and its place. */
export type FeedItem = Readonly<{
  event: WatchedEvent;
  updates: readonly PositionedUpdate[];
  /** Its place in the stream (undefined only for an end the feed itself adds when it closes). */
  position: StreamPosition | undefined;
}>;

/** What a feed reads the meeting's state from (its room), and the meeting's log for resumed readers. */
export interface FeedSource {
  readonly conferenceID: string;
  /** Settles once the state caught up with the log (a room's load). */
  readonly ready: Promise<void>;
  /** The position of the newest event in the state. */
  position(): StreamPosition | undefined;
  /** Whether the stream ended (read anew each time: it changes while a reader waits). */
  ended(): boolean;
  /** Whether the meeting server's state arrived (read anew each time, as `ended`). */
  hasState(): boolean;
  /** The whole state as one snapshot event. */
  stateEvent(reason: SnapshotReason): WatchedEvent;
  /** The whole state as updates, then where the stream is (shared by the readers that start at the same place). */
  stateUpdates(reason: SnapshotReason): readonly PositionedUpdate[];
  /** The updates of events older than the feed keeps, made from the state as it stands (MeetingRoom's). */
  replayUpdates(events: readonly LoggedEvent[]): PositionedUpdate[];
  /** The log's events after a position (a resumed reader's older events). */
  read(after: StreamPosition): Promise<ReadResult>;
  /** Rejects with `CursorAheadError` for a position beyond the stream's newest event. */
  checkCursor(after: StreamPosition): Promise<void>;
}

/** Keeps (and maybe reshapes) one update for a reader; undefined drops it. */
export type Select<T> = (update: PositionedUpdate) => T | undefined;

/**
 * How a reader turns what the feed holds into what it hands out: the raw events ({@link eventsOf}) or the
 * updates its `select` keeps ({@link updatesOf}). One object for every reader of a kind: a reader holds only its
 * own `select`.
 */
export interface Projection<T> {
  /** Adds what one item gives to `out`. */
  item(item: FeedItem, out: T[], select: Select<T> | undefined): void;
  /** The whole state, for a reader starting or fallen behind. */
  state(source: FeedSource, reason: SnapshotReason, select: Select<T> | undefined): T[];
  /** Events read from the log for a resumed reader. */
  replay(source: FeedSource, events: readonly LoggedEvent[], select: Select<T> | undefined): T[];
}

/** The raw events: snapshots, changes, events and statuses, each with its cursor. */
export const eventsOf: Projection<WatchedEvent> = {
  item: (item, out) => {
    out.push(item.event);
  },
  state: (source, reason) => [source.stateEvent(reason)],
  replay: (_source, events) => events.map((logged) => ({ ...logged.event, cursor: formatCursor(logged) })),
};

function keep<T>(updates: readonly PositionedUpdate[], out: T[], select: Select<T> | undefined): T[] {
  for (const update of updates) {
    const kept = select?.(update);
    if (kept !== undefined) out.push(kept);
  }
  return out;
}

/** The updates each reader's `select` keeps (and maybe reshapes), in order. */
export const updatesOf: Projection<unknown> = {
  item: (item, out, select) => {
    keep(item.updates, out, select);
  },
  state: (source, reason, select) => keep(source.stateUpdates(reason), [], select),
  replay: (source, events, select) => keep(source.replayUpdates(events), [], select),
};

/** Options of one reader. */
export interface ReadOptions {
  /** Resume after this position: what followed it, instead of the state (see MeetingStreams.watch). */
  after?: StreamPosition | undefined;
  /** How far behind the newest event the reader may fall before it gets the whole state instead (items). */
  bufferSize?: number | undefined;
  signal?: AbortSignal | undefined;
  /**
   * A reader starting from the state waits this long (ms) for the meeting server's state; past it, its first
   * state says `connecting`. With a wait, the first value also waits for the stream's first event, so it has a
   * cursor. Default 0: the state as it stands at once, as `initial`.
   */
  firstUpdateWaitMs?: number | undefined;
}

/** Items a feed keeps for readers that are behind, unless a reader asks for more (its `bufferSize`). */
export const DEFAULT_FEED_ITEMS = 256;
/**
 * List entries the kept items may refer to, at most (each update carries its whole list): in a meeting of
 * thousands, readers behind by more than a few hundred events get the state rather than hold every list since.
 */
export const MAX_FEED_ENTRIES = 1_000_000;

/** How many list entries an item's updates refer to (what keeping it costs). */
function weightOf(item: FeedItem): number {
  let weight = 1;
  for (const update of item.updates) {
    if (update.type === 'participants') weight += update.participants.length + update.changed.length;
    else if (update.type === 'waitingList') weight += update.waitingList.length + update.changed.length;
  }
  return weight;
}

/**
 * The one fan-out of a meeting in this process: its room publishes each event it applied, with the updates the
 * event made, once; every reader (a raw watcher, a GraphQL subscriber) reads the same items from a shared ring,
 * holding only its place in it. A reader that falls further behind than its buffer gets the whole state again
 * (`lagged`) instead of what it missed.
 */
export class MeetingFeed {
  /** The newest items, oldest first; `items[0]` is item number `first`. */
  private items: FeedItem[] = [];
  /** What keeping each item costs (see weightOf), in the same order. */
  private weights: number[] = [];
  private weight = 0;
  private first = 0;
  private capacity = DEFAULT_FEED_ITEMS;
  /** Readers waiting for the next item. */
  private waiting: FeedReader<unknown>[] = [];
  /** Readers not started yet, waiting for the stream to move (see {@link moved}). */
  private starters: (() => void)[] = [];
  private isEnded = false;

  constructor(readonly source: FeedSource) {}

  /** The number of the next item to come. */
  get head(): number {
    return this.first + this.items.length;
  }

  /** Whether no more items will come. */
  get ended(): boolean {
    return this.isEnded;
  }

  /** The item of that number, undefined when it is no longer kept (or not yet there). */
  at(index: number): FeedItem | undefined {
    return this.items[index - this.first];
  }

  /** The oldest item number still kept. */
  get oldest(): number {
    return this.first;
  }

  /** The number of the first kept item after `after`, when the feed still holds every item after it. */
  indexAfter(after: StreamPosition): number | undefined {
    const oldest = this.items[0]?.position;
    if (!oldest || oldest.epoch !== after.epoch || oldest.seq > after.seq + 1) return undefined;
    for (let i = 0; i < this.items.length; i++) {
      const at = this.items[i]?.position;
      if (at && at.epoch === after.epoch && at.seq > after.seq) return this.first + i;
    }
    return this.head;
  }

  /**
   * Adds one item for every reader. With `wake` false the waiting readers are told only at the next
   * {@link flush} (the room applies a batch of events first, and its readers then read them in one go).
   */
  publish(item: FeedItem, wake = true): void {
    if (this.isEnded) return;
    const weight = weightOf(item);
    this.items.push(item);
    this.weights.push(weight);
    this.weight += weight;
    if (this.items.length > this.capacity * 2 || this.weight > MAX_FEED_ENTRIES) this.trim();
    if (wake) this.wake();
  }

  /**
   * Drops the oldest items, down to the capacity and to half the entries allowed: in batches, since shifting one
   * item per event would copy the whole ring each time. The newest item always stays.
   */
  private trim(): void {
    let drop = Math.max(0, this.items.length - this.capacity);
    let weight = this.weight;
    for (let i = 0; i < drop; i++) weight -= this.weights[i] ?? 0;
    while (drop < this.items.length - 1 && weight > MAX_FEED_ENTRIES / 2) weight -= this.weights[drop++] ?? 0;
    if (drop === 0) return;
    this.items = this.items.slice(drop);
    this.weights = this.weights.slice(drop);
    this.weight = weight;
    this.first += drop;
  }

  /** Tells the waiting readers of the items added without waking them. */
  flush(): void {
    this.wake();
  }

  /** No more items: every reader finishes once it has read what is there. */
  end(): void {
    if (this.isEnded) return;
    this.isEnded = true;
    this.wake();
  }

  /** A reader of the raw events; `onFinish` runs once when it is done. */
  read(options: ReadOptions, onFinish: () => void): FeedReader<WatchedEvent>;
  /** A reader of the updates `select` keeps; `onFinish` runs once when it is done. */
  read<T>(options: ReadOptions, onFinish: () => void, select: Select<T>): FeedReader<T>;
  read<T>(options: ReadOptions, onFinish: () => void, select?: Select<T>): FeedReader<T> {
    const size = options.bufferSize ?? DEFAULT_FEED_ITEMS;
    if (!Number.isInteger(size) || size < 1)
      throw new InvalidOptionError('bufferSize', `bufferSize must be an integer >= 1, got ${size}`);
    this.capacity = Math.max(this.capacity, size);
    const projection = (select ? updatesOf : eventsOf) as Projection<T>;
    return new FeedReader(this, projection, select, options, size, onFinish);
  }

  /** Puts a reader among those told of the next item. */
  wait(reader: FeedReader<unknown>): void {
    this.waiting.push(reader);
  }

  /**
   * Settles at the next item (or the end), or after `timeoutMs`; `cancel` lets a reader that finished stop
   * waiting at once.
   */
  moved(timeoutMs?: number): { settled: Promise<void>; cancel: () => void } {
    let done: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => {
      done = resolve;
    });
    if (this.isEnded) return { settled: Promise.resolve(), cancel: () => undefined };
    const timer = timeoutMs === undefined ? undefined : setTimeout(done, Math.max(0, timeoutMs));
    const settle = () => {
      clearTimeout(timer);
      done();
    };
    this.starters.push(settle);
    return { settled, cancel: settle };
  }

  private wake(): void {
    const starters = this.starters;
    this.starters = [];
    for (const settle of starters) settle();
    const waiting = this.waiting;
    this.waiting = [];
    for (const reader of waiting) reader.wake();
  }
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * One reader of a feed. A class with promise callbacks rather than an async generator: tens of thousands of them
 * wait at once, so each holds little more than its place in the feed and its one waiting promise.
 */
export class FeedReader<T> implements AsyncIterableIterator<T, undefined> {
  /** The number of the next item to read; -1 before the reader started. */
  private index = -1;
  /**
   * Items before this number were there when the reader started (replayed for a resume): an end among them is
   * not the last word, and once past them the reader ends if the stream has. -1 once past them.
   */
  private liveFrom = -1;
  /** Items at or before this position are covered by what the reader already has (a resume). */
  private covered: StreamPosition | undefined;
  /** What to hand out before reading on (the state, replayed events, several values of one item). */
  private pending: T[] | undefined;
  /** The stream ended: done once `pending` is out. */
  private ending = false;
  private finished = false;
  private starting: Promise<void> | undefined;
  private waiter: ((result: IteratorResult<T, undefined>) => void) | undefined;
  private after: StreamPosition | undefined;
  private readonly firstUpdateWaitMs: number;
  /** Stops the wait of a reader not started yet (see start()). */
  private stopWaiting: (() => void) | undefined;
  private readonly signal: AbortSignal | undefined;
  private readonly onAbort: (() => void) | undefined;

  constructor(
    private readonly feed: MeetingFeed,
    private readonly projection: Projection<T>,
    private readonly select: Select<T> | undefined,
    options: ReadOptions,
    private readonly bufferSize: number,
    private readonly onFinish: () => void,
  ) {
    this.after = options.after;
    this.firstUpdateWaitMs = options.firstUpdateWaitMs ?? 0;
    const signal = options.signal;
    if (signal?.aborted) {
      this.finish();
    } else if (signal) {
      this.signal = signal;
      this.onAbort = () => this.finish();
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  next(): Promise<IteratorResult<T, undefined>> {
    if (this.index < 0 && !this.finished) {
      this.starting ??= this.start();
      return this.starting.then(
        () => this.next(),
        (error: unknown) => {
          this.finish();
          throw error;
        },
      );
    }
    const now = this.take();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
      this.waiter = resolve;
      this.feed.wait(this as FeedReader<unknown>);
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

  /** Called by the feed when an item came (or it ended) while this reader waited. */
  wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const now = this.take();
    if (now) {
      this.waiter = undefined;
      waiter(now);
    } else {
      this.feed.wait(this as FeedReader<unknown>);
    }
  }

  /** Ends the reader: no more values, its place in the feed given up. Idempotent. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.pending = undefined;
    this.stopWaiting?.();
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort);
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.(DONE);
    this.onFinish();
  }

  /**
   * Decides where the reader starts, once the state caught up with the log: the whole state; or, resuming after a
   * cursor, what followed it from the feed's items (or the log's, when the feed no longer holds them).
   */
  private async start(): Promise<void> {
    const source = this.feed.source;
    await source.ready;
    // A waiting reader's first value has a place in the stream to resume from: with a wait, every holder logs
    // `connecting` as soon as it opens its socket, so this takes milliseconds (it ends with the feed, or when the
    // reader finishes).
    if (this.firstUpdateWaitMs > 0) {
      while (!this.finished && source.position() === undefined && !this.feed.ended) await this.waitForMove();
    }
    if (this.finished) return;
    const after = this.after;
    this.after = undefined;
    const here = source.position();
    if (after && here && after.epoch === here.epoch && after.seq < here.seq) {
      const from = this.feed.indexAfter(after);
      if (from !== undefined) {
        this.liveFrom = this.feed.head;
        this.index = from;
        return;
      }
      // Older than the feed holds: the log has it.
      const liveFrom = this.feed.head;
      const read = await source.read(after);
      if (this.finished) return;
      if (read.kind === 'events') {
        this.pending = nonEmpty(this.projection.replay(source, read.events, this.select));
        this.covered = read.events.at(-1) ?? after;
        this.liveFrom = liveFrom;
        this.index = liveFrom;
        return;
      }
      await this.startFromArrivedState('expired');
      return;
    }
    if (after && here && after.epoch === here.epoch) {
      // Nothing new since the cursor, or this replica has not applied that far yet (the cursor came from another
      // one): skip up to it. Unless the stream itself has not got that far: nobody was handed it.
      if (after.seq > here.seq) await source.checkCursor(after);
      if (this.finished) return;
      this.covered = after;
      this.liveFrom = this.feed.head;
      this.index = this.liveFrom;
      return;
    }
    await this.startFromArrivedState(after ? 'expired' : 'initial');
  }

  /**
   * Starts from the state once the meeting server's state is in (at most `firstUpdateWaitMs`); if it is not, the
   * state says `connecting` (the snapshot that brings it follows as `resync`). An ended stream waits no longer.
   */
  private async startFromArrivedState(reason: SnapshotReason): Promise<void> {
    const source = this.feed.source;
    if (this.firstUpdateWaitMs <= 0) {
      this.startFromState(reason);
      return;
    }
    const deadline = Date.now() + this.firstUpdateWaitMs;
    const waiting = () => !this.finished && !source.hasState() && !source.ended() && !this.feed.ended;
    while (waiting() && Date.now() < deadline) await this.waitForMove(deadline - Date.now());
    if (this.finished) return;
    this.startFromState(source.hasState() || source.ended() ? reason : 'connecting');
  }

  /** Waits for the feed's next item (or end), at most `timeoutMs`; ends at once when the reader finishes. */
  private async waitForMove(timeoutMs?: number): Promise<void> {
    const { settled, cancel } = this.feed.moved(timeoutMs);
    this.stopWaiting = cancel;
    await settled;
    this.stopWaiting = undefined;
  }

  private startFromState(reason: SnapshotReason): void {
    this.pending = nonEmpty(this.projection.state(this.feed.source, reason, this.select));
    this.covered = undefined;
    this.liveFrom = this.feed.head;
    this.index = this.liveFrom;
  }

  /** The next result that is there now, or undefined when the reader must wait. */
  private take(): IteratorResult<T, undefined> | undefined {
    const feed = this.feed;
    for (;;) {
      const pending = this.pending;
      if (pending !== undefined) {
        const value = pending.shift() as T;
        if (pending.length === 0) this.pending = undefined;
        return { done: false, value };
      }
      if (this.finished) return DONE;
      if (this.ending) {
        this.finish();
        return DONE;
      }
      const replaying = this.index < this.liveFrom;
      if (this.index < feed.oldest || (!replaying && feed.head - this.index > this.bufferSize)) {
        // This reader fell behind and lost items: it gets the whole state again instead.
        this.startFromState('lagged');
        continue;
      }
      if (this.liveFrom >= 0 && !replaying) {
        // What the reader started from is out: an end before this is over only if the stream still is.
        this.liveFrom = -1;
        if (feed.source.ended()) {
          this.finish();
          return DONE;
        }
      }
      const item = feed.at(this.index);
      if (!item) {
        if (!feed.ended) return undefined;
        this.finish();
        return DONE;
      }
      this.index++;
      const isEnd = item.event.type === 'status' && item.event.status === 'ended';
      if (this.isCovered(item)) {
        // An end among what the reader already has still ends it when it is where the stream stands (not an end
        // of an earlier run that this stream started after).
        if (isEnd && feed.source.ended() && samePosition(feed.source.position(), item.position)) {
          this.finish();
          return DONE;
        }
        continue;
      }
      const values: T[] = [];
      this.projection.item(item, values, this.select);
      // Live, an end is the last word; replaying what came before the reader started, it is not.
      if (isEnd && !replaying) this.ending = true;
      if (values.length === 0) continue;
      if (values.length > 1) this.pending = values.slice(1);
      return { done: false, value: values[0] as T };
    }
  }

  private isCovered(item: FeedItem): boolean {
    const covered = this.covered;
    const at = item.position;
    return (
      covered !== undefined &&
      at !== undefined &&
      item.event.type !== 'snapshot' &&
      at.epoch === covered.epoch &&
      at.seq <= covered.seq
    );
  }
}

function nonEmpty<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

/** Whether two positions are the same place of the same stream. */
function samePosition(a: StreamPosition | undefined, b: StreamPosition | undefined): boolean {
  return a !== undefined && b !== undefined && a.epoch === b.epoch && a.seq === b.seq;
}
