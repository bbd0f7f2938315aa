import { MeetingApiError } from '../errors.js';
import { isCallerAbort, isUpstreamFailure } from './failures.js';

/** Retry policy: only safe calls are retried, with jittered exponential backoff. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff in milliseconds (default 100). */
  initialDelayMs?: number;
  /** Longest backoff in milliseconds (default 5000). */
  maxDelayMs?: number;
  /** A 429 whose `Retry-After` asks for longer than this is not retried, and no wait exceeds it (default 30). */
  maxRetryAfterSeconds?: number;
}

/**
 * Which failed attempts are tried again and after how long: a 429 whose `Retry-After` is within bounds always;
 * an upstream failure (5xx, connection, the attempt's own timeout) only for idempotent operations; never a call
 * the caller ended.
 */
export class RetryPolicy {
  readonly maxRetries: number;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterSeconds: number;

  constructor(options: RetryOptions | false | undefined) {
    const settings = options === false ? { maxRetries: 0 } : (options ?? {});
    this.maxRetries = settings.maxRetries ?? 2;
    this.initialDelayMs = settings.initialDelayMs ?? 100;
    this.maxDelayMs = settings.maxDelayMs ?? 5_000;
    this.maxRetryAfterSeconds = settings.maxRetryAfterSeconds ?? 30;
  }

  /** Whether the attempt numbered `attempt` (1 for the first) that failed with `error` is tried again. */
  retries(error: unknown, attempt: number, idempotent: boolean): boolean {
    if (attempt > this.maxRetries || isCallerAbort(error)) return false;
    return this.throttled(error) || (idempotent && isUpstreamFailure(error));
  }

  /** The wait before the retry that follows attempt `attempt`: full jitter, or longer when the server asks. */
  delayMs(attempt: number, error: unknown): number {
    const ceiling = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** (attempt - 1));
    const floor = this.initialDelayMs / 2;
    const jittered = floor + Math.random() * Math.max(0, ceiling - floor);
    const asked = error instanceof MeetingApiError ? error.retryAfterSeconds : undefined;
    return asked === undefined
      ? jittered
      : Math.max(jittered, Math.min(asked, this.maxRetryAfterSeconds) * 1000);
  }

  private throttled(error: unknown): boolean {
    return (
      error instanceof MeetingApiError &&
      error.httpStatus === 429 &&
      (error.retryAfterSeconds ?? 0) <= this.maxRetryAfterSeconds
    );
  }
}
