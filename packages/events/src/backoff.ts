/** Exponential backoff bounds: the first ceiling and the largest one, in ms. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

/**
 * "Full jitter" backoff: a uniformly random delay between 0 and `min(maxMs, initialMs * 2^attempt)`, so that
 * many clients dropped at once do not reconnect in lockstep. `attempt` counts from 0.
 */
export function fullJitterDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30);
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.floor(Math.max(0, Math.min(1, random())) * ceiling);
}
