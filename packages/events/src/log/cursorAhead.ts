import type { MeetingLog } from './meetingLog.js';
import { formatCursor, type StreamPosition } from './position.js';

/**
 * A resume position of the stream's current epoch beyond its newest event: no watcher was ever handed it, so it
 * is a client's mistake (made up, or altered), not an old position. Refused rather than waited on: the stream
 * would otherwise stay silent until it got that far.
 */
export class CursorAheadError extends Error {
  override readonly name = 'CursorAheadError';
  /** Stable code. */
  readonly code = 'CURSOR_AHEAD';

  constructor(
    readonly conferenceID: string,
    readonly position: StreamPosition,
    readonly head: StreamPosition | undefined,
  ) {
    super(
      `cursor ${formatCursor(position)} is ahead of meeting ${conferenceID}'s stream (newest ${
        head ? formatCursor(head) : 'none'
      })`,
    );
  }
}

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
