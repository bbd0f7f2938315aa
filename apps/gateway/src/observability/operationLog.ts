import type { Logger } from 'pino';

/** How an operation ended: answered without errors, answered with errors, or its client went away first. */
export type OperationOutcome = 'ok' | 'error' | 'cancelled';

/** The one log line of a GraphQL operation (never a token, variables or a query text). */
export interface OperationLogEntry {
  requestId: string;
  /** `http` or `ws` (graphql-ws). */
  transport: 'http' | 'ws';
  /** The viewer's user ID (the JWT `sub`), once authenticated. */
  userId: string | undefined;
  operationType: string | undefined;
  operationName: string | undefined;
  durationMs: number;
  outcome: OperationOutcome;
  /** The `extensions.code` of every error answered, each once. */
  errorCodes: string[];
  /** HTTP status of the answer (HTTP only). */
  status?: number | undefined;
}

/**
 * Writes an operation's line at `info`: one per operation is what an operator needs to follow a request across
 * replicas and the upstream (by request id), and costs no more than an access log.
 */
export function logOperation(logger: Logger, entry: OperationLogEntry): void {
  logger.info({ ...entry, durationMs: Math.round(entry.durationMs * 10) / 10 }, 'graphql operation');
}
