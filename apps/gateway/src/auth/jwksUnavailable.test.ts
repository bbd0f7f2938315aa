// Tokens checked against an identity provider's keys (JWT_JWKS_URL): when the keys cannot be read, the token is
// not the client's mistake. The answer says "try again later" (HTTP 503 UPSTREAM_UNAVAILABLE, graphql-ws close
// 1013, which graphql-ws clients retry), not "this token will never pass" (401 / 4401).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { useGateway } from '../testing/harness.js';

const { privateKey: signingKey } = await generateKeyPair('RS256');
const { publicKey: otherPublic } = await generateKeyPair('RS256');

// A key set that holds another key than the token's (served before the gateways start: their settings name it).
const otherKey = { ...(await exportJWK(otherPublic)), kid: 'other', alg: 'RS256', use: 'sig' };
const jwks: Server = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ keys: [otherKey] }));
});
await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
const jwksUrl = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`;

/** A token the identity provider would have signed (kid `k1`). */
const token = () =>
  new SignJWT({ roles: [] })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setSubject('alice')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(signingKey);

async function post(url: string, bearer: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: '{ ping }' }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] },
  };
}

/** How a graphql-ws connection with `bearer` closes. */
function wsClose(wsUrl: string, bearer: string): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    socket.once('open', () =>
      socket.send(
        JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${bearer}` } }),
      ),
    );
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.once('error', reject);
  });
}

describe('an identity provider whose keys cannot be read', () => {
  // Nothing listens on port 9 of the loopback: every key fetch fails.
  const { gateway } = useGateway({
    env: { JWT_SECRET: '', JWT_JWKS_URL: 'http://127.0.0.1:9/.well-known/jwks.json' },
  });

  it('answers HTTP 503 UPSTREAM_UNAVAILABLE, not 401', async () => {
    const answer = await post(gateway().url, await token());
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'KEYS_UNAVAILABLE',
    });
  });

  it('closes graphql-ws with 1013 (try again later), which clients retry, not 4401', async () => {
    const closed = await wsClose(gateway().wsUrl, await token());
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/keys/);
  });
});

describe('an identity provider whose keys do not hold the token’s key', () => {
  const { gateway } = useGateway({ env: { JWT_SECRET: '', JWT_JWKS_URL: jwksUrl } });
  afterAll(() => new Promise((resolve) => jwks.close(resolve)));

  it('still refuses the token itself: 401 TOKEN_INVALID and 4401', async () => {
    const answer = await post(gateway().url, await token());
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_INVALID',
    });
    expect((await wsClose(gateway().wsUrl, await token())).code).toBe(4401);
  });
});
