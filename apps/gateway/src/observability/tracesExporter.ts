import type { GatewayEnv } from '../config.js';

/** The settings that decide whether and where traces go. */
export type TracingEnv = Pick<
  GatewayEnv,
  'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT' | 'OTEL_TRACES_EXPORTER'
>;

/**
 * The traces exporter the environment asks for: OTEL_TRACES_EXPORTER when set (`none`: off), else OTLP when an
 * OTLP endpoint is set, else none (tracing off).
 */
export function tracesExporterOf(env: TracingEnv): 'otlp' | 'console' | undefined {
  if (env.OTEL_TRACES_EXPORTER !== undefined) {
    return env.OTEL_TRACES_EXPORTER === 'none' ? undefined : env.OTEL_TRACES_EXPORTER;
  }
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : undefined;
}
