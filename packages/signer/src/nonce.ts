import { randomBytes } from 'node:crypto';
import { checkWholeNumber, NONCE_MAX_LENGTH, NONCE_MIN_LENGTH } from './fields.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
// Bytes at or above this would bias the modulo; they are drawn again.
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);

/** Returns a cryptographically random alphanumeric nonce of 32 to 64 characters (default 48). */
export function createNonce(length = 48): string {
  checkWholeNumber('length', length, NONCE_MIN_LENGTH, NONCE_MAX_LENGTH);
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < UNBIASED_LIMIT) out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}
