import type { Server } from 'node:http';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLSchema,
  parse,
  type ValidationRule,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { WebSocketServer } from 'ws';
import { type Authenticator, bearerToken, type Viewer } from './auth/jwt.js';
import { SocketExpiry } from './auth/socketExpiry.js';
import type { GatewayContext } from './context.js';
import { type ErrorFormatter, GatewayErrorCode, gatewayError } from './errors.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { createSharedSubscribe } from './subscriptions/sharedResults.js';
import { useServerWithOperations } from './wsOperations.js';

/** What {@link attachGraphQLWs} needs. */
export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticator: Authenticator;
  limiter: RateLimiterAbstract;
  /** graphql-js's rules and the query limits. */
  validationRules: readonly ValidationRule[];
  contextFor(viewer: Viewer): GatewayContext;
  errors: ErrorFormatter;
  metrics: GatewayMetrics;
  /** Where each operation's log line goes. */
  logger: Logger;
}

/** graphql-ws on the HTTP server's upgrade path. */
export interface GraphQLWs {
  readonly wsServer: WebSocketServer;
  /** Tells every open socket the server is going away (1001). */
  closeSockets(): void;
  /** Stops accepting and ends the expiry sweep (after Apollo's drain). */
  close(): Promise<void>;
  /** Ends graphql-ws's own bookkeeping (Apollo's drain phase). */
  dispose(): Promise<void>;
}

/** Serves GraphQL subscriptions (and queries) over graphql-ws on `path`, authenticated by connectionParams. */
export function attachGraphQLWs(options: GraphQLWsOptions): GraphQLWs {
  const { schema, authenticator, limiter, contextFor, errors, metrics } = options;
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  // A token that expires on an open socket closes it, so that the client reconnects with a fresh one.
  const socketExpiry = new SocketExpiry(CloseCode.Forbidden, 'Forbidden');
  const validatedDocuments = new Map<string, DocumentNode>();
  // contextFor starts each operation: its deadline, span and log line.
  const cleanup = useServerWithOperations<Record<string, unknown>, { viewer?: Viewer }>(
    options.logger,
    {
      schema,
      subscribe: createSharedSubscribe(),
      onConnect: async (ctx) => {
        try {
          const viewer = await authenticator.verify(bearerToken(ctx.connectionParams?.authorization));
          ctx.extra.viewer = viewer;
          // Nothing reads the upgrade request after this; thousands of idle sockets need not keep it.
          (ctx.extra as { request?: unknown }).request = undefined;
          if (viewer.expiresAtMs !== undefined) socketExpiry.watch(ctx.extra.socket, viewer.expiresAtMs);
          return true;
        } catch {
          return false; // graphql-ws closes with 4403 Forbidden.
        }
      },
      onClose: (ctx) => {
        socketExpiry.forget(ctx.extra.socket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer as Viewer;
        try {
          await limiter.consume(viewer.userId);
        } catch {
          return [gatewayError(GatewayErrorCode.RATE_LIMITED, 'too many requests; slow down')];
        }
        // Validation depends only on the schema and the text, so a validated document serves every socket that
        // sends the same query (thousands of viewers of one meeting subscribe with the same few).
        let document = validatedDocuments.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query);
          } catch (error) {
            // A syntax error is the client's: answer it on this operation, keep the socket.
            return [
              error instanceof GraphQLError
                ? error
                : gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'unparsable query'),
            ];
          }
          const validationErrors = validate(schema, document, options.validationRules);
          if (validationErrors.length > 0) return validationErrors;
          if (validatedDocuments.size >= 1000) {
            validatedDocuments.delete(validatedDocuments.keys().next().value as string);
          }
          validatedDocuments.set(payload.query, document);
        }
        return {
          schema,
          document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: contextFor(viewer),
        };
      },
      onError: (_ctx, _id, _payload, list) =>
        list.map((error) => errors.formatSocket(error, 'GRAPHQL_VALIDATION_FAILED')),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return {
          ...(result.data !== undefined ? { data: result.data } : {}),
          ...(result.extensions !== undefined ? { extensions: result.extensions } : {}),
          errors: result.errors.map((error) =>
            errors.formatSocket(error, GatewayErrorCode.INTERNAL_SERVER_ERROR),
          ),
        };
      },
      onOperation: () => {
        metrics.openSubscriptions.inc();
      },
      onComplete: () => {
        metrics.openSubscriptions.dec();
      },
    },
    wsServer,
  );
  return {
    wsServer,
    dispose: async () => {
      await cleanup.dispose();
    },
    closeSockets() {
      for (const socket of wsServer.clients) socket.close(1001, 'server shutting down');
    },
    async close() {
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      socketExpiry.stop();
    },
  };
}
