// `pnpm chaos`: a soak of the gateway under upstream faults. A simulator (in this process, its activity driver
// changing the meetings) and a gateway (apps/gateway/src/main.ts in a child process, production mode); graphql-ws
// subscribers watch live meetings while a load of queries and mutations runs and faults are injected through the
// simulator's /__sim/ API. The soak runs in rounds: faults, load and activity for a round, then everything stops,
// faults are healed, and every subscriber's folded state must come to match the simulator's within the settle
// time. Figures go to bench/results/chaos.json and a table; the exit code is 1 on any crash, 5xx or mismatch.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SeededRandom, simControl as simulatorControl, startSimulator } from '@hwmeeting/simulator';
import { z } from 'zod';
import { DEFAULT_FAULTS, FAULT_KINDS, FaultInjector } from './faults.js';
import { startChaosGateway } from './gatewayChild.js';
import { Load } from './load.js';
import { differences, meetingTruth } from './simulatorTruth.js';
import { ChaosSubscriber } from './subscribers.js';
import { Tally } from './tally.js';

const USAGE = `pnpm chaos [--seconds N] [--subscribers N] [--round-seconds N] [--settle-seconds N] [--concurrency N]
                 [--fault-interval-ms N] [--faults kind,kind] [--seed N]
Kinds of fault: ${FAULT_KINDS.join(', ')} (default: all but silent-socket).`;

const positive = z.coerce.number().int().positive();
const argsSchema = z.object({
  /** Seconds of faults, load and activity, over all rounds. */
  seconds: positive.default(300),
  subscribers: positive.default(30),
  /** Seconds of one round of chaos, before the soak settles and compares. */
  'round-seconds': positive.default(60),
  /** Longest wait, after a round, for every subscriber to match the simulator. */
  'settle-seconds': positive.default(60),
  /** Workers sending queries and mutations. */
  concurrency: positive.default(4),
  'fault-interval-ms': positive.default(1500),
  faults: z
    .string()
    .transform((text) => text.split(',').map((kind) => kind.trim()))
    .pipe(z.array(z.enum(FAULT_KINDS)).min(1))
    .optional(),
  seed: z.coerce.number().int().nonnegative().default(1),
});

