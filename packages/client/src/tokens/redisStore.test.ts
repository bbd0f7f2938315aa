import { randomBytes } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MeetingApiError } from '../errors.js';
import { RedisTokenStore, type RedisTokenStoreError, type RedisTokenStoreOptions } from './redisStore.js';

let server: RedisServer;
let redis: Redis;
const KEY = randomBytes(32);
const TOKEN = 'access-token-0123456789abcdef';
const entry = {
  token: TOKEN,
  data: { accessToken: TOKEN, expiresAtMs: 1_900_000_000_000, user: { id: 'alice' } },
};

beforeAll(async () => {
  server = await startRedisServer();
  redis = new Redis(server.url);
  // The outage test kills the server: the connection's errors are expected there, and the store reports them.
  redis.on('error', () => undefined);
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});
beforeEach(async () => {
  await redis.flushall();
});

/** A store on the shared connection that records what it reports. */
function storeWith(options: Partial<RedisTokenStoreOptions> = {}) {
  const errors: RedisTokenStoreError[] = [];
  const store = new RedisTokenStore({
    redis,
    key: KEY,
    onError: (error) => errors.push(error as RedisTokenStoreError),
    ...options,
  });
  return { store, errors };
}

/** Every key and its string value. */
async function dump(): Promise<Map<string, string | null>> {
  const keys = await redis.keys('*');
  return new Map(await Promise.all(keys.map(async (key) => [key, await redis.get(key)] as const)));
}

describe('RedisTokenStore cipher', () => {
  it('round-trips an entry, with neither the token nor the name in Redis', async () => {
    const { store, errors } = storeWith();
    await store.set('["access","alice"]', entry, 60_000);
    expect(await store.get('["access","alice"]')).toEqual(entry);
    const stored = await dump();
    expect([...stored.keys()]).toEqual([store.keyOf('["access","alice"]')]);
    for (const [key, value] of stored) {
      expect(key.startsWith('hwm:token:')).toBe(true);
      expect(key).not.toContain('alice');
      expect(value).not.toContain(TOKEN);
      expect(value).not.toContain('alice');
      expect(value).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 12));
    }
    const ttl = await redis.pttl(store.keyOf('["access","alice"]'));
    expect(ttl).toBeGreaterThan(55_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
    expect(errors).toEqual([]);
  });

  it('writes a fresh IV each time: the same entry never looks the same twice', async () => {
    const { store } = storeWith();
    await store.set('a', entry, 60_000);
    const first = await redis.get(store.keyOf('a'));
    await store.set('a', entry, 60_000);
    const second = await redis.get(store.keyOf('a'));
    expect(first).not.toBe(second);
    expect(await store.get('a')).toEqual(entry);
  });

  it('reads a value written with another key as a miss and reports it without the value', async () => {
    // The names are hashed with a subkey of the AES key too: put the foreign value where this store looks.
    const foreign = storeWith({ key: randomBytes(32) });
    await foreign.store.set('a', entry, 60_000);
    const { store, errors } = storeWith();
    await redis.set(store.keyOf('a'), (await redis.get(foreign.store.keyOf('a'))) ?? '');
    expect(await store.get('a')).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'RedisTokenStoreError', reason: 'unreadable' });
    expect(errors[0]?.message).toMatch(/decryption/);
    expect(errors[0]?.message).not.toContain(TOKEN);
  });

  it.each([
    ['the ciphertext', (value: string) => flipLastByte(value)],
    [
      'the fingerprint',
      (value: string) => value.replace(/^v1\.(.)/, (_, c: string) => `v1.${c === 'A' ? 'B' : 'A'}`),
    ],
    ['the format', (value: string) => `v2${value.slice(2)}`],
    ['the length', (value: string) => value.slice(0, 20)],
  ])('reads a value with %s altered as a miss', async (_, alter) => {
    const { store, errors } = storeWith();
    await store.set('a', entry, 60_000);
    const key = store.keyOf('a');
    await redis.set(key, alter((await redis.get(key)) ?? ''));
    expect(await store.get('a')).toBeUndefined();
    expect(errors.map((e) => e.reason)).toEqual(['unreadable']);
  });

  it('reads a value moved to another key as a miss', async () => {
    const { store, errors } = storeWith();
    await store.set('["access","alice"]', entry, 60_000);
    await store.set('["access","bob"]', { ...entry, token: 'bob-token' }, 60_000);
    await redis.set(
      store.keyOf('["access","bob"]'),
      (await redis.get(store.keyOf('["access","alice"]'))) ?? '',
    );
    expect(await store.get('["access","bob"]')).toBeUndefined();
    expect(await store.get('["access","alice"]')).toEqual(entry);
    expect(errors.map((e) => e.reason)).toEqual(['unreadable']);
  });

  it('accepts the key as a Buffer, 64 hex digits or base64, all the same key', async () => {
    await storeWith().store.set('a', entry, 60_000);
    expect(await storeWith({ key: KEY.toString('hex') }).store.get('a')).toEqual(entry);
    expect(await storeWith({ key: KEY.toString('base64') }).store.get('a')).toEqual(entry);
    expect(await storeWith({ key: KEY.toString('base64url') }).store.get('a')).toEqual(entry);
  });

  it.each([
    ['31 bytes', randomBytes(31)],
    ['a short hex string', 'ab'.repeat(31)],
    ['base64 of 24 bytes', randomBytes(24).toString('base64')],
    ['a passphrase', 'correct horse battery staple, not a key!!!'],
    ['nothing', undefined],
  ])('refuses %s as the key, naming the setting and not the value', (_, key) => {
    const make = () => new RedisTokenStore({ redis, key: key as string });
    expect(make).toThrow(MeetingApiError);
    try {
      make();
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'key' });
      expect((error as Error).message).toMatch(/RedisTokenStore: invalid option key: must be 32 bytes/);
      if (typeof key === 'string') expect((error as Error).message).not.toContain(key);
    }
  });

  it('refuses something that is not a Redis connection', () => {
    expect(() => new RedisTokenStore({ redis: {} as Redis, key: KEY })).toThrow(/invalid option redis/);
  });
});

