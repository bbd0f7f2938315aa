import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSignature, SignerErrorCode, type Tenancy, verifySignature } from './index.js';

const appId = 'app-1';
const appKey = 'key-1';
const expireTime = 1_800_000_000;
const nonce = 'x'.repeat(40);
const base = { appId, appKey, userId: 'u', expireTime, nonce };
const signature = createSignature(base);
const before = (expireTime - 1) * 1000;

describe('verifySignature', () => {
  it('accepts a genuine signature before it expires, in either hex case', () => {
    expect(verifySignature({ ...base, signature, now: before })).toEqual({ ok: true });
    expect(verifySignature({ ...base, signature: signature.toUpperCase(), now: before })).toEqual({
      ok: true,
    });
  });

  it('accepts up to the expiry second and refuses after it', () => {
    expect(verifySignature({ ...base, signature, now: expireTime * 1000 + 999 }).ok).toBe(true);
    const late = verifySignature({ ...base, signature, now: (expireTime + 1) * 1000 });
    expect(late.ok || late.error.code).toBe(SignerErrorCode.SIGNATURE_EXPIRED);
  });

  it('tolerates the configured skew', () => {
    const now = (expireTime + 30) * 1000;
    expect(verifySignature({ ...base, signature, now, skewSeconds: 30 }).ok).toBe(true);
    expect(verifySignature({ ...base, signature, now, skewSeconds: 29 }).ok).toBe(false);
  });

  it('reports a mismatch rather than expiry for a forged, expired signature', () => {
    const forged = verifySignature({ ...base, signature: 'a'.repeat(64), now: (expireTime + 99) * 1000 });
    expect(forged.ok || forged.error.code).toBe(SignerErrorCode.SIGNATURE_MISMATCH);
  });

  it('refuses malformed signatures and inputs without throwing', () => {
    for (const bad of ['', 'zz', signature.slice(1), `${signature}0`, `${signature.slice(0, 63)}g`]) {
      const result = verifySignature({ ...base, signature: bad, now: before });
      expect(result.ok || result.error.code).toBe(SignerErrorCode.MALFORMED_SIGNATURE);
    }
    const shortNonce = verifySignature({ ...base, nonce: 'short', signature, now: before });
    expect(shortNonce.ok || shortNonce.error.field).toBe('nonce');
  });

  it('checks never-expiring signatures only when the verifier opts in', () => {
    const forever = { ...base, expireTime: 0, allowNeverExpire: true };
    const sig = createSignature(forever);
    expect(verifySignature({ ...forever, signature: sig, now: Date.now() }).ok).toBe(true);
    const refused = verifySignature({ ...forever, allowNeverExpire: false, signature: sig });
    expect(refused.ok || refused.error.code).toBe(SignerErrorCode.NEVER_EXPIRE_NOT_ALLOWED);
  });
});

// Fields that may hold any text but ':' (the signer refuses colons in them).
const idText = fc.string({ unit: 'grapheme', maxLength: 24 }).filter((s) => !s.includes(':'));
const signed = fc.record({
  appId: idText.filter((s) => s.length > 0),
  appKey: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
  userId: idText,
  corpId: idText,
  tenancy: fc.constantFrom<Tenancy>('single', 'multi'),
  expireTime: fc.integer({ min: 1, max: 99_999_999_999 }),
  nonce: fc.string({ unit: 'grapheme-ascii', minLength: 32, maxLength: 64 }),
});
type Signed = typeof signed extends fc.Arbitrary<infer T> ? T : never;

function normalise(input: Signed) {
  return input.tenancy === 'single' ? { ...input, corpId: '' } : input;
}

/** Replaces the character at `index` (modulo the length) with `replacement`. */
function mutate(text: string, index: number, replacement: string): string {
  const chars = [...text];
  if (chars.length === 0) return replacement;
  chars[index % chars.length] = replacement;
  return chars.join('');
}

describe('verify(sign(x)) property', () => {
  it('holds for any valid input', () => {
    fc.assert(
      fc.property(signed, (raw) => {
        const input = normalise(raw);
        const sig = createSignature(input);
        expect(verifySignature({ ...input, signature: sig, now: 0 })).toEqual({ ok: true });
      }),
      { numRuns: 500 },
    );
  });

  it('fails when any one character of the signature, key or data changes', () => {
    const fields = ['signature', 'appId', 'appKey', 'userId', 'nonce', 'expireTime'] as const;
    fc.assert(
      fc.property(
        signed,
        fc.constantFrom(...fields),
        fc.nat(),
        fc.constantFrom('0', '1', 'a', 'f', 'Z', 'é', '9'),
        (raw, field, index, replacement) => {
          const input = normalise(raw);
          const sig = createSignature(input);
          const changed: Record<string, unknown> = { ...input, signature: sig, now: 0 };
          if (field === 'expireTime') {
            const digits = String(input.expireTime);
            const at = index % digits.length;
            const digit = (Number(digits[at]) + 1 + (index % 9)) % 10;
            const next = Number(`${digits.slice(0, at)}${digit}${digits.slice(at + 1)}`);
            fc.pre(next !== input.expireTime && next > 0 && String(next).length === digits.length);
            changed.expireTime = next;
          } else if (field === 'signature') {
            const hexReplacement = /[0-9a-f]/.test(replacement) ? replacement : 'b';
            const next = mutate(sig, index, hexReplacement);
            fc.pre(next.toLowerCase() !== sig);
            changed.signature = next;
          } else {
            const next = mutate(String(input[field]), index, replacement);
            fc.pre(next !== input[field] && next.length > 0);
            changed[field] = next;
          }
          const result = verifySignature(changed as never);
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
