import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createMeetingClient, MeetingApiError, type MeetingClient } from '@hwmeeting/client';
import { issueClientLogin } from '@hwmeeting/signer';
import type { Simulator } from '@hwmeeting/simulator';
import cors from 'cors';
import express from 'express';
import {
  type DocumentNode,
  GraphQLError,
  type GraphQLFormattedError,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { type Authenticator, bearerToken, createAuthenticator, type Viewer } from './auth/jwt.js';
import { SocketExpiry } from './auth/socketExpiry.js';
import { createBackplane } from './backplane.js';
import type { GatewayEnv } from './config.js';
import { type GatewayContext, RequestContext } from './context.js';
import { GatewayErrorCode, gatewayError, toGraphQLError } from './errors.js';
import { createLogger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { buildSchema } from './schema/index.js';
import { LiveEvents, type LiveEventsOptions } from './subscriptions/live.js';
import { createSharedSubscribe } from './subscriptions/sharedResults.js';
import {
  createEnterpriseReceiver,
  registerWebhook,
  webhookRoute,
  webhookSubscriber,
} from './subscriptions/webhooks.js';

/** What {@link startGateway} needs; the upstream endpoint must already be known (real or simulated). */
export interface GatewayOptions {
  env: GatewayEnv;
  /** Upstream base URL (the configured endpoint or the embedded simulator's). */
  endpoint: string;
  appId: string;
  appKey: string;
  logger?: Logger | undefined;
  /**
   * The embedded simulator, when the gateway runs on one: the gateway then registers its own webhook route
   * there (with a generated subscriber unless WEBHOOK_SUBSCRIBER_ID/KEY are set), so enterpriseEvents works.
   */
  simulator?: Simulator | undefined;
  /** Timings of the upstream meeting sockets (tests shorten the reconnect backoff). */
  meetingSockets?: LiveEventsOptions['subscriber'];
}

/** A running gateway. */
export interface Gateway {
  /** `http://host:port/graphql`. */
  url: string;
  /** `ws://host:port/graphql`. */
  wsUrl: string;
  port: number;
  authenticator: Authenticator;
  client: MeetingClient;
  metrics: GatewayMetrics;
  /** Meeting streams (one upstream socket per meeting) and enterprise events. */
  live: LiveEvents;
  httpServer: Server;
  /** Stops accepting, finishes in-flight work, closes sockets with 1001, logs out upstream. */
  close(): Promise<void>;
}

/** Starts the gateway: Express 5 + Apollo Server 5 over HTTP and graphql-ws on the same port and path. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { env } = options;
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const metrics = new GatewayMetrics();
  const production = env.NODE_ENV === 'production';
  const backplane = createBackplane(env, logger);
  const client = createMeetingClient({
    endpoint: options.endpoint,
    credentials: {
      appId: options.appId,
      appKey: options.appKey,
      corpId: env.HWMEETING_CORP_ID,
      tenancy: env.HWMEETING_TENANCY,
      adminUserId: env.HWMEETING_ADMIN_USER_ID,
    },
    onEvent: (event) => metrics.upstream(event),
    tokenStore: backplane.tokenStore,
  });
  const live = new LiveEvents({
    client,
    graceMs: env.STREAM_GRACE_SECONDS * 1000,
    reauthorizeMs: env.REAUTHORIZE_SECONDS * 1000,
    retention: { maxEvents: env.STREAM_RETENTION_EVENTS, maxAgeMs: env.STREAM_RETENTION_SECONDS * 1000 },
    adminUserId: env.HWMEETING_ADMIN_USER_ID,
    corpId: env.HWMEETING_CORP_ID,
    metrics,
    logger,
    backplane,
    subscriber: options.meetingSockets,
  });
  backplane.onResubscribed(() => live.streams.recheck());
  const webhook = webhookSubscriber(env, options.simulator !== undefined);
  const authenticator = createAuthenticator({
    secret: env.JWT_SECRET,
    jwksUrl: env.JWT_JWKS_URL,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
  });
  const schema = buildSchema({
    appId: options.appId,
    // The appKey stays in this closure: resolvers get a signer, never the key.
    signClientLogin: (userId) =>
      issueClientLogin({
        appId: options.appId,
        appKey: options.appKey,
        userId,
        corpId: env.HWMEETING_CORP_ID,
        tenancy: env.HWMEETING_TENANCY,
      }),
  });
  const { limiter } = backplane;
  const armor = new ApolloArmor({
    maxDepth: { n: env.MAX_DEPTH },
    costLimit: { maxCost: env.MAX_COST },
    maxAliases: { n: env.MAX_ALIASES },
    maxTokens: { n: env.MAX_TOKENS },
    blockFieldSuggestion: { enabled: production },
  }).protect();

  const services = { client, logger, live, adminUserId: env.HWMEETING_ADMIN_USER_ID };
  const contextFor = (viewer: Viewer): GatewayContext => new RequestContext(viewer, services);

  const formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    if (mapped !== original || original instanceof MeetingApiError) {
      const graphQLError = mapped as { message: string; extensions: Record<string, unknown> };
      return { ...formatted, message: graphQLError.message, extensions: graphQLError.extensions };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && production) {
      logger.error({ err: original }, 'unexpected error');
      return { message: 'internal error', extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return formatted;
  };
  /** The same formatting over graphql-ws, where Apollo's formatError does not run; every error gets a code. */
  const formatSocketError = (error: GraphQLError, defaultCode: string): GraphQLFormattedError => {
    const formatted = error.toJSON();
    const code = formatted.extensions?.code ?? defaultCode;
    return formatError({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
  };

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const wsServer = new WebSocketServer({ server: httpServer, path: env.GRAPHQL_PATH });
  // A token that expires on an open socket closes it, so that the client reconnects with a fresh one.
  const socketExpiry = new SocketExpiry(CloseCode.Forbidden, 'Forbidden');
  const validationRules = [...specifiedRules, ...armor.validationRules];
  const validatedDocuments = new Map<string, DocumentNode>();
  const sharedSubscribe = createSharedSubscribe();
  const wsCleanup = useServer<Record<string, unknown>, { viewer?: Viewer }>(
    {
      schema,
      subscribe: sharedSubscribe,
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
          const errors = validate(schema, document, validationRules);
          if (errors.length > 0) return errors;
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
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => formatSocketError(error, 'GRAPHQL_VALIDATION_FAILED')),
      onNext: (_ctx, _id, _payload, _args, result) => {
        if (!result.errors?.length) return;
        return {
          ...(result.data !== undefined ? { data: result.data } : {}),
          ...(result.extensions !== undefined ? { extensions: result.extensions } : {}),
          errors: result.errors.map((error) =>
            formatSocketError(error, GatewayErrorCode.INTERNAL_SERVER_ERROR),
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

  const rateLimit: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ contextValue, operation }) {
          try {
            await limiter.consume(contextValue.viewer.userId);
          } catch {
            throw gatewayError(GatewayErrorCode.RATE_LIMITED, 'too many requests; slow down', {
              http: { status: 429 },
            });
          }
          metrics.requests.inc({ type: operation?.operation ?? 'unknown', outcome: 'started' });
        },
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          metrics.latency.observe({ type }, (performance.now() - started) / 1000);
          for (const error of errors ?? [])
            metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };

  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: env.INTROSPECTION ?? !production,
    csrfPrevention: true,
    // main.ts owns shutdown; Apollo's own handler would re-raise the signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // Armor's typings come from Apollo's CommonJS build; the plugins are the same objects.
      ...(armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[]),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      rateLimit,
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
    formatError,
  });
  await apollo.start();

  const corsOrigins = env.CORS_ORIGINS?.split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  app.use((req, res, next) => {
    const id = req.header('x-request-id') ?? randomUUID();
    res.setHeader('X-Request-ID', id);
    (req as IncomingMessage & { id?: string }).id = id;
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await client.auth.token(env.HWMEETING_ADMIN_USER_ID, { signal: AbortSignal.timeout(3000) });
      // Redis away is reported but does not take the replica out: it serves on, limiting and streaming locally.
      res.json({ status: 'ready', redis: backplane.redisState() });
    } catch (error) {
      const code = error instanceof MeetingApiError ? error.code : 'UNKNOWN';
      res.status(503).json({ status: 'unavailable', upstream: code, redis: backplane.redisState() });
    }
  });
  app.get('/metrics', async (_req, res) => {
    live.refreshMetrics();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  if (webhook) {
    // Enterprise events: signed deliveries from the meeting server, verified, then published to enterpriseEvents.
    app.post(
      env.WEBHOOK_PATH,
      ...webhookRoute(createEnterpriseReceiver(webhook, live, logger, backplane.dedupe)),
    );
  } else {
    logger.info('no webhook route: WEBHOOK_SUBSCRIBER_ID and WEBHOOK_SUBSCRIBER_KEY are not set');
  }
  app.use(
    env.GRAPHQL_PATH,
    cors(corsOrigins?.length ? { origin: corsOrigins } : { origin: false }),
    express.json({ limit: env.BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let viewer: Viewer;
        try {
          viewer = await authenticator.verify(bearerToken(req.headers.authorization));
        } catch (error) {
          const message = error instanceof Error ? error.message : 'unauthenticated';
          throw gatewayError(GatewayErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
        }
        return contextFor(viewer);
      },
    }),
  );

  const host = env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(env.PORT, host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const shown = host === '0.0.0.0' ? '127.0.0.1' : host;
  logger.info({ port, host }, 'gateway listening');
  if (webhook && options.simulator) {
    // The simulator checks the URL with a verify delivery during the call, so this runs after listen.
    const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}${env.WEBHOOK_PATH}`;
    await registerWebhook(client, webhook, url, { userId: env.HWMEETING_ADMIN_USER_ID }).then(
      () => logger.info({ url }, 'webhook registered with the embedded simulator'),
      (error: unknown) => logger.warn({ err: error }, 'could not register the webhook with the simulator'),
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}${env.GRAPHQL_PATH}`,
    wsUrl: `ws://${shown}:${port}${env.GRAPHQL_PATH}`,
    port,
    authenticator,
    client,
    metrics,
    live,
    httpServer,
    close: () => {
      closing ??= (async () => {
        for (const socket of wsServer.clients) socket.close(1001, 'server shutting down');
        await apollo.stop();
        await new Promise<void>((resolve) => wsServer.close(() => resolve()));
        socketExpiry.stop();
        // Before the client goes: the upstream sockets get their tokens from it.
        await live.close();
        await backplane.close();
        const result = await client.dispose();
        if (result.failed.length > 0)
          logger.warn({ failed: result.failed.length }, 'some upstream logouts failed');
      })();
      return closing;
    },
  };
}
