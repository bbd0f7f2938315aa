import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import type { Logger } from 'pino';
import type { TracingEnv } from './tracesExporter.js';
import { tracesExporterOf } from './tracesExporter.js';

/** The running tracing SDK: flushes and stops on shutdown. */
export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * Registers the OpenTelemetry tracing SDK when the environment asks for it (see {@link tracesExporterOf}): spans
 * batched to the OTLP/HTTP exporter, which reads the standard OTEL_EXPORTER_OTLP_* variables (endpoint, headers,
 * timeout) itself, as the SDK does OTEL_TRACES_SAMPLER, OTEL_BSP_* and OTEL_SERVICE_NAME/OTEL_RESOURCE_ATTRIBUTES.
 * Also registers W3C trace-context propagation and the AsyncLocalStorage context. Off: nothing is registered.
 */
export function startTracing(env: TracingEnv, logger: Logger): Tracing | undefined {
  const kind = tracesExporterOf(env);
  if (kind === undefined) return undefined;
  const exporter: SpanExporter = kind === 'otlp' ? new OTLPTraceExporter() : new ConsoleSpanExporter();
  const resource = defaultResource()
    .merge(resourceFromAttributes({ 'service.name': 'hwmeeting-gateway' }))
    .merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [new BatchSpanProcessor(exporter)] });
  provider.register();
  logger.info({ exporter: kind }, 'OpenTelemetry tracing on');
  return { shutdown: () => provider.shutdown() };
}
