import { Bench } from 'tinybench';

/** Throughput of a candidate against its baseline, measured in the same run. */
export interface Comparison {
  baselineOpsPerSec: number;
  candidateOpsPerSec: number;
  /** candidate / baseline: 1 means no overhead, 0.9 means 10% slower. */
  ratio: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/**
 * Measures two functions (synchronous or async, called one at a time) in alternating rounds, so that machine
 * noise hits both alike, and returns the median throughput of each and their ratio.
 */
export async function compareThroughput(
  baseline: () => unknown,
  candidate: () => unknown,
  { rounds = 7, timeMs = 400 }: { rounds?: number; timeMs?: number } = {},
): Promise<Comparison> {
  const baselineHz: number[] = [];
  const candidateHz: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: timeMs, warmup: true, warmupTime: 100 });
    // Alternate the order so neither task always runs on a warmer or cooler machine.
    if (round % 2 === 0) bench.add('baseline', baseline).add('candidate', candidate);
    else bench.add('candidate', candidate).add('baseline', baseline);
    await bench.run();
    for (const task of bench.tasks) {
      const hz = task.result && 'throughput' in task.result ? task.result.throughput.mean : Number.NaN;
      (task.name === 'baseline' ? baselineHz : candidateHz).push(hz);
    }
  }
  const baselineOpsPerSec = median(baselineHz);
  const candidateOpsPerSec = median(candidateHz);
  return { baselineOpsPerSec, candidateOpsPerSec, ratio: candidateOpsPerSec / baselineOpsPerSec };
}

/** Latency of a candidate against its baseline, call by call. */
export interface LatencyComparison {
  baselineP50Us: number;
  candidateP50Us: number;
  baselineP99Us: number;
  candidateP99Us: number;
  /** baseline p50 / candidate p50: the throughput ratio of one caller; 1 means no overhead. */
  ratio: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/**
 * Calls two async functions alternately, one call each per step (order flipped every step), so that drift in the
 * machine or the server affects both alike; returns the median and p99 latency of each.
 */
export async function compareLatency(
  baseline: () => Promise<unknown>,
  candidate: () => Promise<unknown>,
  { calls = 10_000, warmup = 2_000 }: { calls?: number; warmup?: number } = {},
): Promise<LatencyComparison> {
  for (let i = 0; i < warmup; i++) await (i % 2 ? baseline() : candidate());
  const base: number[] = [];
  const cand: number[] = [];
  const time = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = process.hrtime.bigint();
    await fn();
    into.push(Number(process.hrtime.bigint() - start) / 1000);
  };
  for (let i = 0; i < calls; i++) {
    if (i % 2 === 0) {
      await time(baseline, base);
      await time(candidate, cand);
    } else {
      await time(candidate, cand);
      await time(baseline, base);
    }
  }
  base.sort((a, b) => a - b);
  cand.sort((a, b) => a - b);
  const round = (n: number) => Number(n.toFixed(1));
  return {
    baselineP50Us: round(percentile(base, 50)),
    candidateP50Us: round(percentile(cand, 50)),
    baselineP99Us: round(percentile(base, 99)),
    candidateP99Us: round(percentile(cand, 99)),
    ratio: Number((percentile(base, 50) / percentile(cand, 50)).toFixed(3)),
  };
}

/** Latency of each of several async functions, call by call: median and p99 in microseconds. */
export type LatencyTable<K extends string> = Record<K, { p50Us: number; p99Us: number }>;

/**
 * Calls several async functions in turn, one call each per step, the order rotated every step so that drift in
 * the machine or the servers affects all alike; returns the median and p99 latency of each.
 */
export async function compareLatencies<K extends string>(
  functions: Record<K, () => Promise<unknown>>,
  { calls = 2_000, warmup = 500 }: { calls?: number; warmup?: number } = {},
): Promise<LatencyTable<K>> {
  const names = Object.keys(functions) as K[];
  for (let i = 0; i < warmup; i++) for (const name of names) await functions[name]();
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < calls; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length] as K;
      const start = process.hrtime.bigint();
      await functions[name]();
      times[name].push(Number(process.hrtime.bigint() - start) / 1000);
    }
  }
  const round = (n: number) => Number(n.toFixed(1));
  return Object.fromEntries(
    names.map((name) => {
      const sorted = times[name].sort((a, b) => a - b);
      return [name, { p50Us: round(percentile(sorted, 50)), p99Us: round(percentile(sorted, 99)) }];
    }),
  ) as LatencyTable<K>;
}
