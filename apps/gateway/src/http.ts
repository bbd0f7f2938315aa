import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { MeetingApiError, type MeetingClient } from '@hwmeeting/client';
import cors from 'cors';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { type Authenticator, bearerToken, type Viewer } from './auth/jwt.js';
import type { Backplane } from './backplane.js';
import type { GatewayEnv } from './config.js';
import type { GatewayContext } from './context.js';
import { GatewayErrorCode, gatewayError } from './errors.js';
import { jsonErrors, notFound } from './httpRefusals.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { LiveEvents } from './subscriptions/live.js';
import { createEnterpriseReceiver, type WebhookSubscriber, webhookRoute } from './subscriptions/webhooks.js';

/** What {@link mountRoutes} needs. */
export interface HttpRoutesOptions {
  env: GatewayEnv;
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  contextFor(viewer: Viewer): GatewayContext;
  client: MeetingClient;
  backplane: Backplane;
  live: LiveEvents;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The enterprise webhook's subscriber; undefined: no webhook route. */
  webhook: WebhookSubscriber | undefined;
  /** Largest GraphQL request body, bytes (the same limit as a graphql-ws message). */
  messageBytes: number;
  /** Development mode: without CORS_ORIGINS, pages served from localhost may call. */
  development: boolean;
}

/** Pages a developer serves on this machine (any port), allowed by default in development only. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Mounts the gateway's HTTP routes: request ids, health, readiness, metrics, the webhook and GraphQL. */
export function mountRoutes(app: Express, options: HttpRoutesOptions): void {
  const { env, client, backplane, live, metrics, logger, authenticator, webhook } = options;
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
  // Exactly the GraphQL path (use() would match every path below it too).
  app.all(
    env.GRAPHQL_PATH,
    cors({
      origin: corsOrigins?.length ? corsOrigins : options.development ? LOCAL_ORIGIN : false,
    }),
    express.json({ limit: options.messageBytes }),
    expressMiddleware(options.apollo, {
      context: async ({ req }) => {
        let viewer: Viewer;
        try {
          viewer = await authenticator.verify(bearerToken(req.headers.authorization));
        } catch (error) {
          const message = error instanceof Error ? error.message : 'unauthenticated';
          throw gatewayError(GatewayErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
        }
        return options.contextFor(viewer);
      },
    }),
  );
  app.use(notFound());
  app.use(jsonErrors(logger, webhook ? env.WEBHOOK_PATH : undefined));
}
