import { describe, expect, it } from 'vitest';
import { FaultQueue } from './faultQueue.js';

describe('FaultQueue', () => {
  it('applies a fault to the given number of matching calls, in order', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'status', status: 503, count: 2, pathPrefix: '/v1/mmc', method: 'GET' });
    queue.add({ kind: 'latency', delayMs: 10 });
    expect(queue.take('POST', '/v1/mmc/x')?.kind).toBe('latency');
    expect(queue.take('GET', '/v1/usg/x')).toBeUndefined();
    expect(queue.take('GET', '/v1/mmc/x')?.status).toBe(503);
    expect(queue.pending()).toEqual([
      { kind: 'status', status: 503, count: 1, pathPrefix: '/v1/mmc', method: 'GET' },
    ]);
    expect(queue.take('GET', '/v1/mmc/y')?.status).toBe(503);
    expect(queue.take('GET', '/v1/mmc/y')).toBeUndefined();
  });

  it('defaults the count to one and refuses a bad fault', () => {
    const queue = new FaultQueue();
    queue.add({ kind: 'reset' });
    expect(queue.take('GET', '/')?.kind).toBe('reset');
    expect(queue.take('GET', '/')).toBeUndefined();
    expect(() => queue.add({ kind: 'explode' } as never)).toThrow();
  });
});
