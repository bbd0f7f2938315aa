import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import { issueClientLogin } from '@hwmeeting/signer';
import express from 'express';
import type { Logger } from 'pino';
import { ANSWER_AFTER_ABORT_MS, createApollo } from './apollo.js';
import { developmentSigningKey } from './auth/developmentKey.js';
import { type Authenticator, createAuthenticator, type Viewer } from './auth/jwt.js';
import { createBackplane } from './backplane.js';
import { type GatewayEnv, gatewayMode } from './config.js';
import { type GatewayContext, RequestContext } from './context.js';
import type { DevUser } from './embedded.js';
import { createErrorFormatter } from './errors.js';
import { mountRoutes } from './http/routes.js';
import { registerWebhook, webhookSubscriber } from './http/webhookRoute.js';
import { createQueryLimits } from './limits.js';
import { LiveEvents, type LiveEventsOptions } from './live/live.js';
import { createLogger } from './observability/logger.js';
import { GatewayMetrics } from './observability/metrics.js';
import { metricsHandler, metricsPlacement, startMetricsServer } from './observability/metricsRoute.js';
import { upstreamLog } from './observability/upstreamLog.js';
import { type GatewayOperation, OperationTracker } from './operation.js';
import { createOriginRule } from './originRule.js';
import { withDeadlines } from './resolverDeadlines.js';
import { buildSchema } from './schema/index.js';
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
   * The upstream is the embedded simulator (see `embedded.ts`): the gateway then registers its own webhook route
   * there (with a generated subscriber unless WEBHOOK_SUBSCRIBER_ID/KEY are set), so enterpriseEvents works.
   */
  embedded?: boolean | undefined;
  /** The embedded simulator's seeded users: the console offers them for a development sign-in. */
  devUsers?: readonly DevUser[] | undefined;
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
  /** Development without JWT_SECRET: the file its signing key is kept in (tokens outlive a restart). */
  developmentKeyFile: string | undefined;
  client: MeetingClient;
  metrics: GatewayMetrics;
  /** Meeting streams (one upstream socket per meeting) and enterprise events. */
  live: LiveEvents;
  httpServer: Server;
  /** `http://host:port/metrics` when the metrics have their own port (METRICS_PORT). */
  metricsUrl: string | undefined;
  /** GraphQL operations in flight (deadlines, log lines, spans). */
  operations: OperationTracker;
  /**
   * Stops accepting, lets in-flight operations finish for `drainMs` (default SHUTDOWN_TIMEOUT_MS), then aborts
   * and answers (SHUTTING_DOWN) what is left, closes sockets with 1001 and logs out upstream.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

/** After the drain: how long the upstream logouts may take before the gateway stops without them, ms. */
const LOGOUT_MS = 2000;
/** Time a shutdown takes beyond its drain, at most (main.ts gives up after SHUTDOWN_TIMEOUT_MS plus this), ms. */
export const SHUTDOWN_GRACE_MS = 5000;

