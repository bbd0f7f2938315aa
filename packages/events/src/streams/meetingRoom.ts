import { CursorAheadError, LeaseLostError } from '../errors.js';
import { refuseCursorAhead } from '../log/cursorAhead.js';
import type { UpstreamLease } from '../log/lease.js';
import type { Checkpoint, MeetingLog, ReadResult } from '../log/meetingLog.js';
import { formatCursor, type StreamPosition } from '../log/position.js';
import type { Subscription } from '../pubsub/pubsub.js';
import { MeetingStateReducer } from '../state/reducer.js';
import type { MeetingSnapshot } from '../state/snapshot.js';
import { type FeedSource, MeetingFeed } from './meetingFeed.js';
import type { LoggedEvent, MeetingStreamStatus, SnapshotReason, WatchedEvent } from './streamEvent.js';
import { MeetingUpdateFold, type PositionedUpdate, type StateUpdateReason } from './updateFold.js';

/** What a room needs besides its meeting. */
export interface MeetingRoomOptions {
  /** Where the meeting's events are numbered, kept and published. */
  log: MeetingLog;
  /** The room stores the state every so many events, while this process holds the upstream socket. */
  checkpointEvery: number;
  /** The lease of this process's upstream socket of the meeting, while it holds one (checkpoints are its). */
  lease: () => UpstreamLease | undefined;
  /** Failures recovered from (the log unreachable, a checkpoint not saved). */
  onError: (error: unknown, conferenceID: string) => void;
}

const STATE_REASONS: Record<SnapshotReason, StateUpdateReason> = {
  initial: 'SNAPSHOT',
  connecting: 'CONNECTING',
  lagged: 'RESYNC',
  resync: 'RESYNC',
  expired: 'CURSOR_EXPIRED',
};

/**
 * One meeting as this process sees it: the state rebuilt from the meeting's log (in order, without gaps: what
 * the transport dropped is read back from the log), and the feed that hands each event, with the updates it
 * made, to every watcher here. Knows nothing of the upstream socket: whoever holds it appends to the same log.
 */
export class MeetingRoom implements FeedSource {
  /** The room's one fan-out to its watchers. */
  readonly feed: MeetingFeed;
  /** Settles when the state caught up with the log (checkpoint and retained events). */
  readonly ready: Promise<void>;
  /** The meeting's state, and the updates each event makes of it. */
  private readonly fold: MeetingUpdateFold;
  private readonly log: MeetingLog;
  private readonly subscription: Subscription<LoggedEvent>;
  /** The last logged event applied to the state. */
  private at: StreamPosition | undefined;
  private streamStatus: MeetingStreamStatus = 'connecting';
  /** The meeting server's state reached the room (a snapshot of its full frames, or a checkpoint holding one). */
  private stateArrived = false;
  /** Events applied since the last checkpoint. */
  private sinceCheckpoint = 0;
  private closed = false;
  /** The whole state as updates, for the readers that start while it stays as it is. */
  private stateCache:
    | {
        version: number;
        at: StreamPosition | undefined;
        reason: StateUpdateReason;
        updates: PositionedUpdate[];
      }
    | undefined;

  constructor(
    readonly conferenceID: string,
    private readonly options: MeetingRoomOptions,
  ) {
    this.log = options.log;
    this.fold = new MeetingUpdateFold(conferenceID, new MeetingStateReducer(conferenceID).snapshot());
    this.feed = new MeetingFeed(this);
    this.subscription = this.log.subscribe(conferenceID, { bufferSize: 10_000 });
    this.ready = this.load().catch((error: unknown) => options.onError(error, conferenceID));
    void this.ready.then(() => this.pump());
  }

  /** Where the stream is, as the log says. */
  get status(): MeetingStreamStatus {
    return this.streamStatus;
  }

  /** Whether the room was closed (its watchers ended, its log subscription gone). */
  get isClosed(): boolean {
    return this.closed;
  }

  /** The current state (deeply frozen; the same object until it changes). */
  snapshot(): MeetingSnapshot {
    return this.fold.snapshot();
  }

  position(): StreamPosition | undefined {
    return this.at;
  }

  ended(): boolean {
    return this.streamStatus === 'ended';
  }

  /** Whether the meeting server's state reached the room (it stays, through reconnects, until the room closes). */
  hasState(): boolean {
    return this.stateArrived;
  }

  stateEvent(reason: SnapshotReason): WatchedEvent {
    return {
      type: 'snapshot',
      conferenceID: this.conferenceID,
      snapshot: this.fold.snapshot(),
      reason,
      cursor: this.at && formatCursor(this.at),
    };
  }

  stateUpdates(reason: SnapshotReason): readonly PositionedUpdate[] {
    const why = STATE_REASONS[reason];
    const version = this.fold.stateVersion;
    const cached = this.stateCache;
    // Positions are new objects for every event applied: the same object is the same place.
    if (cached?.version === version && cached.at === this.at && cached.reason === why) return cached.updates;
    const cursor = this.at ? formatCursor(this.at) : null;
    // Where the stream is comes with the state: a reader starting after the `live` that followed the state's
    // arrival would otherwise not learn it until the next change of the stream.
    const stream: PositionedUpdate = {
      type: 'stream',
      meetingId: this.conferenceID,
      state: this.streamStatus,
      detail: undefined,
      cursor,
    };
    const updates = [...this.fold.stateUpdates(why, cursor), stream];
    this.stateCache = { version, at: this.at, reason: why, updates };
    return updates;
  }

