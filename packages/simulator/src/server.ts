import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { type ActivityOptions, activityOverridesSchema, startActivity } from './activity.js';
import { dispatch, send } from './http/dispatch.js';
import { SimErrorCode } from './http/errors.js';
import { Router } from './http/router.js';
import { attachPushServer, DEFAULT_HEARTBEAT_TIMEOUT_MS } from './push/socketServer.js';
import { publishedRoutes } from './rest/index.js';
import { FaultQueue } from './sim/faultQueue.js';
import { simRoutes } from './sim/routes.js';
import { handleTestControl } from './sim/testControl.js';
import { SimClock } from './state/clock.js';
import { IdFactory } from './state/ids.js';
import { seedMeetings } from './state/meetingSeed.js';
import { seedEnterprise } from './state/seed.js';
import { Store } from './state/store.js';
import { startWebhooks } from './webhooks/delivery.js';

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default('127.0.0.1'),
  seed: z.enum(['demo', 'empty']).default('demo'),
  appId: z
    .string()
    .min(1)
    .regex(/^[^:]+$/, { error: 'must not contain ":"' })
    .optional(),
  appKey: z.string().min(1).optional(),
  tenancy: z.enum(['single', 'multi']).default('single'),
  tokenLifetimeSeconds: z.number().int().positive().optional(),
  /** Milliseconds an invited participant takes to answer the call. */
  answerDelayMs: z.number().int().nonnegative().default(2000),
  /** Milliseconds without a HeartBeat after which a push socket is closed (4000); the simulated clock counts too. */
  heartbeatTimeoutMs: z.number().int().positive().default(DEFAULT_HEARTBEAT_TIMEOUT_MS),
  /** Factor applied to every webhook retry delay (C.6: 30 s, then 30 min); tests use e.g. 0.001. */
  webhookDelayScale: z.number().positive().max(1000).default(1),
  /** A webhook delivery not answered within this many ms has failed (reference README: 5 s). */
  webhookTimeoutMs: z.number().int().positive().default(5000),
  /** Runs the activity driver (people join, leave, speak ...): `true` for the defaults, or its options. */
  activity: z.union([z.boolean(), activityOverridesSchema]).default(false),
});

/** Options of {@link startSimulator}. */
export type SimulatorOptions = z.input<typeof optionsSchema> & {
  /** Clock in epoch ms (default Date.now); `/__sim/clock/advance` moves it further. */
  clock?: () => number;
};

/** A running simulator. */
export interface Simulator {
  /** Base URL, e.g. `http://127.0.0.1:4100`. */
  url: string;
  port: number;
  /** App ID credentials it accepts. */
  appId: string;
  appKey: string;
  tenancy: 'single' | 'multi';
  store: Store;
  clock: SimClock;
  faults: FaultQueue;
  /** Milliseconds an invited participant takes to answer. */
  answerDelayMs: number;
  server: Server;
  /** Stops accepting, closes open connections and resolves when closed. */
  close(): Promise<void>;
}

/** Starts a simulated Huawei Cloud Meeting server on loopback (an ephemeral port by default). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = optionsSchema.parse(options);
  const clock = new SimClock(options.clock);
  const store = new Store({
    clock,
    ids: new IdFactory(config.seed),
    tokenLifetimeSeconds: config.tokenLifetimeSeconds,
  });
  const appId = config.appId ?? randomBytes(16).toString('hex');
  const appKey = config.appKey ?? randomBytes(16).toString('hex');
  store.apps.set(appId, { appId, appKey, tenancy: config.tenancy });
  store.settings.answerDelayMs = config.answerDelayMs;
  seedEnterprise(store, config.seed);
  if (config.seed === 'demo') seedMeetings(store);
  const webhooks = startWebhooks(store, {
    delayScale: config.webhookDelayScale,
    timeoutMs: config.webhookTimeoutMs,
  });

  const faults = new FaultQueue();
  const router = new Router().add(publishedRoutes);
  const controlRoutes = simRoutes(faults);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.local');
    const work = url.pathname.startsWith('/__sim/')
      ? handleTestControl(store, controlRoutes, req, res, url)
      : dispatch(store, router, faults, req, res, url);
    work.catch((error: unknown) => {
      // A bug in a handler: answer 500 in the published shape and say what happened on stderr.
      process.stderr.write(
        `simulator: ${req.method} ${url.pathname} failed: ${(error as Error).stack ?? error}\n`,
      );
      if (!res.headersSent) {
        send(res, 500, { error_code: SimErrorCode.INTERNAL, error_msg: 'internal error' });
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const push = attachPushServer(server, store, { heartbeatTimeoutMs: config.heartbeatTimeoutMs });
  if (config.activity !== false) {
    startActivity(store, config.activity === true ? {} : (config.activity as ActivityOptions));
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const simulator: Simulator = {
    url: `http://${host}:${port}`,
    port,
    appId,
    appKey,
    tenancy: config.tenancy,
    store,
    clock,
    faults,
    answerDelayMs: config.answerDelayMs,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        store.timers.clear();
        webhooks.close();
        // Upgraded sockets are no longer the http server's connections: close them here.
        push.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  return simulator;
}
