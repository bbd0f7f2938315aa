import type { TransportEvent } from '@hwmeeting/client';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus metrics, in their own registry. */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({
    name: 'hwmeeting_graphql_operations_total',
    help: 'GraphQL operations by type and outcome',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'hwmeeting_graphql_operation_seconds',
    help: 'GraphQL operation latency',
    labelNames: ['type'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly errors = new Counter({
    name: 'hwmeeting_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: 'hwmeeting_upstream_calls_total',
    help: 'Upstream HTTP attempts by operation and status',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  readonly upstreamLatency = new Histogram({
    name: 'hwmeeting_upstream_call_seconds',
    help: 'Upstream HTTP attempt latency by operation',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly openSubscriptions = new Gauge({
    name: 'hwmeeting_open_subscriptions',
    help: 'GraphQL subscriptions open now',
    registers: [this.registry],
  });
  readonly upstreamSockets = new Gauge({
    name: 'hwmeeting_upstream_sockets',
    help: 'Upstream meeting WebSockets open now',
    registers: [this.registry],
  });

  /** Records one upstream attempt (the client's onEvent hook). */
  upstream(event: TransportEvent): void {
    this.upstreamCalls.inc({
      operation: event.operation,
      status: String(event.httpStatus ?? event.code ?? 'error'),
    });
    this.upstreamLatency.observe({ operation: event.operation }, event.durationMs / 1000);
  }
}
