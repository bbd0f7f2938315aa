import type { SubscribeOptions, Subscription } from '../pubsub/pubsub.js';
import type { MeetingSnapshot } from '../state/snapshot.js';
import type { LoggedEvent, MeetingStreamEvent, MeetingStreamStatus } from '../streams/streamEvent.js';
import type { UpstreamLease } from './lease.js';
import type { StreamPosition } from './position.js';

/** The state of a meeting at one position of its stream, kept so a watcher elsewhere can start from it. */
export type Checkpoint = Readonly<{
  epoch: string;
  seq: number;
  status: MeetingStreamStatus;
  snapshot: MeetingSnapshot;
}>;

/** What {@link MeetingLog.read} found after a position. */
export type ReadResult =
  /** Every retained event after the position, in order (none when the position is the newest). */
  | Readonly<{ kind: 'events'; events: readonly LoggedEvent[] }>
  /** The position is of another epoch, trimmed away, or ahead of the stream: start from a checkpoint. */
  | Readonly<{ kind: 'expired' }>;

/** Retention of a meeting's log. */
export interface LogRetention {
  /** Events kept per meeting (default 1000 in memory, 10 000 in Redis). */
  maxEvents?: number | undefined;
  /** How long an event is kept, ms (default 10 minutes). */
  maxAgeMs?: number | undefined;
}

/**
 * Every meeting's stream as an ordered, numbered log: the upstream holder appends (fenced by its lease), the log
 * publishes each event with its position to live subscribers, and keeps recent events and a checkpoint so a
 * watcher can resume after a position or start from the newest state. In memory for one process; in Redis
 * (Streams) for several replicas.
 */
export interface MeetingLog {
  /**
   * Appends events in order as the holder of `lease`, numbers them and publishes them. Rejects with
   * `LeaseLostError` (nothing appended) when the lease is no longer the meeting's current one.
   */
  append(
    conferenceID: string,
    events: readonly MeetingStreamEvent[],
    lease: UpstreamLease,
  ): Promise<readonly LoggedEvent[]>;
  /** The meeting's logged events published from now on (registered when this returns; `ready` as the pub/sub's). */
  subscribe(conferenceID: string, options?: SubscribeOptions): Subscription<LoggedEvent>;
  /** The retained events after a position, or `expired`. */
  read(conferenceID: string, after: StreamPosition): Promise<ReadResult>;
  /** The newest position, undefined when nothing is logged (in this epoch). */
  head(conferenceID: string): Promise<StreamPosition | undefined>;
  /** Stores the state at a position as the holder of `lease`, unless a newer one is stored. */
  saveCheckpoint(conferenceID: string, checkpoint: Checkpoint, lease: UpstreamLease): Promise<void>;
  /** The newest stored checkpoint of the current epoch. */
  loadCheckpoint(conferenceID: string): Promise<Checkpoint | undefined>;
  /** Ends every subscription; the log's storage stays (Redis) or goes (memory). */
  close(): Promise<void>;
}
