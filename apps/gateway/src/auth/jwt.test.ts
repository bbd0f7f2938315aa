import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { bearerToken, createAuthenticator } from './jwt.js';

const secret = 'a-test-secret-of-at-least-thirty-two-chars';

describe('createAuthenticator', () => {
  it('verifies its own tokens, reading the subject and the admin role', async () => {
    const auth = createAuthenticator({ secret, issuer: 'hwmeeting', audience: 'front-end' });
    const viewer = await auth.verify(await auth.issue('alice', ['admin'], 60));
    expect(viewer).toMatchObject({ userId: 'alice', isAdmin: true });
    expect(viewer.expiresAtMs).toBeGreaterThan(Date.now());
    expect(await auth.verify(await auth.issue('bob', [], 60))).toMatchObject({
      userId: 'bob',
      isAdmin: false,
    });
  });

  it('answers a repeated token from its cache, and still refuses it once it expires', async () => {
    const auth = createAuthenticator({ secret });
    const token = await auth.issue('carol', [], 1);
    const first = await auth.verify(token);
    expect(await auth.verify(token)).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(auth.verify(token)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses tokens of another key, issuer or audience, and subjects with a colon', async () => {
    const auth = createAuthenticator({ secret, issuer: 'hwmeeting' });
    const other = createAuthenticator({ secret: `${secret}-other`, issuer: 'hwmeeting' });
    await expect(auth.verify(await other.issue('alice', [], 60))).rejects.toMatchObject({
      message: 'the token is not valid',
    });
    const wrongIssuer = createAuthenticator({ secret, issuer: 'someone-else' });
    await expect(auth.verify(await wrongIssuer.issue('alice', [], 60))).rejects.toThrow('not valid');
    await expect(auth.verify(await auth.issue('a:b', [], 60))).rejects.toThrow(/sub/);
    await expect(auth.verify(undefined)).rejects.toThrow('bearer token is required');
  });

  it('refuses subjects with NUL, control characters or lone surrogates (they would reach the upstream)', async () => {
    const auth = createAuthenticator({ secret });
    for (const sub of [
      'al\u0000ice',
      'alice\n',
      'al\u001bice',
      'al\u0085ice',
      'alice\ud800',
      '\udc00alice',
    ]) {
      await expect(auth.verify(await auth.issue(sub, [], 60)), JSON.stringify(sub)).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
        message: expect.stringContaining('sub'),
      });
    }
    expect(await auth.verify(await auth.issue('zoë-🚀', [], 60))).toMatchObject({ userId: 'zoë-🚀' });
  });

  it('refuses a token without exp, naming the claim', async () => {
    const auth = createAuthenticator({ secret });
    const forever = await sign(new SignJWT({ roles: [] }).setSubject('alice').setIssuedAt());
    await expect(auth.verify(forever)).rejects.toMatchObject({
      message: expect.stringMatching(/\bexp\b/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });

  it('refuses a token whose lifetime (exp - iat, or exp - now without iat) exceeds the maximum', async () => {
    const auth = createAuthenticator({ secret, maxLifetimeSeconds: 3600 });
    const now = Math.floor(Date.now() / 1000);
    const long = await sign(
      new SignJWT({})
        .setSubject('alice')
        .setIssuedAt(now)
        .setExpirationTime(now + 7200),
    );
    await expect(auth.verify(long)).rejects.toMatchObject({
      message: expect.stringMatching(/lifetime.*\bexp\b|\bexp\b.*lifetime/),
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Without iat the lifetime still left counts.
    const noIat = await sign(new SignJWT({}).setSubject('alice').setExpirationTime(now + 7200));
    await expect(auth.verify(noIat)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    // An old token with little time left but a long lifetime is refused too: the lifetime is what was issued.
    const issuedLongAgo = await sign(
      new SignJWT({})
        .setSubject('alice')
        .setIssuedAt(now - 7000)
        .setExpirationTime(now + 200),
    );
    await expect(auth.verify(issuedLongAgo)).rejects.toThrow(/lifetime/);
    const fine = await sign(
      new SignJWT({})
        .setSubject('alice')
        .setIssuedAt(now)
        .setExpirationTime(now + 3600),
    );
    expect(await auth.verify(fine)).toMatchObject({ userId: 'alice' });
    const fineWithoutIat = await sign(new SignJWT({}).setSubject('bob').setExpirationTime(now + 600));
    expect(await auth.verify(fineWithoutIat)).toMatchObject({ userId: 'bob' });
  });

  it('defaults the maximum lifetime to 24 hours', async () => {
    const auth = createAuthenticator({ secret });
    await expect(auth.verify(await auth.issue('alice', [], 24 * 3600))).resolves.toMatchObject({
      userId: 'alice',
    });
    await expect(auth.verify(await auth.issue('alice', [], 24 * 3600 + 60))).rejects.toThrow(/lifetime/);
  });

  it('reads bearer tokens', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   xyz ')).toBe('xyz');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(42)).toBeUndefined();
  });
});

/** Signs a token with the test secret (HS256). */
function sign(jwt: SignJWT): Promise<string> {
  return jwt.setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret));
}
