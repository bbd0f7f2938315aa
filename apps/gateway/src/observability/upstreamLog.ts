import type { ClientHooks } from '@hwmeeting/client';
import type { Logger } from 'pino';
import type { GatewayMetrics } from './metrics.js';

/**
 * The meeting client's hooks for the gateway's operators: a `debug` line per upstream HTTP attempt (operation,
 * status, duration, attempt, request id), a `warn` line when an area's breaker opens and `info` when it
 * half-opens or closes, a `warn` line per token failure; each attempt also counted in `metrics`. No line holds a
 * token, a password or a body: the client's events carry none.
 */
export function upstreamLog(
  logger: Logger,
  metrics?: GatewayMetrics,
): Required<Pick<ClientHooks, 'onEvent' | 'onBreakerStateChange' | 'onTokenFailure'>> {
  const log = logger.child({ component: 'upstream' });
  return {
    onEvent: (event) => {
      metrics?.upstream(event);
      // The hot path: no object is built when debug is off.
      if (!log.isLevelEnabled('debug')) return;
      log.debug(
        {
          operation: event.operation,
          area: event.area,
          method: event.method,
          path: event.path,
          status: event.httpStatus,
          code: event.code,
          durationMs: Math.round(event.durationMs * 10) / 10,
          attempt: event.attempt,
          requestId: event.requestId,
        },
        'upstream call',
      );
    },
    onBreakerStateChange: (event) => {
      const fields = { area: event.area, state: event.state, endpoint: event.endpoint, cause: event.cause };
      if (event.state === 'open') log.warn(fields, `upstream breaker open: ${event.area} calls are refused`);
      else log.info(fields, `upstream breaker ${event.state}: ${event.area}`);
    },
    onTokenFailure: (event) => {
      log.warn(
        {
          // `tokenKind`, not `token`: the field names a kind, and the logger's redaction paths mean secrets.
          tokenKind: event.token,
          stage: event.stage,
          operation: event.operation,
          userId: event.userId,
          conferenceID: event.conferenceID,
          code: event.code,
          status: event.httpStatus,
          requestId: event.requestId,
        },
        `upstream ${event.token} token ${event.stage === 'refused' ? 'refused' : `${event.stage} failed`}`,
      );
    },
  };
}
