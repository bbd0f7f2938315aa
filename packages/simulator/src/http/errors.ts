/** An error answer of the simulator: HTTP status and the published error body. */
export class SimHttpError extends Error {
  override readonly name = 'SimHttpError';
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** `error_msg` of `MMC.111072065`, as the published examples spell it. */
export const CONF_AUTH_FAILED_MSG = 'CONF_NOT_FOUND_OR_AUTH_FAILED';

/**
 * Error codes the simulator answers with. Codes marked UNVERIFIED in the reference are our most plausible
 * reading of it; the rest are published.
 */
export const SimErrorCode = {
  /** Bad request in the meeting (MMC) family. */
  MMC_BAD_REQUEST: 'MMC.111070001',
  /** Insufficient permission. */
  MMC_FORBIDDEN: 'MMC.111070002',
  /** Meeting does not exist. */
  MMC_MEETING_NOT_FOUND: 'MMC.111070005',
  /** Meeting password must not be empty. */
  MMC_PASSWORD_EMPTY: 'MMC.111070009',
  /** No permission to view the meeting. */
  MMC_NO_VIEW_PERMISSION: 'MMC.111070010',
  /** Meeting not started or already ended (UNVERIFIED). */
  MMC_NOT_STARTED: 'MMC.111072005',
  /**
   * Meeting not found or authentication failed (doc example): a wrong host password, and a stale, expired or
   * unknown control token (HTTP 400, published-behaviour.md §3).
   */
  MMC_CONF_AUTH_FAILED: 'MMC.111072065',
  /** A meeting in progress cannot be cancelled without `type=1` (UNVERIFIED). */
  MMC_IN_PROGRESS: 'MMC.111071067',
  /** Start time beyond the allowed scheduling range, about a year ahead (UNVERIFIED). */
  MMC_START_TIME_OUT_OF_RANGE: 'MMC.111071014',
  /** Participant does not exist in the meeting (UNVERIFIED: no published code; the generic MMC bad-request code). */
  MMC_PARTICIPANT_NOT_FOUND: 'MMC.111070001',
  /** Bad request in the user (USG) family (UNVERIFIED: no published code; chosen by the project). */
  USG_BAD_REQUEST: 'USG.000000001',
  /** Invalid or expired token. */
  USG_TOKEN_INVALID: 'USG.000000004',
  /** User does not exist. */
  USG_USER_NOT_FOUND: 'USG.201040000',
  /** Account already exists. */
  USG_ACCOUNT_EXISTS: 'USG.201040001',
  /** Wrong account or password (UNVERIFIED mapping of client code 206010000). */
  USG_BAD_CREDENTIALS: 'USG.206010000',
  /** App ID verification failed: bad signature, unknown app, replayed nonce (UNVERIFIED mapping of 206010025). */
  USG_APP_AUTH_FAILED: 'USG.206010025',
  /** App ID signature expired (UNVERIFIED mapping of 206010057). */
  USG_APP_AUTH_EXPIRED: 'USG.206010057',
  /** Account disabled (HTTP 412). */
  USG_ACCOUNT_DISABLED: 'USG.412100009',
  /** Insufficient permission (USG family; management of users needs an administrator). */
  USG_FORBIDDEN: 'USG.000000403',
  /** Department does not exist (UNVERIFIED). */
  USG_DEPT_NOT_FOUND: 'USG.201060000',
  /** Department still has users or sub-departments, so it cannot be deleted (UNVERIFIED). */
  USG_DEPT_NOT_EMPTY: 'USG.201060001',
  /** Department code, or a sibling's name, already exists (UNVERIFIED). */
  USG_DEPT_EXISTS: 'USG.201060002',
  /** The root department cannot be deleted or moved (UNVERIFIED). */
  USG_DEPT_ROOT: 'USG.201060003',
  /** The enterprise default administrator cannot be deleted or disabled (UNVERIFIED). */
  USG_DEFAULT_ADMIN: 'USG.201040002',
  /** The webhook receiver failed the `meeting.verify` handshake (UNVERIFIED: no published code; the generic MMC bad-request code). */
  MMC_WEBHOOK_VERIFY_FAILED: 'MMC.111070001',
  /** No webhook configuration with that ID, or none at all (UNVERIFIED: no published code; the generic MMC bad-request code). */
  MMC_WEBHOOK_CONFIG_NOT_FOUND: 'MMC.111070001',
  /** Flow control (HTTP 429). */
  FLOW_CONTROL: '100000429',
  /** Unknown API path (API gateway). */
  API_NOT_FOUND: 'APIGW.0101',
  /** Server failure. */
  INTERNAL: 'MMC.111070003',
} as const;
