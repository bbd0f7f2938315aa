import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import express, { type RequestHandler } from 'express';
import type { GatewayEnv } from '../config.js';
import type { GatewayMetrics } from './metrics.js';

/** Where `/metrics` is served: beside `/graphql`, on its own port (METRICS_PORT), or nowhere. */
export type MetricsPlacement = 'main' | 'own-port' | 'off';

/**
 * Where `/metrics` goes. METRICS_PORT: there only. Otherwise on the main port when it needs a token
 * (METRICS_TOKEN), outside production, or when METRICS_PUBLIC says so; a production gateway with none of these
 * does not publish its metrics to whoever reaches its GraphQL port.
 */
export function metricsPlacement(env: GatewayEnv, production: boolean): MetricsPlacement {
  if (env.METRICS_PORT !== undefined) return 'own-port';
  if (env.METRICS_TOKEN !== undefined || !production || env.METRICS_PUBLIC === true) return 'main';
  return 'off';
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** True when `header` is `Bearer <token>`; compared in constant time (digests of equal length). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '');
  return timingSafeEqual(digest(match?.[1] ?? ''), digest(token)) && match !== null;
}

/** Serves the Prometheus metrics (`refresh` first updates the gauges); with `token`, only to its bearer. */
export function metricsHandler(
  metrics: GatewayMetrics,
  refresh: () => void,
  token: string | undefined,
): RequestHandler {
  return async (req, res) => {
    if (token !== undefined && !bearerMatches(req.header('authorization'), token)) {
      res
        .status(401)
        .set('WWW-Authenticate', 'Bearer')
        .json({
          errors: [
            {
              message: 'the metrics need Authorization: Bearer <METRICS_TOKEN>',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      return;
    }
    refresh();
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}

/** Serves `/metrics` alone on its own port (METRICS_PORT); anything else there is a JSON 404. */
export async function startMetricsServer(
  port: number,
  host: string,
  handler: RequestHandler,
): Promise<Server> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', handler);
  app.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'not found', extensions: { code: 'NOT_FOUND' } }] });
  });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
