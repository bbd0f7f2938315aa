import {
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  propagation,
  type Span,
  SpanKind,
  type SpanOptions,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import type { BreakerArea } from '../hooks.js';
import type { Operation } from '../wire/operation.js';

/** The instrumentation scope of the client's spans. */
export const TRACER_NAME = '@hwmeeting/client';

// One options object for every span: the tracer reads it and keeps nothing of it.
const CLIENT_SPAN: SpanOptions = { kind: SpanKind.CLIENT };

/**
 * OpenTelemetry spans of HTTP attempts, through `@opentelemetry/api` only: a CLIENT span per attempt (each
 * attempt is its own request, as the HTTP semantic conventions count them), named after the operation, with the
 * W3C `traceparent` of that span sent upstream. Without a registered SDK the API answers non-recording spans
 * with an invalid context: then no attribute object is built and the headers are not copied, so the cost is the
 * no-op span itself.
 */
export class AttemptTracing {
  private readonly tracer: Tracer;
  private readonly serverAddress: string;
  private readonly serverPort: number;

  constructor(
    endpoint: URL,
    private readonly basePath: string,
  ) {
    // Asked once per client: the API's proxy tracer finds an SDK registered later.
    this.tracer = trace.getTracer(TRACER_NAME);
    this.serverAddress = endpoint.hostname;
    this.serverPort = Number(endpoint.port || (endpoint.protocol === 'https:' ? 443 : 80));
  }

  /** Starts the span of one attempt, a child of the active span if any. */
  start(operation: Operation, area: BreakerArea, requestId: string, attempt: number): Span {
    const span = this.tracer.startSpan(operation.name, CLIENT_SPAN);
    if (span.isRecording()) {
      span.setAttributes({
        'http.request.method': operation.method,
        // The template, never the filled path: low cardinality, and no account or meeting identifiers.
        'url.template': `${this.basePath}${operation.path}`,
        'server.address': this.serverAddress,
        'server.port': this.serverPort,
        'hwmeeting.area': area,
        'hwmeeting.request_id': requestId,
      });
      if (attempt > 1) span.setAttribute('http.request.resend_count', attempt - 1);
    }
    return span;
  }

  /** The headers with the span's `traceparent` (and `tracestate`) added; the same object when there is none. */
  headersFor(span: Span, headers: Record<string, string>): Record<string, string> {
    const spanContext = span.spanContext();
    // The identity test first: it is what the no-op tracer answers, and the full check costs regex matches.
    if (spanContext === INVALID_SPAN_CONTEXT || !isSpanContextValid(spanContext)) return headers;
    const carrier = { ...headers };
    propagation.inject(trace.setSpan(context.active(), span), carrier);
    return carrier;
  }

  /** Ends the span: the answer's status code, and an error status with `error.type` when the attempt failed. */
  end(span: Span, httpStatus: number | undefined, failureCode: string | undefined): void {
    if (span.isRecording()) {
      if (httpStatus !== undefined) span.setAttribute('http.response.status_code', httpStatus);
      if (failureCode !== undefined) {
        span.setAttribute(
          'error.type',
          httpStatus !== undefined && httpStatus >= 400 ? String(httpStatus) : failureCode,
        );
        span.setStatus({ code: SpanStatusCode.ERROR, message: failureCode });
      }
    }
    span.end();
  }
}
