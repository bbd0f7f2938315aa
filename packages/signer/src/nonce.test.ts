import { describe, expect, it } from 'vitest';
import { createNonce, SignerErrorCode } from './index.js';

describe('createNonce', () => {
  it('defaults to 48 alphanumeric characters', () => {
    expect(createNonce()).toMatch(/^[A-Za-z0-9]{48}$/);
  });

  it('honours every length from 32 to 64', () => {
    for (let length = 32; length <= 64; length++) expect(createNonce(length)).toHaveLength(length);
  });

  it.each([31, 65, 0, 40.5, Number.NaN])('refuses length %s', (length) => {
    expect(() => createNonce(length)).toThrowError(
      expect.objectContaining({ code: SignerErrorCode.INVALID_OPTION, field: 'length' }),
    );
  });

  it('does not repeat and uses the whole alphabet evenly', () => {
    const seen = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const nonce = createNonce(64);
      seen.add(nonce);
      for (const ch of nonce) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(seen.size).toBe(2000);
    expect(counts.size).toBe(62);
    // 128,000 draws over 62 symbols: about 2,065 each; a biased draw would push some far off.
    for (const count of counts.values()) expect(Math.abs(count - 128_000 / 62)).toBeLessThan(300);
  });
});
