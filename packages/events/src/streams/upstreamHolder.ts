import { LeaseLostError } from '../errors.js';
import { STATE_MESSAGE_TYPES } from '../frames/registry.js';
import type { UpstreamLease } from '../log/lease.js';
import type { MeetingLog } from '../log/meetingLog.js';
import type { PubSub, Subscription } from '../pubsub/pubsub.js';
import { MeetingStateReducer } from '../state/reducer.js';
import {
  DEFAULT_SUBSCRIBE_TYPES,
  MeetingSubscriber,
  type MeetingSubscriberOptions,
  type RealTimeSubtitleOptions,
  type SubscriberClient,
} from '../subscriber.js';
import type { MeetingCommandTopics, MeetingStreamEvent, MeetingStreamStatus } from './streamEvent.js';

/** What a holder needs besides its meeting and lease. */
export interface UpstreamHolderOptions {
  /** Gets the control and WebSocket tokens. */
  client: SubscriberClient;
  /** Where the holder appends the meeting's events. */
  log: MeetingLog;
  /** Options of the upstream subscriber. */
  subscriber: MeetingSubscriberOptions;
  /** Commands from replicas without the socket (captions), when the ownership is shared. */
  commands: PubSub<MeetingCommandTopics> | undefined;
  /** How long to wait before appending again after the log failed, ms. */
  retryMs: number;
  /** Failures recovered from. */
  onError: (error: unknown, conferenceID: string) => void;
  /** The lease was lost (taken by another replica, or not renewed in time): the holder has stopped. */
  onLost: () => void;
  /**
   * After Subscribe, how long to wait for the full frame of every subscribed state type before the state is
   * logged with what came, ms (default 2000; the server sends them all within about 100 ms).
   */
  fullFramesWithinMs?: number | undefined;
  /** Log `connecting` as the socket opens, so watchers waiting for the state have a place in the stream at once. */
  logConnecting?: boolean | undefined;
}

/** Default of {@link UpstreamHolderOptions.fullFramesWithinMs}. */
const FULL_FRAMES_WITHIN_MS = 2000;

/**
 * The upstream socket of a meeting, while this process holds the meeting's lease: push frames reduced into the
 * meeting's state, and every change, event and status appended to the meeting's log (batched per tick, in
 * order, fenced by the lease). Knows nothing of who watches: they read the log.
 */
export class UpstreamHolder {
  private readonly subscriber: MeetingSubscriber;
  private readonly reducer: MeetingStateReducer;
  /** The last status this holder logged. */
  private logged: MeetingStreamStatus = 'connecting';
  /**
   * Between Subscribe's answer and the last full frame: the state types whose full frame has not come yet (their
   * frames go into the reducer only; the whole state is logged at once when none is left, see collected()).
   */
  private awaitingFull: Set<string> | undefined;
  private collectTimer: NodeJS.Timeout | undefined;
  /** The subscribed state types: each sends a full frame right after Subscribe. */
  private readonly stateTypes: ReadonlySet<string>;
  /** Events waiting to be appended, in order. */
  private pending: MeetingStreamEvent[] = [];
  private flushing = false;
  /** The epoch of the last append (a change means the log's storage lost the stream). */
  private epoch: string | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private isStopped = false;
  private commands: Subscription<MeetingCommandTopics['command']> | undefined;

  /** Opens the upstream socket of `conferenceID` under `lease`. */
  constructor(
    readonly conferenceID: string,
    readonly lease: UpstreamLease,
    private readonly options: UpstreamHolderOptions,
  ) {
    // A new socket: its `live` is logged once it subscribed and its full frames are in, whatever an earlier
    // holder logged.
    this.subscriber = new MeetingSubscriber(options.client, conferenceID, options.subscriber);
    this.reducer = new MeetingStateReducer(conferenceID);
    const subscribed: readonly string[] = options.subscriber.subscribeTypes ?? DEFAULT_SUBSCRIBE_TYPES;
    this.stateTypes = new Set<string>(STATE_MESSAGE_TYPES.filter((type) => subscribed.includes(type)));
    // Readers waiting for the state get a place (a cursor) in the stream before the server answers.
    if (options.logConnecting) this.append({ type: 'status', conferenceID, status: 'connecting' });
    this.listen();
    if (options.commands) void this.obey(options.commands.subscribe(`command:${conferenceID}`));
    lease.signal.addEventListener(
      'abort',
      () => {
        if (this.isStopped) return;
        // Another replica took the meeting (or this one could not renew in time): it now holds the socket.
        void this.stop().then(() => options.onLost());
      },
      { once: true },
    );
    this.subscriber.start();
  }

  /** The last status this holder logged. */
  get status(): MeetingStreamStatus {
    return this.logged;
  }

  /** Whether the holder let the socket go. */
  get stopped(): boolean {
    return this.isStopped;
  }

  /** Sends the captions frame on the socket (B.5.8); false when it could not be sent. */
  setRealTimeSubtitle(on: boolean, options: RealTimeSubtitleOptions): boolean {
    return this.subscriber.setRealTimeSubtitle(on, options);
  }

