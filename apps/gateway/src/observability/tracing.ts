import type { IncomingHttpHeaders } from 'node:http';
import {
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import type { OperationOutcome } from './operationLog.js';

// Through the API only: spans are recorded when main.ts has registered an SDK (OTEL_* variables), and cost next
// to nothing otherwise. The tracer is asked for per span, not kept: the SDK (CommonJS) registers through its own
// copy of the API, and a tracer taken from this (ESM) copy before that registration would never record.
const TRACER_NAME = '@hwmeeting/gateway';

/** The trace context of an incoming request's W3C `traceparent`/`tracestate` headers (none: a new trace). */
export function traceContextOf(headers: IncomingHttpHeaders): Context {
  return propagation.extract(ROOT_CONTEXT, headers);
}

/** Starts the span of one GraphQL operation under `parent`; it is named once the operation is known. */
export function startOperationSpan(parent: Context, transport: 'http' | 'ws', requestId: string): Span {
  return trace.getTracer(TRACER_NAME).startSpan(
    'graphql.operation',
    {
      kind: SpanKind.SERVER,
      attributes: { 'hwmeeting.transport': transport, 'hwmeeting.request_id': requestId },
    },
    parent,
  );
}

/** Names an operation's span `graphql.<type> <name>` and records its type and name. */
export function nameOperationSpan(span: Span, type: string, name: string | undefined): void {
  span.updateName(name ? `graphql.${type} ${name}` : `graphql.${type}`);
  span.setAttribute('graphql.operation.type', type);
  if (name) span.setAttribute('graphql.operation.name', name);
}

/** Ends an operation's span with its outcome and error codes (status ERROR when it failed). */
export function endOperationSpan(span: Span, outcome: OperationOutcome, errorCodes: string[]): void {
  span.setAttribute('hwmeeting.outcome', outcome);
  if (errorCodes.length > 0) span.setAttribute('hwmeeting.error_codes', errorCodes);
  if (outcome === 'error') span.setStatus({ code: SpanStatusCode.ERROR, message: errorCodes.join(',') });
  span.end();
}

/** Runs `work` with `span` active under `parent`: spans started inside (the client's upstream calls) are its children. */
export function withSpan<T>(parent: Context, span: Span, work: () => T): T {
  return context.with(trace.setSpan(parent, span), work);
}
