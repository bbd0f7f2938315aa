import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useGateway } from './testing/harness.js';

const { gql, tokenFor, gateway } = useGateway({ env: { RATE_LIMIT_PER_MINUTE: '3' } });

describe('per-user rate limit', () => {
  it('refuses the operation over the limit with RATE_LIMITED, over HTTP and graphql-ws alike, per user', async () => {
    const alice = await tokenFor('alice');
    for (let i = 0; i < 3; i++) expect((await gql(alice, '{ ping }')).body.data).toEqual({ ping: 'pong' });
    const over = await gql(alice, '{ ping }');
    expect(over.status).toBe(429);
    expect(over.body.errors[0].extensions.code).toBe('RATE_LIMITED');
    // Another user has their own allowance.
    const bob = await tokenFor('bob');
    expect((await gql(bob, '{ ping }')).body.data).toEqual({ ping: 'pong' });
    const client = createClient({
      url: gateway().wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${alice}` },
    });
    const errors = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: '{ ping }' },
        { next: () => undefined, error: resolve, complete: () => undefined },
      );
    });
    expect(JSON.stringify(errors)).toContain('RATE_LIMITED');
    await client.dispose();
  });
});
