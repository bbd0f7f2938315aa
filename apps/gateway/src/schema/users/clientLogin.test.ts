import { API_CLIENT_TYPE, appAuthHeader, verifySignature } from '@hwmeeting/signer';
import { graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { data, useGateway } from '../../testing/harness.js';
import { buildSchema } from '../index.js';

const { gql, tokenFor, sim, gateway } = useGateway();

const ISSUE = 'mutation { issueClientLogin { userId corpId signature expireTime nonce } }';

/** Logs in to the simulator the way a client SDK would, with the signature the gateway issued. */
async function sdkLogin(login: { userId: string; signature: string; expireTime: string; nonce: string }) {
  const response = await fetch(`${sim().url}/v2/usg/acs/auth/appauth`, {
    method: 'POST',
    headers: {
      Authorization: appAuthHeader(login.signature, sim().appId),
      'X-Token-Type': 'LongTicket',
      'Content-Type': 'application/json; charset=UTF-8',
    },
    body: JSON.stringify({
      appId: sim().appId,
      clientType: API_CLIENT_TYPE,
      expireTime: Date.parse(login.expireTime) / 1000,
      nonce: login.nonce,
      userId: login.userId,
    }),
  });
  return { status: response.status, body: (await response.json()) as { user?: { userId?: string } } };
}

describe('issueClientLogin', () => {
  it('signs a login for the calling member that verifies with the App Key and logs in as them', async () => {
    const started = Date.now();
    const answer = await gql(await tokenFor('alice'), ISSUE);
    const login = data(answer).issueClientLogin;
    expect(login.userId).toBe('alice');
    expect(login.corpId).toBeNull();
    expect(login.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(login.nonce.length).toBeGreaterThanOrEqual(32);
    const expireTime = Date.parse(login.expireTime) / 1000;
    expect(Number.isInteger(expireTime)).toBe(true);
    expect(expireTime * 1000).toBeGreaterThan(started + 500_000);
    expect(expireTime * 1000).toBeLessThanOrEqual(Date.now() + 601_000);
    const fields = { appId: sim().appId, appKey: sim().appKey, expireTime, nonce: login.nonce };
    expect(verifySignature({ ...fields, userId: 'alice', signature: login.signature })).toEqual({ ok: true });
    // The signature covers the user: it does not verify for anybody else.
    expect(verifySignature({ ...fields, userId: 'bob', signature: login.signature }).ok).toBe(false);
    expect(JSON.stringify(answer.body)).not.toContain(sim().appKey);

    const sdk = await sdkLogin(login);
    expect(sdk.status).toBe(200);
    expect(sdk.body.user?.userId).toBe(sim().store.userByThirdAccount('alice')?.id);
  });

  it('signs administrators for themselves, not for the enterprise administrator they act as', async () => {
    const login = data(await gql(await tokenFor('ops', ['admin']), ISSUE)).issueClientLogin;
    expect(login.userId).toBe('ops');
    const expireTime = Date.parse(login.expireTime) / 1000;
    expect(
      verifySignature({
        appId: sim().appId,
        appKey: sim().appKey,
        userId: 'ops',
        expireTime,
        nonce: login.nonce,
        signature: login.signature,
      }),
    ).toEqual({ ok: true });
  });

  it('uses a fresh nonce for every login', async () => {
    const token = await tokenFor('bob');
    const first = data(await gql(token, ISSUE)).issueClientLogin;
    const second = data(await gql(token, ISSUE)).issueClientLogin;
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.signature).not.toBe(first.signature);
  });

  it('refuses callers without a token', async () => {
    const response = await fetch(gateway().url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: ISSUE }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('is refused with FORBIDDEN by a schema built without a signer (no App ID credentials)', async () => {
    const schema = buildSchema({ appId: undefined });
    const viewer = { userId: 'alice', isAdmin: false, expiresAtMs: undefined };
    const result = await graphql({ schema, source: ISSUE, contextValue: { viewer } });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  });
});
