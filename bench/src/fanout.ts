import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { type GatewayProcess, startGatewayProcess } from './gatewayProcess.js';
import { startSimulatorProcess } from './simulatorProcess.js';

const SUBSCRIPTION =
  'subscription($id: ID!) { participants(meetingId: $id) { reason changed { participantId name } } }';
const CHANGES = Number(process.env.P2_CHANGES ?? 5);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

async function simJson<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

/** Resolves once `count()` reaches `target` (checked every 10 ms); rejects after 60 s. */
async function subscribedUpTo(count: () => number, target: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (count() < target) {
    if (Date.now() > deadline)
      throw new Error(`P2: only ${count()} of ${target} subscribers got their snapshot`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Where a fan-out run's gateways keep their shared state. */
interface FanOutSetup {
  /** Gateway processes; subscribers are spread over them in turn (default 1). */
  replicas?: number | undefined;
  /** A Redis the gateways share (`REDIS_URL`); without it each is in memory. */
  redis?: RedisServer | undefined;
}

/** One fan-out run: N graphql-ws subscribers of one meeting on one gateway process, or spread over replicas. */
async function fanOut(subscribers: number, setup: FanOutSetup = {}) {
  const sim = await startSimulatorProcess();
  const env: Record<string, string> = setup.redis
    ? {
        REDIS_URL: setup.redis.url,
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 5).toString('base64'),
        REDIS_KEY_PREFIX: `bench${Date.now()}:`,
      }
    : {};
  // GATEWAY_NODE_ARGS (e.g. `--cpu-prof`) goes to the gateways' node, for profiling a run.
  const nodeArgs = process.env.GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const gateways: GatewayProcess[] = [];
  for (let i = 0; i < (setup.replicas ?? 1); i++)
    gateways.push(await startGatewayProcess(sim, env, nodeArgs));
  const gateway = gateways[0] as GatewayProcess;
  const rss = async () => (await Promise.all(gateways.map((g) => g.rss()))).reduce((a, b) => a + b, 0);
  const clients: ReturnType<typeof createClient>[] = [];
  try {
    const state = await simJson<{ meetings: { conferenceID: string; state: string }[] }>(
      `${sim.url}/__sim/state`,
    );
    const meeting = state.meetings.find((m) => m.state === 'Created');
    if (!meeting) throw new Error('P2: no meeting in progress');
    const token = await gateway.token('admin', ['admin']);
    const rssBefore = await rss();
    // Each subscriber: its own socket, its own subscription. `waiting` maps a joiner's name to its start time.
    const waiting = new Map<
      string,
      { startedAt: number; latencies: number[]; pending: number; done: () => void }
    >();
    let snapshots = 0;
    let allSnapshots: () => void = () => undefined;
    const snapshotsIn = new Promise<void>((resolve) => {
      allSnapshots = resolve;
    });
    for (let i = 0; i < subscribers; i++) {
      const client = createClient({
        url: (gateways[i % gateways.length] as GatewayProcess).wsUrl,
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        retryAttempts: 0,
        lazy: false,
      });
      clients.push(client);
      client.subscribe<{ participants: { reason: string; changed: { name: string | null }[] } }>(
        { query: SUBSCRIPTION, variables: { id: meeting.conferenceID } },
        {
          next: ({ data }) => {
            if (!data) return;
            if (data.participants.reason !== 'CHANGE') {
              if (data.participants.reason === 'SNAPSHOT' && ++snapshots === subscribers) allSnapshots();
              return;
            }
            for (const person of data.participants.changed) {
              const run = person.name ? waiting.get(person.name) : undefined;
              if (!run) continue;
              run.latencies.push(performance.now() - run.startedAt);
              if (--run.pending === 0) run.done();
            }
          },
          error: (error) => {
            throw error instanceof Error ? error : new Error(JSON.stringify(error));
          },
          complete: () => undefined,
        },
      );
      // Open sockets in small batches, each once the sockets before it are subscribed: a gateway flooded with
      // handshakes on a loaded machine does not read every connection_init within graphql-ws's 3 s, closes the
      // late sockets and the run fails (ECONNRESET). Only the setting up is paced; deliveries are measured after.
      if (i % 200 === 199) await subscribedUpTo(() => snapshots, i + 1);
    }
    await snapshotsIn;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAfter = await rss();
    const cpu = async () =>
      (await Promise.all(gateways.map((g) => cpuMsOf(g.pid)))).reduce((a, b) => a + b, 0);
    const cpuBefore = await cpu();
    const latencies: number[] = [];
    for (let change = 0; change < CHANGES; change++) {
      const name = `Joiner ${change}`;
      const run: { startedAt: number; latencies: number[]; pending: number; done: () => void } = {
        startedAt: 0,
        latencies,
        pending: subscribers,
        done: () => undefined,
      };
      const delivered = new Promise<void>((resolve) => {
        run.done = resolve;
      });
      waiting.set(name, run);
      run.startedAt = performance.now();
      await simJson(`${sim.url}/__sim/meetings/${meeting.conferenceID}/participants`, {
        method: 'POST',
        body: JSON.stringify({ name }),
      });
      await Promise.race([
        delivered,
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`P2: change ${change} not delivered to all`)), 30_000),
        ),
      ]);
      waiting.delete(name);
    }
    const cpuMs = (await cpu()) - cpuBefore;
    const open = await simJson<{ connections: unknown[] }>(
      `${sim.url}/__sim/push/connections?conferenceID=${meeting.conferenceID}`,
    );
    latencies.sort((a, b) => a - b);
    return {
      subscribers,
      ...(gateways.length > 1 ? { replicas: gateways.length } : {}),
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      bytesPerSubscriber: Math.round((rssAfter - rssBefore) / subscribers),
      cpuUsPerDelivery: perDelivery(cpuMs, subscribers),
      upstreamSockets: open.connections.length,
    };
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await Promise.all(gateways.map((g) => g.stop()));
    await sim.stop();
  }
}

