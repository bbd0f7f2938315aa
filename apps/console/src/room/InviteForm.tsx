import { useMutation } from '@apollo/client/react';
import { type FormEvent, useState } from 'react';
import { InviteDocument } from '../operations/controls';
import type { InviteOutcome } from './roomState';
import { useControl } from './useControl';

/** Calls someone into the meeting by name and number; the feed reports how each call went. */
export function InviteForm({ meetingId, results }: { meetingId: string; results: InviteOutcome[] }) {
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [invite] = useMutation(InviteDocument);
  const { run, busy, error } = useControl();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run(() => invite({ variables: { meetingId, invitees: [{ name, phone }] } }).then(() => setName('')));
  };
  return (
    <section className="invite">
      <h3>Invite</h3>
      <form onSubmit={submit}>
        <input placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} required />
        <input
          placeholder="SIP or phone number"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          required
        />
        <button type="submit" disabled={busy || !name || !phone}>
          Call
        </button>
      </form>
      {error && <p className="error">{error}</p>}
      <ul>
        {results.map((result, index) => (
          // Results are events without IDs, only ever appended.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <li key={index}>
            {result.callNumber}: {result.ok ? 'answered' : (result.reason ?? 'failed')}
          </li>
        ))}
      </ul>
    </section>
  );
}
