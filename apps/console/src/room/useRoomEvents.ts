import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { RoomEventsDocument } from '../operations/room';
import { useSession } from '../session/SessionContext';
import { recallRoom, rememberRoom } from './roomMemory';
import { emptyRoom, foldRoomEvent, type RoomState } from './roomState';

/** A room's live view: its state, whether the meeting ended, and a refusal to show. */
export interface RoomView {
  room: RoomState;
  ended: boolean;
  error: string | undefined;
}

/** Waits before resubscribing after a lost connection, ms: doubling from 500 up to 8 s. */
const retryDelayMs = (attempt: number) => Math.min(500 * 2 ** attempt, 8000);

/**
 * Subscribes to a meeting's live feed (`meetingEvents`) and folds it into the room's state. Every update's cursor
 * is kept (with the state, in sessionStorage): after a lost connection, or a page reload, the room resubscribes
 * with `after` set to it and receives only what it missed.
 */
export function useRoomEvents(meetingId: string): RoomView {
  const client = useApolloClient();
  const { me, connection } = useSession();
  const viewer = me.thirdPartyId ?? me.id;
  const [view, setView] = useState<RoomView>(() => ({
    room: recallRoom(viewer, meetingId)?.state ?? emptyRoom,
    ended: false,
    error: undefined,
  }));

  useEffect(() => {
    const memory = recallRoom(viewer, meetingId);
    let cursor = memory?.cursor;
    let room = memory?.state ?? emptyRoom;
    let attempt = 0;
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let subscription: { unsubscribe(): void } | undefined;
    setView({ room, ended: false, error: undefined });

    const start = () => {
      if (cursor) connection.resumedFromCursor();
      let failed = false;
      subscription = client
        .subscribe({ query: RoomEventsDocument, variables: { meetingId, after: cursor ?? null } })
        .subscribe({
          next: ({ data, error }) => {
            if (error) {
              failed = true;
              if (!CombinedGraphQLErrors.is(error)) return scheduleRetry();
              // A cursor the gateway no longer reads: start afresh rather than stop.
              if (cursor && error.errors.some((e) => e.extensions?.field === 'after')) {
                cursor = undefined;
                rememberRoom(viewer, meetingId, undefined);
                return scheduleRetry();
              }
              setView((v) => ({ ...v, error: error.errors.map((e) => e.message).join('; ') }));
              return;
            }
            const event = data?.meetingEvents;
            if (!event) return;
            attempt = 0;
            room = foldRoomEvent(room, event);
            if (event.cursor) cursor = event.cursor;
            if (cursor) rememberRoom(viewer, meetingId, { cursor, state: room });
            setView({ room, ended: false, error: undefined });
          },
          complete: () => {
            // A subscription completes without an error only when the meeting ended.
            if (failed || stopped) return;
            rememberRoom(viewer, meetingId, undefined);
            setView((v) => ({ ...v, ended: true }));
          },
        });
    };
    const scheduleRetry = () => {
      if (stopped) return;
      subscription?.unsubscribe();
      retry = setTimeout(start, retryDelayMs(attempt++));
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(retry);
      subscription?.unsubscribe();
    };
  }, [client, connection, meetingId, viewer]);

  return view;
}
