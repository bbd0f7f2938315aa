import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { type MeetingRecord, newLiveState } from './meetings.js';
import { currentSubConf, syncSeries } from './series.js';
import type { Store } from './store.js';

/** The meeting with this ID, or the published "meeting does not exist" answer (400). */
export function requireMeeting(store: Store, conferenceID: string): MeetingRecord {
  const meeting = store.meetings.get(conferenceID);
  if (!meeting) throw new SimHttpError(400, SimErrorCode.MMC_MEETING_NOT_FOUND, 'meeting does not exist');
  return meeting;
}

/** The meeting if it is in progress, or the published "not started or already ended" answer. */
export function requireInProgress(
  store: Store,
  conferenceID: string,
): MeetingRecord & { live: NonNullable<MeetingRecord['live']> } {
  const meeting = requireMeeting(store, conferenceID);
  if (meeting.state !== 'Created' || !meeting.live) {
    throw new SimHttpError(400, SimErrorCode.MMC_NOT_STARTED, 'meeting not started or already ended');
  }
  return meeting as MeetingRecord & { live: NonNullable<MeetingRecord['live']> };
}

/** Starts a scheduled meeting (activation, or a first participant joining). No-op when already running. */
export function startMeeting(store: Store, meeting: MeetingRecord): void {
  if (meeting.state === 'Created' && meeting.live) return;
  if (meeting.endedAtMs !== undefined) {
    // Running a meeting again (a single meeting restarted, a series' next sub-meeting) is a new instance with a
    // new UUID; the ended run keeps the old one in history.
    meeting.confUUID = store.ids.uuid();
    meeting.endedAtMs = undefined;
  }
  meeting.state = 'Created';
  const held = meeting.conferenceType === 2 ? currentSubConf(meeting, store.clock.now()) : undefined;
  meeting.live = newLiveState(store.clock.now(), held?.cycleSubConfID);
  store.emit({ kind: 'meeting.started', conferenceID: meeting.conferenceID });
}

/** What whoever ends a meeting knows about the run beyond its live state. */
export interface EndOptions {
  /** The run left a recording even though none is running now (test control). */
  hasRecordFile?: boolean | undefined;
  /**
   * The run ends because it is cancelled (M3, R3, R5 with `type=1`). UNVERIFIED: a cancelled run leaves no
   * history entry (the simulator has always dropped it).
   */
  cancelled?: boolean | undefined;
}

/**
 * A history entry of the run that is ending: the meeting as it ran, detached from later edits. A series' entry
 * holds only the sub-meeting it ran, so its history view names that sub-meeting.
 * UNVERIFIED: how the server lists a series' past sub-meetings in history; we list each run as its own entry
 * with the series' meeting ID, the run's confUUID and the sub-meeting's scheduled start.
 */
function historyEntry(meeting: MeetingRecord, endedAtMs: number, hasRecordFile: boolean): MeetingRecord {
  const { live, ...rest } = meeting;
  const entry: MeetingRecord = {
    ...structuredClone(rest),
    state: 'Destroyed',
    endedAtMs,
    live: undefined,
    hasRecordFile,
  };
  const held = entry.subConfs.find((s) => s.cycleSubConfID === live?.cycleSubConfID);
  if (held) entry.subConfs = [held];
  return entry;
}

/**
 * Ends a meeting in progress: everyone leaves, control and WebSocket tokens die and the run goes to history
 * (returned, unless cancelled). A series whose sub-meetings are not all held goes back to `Schedule` with its next one; the rest
 * stays `Destroyed` (a restarted single meeting runs again as a new instance).
 */
export function endMeeting(
  store: Store,
  meeting: MeetingRecord,
  options: EndOptions = {},
): MeetingRecord | undefined {
  if (meeting.state !== 'Created') return undefined;
  const live = meeting.live;
  const endedAtMs = store.clock.now();
  const recorded = live?.recording === true || options.hasRecordFile === true;
  const entry = options.cancelled ? undefined : historyEntry(meeting, endedAtMs, recorded);
  if (entry) store.history.push(entry);
  meeting.state = 'Destroyed';
  meeting.endedAtMs = endedAtMs;
  if (recorded) meeting.hasRecordFile = true;
  meeting.live = undefined;
  for (const [token, record] of store.controlTokens) {
    if (record.conferenceID === meeting.conferenceID) store.controlTokens.delete(token);
  }
  for (const [token, record] of store.wsTokens) {
    if (record.conferenceID === meeting.conferenceID) store.wsTokens.delete(token);
  }
  // Listeners (webhooks, push) see the run as it ended, before a series moves on.
  store.emit({ kind: 'meeting.ended', conferenceID: meeting.conferenceID });
  if (meeting.conferenceType === 2) {
    const held = meeting.subConfs.find((s) => s.cycleSubConfID === live?.cycleSubConfID);
    if (held) held.ended = true;
    // UNVERIFIED: the series is listed again (M4) as scheduled, standing for its next sub-meeting, with no
    // confUUID until that one runs; no further change is emitted (webhooks already sent `meeting.end` only).
    if (syncSeries(store, meeting)) meeting.state = 'Schedule';
  }
  return entry;
}
