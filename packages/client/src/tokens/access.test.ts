import { describe, expect, it } from 'vitest';
import { tokenAnswer } from '../testing/fakeUpstream.js';
import { useUpstream } from '../testing/upstreamClients.js';

// Refresh (`PUT /v1/usg/acs/token`) sends the access token it extends in X-Access-Token: the English page and
// the SDK say so (published-behaviour.md section 4).

const { upstream, client } = useUpstream();
const LOGIN = 'POST /v2/usg/acs/auth/appauth';
const REFRESH = 'PUT /v1/usg/acs/token';
const MEETINGS = 'GET /v1/mmc/management/conferences';
const HOUR_MS = 3_600_000;

describe('access-token refresh', () => {
  it('sends the access token, not the refresh token, and uses the token it answers', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    const login = tokenAnswer();
    upstream().on(LOGIN, () => ({ status: 200, body: login }));
    await c.meetings.list({});
    const refreshed = tokenAnswer();
    upstream().on(REFRESH, () => ({ status: 200, body: refreshed }));
    now += HOUR_MS - 120_000; // past the refresh point (5 minutes before expiry), still valid
    await c.meetings.list({});
    const [refresh] = upstream().received(REFRESH);
    expect(refresh?.headers['x-access-token']).toBe(login.accessToken);
    expect(refresh?.headers['x-access-token']).not.toBe(login.refreshToken);
    expect(
      upstream()
        .received(MEETINGS)
        .map((r) => r.headers['x-access-token']),
    ).toEqual([login.accessToken, refreshed.accessToken]);
    expect(upstream().received(LOGIN)).toHaveLength(1);
  });

  it('keeps using a token the refresh extended in place', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    const login = tokenAnswer();
    upstream().on(LOGIN, () => ({ status: 200, body: login }));
    await c.meetings.list({});
    upstream().on(REFRESH, () => ({
      status: 200,
      body: { ...tokenAnswer(), accessToken: login.accessToken },
    }));
    now += HOUR_MS - 120_000;
    await c.meetings.list({});
    now += HOUR_MS - 120_000; // the extended token's own refresh point
    await c.meetings.list({});
    expect(
      upstream()
        .received(REFRESH)
        .map((r) => r.headers['x-access-token']),
    ).toEqual([login.accessToken, login.accessToken]);
    expect(
      new Set(
        upstream()
          .received(MEETINGS)
          .map((r) => r.headers['x-access-token']),
      ),
    ).toEqual(new Set([login.accessToken]));
  });

  it('logs in afresh, without a refresh, once the access token has expired', async () => {
    let now = Date.now();
    const c = client({ now: () => now });
    await c.meetings.list({});
    now += HOUR_MS + 1_000; // expired, though the refresh token (two hours) would still be valid
    await c.meetings.list({});
    expect(upstream().received(REFRESH)).toHaveLength(0);
    expect(upstream().received(LOGIN)).toHaveLength(2);
  });
});
