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
 * Measures two synchronous functions in alternating rounds (so that machine noise hits both alike) and
 * returns the median throughput of each and their ratio.
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
