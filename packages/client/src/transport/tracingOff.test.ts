import { describe, expect, it } from 'vitest';
import { useUpstream } from '../testing/upstreamClients.js';

// Its own file, so that no tracer provider or propagator is registered in this process.
const { upstream, client } = useUpstream();

describe('OpenTelemetry without an SDK', () => {
  it('sends no traceparent and the call works as before', async () => {
    const c = client();
    expect((await c.meetings.list({})).count).toBe(0);
    expect(upstream().requests).toHaveLength(2);
    for (const request of upstream().requests) {
      expect(request.headers.traceparent).toBeUndefined();
      expect(request.headers.tracestate).toBeUndefined();
    }
  });
});
