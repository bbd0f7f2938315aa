import { GraphQLError } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { closeReason, type SocketClose } from '../socketClose.js';
import { requiredBearerToken, TokenRefusal } from './jwt.js';

// How graphql-ws connections present their token, and how a refusal closes the socket. The close code is what a
// graphql-ws client (graphql-ws 6's createClient, under Apollo Client's GraphQLWsLink and urql) acts on: it gives
// up on 4401 (Unauthorized: the same token will never pass) and reconnects on 4403 (Forbidden), calling its
// connectionParams function again, so a client that fetches a fresh token there recovers from an expired one.

/** WebSocket's "Try Again Later" (RFC 6455 registry): graphql-ws clients reconnect on it. */
const TRY_AGAIN_LATER = 1013;

/** The close of a socket whose token expired, at connection or while open: the client reconnects with a fresh one. */
export const EXPIRED_TOKEN_CLOSE: SocketClose = {
  code: CloseCode.Forbidden,
  reason: 'Forbidden: the token has expired; reconnect with a fresh one',
};

/**
 * The bearer token of graphql-ws `connectionParams`: its `authorization` entry in any letter case
 * (`Authorization`, as a header is written, is common), holding `Bearer <token>` with the scheme in any case.
 * Throws the UNAUTHENTICATED error of a missing or malformed value.
 */
export function connectionToken(params: Readonly<Record<string, unknown>> | undefined | null): string {
  const key = params ? Object.keys(params).find((name) => name.toLowerCase() === 'authorization') : undefined;
  return requiredBearerToken(key === undefined ? undefined : params?.[key], 'connectionParams.authorization');
}

/**
 * How a refused connection closes: 4403 for an expired token (the client reconnects with fresh
 * connectionParams), 1013 when the token could not be checked (the client reconnects later), 4401 for any other
 * refused token (the client stops), 4500 for anything unexpected.
 */
export function refusalClose(error: unknown): SocketClose {
  // The token could not be checked (the identity provider's keys are unreadable): 1013, which clients retry.
  if (error instanceof GraphQLError && error.extensions.code === 'UPSTREAM_UNAVAILABLE') {
    return { code: TRY_AGAIN_LATER, reason: closeReason(`Try again later: ${error.message}`) };
  }
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'UNAUTHENTICATED') {
    return { code: CloseCode.InternalServerError, reason: 'Internal server error' };
  }
  if (error.extensions.reason === TokenRefusal.EXPIRED) return EXPIRED_TOKEN_CLOSE;
  return { code: CloseCode.Unauthorized, reason: closeReason(`Unauthorized: ${error.message}`) };
}