/** One round's outcome: how long the subscribers took to match, and what still differed when the wait ended. */
interface RoundResult {
  round: number;
  chaosSeconds: number;
  /** Milliseconds until every subscriber matched; null when some never did. */
  settledAfterMs: number | null;
  /** Participants compared (each subscriber's list against the simulator's), so that a match is not vacuous. */
  participantsCompared: number;
  mismatchedStates: number;
  lostUpdates: number;
  examples: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: Object.fromEntries(
      Object.keys(argsSchema.shape).map((name) => [name, { type: 'string' as const }]),
    ),
    allowPositionals: true,
  });
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    process.stderr.write(
      `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}\n`,
    );
    return 2;
  }
  const args = parsed.data;
  const startedAt = Date.now();
  const random = new SeededRandom(String(args.seed));
  const tally = new Tally();
  const logDir = mkdtempSync(join(tmpdir(), 'hwmeeting-chaos-'));
  const logPath = join(logDir, 'gateway.log');
  process.on('unhandledRejection', (reason) => tally.example('soak error', String(reason)));

  const sim = await startSimulator({ seed: 'demo', answerDelayMs: 200 });
  const gateway = await startChaosGateway({
    upstream: { url: sim.url, appId: sim.appId, appKey: sim.appKey },
    logPath,
    startedAt,
  });
  const tokens = { alice: await gateway.token('alice'), admin: await gateway.token('admin', ['admin']) };
  process.stdout.write(`chaos: simulator ${sim.url}, gateway ${gateway.url()} (log ${logPath})\n`);

  // The demo's meeting in progress, and two more started now by alice.
  const allHands = [...sim.store.meetings.values()].find((m) => m.state === 'Created' && m.live);
  if (!allHands) throw new Error('the demo seed has no meeting in progress');
  const meetingIds = [allHands.conferenceID];
  for (const subject of ['Chaos stand-up', 'Chaos review']) {
    const response = await fetch(gateway.url(), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.alice}` },
      body: JSON.stringify({
        query: 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        variables: { input: { subject, durationMinutes: 1440 } },
      }),
    });
    const body = z
      .object({ data: z.object({ createMeeting: z.object({ id: z.string() }) }) })
      .parse(await response.json());
    meetingIds.push(body.data.createMeeting.id);
  }
  const aliceMeetings = new Set(meetingIds.slice(1));

  const subscribers = Array.from({ length: args.subscribers }, (_, i) => {
    const meetingId = meetingIds[i % meetingIds.length] as string;
    // Alice watches her own meetings half the time; the administrator watches every one.
    const token = aliceMeetings.has(meetingId) && i % 2 === 0 ? tokens.alice : tokens.admin;
    return new ChaosSubscriber(`subscriber ${i}`, meetingId, () => gateway.wsUrl(), token, tally);
  });
  for (const subscriber of subscribers) subscriber.start();

  const compare = () => {
    const found: string[] = [];
    let mismatched = 0;
    let participants = 0;
    for (const subscriber of subscribers) {
      const truth = meetingTruth(sim, subscriber.meetingId);
      if (!truth.running) continue;
      participants += truth.participants.size;
      const lines = differences(subscriber.state, truth);
      if (lines.length > 0) mismatched++;
      found.push(...lines.map((line) => `${subscriber.name} on ${subscriber.meetingId}: ${line}`));
    }
    return { mismatched, found, participants };
  };
  /** Waits until every subscriber matches the simulator, or `seconds`; answers what still differs. */
  const settle = async (seconds: number) => {
    const began = Date.now();
    for (;;) {
      const result = compare();
      if (result.found.length === 0) return { ...result, afterMs: Date.now() - began };
      if (Date.now() - began > seconds * 1000) return { ...result, afterMs: null };
      await sleep(500);
    }
  };

  const initial = await settle(30);
  if (initial.afterMs === null) {
    process.stderr.write(
      `chaos: the subscribers did not match before any fault:\n${initial.found.slice(0, 10).join('\n')}\n`,
    );
  }

  const faults = new FaultInjector({
    simUrl: sim.url,
    meetingIds,
    kinds: args.faults ?? DEFAULT_FAULTS,
    random,
    tally,
    meanIntervalMs: args['fault-interval-ms'],
  });
  const load = new Load({
    url: () => gateway.url(),
    tokens,
    sim,
    meetingIds,
    random,
    tally,
    timeoutMs: 60_000,
  });
  const rounds: RoundResult[] = [];
  let remaining = args.seconds;
  for (let round = 1; remaining > 0; round++) {
    const chaosSeconds = Math.min(args['round-seconds'], remaining);
    remaining -= chaosSeconds;
    await simControl(sim.url, 'POST', '/activity/start', {
      intervalMs: 250,
      seed: `chaos-${args.seed}-${round}`,
      minParticipants: 3,
      maxParticipants: 10,
    });
    faults.start();
    load.start(args.concurrency);
    await sleep(chaosSeconds * 1000);
    await faults.stop();
    await load.stop();
    await simControl(sim.url, 'POST', '/activity/stop');
    await faults.heal();
    const settled = await settle(args['settle-seconds']);
    rounds.push({
      round,
      chaosSeconds,
      settledAfterMs: settled.afterMs,
      participantsCompared: settled.participants,
      mismatchedStates: settled.mismatched,
      lostUpdates: settled.found.length,
      examples: settled.found.slice(0, 10),
    });
    process.stdout.write(
      `round ${round}: ${chaosSeconds} s of chaos; ${settled.afterMs === null ? `${settled.mismatched} subscriber states still differ` : `all matched after ${settled.afterMs} ms`} (${settled.participants} participants compared); ${gateway.crashes.length} crashes, ${tally.http5xx} 5xx so far\n`,
    );
  }

  await Promise.all(subscribers.map((subscriber) => subscriber.stop()));
  const peakRssBytes = gateway.peakRssBytes();
  await gateway.stop();
  await sim.close();

  const faultsInjected = Object.values(tally.faults).reduce((sum, n) => sum + n, 0);
  const stateMismatches = rounds.reduce((sum, r) => sum + r.mismatchedStates, 0);
  const lostUpdates = rounds.reduce((sum, r) => sum + r.lostUpdates, 0);
  const results = {
    measuredAt: new Date().toISOString(),
    node: process.version,
    seed: args.seed,
    durationSeconds: Math.round((Date.now() - startedAt) / 1000),
    chaosSeconds: args.seconds,
    subscribers: args.subscribers,
    meetings: meetingIds.length,
    inputs: {
      total: tally.operations + tally.subscriptions + faultsInjected,
      operations: tally.operations,
      operationsOk: tally.operationsOk,
      subscriptions: tally.subscriptions,
      faults: faultsInjected,
    },
    faults: tally.faults,
    crashes: gateway.crashes.length,
    http5xx: tally.http5xx,
    uncodedErrors: tally.uncodedErrors,
    lostUpdates,
    stateMismatches,
    timeouts: tally.timeouts,
    transportErrors: tally.transportErrors,
    updatesReceived: tally.updates,
    subscriptionCompletions: tally.completions,
    errorCodes: tally.codes,
    gatewayPeakRssMB: Math.round(peakRssBytes / 1024 / 1024),
    crashList: gateway.crashes,
    rounds,
    examples: tally.examples,
    gatewayLog: logPath,
  };
  const passed = results.crashes === 0 && results.http5xx === 0 && results.stateMismatches === 0;
  const resultsDir = fileURLToPath(new URL('../../results/', import.meta.url));
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'chaos.json'), `${JSON.stringify({ ...results, passed }, null, 2)}\n`);

  const rows: [string, string | number][] = [
    ['duration (s)', results.durationSeconds],
    ['chaos (s) / rounds', `${results.chaosSeconds} / ${rounds.length}`],
    ['subscribers / meetings', `${results.subscribers} / ${results.meetings}`],
    ['inputs sent', results.inputs.total],
    ['  operations (HTTP)', `${results.inputs.operations} (${results.inputs.operationsOk} without error)`],
    ['  subscriptions started', results.inputs.subscriptions],
    ['  faults injected', results.inputs.faults],
    ['crashes', results.crashes],
    ['HTTP 5xx answers', results.http5xx],
    ['uncoded errors', results.uncodedErrors],
    ['lost updates', results.lostUpdates],
    ['state mismatches', results.stateMismatches],
    ['time-outs (60 s)', results.timeouts],
    ['gateway peak RSS (MB)', results.gatewayPeakRssMB],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(
    `\n${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n\nfaults: ${JSON.stringify(tally.faults)}\nerror codes: ${JSON.stringify(tally.codes)}\n`,
  );
  for (const [problem, list] of Object.entries(tally.examples))
    process.stdout.write(`${problem}:\n${list.map((line) => `  ${line}`).join('\n')}\n`);
  for (const round of rounds.filter((r) => r.examples.length > 0))
    process.stdout.write(
      `round ${round.round} still differs:\n${round.examples.map((line) => `  ${line}`).join('\n')}\n`,
    );
  process.stdout.write(`\n${passed ? 'PASSED' : 'FAILED'}: written ${join(resultsDir, 'chaos.json')}\n`);
  return passed ? 0 : 1;
}

/** Calls the simulator's test control, failing loudly (the soak's own set-up must work). */
async function simControl(simUrl: string, method: string, path: string, body?: unknown): Promise<void> {
  await simulatorControl(simUrl, method, path, body);
}

process.exitCode = await main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${(error as Error).stack ?? String(error)}\n${USAGE}\n`);
  return 2;
});
// Sockets and timers of a failed run may linger: the figures are written, so end here.
process.exit();
