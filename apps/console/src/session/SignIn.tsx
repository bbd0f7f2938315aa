import { type FormEvent, useState } from 'react';
import { DevUserList } from './DevUserList';
import { type SignOutReason, signOutMessage } from './signOutReason';

/** The sign-in page: paste a gateway token, or (in development) pick a seeded user. */
export function SignIn({ reason, onSignIn }: { reason: SignOutReason; onSignIn: (token: string) => void }) {
  const [token, setToken] = useState('');
  const message = signOutMessage[reason];
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim()) onSignIn(token.trim());
  };
  return (
    <main className="sign-in" data-testid="sign-in">
      <h1>hwmeeting console</h1>
      {message && (
        <p className="notice error" role="alert">
          {message}
        </p>
      )}
      <form onSubmit={submit}>
        <label>
          Gateway token (JWT)
          <textarea
            name="token"
            rows={3}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            placeholder="eyJhbGciOi…"
          />
        </label>
        <button type="submit" disabled={!token.trim()}>
          Sign in
        </button>
      </form>
      <DevUserList onPick={onSignIn} />
    </main>
  );
}
