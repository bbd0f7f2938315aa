import type { UpstreamArea } from './wire/operation.js';
import type { DroppedValue } from './wire/tolerant.js';

/** The area whose breaker guards a call: an upstream area, or `other` for an operation declared without one. */
export type BreakerArea = UpstreamArea | 'other';

/** What the transport reports of each HTTP attempt, for logs and metrics. Never holds a token. */
export interface TransportEvent {
  /** The wire operation, e.g. `searchMeetings`. */
  operation: string;
  area: BreakerArea;
  method: string;
  /** The path template, e.g. `/v1/usg/dcs/corp/member/{account}` (never the filled path). */
  path: string;
  /** The `X-Request-ID` sent: the same for every attempt of one call. */
  requestId: string;
  /** 1 for the first attempt, 2 for the first retry ... */
  attempt: number;
  durationMs: number;
  /** The answer's status, when there was an answer. */
  httpStatus?: number | undefined;
  /** The error code when the attempt failed. */
  code?: string | undefined;
}

/** The states of an area's circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** A circuit breaker changed state. */
export interface BreakerStateEvent {
  area: BreakerArea;
  state: BreakerState;
  /** The endpoint the breaker guards. */
  endpoint: string;
  /** When it opens: what the failure that opened it was (an HTTP status such as `503`, or `NETWORK`, `TIMEOUT`). */
  cause?: string | undefined;
}

/** A token could not be obtained or renewed, or the server refused one the client held. Never holds a token. */
export interface TokenFailureEvent {
  /** An access token (login, refresh) or a meeting control token. */
  token: 'access' | 'control';
  /**
   * `obtain`: a login (or a new control token) failed, and so did the calls waiting for it; `renew`: a refresh
   * (or control-token keep-alive) failed, and a fresh `obtain` follows when the server refused it; `refused`: the
   * server refused a token the client held on a call (401; for a control token also 400 `MMC.111072065`), which
   * drops it and retries once.
   */
  stage: 'obtain' | 'renew' | 'refused';
  /** The wire operation that failed: `createAppIdToken`, `updateToken`, `createConfToken`, or the call refused. */
  operation: string;
  /**
   * The third-party userId the token is for (an identifier, not a secret); undefined for the enterprise
   * administrator, or the one account of account credentials.
   */
  userId: string | undefined;
  /** For a control token: its meeting. */
  conferenceID?: string | undefined;
  code: string;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
}

/**
 * A value the client left out of an answer rather than fail the call: a record out of a list (not an object, or
 * without its identifying field) or an unreadable field out of a record. Names what was wrong, never the value.
 */
export interface DroppedValueEvent extends DroppedValue {
  /** The wire operation whose answer it was, e.g. `searchMeetings`. */
  operation: string;
  /** The `X-Request-ID` of the answer. */
  requestId: string;
}

/** What an operator can watch: hooks of the client options, each called synchronously; none receives a secret. */
export interface ClientHooks {
  /** Called after every HTTP attempt (logs, metrics). */
  onEvent?: ((event: TransportEvent) => void) | undefined;
  /** Called when an area's circuit breaker opens, half-opens for a trial call, or closes. */
  onBreakerStateChange?: ((event: BreakerStateEvent) => void) | undefined;
  /**
   * Called when a token login, refresh or keep-alive fails, or the server refuses a token (401, or a control
   * token answered 400 `MMC.111072065`).
   */
  onTokenFailure?: ((event: TokenFailureEvent) => void) | undefined;
  /** Called for each record or field left out of an answer (see {@link DroppedValueEvent}). */
  onDropped?: ((event: DroppedValueEvent) => void) | undefined;
}

/**
 * Calls a hook. A hook that throws is a bug of the hook: it must change neither the call's outcome nor a
 * breaker's state, so its error goes to the process's `warning` event instead.
 */
export function notify<E>(name: keyof ClientHooks, hook: ((event: E) => void) | undefined, event: E): void {
  if (!hook) return;
  try {
    hook(event);
  } catch (error) {
    process.emitWarning(`the ${name} hook threw: ${String(error)}`, { type: 'HwmeetingClientHookWarning' });
  }
}
