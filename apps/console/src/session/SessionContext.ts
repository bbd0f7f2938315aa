import { createContext, useContext } from 'react';
import type { ConnectionState } from '../apollo/connectionState';
import type { MeQuery } from '../gql/graphql';
import type { SignOutReason } from './signOutReason';

/** The signed-in session: who, the live connection, and signing out. */
export interface Session {
  me: MeQuery['me'];
  connection: ConnectionState;
  signOut(reason: SignOutReason): void;
}

/** The session of the signed-in part of the console. */
export const SessionContext = createContext<Session | undefined>(undefined);

/** The signed-in session (only below the signed-in shell). */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the signed-in console');
  return session;
}
