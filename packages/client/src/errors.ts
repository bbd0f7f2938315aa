/** Codes the client itself gives an error; any other code is the server's `error_code` as it came. */
export const ClientErrorCode = {
  /** The call did not finish within its timeout. */
  TIMEOUT: 'TIMEOUT',
  /** The connection failed or was reset. */
  NETWORK: 'NETWORK',
  /** The circuit breaker for the endpoint is open after repeated failures; the call was not sent. */
  CIRCUIT_OPEN: 'CIRCUIT_OPEN',
  /** The server answered with a body that does not match the published schema. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  /** The caller's input does not match the published schema; nothing was sent. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The caller aborted the call through its AbortSignal. */
  ABORTED: 'ABORTED',
  /** An error answer without an `error_code` (for example a bare 502 from a proxy). */
  HTTP_ERROR: 'HTTP_ERROR',
  /** The call needs something the client was not configured with (credentials, a host password). */
  NOT_CONFIGURED: 'NOT_CONFIGURED',
  /** The client has been disposed. */
  DISPOSED: 'DISPOSED',
} as const;

/** One of the {@link ClientErrorCode} values. */
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

/**
 * The `error_code` of a control call whose control token is stale, expired or unknown, answered with HTTP 400
 * (`CONF_NOT_FOUND_OR_AUTH_FAILED`, published-behaviour.md section 3).
 */
export const CONTROL_TOKEN_REFUSED_CODE = 'MMC.111072065';

/** Details of a {@link MeetingApiError}. */
export interface MeetingApiErrorInit {
  code: string;
  message: string;
  operation: string;
  httpStatus?: number | undefined;
  requestId?: string | undefined;
  /** Seconds the server asked to wait (429 `Retry-After`). */
  retryAfterSeconds?: number | undefined;
  /** For INVALID_INPUT and INVALID_RESPONSE: where the mismatch is, e.g. `body.attendees.0.name`. */
  field?: string | undefined;
  cause?: unknown;
}

/**
 * The one error the client throws. `code` is the upstream `error_code` (e.g. `MMC.111070005`) or a
 * {@link ClientErrorCode}. Messages never contain a token, password or appKey.
 */
export class MeetingApiError extends Error {
  override readonly name = 'MeetingApiError';
  readonly code: string;
  readonly operation: string;
  readonly httpStatus: number | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly field: string | undefined;

  constructor(init: MeetingApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.operation = init.operation;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.field = init.field;
  }

  /** True for an expired or invalid access or control token (HTTP 401). */
  get isUnauthorized(): boolean {
    return this.httpStatus === 401;
  }

  /** True when the server refused a control call's token: HTTP 401, or HTTP 400 `MMC.111072065`. */
  get isControlTokenRefused(): boolean {
    return this.isUnauthorized || (this.httpStatus === 400 && this.code === CONTROL_TOKEN_REFUSED_CODE);
  }
}
