import { CursorAheadError, EventsError, EventsErrorCode } from '../errors.js';
import { refuseCursorAhead } from '../log/cursorAhead.js';
import { LocalOwnership, type UpstreamLease, type UpstreamOwnership } from '../log/lease.js';
import type { LogRetention, MeetingLog } from '../log/meetingLog.js';
import { type MeetingLogTopics, MemoryMeetingLog } from '../log/memoryLog.js';
import { formatCursor, type StreamPosition } from '../log/position.js';
import type { PubSub } from '../pubsub/pubsub.js';
import type { MeetingSnapshot } from '../state/snapshot.js';
import type { MeetingSubscriberOptions, RealTimeSubtitleOptions, SubscriberClient } from '../subscriber.js';
import type { Select } from './meetingFeed.js';
import { MeetingRoom } from './meetingRoom.js';
import type { MeetingCommandTopics, MeetingStreamStatus, WatchedEvent } from './streamEvent.js';
import type { PositionedUpdate } from './updateFold.js';
import { UpstreamHolder } from './upstreamHolder.js';

export {
  type LoggedEvent,
  type MeetingCommand,
  type MeetingCommandTopics,
  type MeetingStreamEvent,
  type MeetingStreamStatus,
  meetingStreamStatusSchema,
  type SnapshotReason,
  type WatchedEvent,
} from './streamEvent.js';

/** Topics of the meeting streams on a pub/sub: each meeting's logged events. */
export type MeetingStreamTopics = MeetingLogTopics;

/** Options of {@link MeetingStreams}. */
export interface MeetingStreamsOptions {
  /** Gets the control and WebSocket tokens (a `MeetingClient`). */
  client: SubscriberClient;
  /** Transport of the default in-memory log's events (default: in memory). Ignored when `log` is given. */
  pubsub?: PubSub<MeetingStreamTopics> | undefined;
  /** Where every meeting's events are numbered, kept and published (default: in memory, this process only). */
  log?: MeetingLog | undefined;
  /** How much of each meeting's stream the default in-memory log keeps for resuming (ignored with `log`). */
  retention?: LogRetention | undefined;
  /** Who may hold a meeting's upstream socket (default: this process, always). */
  ownership?: UpstreamOwnership | undefined;
  /**
   * With shared `ownership`: how a replica without a meeting's socket asks the one holding it to act on it
   * (captions on or off). Without it, only the holder can.
   */
  commands?: PubSub<MeetingCommandTopics> | undefined;
  /** How long an upstream socket stays open after its last consumer leaves (default 30 s). */
  graceMs?: number | undefined;
  /** How often a replica without the upstream lease tries to take it, ms (default 1000). */
  leaseRetryMs?: number | undefined;
  /** The holder stores the state every so many events, so watchers elsewhere start near the head (default 100). */
  checkpointEvery?: number | undefined;
  /**
   * With a shared `log`: how often each watched meeting's log is read after the position applied here, ms
   * (default 5000; 0 never), so that events a lossy transport dropped arrive even without a reconnect signal
   * (see {@link MeetingStreams.recheck}).
   */
  recheckEveryMs?: number | undefined;
  /**
   * How long each watcher's and subscriber's first state waits for the meeting server's state (the full frames
   * after Subscribe), ms (default 0: the state as it stands at once). With a wait, the first state is the real
   * one (`initial`, SNAPSHOT) when it arrives in time, otherwise the empty state flagged `connecting`
   * (CONNECTING), followed by the whole state as `resync` (RESYNC) once it arrives; either way it has a cursor
   * (every upstream socket then logs `connecting` as it opens). A watch can set its own.
   */
  firstUpdateWaitMs?: number | undefined;
  /** Options of every upstream subscriber (identity, timings, WebSocket class). */
  subscriber?: MeetingSubscriberOptions | undefined;
  /** Failures that were recovered from (log or lease storage unreachable, a checkpoint not saved). */
  onError?: ((error: unknown, conferenceID: string) => void) | undefined;
}