/**
 * P2: N graphql-ws subscribers to one meeting on one gateway process (N = 1k, 5k, 10k): delivery p50/p99 of one
 * upstream change to all of them (measured from the change to each subscriber's receipt), gateway RSS per
 * subscriber, and the upstream sockets open for the meeting.
 */
export async function benchFanOut() {
  const results = [];
  for (const size of sizes()) {
    const baseline = await rawFanOut(size);
    const gateway = await fanOut(size);
    results.push({
      ...gateway,
      baselineP50Ms: baseline.p50Ms,
      baselineP99Ms: baseline.p99Ms,
      baselineBytesPerSubscriber: baseline.bytesPerSubscriber,
      baselineCpuUsPerDelivery: baseline.cpuUsPerDelivery,
      p99Ratio: Number((gateway.p99Ms / baseline.p99Ms).toFixed(2)),
    });
  }
  return results;
}

/**
 * CPU time a process has used, user and system, ms (Linux /proc; clock ticks of 10 ms, USER_HZ 100). Read around
 * the deliveries it says what the fan-out costs the server, whatever else the shared machine runs meanwhile.
 */
async function cpuMsOf(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command (which may hold spaces): state is the 3rd field, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Server CPU per message delivered over the run's changes, µs. */
function perDelivery(cpuMs: number, subscribers: number): number {
  return Number(((cpuMs * 1000) / (CHANGES * subscribers)).toFixed(1));
}

/** Resident memory of a process, bytes (Linux /proc). */
async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * P2's baseline, measured in the same run: the same number of plain WebSocket clients of a bare `ws` server (its
 * own process) that writes one pre-serialised message of the gateway's size to every socket: the floor of a
 * Node fan-out on this machine (one socket write per subscriber), and the memory of a bare socket.
 */
