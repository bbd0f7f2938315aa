import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { RequestHandler } from 'express';
import { type GraphQLFormattedError, getOperationAST } from 'graphql';
import type { GatewayContext } from '../context.js';
import { traceContextOf } from '../observability/tracing.js';
import type { GatewayOperation, OperationTracker } from '../operation.js';
import { requestIdFrom } from '../requestId.js';

/** The operation of an HTTP GraphQL request (set by {@link startHttpOperation}). */
export function httpOperationOf(res: { locals: Record<string, unknown> }): GatewayOperation | undefined {
  return res.locals.operation as GatewayOperation | undefined;
}

/**
 * Starts the operation of each GraphQL request (its deadline runs from here, its span continues the caller's
 * `traceparent`) and finishes it when the response is done or the client has gone. CORS preflights are not
 * operations.
 */
export function startHttpOperation(tracker: OperationTracker): RequestHandler {
  return (req, res, next) => {
    if (req.method === 'OPTIONS') {
      next();
      return;
    }
    const requestId = (req as { id?: string }).id ?? requestIdFrom(req.header('x-request-id'));
    const operation = tracker.start('http', requestId, traceContextOf(req.headers));
    res.locals.operation = operation;
    res.once('close', () => {
      const cancelled = !res.writableFinished;
      // The client left before the answer: its upstream calls stop now, not at the deadline.
      if (cancelled) operation.deadline.abort('client-gone');
      operation.finish({ cancelled, status: res.statusCode });
    });
    next();
  };
}

/** Runs the rest of the request (Apollo, the resolvers) with the operation's span active. */
export const runInHttpOperation: RequestHandler = (_req, res, next) => {
  const operation = httpOperationOf(res);
  if (operation) operation.run(next);
  else next();
};

const codesOf = (errors: readonly GraphQLFormattedError[] | undefined): string[] =>
  (errors ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));

/** An Apollo plugin that tells each HTTP operation its type, name and the codes of the errors answered. */
export function operationPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue, request }) {
      const operation = contextValue.operation;
      if (!operation) return;
      return {
        async didResolveOperation({ operation: definition, operationName }) {
          operation.describe(definition?.operation, operationName ?? undefined);
        },
        async willSendResponse({ response, document }) {
          if (!operation.described) {
            // Refused before it was resolved (invalid, or unparsable: then only what the request called it).
            const definition = document ? getOperationAST(document, request.operationName) : undefined;
            operation.describe(definition?.operation, request.operationName ?? definition?.name?.value);
          }
          // The formatted errors: the codes the front end got.
          const { body } = response;
          operation.recordErrors(
            codesOf(body.kind === 'single' ? body.singleResult.errors : body.initialResult.errors),
          );
        },
      };
    },
  };
}

/** What every answer of the GraphQL pipeline says to caches: each is the viewer's own, and live. */
const NO_STORE: GraphQLRequestListener<GatewayContext> = {
  async willSendResponse({ response }) {
    response.http.headers.set('cache-control', 'no-store');
  },
};

/**
 * An Apollo plugin that marks every answer `cache-control: no-store`, as Apollo's cache-control plugin did with
 * no cache hints in the schema, without that plugin's per-field work (it wraps every resolver to compute a
 * policy that here is always "do not store").
 */
export function noStorePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return NO_STORE;
    },
  };
}
