// Shutdown over graphql-ws: an operation still in flight after the drain is aborted and answered SHUTTING_DOWN
// before its socket is closed with 1001 (HTTP and the process exit: main.test.ts).
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useGateway } from './testing/harness.js';
import { collect } from './testing/liveClient.js';

const { tokenFor, sim, gateway } = useGateway();

describe('gateway close', () => {
  it('answers an in-flight graphql-ws operation SHUTTING_DOWN after the drain, then closes with 1001', async () => {
    const client = createClient({
      url: gateway().wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      connectionParams: { authorization: `Bearer ${await tokenFor('alice')}` },
    });
    const closed = new Promise<number>((resolve) =>
      client.on('closed', (event) => resolve((event as { code: number }).code)),
    );
    await new Promise<void>((resolve) => client.on('connected', () => resolve()));
    sim().faults.add({ kind: 'hang', method: 'GET', pathPrefix: '/v1/usg/dcs/member', count: 1 });
    const me = collect(client, 'query Me { me { id } }');
    // The call hangs upstream once the fault is taken.
    const deadline = Date.now() + 5000;
    while (sim().faults.pending().length > 0) {
      if (Date.now() > deadline) throw new Error('the call never reached the simulator');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(gateway().operations.inFlightCount).toBe(1);
    const started = performance.now();
    const closing = gateway().close({ drainMs: 300 });
    await me.until(() => me.errors.length > 0, 'the SHUTTING_DOWN answer');
    expect(me.errors[0].extensions?.code).toBe('SHUTTING_DOWN');
    expect(await closed).toBe(1001);
    await closing;
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(gateway().operations.inFlightCount).toBe(0);
  });
});
