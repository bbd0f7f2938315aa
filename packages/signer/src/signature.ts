import { createHmac } from 'node:crypto';
import { checkAppKey, type SignedFields, signingData } from './fields.js';

/**
 * Computes the App ID authentication signature, `HexEncode(HMAC-SHA256(data, appKey))`, as lowercase hex.
 * A pure function: it checks the shape of its input, never the clock.
 */
export function createSignature(input: SignedFields): string {
  const data = signingData(input);
  const { appKey } = input;
  const key = typeof appKey === 'string' && appKey.length > 0 ? appKey : checkAppKey(appKey);
  return createHmac('sha256', key).update(data).digest('hex');
}