/** Options of one {@link MeetingStreams.watch}. */
export interface WatchOptions {
  signal?: AbortSignal | undefined;
  /** How far behind the newest event this consumer may fall before it gets the snapshot instead (default: 256). */
  bufferSize?: number | undefined;
  /**
   * Resume after this position (a cursor this watcher received before, parsed): the retained events after it
   * come first instead of the snapshot; a position no longer retained gets the snapshot with reason `expired`.
   * A position of the stream's current epoch beyond its newest event was never handed out: the watch's first
   * `next()` rejects with `CursorAheadError` (see {@link MeetingStreams.checkCursor} to refuse it up front).
   */
  after?: StreamPosition | undefined;
  /** This watch's own {@link MeetingStreamsOptions.firstUpdateWaitMs}. */
  firstUpdateWaitMs?: number | undefined;
}

/** Options of {@link MeetingStreams.setRealTimeSubtitle}. */
export interface SetRealTimeSubtitleOptions extends RealTimeSubtitleOptions {
  /** How long to wait for a live upstream socket when none is open yet, ms (default 5000). */
  timeoutMs?: number | undefined;
}

/** Options of one {@link MeetingStreams.updates}. */
export interface UpdatesOptions<T> extends WatchOptions {
  /** Keeps (and maybe reshapes) the updates this subscriber receives; undefined drops one. */
  select: (update: PositionedUpdate) => T | undefined;
}

/**
 * One watched meeting: its room (log to state to watchers) and, while this process holds the meeting's lease,
 * its holder (upstream socket to log). The two never meet: the holder appends to the log the room reads.
 */
interface Watched {
  readonly conferenceID: string;
  readonly room: MeetingRoom;
  holder: UpstreamHolder | undefined;
  /** Raw watches, plus one while the update feed has subscribers. */
  consumers: number;
  /** Subscribers of the meeting's updates: they share one place among the consumers. */
  updateReaders: number;
  graceTimer: NodeJS.Timeout | undefined;
  acquiring: boolean;
  leaseTimer: NodeJS.Timeout | undefined;
  released: boolean;
}

/**
 * Live meeting streams: one upstream socket per meeting however many consumers watch it (and, with a shared
 * log and ownership, however many replicas), every push frame reduced into one consistent state, numbered in
 * the meeting's log and handed on through one feed per meeting in each process; each consumer can resume after
 * the last cursor it saw. The socket closes a grace period after the last consumer leaves.
 *
 * The path of a frame, file by file: `subscriber.ts` (the socket) -> `upstreamHolder.ts` (reducer, append to the
 * log) -> the log (`log/`) -> `meetingRoom.ts` (state rebuilt from the log) -> `updateFold.ts` (the updates an
 * event makes) -> `meetingFeed.ts` (one fan-out to every watcher and subscriber).
 */
export class MeetingStreams {
  private readonly client: SubscriberClient;
  private readonly log: MeetingLog;
  private readonly ownsLog: MeetingLog | undefined;
  private readonly ownership: UpstreamOwnership;
  private readonly commands: PubSub<MeetingCommandTopics> | undefined;
  private readonly ownsOwnership: boolean;
  private readonly graceMs: number;
  private readonly leaseRetryMs: number;
  private readonly checkpointEvery: number;
  private readonly firstUpdateWaitMs: number;
  private readonly subscriberOptions: MeetingSubscriberOptions;
  private readonly onError: (error: unknown, conferenceID: string) => void;
  private readonly meetings = new Map<string, Watched>();
  private closed = false;
  private recheckTimer: NodeJS.Timeout | undefined;

