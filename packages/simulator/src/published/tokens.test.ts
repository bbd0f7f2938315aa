// published-behaviour.md §4 "Tokens": refresh (`PUT /v1/usg/acs/token`) through the published path.
import { accessTokenResponseSchema } from '@hwmeeting/client/wire';
import { present } from '@hwmeeting/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { expectError, rawCall } from '../testing/rawHttp.js';

const TOKEN = '/v1/usg/acs/token';
const MY_INFO = '/v1/usg/dcs/member';

let sim: Simulator;

beforeEach(async () => {
  sim = await startSimulator({ seed: 'demo', tokenLifetimeSeconds: 3600 });
});
afterEach(async () => {
  await sim.close();
});

async function login() {
  const basic = Buffer.from('alice@demo:Alice@2026!').toString('base64');
  const answer = await rawCall(sim, 'POST', '/v1/usg/acs/auth/account', {
    headers: { Authorization: `Basic ${basic}` },
    body: { account: 'alice@demo', clientType: 72 },
  });
  expect(answer.status).toBe(200);
  return accessTokenResponseSchema.parse(answer.json);
}

const refresh = (token: string) => rawCall(sim, 'PUT', TOKEN, { headers: { 'X-Access-Token': token } });

describe('refresh with the access token', () => {
  it('extends the access token, which keeps working past its old expiry, in the same response shape', async () => {
    const first = await login();
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 30 * 60_000 } });
    const answer = await refresh(first.accessToken);
    expect(answer.status).toBe(200);
    const extended = accessTokenResponseSchema.parse(answer.json);
    expect(extended.accessToken).toBe(first.accessToken);
    expect(extended.expireTime).toBeGreaterThan(present(first.expireTime, 'expireTime'));
    expect(extended.validPeriod).toBe(3600);
    expect(Object.keys(answer.json).sort()).toEqual(Object.keys(first).sort());
    // Past the old expiry (60 min after login), the extended token still works.
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 45 * 60_000 } });
    expect((await rawCall(sim, 'GET', MY_INFO, { token: first.accessToken })).status).toBe(200);
  });

  it('refuses an expired or unknown access token with 401', async () => {
    const first = await login();
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 61 * 60_000 } });
    expectError(await refresh(first.accessToken), 401, 'USG.000000004');
    expectError(await refresh('not-a-token'), 401, 'USG.000000004');
  });
});

describe('refresh with the refresh token', () => {
  it('is still accepted, with the same response shape', async () => {
    const first = await login();
    const answer = await refresh(first.refreshToken ?? '');
    expect(answer.status).toBe(200);
    const fresh = accessTokenResponseSchema.parse(answer.json);
    expect(Object.keys(answer.json).sort()).toEqual(Object.keys(first).sort());
    expect((await rawCall(sim, 'GET', MY_INFO, { token: fresh.accessToken })).status).toBe(200);
  });
});
