import { useMutation } from '@apollo/client/react';
import { HangUpDocument, LowerHandDocument, MuteParticipantDocument } from '../operations/controls';
import { RenameForm } from './RenameForm';
import { RoleControls } from './RoleControls';
import type { RosterParticipant } from './roomState';
import { useControl } from './useControl';

/**
 * One participant: name, role, speaking, muted, hand up; for hosts, mute, lower hand, hang up, co-host, host and
 * rename.
 */
export function RosterRow({
  meetingId,
  participant,
  speaking,
  controls,
}: {
  meetingId: string;
  participant: RosterParticipant;
  speaking: boolean;
  controls: boolean;
}) {
  const [mute] = useMutation(MuteParticipantDocument);
  const [lowerHand] = useMutation(LowerHandDocument);
  const [hangUp] = useMutation(HangUpDocument);
  const { run, busy, error } = useControl();
  const { participantId } = participant;
  return (
    <li
      className="roster-row"
      data-participant={participantId}
      data-name={participant.name ?? ''}
      data-muted={participant.muted}
      data-hand={participant.handUp}
      data-speaking={speaking}
      data-self={participant.isSelf}
      data-cohost={participant.coHost}
      data-role={participant.role}
    >
      <span className="name">{participant.name ?? participantId}</span>
      {participant.isSelf && <span className="badge badge-self">you</span>}
      {participant.role === 'HOST' && <span className="badge">host</span>}
      {participant.coHost && <span className="badge">co-host</span>}
      {participant.state !== 'IN_MEETING' && <span className="badge">{participant.state.toLowerCase()}</span>}
      <span className="indicators">
        {speaking && <span className="pill pill-speaking">speaking</span>}
        <span className={`pill ${participant.muted ? 'pill-muted' : 'pill-open'}`}>
          {participant.muted ? 'muted' : 'mic on'}
        </span>
        {participant.handUp && <span className="pill pill-hand">hand up</span>}
      </span>
      {controls && (
        <span className="row-controls">
          <button
            type="button"
            disabled={busy}
            onClick={() =>
              run(() => mute({ variables: { meetingId, participantId, muted: !participant.muted } }))
            }
          >
            {participant.muted ? 'Unmute' : 'Mute'}
          </button>
          {participant.handUp && (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                run(() => lowerHand({ variables: { meetingId, participantIds: [participantId] } }))
              }
            >
              Lower hand
            </button>
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => hangUp({ variables: { meetingId, participantIds: [participantId] } }))}
          >
            Hang up
          </button>
          <RoleControls meetingId={meetingId} participant={participant} />
          <RenameForm meetingId={meetingId} participant={participant} />
        </span>
      )}
      {error && <span className="error">{error}</span>}
    </li>
  );
}
