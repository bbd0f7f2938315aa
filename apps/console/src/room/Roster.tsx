import { RosterRow } from './RosterRow';
import { type RoomState, speakingIds } from './roomState';

/** Everyone online, as the feed last listed them. */
export function Roster({
  meetingId,
  room,
  controls,
}: {
  meetingId: string;
  room: RoomState;
  controls: boolean;
}) {
  const speaking = speakingIds(room);
  return (
    <section className="roster" data-testid="roster">
      <h3>Participants</h3>
      {room.participants.length === 0 && <p className="notice">Nobody online yet.</p>}
      <ul>
        {room.participants.map((participant) => (
          <RosterRow
            key={participant.id}
            meetingId={meetingId}
            participant={participant}
            speaking={speaking.has(participant.participantId)}
            controls={controls}
          />
        ))}
      </ul>
    </section>
  );
}
