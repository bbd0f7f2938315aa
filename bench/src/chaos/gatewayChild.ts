import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { SignJWT } from 'jose';

/** A gateway exit nobody asked for. */
export interface Crash {
  /** Seconds since the soak started. */
  atSeconds: number;
  code: number | null;
  signal: string | null;
}

/** The soak's gateway: `apps/gateway/src/main.ts` in a child process, restarted after a crash. */
export interface ChaosGateway {
  /** `http://127.0.0.1:port/graphql` of the running child. */
  url(): string;
  /** `ws://...` of the running child. */
  wsUrl(): string;
  /** A bearer token for `sub` with `roles`. */
  token(sub: string, roles?: string[]): Promise<string>;
  /** Crashes so far (each one restarted). */
  readonly crashes: Crash[];
  /** Highest resident memory seen, bytes (sampled every second). */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

const SECRET = 'chaos-secret-of-at-least-thirty-two-characters!';

/** Where the child's settings come from: the upstream, and the file its output goes to. */
export interface ChaosGatewayOptions {
  upstream: { url: string; appId: string; appKey: string };
  logPath: string;
  startedAt: number;
  /** Extra environment (e.g. LOG_LEVEL). */
  env?: Record<string, string> | undefined;
}

/**
 * Starts the gateway from its TypeScript sources (`--conditions=@hwmeeting/source` and tsx, so no build is
 * needed) in production mode against `upstream`; its stdout and stderr go to `logPath`. An exit that `stop`
 * did not ask for is recorded as a crash and the gateway is started again on a new port.
 */
export async function startChaosGateway(options: ChaosGatewayOptions): Promise<ChaosGateway> {
  const main = createRequire(import.meta.url)
    .resolve('@hwmeeting/gateway/package.json')
    .replace(/package\.json$/, 'src/main.ts');
  const tsx = import.meta.resolve('tsx');
  const log: WriteStream = createWriteStream(options.logPath, { flags: 'a' });
  const crashes: Crash[] = [];
  let stopping = false;
  let child: ChildProcess | undefined;
  let url = '';
  let peakRss = 0;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const started = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: '0',
          HOST: '127.0.0.1',
          LOG_LEVEL: 'warn',
          JWT_SECRET: SECRET,
          HWMEETING_ENDPOINT: options.upstream.url,
          HWMEETING_APP_ID: options.upstream.appId,
          HWMEETING_APP_KEY: options.upstream.appKey,
          RATE_LIMIT_PER_MINUTE: '100000000',
          ...options.env,
        },
      });
      child = started;
      let banner = '';
      let ready = false;
      started.stdout?.on('data', (chunk: Buffer) => {
        log.write(chunk);
        if (ready) return;
        banner += chunk.toString();
        const found = /GraphQL \(HTTP\):\s+(\S+)/.exec(banner);
        if (found?.[1]) {
          ready = true;
          url = found[1];
          resolve();
        }
      });
      started.stderr?.on('data', (chunk: Buffer) => log.write(chunk));
      started.once('exit', (code, signal) => {
        log.write(`\n[chaos] gateway ${started.pid} exited: code ${code}, signal ${signal}\n`);
        if (!ready) {
          reject(new Error(`the gateway exited before listening (code ${code}); see ${options.logPath}`));
          return;
        }
        if (stopping || child !== started) return;
        crashes.push({ atSeconds: Math.round((Date.now() - options.startedAt) / 1000), code, signal });
        launch().catch((error: unknown) => log.write(`[chaos] restart failed: ${String(error)}\n`));
      });
    });

  await launch();
  const sampler = setInterval(() => {
    const pid = child?.pid;
    if (pid === undefined) return;
    readFile(`/proc/${pid}/status`, 'utf8').then(
      (status) => {
        peakRss = Math.max(peakRss, Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024);
      },
      () => undefined, // Not on Linux, or the child is gone between two samples.
    );
  }, 1000);
  sampler.unref();

  const key = new TextEncoder().encode(SECRET);
  return {
    url: () => url,
    wsUrl: () => url.replace(/^http/, 'ws'),
    token: (sub, roles = []) =>
      new SignJWT({ roles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setExpirationTime('6h')
        .sign(key),
    crashes,
    peakRssBytes: () => peakRss,
    stop: async () => {
      stopping = true;
      clearInterval(sampler);
      const running = child;
      if (running && running.exitCode === null && running.signalCode === null) {
        await new Promise<void>((resolve) => {
          running.once('exit', () => resolve());
          running.kill('SIGTERM');
        });
      }
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
  };
}
