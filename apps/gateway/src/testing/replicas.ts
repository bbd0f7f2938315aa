// Gateway replicas as operators run them: `main.ts` in its own process (on its sources), sharing one upstream
// and one Redis. Test-only: excluded from the build and exported under no package path.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { processOutput } from '@hwmeeting/testkit';

const tsx = createRequire(import.meta.url).resolve('tsx');
const main = fileURLToPath(new URL('../main.ts', import.meta.url));

/** One running gateway process. */
export interface Replica {
  readonly name: string;
  /** `http://127.0.0.1:<port>/graphql` */
  readonly url: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  readonly wsUrl: string;
  readonly process: ChildProcess;
  /** Everything it printed so far. */
  output(): string;
  /** Kills it at once (SIGKILL: no shutdown, leases are not released). */
  kill(): Promise<void>;
  /** Asks it to stop (SIGTERM) and resolves with its exit code. */
  stop(): Promise<number | null>;
  /** The value of one metric line (`hwmeeting_upstream_sockets` ...) on its /metrics. */
  metric(name: string): Promise<number>;
}

/** Starts `main.ts` with `env` on top of the test process's environment and an ephemeral port. */
export async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, ['--conditions=@hwmeeting/source', '--import', tsx, main], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'development', REPLICA_ID: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = processOutput(child, name);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const banner = await output.until(/GraphQL \(WebSocket\):\s+\S+/, 'the start-up banner', 30_000);
  const url = /GraphQL \(HTTP\):\s+(\S+)/.exec(banner)?.[1] ?? '';
  const wsUrl = /GraphQL \(WebSocket\):\s+(\S+)/.exec(banner)?.[1] ?? '';
  return {
    name,
    url,
    wsUrl,
    process: child,
    output: output.text,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async metric(metricName) {
      const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
      const line = text.split('\n').find((l) => l.startsWith(`${metricName} `));
      if (!line) throw new Error(`${name}: no metric ${metricName}`);
      return Number(line.split(' ')[1]);
    },
  };
}
