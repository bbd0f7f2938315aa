import { useMutation } from '@apollo/client/react';
import { AdmitDocument } from '../operations/controls';
import type { WaitingMember } from './roomState';
import { useControl } from './useControl';

/** Who waits to be let in; hosts admit one or everyone. */
export function WaitingRoom({
  meetingId,
  waiting,
  controls,
}: {
  meetingId: string;
  waiting: WaitingMember[];
  controls: boolean;
}) {
  const [admit] = useMutation(AdmitDocument);
  const { run, busy, error } = useControl();
  return (
    <section className="waiting-room" data-testid="waiting-room">
      <h3>Waiting room ({waiting.length})</h3>
      <ul>
        {waiting.map((member) => (
          <li key={member.participantId} data-waiting={member.participantId}>
            <span className="name">{member.name ?? member.participantId}</span>
            {member.state === 'ADMITTED' && <span className="badge">admitted</span>}
            {controls && member.state === 'WAITING' && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  run(() => admit({ variables: { meetingId, participantId: member.participantId } }))
                }
              >
                Admit
              </button>
            )}
          </li>
        ))}
      </ul>
      {controls && waiting.length > 1 && (
        <button
          type="button"
          disabled={busy}
          onClick={() => run(() => admit({ variables: { meetingId, all: true } }))}
        >
          Admit everyone
        </button>
      )}
      {error && <p className="error">{error}</p>}
    </section>
  );
}
