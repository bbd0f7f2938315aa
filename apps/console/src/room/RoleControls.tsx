import { useMutation } from '@apollo/client/react';
import { SetCoHostDocument, SetHostDocument } from '../operations/controls';
import type { RosterParticipant } from './roomState';
import { useControl } from './useControl';

/** A host's role controls on someone else's row: make or revoke co-host, hand over the host role. */
export function RoleControls({
  meetingId,
  participant,
}: {
  meetingId: string;
  participant: RosterParticipant;
}) {
  const [setCoHost] = useMutation(SetCoHostDocument);
  const [setHost] = useMutation(SetHostDocument);
  const { run, busy, error } = useControl();
  const { participantId } = participant;
  if (participant.isSelf || participant.role === 'HOST') return null;
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={() =>
          run(() => setCoHost({ variables: { meetingId, participantId, coHost: !participant.coHost } }))
        }
      >
        {participant.coHost ? 'Remove co-host' : 'Make co-host'}
      </button>
      <button
        type="button"
        disabled={busy}
        onClick={() => {
          const who = participant.name ?? participantId;
          if (window.confirm(`Hand the host role over to ${who}?`))
            run(() => setHost({ variables: { meetingId, participantId } }));
        }}
      >
        Make host
      </button>
      {error && <span className="error">{error}</span>}
    </>
  );
}
