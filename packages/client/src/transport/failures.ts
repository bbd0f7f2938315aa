import { ClientErrorCode, MeetingApiError } from '../errors.js';

/** Errors made because the caller's signal ended the call: neither the upstream's fault nor worth a retry. */
const endedByCaller = new WeakSet<MeetingApiError>();

/** Marks an error as made because the caller's signal ended the call; answers it. */
export function markCallerAbort(error: MeetingApiError): MeetingApiError {
  endedByCaller.add(error);
  return error;
}

/** True when the caller's own signal ended the call (an abort or its deadline), whatever the code says. */
export function isCallerAbort(error: unknown): boolean {
  return error instanceof MeetingApiError && endedByCaller.has(error);
}

/**
 * True for a failure of the upstream itself: a 5xx answer, a failed connection or an attempt's own timeout.
 * A caller's deadline is not one, even though its code is also TIMEOUT.
 */
export function isUpstreamFailure(error: unknown): boolean {
  if (!(error instanceof MeetingApiError) || endedByCaller.has(error)) return false;
  return (
    (error.httpStatus !== undefined && error.httpStatus >= 500) ||
    error.code === ClientErrorCode.NETWORK ||
    error.code === ClientErrorCode.TIMEOUT
  );
}