describe('RedisTokenStore entries and locks', () => {
  it('uses the prefix and expires entries after their TTL', async () => {
    const { store } = storeWith({ prefix: 'test:' });
    await store.set('a', entry, 50);
    expect(store.keyOf('a').startsWith('test:token:')).toBe(true);
    expect(await store.get('a')).toEqual(entry);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.get('a')).toBeUndefined();
  });

  it('deletes an entry only while it holds the given token', async () => {
    const { store } = storeWith();
    await store.set('a', entry, 60_000);
    await store.delete('a', 'another-token');
    expect(await store.get('a')).toEqual(entry);
    await store.delete('a', TOKEN);
    expect(await store.get('a')).toBeUndefined();
  });

  it('gives a lock to one holder at a time; a release never frees a lock another holds', async () => {
    const { store } = storeWith();
    const first = await store.lock('a', 60_000);
    expect(first).toBeTypeOf('function');
    expect(await store.lock('a', 60_000)).toBeUndefined();
    expect(await store.lock('b', 60_000)).toBeTypeOf('function');
    await first?.();
    const second = await store.lock('a', 100);
    expect(second).toBeTypeOf('function');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const third = await store.lock('a', 60_000);
    expect(third).toBeTypeOf('function');
    await second?.(); // expired: must not free the third holder's lock
    expect(await store.lock('a', 60_000)).toBeUndefined();
    await third?.();
    expect(await redis.exists(store.lockKeyOf('a'))).toBe(0);
  });

  it('answers as an empty store that grants locks while Redis is down, reporting why, and recovers', async () => {
    const { store, errors } = storeWith({ timeoutMs: 200 });
    await store.set('a', entry, 60_000);
    await server.kill();
    try {
      expect(await store.get('a')).toBeUndefined();
      const release = await store.lock('a', 60_000);
      expect(release).toBeTypeOf('function');
      await release?.();
      await store.set('a', entry, 60_000);
      await store.delete('a', TOKEN);
      expect(errors.length).toBeGreaterThanOrEqual(4);
      expect(new Set(errors.map((e) => e.reason))).toEqual(new Set(['unavailable']));
    } finally {
      await server.restart();
    }
    await redis.ping();
    await store.set('a', entry, 60_000);
    expect(await store.get('a')).toEqual(entry);
  });
});

/** Flips the last byte of the base64 payload of a stored value. */
function flipLastByte(value: string): string {
  const dot = value.lastIndexOf('.');
  const bytes = Buffer.from(value.slice(dot + 1), 'base64');
  bytes[bytes.length - 1] = (bytes.at(-1) ?? 0) ^ 1;
  return `${value.slice(0, dot + 1)}${bytes.toString('base64')}`;
}