  constructor(options: MeetingStreamsOptions) {
    this.client = options.client;
    this.ownsOwnership = options.ownership === undefined;
    const local = options.ownership === undefined ? new LocalOwnership() : undefined;
    this.ownership = options.ownership ?? (local as LocalOwnership);
    if (options.log) {
      this.log = options.log;
    } else {
      this.ownsLog = new MemoryMeetingLog({
        ...options.retention,
        pubsub: options.pubsub,
        // With both defaults, the in-memory log checks the in-process leases (fencing).
        isCurrent: local ? (id, token) => local.isCurrent(id, token) : undefined,
      });
      this.log = this.ownsLog;
    }
    this.commands = options.commands;
    this.graceMs = options.graceMs ?? 30_000;
    this.leaseRetryMs = options.leaseRetryMs ?? 1000;
    this.checkpointEvery = options.checkpointEvery ?? 100;
    this.firstUpdateWaitMs = options.firstUpdateWaitMs ?? 0;
    this.subscriberOptions = options.subscriber ?? {};
    this.onError = options.onError ?? (() => undefined);
    const recheckEveryMs = options.log ? (options.recheckEveryMs ?? 5000) : 0;
    if (recheckEveryMs > 0) {
      this.recheckTimer = setInterval(() => this.recheck(), recheckEveryMs);
      this.recheckTimer.unref();
    }
  }

  /**
   * Watches a meeting: the current snapshot first (or, resuming `after` a cursor, what followed it), then every
   * change, event and status with its cursor, until the meeting ends, the signal aborts or the consumer returns.
   */
  watch(conferenceID: string, options: WatchOptions = {}): AsyncIterableIterator<WatchedEvent, undefined> {
    return this.read(conferenceID, options, undefined);
  }

  /**
   * A meeting's updates for one subscriber, as `select` keeps (and maybe reshapes) them: the state first, one
   * update per view and one saying where the stream is (SNAPSHOT, or CONNECTING when the meeting server's state
   * is not in within `firstUpdateWaitMs`; or, resuming `after` a cursor, the updates of what followed it, or the
   * state as CURSOR_EXPIRED), then the updates of every event, until the stream ends. Every subscriber of a
   * meeting reads the same update objects, made once per event (see updateFold.ts), from the meeting's one feed;
   * together they count as one consumer of the meeting.
   */
  updates<T>(conferenceID: string, options: UpdatesOptions<T>): AsyncIterableIterator<T, undefined> {
    return this.read(conferenceID, options, options.select);
  }

  /**
   * Rejects with `CursorAheadError` (code `CURSOR_AHEAD`) when `after` is of the meeting's current stream but
   * beyond its newest event, as {@link watch} would; any other position is accepted (an old one gets the
   * snapshot, flagged `expired`). The stream's head is read from the log, so with a shared log a cursor another
   * replica handed out is accepted even before this one has read that far. When the log cannot be read, the
   * cursor is accepted and the failure goes to `onError`.
   */
  async checkCursor(conferenceID: string, after: StreamPosition): Promise<void> {
    try {
      await refuseCursorAhead(this.log, conferenceID, after);
    } catch (error) {
      if (error instanceof CursorAheadError) throw error;
      this.onError(error, conferenceID);
    }
  }

  /** The current state of a watched meeting, or undefined when nobody here watches it. */
  snapshot(conferenceID: string): MeetingSnapshot | undefined {
    return this.meetings.get(conferenceID)?.room.snapshot();
  }

  /** Where a watched meeting's stream is, or undefined when nobody here watches it. */
  status(conferenceID: string): MeetingStreamStatus | undefined {
    return this.meetings.get(conferenceID)?.room.status;
  }

  /** The cursor of the newest event applied to a watched meeting's state here. */
  cursor(conferenceID: string): string | undefined {
    const position = this.meetings.get(conferenceID)?.room.position();
    return position && formatCursor(position);
  }

  /** Whether this process holds the meeting's upstream socket. */
  holdsUpstream(conferenceID: string): boolean {
    return this.holderOf(conferenceID) !== undefined;
  }

