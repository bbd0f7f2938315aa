// OpenTelemetry: a span per GraphQL operation, continuing the caller's W3C traceparent, active while the
// resolvers run (so that upstream spans become its children). Recorded by an in-memory exporter.
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import type { Client } from 'graphql-ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useGateway } from './testing/harness.js';
import { collect, connectLive, type Json } from './testing/liveClient.js';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
// As main.ts does with an SDK: the global tracer provider, AsyncLocalStorage context and W3C propagation.
provider.register();
afterAll(async () => {
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

const { tokenFor, gateway } = useGateway();
// The span active when a resolver calls the upstream client (`me` calls client.users.me).
const activeAtUpstreamCall: Array<string | undefined> = [];
beforeAll(() => {
  const users = gateway().client.users;
  const me = users.me.bind(users);
  users.me = (options) => {
    activeAtUpstreamCall.push(trace.getActiveSpan()?.spanContext().spanId);
    return me(options);
  };
});
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  exporter.reset();
  activeAtUpstreamCall.length = 0;
});

/** Waits for the one finished span named `name`. */
async function spanNamed(name: string): Promise<ReadableSpan> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = exporter.getFinishedSpans().filter((span) => span.name === name);
    if (found.length > 0) {
      expect(found).toHaveLength(1);
      return found[0] as ReadableSpan;
    }
    if (Date.now() > deadline) {
      throw new Error(`no span ${name}: ${exporter.getFinishedSpans().map((span) => span.name)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('operation spans', () => {
  it('continues an incoming traceparent with a span per HTTP operation, active while resolvers run', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentSpanId = '00f067aa0ba902b7';
    const response = await fetch(gateway().url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await tokenFor('alice')}`,
        traceparent: `00-${traceId}-${parentSpanId}-01`,
      },
      body: JSON.stringify({ query: 'query Me { me { id } }' }),
    });
    expect(((await response.json()) as Json).errors).toBeUndefined();
    const span = await spanNamed('graphql.query Me');
    expect(span.spanContext().traceId).toBe(traceId);
    expect(span.parentSpanContext?.spanId).toBe(parentSpanId);
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Me',
      'hwmeeting.outcome': 'ok',
      'hwmeeting.transport': 'http',
    });
    expect(span.attributes['hwmeeting.request_id']).toBe(response.headers.get('x-request-id'));
    expect(activeAtUpstreamCall).toEqual([span.spanContext().spanId]);
  });

  it('records a failed operation’s outcome, codes and error status', async () => {
    await fetch(gateway().url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenFor('alice')}` },
      body: JSON.stringify({ query: 'query Broken { nope }' }),
    });
    const span = await spanNamed('graphql.query Broken');
    expect(span.parentSpanContext).toBeUndefined(); // No traceparent: a trace of its own.
    expect(span.attributes['hwmeeting.outcome']).toBe('error');
    expect(span.attributes['hwmeeting.error_codes']).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });

  it('gives graphql-ws operations their span too, active while resolvers run', async () => {
    const client = connectLive(gateway().wsUrl, await tokenFor('alice'));
    clients.push(client);
    const me = collect(client, 'query WsMe { me { id } }');
    await me.until(() => me.isCompleted(), 'the answer');
    const span = await spanNamed('graphql.query WsMe');
    expect(span.attributes).toMatchObject({ 'hwmeeting.transport': 'ws', 'hwmeeting.outcome': 'ok' });
    expect(activeAtUpstreamCall).toEqual([span.spanContext().spanId]);
  });
});
