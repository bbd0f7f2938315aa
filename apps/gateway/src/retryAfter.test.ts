import { describe, expect, it } from 'vitest';
import { type Answer, useGateway } from './testing/harness.js';
import { connectLive } from './testing/liveClient.js';

// A refused client is told when to come back: `Retry-After` over HTTP, `extensions.retryAfterSeconds` in the
// GraphQL error on both transports (a graphql-ws client has no headers).
const { gateway, tokenFor } = useGateway({ env: { RATE_LIMIT_PER_MINUTE: '2' } });

async function ping(token: string) {
  const response = await fetch(gateway().url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ ping }' }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

describe('Retry-After on rate-limit refusals', () => {
  it('answers 429 with a Retry-After header in whole seconds and retryAfterSeconds in the error', async () => {
    const token = await tokenFor('retry-http');
    for (let i = 0; i < 2; i++) expect((await ping(token)).status).toBe(200);
    const refused = await ping(token);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).toMatch(/^[1-9]\d*$/);
    const seconds = Number(refused.retryAfter);
    // The budget is per minute and was first spent a moment ago: the wait is the rest of that minute.
    expect(seconds).toBeGreaterThanOrEqual(50);
    expect(seconds).toBeLessThanOrEqual(60);
    const error = refused.body.errors[0];
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: seconds });
  });

  it('carries retryAfterSeconds in the error of a graphql-ws operation', async () => {
    const token = await tokenFor('retry-ws');
    for (let i = 0; i < 2; i++) expect((await ping(token)).status).toBe(200);
    const client = connectLive(gateway().wsUrl, token);
    try {
      const errors = await new Promise<Array<{ extensions?: Record<string, unknown> }>>((resolve) => {
        client.subscribe(
          { query: '{ ping }' },
          {
            next: () => undefined,
            error: (error) => resolve(error as Array<{ extensions?: Record<string, unknown> }>),
            complete: () => undefined,
          },
        );
      });
      expect(errors[0]?.extensions?.code).toBe('RATE_LIMITED');
      const seconds = errors[0]?.extensions?.retryAfterSeconds;
      expect(Number.isInteger(seconds)).toBe(true);
      expect(seconds).toBeGreaterThanOrEqual(50);
      expect(seconds).toBeLessThanOrEqual(60);
    } finally {
      await client.dispose();
    }
  });
});