  /**
   * Switches live captions on or off for a meeting: an upstream `ConfControl` REALTIMESUBTITLE frame on the
   * meeting's socket (B.5.8). Without a live socket one is opened and awaited (at most `timeoutMs`); it then stays
   * open for the grace period, so the captions that follow reach whoever watches next. Answers whether the frame
   * was sent (false: no live socket here in time, or the meeting ended).
   */
  async setRealTimeSubtitle(
    conferenceID: string,
    on: boolean,
    options: SetRealTimeSubtitleOptions = {},
  ): Promise<boolean> {
    const { timeoutMs = 5000, ...subtitle } = options;
    const holder = () => this.holderOf(conferenceID);
    // A stale socket is still subscribed: a frame sent on it reaches the server if the server is there.
    const subscribed = (status: MeetingStreamStatus | undefined) => status === 'live' || status === 'stale';
    const liveHere = () => subscribed(holder()?.status);
    const liveElsewhere = () =>
      this.commands !== undefined && !holder() && subscribed(this.meetings.get(conferenceID)?.room.status);
    const send = async (): Promise<boolean> => {
      if (liveHere()) return holder()?.setRealTimeSubtitle(on, subtitle) ?? false;
      // Another replica holds the socket: it sends the frame.
      await this.commands?.publish(`command:${conferenceID}`, {
        type: 'subtitle',
        conferenceID,
        on,
        options: subtitle,
      });
      return true;
    };
    if (liveHere()) return send();
    // Being a consumer keeps the socket from closing while it connects.
    const abort = new AbortController();
    const watch = this.watch(conferenceID, { signal: abort.signal });
    const timer = setTimeout(() => abort.abort(), timeoutMs);
    try {
      for (;;) {
        if (liveHere() || liveElsewhere()) return await send();
        const next = await watch.next();
        if (next.done || (next.value.type === 'status' && next.value.status === 'ended')) return false;
      }
    } finally {
      clearTimeout(timer);
      await watch.return?.();
    }
  }

  /**
   * Re-reads every watched meeting's log after the position applied here, for when the transport may have lost
   * events (a Redis pub/sub reconnected); what is missing is applied and handed on in order.
   */
  recheck(): void {
    for (const watched of this.meetings.values()) {
      void watched.room.catchUp().catch((error: unknown) => this.onError(error, watched.conferenceID));
    }
  }

  /** Upstream sockets held here, meetings watched here and their consumers, for metrics. */
  stats(): { upstreamSockets: number; consumers: number; meetings: number } {
    let consumers = 0;
    let upstreamSockets = 0;
    for (const watched of this.meetings.values()) {
      consumers += watched.consumers;
      if (watched.holder && !watched.holder.stopped) upstreamSockets++;
    }
    return { upstreamSockets, consumers, meetings: this.meetings.size };
  }

  /** Stops every upstream socket held here and ends every watch here (the shared log is left as it is). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.recheckTimer);
    await Promise.all([...this.meetings.values()].map((watched) => this.release(watched, true)));
    if (this.ownsLog) await this.ownsLog.close();
    if (this.ownsOwnership) await this.ownership.close();
  }

  /** A reader of a meeting's feed: raw events, or (`select`) updates, whose readers count as one consumer. */
  private read<T>(
    conferenceID: string,
    options: WatchOptions,
    select: Select<T> | undefined,
  ): AsyncIterableIterator<T, undefined> {
    if (this.closed) throw new EventsError(EventsErrorCode.CLOSED, 'meeting streams are closed');
    const shared = select !== undefined;
    const watched = this.acquire(conferenceID, shared);
    const onFinish = () => this.leave(watched, shared);
    const readOptions = {
      ...options,
      firstUpdateWaitMs: options.firstUpdateWaitMs ?? this.firstUpdateWaitMs,
    };
    return select
      ? watched.room.feed.read(readOptions, onFinish, select)
      : (watched.room.feed.read(readOptions, onFinish) as AsyncIterableIterator<T, undefined>);
  }

  private holderOf(conferenceID: string): UpstreamHolder | undefined {
    const holder = this.meetings.get(conferenceID)?.holder;
    return holder && !holder.stopped ? holder : undefined;
  }

