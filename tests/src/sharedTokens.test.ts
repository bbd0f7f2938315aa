// Several gateway replicas (MeetingClients) share access and control tokens through one RedisTokenStore on a
// real redis-server, against a real simulator: one upstream login between them, encrypted at rest.
import { randomBytes } from 'node:crypto';
import { createMeetingClient, type MeetingClient, type TransportEvent } from '@hwmeeting/client';
import { RedisTokenStore } from '@hwmeeting/client/redis';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOptionsFor, failure, simControl, useSimulator } from './support.js';

// A fresh simulator per test, so every test starts without tokens upstream.
const sim = useSimulator({ seed: 'demo', answerDelayMs: 50 }, { fresh: true });

let server: RedisServer;
let redis: Redis;
let store: RedisTokenStore;
const storeErrors: unknown[] = [];
beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
  // While the server is down the connection reports every reconnect attempt; the store reports what matters.
  redis.on('error', () => {});
  store = new RedisTokenStore({
    redis,
    key: randomBytes(32).toString('base64'),
    // Loopback answers in microseconds; a short timeout keeps the Redis-down test quick.
    timeoutMs: 500,
    onError: (error) => storeErrors.push(error),
  });
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** The replicas of the current test, with the HTTP attempts each made. */
let replicas: { client: MeetingClient; events: TransportEvent[] }[] = [];
beforeEach(async () => {
  await redis.flushall();
  storeErrors.length = 0;
});
afterEach(async () => {
  await Promise.all(replicas.map(({ client }) => client.dispose()));
  replicas = [];
});

/** Starts one more replica on the shared store. */
function replica(extra: { tokenStoreWaitMs?: number } = {}) {
  const events: TransportEvent[] = [];
  const client = createMeetingClient(
    clientOptionsFor(sim(), { tokenStore: store, onEvent: (event) => events.push(event), ...extra }),
  );
  const made = { client, events };
  replicas.push(made);
  return made;
}

/** Successful calls of an operation by these replicas (all of this test's by default). */
function calls(operation: string, of = replicas): number {
  return of.flatMap((r) => r.events).filter((e) => e.operation === operation && e.httpStatus === 200).length;
}

/** Access tokens the simulator holds for a third-party user. */
function upstreamTokensOf(userId: string): string[] {
  const { store: upstream } = sim();
  return [...upstream.tokens.values()]
    .filter((token) => upstream.users.get(token.userId)?.thirdAccount === userId)
    .map((token) => token.accessToken);
}

/** Every Redis key with its value, found by SCAN. */
async function redisContents(): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'COUNT', 100);
    cursor = next;
    for (const key of keys) contents.set(key, (await redis.get(key)) ?? '');
  } while (cursor !== '0');
  return contents;
}

const alice = { userId: 'alice' } as const;

