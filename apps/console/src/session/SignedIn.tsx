import { ApolloProvider } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { ConnectionState } from '../apollo/connectionState';
import { createApolloClient } from '../apollo/createApolloClient';
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
  const signedIn = useMemo(
    () => createApolloClient({ token, connection, onSignOut }),
    [token, connection, onSignOut],
  );
  useEffect(() => () => signedIn.dispose(), [signedIn]);
  return (
    <ApolloProvider client={signedIn.client}>
      <CurrentUser connection={connection} onSignOut={onSignOut}>
        <Shell />
      </CurrentUser>
    </ApolloProvider>
  );
}
