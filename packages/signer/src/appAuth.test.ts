import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appAuthBodySchema,
  issueClientLogin,
  parseAppAuthHeader,
  SignerErrorCode,
  signAppAuth,
  verifySignature,
} from './index.js';

const appId = 'fdb8e4699586458bbd10c834872dcc62';
const appKey = '3f9a2c71d0b84e6fa5c2e19d7b6048aa';
const now = new Date('2026-11-23T10:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);

function hmac(data: string, key: string) {
  return createHmac('sha256', key).update(data).digest('hex');
}

describe('signAppAuth', () => {
  it('builds the headers and body of a single-enterprise user login', () => {
    const request = signAppAuth({ appId, appKey, userId: 'alice', userName: 'Alice', now });
    expect(request.expireTime).toBe(nowSeconds + 600);
    expect(request.nonce).toMatch(/^[A-Za-z0-9]{48}$/);
    expect(request.signature).toBe(hmac(`${appId}:alice:${nowSeconds + 600}:${request.nonce}`, appKey));
    expect(request.headers).toEqual({
      Authorization: `HMAC-SHA256 signature=${request.signature},access=${Buffer.from(appId).toString('base64')}`,
      'X-Token-Type': 'LongTicket',
      'Content-Type': 'application/json; charset=UTF-8',
    });
    expect(request.authorization).toBe(request.headers.Authorization);
    expect(request.body).toEqual({
      appId,
      clientType: 72,
      expireTime: nowSeconds + 600,
      nonce: request.nonce,
      userId: 'alice',
      userName: 'Alice',
    });
    expect(appAuthBodySchema.parse(request.body)).toEqual(request.body);
  });

  it('leaves userId and corpId out of the body of a default administrator login', () => {
    const request = signAppAuth({ appId, appKey, now, ttlSeconds: 60 });
    expect(request.body).toEqual({
      appId,
      clientType: 72,
      expireTime: nowSeconds + 60,
      nonce: request.nonce,
    });
    expect(request.signature).toBe(hmac(`${appId}::${nowSeconds + 60}:${request.nonce}`, appKey));
  });

  it('sends corpId in multi tenancy and signs it', () => {
    const request = signAppAuth({ appId, appKey, now, tenancy: 'multi', corpId: 'corp1', userId: 'bob' });
    expect(request.body.corpId).toBe('corp1');
    expect(request.signature).toBe(hmac(`${appId}:corp1:bob:${nowSeconds + 600}:${request.nonce}`, appKey));
  });

  it('passes user fields through unchanged', () => {
    const request = signAppAuth({
      appId,
      appKey,
      userId: 'carol',
      userEmail: 'carol@example.com',
      userPhone: '+8613800000000',
      deptCode: '2',
      now,
    });
    expect(request.body).toMatchObject({
      userEmail: 'carol@example.com',
      userPhone: '+8613800000000',
      deptCode: '2',
    });
  });

  it('uses a given nonce and defaults to a fresh one each call', () => {
    const nonce = 'N'.repeat(40);
    expect(signAppAuth({ appId, appKey, now, nonce }).nonce).toBe(nonce);
    expect(signAppAuth({ appId, appKey, now }).nonce).not.toBe(signAppAuth({ appId, appKey, now }).nonce);
  });

  it('refuses corpId in single tenancy and a zero ttl without opt-in', () => {
    expect(() => signAppAuth({ appId, appKey, corpId: 'c', now })).toThrowError(
      expect.objectContaining({ code: SignerErrorCode.CORP_ID_IN_SINGLE_TENANCY, field: 'corpId' }),
    );
    expect(() => signAppAuth({ appId, appKey, ttlSeconds: 0, now })).toThrowError(
      expect.objectContaining({ code: SignerErrorCode.INVALID_OPTION, field: 'ttlSeconds' }),
    );
    expect(signAppAuth({ appId, appKey, ttlSeconds: 0, allowNeverExpire: true, now }).expireTime).toBe(0);
  });

  it('refuses a bad clock', () => {
    expect(() => signAppAuth({ appId, appKey, now: Number.NaN })).toThrowError(
      expect.objectContaining({ field: 'now' }),
    );
  });
});

describe('parseAppAuthHeader', () => {
  it('reads what signAppAuth writes, in either hex case, with or without access=', () => {
    const request = signAppAuth({ appId, appKey, now });
    expect(parseAppAuthHeader(request.authorization)).toEqual({ signature: request.signature, appId });
    const upper = `HMAC-SHA256 signature=${request.signature.toUpperCase()}`;
    expect(parseAppAuthHeader(upper)).toEqual({ signature: request.signature.toUpperCase() });
  });

  it.each([
    undefined,
    '',
    'Basic abc',
    'HMAC-SHA256 signature=xyz',
    `HMAC-SHA256 signature=${'a'.repeat(63)}`,
  ])('returns undefined for %j', (header) => {
    expect(parseAppAuthHeader(header)).toBeUndefined();
  });
});

describe('issueClientLogin', () => {
  it('gives a client SDK what it logs in with, verifiable by the server, without the appKey', () => {
    const login = issueClientLogin({ appId, appKey, userId: 'dave', now });
    expect(Object.keys(login).sort()).toEqual(['expireTime', 'nonce', 'signature', 'userId']);
    expect(JSON.stringify(login)).not.toContain(appKey);
    expect(verifySignature({ appId, appKey, ...login, now }).ok).toBe(true);
  });

  it('carries corpId in multi tenancy', () => {
    const login = issueClientLogin({ appId, appKey, userId: 'dave', corpId: 'c9', tenancy: 'multi', now });
    expect(login.corpId).toBe('c9');
    expect(verifySignature({ appId, appKey, tenancy: 'multi', ...login, now }).ok).toBe(true);
  });

  it('requires a userId', () => {
    expect(() => issueClientLogin({ appId, appKey, userId: '', now })).toThrowError(
      expect.objectContaining({ code: SignerErrorCode.EMPTY_FIELD, field: 'userId' }),
    );
  });
});
