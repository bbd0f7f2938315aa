import { z } from 'zod';
import type { StateChange } from '../state/reducer.js';
import type { MeetingEvent, MeetingSnapshot } from '../state/snapshot.js';
import type { RealTimeSubtitleOptions } from '../subscriber.js';

/**
 * Where a meeting's stream is: `connecting` no socket subscribed yet; `live` changes flow; `stale` the socket is
 * open but nothing (not even a heartbeat echo) came for longer than a heartbeat interval and a margin (`live`
 * again with the next frame, a reconnect if it stays silent); `resyncing` a change was missed and the whole
 * state is being fetched; `reconnecting` the socket dropped; `ended` the meeting ended (or was not running).
 */
export const meetingStreamStatusSchema = z.enum([
  'connecting',
  'live',
  'stale',
  'resyncing',
  'reconnecting',
  'ended',
]);

/** Where a meeting's stream is (see {@link meetingStreamStatusSchema}). */
export type MeetingStreamStatus = z.infer<typeof meetingStreamStatusSchema>;

/**
 * Why a watcher is handed the whole state: `initial` first of a watch; `connecting` first of a watch, but the
 * meeting server's state has not arrived yet (the state is empty; a `resync` snapshot with it follows); `resync`
 * the upstream socket (re)subscribed and its full frames are in, or the stream lost its place (a gap upstream, a
 * new epoch of its storage); `lagged` the watcher fell behind and events were dropped; `expired` the cursor it
 * resumed from is no longer retained.
 */
export type SnapshotReason = 'initial' | 'connecting' | 'resync' | 'lagged' | 'expired';

/** One event of a meeting's stream, as the upstream holder logs it (JSON-serialisable). */
export type MeetingStreamEvent =
  /** The whole current state: after a resynchronisation, or when the stream's storage starts a new epoch. */
  | Readonly<{ type: 'snapshot'; conferenceID: string; snapshot: MeetingSnapshot; reason?: SnapshotReason }>
  /** Precise changes to the state, in order. */
  | Readonly<{ type: 'changes'; conferenceID: string; changes: readonly StateChange[] }>
  /** An event-like message: invite results, captions. */
  | Readonly<{ type: 'event'; conferenceID: string; event: MeetingEvent }>
  /** The stream's own state: a gap being resynchronised, a reconnect, the meeting's end. */
  | Readonly<{ type: 'status'; conferenceID: string; status: MeetingStreamStatus; detail?: string }>;

/** A logged event: its place in the meeting's stream and the event. */
export type LoggedEvent = Readonly<{ epoch: string; seq: number; event: MeetingStreamEvent }>;

/**
 * An event as a watcher receives it, with its `cursor` (a watcher's first state waits for the stream's first event,
 * so it is undefined only when the watch ended before the stream logged anything).
 */
export type WatchedEvent = MeetingStreamEvent & Readonly<{ cursor: string | undefined }>;

/** An order for the replica holding a meeting's upstream socket, sent by a replica that does not hold it. */
export type MeetingCommand = Readonly<{
  type: 'subtitle';
  conferenceID: string;
  on: boolean;
  options: RealTimeSubtitleOptions;
}>;

/** Topics of the meeting commands on a pub/sub: `command:<conferenceID>`. */
export interface MeetingCommandTopics {
  command: MeetingCommand;
}
