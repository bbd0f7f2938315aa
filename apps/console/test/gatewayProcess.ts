import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processOutput } from '@hwmeeting/testkit';

/** A gateway running as its own process on the embedded simulator, serving the built console. */
export interface GatewayProcess {
  /** `http://127.0.0.1:port` */
  origin: string;
  /** `http://127.0.0.1:port/console/` */
  consoleUrl: string;
  /** The embedded simulator's URL (its `/__sim/` test control drives the meetings). */
  simulatorUrl: string;
  stop(): Promise<void>;
}

// The built gateway, found through its package (the console's tests depend on it; turbo builds it first).
const gatewayMain = join(
  dirname(fileURLToPath(import.meta.resolve('@hwmeeting/gateway/package.json'))),
  'dist',
  'main.js',
);

/**
 * Starts `node apps/gateway/dist/main.js` as `pnpm start` does, on an ephemeral port, with the simulator's own
 * activity off (the tests make every change themselves), and reads the URLs from its start-up banner.
 */
export async function startGatewayProcess(): Promise<GatewayProcess> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('HWMEETING_') && !name.startsWith('JWT_') && name !== 'NODE_ENV',
    ),
  );
  const child = spawn(process.execPath, [gatewayMain], {
    // A meeting waited for in the lobby is checked often: a start shows within a test's patience.
    env: {
      ...env,
      PORT: '0',
      EMBEDDED_ACTIVITY: 'false',
      LOG_LEVEL: 'warn',
      CONSOLE: 'on',
      LOBBY_POLL_MS: '200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The banner ends with the development tokens' curl example; its last line names the query.
  const banner = await processOutput(child, 'the gateway').until(
    /Try it:[\s\S]*totalCount/,
    'its start-up banner',
    20_000,
  );
  const find = (pattern: RegExp, what: string) => {
    const match = pattern.exec(banner)?.[1];
    if (!match) throw new Error(`no ${what} in the gateway's banner (is the console built?):\n${banner}`);
    return match;
  };
  const consoleUrl = find(/Console:\s+(\S+)/, 'console URL');
  return {
    origin: new URL(consoleUrl).origin,
    consoleUrl,
    simulatorUrl: find(/embedded simulator at (\S+)/, 'simulator URL'),
    stop: () => stopProcess(child),
  };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
