import { useQuery } from '@apollo/client/react';
import { MeetingDocument } from '../operations/meetings';
import { useSession } from '../session/SessionContext';
import { Captions } from './Captions';
import { InviteForm } from './InviteForm';
import { RoomControls } from './RoomControls';
import { RoomStatusBar } from './RoomStatusBar';
import { Roster } from './Roster';
import { SettingsPanel } from './SettingsPanel';
import { useRoomEvents } from './useRoomEvents';
import { WaitingRoom } from './WaitingRoom';

/** A meeting in progress: its live roster, waiting room, captions, settings and (for its hosts) the controls. */
export function MeetingRoom({ meetingId }: { meetingId: string }) {
  const { me } = useSession();
  const { data } = useQuery(MeetingDocument, { variables: { id: meetingId } });
  const { room, ended, error } = useRoomEvents(meetingId);
  const meeting = data?.meeting;
  // Controls are offered to the meeting's hosts and to administrators; the gateway decides in the end.
  const controls = !ended && (meeting?.viewerRole === 'HOST' || me.isAdmin);
  return (
    <div className="room" data-testid="room">
      <h2>{room.info?.subject ?? meeting?.subject ?? meetingId}</h2>
      <RoomStatusBar room={room} ended={ended} />
      {error && (
        <p className="notice error" role="alert">
          {error}
        </p>
      )}
      {controls && <RoomControls meetingId={meetingId} room={room} />}
      <div className="room-body">
        <Roster meetingId={meetingId} room={room} controls={controls} />
        <aside>
          <WaitingRoom meetingId={meetingId} waiting={room.waiting} controls={controls} />
          <Captions room={room} />
          <SettingsPanel meetingId={meetingId} room={room} controls={controls} />
          {controls && <InviteForm meetingId={meetingId} results={room.inviteResults} />}
        </aside>
      </div>
    </div>
  );
}
