import { z } from 'zod';
import { emptyRoom, type RoomState } from './roomState';

/**
 * What a room remembers across a page reload, in this tab's sessionStorage: the state and the cursor of the last
 * update it folded. A reload shows the state at once and resubscribes after the cursor, instead of starting over.
 */
export interface RoomMemory {
  cursor: string;
  state: RoomState;
}

// The stored state is our own, but storage is a boundary: a shape from an older console is dropped, not trusted.
const memorySchema = z.object({
  cursor: z.string().min(1),
  state: z.looseObject({
    participants: z.array(z.looseObject({ participantId: z.string() })),
    waiting: z.array(z.looseObject({ participantId: z.string() })),
    speakers: z.array(z.looseObject({ participantId: z.string() })),
    captions: z.array(z.looseObject({ text: z.string() })),
    inviteResults: z.array(z.looseObject({ ok: z.boolean() })),
  }),
});

const keyOf = (viewer: string, meetingId: string) => `hwmeeting.console.room.${viewer}.${meetingId}`;

/** The remembered room of `viewer` for `meetingId`, if any. */
export function recallRoom(viewer: string, meetingId: string): RoomMemory | undefined {
  const raw = sessionStorage.getItem(keyOf(viewer, meetingId));
  if (!raw) return undefined;
  try {
    const parsed = memorySchema.safeParse(JSON.parse(raw));
    if (parsed.success)
      return {
        cursor: parsed.data.cursor,
        state: { ...emptyRoom, ...(parsed.data.state as object) } as RoomState,
      };
  } catch {
    // Not JSON: dropped below like any other unreadable memory.
  }
  sessionStorage.removeItem(keyOf(viewer, meetingId));
  return undefined;
}

/** Remembers the room (undefined forgets it, e.g. once the meeting ended). */
export function rememberRoom(viewer: string, meetingId: string, memory: RoomMemory | undefined): void {
  if (memory) sessionStorage.setItem(keyOf(viewer, meetingId), JSON.stringify(memory));
  else sessionStorage.removeItem(keyOf(viewer, meetingId));
}
