import { createHmac, timingSafeEqual } from 'node:crypto';
import { SignerError, SignerErrorCode } from './errors.js';
import { checkAppKey, checkWholeNumber, epochMillis, type SignedFields, signingData } from './fields.js';

const HEX_SIGNATURE = /^[0-9a-fA-F]{64}$/;

/** Input of {@link verifySignature}. */
export interface VerifyInput extends SignedFields {
  /** The signature to check, in either hex case. */
  signature: string;
  /** Clock, as a Date or epoch milliseconds (default: now). */
  now?: number | Date | undefined;
  /** Seconds a signature is still accepted after its expireTime, for clock skew (default 0). */
  skewSeconds?: number | undefined;
}

/** Outcome of a verification: `ok`, or the refusal with its code and field. */
export type VerifyResult = { ok: true } | { ok: false; error: SignerError };

/**
 * Verifies an App ID signature in constant time and checks its expiry against the clock. Never throws for a
 * bad signature or input: the reason comes back as a {@link SignerError}.
 */
export function verifySignature(input: VerifyInput): VerifyResult {
  try {
    const data = signingData(input);
    const appKey = checkAppKey(input.appKey);
    const skew = checkWholeNumber('skewSeconds', input.skewSeconds ?? 0, 0, 86_400);
    if (typeof input.signature !== 'string' || !HEX_SIGNATURE.test(input.signature)) {
      throw new SignerError(
        SignerErrorCode.MALFORMED_SIGNATURE,
        'signature must be 64 hexadecimal characters',
        'signature',
      );
    }
    const expected = createHmac('sha256', appKey).update(data).digest();
    if (!timingSafeEqual(expected, Buffer.from(input.signature, 'hex'))) {
      throw new SignerError(SignerErrorCode.SIGNATURE_MISMATCH, 'signature does not match', 'signature');
    }
    // Checked after the HMAC so that an expired signature is only reported once it is known to be genuine.
    if (input.expireTime !== 0 && Math.floor(epochMillis(input.now) / 1000) > input.expireTime + skew) {
      throw new SignerError(SignerErrorCode.SIGNATURE_EXPIRED, 'signature has expired', 'expireTime');
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof SignerError) return { ok: false, error };
    throw error;
  }
}
