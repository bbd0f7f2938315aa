import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  getVariableValues,
  parse,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import type { Logger } from 'pino';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { type RawData, WebSocketServer } from 'ws';
import type { Authenticator, Viewer } from './auth/jwt.js';
import { connectionToken, EXPIRED_TOKEN_CLOSE, refusalClose } from './auth/socketAuth.js';
import { SocketExpiry } from './auth/socketExpiry.js';
import type { GatewayContext } from './context.js';
import { type ErrorFormatter, GatewayErrorCode, gatewayError } from './errors.js';
import { type QueryLimits, rateLimited, retryAfterSeconds } from './limits.js';
import { createSharedSubscribe } from './live/sharedResults.js';
import { GatewaySocket, serialisedPayload } from './nextPayloads.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { OriginRule } from './originRule.js';
import { closeReason } from './socketClose.js';
import { useServerWithOperations } from './wsOperations.js';

/** What {@link attachGraphQLWs} needs. */
export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  schema: GraphQLSchema;
  authenticator: Authenticator;
  limiter: RateLimiterAbstract;
  /** One set of limits for HTTP and graphql-ws. */
  limits: QueryLimits;
  contextFor(viewer: Viewer): GatewayContext;
  errors: ErrorFormatter;
  metrics: GatewayMetrics;
  /** Where each operation's log line and refused socket messages go. */
  logger: Logger;
  /** Production: close reasons never carry an internal error's message. */
  production: boolean;
  /** Which browser origins may open a socket (the same rule as HTTP's CORS). */
  origins: OriginRule;
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
  const { schema, authenticator, limiter, contextFor, errors, metrics, limits, logger } = options;
  // ws closes a socket whose message is larger with 1009 before reading it whole (its default is 100 MiB).
  const wsServer = new WebSocketServer({
    // The upgrades are handed over below, once their origin is checked.
    noServer: true,
    path: options.path,
    maxPayload: limits.messageBytes,
    // Its send() splices a result's payload, serialised once, into each subscriber's message (see onNext).
    WebSocket: GatewaySocket,
  });
  // A browser sends its page's `Origin` on the upgrade (CORS does not apply to WebSockets). A refused origin gets
  // the socket and at once a 1008 (Policy Violation) close with the reason: a browser shows a page neither the
  // status nor the body of a refused upgrade (only a 1006, which graphql-ws clients retry), whereas it reads a
  // close's code and reason, and graphql-ws clients give up on 1008. graphql-ws never sees such a socket.
  const onUpgrade = (request: IncomingMessage, stream: Duplex, head: Buffer) => {
    wsServer.handleUpgrade(request, stream, head, (socket, upgraded) => {
      const origin = upgraded.headers.origin;
      if (!options.origins.allows(origin)) {
        logger.debug({ origin }, 'graphql-ws socket refused: origin not allowed');
        socket.close(1008, closeReason(`Origin ${origin} is not allowed (CORS_ORIGINS)`));
        return;
      }
      wsServer.emit('connection', socket, upgraded);
    });
  };
  options.httpServer.on('upgrade', onUpgrade);
  // A token that expires on an open socket closes it, so that the client reconnects with a fresh one.
  const socketExpiry = new SocketExpiry(EXPIRED_TOKEN_CLOSE.code, EXPIRED_TOKEN_CLOSE.reason);
  const validatedDocuments = new DocumentCache();
  // contextFor starts each operation: its deadline, span and log line.
  const cleanup = useServerWithOperations<Record<string, unknown>, { viewer?: Viewer }>(
    options.logger,
    {
      schema,
      isProd: options.production,
      subscribe: createSharedSubscribe(),
      onConnect: async (ctx) => {
        try {
          const viewer = await authenticator.verify(connectionToken(ctx.connectionParams));
          ctx.extra.viewer = viewer;
          // Nothing reads the upgrade request after this; thousands of idle sockets need not keep it.
          (ctx.extra as { request?: unknown }).request = undefined;
          if (viewer.expiresAtMs !== undefined) socketExpiry.watch(ctx.extra.socket, viewer.expiresAtMs);
          return true;
        } catch (error) {
          // Closed here with the code the client acts on (graphql-ws's own refusal is a bare 4403, which
          // clients retry forever); graphql-ws's close after `false` then finds the socket closing already.
          const { code, reason } = refusalClose(error);
          if (code === CloseCode.InternalServerError)
            logger.error({ err: error }, 'graphql-ws authentication failed');
          else if (code === 1013) logger.warn('JWT_JWKS_URL cannot be read: tokens cannot be checked');
          ctx.extra.socket.close(code, reason);
          return false;
        }
      },
      onClose: (ctx) => {
        socketExpiry.forget(ctx.extra.socket);
      },
      onSubscribe: async (ctx, _id, payload) => {
        const viewer = ctx.extra.viewer as Viewer;
        // graphql-ws has already registered this operation's id, so the count includes it.
        if (Object.keys(ctx.subscriptions).length > limits.maxSubscriptionsPerSocket) {
          return [
            gatewayError(
              GatewayErrorCode.LIMIT_EXCEEDED,
              `at most ${limits.maxSubscriptionsPerSocket} operations may be open on one socket`,
              { limit: 'subscriptionsPerSocket' },
            ),
          ];
        }
        try {
          await limiter.consume(viewer.userId);
        } catch (rejection) {
          return [rateLimited(retryAfterSeconds(rejection))];
        }
        // Validation depends only on the schema and the text, so a validated document serves every socket that
        // sends the same query (thousands of viewers of one meeting subscribe with the same few).
        let document = validatedDocuments.get(payload.query);
        if (!document) {
          try {
            document = parse(payload.query, { maxTokens: limits.maxTokens });
          } catch (error) {
            // A syntax error (or a document over the token limit) is the client's: answer it on this operation,
            // with the code Apollo gives it over HTTP, and keep the socket.
            const message = error instanceof GraphQLError ? error.message : 'unparsable query';
            return [gatewayError(GatewayErrorCode.GRAPHQL_PARSE_FAILED, message)];
          }
          const validationErrors = validate(schema, document, limits.allRules);
          if (validationErrors.length > 0) return validationErrors;
          validatedDocuments.set(payload.query, document);
        }
        // Variables are the client's: refused here, with the code Apollo gives them over HTTP, rather than as an
        // error inside the result that nothing marks as the client's.
        const variableErrors = coercionErrors(schema, document, payload);
        if (variableErrors) return variableErrors;
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
        // Without errors the payload is the result itself: serialised once for every subscriber it goes to.
        if (!result.errors?.length) return serialisedPayload(result) as unknown as FormattedExecutionResult;
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
  // graphql-ws prints every socket error to the console; those are the client's (a message over the size
  // limit, invalid UTF-8, a bad frame: ws has already closed the socket with 1009, 1007 or 1002), so they go to
  // the log instead, without the message.
  wsServer.on('connection', (socket) => {
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      logger.debug({ code: error.code, reason: error.message }, 'graphql-ws socket refused a message');
    });
    // graphql-ws answers a message only a server may send (connection_ack, next, error) by throwing, which its
    // adapter turns into 4500 "Internal server error": the client's mistake is refused here as 4400 instead.
    const handlers = socket.listeners('message') as Array<(data: RawData, isBinary: boolean) => void>;
    socket.removeAllListeners('message');
    socket.on('message', (data, isBinary) => {
      if (isServerMessage(data)) {
        socket.close(CloseCode.BadRequest, 'Invalid message received: a server message type');
        return;
      }
      for (const handler of handlers) handler.call(socket, data, isBinary);
    });
  });
  return {
    wsServer,
    dispose: async () => {
      await cleanup.dispose();
    },
    closeSockets() {
      for (const socket of wsServer.clients) socket.close(1001, 'server shutting down');
    },
    async close() {
      options.httpServer.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      socketExpiry.stop();
    },
  };
}

