// Two gateways in one process sharing one real Redis: the per-user rate limit is one budget across replicas, and
// a Redis outage degrades to per-replica limits instead of refusing everyone.
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { type Gateway, startGateway } from './server.js';
import { TEST_SECRET } from './testing/harness.js';

let redis: RedisServer;
let sim: Simulator;
const gateways: Gateway[] = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedisServer(), startSimulator({ seed: 'demo', answerDelayMs: 10 })]);
  const env = loadConfig({
    PORT: '0',
    JWT_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '4',
    REDIS_URL: redis.url,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
  });
  for (let i = 0; i < 2; i++) {
    gateways.push(await startGateway({ env, endpoint: sim.url, appId: sim.appId, appKey: sim.appKey }));
  }
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => g.close()));
  await sim?.close();
  await redis?.stop();
});

async function ping(gateway: Gateway, sub: string): Promise<{ status: number; code: unknown }> {
  const token = await gateway.authenticator.issue(sub, [], 600);
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ ping }' }),
  });
  const body = (await response.json()) as { errors?: { extensions: { code: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions.code };
}

describe('the Redis backplane', () => {
  it('counts one rate-limit budget per user across replicas', async () => {
    const [one, two] = gateways as [Gateway, Gateway];
    expect((await ping(one, 'alice')).status).toBe(200);
    expect((await ping(two, 'alice')).status).toBe(200);
    expect((await ping(one, 'alice')).status).toBe(200);
    expect((await ping(two, 'alice')).status).toBe(200);
    // The fifth in the minute, whichever replica gets it.
    expect(await ping(one, 'alice')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await ping(two, 'alice')).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect((await ping(two, 'bob')).status).toBe(200);
  });

  it('limits each replica on its own while Redis is away, and serves meanwhile', async () => {
    const [one] = gateways as [Gateway];
    const ready = async () => (await fetch(one.url.replace(/\/graphql$/, '/readyz'))).json();
    expect(await ready()).toEqual({ status: 'ready', redis: 'up' });
    await redis.kill();
    try {
      expect((await ping(one, 'carol')).status).toBe(200);
      expect(await ready()).toEqual({ status: 'ready', redis: 'down' });
    } finally {
      await redis.restart();
    }
  });
});
