import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { ConnectionState } from '../apollo/connectionState';
import { MeDocument } from '../operations/session';
import { SessionContext } from './SessionContext';
import type { SignOutReason } from './signOutReason';

/** Asks the gateway who the token is (a refused token signs out), then provides the session. */
export function CurrentUser({
  connection,
  onSignOut,
  children,
}: {
  connection: ConnectionState;
  onSignOut: (reason: SignOutReason) => void;
  children: ReactNode;
}) {
  const { data, error } = useQuery(MeDocument, { fetchPolicy: 'network-only' });
  if (error) return <p className="notice error">Could not sign in: {error.message}</p>;
  if (!data) return <p className="notice">Signing in…</p>;
  return <SessionContext value={{ me: data.me, connection, signOut: onSignOut }}>{children}</SessionContext>;
}
