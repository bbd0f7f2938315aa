import { createClient } from 'graphql-ws';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_SECRET, useGateway } from '../testing/harness.js';

// What a browser's graphql-ws client (Apollo Client's GraphQLWsLink, urql) sees when its token is refused: the
// close code decides whether it gives up (4401) or reconnects, asking its connectionParams again (4403).
const { gateway, tokenFor } = useGateway({ env: { JWT_ISSUER: 'hwmeeting' } });

const key = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with `secret` (default: the gateway's) and the given claims. */
function signed(claims: { exp: number; iat?: number; iss?: string }, secret = key): Promise<string> {
  return new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setIssuedAt(claims.iat ?? now())
    .setExpirationTime(claims.exp)
    .setIssuer(claims.iss ?? 'hwmeeting')
    .sign(secret);
}

interface Attempt {
  /** connectionParams calls (one per connection attempt). */
  attempts: number;
  /** Close codes and reasons, in order. */
  closes: Array<{ code: number; reason: string }>;
  /** How the `{ ping }` subscription ended: its data, or the close event it failed with. */
  outcome: Promise<{ data?: unknown; error?: { code?: number; reason?: string } }>;
  dispose(): Promise<void>;
}

/** A graphql-ws client that retries (quickly) and asks `params` for each connection's parameters. */
function ping(params: (attempt: number) => Promise<Record<string, unknown> | undefined>): Attempt {
  const state = { attempts: 0, closes: [] as Array<{ code: number; reason: string }> };
  const client = createClient({
    url: gateway().wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 3,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 20)),
    connectionParams: async () => {
      state.attempts += 1;
      return params(state.attempts);
    },
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        state.closes.push({ code, reason: String(reason) });
      },
    },
  });
  const outcome = new Promise<{ data?: unknown; error?: { code?: number; reason?: string } }>((resolve) => {
    client.subscribe(
      { query: '{ ping }' },
      {
        next: (result) => resolve({ data: result.data }),
        error: (error) => resolve({ error: error as { code?: number; reason?: string } }),
        complete: () => undefined,
      },
    );
  });
  return {
    get attempts() {
      return state.attempts;
    },
    closes: state.closes,
    outcome,
    dispose: async () => {
      await client.dispose();
    },
  };
}

/** Resolves after `ms`: long enough for a client that would retry (20 ms apart) to have done so. */
const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graphql-ws authentication close codes', () => {
  it.each([
    ['missing', async () => undefined, /bearer token is required/],
    ['not a Bearer value', async () => ({ authorization: 'Token abc' }), /Bearer <token>/],
    ['a bare Bearer', async () => ({ authorization: 'Bearer' }), /Bearer <token>/],
    ['not a JWT', async () => ({ authorization: 'Bearer not-a-jwt' }), /not valid/],
    [
      'signed with another key',
      async () => ({
        authorization: `Bearer ${await signed({ exp: now() + 600 }, new TextEncoder().encode(`${TEST_SECRET}-other`))}`,
      }),
      /not valid/,
    ],
    [
      'of another issuer',
      async () => ({ authorization: `Bearer ${await signed({ exp: now() + 600, iss: 'someone-else' })}` }),
      /not valid/,
    ],
  ])(
    'closes with 4401 and a reason when the token is %s; the client does not retry',
    async (_what, params, reason) => {
      const client = ping(params);
      const { error } = await client.outcome;
      expect(error?.code).toBe(4401);
      expect(error?.reason).toMatch(reason);
      await settle();
      expect(client.attempts).toBe(1);
      expect(client.closes.map((close) => close.code)).toEqual([4401]);
      await client.dispose();
    },
  );

  it('closes an expired token with 4403 and a reason; the client reconnects with fresh connectionParams', async () => {
    const expired = await signed({ iat: now() - 120, exp: now() - 60 });
    const fresh = await tokenFor('alice');
    const client = ping(async (attempt) => ({ authorization: `Bearer ${attempt === 1 ? expired : fresh}` }));
    expect(await client.outcome).toEqual({ data: { ping: 'pong' } });
    expect(client.attempts).toBe(2);
    expect(client.closes[0]?.code).toBe(4403);
    expect(client.closes[0]?.reason).toMatch(/expired/);
    await client.dispose();
  });

  it('accepts authorization in any letter case, and the Bearer scheme in any case', async () => {
    const token = await tokenFor('alice');
    for (const params of [
      { Authorization: `Bearer ${token}` },
      { AUTHORIZATION: `bearer ${token}` },
      { authorization: `BEARER ${token}` },
    ]) {
      const client = ping(async () => params);
      expect(await client.outcome, JSON.stringify(Object.keys(params))).toEqual({ data: { ping: 'pong' } });
      await client.dispose();
    }
  });

  it('closes a socket whose token expires with 4403 and a reason; the client reconnects with a fresh token', async () => {
    const shortLived = await tokenFor('alice', [], 2);
    const fresh = await tokenFor('alice');
    let attempts = 0;
    const closes: Array<{ code: number; reason: string }> = [];
    let connected = 0;
    const client = createClient({
      url: gateway().wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 3,
      retryWait: () => new Promise((resolve) => setTimeout(resolve, 20)),
      onNonLazyError: () => undefined,
      connectionParams: () => {
        attempts += 1;
        return { authorization: `Bearer ${attempts === 1 ? shortLived : fresh}` };
      },
      on: {
        connected: () => {
          connected += 1;
        },
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          closes.push({ code, reason: String(reason) });
        },
      },
    });
    const deadline = Date.now() + 6000;
    while (connected < 2 && Date.now() < deadline) await settle(50);
    expect(connected).toBe(2);
    expect(attempts).toBe(2);
    expect(closes).toHaveLength(1);
    expect(closes[0]?.code).toBe(4403);
    expect(closes[0]?.reason).toMatch(/expired/);
    await client.dispose();
  });
});