/** Starts the gateway: Express 5 + Apollo Server 5 over HTTP and graphql-ws on the same port and path. */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { env } = options;
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const metrics = new GatewayMetrics();
  const production = gatewayMode(env) === 'production';
  // First: a key file that holds no key stops the start before anything is opened.
  const developmentKey = await developmentSigningKey(env, production, logger);
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
    firstUpdateWaitMs: env.FIRST_UPDATE_WAIT_MS,
    lobby: { pollMs: env.LOBBY_POLL_MS, graceMs: env.LOBBY_GRACE_SECONDS * 1000 },
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
  const webhook = webhookSubscriber(env, options.embedded === true);
  const authenticator = createAuthenticator({
    secret: env.JWT_SECRET ?? developmentKey?.secret,
    jwksUrl: env.JWT_JWKS_URL,
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
  });
  const builtSchema = buildSchema({
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
  // Every resolver raced against its operation's deadline: answered on time even if a resolver hangs.
  const schema = withDeadlines(builtSchema);
  const limits = createQueryLimits(env, production);
  const services = { client, logger, live, adminUserId: env.HWMEETING_ADMIN_USER_ID };
  const operations = new OperationTracker(logger, env.OPERATION_TIMEOUT_MS);
  const contextFor = (viewer: Viewer, operation?: GatewayOperation): GatewayContext => {
    operation?.identify(viewer);
    return new RequestContext(viewer, services, operation);
  };
  const errors = createErrorFormatter(logger, production);
  const origins = createOriginRule(env.CORS_ORIGINS ?? [], !production);

  const app = express();
  app.disable('x-powered-by');
  // No ETag: every GraphQL answer is no-store (its own viewer's, live), so nothing would ever revalidate one, and
  // Express would hash every answer's body to make it (a page of meetings is kilobytes).
  app.set('etag', false);
  const httpServer = createServer(app);
  const ws = attachGraphQLWs({
    httpServer,
    path: env.GRAPHQL_PATH,
    schema,
    authenticator,
    limiter: backplane.limiter,
    limits,
    // Each graphql-ws operation gets its own request id.
    contextFor: (viewer) => contextFor(viewer, operations.start('ws', randomUUID())),
    errors,
    metrics,
    logger,
    production,
    origins,
  });
  const apollo = createApollo({
    schema,
    limits,
    httpServer,
    ws,
    errors,
    limiter: backplane.limiter,
    metrics,
  });
  await apollo.start();
  mountRoutes(app, {
    env,
    apollo,
    authenticator,
    contextFor,
    operations,
    serveMetrics: metricsPlacement(env, production) === 'main',
    client,
    backplane,
    live,
    metrics,
    logger,
    webhook,
    devUsers: options.devUsers,
    messageBytes: limits.messageBytes,
    origins,
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
  const metricsServer = await serveMetricsApart();
  if (webhook && options.embedded) {
    // Enabling makes the simulator check the URL with a verify delivery during the call: after listen.
    const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}${env.WEBHOOK_PATH}`;
    const admin = { userId: env.HWMEETING_ADMIN_USER_ID };
    await registerWebhook(client, webhook, url, admin, env.HWMEETING_CORP_ID).then(
      () => logger.info({ url }, 'webhook configured and enabled on the embedded simulator'),
      (error: unknown) =>
        logger.warn({ err: error }, 'could not configure and enable the webhook on the simulator'),
    );
  }

  let closing: Promise<void> | undefined;
  return {
    url: `http://${shown}:${port}${env.GRAPHQL_PATH}`,
    wsUrl: `ws://${shown}:${port}${env.GRAPHQL_PATH}`,
    port,
    authenticator,
    developmentKeyFile: developmentKey?.file,
    client,
    metrics,
    live,
    httpServer,
    metricsUrl: metricsServer
      ? `http://${shown.includes(':') ? `[${shown}]` : shown}:${(metricsServer.address() as AddressInfo).port}/metrics`
      : undefined,
    operations,
    close: (closeOptions = {}) => {
      closing ??= (async () => {
        // Stop accepting (new connections and upgrades); requests on open connections are still served.
        httpServer.close();
        metricsServer?.close();
        const drainMs = closeOptions.drainMs ?? env.SHUTDOWN_TIMEOUT_MS;
        if (!(await operations.whenIdle(drainMs))) {
          // Past the drain: cut what is left through the operations' signals; each answers SHUTTING_DOWN.
          const aborted = operations.abortAll();
          logger.warn({ aborted, drainMs }, 'shutdown: aborting operations still in flight after the drain');
          if (!(await operations.whenIdle(ANSWER_AFTER_ABORT_MS)))
            logger.warn(
              { left: operations.inFlightCount },
              'shutdown: some operations did not answer in time',
            );
        }
        ws.closeSockets();
        await apollo.stop();
        await ws.close();
        // Before the client goes: the upstream sockets get their tokens from it.
        await live.close();
        await backplane.close();
        // Logging out is a courtesy to the upstream: a hung upstream must not hold the shutdown.
        const result = await Promise.race([
          client.dispose(),
          new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOGOUT_MS).unref()),
        ]);
        if (result === undefined)
          logger.warn({ afterMs: LOGOUT_MS }, 'shutdown: upstream logouts unfinished');
        else if (result.failed.length > 0)
          logger.warn({ failed: result.failed.length }, 'some upstream logouts failed');
      })();
      return closing;
    },
  };

  /** The metrics' own server when METRICS_PORT is set (on the gateway's host); a warning when they are off. */
  async function serveMetricsApart(): Promise<Server | undefined> {
    const placement = metricsPlacement(env, production);
    if (placement === 'off') {
      logger.warn('/metrics is not served: set METRICS_PORT, METRICS_TOKEN or METRICS_PUBLIC=true');
      return undefined;
    }
    if (placement !== 'own-port' || env.METRICS_PORT === undefined) return undefined;
    const server = await startMetricsServer(
      env.METRICS_PORT,
      host,
      metricsHandler(metrics, () => live.refreshMetrics(), env.METRICS_TOKEN),
    ).catch((error: unknown) => {
      httpServer.close(); // Not left listening when the gateway cannot start.
      throw error;
    });
    logger.info({ port: (server.address() as AddressInfo).port, host }, 'metrics listening');
    return server;
  }
}