describe('access tokens shared through Redis', () => {
  it('makes one upstream login for concurrent first calls of three replicas', async () => {
    const three = [replica(), replica(), replica()];
    const answers = await Promise.all(
      three.flatMap(({ client }) => Array.from({ length: 5 }, () => client.users.me(alice))),
    );
    expect(answers.every((me) => me.thirdAccount === 'alice')).toBe(true);
    expect(calls('createAppIdToken')).toBe(1);
    expect(upstreamTokensOf('alice')).toHaveLength(1);
    const tokens = await Promise.all(three.map(({ client }) => client.auth.token('alice')));
    expect(new Set(tokens.map((t) => t.accessToken))).toEqual(new Set(upstreamTokensOf('alice')));
    expect(storeErrors).toEqual([]);
  });

  it('lets a later replica reuse the stored token without logging in', async () => {
    const first = replica();
    await first.client.users.me(alice);
    await first.client.users.me(); // the administrator too
    const later = replica();
    expect((await later.client.users.me(alice)).thirdAccount).toBe('alice');
    expect((await later.client.users.me()).adminType).toBe(0);
    expect(calls('createAppIdToken', [later])).toBe(0);
    expect(calls('createAppIdToken')).toBe(2);
  });

  it('replaces a token revoked upstream once, and shares the new one', async () => {
    const three = [replica(), replica(), replica()];
    await Promise.all(three.map(({ client }) => client.users.me(alice)));
    const [revoked] = upstreamTokensOf('alice');
    const control = await simControl<{ count: number }>(sim(), 'POST', '/tokens/revoke', {
      accessToken: revoked,
    });
    expect(control.count).toBe(1);

    const answers = await Promise.all(three.map(({ client }) => client.users.me(alice)));
    expect(answers.map((me) => me.thirdAccount)).toEqual(['alice', 'alice', 'alice']);
    expect(calls('createAppIdToken')).toBe(2);
    const [replacement] = upstreamTokensOf('alice');
    expect(replacement).not.toBe(revoked);
    for (const { client } of three) expect((await client.auth.token('alice')).accessToken).toBe(replacement);
    // A fourth replica gets the replacement from the store.
    const later = replica();
    expect((await later.client.auth.token('alice')).accessToken).toBe(replacement);
    expect(calls('createAppIdToken', [later])).toBe(0);
  });

  it('waits for a lock holder at most tokenStoreWaitMs, then logs in itself', async () => {
    const { client } = replica({ tokenStoreWaitMs: 300 });
    // Another process took the lock and never writes: a crashed replica.
    const release = await store.lock(client.core.tokens.sharedKey('access', 'alice'), 60_000);
    expect(release).toBeTypeOf('function');
    const started = Date.now();
    expect((await client.users.me(alice)).thirdAccount).toBe('alice');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(calls('createAppIdToken')).toBe(1);
    // What it obtained alone it shared.
    const later = replica();
    await later.client.users.me(alice);
    expect(calls('createAppIdToken', [later])).toBe(0);
    await release?.();
  });

  it('leaves shared tokens valid on dispose: other replicas go on using them', async () => {
    const first = replica();
    const second = replica();
    await first.client.users.me(alice);
    const token = (await first.client.auth.token('alice')).accessToken;
    replicas = [second];
    expect(await first.client.dispose()).toEqual({ loggedOut: 0, failed: [] });
    expect(sim().store.tokens.has(token)).toBe(true);
    expect((await second.client.users.me(alice)).thirdAccount).toBe('alice');
    expect(calls('createAppIdToken', [second])).toBe(0);
    expect(calls('deleteToken')).toBe(0);
  });
});