  private acquire(conferenceID: string, shared: boolean): Watched {
    let watched = this.meetings.get(conferenceID);
    if (watched?.room.status === 'ended') {
      // A meeting whose stream ended is joined by nobody: its watchers are ending. A new watcher gets a new room,
      // which asks the upstream again; the ended one goes (now, if it was only waiting out its grace period).
      if (watched.consumers === 0) void this.release(watched, false);
      watched = undefined;
    }
    if (!watched) {
      watched = this.open(conferenceID);
      this.meetings.set(conferenceID, watched);
    }
    clearTimeout(watched.graceTimer);
    watched.graceTimer = undefined;
    if (!shared || watched.updateReaders++ === 0) watched.consumers += 1;
    return watched;
  }

  /** One consumer of the meeting is gone; the last one starts the grace period. */
  private leave(watched: Watched, shared: boolean): void {
    if (shared && --watched.updateReaders > 0) return;
    watched.consumers -= 1;
    if (watched.consumers > 0) return;
    if (watched.room.status === 'ended' || this.graceMs === 0) {
      void this.release(watched, false);
      return;
    }
    watched.graceTimer = setTimeout(() => void this.release(watched, false), this.graceMs);
    watched.graceTimer.unref();
  }

  private open(conferenceID: string): Watched {
    const watched: Watched = {
      conferenceID,
      room: new MeetingRoom(conferenceID, {
        log: this.log,
        checkpointEvery: this.checkpointEvery,
        lease: () => this.holderOf(conferenceID)?.lease,
        onError: this.onError,
      }),
      holder: undefined,
      consumers: 0,
      updateReaders: 0,
      graceTimer: undefined,
      acquiring: false,
      leaseTimer: undefined,
      released: false,
    };
    // After the load: an `ended` the log holds from before this room is known by then (see MeetingRoom.load).
    void watched.room.ready.then(() => this.takeUpstream(watched));
    return watched;
  }

  /** Takes the meeting's upstream lease when free and opens the socket; otherwise tries again later. */
  private async takeUpstream(watched: Watched): Promise<void> {
    if (watched.holder || watched.acquiring || watched.released || watched.room.status === 'ended') return;
    watched.acquiring = true;
    let lease: UpstreamLease | undefined;
    try {
      lease = await this.ownership.tryAcquire(watched.conferenceID);
    } catch (error) {
      this.onError(error, watched.conferenceID);
    } finally {
      watched.acquiring = false;
    }
    if (watched.released) {
      await lease?.release();
      return;
    }
    if (lease) {
      const holder: UpstreamHolder = new UpstreamHolder(watched.conferenceID, lease, {
        client: this.client,
        log: this.log,
        subscriber: this.subscriberOptions,
        commands: this.commands,
        retryMs: this.leaseRetryMs,
        logConnecting: this.firstUpdateWaitMs > 0,
        onError: this.onError,
        onLost: () => {
          if (watched.holder === holder) watched.holder = undefined;
          void this.takeUpstream(watched);
        },
      });
      watched.holder = holder;
      return;
    }
    // Another replica holds it: try again later, so one takes over within seconds if that replica dies.
    clearTimeout(watched.leaseTimer);
    watched.leaseTimer = setTimeout(() => void this.takeUpstream(watched), this.leaseRetryMs);
    watched.leaseTimer.unref();
  }

  private async release(watched: Watched, force: boolean): Promise<void> {
    if (!force && watched.consumers > 0) return;
    if (watched.released) return;
    watched.released = true;
    clearTimeout(watched.graceTimer);
    clearTimeout(watched.leaseTimer);
    if (this.meetings.get(watched.conferenceID) === watched) this.meetings.delete(watched.conferenceID);
    watched.room.close(force);
    const holder = watched.holder;
    watched.holder = undefined;
    if (holder) await holder.stop();
  }
}
