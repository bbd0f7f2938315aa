import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { type Gateway, startGateway } from './server.js';
import { TEST_SECRET } from './testing/harness.js';
import { connectLive } from './testing/liveClient.js';

// A front-end developer pastes a development token into their app once: it must keep working when the gateway
// restarts. In development without JWT_SECRET the signing key is kept in a file of the user's cache directory
// (here a temporary one, through HWMEETING_CACHE_DIR).
let sim: Simulator;
let cache: string;
const running: Gateway[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 10 });
});
afterAll(async () => {
  await sim?.close();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((gateway) => gateway.close({ drainMs: 0 })));
  if (cache) await rm(cache, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<Gateway> {
  const gateway = await startGateway({
    env: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...env }),
    endpoint: sim.url,
    appId: sim.appId,
    appKey: sim.appKey,
  });
  running.push(gateway);
  return gateway;
}

async function ping(gateway: Gateway, token: string): Promise<unknown> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ ping }' }),
  });
  return response.json();
}

describe('development tokens across restarts', () => {
  it('a second start accepts the first start’s tokens, over HTTP and graphql-ws; the key file is 0600', async () => {
    cache = await mkdtemp(join(tmpdir(), 'hwm-cache-'));
    const env = { NODE_ENV: 'development', HWMEETING_CACHE_DIR: cache };
    const first = await start(env);
    const token = await first.authenticator.issue('alice', [], 600);
    expect(await ping(first, token)).toEqual({ data: { ping: 'pong' } });
    await first.close({ drainMs: 0 });
    running.splice(0);

    const second = await start(env);
    expect(await ping(second, token)).toEqual({ data: { ping: 'pong' } });
    // And the other way round: the second start's tokens are the first's kind.
    expect(await first.authenticator.verify(await second.authenticator.issue('bob', [], 600))).toMatchObject({
      userId: 'bob',
    });
    const client = connectLive(second.wsUrl, token);
    try {
      const result = await new Promise<unknown>((resolve, reject) => {
        client.subscribe({ query: '{ ping }' }, { next: resolve, error: reject, complete: () => undefined });
      });
      expect(result).toEqual({ data: { ping: 'pong' } });
    } finally {
      await client.dispose();
    }
    const file = join(cache, 'dev-jwt-key');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(second.developmentKeyFile).toBe(file);
  });

  it('uses $XDG_CACHE_HOME/hwmeeting when HWMEETING_CACHE_DIR is not set', async () => {
    cache = await mkdtemp(join(tmpdir(), 'hwm-xdg-'));
    const gateway = await start({ NODE_ENV: 'development', XDG_CACHE_HOME: cache });
    expect(gateway.developmentKeyFile).toBe(join(cache, 'hwmeeting', 'dev-jwt-key'));
    expect((await stat(join(cache, 'hwmeeting', 'dev-jwt-key'))).isFile()).toBe(true);
  });

  it('keeps no key with JWT_SECRET, nor in production', async () => {
    cache = await mkdtemp(join(tmpdir(), 'hwm-cache-'));
    const withSecret = await start({
      NODE_ENV: 'development',
      HWMEETING_CACHE_DIR: cache,
      JWT_SECRET: TEST_SECRET,
    });
    expect(withSecret.developmentKeyFile).toBeUndefined();
    const production = await start({
      NODE_ENV: 'production',
      HWMEETING_CACHE_DIR: cache,
      JWT_SECRET: TEST_SECRET,
    });
    expect(production.developmentKeyFile).toBeUndefined();
    expect(await readdir(cache)).toEqual([]);
  });

  it('refuses to start on a key file that holds no key, naming the file', async () => {
    cache = await mkdtemp(join(tmpdir(), 'hwm-cache-'));
    await writeFile(join(cache, 'dev-jwt-key'), 'short\n', { mode: 0o600 });
    await expect(start({ NODE_ENV: 'development', HWMEETING_CACHE_DIR: cache })).rejects.toThrow(
      /dev-jwt-key.*delete it/,
    );
  });

  it('starts with a key of its own (tokens that end with it) when the cache directory cannot be written', async () => {
    cache = await mkdtemp(join(tmpdir(), 'hwm-cache-'));
    const notADirectory = join(cache, 'file');
    await writeFile(notADirectory, '');
    const gateway = await start({ NODE_ENV: 'development', HWMEETING_CACHE_DIR: notADirectory });
    expect(gateway.developmentKeyFile).toBeUndefined();
    expect(gateway.authenticator.generatedKey).toBe(true);
    expect(await ping(gateway, await gateway.authenticator.issue('alice', [], 60))).toEqual({
      data: { ping: 'pong' },
    });
  });
});
