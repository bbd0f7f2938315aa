import { describe, expect, it } from 'vitest';
import { closeReason } from './socketClose.js';

describe('closeReason', () => {
  it('keeps a short reason and cuts a long one to 123 bytes on a character boundary', () => {
    expect(closeReason('Unauthorized: the token is not valid')).toBe('Unauthorized: the token is not valid');
    const long = closeReason(`Origin https://${'é'.repeat(200)}.example is not allowed`);
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(123);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toContain('\uFFFD');
    expect(closeReason('x'.repeat(123))).toBe('x'.repeat(123));
    expect(Buffer.byteLength(closeReason('x'.repeat(124)))).toBeLessThanOrEqual(123);
  });
});
