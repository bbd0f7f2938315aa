import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { type MeetingRecord, newLiveState } from './meetings.js';
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
  if (meeting.state === 'Destroyed') {
    // Running an ended meeting again is a new instance with a new UUID.
    meeting.confUUID = store.ids.uuid();
    meeting.endedAtMs = undefined;
  }
  meeting.state = 'Created';
  meeting.live = newLiveState(store.clock.now());
  store.emit({ kind: 'meeting.started', conferenceID: meeting.conferenceID });
}

/** Ends a meeting in progress: everyone leaves, control and WebSocket tokens die, it goes to history. */
export function endMeeting(store: Store, meeting: MeetingRecord): void {
  if (meeting.state !== 'Created') return;
  meeting.state = 'Destroyed';
  meeting.endedAtMs = store.clock.now();
  if (meeting.live?.recording) meeting.hasRecordFile = true;
  meeting.live = undefined;
  for (const [token, record] of store.controlTokens) {
    if (record.conferenceID === meeting.conferenceID) store.controlTokens.delete(token);
  }
  for (const [token, record] of store.wsTokens) {
    if (record.conferenceID === meeting.conferenceID) store.wsTokens.delete(token);
  }
  store.emit({ kind: 'meeting.ended', conferenceID: meeting.conferenceID });
}
