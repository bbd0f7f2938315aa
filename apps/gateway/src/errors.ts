import { unwrapResolverError } from '@apollo/server/errors';
import { ClientErrorCode, MeetingApiError } from '@hwmeeting/client';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** Stable `extensions.code` values of the gateway's GraphQL errors. */
export const GatewayErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The action needs a meeting that has not started (edit, cancel without endIfRunning, start), and it is in progress. */
  MEETING_IN_PROGRESS: 'MEETING_IN_PROGRESS',
  /** The action needs a meeting in progress (meeting control), and it has not started yet or has ended. */
  MEETING_NOT_IN_PROGRESS: 'MEETING_NOT_IN_PROGRESS',
  /** A participant the action names is not in the meeting (left, or never joined); `extensions.participantIds` lists them. */
  PARTICIPANT_NOT_FOUND: 'PARTICIPANT_NOT_FOUND',
  /** The meeting server refused a meeting password given with the action (host or guest password). */
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  /** The document is not GraphQL, or has more tokens than the limit. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** Over the per-user budget (`extensions.retryAfterSeconds` and, over HTTP, `Retry-After` say when to retry), or the meeting server asked to slow down (`extensions.retryAfterSeconds` when it said how long). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A limit of the gateway (message size, subscriptions per socket) refused the request. */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** The HTTP request itself is malformed (not JSON, a bad charset or encoding). */
  BAD_REQUEST: 'BAD_REQUEST',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The operation passed its deadline (OPERATION_TIMEOUT_MS), or an upstream call timed out. */
  TIMEOUT: 'TIMEOUT',
  /** The gateway stopped before the operation finished (after its drain time); try again (another replica). */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /** The client went away before the answer: its upstream calls were cut (never sent; counted in metrics). */
  CANCELLED: 'CANCELLED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
/** One of the {@link GatewayErrorCode} values. */
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** A GraphQL error with a stable `extensions.code` (and, where useful, the field or upstream code). */
export function gatewayError(
  code: GatewayErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

// Upstream codes that mean "this does not exist (for you)".
const NOT_FOUND_CODES = new Set([
  'MMC.111070005',
  'MMC.111070010',
  'MMC.111072065',
  'USG.201040000',
  'USG.201060000',
]);

/** What an upstream refusal is about: the resolver names the argument that gave it (the error's `field`). */
export type RefusalSubject = 'meeting' | 'participant' | 'password';

/** A precise refusal: the gateway code, what it says, and what it is about. */
interface Refusal {
  code: GatewayErrorCode;
  message: string;
  subject: RefusalSubject;
  /** Only when the resolver names an argument of this subject (the upstream code alone means more things). */
  onlyWhenNamed?: boolean;
}

/**
 * The one table of upstream refusals with a precise code: the meeting server's `error_code` -> what the gateway
 * answers (rest-api.md 5.3; the simulator answers these codes in these cases). A refusal the meeting server
 * gives no code of its own is checked by the gateway instead: a participant not in the meeting
 * (PARTICIPANT_NOT_FOUND, schema/control/arguments.ts), a meeting in progress before an edit or start
 * (MEETING_IN_PROGRESS, schema/meetings/scheduling.ts).
 */
const UPSTREAM_REFUSALS: Readonly<Record<string, Refusal>> = {
  // "meeting not started or already ended" (UNVERIFIED third-party reading): every control call of a meeting not in progress.
  'MMC.111072005': {
    code: GatewayErrorCode.MEETING_NOT_IN_PROGRESS,
    message: 'the meeting is not in progress: it has not started yet, or it has ended',
    subject: 'meeting',
  },
  // "meeting in progress cannot be cancelled (use type=1)".
  'MMC.111071067': {
    code: GatewayErrorCode.MEETING_IN_PROGRESS,
    message: 'the meeting is in progress; pass endIfRunning: true to end and cancel it',
    subject: 'meeting',
  },
  // CONF_NOT_FOUND_OR_AUTH_FAILED: a wrong password only when the caller gave one (else NOT_FOUND, below).
  'MMC.111072065': {
    code: GatewayErrorCode.WRONG_PASSWORD,
    message: 'the meeting server refused this password for the meeting',
    subject: 'password',
    onlyWhenNamed: true,
  },
};

/** The precise refusal of an upstream error; `named` says which subjects the resolver names an argument for. */
function refusalOf(
  error: MeetingApiError,
  named: ReadonlySet<RefusalSubject> = new Set(),
): Refusal | undefined {
  const refusal = Object.hasOwn(UPSTREAM_REFUSALS, error.code) ? UPSTREAM_REFUSALS[error.code] : undefined;
  if (!refusal || (refusal.onlyWhenNamed && !named.has(refusal.subject))) return undefined;
  return refusal;
}

/**
 * Runs an upstream call; a refusal of the table about a subject `args` names (e.g. `{ meeting: 'meetingId' }`)
 * comes back with its precise code, naming that argument as its `field`.
 */
export async function namingArguments<T>(
  args: Partial<Record<RefusalSubject, string>>,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MeetingApiError) {
      const refusal = refusalOf(error, new Set(Object.keys(args) as RefusalSubject[]));
      const field = refusal ? args[refusal.subject] : undefined;
      if (refusal && field) throw upstreamError(error, refusal.code, field);
    }
    throw error;
  }
}

/** The message of a precise code that names `field`, the same way `parseInput` names a field. */
export const fieldMessage = (field: string | undefined, message: string) =>
  field ? `${field}: ${message}` : message;

