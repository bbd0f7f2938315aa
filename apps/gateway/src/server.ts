import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import { issueClientLogin } from '@hwmeeting/signer';
import type { Simulator } from '@hwmeeting/simulator';
import express from 'express';
import type { Logger } from 'pino';
import { type Authenticator, createAuthenticator, type Viewer } from './auth/jwt.js';
import { createBackplane } from './backplane.js';
import { type GatewayEnv, gatewayMode } from './config.js';
import { type GatewayContext, RequestContext } from './context.js';
import { createErrorFormatter } from './errors.js';
import { mountRoutes } from './http.js';
import { createQueryLimits, rateLimitPlugin } from './limits.js';
import { createLogger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { upstreamLog } from './observability/upstreamLog.js';
import { buildSchema } from './schema/index.js';
import { LiveEvents, type LiveEventsOptions } from './subscriptions/live.js';
import { registerWebhook, webhookSubscriber } from './subscriptions/webhooks.js';
import { attachGraphQLWs } from './ws.js';

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
  const production = gatewayMode(env) === 'production';
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
    ...upstreamLog(logger, metrics),
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
  const limits = createQueryLimits(env, production);
  const services = { client, logger, live, adminUserId: env.HWMEETING_ADMIN_USER_ID };
  const contextFor = (viewer: Viewer): GatewayContext => new RequestContext(viewer, services);
  const errors = createErrorFormatter(logger, production);

  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  const ws = attachGraphQLWs({
    httpServer,
    path: env.GRAPHQL_PATH,
    schema,
    authenticator,
    limiter: backplane.limiter,
    limits,
    contextFor,
    errors,
    metrics,
    logger,
    production,
  });
  const apollo = new ApolloServer<GatewayContext>({
    schema,
    introspection: env.INTROSPECTION ?? !production,
    csrfPrevention: true,
    // main.ts owns shutdown; Apollo's own handler would re-raise the signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    validationRules: limits.armorRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      ...limits.apolloPlugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      rateLimitPlugin(backplane.limiter, metrics),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
    formatError: errors.format,
  });
  await apollo.start();
  mountRoutes(app, {
    env,
    apollo,
    authenticator,
    contextFor,
    client,
    backplane,
    live,
    metrics,
    logger,
    webhook,
    messageBytes: limits.messageBytes,
    development: !production,
  });

  // Binding every interface is a deployment choice, not a convenience: only NODE_ENV=production makes it the default.
  const host = env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
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
        ws.closeSockets();
        await apollo.stop();
        await ws.close();
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
