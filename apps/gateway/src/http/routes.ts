import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { MeetingApiError, type MeetingClient } from '@hwmeeting/client';
import cors from 'cors';
import express, { type Express } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { type Authenticator, requiredBearerToken, type Viewer } from '../auth/jwt.js';
import type { Backplane } from '../backplane.js';
import type { GatewayEnv } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { DevUser } from '../embedded.js';
import { GatewayErrorCode, gatewayError } from '../errors.js';
import type { LiveEvents } from '../live/live.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { metricsHandler } from '../observability/metricsRoute.js';
import type { GatewayOperation, OperationTracker } from '../operation.js';
import type { OriginRule } from '../originRule.js';
import { requestIdFrom } from '../requestId.js';
import { mountConsole } from './consoleRoute.js';
import { httpOperationOf, runInHttpOperation, startHttpOperation } from './operations.js';
import { jsonErrors, notFound } from './refusals.js';
import { createEnterpriseReceiver, type WebhookSubscriber, webhookRoute } from './webhookRoute.js';

/** What {@link mountRoutes} needs. */
export interface HttpRoutesOptions {
  env: GatewayEnv;
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  contextFor(viewer: Viewer, operation?: GatewayOperation): GatewayContext;
  /** GraphQL operations in flight: deadlines, log lines, spans. */
  operations: OperationTracker;
  /** Serve `/metrics` here (not when it has its own port, or is off in production). */
  serveMetrics: boolean;
  client: MeetingClient;
  backplane: Backplane;
  live: LiveEvents;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The enterprise webhook's subscriber; undefined: no webhook route. */
  webhook: WebhookSubscriber | undefined;
  /** Largest GraphQL request body, bytes (the same limit as a graphql-ws message). */
  messageBytes: number;
  /** Which browser origins may call (the same rule as graphql-ws upgrades). */
  origins: OriginRule;
  /** The embedded simulator's seeded users, for the console's development sign-in. */
  devUsers: readonly DevUser[] | undefined;
}

/** Mounts the gateway's HTTP routes: request ids, health, readiness, metrics, the webhook and GraphQL. */
export function mountRoutes(app: Express, options: HttpRoutesOptions): void {
  const { env, client, backplane, live, metrics, logger, authenticator, webhook } = options;
  app.use((req, res, next) => {
    // The caller's id when it is safe to log and send upstream, otherwise a new one.
    const id = requestIdFrom(req.header('x-request-id'));
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
  if (options.serveMetrics) {
    app.get(
      '/metrics',
      metricsHandler(metrics, () => live.refreshMetrics(), env.METRICS_TOKEN),
    );
  }
  if (webhook) {
    // Enterprise events: signed deliveries from the meeting server, verified, then published to enterpriseEvents.
    app.post(
      env.WEBHOOK_PATH,
      ...webhookRoute(createEnterpriseReceiver(webhook, live, logger, backplane.dedupe)),
    );
  } else {
    logger.info('no webhook route: WEBHOOK_SUBSCRIBER_ID and WEBHOOK_SUBSCRIBER_KEY are not set');
  }
  // Exactly the GraphQL path (use() would match every path below it too).
  app.all(
    env.GRAPHQL_PATH,
    startHttpOperation(options.operations),
    cors({
      origin: (origin, allow) => allow(null, options.origins.allows(origin)),
      // A browser may read these answer headers (Retry-After on a 429), and keeps a preflight for 10 minutes
      // rather than sending one before nearly every request.
      exposedHeaders: ['Retry-After', 'X-Request-ID'],
      maxAge: 600,
    }),
    express.json({ limit: options.messageBytes }),
    runInHttpOperation,
    expressMiddleware(options.apollo, {
      context: async ({ req, res }) => {
        const operation = httpOperationOf(res);
        let viewer: Viewer;
        try {
          viewer = await authenticator.verify(
            requiredBearerToken(req.headers.authorization, 'the Authorization header'),
          );
        } catch (error) {
          // The token could not be checked (the identity provider's keys are unreadable): 503, try again later.
          if (
            error instanceof GraphQLError &&
            error.extensions.code === GatewayErrorCode.UPSTREAM_UNAVAILABLE
          ) {
            operation?.recordErrors([GatewayErrorCode.UPSTREAM_UNAVAILABLE]);
            logger.warn(
              { jwksUrl: env.JWT_JWKS_URL },
              'JWT_JWKS_URL cannot be read: tokens cannot be checked',
            );
            throw gatewayError(GatewayErrorCode.UPSTREAM_UNAVAILABLE, error.message, {
              reason: error.extensions.reason,
              http: { status: 503 },
            });
          }
          operation?.recordErrors([GatewayErrorCode.UNAUTHENTICATED]);
          const message = error instanceof Error ? error.message : 'unauthenticated';
          // The reason (TOKEN_EXPIRED ...) tells a client whether a fresh token would help.
          const reason = error instanceof GraphQLError ? error.extensions.reason : undefined;
          throw gatewayError(GatewayErrorCode.UNAUTHENTICATED, message, {
            ...(reason ? { reason } : {}),
            http: { status: 401 },
          });
        }
        return options.contextFor(viewer, operation);
      },
    }),
  );
  mountConsole(app, { env, authenticator, logger, devUsers: options.devUsers });
  app.use(notFound());
  app.use(jsonErrors(logger, webhook ? env.WEBHOOK_PATH : undefined));
}
