import { createHmac } from 'node:crypto';
import { createSignature } from '@hwmeeting/signer';
import { compareThroughput } from './compare.js';

/** S1: signatures per second of `createSignature` against a raw node:crypto HMAC over the same data. */
export async function benchSigner() {
  const input = {
    appId: 'fdb8e4699586458bbd10c834872dcc62',
    appKey: '3f9a2c71d0b84e6fa5c2e19d7b6048aa',
    userId: 'testuser@mycorp.com',
    expireTime: 1_627_722_929,
    nonce: 'EycLQsHwxhzK9OW8UEKWNfH2I3CGR2nINuU1EBpv162d42d92s',
  };
  const data = `${input.appId}:${input.userId}:${input.expireTime}:${input.nonce}`;
  const raw = () => createHmac('sha256', input.appKey).update(data).digest('hex');
  if (raw() !== createSignature(input)) throw new Error('signer bench: candidate and baseline disagree');
  const result = await compareThroughput(raw, () => createSignature(input));
  return {
    signaturesPerSec: Math.round(result.candidateOpsPerSec),
    rawHmacPerSec: Math.round(result.baselineOpsPerSec),
    ratio: Number(result.ratio.toFixed(3)),
  };
}
