import { describe, expect, it } from 'vitest';
import { createSignature, SignerError, SignerErrorCode, signingData } from './index.js';

/*
 * Known answers computed outside this code with OpenSSL, e.g.
 *   printf '%s' "$DATA" | openssl dgst -sha256 -hmac "$APP_KEY"
 * (the shell passes the UTF-8 bytes of non-ASCII text unchanged).
 */
const appId = 'fdb8e4699586458bbd10c834872dcc62';
const appKey = '3f9a2c71d0b84e6fa5c2e19d7b6048aa';
const expireTime = 1627722929;
const nonce = 'EycLQsHwxhzK9OW8UEKWNfH2I3CGR2nINuU1EBpv162d42d92s';

const vectors = [
  {
    name: 'single enterprise, a user (the Developer Guide worked example data)',
    input: { appId, appKey, userId: 'testuser@mycorp.com', expireTime, nonce },
    data: `${appId}:testuser@mycorp.com:${expireTime}:${nonce}`,
    hex: '9f6206c31faddc02beabedeeb95395703b6e7107c89468f3adab2aa9cc91468e',
  },
  {
    name: 'single enterprise, default administrator (empty userId keeps its colons)',
    input: { appId, appKey, expireTime, nonce },
    data: `${appId}::${expireTime}:${nonce}`,
    hex: 'a41c538f963a6882969e7c9c9552022d22b11f4b269e43dea098f5eeb1a85ca4',
  },
  {
    name: 'SP app, an enterprise user',
    input: {
      appId,
      appKey,
      corpId: '651543334',
      userId: 'testuser@mycorp.com',
      expireTime,
      nonce,
      tenancy: 'multi',
    },
    data: `${appId}:651543334:testuser@mycorp.com:${expireTime}:${nonce}`,
    hex: 'c86a59883ebdc7d99066b225d47bb4e3f649b4c67be2770e0196a82ee5f460c3',
  },
  {
    name: 'SP app, an enterprise administrator',
    input: { appId, appKey, corpId: '651543334', expireTime, nonce, tenancy: 'multi' },
    data: `${appId}:651543334::${expireTime}:${nonce}`,
    hex: 'a67998522991a1ef11a5475feec99d78200ed5ec07354753c7466406f5c4ea1d',
  },
  {
    name: 'SP app, the SP administrator',
    input: { appId, appKey, expireTime, nonce, tenancy: 'multi' },
    data: `${appId}:::${expireTime}:${nonce}`,
    hex: 'aae51fbe5d2696a6fc0ed648f8f08a9e033cfa4108c8418de2646eb51c09462c',
  },
  {
    name: 'non-ASCII userId',
    input: { appId, appKey, userId: '张三@例子.com', expireTime, nonce },
    data: `${appId}:张三@例子.com:${expireTime}:${nonce}`,
    hex: '37c3de54797492cc050313b782e3a3511606c98eee7fc37f77027c1bb85b8b56',
  },
  {
    name: 'non-ASCII userId and appKey',
    input: { appId, appKey: '密钥-ключ-🔑', userId: '张三@例子.com', expireTime, nonce },
    data: `${appId}:张三@例子.com:${expireTime}:${nonce}`,
    hex: '4fb4f0f3ac3c3da179e7bb6f0f2a7413df54aa1ea8ad5a007f3a1904f2b7ef26',
  },
  {
    name: 'SP app, non-ASCII userId and appKey',
    input: {
      appId,
      appKey: 'clé-secrète-ü',
      corpId: '651543334',
      userId: 'Ünïcødé-user',
      expireTime,
      nonce,
      tenancy: 'multi',
    },
    data: `${appId}:651543334:Ünïcødé-user:${expireTime}:${nonce}`,
    hex: '6bad7a40ae772856e5be60eeaed87dca3c6224afc86ff3c439759dc3a00670fe',
  },
] as const;

describe('createSignature known answers', () => {
  for (const vector of vectors) {
    it(vector.name, () => {
      expect(signingData(vector.input)).toBe(vector.data);
      expect(createSignature(vector.input)).toBe(vector.hex);
    });
  }

  it('returns lowercase hex of 64 characters', () => {
    expect(createSignature(vectors[0].input)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('signs expireTime 0 only when opted in', () => {
    const input = { appId, appKey, expireTime: 0, nonce };
    expect(() => createSignature(input)).toThrowError(
      expect.objectContaining({ code: SignerErrorCode.NEVER_EXPIRE_NOT_ALLOWED, field: 'expireTime' }),
    );
    expect(signingData({ ...input, allowNeverExpire: true })).toBe(`${appId}::0:${nonce}`);
  });
});

function refusal(fn: () => unknown): SignerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SignerError) return error;
    throw error;
  }
  throw new Error('expected a SignerError, nothing was thrown');
}

