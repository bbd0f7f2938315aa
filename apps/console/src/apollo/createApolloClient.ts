import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { graphqlHttpUrl, graphqlWsUrl } from '../config';
import { type SignOutReason, signOutReasonOfClose } from '../session/signOutReason';
import type { ConnectionState } from './connectionState';

/** What {@link createApolloClient} needs. */
export interface ApolloClientOptions {
  token: string;
  connection: ConnectionState;
  /** The gateway refused the token (HTTP 401, or a graphql-ws close 4401/4403): back to the sign-in page. */
  onSignOut: (reason: SignOutReason) => void;
}

/** A client signed in with `token`, and a way to close its WebSocket. */
export interface SignedInClient {
  client: ApolloClient;
  dispose(): void;
}

/**
 * Apollo Client for one signed-in session: subscriptions over graphql-ws, queries and mutations over HTTP. The
 * graphql-ws client does not retry by itself (`retryAttempts: 0`): each live view resubscribes with the `after`
 * cursor of the last update it received, which a retry of the original payload could not carry.
 */
export function createApolloClient({ token, connection, onSignOut }: ApolloClientOptions): SignedInClient {
  const ws = createClient({
    url: graphqlWsUrl,
    // A function, so a token refreshed later would be read at each (re)connection.
    connectionParams: async () => ({ authorization: `Bearer ${token}` }),
    retryAttempts: 0,
    lazy: true,
    on: {
      connecting: () => connection.connecting(),
      connected: () => connection.connected(),
      closed: (event) => {
        const given = (event as { code?: unknown } | undefined)?.code;
        const code = typeof given === 'number' ? given : undefined;
        const reason = code === undefined ? undefined : signOutReasonOfClose(code);
        if (reason) onSignOut(reason);
        else connection.closed(code);
      },
    },
  });
  const refusals = new ErrorLink(({ error }) => {
    const unauthenticated =
      (ServerError.is(error) && error.statusCode === 401) ||
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'));
    if (!unauthenticated) return;
    const said = ServerError.is(error) ? error.bodyText : error.message;
    onSignOut(/expired/i.test(said) ? 'expired-token' : 'invalid-token');
  });
  const http = new HttpLink({ uri: graphqlHttpUrl, headers: { authorization: `Bearer ${token}` } });
  const isSubscription = ({ query }: ApolloLink.Operation) => {
    const definition = getMainDefinition(query);
    return (
      definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION
    );
  };
  const client = new ApolloClient({
    link: ApolloLink.from([refusals, ApolloLink.split(isSubscription, new GraphQLWsLink(ws), http)]),
    cache: new InMemoryCache(),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return {
    client,
    dispose() {
      void ws.dispose();
      client.stop();
    },
  };
}