describe('control tokens shared through Redis', () => {
  /** Alice's meeting, running now, with its host password. */
  async function runningMeeting(client: MeetingClient) {
    const meeting = await client.meetings.create({ subject: 'Shared', mediaTypes: 'HDVideo' }, alice);
    const chair = meeting.passwordEntry?.find((p) => p.conferenceRole === 'chair')?.password ?? '';
    return { id: meeting.conferenceID, chair };
  }

  it('obtains one control token for three replicas, shares it, and replaces a refused one once (400 MMC.111072065)', async () => {
    const first = replica();
    const three = [first, replica(), replica()];
    const meeting = await runningMeeting(first.client);
    const tokens = await Promise.all(three.map(({ client }) => client.control.token(meeting.id, alice)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(calls('createConfToken')).toBe(1);
    // The password came from the meeting's details, read once by the replica that held the lock.
    expect(calls('showMeetingDetail')).toBe(1);

    const later = replica();
    await later.client.control.lock(meeting.id, true, alice);
    expect(sim().store.meetings.get(meeting.id)?.live?.locked).toBe(true);
    expect(calls('createConfToken', [later])).toBe(0);
    expect(calls('showMeetingDetail', [later])).toBe(0);

    // The server forgets the token: every replica is refused with 400 MMC.111072065 (published-behaviour.md §3),
    // one new token serves them all.
    sim().store.controlTokens.delete(tokens[0]?.token ?? '');
    await Promise.all(three.map(({ client }) => client.control.lock(meeting.id, false, alice)));
    expect(calls('createConfToken')).toBe(2);
    expect(calls('showMeetingDetail')).toBe(1); // the shared password renewed it
    const current = [...sim().store.controlTokens.keys()];
    expect(current).toHaveLength(1);
    const renewed = await Promise.all(three.map(({ client }) => client.control.token(meeting.id, alice)));
    expect(new Set(renewed.map((t) => t.token))).toEqual(new Set(current));
    // The fourth replica still holds the old token: its next call is refused and it takes the shared one.
    await later.client.control.lock(meeting.id, true, alice);
    expect((await later.client.control.token(meeting.id, alice)).token).toBe(current[0]);
    expect(
      later.events.filter((e) => e.operation === 'lockMeeting').map((e) => [e.httpStatus, e.code]),
    ).toEqual([
      [200, undefined],
      [400, 'MMC.111072065'],
      [200, undefined],
    ]);
    expect(calls('createConfToken')).toBe(2);

    // Renewed once only: when the server refuses the new token too, the refusal reaches the caller.
    sim().faults.add({
      kind: 'status',
      status: 400,
      errorCode: 'MMC.111072065',
      count: 2,
      pathPrefix: '/v1/mmc/control/conferences/lock',
    });
    const refused = await failure(later.client.control.lock(meeting.id, false, alice));
    expect(refused).toMatchObject({ httpStatus: 400, code: 'MMC.111072065', operation: 'lockMeeting' });
    expect(calls('createConfToken')).toBe(3);
    expect(sim().store.meetings.get(meeting.id)?.live?.locked).toBe(true);
  });

  it('keeps no token, password or identity in Redis in the clear', async () => {
    const [first, second] = [replica(), replica()];
    const meeting = await runningMeeting(first.client);
    await first.client.users.me();
    await second.client.control.realTimeInfo(meeting.id, alice);
    const upstream = sim().store;
    const secrets = [
      ...[...upstream.tokens.values()].flatMap((t) => [t.accessToken, t.refreshToken]),
      ...upstream.controlTokens.keys(),
      meeting.chair,
      sim().appKey,
    ];
    const names = ['alice', meeting.id, sim().appId, sim().url];
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const contents = await redisContents();
    // Two access tokens (alice, the administrator) and one control token; locks are released.
    expect([...contents.keys()].filter((key) => key.startsWith('hwm:token:'))).toHaveLength(3);
    for (const [key, value] of contents) {
      for (const text of [...secrets, ...names]) {
        expect(key).not.toContain(text);
        expect(value).not.toContain(text);
      }
    }
  });
});

describe('a Redis restart', () => {
  it('costs one login: replicas keep working and share again', async () => {
    const first = replica();
    await first.client.users.me(alice);
    await server.restart();
    await redis.ping(); // the connection is back
    expect(await redisContents()).toEqual(new Map());

    // The replica that had the token keeps using it; a new one finds nothing and logs in once for everyone.
    expect((await first.client.users.me(alice)).thirdAccount).toBe('alice');
    const second = replica();
    expect((await second.client.users.me(alice)).thirdAccount).toBe('alice');
    expect(calls('createAppIdToken', [second])).toBe(1);
    const third = replica();
    expect((await third.client.users.me(alice)).thirdAccount).toBe('alice');
    expect(calls('createAppIdToken', [third])).toBe(0);
    expect(storeErrors).toEqual([]);
  });

  it('does not stop the replicas while Redis is down', async () => {
    const first = replica();
    await first.client.users.me(alice);
    await server.kill();
    try {
      // No store: a new replica logs in alone, and the one with a token carries on.
      const second = replica();
      expect((await second.client.users.me(alice)).thirdAccount).toBe('alice');
      expect(calls('createAppIdToken', [second])).toBe(1);
      expect((await first.client.users.me(alice)).thirdAccount).toBe('alice');
      expect(storeErrors.length).toBeGreaterThan(0);
    } finally {
      await server.restart();
    }
    await redis.ping();
  });
});
