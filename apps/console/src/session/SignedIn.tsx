import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { ConnectionState } from '../apollo/connectionState';
import { createApolloClient, type SignedInClient } from '../apollo/createApolloClient';
import { Shell } from '../layout/Shell';
import { CurrentUser } from './CurrentUser';
import type { SignOutReason } from './signOutReason';

/** A signed-in session: its Apollo client (HTTP and graphql-ws) and live connection state. */
export function SignedIn({
  token,
  onSignOut,
}: {
  token: string;
  onSignOut: (reason: SignOutReason) => void;
}) {
  const [connection] = useState(() => new ConnectionState());
  const [signedIn, setSignedIn] = useState<SignedInClient>();
  // Made and closed by the effect, so that every client made is closed (StrictMode mounts effects twice).
  useEffect(() => {
    const created = createApolloClient({ token, connection, onSignOut });
    setSignedIn(created);
    return () => created.dispose();
  }, [token, connection, onSignOut]);
  if (!signedIn) return null;
  return (
    <ApolloProvider client={signedIn.client}>
      <CurrentUser connection={connection} onSignOut={onSignOut}>
        <Shell />
      </CurrentUser>
    </ApolloProvider>
  );
}
