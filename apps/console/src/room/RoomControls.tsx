import { useMutation } from '@apollo/client/react';
import {
  EndMeetingDocument,
  LockMeetingDocument,
  MuteAllDocument,
  SetRecordingDocument,
  SetSubtitlesDocument,
} from '../operations/controls';
import type { RoomState } from './roomState';
import { useControl } from './useControl';

/** The meeting-wide controls; each button's label follows the status the feed last sent. */
export function RoomControls({ meetingId, room }: { meetingId: string; room: RoomState }) {
  const [lock] = useMutation(LockMeetingDocument);
  const [muteAll] = useMutation(MuteAllDocument);
  const [record] = useMutation(SetRecordingDocument);
  const [subtitles] = useMutation(SetSubtitlesDocument);
  const [end] = useMutation(EndMeetingDocument);
  const { run, busy, error } = useControl();
  const status = room.status;
  const captionsOn = status?.subtitles ?? room.captionsOn ?? false;
  return (
    <div className="room-controls" data-testid="room-controls">
      <button
        type="button"
        disabled={busy}
        onClick={() => run(() => lock({ variables: { meetingId, locked: !status?.locked } }))}
      >
        {status?.locked ? 'Unlock' : 'Lock'}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => run(() => muteAll({ variables: { meetingId, muted: !status?.muteAll } }))}
      >
        {status?.muteAll ? 'Unmute all' : 'Mute all'}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => run(() => record({ variables: { meetingId, recording: !status?.recording } }))}
      >
        {status?.recording ? 'Stop recording' : 'Record'}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => run(() => subtitles({ variables: { meetingId, on: !captionsOn } }))}
      >
        {captionsOn ? 'Captions off' : 'Captions on'}
      </button>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm('End the meeting for everyone?')) run(() => end({ variables: { meetingId } }));
        }}
      >
        End meeting
      </button>
      {error && <span className="error">{error}</span>}
    </div>
  );
}
