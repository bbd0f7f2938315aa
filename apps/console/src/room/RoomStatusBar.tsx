import type { RoomState } from './roomState';
import { StatusFlag } from './StatusFlag';

/** The meeting's status as the feed last said: lock, mute, recording, captions, the feed's own state. */
export function RoomStatusBar({ room, ended }: { room: RoomState; ended: boolean }) {
  const status = room.status;
  return (
    <div className="status-bar" data-testid="room-status">
      {ended ? (
        <span className="flag flag-ended" data-flag="ended">
          Meeting ended
        </span>
      ) : room.pending === 'WAITING' ? (
        <span className="flag flag-waiting" data-flag="waiting">
          Waiting for the meeting to start
        </span>
      ) : (
        <span className="feed" data-feed={room.stream ?? 'none'}>
          feed: {room.stream?.toLowerCase() ?? 'waiting'}
        </span>
      )}
      <StatusFlag on={status?.locked} name="locked" label="Locked" />
      <StatusFlag on={status?.muteAll} name="mute-all" label="Everyone muted" />
      <StatusFlag on={status?.recording} name="recording" label="Recording" />
      <StatusFlag on={status?.subtitles ?? room.captionsOn} name="captions" label="Captions on" />
      <span className="count">
        {room.pending === 'CONNECTING' ? 'connecting to the meeting…' : `${room.participants.length} online`}
      </span>
    </div>
  );
}