  /** Closes the upstream socket and gives the lease up (the lease first, so another may take it at once). */
  async stop(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.collectTimer);
    this.commands?.unsubscribe();
    const releasing = this.lease.release();
    await this.subscriber.stop();
    await releasing;
  }

  private listen(): void {
    const { subscriber, reducer, conferenceID } = this;
    subscriber.on('subscribed', () => {
      // A new socket sends full frames of every type: numbering restarts, the data stays until replaced. They are
      // collected into one snapshot, so watchers get the whole state at once rather than type by type.
      reducer.reset();
      this.collect();
    });
    subscriber.on('message', (message) => {
      const result = reducer.apply(message);
      switch (result.kind) {
        case 'applied':
          if (this.awaitingFull) {
            this.awaitingFull.delete(result.type);
            // An increment means the full frames are over, whether or not every type sent one.
            if (this.awaitingFull.size === 0 || !result.full) this.collected();
          } else if (result.changes.length > 0) {
            this.append({ type: 'changes', conferenceID, changes: result.changes });
          }
          break;
        case 'event':
          this.append({ type: 'event', conferenceID, event: result.event });
          break;
        case 'resync':
          // A missed increment: the state of that type cannot be trusted; a fresh socket sends full frames.
          this.stopCollecting();
          this.setStatus('resyncing', `${result.type}: ${result.reason}`);
          subscriber.resubscribe();
          break;
        default:
          break;
      }
    });
    // A silent socket is reported well before the subscriber gives it up as dead (2.5 heartbeats by default).
    subscriber.on('stale', () => {
      if (this.logged === 'live') this.setStatus('stale');
    });
    subscriber.on('fresh', () => {
      if (this.logged === 'stale') this.setStatus('live');
    });
    subscriber.on('reconnecting', () => {
      this.stopCollecting();
      this.setStatus('reconnecting');
    });
    subscriber.on('ended', (reason) => {
      this.stopCollecting();
      this.setStatus('ended', reason);
    });
    subscriber.on('stopped', (reason) => {
      this.stopCollecting();
      if (reason !== 'stop') this.setStatus('ended', reason);
    });
    // Errors are recovered by the subscriber itself (reconnects); they are surfaced through its log.
    subscriber.on('error', () => undefined);
  }

  /** Starts collecting the full frames that follow Subscribe (bounded by `fullFramesWithinMs`). */
  private collect(): void {
    this.stopCollecting();
    this.awaitingFull = new Set(this.stateTypes);
    if (this.awaitingFull.size === 0) {
      this.collected();
      return;
    }
    this.collectTimer = setTimeout(
      () => this.collected(),
      this.options.fullFramesWithinMs ?? FULL_FRAMES_WITHIN_MS,
    );
    this.collectTimer.unref();
  }

  /**
   * The full frames are in (or their time is up): the whole state is logged as one snapshot, then `live`. Every
   * (re)connection thus hands watchers the whole state once, as a resynchronisation.
   */
  private collected(): void {
    if (!this.awaitingFull) return;
    this.stopCollecting();
    this.append({
      type: 'snapshot',
      conferenceID: this.conferenceID,
      snapshot: this.reducer.snapshot(),
      reason: 'resync',
    });
    this.setStatus('live');
  }

  private stopCollecting(): void {
    clearTimeout(this.collectTimer);
    this.collectTimer = undefined;
    this.awaitingFull = undefined;
  }

  private setStatus(status: MeetingStreamStatus, detail?: string): void {
    if (this.logged === status) return;
    this.logged = status;
    this.append({ type: 'status', conferenceID: this.conferenceID, status, ...(detail ? { detail } : {}) });
  }

  /** Carries out the commands other replicas send to this holder, until it lets the socket go. */
  private async obey(commands: Subscription<MeetingCommandTopics['command']>): Promise<void> {
    this.commands = commands;
    try {
      for await (const command of commands) {
        if (command.type === 'subtitle') this.subscriber.setRealTimeSubtitle(command.on, command.options);
      }
    } catch (error) {
      this.options.onError(error, this.conferenceID);
    }
  }

  /** Queues an event for the log; appends are batched per tick and kept in order. */
  private append(event: MeetingStreamEvent): void {
    if (this.isStopped) return;
    this.pending.push(event);
    if (!this.flushing && this.retryTimer === undefined) {
      this.flushing = true;
      queueMicrotask(() => void this.flush());
    }
  }

  private async flush(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.isStopped) {
        const batch = this.pending.splice(0);
        try {
          const logged = await this.options.log.append(this.conferenceID, batch, this.lease);
          const first = logged[0];
          if (this.epoch !== undefined && first !== undefined && first.epoch !== this.epoch) {
            // The storage lost the stream under this holder (Redis restarted empty): the new epoch gets the whole
            // state this holder has, so watchers that lost their place can start from it.
            this.pending.unshift(this.wholeState());
          }
          this.epoch = first?.epoch ?? this.epoch;
        } catch (error) {
          if (error instanceof LeaseLostError) {
            await this.stop();
            this.options.onLost();
            return;
          }
          this.options.onError(error, this.conferenceID);
          // What failed is replaced by the whole state, appended when the log is back.
          this.pending = [this.wholeState()];
          this.retryTimer = setTimeout(() => {
            this.retryTimer = undefined;
            this.flushing = true;
            void this.flush();
          }, this.options.retryMs);
          this.retryTimer.unref();
          return;
        }
      }
    } finally {
      if (this.retryTimer === undefined) this.flushing = false;
    }
  }

  private wholeState(): MeetingStreamEvent {
    return {
      type: 'snapshot',
      conferenceID: this.conferenceID,
      snapshot: this.reducer.snapshot(),
      reason: 'resync',
    };
  }
}