  /**
   * The updates of events read back from the log for a reader resuming from further back than the feed keeps.
   * Their whole-list fields go on from the state as it stands here (the lists as they were then are not kept).
   */
  replayUpdates(events: readonly LoggedEvent[]): PositionedUpdate[] {
    const fold = new MeetingUpdateFold(this.conferenceID, this.fold.snapshot());
    return events.flatMap((logged) => fold.next({ ...logged.event, cursor: formatCursor(logged) }));
  }

  read(after: StreamPosition): Promise<ReadResult> {
    return this.log.read(this.conferenceID, after);
  }

  checkCursor(after: StreamPosition): Promise<void> {
    return refuseCursorAhead(this.log, this.conferenceID, after).catch((error: unknown) => {
      if (error instanceof CursorAheadError) throw error;
      this.options.onError(error, this.conferenceID);
    });
  }

  /** Applies what the log holds after the room's position (events a lossy transport did not deliver). */
  async catchUp(): Promise<void> {
    await this.ready;
    const at = this.at;
    if (this.closed) return;
    const read = at ? await this.log.read(this.conferenceID, at) : ({ kind: 'expired' } as const);
    if (read.kind === 'events') {
      for (const missed of read.events) {
        if (this.at && missed.epoch === this.at.epoch && missed.seq === this.at.seq + 1)
          this.applyLogged(missed);
      }
      this.feed.flush();
      return;
    }
    // The log no longer knows the position (a new epoch, or trimmed).
    if (await this.resyncFromLog()) this.publishState('resync');
  }

  /**
   * Ends the room: its log subscription, and (`force`, the streams closing) its watchers, who get a last
   * `ended` status (`closed`).
   */
  close(force: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (force) {
      this.streamStatus = 'ended';
      const event: WatchedEvent = {
        type: 'status',
        conferenceID: this.conferenceID,
        status: 'ended',
        detail: 'closed',
        cursor: this.at && formatCursor(this.at),
      };
      this.feed.publish({ event, updates: this.fold.next(event), position: undefined });
    }
    this.feed.end();
    this.subscription.unsubscribe();
  }

  /**
   * Brings the state up to the log: its checkpoint, then the retained events after it. An end logged before this
   * room opened ended the watchers that were there then; this room's first watcher came later, and the meeting
   * may run now (one watched before it started is refused upstream as gone), so the room does not take the end
   * over: the upstream is asked again, and if the meeting still does not run, that attempt logs the end again.
   */
  private async load(): Promise<void> {
    try {
      await this.subscription.ready;
      const checkpoint = await this.log.loadCheckpoint(this.conferenceID);
      let from: StreamPosition | undefined;
      if (checkpoint) {
        this.fold.seed(checkpoint.snapshot);
        this.streamStatus = checkpoint.status;
        this.stateArrived = holdsState(checkpoint);
        this.at = { epoch: checkpoint.epoch, seq: checkpoint.seq };
        from = this.at;
      } else {
        const head = await this.log.head(this.conferenceID);
        // Without a checkpoint the stream is young: its events from the first on rebuild the state.
        if (head) from = { epoch: head.epoch, seq: 0 };
      }
      if (!from) return;
      const read = await this.log.read(this.conferenceID, from);
      if (read.kind === 'events') for (const logged of read.events) this.applyLogged(logged);
      this.feed.flush();
    } finally {
      // Also when the log failed half-way (a checkpoint saying `ended` read, its events not).
      if (this.streamStatus === 'ended') this.streamStatus = 'connecting';
    }
  }

  /** Applies the live log events, in order, filling gaps from the log. */
  private async pump(): Promise<void> {
    try {
      for await (const logged of this.subscription) {
        // The next event in order is applied at once; anything else may need the log.
        if (!this.applyNext(logged)) {
          try {
            await this.receive(logged);
          } catch (error) {
            this.options.onError(error, this.conferenceID);
          }
        }
        // Events delivered together (one append) reach the watchers together, once all are applied.
        if (this.subscription.buffered === 0) this.feed.flush();
      }
    } catch (error) {
      // The log's subscription failed (overflow policy `close`): stop; the watchers get the end.
      this.options.onError(error, this.conferenceID);
    }
  }

  /** Applies the event when it is the next one in order; false when it is not (an old one, or after a gap). */
  private applyNext(logged: LoggedEvent): boolean {
    const at = this.at;
    const next = at ? logged.epoch === at.epoch && logged.seq === at.seq + 1 : logged.seq === 1;
    if (next) this.applyLogged(logged);
    return next;
  }

