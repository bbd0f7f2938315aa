import type { BreakerArea, BreakerState } from '../hooks.js';

/** Circuit breaker per upstream area: opens after consecutive failures, tries again after a pause. */
export interface BreakerOptions {
  /** Consecutive server or network failures that open the circuit (default 5). */
  consecutiveFailures?: number;
  /** Milliseconds before a half-open trial call (default 10000). */
  halfOpenAfterMs?: number;
}

/** How the breaker lets an attempt through: as an ordinary one, as the one trial of a half-open circuit, or not. */
export type Admission = 'pass' | 'trial' | 'refused';

/** What an attempt tells the breaker: the upstream answered, failed, or the caller ended the attempt. */
export type AttemptOutcome = 'success' | 'failure' | 'neutral';

/**
 * The circuit breaker of one upstream area. Closed, it counts consecutive upstream failures and opens at the
 * threshold; open, it refuses attempts until `halfOpenAfterMs` has passed, then lets exactly one trial through
 * (the others are refused meanwhile). The trial's success closes it, its failure opens it again, and a trial the
 * caller ended tells nothing: the next attempt becomes the trial. Written here rather than taken from cockatiel,
 * whose breaker closes on a cancelled trial and keeps callers waiting on a trial past their own signal.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly threshold: number;
  private readonly halfOpenAfterMs: number;

  constructor(
    readonly area: BreakerArea,
    options: BreakerOptions,
    private readonly changed: (state: BreakerState, cause: string | undefined) => void,
  ) {
    this.threshold = Math.max(1, options.consecutiveFailures ?? 5);
    this.halfOpenAfterMs = options.halfOpenAfterMs ?? 10_000;
  }

  /** The breaker's state now. */
  get state(): BreakerState {
    return this.current;
  }

  /** Lets one attempt through, or refuses it. */
  admit(): Admission {
    if (this.current === 'closed') return 'pass';
    if (this.current === 'open') {
      if (performance.now() - this.openedAt < this.halfOpenAfterMs) return 'refused';
      this.current = 'half-open';
      this.trialInFlight = true;
      this.changed('half-open', undefined);
      return 'trial';
    }
    if (this.trialInFlight) return 'refused';
    this.trialInFlight = true;
    return 'trial';
  }

  /** Records the outcome of an admitted attempt; `cause` says what a failure was. */
  record(admission: Admission, outcome: AttemptOutcome, cause?: string): void {
    if (admission === 'refused') return;
    if (admission === 'trial') {
      this.trialInFlight = false;
      if (outcome === 'success') this.close();
      else if (outcome === 'failure') this.open(cause);
      return;
    }
    // An ordinary attempt admitted while closed; one that ends after the circuit opened changes nothing.
    if (this.current !== 'closed' || outcome === 'neutral') return;
    if (outcome === 'success') {
      this.failures = 0;
      return;
    }
    this.failures++;
    if (this.failures >= this.threshold) this.open(cause);
  }

  private open(cause: string | undefined): void {
    this.current = 'open';
    this.openedAt = performance.now();
    this.failures = 0;
    this.changed('open', cause);
  }

  private close(): void {
    this.current = 'closed';
    this.failures = 0;
    this.changed('closed', undefined);
  }
}
