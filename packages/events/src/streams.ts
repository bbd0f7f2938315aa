import { CursorAheadError, refuseCursorAhead } from './log/cursorAhead.js';
import { LeaseLostError, LocalOwnership, type UpstreamLease, type UpstreamOwnership } from './log/lease.js';
import type { LogRetention, MeetingLog } from './log/meetingLog.js';
import { type MeetingLogTopics, MemoryMeetingLog } from './log/memoryLog.js';
import { formatCursor, positionOf, type StreamPosition } from './log/position.js';
import { MemoryPubSub } from './pubsub/memory.js';
import { meetingTopic, type PubSub, type Subscription } from './pubsub/pubsub.js';
import { SnapshotMirror } from './state/mirror.js';
import { MeetingStateReducer } from './state/reducer.js';
import type { MeetingSnapshot } from './state/snapshot.js';
import type {
  LoggedEvent,
  MeetingCommandTopics,
  MeetingStreamEvent,
  MeetingStreamStatus,
  SnapshotReason,
  WatchedEvent,
} from './streamEvent.js';
import {
  MeetingSubscriber,
  type MeetingSubscriber as MeetingSubscriberClass,
  type MeetingSubscriberOptions,
  type RealTimeSubtitleOptions,
  type SubscriberClient,
} from './subscriber.js';

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
  /** Options of every upstream subscriber (identity, timings, WebSocket class). */
  subscriber?: MeetingSubscriberOptions | undefined;
  /** Failures that were recovered from (log or lease storage unreachable, a checkpoint not saved). */
  onError?: ((error: unknown, conferenceID: string) => void) | undefined;
}

/** Options of one {@link MeetingStreams.watch}. */
export interface WatchOptions {
  signal?: AbortSignal | undefined;
  /** Events held for this consumer while it is busy (default: 256). */
  bufferSize?: number | undefined;
  /**
   * Resume after this position (a cursor this watcher received before, parsed): the retained events after it
   * come first instead of the snapshot; a position no longer retained gets the snapshot with reason `expired`.
   * A position of the stream's current epoch beyond its newest event was never handed out: the watch's first
   * `next()` rejects with `CursorAheadError` (see {@link MeetingStreams.checkCursor} to refuse it up front).
   */
  after?: StreamPosition | undefined;
}

/** Options of {@link MeetingStreams.setRealTimeSubtitle}. */
export interface SetRealTimeSubtitleOptions extends RealTimeSubtitleOptions {
  /** How long to wait for a live upstream socket when none is open yet, ms (default 5000). */
  timeoutMs?: number | undefined;
}

/** The upstream socket of a meeting, while this process holds the meeting's lease. */
interface Holder {
  lease: UpstreamLease;
  subscriber: MeetingSubscriberClass;
  reducer: MeetingStateReducer;
  /** The last status this holder logged. */
  status: MeetingStreamStatus;
  /** A resynchronisation is under way: the next full frames complete it. */
  resyncing: boolean;
  /** Events waiting to be appended, in order. */
  pending: MeetingStreamEvent[];
  flushing: boolean;
  /** The epoch of the last append (a change means the log's storage lost the stream). */
  epoch: string | undefined;
  retryTimer: NodeJS.Timeout | undefined;
  stopped: boolean;
  /** Commands from replicas without the socket (with shared ownership). */
  commands?: Subscription<MeetingCommandTopics['command']> | undefined;
}

/** One meeting as this process sees it: its consumers, the state rebuilt from the log, maybe the upstream. */
interface Room {
  conferenceID: string;
  consumers: number;
  graceTimer: NodeJS.Timeout | undefined;
  mirror: SnapshotMirror;
  /** The last logged event applied to the mirror. */
  position: StreamPosition | undefined;
  status: MeetingStreamStatus;
  /** Events applied since the last checkpoint. */
  sinceCheckpoint: number;
  log: Subscription<LoggedEvent>;
  /** Settles when the mirror caught up with the log (checkpoint and retained events). */
  ready: Promise<void>;
  holder: Holder | undefined;
  acquiring: boolean;
  leaseTimer: NodeJS.Timeout | undefined;
  released: boolean;
}