const SERVER_MESSAGE_TYPES = new Set(['connection_ack', 'next', 'error']);

/** Whether a received message is one only a server sends (its `type`); anything unparsable is graphql-ws's to refuse. */
function isServerMessage(data: RawData): boolean {
  try {
    const message = JSON.parse(String(data)) as { type?: unknown } | null;
    return typeof message?.type === 'string' && SERVER_MESSAGE_TYPES.has(message.type);
  } catch {
    return false;
  }
}

/** The errors of variables that do not coerce to the operation's definitions, each coded BAD_USER_INPUT. */
function coercionErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  payload: {
    operationName?: string | null | undefined;
    variables?: Record<string, unknown> | null | undefined;
  },
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, payload.operationName);
  if (!operation) {
    const message = payload.operationName
      ? `no operation named "${payload.operationName}"`
      : 'the document holds several operations: name one (operationName)';
    return [gatewayError(GatewayErrorCode.BAD_USER_INPUT, message)];
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], payload.variables ?? {}, {
    maxErrors: 10,
  });
  if (!coerced.errors) return undefined;
  return coerced.errors.map((error) =>
    gatewayError(GatewayErrorCode.BAD_USER_INPUT, error.message, { ...error.extensions }),
  );
}

/** Most characters of query text the validated-document cache holds (a few MB, whatever clients send). */
const DOCUMENT_CACHE_CHARS = 2_000_000;
/** Longer texts are validated each time rather than cached: real subscription documents are far smaller. */
const CACHEABLE_QUERY_CHARS = 20_000;

/** Validated documents by query text, bounded by total text size, oldest out first. */
class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();
  private chars = 0;

  get(query: string): DocumentNode | undefined {
    return this.documents.get(query);
  }

  set(query: string, document: DocumentNode): void {
    if (query.length > CACHEABLE_QUERY_CHARS || this.documents.has(query)) return;
    this.documents.set(query, document);
    this.chars += query.length;
    for (const oldest of this.documents.keys()) {
      if (this.chars <= DOCUMENT_CACHE_CHARS) break;
      this.documents.delete(oldest);
      this.chars -= oldest.length;
    }
  }
}