async function rawFanOut(subscribers: number) {
  const script = fileURLToPath(new URL('./broadcastServer.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child = spawn(process.execPath, ['--import', tsx, script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /listening on (\d+)/.exec(output);
      if (found?.[1]) resolve(Number(found[1]));
    });
    child.once('exit', (code) => reject(new Error(`broadcast server exited with ${code}`)));
  });
  const sockets: WebSocket[] = [];
  try {
    const pid = child.pid ?? 0;
    const rssBefore = await rssOf(pid);
    let waiting: { startedAt: number; pending: number; done: () => void } | undefined;
    const latencies: number[] = [];
    for (let i = 0; i < subscribers; i++) {
      const socket = new WebSocket(`ws://127.0.0.1:${port}`);
      socket.on('message', () => {
        if (!waiting) return;
        latencies.push(performance.now() - waiting.startedAt);
        if (--waiting.pending === 0) waiting.done();
      });
      sockets.push(socket);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rssAfter = await rssOf(pid);
    // About what the gateway sends for one participant joining.
    const message = JSON.stringify({
      id: '0b4c6f1e-51f4-4bd2-9e1d-3a9d1c3f6a21',
      type: 'next',
      payload: {
        data: {
          participants: { reason: 'CHANGE', changed: [{ participantId: '7729744500001', name: 'Joiner 0' }] },
        },
      },
    });
    const cpuBefore = await cpuMsOf(pid);
    for (let change = 0; change < CHANGES; change++) {
      const delivered = new Promise<void>((resolve) => {
        waiting = { startedAt: performance.now(), pending: subscribers, done: resolve };
      });
      await fetch(`http://127.0.0.1:${port}/emit`, { method: 'POST', body: message });
      await delivered;
    }
    const cpuMs = (await cpuMsOf(pid)) - cpuBefore;
    latencies.sort((a, b) => a - b);
    return {
      p50Ms: Number(percentile(latencies, 50).toFixed(1)),
      p99Ms: Number(percentile(latencies, 99).toFixed(1)),
      bytesPerSubscriber: Math.round((rssAfter - rssBefore) / subscribers),
      cpuUsPerDelivery: perDelivery(cpuMs, subscribers),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}

function sizes(): number[] {
  return (process.env.P2_SIZES ?? '1000,5000,10000').split(',').map(Number);
}

/** Runs `body` with a fresh redis-server (the Debian package) on a loopback port. */
async function withRedis<T>(body: (redis: RedisServer) => Promise<T>): Promise<T> {
  const redis = await startRedisServer();
  try {
    return await body(redis);
  } finally {
    await redis.stop();
  }
}

/**
 * P2R: P2 with the subscribers spread over three gateway replicas sharing one Redis: the same delivery times,
 * RSS per subscriber (all replicas together), and upstream sockets (one, whichever replica holds it).
 */
export async function benchFanOutReplicas() {
  return withRedis(async (redis) => {
    const results = [];
    for (const size of sizes()) results.push(await fanOut(size, { replicas: 3, redis }));
    return results;
  });
}

/**
 * P2X: what Redis adds to delivery: one gateway, 1,000 subscribers, in memory and then on Redis (the holder
 * appends to the Redis log and its own room reads the change back through Redis pub/sub), in the same run.
 */
export async function benchRedisAddedLatency() {
  const subscribers = Number(process.env.P2X_SUBSCRIBERS ?? 1000);
  const memory = await fanOut(subscribers);
  const redis = await withRedis((server) => fanOut(subscribers, { redis: server }));
  const round = (ms: number) => Number(ms.toFixed(1));
  return {
    subscribers,
    memoryP50Ms: memory.p50Ms,
    memoryP99Ms: memory.p99Ms,
    redisP50Ms: redis.p50Ms,
    redisP99Ms: redis.p99Ms,
    addedP50Ms: round(redis.p50Ms - memory.p50Ms),
    addedP99Ms: round(redis.p99Ms - memory.p99Ms),
  };
}
