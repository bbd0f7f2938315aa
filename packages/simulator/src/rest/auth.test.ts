import { accessTokenResponseSchema } from '@hwmeeting/client/wire';
import { signAppAuth } from '@hwmeeting/signer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { APP_AUTH_PATH, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;
let multi: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  multi = await startSimulator({ seed: 'empty', tenancy: 'multi' });
});
afterAll(async () => {
  await Promise.all([sim.close(), multi.close()]);
});

function appAuth(target: Simulator, options: Partial<Parameters<typeof signAppAuth>[0]> = {}) {
  const signed = signAppAuth({
    appId: target.appId,
    appKey: target.appKey,
    tenancy: target.tenancy,
    ...options,
  });
  return { headers: signed.headers, body: signed.body as Record<string, unknown>, signed };
}

describe('App ID authentication (A1)', () => {
  it('issues a token for a third-party user, creating and binding an account the first time', async () => {
    const { headers, body } = appAuth(sim, { userId: 'newcomer@corp', userName: 'New Comer' });
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body });
    expect(answer.status).toBe(200);
    const token = accessTokenResponseSchema.parse(answer.json);
    expect(token.user).toMatchObject({
      thirdAccount: 'newcomer@corp',
      name: 'New Comer',
      adminType: 2,
      appId: sim.appId,
    });
    expect(token.user?.ucloginAccount).toMatch(/^Auto-[0-9a-f]{32}$/);
    expect(token.validPeriod).toBe(43_200);
    expect(token.clientType).toBe(72);
    expect(answer.headers.get('x-request-id')).toBeTruthy();
  });

  it('logs the default administrator in when userId is empty', async () => {
    const { headers, body } = appAuth(sim);
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body });
    expect(answer.status).toBe(200);
    expect(answer.json.user.adminType).toBe(0);
  });

  it('accepts upper-case hex and a header without access=', async () => {
    const { body, signed } = appAuth(sim, { userId: 'alice' });
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers: { Authorization: `HMAC-SHA256 signature=${signed.signature.toUpperCase()}` },
      body,
    });
    expect(answer.status).toBe(200);
  });

  it.each([
    ['a wrong appKey', () => appAuth(sim, { appKey: 'not-the-key', userId: 'alice' }), 'USG.206010025'],
    [
      'an expired signature',
      () => appAuth(sim, { userId: 'alice', now: Date.now() - 3_600_000 }),
      'USG.206010057',
    ],
    ['an unknown appId', () => appAuth(sim, { appId: 'unknown-app', userId: 'alice' }), 'USG.206010025'],
  ])('refuses %s with 401', async (_, make, code) => {
    const { headers, body } = make();
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body });
    expect(answer.status).toBe(401);
    expect(answer.json).toMatchObject({ error_code: code });
    expect(typeof answer.json.request_id).toBe('string');
  });

  it('refuses a replayed nonce', async () => {
    const { headers, body } = appAuth(sim, { userId: 'alice' });
    expect((await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body })).status).toBe(200);
    const replay = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body });
    expect(replay).toMatchObject({ status: 401, json: { error_code: 'USG.206010025' } });
  });

  it('refuses a body that does not match what was signed', async () => {
    const { headers, body } = appAuth(sim, { userId: 'alice' });
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body: { ...body, userId: 'bob' } });
    expect(answer.status).toBe(401);
  });

  it('refuses corpId from a single-enterprise app and accepts the SP form from a multi-tenant one', async () => {
    const single = appAuth(sim, { userId: 'alice' });
    const withCorp = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers: single.headers,
      body: { ...single.body, corpId: '651543334' },
    });
    expect(withCorp.status).toBe(401);
    const sp = appAuth(multi, { corpId: '651543334', userId: 'sp-user' });
    const answer = await rawCall(multi, 'POST', APP_AUTH_PATH, { headers: sp.headers, body: sp.body });
    expect(answer.status).toBe(200);
    expect(answer.json.user.thirdAccount).toBe('sp-user');
    const spAsSingle = appAuth(multi, { tenancy: 'single', userId: 'sp-user' });
    expect(
      (await rawCall(multi, 'POST', APP_AUTH_PATH, { headers: spAsSingle.headers, body: spAsSingle.body }))
        .status,
    ).toBe(401);
  });

  it('answers 400 naming the field for a bad body, and 401 for a missing Authorization', async () => {
    const { headers, body } = appAuth(sim, { userId: 'alice' });
    const noNonce = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers,
      body: { ...body, nonce: undefined },
    });
    expect(noNonce).toMatchObject({ status: 400, json: { error_code: 'USG.000000001' } });
    expect(noNonce.json.error_msg).toContain('body.nonce');
    const shortNonce = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers,
      body: { ...body, nonce: 'short' },
    });
    expect(shortNonce.json.error_msg).toContain('body.nonce');
    const textType = await rawCall(sim, 'POST', APP_AUTH_PATH, {
      headers,
      body: { ...body, clientType: '72' },
    });
    expect(textType.json.error_msg).toContain('body.clientType');
    expect((await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body: '{not json' })).status).toBe(400);
    const { body: other } = appAuth(sim, { userId: 'alice' });
    expect((await rawCall(sim, 'POST', APP_AUTH_PATH, { body: other })).status).toBe(401);
  });

  it('answers 405 for a wrong method and 404 for an unknown path', async () => {
    expect((await rawCall(sim, 'GET', APP_AUTH_PATH)).status).toBe(405);
    expect((await rawCall(sim, 'POST', '/v2/usg/acs/auth/nothing')).json).toMatchObject({
      error_code: 'APIGW.0101',
    });
  });

  it('keeps 64 API tokens per user and evicts the oldest', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 65; i++) {
      const { headers, body } = appAuth(sim, { userId: 'carol' });
      tokens.push((await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body })).json.accessToken);
    }
    const validate = (token: string) =>
      rawCall(sim, 'POST', '/v1/usg/acs/token/validate', { body: { token, needGenNewToken: false } });
    expect((await validate(tokens[0] ?? '')).status).toBe(401);
    expect((await validate(tokens[1] ?? '')).status).toBe(200);
    expect((await validate(tokens[64] ?? '')).status).toBe(200);
  });

  it('answers 412 for a disabled account', async () => {
    const dave = sim.store.userByThirdAccount('dave');
    if (!dave) throw new Error('seed lacks dave');
    dave.status = 1;
    const { headers, body } = appAuth(sim, { userId: 'dave' });
    const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers, body });
    dave.status = 0;
    expect(answer.status).toBe(412);
  });
});

