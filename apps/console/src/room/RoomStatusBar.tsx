import type { RoomState } from './roomState';

/** One flag of the meeting's status, shown when it is on. */
function Flag({ on, name, label }: { on: boolean | null | undefined; name: string; label: string }) {
  if (!on) return null;
  return (
    <span className={`flag flag-${name}`} data-flag={name}>
      {label}
    </span>
  );
}

/** The meeting's status as the feed last said: lock, mute, recording, captions, the feed's own state. */
export function RoomStatusBar({ room, ended }: { room: RoomState; ended: boolean }) {
  const status = room.status;
  return (
    <div className="status-bar" data-testid="room-status">
      {ended ? (
        <span className="flag flag-ended" data-flag="ended">
          Meeting ended
        </span>
      ) : (
        <span className="feed" data-feed={room.stream ?? 'none'}>
          feed: {room.stream?.toLowerCase() ?? 'waiting'}
        </span>
      )}
      <Flag on={status?.locked} name="locked" label="Locked" />
      <Flag on={status?.muteAll} name="mute-all" label="Everyone muted" />
      <Flag on={status?.recording} name="recording" label="Recording" />
      <Flag on={status?.subtitles ?? room.captionsOn} name="captions" label="Captions on" />
      <span className="count">{room.participants.length} online</span>
    </div>
  );
}
