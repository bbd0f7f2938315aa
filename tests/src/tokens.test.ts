import { createMeetingClient, type TransportEvent } from '@hwmeeting/client';
import { showMyInfo } from '@hwmeeting/client/wire';
import { describe, expect, it } from 'vitest';
import { clientFor, clientOptionsFor, simControl, useSimulator } from './support.js';

// One clock for both sides, so expiry can be reached without waiting.
let offsetMs = 0;
const now = () => Date.now() + offsetMs;
const sim = useSimulator({ seed: 'demo', clock: now, tokenLifetimeSeconds: 600 });

/** A client core on the shared clock, with the transport events it records and a count of successes. */
function client() {
  const events: TransportEvent[] = [];
  const core = clientFor(sim(), { now, onEvent: (event) => events.push(event) });
  const count = (operation: string) =>
    events.filter((e) => e.operation === operation && e.httpStatus === 200).length;
  return { core, events, count };
}

/** A meeting client on the shared clock, with the transport events it records. */
function meetingClient() {
  const events: TransportEvent[] = [];
  const client = createMeetingClient(
    clientOptionsFor(sim(), { now, onEvent: (event) => events.push(event) }),
  );
  return { client, events };
}

describe('token manager', () => {
  it('shares one login among concurrent first callers of an identity', async () => {
    const { core, count } = client();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => core.tokens.token('bob')));
    expect(new Set(tokens.map((t) => t.accessToken)).size).toBe(1);
    expect(count('createAppIdToken')).toBe(1);
    await Promise.all([core.tokens.token('carol'), core.tokens.token(undefined), core.tokens.token('carol')]);
    expect(count('createAppIdToken')).toBe(3);
    expect(core.tokens.size).toBe(3);
    await core.dispose();
  });

  // published-behaviour.md §4: the refresh sends the access token it extends; the server extends it in place.
  it('keeps a token until its refresh point, then refreshes it with the access token, extended in place', async () => {
    const { core, count } = client();
    const first = await core.tokens.token('alice');
    offsetMs += 500_000; // 600 s lifetime: the refresh point is 60 s before expiry (a tenth of the life)
    expect((await core.tokens.token('alice')).accessToken).toBe(first.accessToken);
    offsetMs += 50_000;
    const second = await core.tokens.token('alice');
    // A refresh token would have been answered with a new access token; the access token keeps its value.
    expect(second.accessToken).toBe(first.accessToken);
    expect(second.expiresAtMs).toBeGreaterThan(first.expiresAtMs);
    expect(count('updateToken')).toBe(1);
    expect(count('createAppIdToken')).toBe(1);
    expect(sim().store.tokens.get(first.accessToken)?.expiresAtMs).toBeGreaterThan(first.expiresAtMs);
    // Past its first expiry (600 s after the login) the extended token still works, without another login.
    offsetMs += 100_000;
    const me = await core.call(showMyInfo, {}, { userId: 'alice' });
    expect(me.thirdAccount).toBe('alice');
    expect(count('createAppIdToken')).toBe(1);
    expect(count('updateToken')).toBe(1);
    await core.dispose();
  });

  it('logs in afresh when the server refuses the refresh', async () => {
    const { core, count, events } = client();
    const first = await core.tokens.token('dave');
    // The server no longer knows the access token the refresh would extend.
    await simControl(sim(), 'POST', '/tokens/revoke', { accessToken: first.accessToken });
    offsetMs += 590_000;
    const second = await core.tokens.token('dave');
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(events.filter((e) => e.operation === 'updateToken').map((e) => e.httpStatus)).toEqual([401]);
    expect(count('createAppIdToken')).toBe(2);
    await core.dispose();
  });

  it.each(['revoke', 'expire'])(
    'recovers when the server %ss the token mid-run: one re-login, then the call succeeds',
    async (action) => {
      const { client, events } = meetingClient();
      expect((await client.users.me({ userId: 'carol' })).thirdAccount).toBe('carol');
      const before = await client.auth.token('carol');
      const control = await simControl<{ count: number }>(sim(), 'POST', `/tokens/${action}`, {
        accessToken: before.accessToken,
      });
      expect(control.count).toBe(1);
      expect((await client.users.me({ userId: 'carol' })).thirdAccount).toBe('carol');
      expect(events.map((e) => `${e.operation} ${e.httpStatus}`)).toEqual([
        'createAppIdToken 200',
        'showMyInfo 200',
        'showMyInfo 401',
        'createAppIdToken 200',
        'showMyInfo 200',
      ]);
      expect((await client.auth.token('carol')).accessToken).not.toBe(before.accessToken);
      await client.dispose();
    },
  );

  it('gives up after one re-login when the server keeps refusing', async () => {
    const { client, events } = meetingClient();
    sim().faults.add({
      kind: 'status',
      status: 401,
      errorCode: 'USG.000000004',
      count: 2,
      pathPrefix: '/v1/usg/dcs/member',
    });
    await expect(client.users.me({ userId: 'carol' })).rejects.toMatchObject({
      httpStatus: 401,
      code: 'USG.000000004',
    });
    expect(events.filter((e) => e.operation === 'showMyInfo').map((e) => e.httpStatus)).toEqual([401, 401]);
    expect(events.filter((e) => e.operation === 'createAppIdToken')).toHaveLength(2);
    await client.dispose();
  });

  it('logs out every cached token on dispose', async () => {
    const { core } = client();
    const tokens = await Promise.all(['alice', 'bob', undefined].map((id) => core.tokens.token(id)));
    const result = await core.dispose();
    expect(result).toEqual({ loggedOut: 3, failed: [] });
    for (const token of tokens) expect(sim().store.tokens.has(token.accessToken)).toBe(false);
    await expect(core.tokens.token('alice')).rejects.toMatchObject({ code: 'DISPOSED' });
  });

  it('refuses a userId with account credentials, naming the mode', async () => {
    const core = clientFor(sim(), { credentials: { account: 'admin@demo', password: 'Admin@2026!' } });
    expect((await core.tokens.token(undefined)).user?.ucloginAccount).toBe('admin@demo');
    await expect(core.tokens.token('alice')).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
    await core.dispose();
  });
});
