import { CursorAheadError } from '../errors.js';
import type { MeetingLog } from './meetingLog.js';
import type { StreamPosition } from './position.js';

/**
 * Rejects with {@link CursorAheadError} when `position` is of the log's current epoch and beyond its head. The
 * head is the log's own (with a shared log, the stream's across replicas: a cursor handed out by a replica ahead
 * of this one is accepted). A position of another epoch is not ahead: it is merely no longer retained.
 */
export async function refuseCursorAhead(
  log: MeetingLog,
  conferenceID: string,
  position: StreamPosition,
): Promise<void> {
  const head = await log.head(conferenceID);
  if (head?.epoch === position.epoch && position.seq > head.seq)
    throw new CursorAheadError(conferenceID, position, head);
}