describe('createSignature refusals name the field', () => {
  const base = { appId, appKey, userId: 'alice', expireTime, nonce };
  const cases: Array<[string, Record<string, unknown>, SignerErrorCode, string]> = [
    ['empty appId', { appId: '' }, SignerErrorCode.EMPTY_FIELD, 'appId'],
    ['missing appId', { appId: undefined }, SignerErrorCode.INVALID_TYPE, 'appId'],
    ['empty appKey', { appKey: '' }, SignerErrorCode.EMPTY_FIELD, 'appKey'],
    ['non-string appKey', { appKey: 42 }, SignerErrorCode.INVALID_TYPE, 'appKey'],
    ['colon in appId', { appId: 'ab:cd' }, SignerErrorCode.COLON_IN_FIELD, 'appId'],
    ['colon in userId', { userId: 'al:ice' }, SignerErrorCode.COLON_IN_FIELD, 'userId'],
    ['colon in corpId', { corpId: '65:15', tenancy: 'multi' }, SignerErrorCode.COLON_IN_FIELD, 'corpId'],
    ['nonce of 31', { nonce: 'a'.repeat(31) }, SignerErrorCode.INVALID_NONCE, 'nonce'],
    ['nonce of 65', { nonce: 'a'.repeat(65) }, SignerErrorCode.INVALID_NONCE, 'nonce'],
    [
      'fractional expireTime',
      { expireTime: 1627722929.5 },
      SignerErrorCode.INVALID_EXPIRE_TIME,
      'expireTime',
    ],
    ['negative expireTime', { expireTime: -1 }, SignerErrorCode.INVALID_EXPIRE_TIME, 'expireTime'],
    ['NaN expireTime', { expireTime: Number.NaN }, SignerErrorCode.INVALID_EXPIRE_TIME, 'expireTime'],
    ['string expireTime', { expireTime: '1627722929' }, SignerErrorCode.INVALID_EXPIRE_TIME, 'expireTime'],
    [
      'millisecond expireTime',
      { expireTime: 1627722929000 },
      SignerErrorCode.EXPIRE_TIME_IN_MILLISECONDS,
      'expireTime',
    ],
    [
      'expireTime 0 without opt-in',
      { expireTime: 0 },
      SignerErrorCode.NEVER_EXPIRE_NOT_ALLOWED,
      'expireTime',
    ],
    [
      'corpId in single tenancy',
      { corpId: '651543334' },
      SignerErrorCode.CORP_ID_IN_SINGLE_TENANCY,
      'corpId',
    ],
    ['unknown tenancy', { tenancy: 'sp' }, SignerErrorCode.INVALID_TENANCY, 'tenancy'],
  ];
  for (const [name, change, code, field] of cases) {
    it(`refuses ${name}`, () => {
      const error = refusal(() => createSignature({ ...base, ...change } as never));
      expect(error.code).toBe(code);
      expect(error.field).toBe(field);
      expect(error.message).toContain(field);
    });
  }

  it('keeps 32 and 64 character nonces', () => {
    expect(createSignature({ ...base, nonce: 'n'.repeat(32) })).toMatch(/^[0-9a-f]{64}$/);
    expect(createSignature({ ...base, nonce: 'n'.repeat(64) })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('treats an empty corpId in single tenancy as absent', () => {
    expect(signingData({ ...base, corpId: '' })).toBe(`${appId}:alice:${expireTime}:${nonce}`);
  });

  it('never puts the appKey in an error message', () => {
    const error = refusal(() => createSignature({ ...base, appKey: 'TOP-SECRET-KEY', nonce: 'short' }));
    expect(error.message).not.toContain('TOP-SECRET-KEY');
  });
});

describe('signingData for any valid input', () => {
  it('joins the fields with colons, both tenancies', async () => {
    const fc = (await import('fast-check')).default;
    const id = fc.string({ unit: 'grapheme', maxLength: 20 }).filter((s) => !s.includes(':'));
    fc.assert(
      fc.property(
        id.filter((s) => s.length > 0),
        id,
        id,
        fc.integer({ min: 1, max: 99_999_999_999 }),
        fc.string({ minLength: 32, maxLength: 64 }),
        (appId, userId, corpId, time, nonce) => {
          expect(signingData({ appId, userId, expireTime: time, nonce })).toBe(
            `${appId}:${userId}:${time}:${nonce}`,
          );
          expect(signingData({ appId, userId, corpId, expireTime: time, nonce, tenancy: 'multi' })).toBe(
            `${appId}:${corpId}:${userId}:${time}:${nonce}`,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
