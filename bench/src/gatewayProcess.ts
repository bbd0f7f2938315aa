import { createRequire } from 'node:module';
import { SignJWT } from 'jose';
import { startChildServer } from './childServer.js';

/** A gateway running in its own process, pointed at an upstream, with a known JWT secret. */
export interface GatewayProcess {
  url: string;
  wsUrl: string;
  pid: number;
  /** A bearer token for `sub` (roles optional). */
  token(sub: string, roles?: string[]): Promise<string>;
  /** The process's resident memory in bytes (Linux /proc). */
  rss(): Promise<number>;
  /** CPU time (microseconds) the gateway's process has used so far. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

const SECRET = 'bench-secret-of-at-least-thirty-two-characters!';

/** Starts the built gateway (`node apps/gateway/dist/main.js`) on an ephemeral port against `upstream`. */
export async function startGatewayProcess(
  upstream: { url: string; appId: string; appKey: string },
  env: Record<string, string> = {},
  execArgv: string[] = [],
): Promise<GatewayProcess> {
  const main = createRequire(import.meta.url)
    .resolve('@hwmeeting/gateway/package.json')
    .replace(/package\.json$/, 'dist/main.js');
  const server = await startChildServer('gateway', [...execArgv, main], /GraphQL \(HTTP\):\s+(\S+)/, {
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    JWT_SECRET: SECRET,
    HWMEETING_ENDPOINT: upstream.url,
    HWMEETING_APP_ID: upstream.appId,
    HWMEETING_APP_KEY: upstream.appKey,
    RATE_LIMIT_PER_MINUTE: '100000000',
    ...env,
  });
  const { child, url } = server;
  const key = new TextEncoder().encode(SECRET);
  return {
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    pid: child.pid ?? 0,
    token: (sub, roles = []) =>
      new SignJWT({ roles })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(sub)
        .setExpirationTime('2h')
        .sign(key),
    rss: async () => {
      const { readFile } = await import('node:fs/promises');
      const status = await readFile(`/proc/${child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    },
    cpuMicros: server.cpuMicros,
    stop: server.stop,
  };
}