describe('account login, validate, refresh, logout (A2-A5)', () => {
  const basic = (account: string, password: string) =>
    `Basic ${Buffer.from(`${account}:${password}`).toString('base64')}`;

  async function accountLogin(clientType = 72) {
    return rawCall(sim, 'POST', '/v1/usg/acs/auth/account', {
      headers: { Authorization: basic('admin@demo', 'Admin@2026!') },
      body: { account: 'admin@demo', clientType },
    });
  }

  it('logs in with account and password, and refuses a wrong password or a missing header', async () => {
    const ok = await accountLogin();
    expect(ok.status).toBe(200);
    expect(ok.json.user.ucloginAccount).toBe('admin@demo');
    const wrong = await rawCall(sim, 'POST', '/v1/usg/acs/auth/account', {
      headers: { Authorization: basic('admin@demo', 'nope') },
      body: { account: 'admin@demo', clientType: 72 },
    });
    expect(wrong).toMatchObject({ status: 401, json: { error_code: 'USG.206010000' } });
    expect(JSON.stringify(wrong.json)).not.toContain('nope');
    const none = await rawCall(sim, 'POST', '/v1/usg/acs/auth/account', {
      body: { account: 'admin@demo', clientType: 72 },
    });
    expect(none.status).toBe(401);
  });

  it('keeps one token for other client types', async () => {
    const first = (await accountLogin(5)).json.accessToken;
    const second = (await accountLogin(5)).json.accessToken;
    const validate = (token: string) =>
      rawCall(sim, 'POST', '/v1/usg/acs/token/validate', { body: { token, needGenNewToken: false } });
    expect((await validate(first)).status).toBe(401);
    expect((await validate(second)).status).toBe(200);
  });

  it('validates, optionally issuing a new token', async () => {
    const token = (await accountLogin()).json.accessToken as string;
    const same = await rawCall(sim, 'POST', '/v1/usg/acs/token/validate', {
      body: { token, needGenNewToken: false },
    });
    expect(same.json.accessToken).toBe(token);
    const fresh = await rawCall(sim, 'POST', '/v1/usg/acs/token/validate', {
      body: { token, needGenNewToken: true },
    });
    expect(fresh.json.accessToken).not.toBe(token);
    const bad = await rawCall(sim, 'POST', '/v1/usg/acs/token/validate', {
      body: { token: 'nope', needGenNewToken: false },
    });
    expect(bad).toMatchObject({ status: 401, json: { error_code: 'USG.000000004' } });
    const missing = await rawCall(sim, 'POST', '/v1/usg/acs/token/validate', { body: { token } });
    expect(missing.json.error_msg).toContain('body.needGenNewToken');
  });

  it('refreshes with the refresh token (a new token) or the access token (extended in place)', async () => {
    const login = (await accountLogin()).json;
    const refreshed = await rawCall(sim, 'PUT', '/v1/usg/acs/token', {
      headers: { 'X-Access-Token': login.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.accessToken).not.toBe(login.accessToken);
    // published-behaviour.md §4: the access token is accepted too, and keeps working.
    const withAccess = await rawCall(sim, 'PUT', '/v1/usg/acs/token', {
      headers: { 'X-Access-Token': refreshed.json.accessToken },
    });
    expect(withAccess.status).toBe(200);
    expect(withAccess.json.accessToken).toBe(refreshed.json.accessToken);
    const spent = await rawCall(sim, 'PUT', '/v1/usg/acs/token', {
      headers: { 'X-Access-Token': login.refreshToken },
    });
    expect(spent.status).toBe(401);
  });

  it('logs out, after which the token is refused', async () => {
    const token = (await accountLogin()).json.accessToken as string;
    const out = await rawCall(sim, 'DELETE', '/v1/usg/acs/token', { headers: { 'X-Access-Token': token } });
    expect(out).toMatchObject({ status: 200, json: undefined });
    const again = await rawCall(sim, 'DELETE', '/v1/usg/acs/token', { headers: { 'X-Access-Token': token } });
    expect(again.status).toBe(401);
    expect((await rawCall(sim, 'DELETE', '/v1/usg/acs/token')).status).toBe(401);
  });
});
