import { ClientErrorCode, MeetingApiError } from '../errors.js';
import { markCallerAbort } from './failures.js';

/** Whether the signal ended because a deadline passed (`AbortSignal.timeout` aborts with a `TimeoutError`). */
function isDeadline(signal: AbortSignal): boolean {
  return (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

/**
 * The error of a call its caller's signal ended: `TIMEOUT` (a deadline) when the signal's reason is a
 * `TimeoutError`, `ABORTED` otherwise. Neither counts against the upstream (no retry, no breaker failure).
 */
export function callerAbortError(
  signal: AbortSignal,
  operation: string,
  requestId?: string,
  cause?: unknown,
): MeetingApiError {
  const deadline = isDeadline(signal);
  return markCallerAbort(
    new MeetingApiError({
      code: deadline ? ClientErrorCode.TIMEOUT : ClientErrorCode.ABORTED,
      operation,
      requestId,
      message: deadline
        ? `${operation}: deadline exceeded (the caller's signal timed out)`
        : `${operation}: aborted by the caller`,
      cause: cause ?? signal.reason,
    }),
  );
}

/** Waits `ms`, or rejects with {@link callerAbortError} as soon as the signal aborts. */
export function delay(
  ms: number,
  signal: AbortSignal | undefined,
  operation: string,
  requestId?: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(callerAbortError(signal, operation, requestId));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(callerAbortError(signal as AbortSignal, operation, requestId));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