/**
 * Live meeting streams: one upstream socket per meeting however many consumers watch it (and, with a shared
 * log and ownership, however many replicas), every push frame reduced into one consistent state, numbered in
 * the meeting's log and fanned out; each consumer can resume after the last cursor it saw. The socket closes a
 * grace period after the last consumer leaves.
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
  private readonly subscriberOptions: MeetingSubscriberOptions;
  private readonly onError: (error: unknown, conferenceID: string) => void;
  /** Fan-out to this process's consumers, after the mirror applied each event. */
  private readonly local = new MemoryPubSub<{ meeting: WatchedEvent }>();
  private readonly rooms = new Map<string, Room>();
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
    if (this.closed) throw new Error('meeting streams are closed');
    const room = this.acquire(conferenceID);
    // Subscribe before taking the snapshot, so nothing applied in between is lost.
    const subscription = this.local.subscribe(meetingTopic(conferenceID), {
      signal: options.signal,
      bufferSize: options.bufferSize,
    });
    const generator = this.consume(room, subscription, options.after);
    // A generator that is returned (or whose signal aborts) before its first next() never runs its finally:
    // the watch is then released here, once.
    let started = false;
    const releaseUnstarted = () => {
      if (started) return;
      started = true;
      subscription.unsubscribe();
      this.leave(room);
    };
    options.signal?.addEventListener('abort', releaseUnstarted, { once: true });
    return {
      next: () => {
        started = true;
        return generator.next();
      },
      return: () => {
        releaseUnstarted();
        // A started generator waits in next(): ending the subscription lets it reach its finally now.
        subscription.unsubscribe();
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
    return this.rooms.get(conferenceID)?.mirror.snapshot();
  }

  /** Where a watched meeting's stream is, or undefined when nobody here watches it. */
  status(conferenceID: string): MeetingStreamStatus | undefined {
    return this.rooms.get(conferenceID)?.status;
  }

  /** The cursor of the newest event applied to a watched meeting's state here. */
  cursor(conferenceID: string): string | undefined {
    const position = this.rooms.get(conferenceID)?.position;
    return position && formatCursor(position);
  }

  /** Whether this process holds the meeting's upstream socket. */
  holdsUpstream(conferenceID: string): boolean {
    return this.rooms.get(conferenceID)?.holder !== undefined;
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
    const holder = () => this.rooms.get(conferenceID)?.holder;
    // A stale socket is still subscribed: a frame sent on it reaches the server if the server is there.
    const subscribed = (status: MeetingStreamStatus | undefined) => status === 'live' || status === 'stale';
    const liveHere = () => subscribed(holder()?.status);
    const liveElsewhere = () =>
      this.commands !== undefined && !holder() && subscribed(this.rooms.get(conferenceID)?.status);
    const send = async (): Promise<boolean> => {
      if (liveHere()) return holder()?.subscriber.setRealTimeSubtitle(on, subtitle) ?? false;
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
    for (const room of this.rooms.values()) {
      void room.ready
        .then(() => this.catchUp(room))
        .catch((error: unknown) => this.onError(error, room.conferenceID));
    }
  }

  /** Upstream sockets held here, meetings watched here and their consumers, for metrics. */
  stats(): { upstreamSockets: number; consumers: number; meetings: number } {
    let consumers = 0;
    let upstreamSockets = 0;
    for (const room of this.rooms.values()) {
      consumers += room.consumers;
      if (room.holder) upstreamSockets++;
    }
    return { upstreamSockets, consumers, meetings: this.rooms.size };
  }

  /** Stops every upstream socket held here and ends every watch here (the shared log is left as it is). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.recheckTimer);
    await Promise.all([...this.rooms.values()].map((room) => this.release(room, true)));
    await this.local.close();
    if (this.ownsLog) await this.ownsLog.close();
    if (this.ownsOwnership) await this.ownership.close();
  }

  private async *consume(
    room: Room,
    subscription: Subscription<WatchedEvent>,
    after: StreamPosition | undefined,
  ): AsyncGenerator<WatchedEvent, undefined> {
    try {
      await subscription.ready;
      await room.ready;
      let last = room.position;
      const here = room.position;
      if (after && here && after.epoch === here.epoch && after.seq < here.seq) {
        const read = await this.log.read(room.conferenceID, after);
        if (read.kind === 'events') {
          // An end among these need not be the last word: a new run of the stream may follow it (see load()).
          // Whether the stream is over is the room's status, checked below.
          for (const logged of read.events) {
            yield { ...logged.event, cursor: formatCursor(logged) };
            last = logged;
          }
        } else {
          yield this.snapshotOf(room, 'expired');
        }
      } else if (after && here && after.epoch === here.epoch) {
        // Nothing new since the cursor, or this replica has not applied that far yet (the cursor came from
        // another one): skip up to it. Unless the stream itself has not got that far: nobody was handed it.
        if (after.seq > here.seq) await this.checkCursor(room.conferenceID, after);
        last = after;
      } else {
        yield this.snapshotOf(room, after ? 'expired' : 'initial');
      }
      if (ended(room)) return undefined;
      let dropped = subscription.dropped;
      for await (const event of subscription) {
        if (subscription.dropped !== dropped) {
          // This consumer fell behind and lost events: it gets the whole state again instead.
          dropped = subscription.dropped;
          yield this.snapshotOf(room, 'lagged');
          last = room.position;
          // The end may have been among the events lost.
          if (ended(room)) return undefined;
          continue;
        }
        const at = event.cursor === undefined ? undefined : positionOf(event.cursor);
        // Events the snapshot, the replayed ones or the cursor already cover. An end among them still ends the
        // watch when it is where the room stands (not an end of an earlier run that this room started after).
        if (event.type !== 'snapshot' && at && last && at.epoch === last.epoch && at.seq <= last.seq) {
          if (isEnd(event) && ended(room) && samePosition(room.position, at)) return undefined;
          continue;
        }
        yield event;
        last = at ?? last;
        if (isEnd(event)) return undefined;
      }
      return undefined;
    } finally {
      subscription.unsubscribe();
      this.leave(room);
    }
  }

  private snapshotOf(room: Room, reason: SnapshotReason): WatchedEvent {
    return {
      type: 'snapshot',
      conferenceID: room.conferenceID,
      snapshot: room.mirror.snapshot(),
      reason,
      cursor: room.position && formatCursor(room.position),
    };
  }

  /** One consumer of the meeting is gone; the last one starts the grace period. */
  private leave(room: Room): void {
    room.consumers -= 1;
    if (room.consumers > 0) return;
    if (room.status === 'ended' || this.graceMs === 0) {
      void this.release(room, false);
      return;
    }
    room.graceTimer = setTimeout(() => void this.release(room, false), this.graceMs);
    room.graceTimer.unref();
  }

  private acquire(conferenceID: string): Room {
    let room = this.rooms.get(conferenceID);
    if (room?.status === 'ended') {
      // A room whose stream ended is joined by nobody: its watchers are ending. A new watcher gets a new room,
      // which asks the upstream again; the ended one goes (now, if it was only waiting out its grace period).
      if (room.consumers === 0) void this.release(room, false);
      room = undefined;
    }
    if (!room) {
      room = this.open(conferenceID);
      this.rooms.set(conferenceID, room);
    }
    clearTimeout(room.graceTimer);
    room.graceTimer = undefined;
    room.consumers += 1;
    return room;
  }

  private open(conferenceID: string): Room {
    const room: Room = {
      conferenceID,
      consumers: 0,
      graceTimer: undefined,
      mirror: new SnapshotMirror(conferenceID),
      position: undefined,
      status: 'connecting',
      sinceCheckpoint: 0,
      log: this.log.subscribe(conferenceID, { bufferSize: 10_000 }),
      ready: Promise.resolve(),
      holder: undefined,
      acquiring: false,
      leaseTimer: undefined,
      released: false,
    };
    room.ready = this.load(room).catch((error: unknown) => this.onError(error, conferenceID));
    void room.ready.then(() => this.pump(room));
    // After the load: an `ended` the log holds from before this room is known by then (see load()).
    void room.ready.then(() => this.takeUpstream(room));
    return room;
  }

  /**
   * Brings a new room's state up to the log: its checkpoint, then the retained events after it. An end logged
   * before this room opened ended the watchers that were there then; this room's first watcher came later, and
   * the meeting may run now (one watched before it started is refused upstream as gone), so the room does not
   * take the end over: it asks the upstream again, and if the meeting still does not run, that attempt logs the
   * end again.
   */
  private async load(room: Room): Promise<void> {
    try {
      await room.log.ready;
      const checkpoint = await this.log.loadCheckpoint(room.conferenceID);
      let from: StreamPosition | undefined;
      if (checkpoint) {
        room.mirror.reset(checkpoint.snapshot);
        room.status = checkpoint.status;
        room.position = { epoch: checkpoint.epoch, seq: checkpoint.seq };
        from = room.position;
      } else {
        const head = await this.log.head(room.conferenceID);
        // Without a checkpoint the stream is young: its events from the first on rebuild the state.
        if (head) from = { epoch: head.epoch, seq: 0 };
      }
      if (!from) return;
      const read = await this.log.read(room.conferenceID, from);
      if (read.kind === 'events') for (const logged of read.events) this.applyLogged(room, logged);
    } finally {
      // Also when the log failed half-way (a checkpoint saying `ended` read, its events not).
      if (room.status === 'ended') room.status = 'connecting';
    }
  }

  /** Applies the room's live log events, in order, filling gaps from the log. */
  private async pump(room: Room): Promise<void> {
    try {
      for await (const logged of room.log) {
        try {
          await this.receive(room, logged);
        } catch (error) {
          this.onError(error, room.conferenceID);
        }
      }
    } catch (error) {
      // The log's subscription failed (overflow policy `close`): stop; the watchers get the end.
      this.onError(error, room.conferenceID);
    }
  }

  private async receive(room: Room, logged: LoggedEvent): Promise<void> {
    const at = room.position;
    if (at && logged.epoch === at.epoch) {
      if (logged.seq <= at.seq) return;
      if (logged.seq === at.seq + 1) {
        this.applyLogged(room, logged);
        return;
      }
      // Events were missed (a dropped message, a reconnect of the transport): the log has them.
      const read = await this.log.read(room.conferenceID, at);
      if (read.kind === 'events') {
        for (const missed of read.events) {
          if (room.position && missed.seq === room.position.seq + 1) this.applyLogged(room, missed);
        }
        if (room.position && room.position.seq >= logged.seq) return;
      }
      await this.rebase(room, logged);
      return;
    }
    if (!at && logged.seq === 1) {
      this.applyLogged(room, logged);
      return;
    }
    await this.rebase(room, logged);
  }

  /** Applies what the log holds after the room's position (events a lossy transport did not deliver). */
  private async catchUp(room: Room): Promise<void> {
    const at = room.position;
    if (room.released) return;
    const read = at ? await this.log.read(room.conferenceID, at) : ({ kind: 'expired' } as const);
    if (read.kind === 'events') {
      for (const missed of read.events) {
        if (room.position && missed.epoch === room.position.epoch && missed.seq === room.position.seq + 1)
          this.applyLogged(room, missed);
      }
      return;
    }
    // The log no longer knows the position (a new epoch, or trimmed).
    if (await this.resyncFromLog(room)) this.publishLocal(room, this.snapshotOf(room, 'resync'));
  }

  /**
   * The room lost its place (a new epoch of the log, or a gap the log no longer holds): it starts again from what
   * the log has (its checkpoint, then the events after it), or else keeps what it has and goes on from this event,
   * and hands its watchers the whole state.
   */
  private async rebase(room: Room, logged: LoggedEvent): Promise<void> {
    if (logged.event.type === 'snapshot') {
      this.applyLogged(room, logged);
      return;
    }
    await this.resyncFromLog(room);
    const at = room.position;
    if (!at || at.epoch !== logged.epoch || at.seq < logged.seq) this.applyState(room, logged);
    this.publishLocal(room, this.snapshotOf(room, 'resync'));
  }

  /**
   * Moves the room onto the log's current epoch: from its checkpoint when there is one ahead of the room, else
   * from the epoch's first event (keeping the room's data, which the epoch's full frames replace), applying the
   * retained events after. Answers whether the room moved; watchers are not told here.
   */
  private async resyncFromLog(room: Room): Promise<boolean> {
    const head = await this.log.head(room.conferenceID);
    if (!head) return false;
    const checkpoint = await this.log.loadCheckpoint(room.conferenceID);
    const here = room.position;
    const behind = (seq: number) => !here || here.epoch !== head.epoch || here.seq < seq;
    if (checkpoint && checkpoint.epoch === head.epoch && behind(checkpoint.seq)) {
      room.mirror.reset(checkpoint.snapshot);
      room.status = checkpoint.status;
      room.position = { epoch: checkpoint.epoch, seq: checkpoint.seq };
    } else if (!here || here.epoch !== head.epoch) {
      room.position = { epoch: head.epoch, seq: 0 };
    } else {
      return false;
    }
    const from = room.position;
    const read = await this.log.read(room.conferenceID, from);
    if (read.kind === 'events') {
      for (const missed of read.events) {
        if (room.position && missed.seq === room.position.seq + 1) this.applyState(room, missed);
      }
    }
    return true;
  }

  /** Applies one logged event to the room's state and hands it to the room's watchers. */
  private applyLogged(room: Room, logged: LoggedEvent): void {
    this.applyState(room, logged);
    this.publishLocal(room, { ...logged.event, cursor: formatCursor(logged) });
  }

  private applyState(room: Room, logged: LoggedEvent): void {
    const event = logged.event;
    if (event.type === 'snapshot') room.mirror.reset(event.snapshot);
    else if (event.type === 'changes') room.mirror.apply(event.changes);
    else if (event.type === 'status') room.status = event.status;
    room.position = { epoch: logged.epoch, seq: logged.seq };
    room.sinceCheckpoint++;
    const holder = room.holder;
    if (!holder) return;
    const due =
      room.sinceCheckpoint >= this.checkpointEvery ||
      event.type === 'snapshot' ||
      (event.type === 'status' && event.status === 'live');
    if (!due) return;
    room.sinceCheckpoint = 0;
    const checkpoint = {
      epoch: logged.epoch,
      seq: logged.seq,
      status: room.status,
      snapshot: room.mirror.snapshot(),
    };
    this.log.saveCheckpoint(room.conferenceID, checkpoint, holder.lease).catch((error: unknown) => {
      if (!(error instanceof LeaseLostError)) this.onError(error, room.conferenceID);
    });
  }

  private publishLocal(room: Room, event: WatchedEvent): void {
    void this.local.publish(meetingTopic(room.conferenceID), event);
  }

  /** Takes the meeting's upstream lease when free and opens the socket; otherwise tries again later. */
  private async takeUpstream(room: Room): Promise<void> {
    if (room.holder || room.acquiring || room.released || room.status === 'ended') return;
    room.acquiring = true;
    let lease: UpstreamLease | undefined;
    try {
      lease = await this.ownership.tryAcquire(room.conferenceID);
    } catch (error) {
      this.onError(error, room.conferenceID);
    } finally {
      room.acquiring = false;
    }
    if (room.released) {
      await lease?.release();
      return;
    }
    if (lease) {
      room.holder = this.hold(room, lease);
      return;
    }
    // Another replica holds it: try again later, so one takes over within seconds if that replica dies.
    clearTimeout(room.leaseTimer);
    room.leaseTimer = setTimeout(() => void this.takeUpstream(room), this.leaseRetryMs);
    room.leaseTimer.unref();
  }

  /** Opens the upstream socket under a lease: frames reduced, changes appended to the log. */
  private hold(room: Room, lease: UpstreamLease): Holder {
    const { conferenceID } = room;
    const subscriber = new MeetingSubscriber(this.client, conferenceID, this.subscriberOptions);
    const reducer = new MeetingStateReducer(conferenceID);
    const holder: Holder = {
      lease,
      subscriber,
      reducer,
      // A new socket: its `live` is logged once it subscribes, whatever an earlier holder logged.
      status: 'connecting',
      resyncing: false,
      pending: [],
      flushing: false,
      epoch: undefined,
      retryTimer: undefined,
      stopped: false,
    };
    const setStatus = (status: MeetingStreamStatus, detail?: string) => {
      if (holder.status === status) return;
      holder.status = status;
      this.append(room, holder, { type: 'status', conferenceID, status, ...(detail ? { detail } : {}) });
    };
    subscriber.on('subscribed', () => {
      // A new socket sends full frames of every type: numbering restarts, the data stays until replaced.
      reducer.reset();
      if (holder.resyncing) {
        holder.resyncing = false;
        this.append(room, holder, {
          type: 'snapshot',
          conferenceID,
          snapshot: reducer.snapshot(),
          reason: 'resync',
        });
      }
      setStatus('live');
    });
    subscriber.on('message', (message) => {
      const result = reducer.apply(message);
      switch (result.kind) {
        case 'applied':
          if (result.changes.length > 0)
            this.append(room, holder, { type: 'changes', conferenceID, changes: result.changes });
          break;
        case 'event':
          this.append(room, holder, { type: 'event', conferenceID, event: result.event });
          break;
        case 'resync':
          // A missed increment: the state of that type cannot be trusted; a fresh socket sends full frames.
          holder.resyncing = true;
          setStatus('resyncing', `${result.type}: ${result.reason}`);
          subscriber.resubscribe();
          break;
        default:
          break;
      }
    });
    // A silent socket is reported well before the subscriber gives it up as dead (2.5 heartbeats by default).
    subscriber.on('stale', () => {
      if (holder.status === 'live') setStatus('stale');
    });
    subscriber.on('fresh', () => {
      if (holder.status === 'stale') setStatus('live');
    });
    subscriber.on('reconnecting', () => setStatus('reconnecting'));
    subscriber.on('ended', (reason) => setStatus('ended', reason));
    subscriber.on('stopped', (reason) => {
      if (reason !== 'stop') setStatus('ended', reason);
    });
    // Errors are recovered by the subscriber itself (reconnects); they are surfaced through its log.
    subscriber.on('error', () => undefined);
    if (this.commands) void this.obey(holder, this.commands.subscribe(`command:${conferenceID}`));
    lease.signal.addEventListener(
      'abort',
      () => {
        if (holder.stopped) return;
        // Another replica took the meeting (or this one could not renew in time): it now holds the socket.
        void this.unhold(room, holder).then(() => this.takeUpstream(room));
      },
      { once: true },
    );
    subscriber.start();
    return holder;
  }

  /** Carries out the commands other replicas send to this holder, until it lets the socket go. */
  private async obey(holder: Holder, commands: Subscription<MeetingCommandTopics['command']>): Promise<void> {
    holder.commands = commands;
    try {
      for await (const command of commands) {
        if (command.type === 'subtitle') holder.subscriber.setRealTimeSubtitle(command.on, command.options);
      }
    } catch (error) {
      this.onError(error, holder.lease.conferenceID);
    }
  }

  /** Queues an event for the log; appends are batched per tick and kept in order. */
  private append(room: Room, holder: Holder, event: MeetingStreamEvent): void {
    if (holder.stopped) return;
    holder.pending.push(event);
    if (!holder.flushing && holder.retryTimer === undefined) {
      holder.flushing = true;
      queueMicrotask(() => void this.flush(room, holder));
    }
  }

  private async flush(room: Room, holder: Holder): Promise<void> {
    try {
      while (holder.pending.length > 0 && !holder.stopped) {
        const batch = holder.pending.splice(0);
        try {
          const logged = await this.log.append(room.conferenceID, batch, holder.lease);
          const first = logged[0];
          if (holder.epoch !== undefined && first !== undefined && first.epoch !== holder.epoch) {
            // The storage lost the stream under this holder (Redis restarted empty): the new epoch gets the whole
            // state this holder has, so watchers that lost their place can start from it.
            holder.pending.unshift(this.holderSnapshot(room, holder));
          }
          holder.epoch = first?.epoch ?? holder.epoch;
        } catch (error) {
          if (error instanceof LeaseLostError) {
            await this.unhold(room, holder);
            void this.takeUpstream(room);
            return;
          }
          this.onError(error, room.conferenceID);
          // What failed is replaced by the whole state, appended when the log is back.
          holder.pending = [this.holderSnapshot(room, holder)];
          holder.retryTimer = setTimeout(() => {
            holder.retryTimer = undefined;
            holder.flushing = true;
            void this.flush(room, holder);
          }, this.leaseRetryMs);
          holder.retryTimer.unref();
          return;
        }
      }
    } finally {
      if (holder.retryTimer === undefined) holder.flushing = false;
    }
  }

  private holderSnapshot(room: Room, holder: Holder): MeetingStreamEvent {
    return {
      type: 'snapshot',
      conferenceID: room.conferenceID,
      snapshot: holder.reducer.snapshot(),
      reason: 'resync',
    };
  }

  /** Closes the upstream socket and gives the lease up. */
  private async unhold(room: Room, holder: Holder): Promise<void> {
    if (holder.stopped) return;
    holder.stopped = true;
    clearTimeout(holder.retryTimer);
    holder.commands?.unsubscribe();
    if (room.holder === holder) room.holder = undefined;
    // The lease goes first (synchronously for in-process leases), so a room opened at once may take it.
    const releasing = holder.lease.release();
    await holder.subscriber.stop();
    await releasing;
  }

  private async release(room: Room, force: boolean): Promise<void> {
    if (!force && room.consumers > 0) return;
    if (room.released) return;
    room.released = true;
    clearTimeout(room.graceTimer);
    clearTimeout(room.leaseTimer);
    if (this.rooms.get(room.conferenceID) === room) this.rooms.delete(room.conferenceID);
    if (force) {
      room.status = 'ended';
      this.publishLocal(room, {
        type: 'status',
        conferenceID: room.conferenceID,
        status: 'ended',
        detail: 'closed',
        cursor: room.position && formatCursor(room.position),
      });
    }
    room.log.unsubscribe();
    if (room.holder) await this.unhold(room, room.holder);
  }
}

/** Whether the room's stream ended (read anew each time: the room changes while a watcher waits). */
function ended(room: Room): boolean {
  return room.status === 'ended';
}

/** Whether two positions are the same place of the same stream. */
function samePosition(a: StreamPosition | undefined, b: StreamPosition): boolean {
  return a !== undefined && a.epoch === b.epoch && a.seq === b.seq;
}

function isEnd(event: MeetingStreamEvent): boolean {
  return event.type === 'status' && event.status === 'ended';
}