/** Maps an upstream `MeetingApiError` to the gateway code a front end can act on. */
export function codeForUpstream(error: MeetingApiError): GatewayErrorCode {
  if (error.code === ClientErrorCode.INVALID_INPUT) return GatewayErrorCode.BAD_USER_INPUT;
  if (error.code === ClientErrorCode.NOT_CONFIGURED) return GatewayErrorCode.FORBIDDEN;
  if (error.code === ClientErrorCode.TIMEOUT) return GatewayErrorCode.TIMEOUT;
  // An operation's own aborts (deadline, shutdown) are answered by its deadline's race first. An abort that
  // still reaches here came through work shared with another operation (a login in flight): TIMEOUT when that
  // one's deadline cut it, otherwise the upstream call simply did not complete.
  if (error.code === ClientErrorCode.ABORTED)
    return abortedByTimeout(error) ? GatewayErrorCode.TIMEOUT : GatewayErrorCode.UPSTREAM_UNAVAILABLE;
  if (error.httpStatus === 429 || error.code === '100000429') return GatewayErrorCode.RATE_LIMITED;
  const refusal = refusalOf(error);
  if (refusal) return refusal.code;
  if (NOT_FOUND_CODES.has(error.code)) return GatewayErrorCode.NOT_FOUND;
  if (error.httpStatus === 403 || error.httpStatus === 412 || error.httpStatus === 423)
    return GatewayErrorCode.FORBIDDEN;
  if (error.httpStatus === 400) return GatewayErrorCode.BAD_USER_INPUT;
  return GatewayErrorCode.UPSTREAM_UNAVAILABLE;
}

/**
 * The GraphQL error of an upstream refusal under `code`, keeping the upstream code, request ID and field. A
 * resolver that knows more than {@link codeForUpstream} (e.g. that the meeting exists) passes its own code.
 */
export function upstreamError(
  error: MeetingApiError,
  code: GatewayErrorCode = codeForUpstream(error),
  field: string | undefined = error.field,
): GraphQLError {
  // The upstream message may name upstream internals; the code and field are what a front end needs.
  return gatewayError(code, upstreamMessage(code, error, field), {
    upstreamCode: error.code,
    ...(error.requestId ? { requestId: error.requestId } : {}),
    ...(field ? { field } : {}),
    // The meeting server's own wait, in the same extension as the gateway's rate limit gives.
    ...(code === GatewayErrorCode.RATE_LIMITED && error.retryAfterSeconds !== undefined
      ? { retryAfterSeconds: Math.max(1, Math.ceil(error.retryAfterSeconds)) }
      : {}),
  });
}

/** True when a `TimeoutError` (a deadline's abort reason) is among the causes of `error`. */
function abortedByTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    if (current.name === 'TimeoutError') return true;
    current = current.cause;
  }
  return false;
}

/** Turns anything a resolver throws into a GraphQL error with a stable code; unknown errors are rethrown. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof GraphQLError) return error;
  if (error instanceof MeetingApiError) return upstreamError(error);
  return error;
}

function upstreamMessage(code: GatewayErrorCode, error: MeetingApiError, field: string | undefined): string {
  const refusal = refusalOf(error, new Set(['meeting', 'participant', 'password']));
  if (refusal?.code === code) return fieldMessage(field, refusal.message);
  switch (code) {
    case GatewayErrorCode.NOT_FOUND:
      return 'not found, or not visible to you';
    case GatewayErrorCode.FORBIDDEN:
      return 'the meeting server does not allow this for you';
    case GatewayErrorCode.RATE_LIMITED:
      return 'the meeting server asks to slow down; try again shortly';
    case GatewayErrorCode.TIMEOUT:
      return 'the meeting server did not answer in time; try again later';
    case GatewayErrorCode.BAD_USER_INPUT:
      return field ? `invalid input at ${field}` : 'the meeting server refused the input';
    default:
      return 'the meeting server is unavailable; try again later';
  }
}

/** Parses resolver input with a zod schema, or throws BAD_USER_INPUT naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, argument: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [argument, ...(issue?.path ?? []).map(String)].join('.');
  throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, `${field}: ${issue?.message ?? 'invalid'}`, { field });
}

/** Formats errors the same way on every transport: upstream errors mapped, unexpected ones masked in production. */
export interface ErrorFormatter {
  /** Apollo's `formatError` (HTTP). */
  format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  /** The same over graphql-ws, where Apollo's formatError does not run; every error gets a code. */
  formatSocket(error: GraphQLError, defaultCode: string): GraphQLFormattedError;
}

/** Builds the gateway's error formatter; `production` masks unexpected errors (logged, never shown). */
export function createErrorFormatter(logger: Logger, production: boolean): ErrorFormatter {
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const mapped = toGraphQLError(original);
    if (mapped !== original || original instanceof MeetingApiError) {
      const graphQLError = mapped as { message: string; extensions: Record<string, unknown> };
      return { ...formatted, message: graphQLError.message, extensions: graphQLError.extensions };
    }
    if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR' && production) {
      logger.error({ err: original }, 'unexpected error');
      return { message: 'internal error', extensions: { code: GatewayErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return formatted;
  };
  return {
    format,
    formatSocket(error, defaultCode) {
      const formatted = error.toJSON();
      const code = formatted.extensions?.code ?? defaultCode;
      return format({ ...formatted, extensions: { ...formatted.extensions, code } }, error);
    },
  };
}
