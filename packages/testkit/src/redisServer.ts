import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real `redis-server` process on a loopback port, for tests. */
export interface RedisServer {
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Kills the server (SIGKILL: nothing is saved) and starts a fresh, empty one on the same port. */
  restart(): Promise<void>;
  /** Kills the server (it stays down until `restart()`). */
  kill(): Promise<void>;
  /** Stops the server and removes its directory. */
  stop(): Promise<void>;
}

/** Options of {@link startRedisServer}. */
export interface StartRedisServerOptions {
  /** The `redis-server` binary (default: `REDIS_SERVER_BIN` or `redis-server` on the PATH). */
  binary?: string | undefined;
}

const READY_LINE = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;

/** A free TCP port on 127.0.0.1 (the kernel's choice, released at once). */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port assigned'));
      });
    });
  });
}

/** Spawns redis-server without persistence and resolves once it accepts connections. */
function launch(binary: string, port: number, dir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      binary,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`redis-server did not start on port ${port}: ${output.slice(-500)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (READY_LINE.test(output)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        // Keep draining so a chatty server never blocks on a full pipe.
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        error.code === 'ENOENT'
          ? new Error(`${binary} not found: install the Debian package redis-server (.ci/run does)`)
          : error,
      );
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with ${code} before it was ready: ${output.slice(-500)}`));
    });
  });
}

function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Starts a fresh redis-server on a free loopback port, in its own temporary directory. */
export async function startRedisServer(options: StartRedisServerOptions = {}): Promise<RedisServer> {
  const binary = options.binary ?? process.env.REDIS_SERVER_BIN ?? 'redis-server';
  const dir = await mkdtemp(join(tmpdir(), 'hwmeeting-redis-'));
  let port = 0;
  let child: ChildProcess | undefined;
  // Another process may take the port between probe and bind: try a few.
  for (let attempt = 0; attempt < 5 && !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(binary, port, dir);
    } catch (error) {
      if (attempt === 4 || (error instanceof Error && /not found/.test(error.message))) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  let current = child as ChildProcess;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await killed(current);
      current = await launch(binary, port, dir);
    },
    async kill() {
      await killed(current);
    },
    async stop() {
      await killed(current);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
