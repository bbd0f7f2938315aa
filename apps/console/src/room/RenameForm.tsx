import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { RenameParticipantDocument } from '../operations/controls';
import type { RosterParticipant } from './roomState';
import { useControl } from './useControl';

/** Renames a participant: a button that opens a name field; the new name shows when the feed sends it. */
export function RenameForm({
  meetingId,
  participant,
}: {
  meetingId: string;
  participant: RosterParticipant;
}) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [rename] = useMutation(RenameParticipantDocument);
  const { run, busy, error } = useControl();
  const { participantId } = participant;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(() =>
      rename({ variables: { meetingId, participantId, name: name.trim() } }).then(() => setEditing(false)),
    );
  };
  if (!editing)
    return (
      <button
        type="button"
        onClick={() => {
          setName(participant.name ?? '');
          setEditing(true);
        }}
      >
        Rename
      </button>
    );
  return (
    <form className="rename-form" onSubmit={submit}>
      <input
        aria-label="New name"
        value={name}
        maxLength={96}
        onChange={(e) => setName(e.target.value)}
        required
      />
      <button type="submit" disabled={busy || !name.trim()}>
        Save
      </button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
      {error && <span className="error">{error}</span>}
    </form>
  );
}
