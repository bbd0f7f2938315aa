import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { benchClient } from './client.js';
import { benchEvents } from './events.js';
import { benchFanOut, benchFanOutReplicas, benchRedisAddedLatency } from './fanout.js';
import { benchGatewayQuery } from './gateway.js';
import { benchSigner } from './signer.js';

/** Every figure, by key in results/latest.json; `pnpm bench -- S1` runs only the named ones. */
const figures: Record<string, { title: string; run: () => Promise<unknown> }> = {
  S1: { title: 'createSignature vs raw node:crypto HMAC (ratio, goal >= 0.9)', run: benchSigner },
  E1: {
    title: 'push frames through schema + reducer + pub/sub to 1,000 subscribers vs parse + publish alone',
    run: benchEvents,
  },
  P1: {
    title: 'meetings(first: 20) through the gateway vs the same REST call to the simulator',
    run: benchGatewayQuery,
  },
  P2: {
    title:
      'subscribers of one meeting on one gateway: delivery p50/p99, RSS per subscriber, upstream sockets',
    run: benchFanOut,
  },
  P2R: {
    title: 'P2 with the subscribers spread over 3 gateway replicas on one Redis',
    run: benchFanOutReplicas,
  },
  P2X: {
    title: 'delivery to 1,000 subscribers of one gateway: in memory vs on Redis (added latency)',
    run: benchRedisAddedLatency,
  },
  C1: {
    title: 'client meetings.list vs raw undici request, call by call (p50 ratio, goal >= 0.9)',
    run: benchClient,
  },
};

const resultsDir = fileURLToPath(new URL('../results/', import.meta.url));
const latestPath = `${resultsDir}latest.json`;

async function main() {
  const wanted = process.argv.slice(2).filter((arg) => arg !== '--');
  const selected = Object.entries(figures).filter(([key]) => wanted.length === 0 || wanted.includes(key));
  let results: Record<string, unknown> = {};
  try {
    results = JSON.parse(readFileSync(latestPath, 'utf8'));
  } catch {
    // No earlier results: start afresh.
  }
  for (const [key, figure] of selected) {
    process.stdout.write(`${key}: ${figure.title}\n`);
    const value = await figure.run();
    results[key] = value;
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
  results.measuredAt = new Date().toISOString();
  results.node = process.version;
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(latestPath, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`written ${latestPath}\n`);
}

await main();
