/**
 * Where a recurring series stands: the sub-meeting it stands for now. Shared by scheduling (edits, cancellations)
 * and the lifecycle (a series that ends moves on to its next sub-meeting).
 */
import type { MeetingRecord, SubConfRecord } from './meetings.js';
import type { Store } from './store.js';

/**
 * The sub-meeting a series stands for now: the first one not yet over, else the last one. Cancelled sub-meetings
 * and those that have already run are skipped.
 */
export function currentSubConf(meeting: MeetingRecord, nowMs: number): SubConfRecord | undefined {
  const open = meeting.subConfs
    .filter((s) => !s.cancelled && !s.ended)
    .sort((a, b) => a.startTimeMs - b.startTimeMs);
  return open.find((s) => s.startTimeMs + s.lengthMinutes * 60_000 > nowMs) ?? open.at(-1);
}

/** Points a series' start and length at its current sub-meeting; false when none is left. */
export function syncSeries(store: Store, meeting: MeetingRecord): boolean {
  const current = currentSubConf(meeting, store.clock.now());
  if (!current) return false;
  meeting.startTimeMs = current.startTimeMs;
  meeting.lengthMinutes = current.lengthMinutes;
  return true;
}
