import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { TEST_SECRET, useGateway } from '../testing/harness.js';

// Over HTTP a refused token is a 401 with UNAUTHENTICATED; `extensions.reason` tells a front end whether a fresh
// token will help (TOKEN_EXPIRED: refresh and retry) or not (the rest), as the graphql-ws close codes do.
const { gateway } = useGateway();

async function ping(authorization: string | undefined) {
  const response = await fetch(gateway().url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: JSON.stringify({ query: '{ ping }' }),
  });
  const body = (await response.json()) as { errors: Array<{ message: string; extensions: unknown }> };
  return { status: response.status, error: body.errors[0] };
}

const signed = (secret: string, exp: number) =>
  new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('alice')
    .setIssuedAt(exp - 600)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(secret));

describe('HTTP token refusals', () => {
  it('say why in extensions.reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'TOKEN_MISSING'],
      ['Token abc', 'TOKEN_MALFORMED'],
      ['Bearer not-a-jwt', 'TOKEN_INVALID'],
      [`Bearer ${await signed(`${TEST_SECRET}-other`, now + 600)}`, 'TOKEN_INVALID'],
      [`Bearer ${await signed(TEST_SECRET, now - 60)}`, 'TOKEN_EXPIRED'],
    ];
    for (const [authorization, reason] of cases) {
      const { status, error } = await ping(authorization);
      expect(status, String(authorization)).toBe(401);
      expect(error?.extensions, String(authorization)).toEqual({ code: 'UNAUTHENTICATED', reason });
    }
  });
});