  private async receive(logged: LoggedEvent): Promise<void> {
    const at = this.at;
    if (at && logged.epoch === at.epoch) {
      if (logged.seq <= at.seq) return;
      if (logged.seq === at.seq + 1) {
        this.applyLogged(logged);
        return;
      }
      // Events were missed (a dropped message, a reconnect of the transport): the log has them.
      const read = await this.log.read(this.conferenceID, at);
      if (read.kind === 'events') {
        for (const missed of read.events) {
          if (this.at && missed.seq === this.at.seq + 1) this.applyLogged(missed);
        }
        if (this.at && this.at.seq >= logged.seq) return;
      }
      await this.rebase(logged);
      return;
    }
    if (!at && logged.seq === 1) {
      this.applyLogged(logged);
      return;
    }
    await this.rebase(logged);
  }

  /**
   * The room lost its place (a new epoch of the log, or a gap the log no longer holds): it starts again from what
   * the log has (its checkpoint, then the events after it), or else keeps what it has and goes on from this event,
   * and hands its watchers the whole state.
   */
  private async rebase(logged: LoggedEvent): Promise<void> {
    if (logged.event.type === 'snapshot') {
      this.applyLogged(logged);
      return;
    }
    await this.resyncFromLog();
    const at = this.at;
    if (!at || at.epoch !== logged.epoch || at.seq < logged.seq) this.applySilently(logged);
    this.publishState('resync');
  }

  /**
   * Moves the room onto the log's current epoch: from its checkpoint when there is one ahead of the room, else
   * from the epoch's first event (keeping the room's data, which the epoch's full frames replace), applying the
   * retained events after. Answers whether the room moved; watchers are not told here.
   */
  private async resyncFromLog(): Promise<boolean> {
    const head = await this.log.head(this.conferenceID);
    if (!head) return false;
    const checkpoint = await this.log.loadCheckpoint(this.conferenceID);
    const here = this.at;
    const behind = (seq: number) => !here || here.epoch !== head.epoch || here.seq < seq;
    if (checkpoint && checkpoint.epoch === head.epoch && behind(checkpoint.seq)) {
      this.fold.apply({ type: 'snapshot', conferenceID: this.conferenceID, snapshot: checkpoint.snapshot });
      this.streamStatus = checkpoint.status;
      this.stateArrived ||= holdsState(checkpoint);
      this.at = { epoch: checkpoint.epoch, seq: checkpoint.seq };
    } else if (!here || here.epoch !== head.epoch) {
      this.at = { epoch: head.epoch, seq: 0 };
    } else {
      return false;
    }
    const read = await this.log.read(this.conferenceID, this.at);
    if (read.kind === 'events') {
      for (const missed of read.events) {
        if (this.at && missed.seq === this.at.seq + 1) this.applySilently(missed);
      }
    }
    return true;
  }

  /** The whole state, as one snapshot event, to every watcher (its updates say what changed since the last). */
  private publishState(reason: SnapshotReason): void {
    const event = this.stateEvent(reason);
    this.feed.publish({ event, updates: this.fold.next(event), position: this.at });
  }

  /** Applies one logged event to the state and hands it, with its updates, to the watchers. */
  private applyLogged(logged: LoggedEvent): void {
    const event: WatchedEvent = { ...logged.event, cursor: formatCursor(logged) };
    const updates = this.fold.next(event);
    this.moveTo(logged);
    // The watchers are woken by the pump once the batch is applied (or at once, elsewhere: see flush()).
    this.feed.publish({ event, updates, position: { epoch: logged.epoch, seq: logged.seq } }, false);
  }

  /** Applies one logged event to the state only (the watchers are told of the whole state afterwards). */
  private applySilently(logged: LoggedEvent): void {
    this.fold.apply(logged.event);
    this.moveTo(logged);
  }

  /** The room is now at this logged event: its status and position, and a checkpoint when one is due. */
  private moveTo(logged: LoggedEvent): void {
    const event = logged.event;
    if (event.type === 'status') this.streamStatus = event.status;
    // The holder logs the full frames after each Subscribe as one snapshot, and `live` after it.
    if (event.type === 'snapshot' || (event.type === 'status' && event.status === 'live'))
      this.stateArrived = true;
    this.at = { epoch: logged.epoch, seq: logged.seq };
    this.sinceCheckpoint++;
    const lease = this.options.lease();
    if (!lease) return;
    const due =
      this.sinceCheckpoint >= this.options.checkpointEvery ||
      event.type === 'snapshot' ||
      (event.type === 'status' && event.status === 'live');
    if (!due) return;
    this.sinceCheckpoint = 0;
    const checkpoint = {
      epoch: logged.epoch,
      seq: logged.seq,
      status: this.streamStatus,
      snapshot: this.fold.snapshot(),
    };
    this.log.saveCheckpoint(this.conferenceID, checkpoint, lease).catch((error: unknown) => {
      if (!(error instanceof LeaseLostError)) this.options.onError(error, this.conferenceID);
    });
  }
}

/** Whether a checkpoint holds the meeting server's state (not only the empty state of a stream still connecting). */
function holdsState(checkpoint: Checkpoint): boolean {
  return (
    checkpoint.status === 'live' || checkpoint.status === 'stale' || checkpoint.snapshot.basic !== undefined
  );
}
