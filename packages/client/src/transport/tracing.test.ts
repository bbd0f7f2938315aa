import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TRACER_NAME } from '../index.js';
import { errorReply } from '../testing/fakeUpstream.js';
import { failure, useUpstream } from '../testing/upstreamClients.js';

const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const contextManager = new AsyncLocalStorageContextManager();

beforeAll(() => {
  trace.setGlobalTracerProvider(provider);
  context.setGlobalContextManager(contextManager.enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
});
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});
beforeEach(() => exporter.reset());

const { upstream, client } = useUpstream();
const MEETINGS = 'GET /v1/mmc/management/conferences';
const PAGE = { status: 200, body: { offset: 0, limit: 20, count: 0, data: [] } };

/** The `traceparent` parts: version, trace id, parent (span) id, flags. */
function traceparentOf(header: string | string[] | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(String(header));
  expect(match, `traceparent ${String(header)}`).not.toBeNull();
  return { traceId: match?.[1] ?? '', spanId: match?.[2] ?? '' };
}

describe('OpenTelemetry', () => {
  it('makes a client span per attempt under the caller’s span and sends its traceparent upstream', async () => {
    const c = client();
    const parent = trace.getTracer('test').startSpan('graphql operation');
    await context.with(trace.setSpan(context.active(), parent), () =>
      c.meetings.list({}, { requestId: 'r-1' }),
    );
    parent.end();
    const { traceId, spanId: parentSpanId } = parent.spanContext();

    const spans = exporter.getFinishedSpans().filter((s) => s.instrumentationScope.name === TRACER_NAME);
    expect(spans.map((s) => s.name)).toEqual(['createAppIdToken', 'searchMeetings']);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.spanContext().traceId).toBe(traceId);
      expect(span.parentSpanContext?.spanId).toBe(parentSpanId);
    }
    const list = spans[1];
    expect(list?.attributes).toEqual({
      'http.request.method': 'GET',
      'url.template': '/v1/mmc/management/conferences',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(upstream().url).port),
      'hwmeeting.area': 'meetings',
      'hwmeeting.request_id': 'r-1',
      'http.response.status_code': 200,
    });
    expect(list?.status.code).toBe(SpanStatusCode.UNSET);

    // The upstream saw the trace: same trace id, and the attempt's own span as the parent.
    const [sent] = upstream().received(MEETINGS);
    expect(traceparentOf(sent?.headers.traceparent)).toEqual({ traceId, spanId: list?.spanContext().spanId });
  });

  it('names the template, not the filled path, and marks a failed attempt and the retry', async () => {
    const c = client();
    await c.auth.token();
    exporter.reset();
    let answered = 0;
    upstream().on(MEETINGS, () => (answered++ === 0 ? errorReply(503) : PAGE));
    await c.meetings.list({});
    upstream().on('GET /v1/usg/dcs/corp/member/jane%40corp', () => errorReply(404, 'USG.000000404'));
    await failure(c.users.get('jane@corp'));

    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.attributes['http.response.status_code'], s.status.code])).toEqual([
      ['searchMeetings', 503, SpanStatusCode.ERROR],
      ['searchMeetings', 200, SpanStatusCode.UNSET],
      ['showUserDetail', 404, SpanStatusCode.ERROR],
    ]);
    expect(spans[0]?.attributes['error.type']).toBe('503');
    expect(spans[0]?.attributes['http.request.resend_count']).toBeUndefined();
    expect(spans[1]?.attributes['http.request.resend_count']).toBe(1);
    expect(spans[2]?.attributes['url.template']).toBe('/v1/usg/dcs/corp/member/{account}');
    // Every attempt's request carries its own span's context.
    const sentIds = upstream()
      .received(MEETINGS)
      .map((r) => traceparentOf(r.headers.traceparent).spanId);
    expect(sentIds).toEqual(spans.slice(0, 2).map((s) => s.spanContext().spanId));
  });

  it('marks an attempt the caller ended with its error code, and never records a token', async () => {
    const c = client();
    await c.auth.token();
    exporter.reset();
    upstream().on(MEETINGS, () => 'hang');
    await failure(c.meetings.list({}, { signal: AbortSignal.timeout(50) }));
    const [span] = exporter.getFinishedSpans();
    expect(span?.status).toEqual({ code: SpanStatusCode.ERROR, message: 'TIMEOUT' });
    expect(span?.attributes['error.type']).toBe('TIMEOUT');
    const token = upstream().received(MEETINGS)[0]?.headers['x-access-token'];
    expect(typeof token).toBe('string');
    expect(JSON.stringify(exporter.getFinishedSpans().map((s) => [s.attributes, s.status]))).not.toContain(
      String(token),
    );
  });
});
