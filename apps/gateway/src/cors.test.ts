import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from './config.js';
import { createOriginRule } from './originRule.js';
import { PRODUCTION_ENV, useGateway } from './testing/harness.js';

// One origin rule for HTTP (CORS) and WebSocket upgrades, as a browser on another origin meets it: a dev server
// on another port of this machine in development, only CORS_ORIGINS in production.
const development = useGateway();
const production = useGateway({
  env: { ...PRODUCTION_ENV, CORS_ORIGINS: 'https://app.example.com, https://admin.example.com/' },
});

/** A Chromium-like preflight of a JSON POST with a bearer token. */
async function preflight(url: string, origin: string) {
  const response = await fetch(url, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization,content-type',
    },
  });
  return {
    status: response.status,
    allowOrigin: response.headers.get('access-control-allow-origin'),
    allowHeaders: response.headers.get('access-control-allow-headers'),
    maxAge: response.headers.get('access-control-max-age'),
  };
}

/** How a graphql-ws client whose socket carries `origin` (as a browser's does) fares with `{ ping }`. */
async function pingOverWs(
  harness: typeof development,
  origin: string | undefined,
): Promise<{ data?: unknown; close?: { code: number; reason: string }; attempts: number }> {
  let attempts = 0;
  // A browser sends its page's origin on the upgrade; the ws client sends none unless told.
  class BrowserLikeSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, origin ? { origin } : {});
    }
  }
  const token = await harness.tokenFor('alice');
  const client = createClient({
    url: harness.gateway().wsUrl,
    webSocketImpl: BrowserLikeSocket,
    retryAttempts: 2,
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 20)),
    connectionParams: () => {
      attempts += 1;
      return { authorization: `Bearer ${token}` };
    },
  });
  try {
    const outcome = await new Promise<{ data?: unknown; close?: { code: number; reason: string } }>(
      (resolve) => {
        client.subscribe(
          { query: '{ ping }' },
          {
            next: (result) => resolve({ data: result.data }),
            error: (error) => {
              const { code, reason } = error as { code: number; reason: string };
              resolve({ close: { code, reason: String(reason) } });
            },
            complete: () => undefined,
          },
        );
      },
    );
    // Long enough for a client that would retry (20 ms apart) to have done so.
    await new Promise((resolve) => setTimeout(resolve, 200));
    return { ...outcome, attempts };
  } finally {
    await client.dispose();
  }
}

describe('the origin rule', () => {
  it('in development lets pages on localhost, 127.0.0.1 and [::1] (any port) call over HTTP, and no others', async () => {
    for (const origin of [
      'http://localhost:5173',
      'http://127.0.0.1:3000',
      'http://[::1]:8080',
      'https://localhost',
    ]) {
      const answer = await preflight(development.gateway().url, origin);
      expect(answer.allowOrigin, origin).toBe(origin);
      expect(answer.allowHeaders?.toLowerCase()).toContain('authorization');
      expect(answer.allowHeaders?.toLowerCase()).toContain('content-type');
    }
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null']) {
      expect((await preflight(development.gateway().url, origin)).allowOrigin, origin).toBeNull();
    }
  });

  it('in production allows only CORS_ORIGINS over HTTP', async () => {
    expect((await preflight(production.gateway().url, 'https://app.example.com')).allowOrigin).toBe(
      'https://app.example.com',
    );
    // Written with a trailing slash in CORS_ORIGINS: compared as the origin a browser sends.
    expect((await preflight(production.gateway().url, 'https://admin.example.com')).allowOrigin).toBe(
      'https://admin.example.com',
    );
    expect((await preflight(production.gateway().url, 'http://localhost:5173')).allowOrigin).toBeNull();
  });

  it('lets a browser cache its preflight and read Retry-After and X-Request-ID', async () => {
    expect(
      Number((await preflight(development.gateway().url, 'http://localhost:5173')).maxAge),
    ).toBeGreaterThan(60);
    const response = await fetch(development.gateway().url, {
      method: 'POST',
      headers: {
        Origin: 'http://localhost:5173',
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await development.tokenFor('alice')}`,
      },
      body: JSON.stringify({ query: '{ ping }' }),
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const exposed = response.headers.get('access-control-expose-headers')?.toLowerCase() ?? '';
    expect(exposed).toContain('retry-after');
    expect(exposed).toContain('x-request-id');
  });

  it('serves a query sent as GET with a bearer token, as urql sends short queries by default', async () => {
    const url = `${development.gateway().url}?query=${encodeURIComponent('{ ping }')}`;
    // A request with an Authorization header is preflighted by every browser: not one a foreign page can forge.
    const response = await fetch(url, {
      headers: {
        Origin: 'http://localhost:5173',
        Accept: 'application/graphql-response+json, application/json',
        Authorization: `Bearer ${await development.tokenFor('alice')}`,
      },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { ping: 'pong' } });
    // Without one it is still a request any page could make: Apollo's CSRF prevention refuses it.
    const bare = await fetch(url, { headers: { Origin: 'http://localhost:5173' } });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(
      /CSRF/,
    );
  });

  it('applies the same rule to WebSocket upgrades: 1008 with a reason, not retried; no Origin is not a browser', async () => {
    expect(await pingOverWs(development, 'http://localhost:5173')).toEqual({
      data: { ping: 'pong' },
      attempts: 1,
    });
    expect(await pingOverWs(development, undefined)).toEqual({ data: { ping: 'pong' }, attempts: 1 });
    const refused = await pingOverWs(development, 'https://evil.example');
    expect(refused.close?.code).toBe(1008);
    expect(refused.close?.reason).toMatch(/https:\/\/evil\.example.*CORS_ORIGINS/);
    // graphql-ws's client treats 1008 as fatal: no connection attempt after the first.
    expect(refused.attempts).toBeLessThanOrEqual(1);

    expect(await pingOverWs(production, 'https://app.example.com')).toEqual({
      data: { ping: 'pong' },
      attempts: 1,
    });
    expect((await pingOverWs(production, 'http://localhost:5173')).close?.code).toBe(1008);
    expect(await pingOverWs(production, undefined)).toEqual({ data: { ping: 'pong' }, attempts: 1 });
  });

  it('refuses a CORS_ORIGINS entry that is not an origin, naming it', () => {
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com,app.example.com' })).toThrow(
      /CORS_ORIGINS.*"app\.example\.com" is not an origin/,
    );
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/path' })).toThrow(/CORS_ORIGINS/);
    expect(
      loadConfig({ CORS_ORIGINS: 'https://App.example.com:443/, http://x.test:8080' }).CORS_ORIGINS,
    ).toEqual(['https://app.example.com', 'http://x.test:8080']);
  });

  it('adds CORS_ORIGINS to the local pages in development; production has only CORS_ORIGINS', () => {
    const dev = createOriginRule(['https://app.example.com'], true);
    expect(dev.allows('https://app.example.com')).toBe(true);
    expect(dev.allows('http://localhost:3000')).toBe(true);
    expect(dev.allows('https://other.example.com')).toBe(false);
    const prod = createOriginRule(['https://app.example.com'], false);
    expect(prod.allows('https://app.example.com')).toBe(true);
    expect(prod.allows('http://localhost:3000')).toBe(false);
    expect(prod.allows(undefined)).toBe(true);
  });
});
