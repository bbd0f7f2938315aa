import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { loginAs, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', tokenLifetimeSeconds: 100 });
});
afterAll(async () => {
  await sim.close();
});

/** A raw call to `sim`, POST unless told. */
const post = (path: string, body?: unknown, method = 'POST') => rawCall(sim, method, path, { body });
const validate = (token: string) => post('/v1/usg/acs/token/validate', { token, needGenNewToken: false });

describe('/__sim/ test control', () => {
  it('summarises the state', async () => {
    const state = (await rawCall(sim, 'GET', '/__sim/state')).json;
    expect(state.users).toBeGreaterThanOrEqual(6);
    expect(Array.isArray(state.meetings)).toBe(true);
  });

  it('advances the clock so that tokens expire', async () => {
    const token = await loginAs(sim, 'alice');
    expect((await validate(token)).status).toBe(200);
    const advanced = await post('/__sim/clock/advance', { ms: 101_000 });
    expect(advanced.json.now).toBeGreaterThan(Date.now() + 100_000);
    expect((await validate(token)).status).toBe(401);
  });

  it('expires or revokes tokens by user', async () => {
    const alice = await loginAs(sim, 'alice');
    const bob = await loginAs(sim, 'bob');
    expect((await post('/__sim/tokens/revoke', { userId: 'alice' })).json.count).toBe(1);
    expect((await validate(alice)).status).toBe(401);
    expect((await validate(bob)).status).toBe(200);
    expect((await post('/__sim/tokens/expire', { accessToken: bob })).json.count).toBe(1);
    expect((await validate(bob)).status).toBe(401);
  });

  it('injects faults for N calls and clears them', async () => {
    const added = await post('/__sim/faults', {
      kind: 'status',
      status: 500,
      count: 2,
      pathPrefix: '/v1/usg/acs/token/validate',
    });
    expect(added.json.pending).toHaveLength(1);
    expect((await validate('x')).status).toBe(500);
    expect((await validate('x')).json.error_code).toBe('MMC.111070003');
    expect((await validate('x')).status).toBe(401);
    await post('/__sim/faults', { kind: 'status', status: 429, retryAfterSeconds: 7 });
    const throttled = await post('/v1/usg/acs/token/validate', '{}');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('retry-after')).toBe('7');
    expect(throttled.json.error_code).toBe('100000429');
    await post('/__sim/faults', { kind: 'latency', delayMs: 5 });
    expect((await post('/__sim/faults', undefined, 'DELETE')).json.pending).toEqual([]);
  });

  it('refuses bad control requests naming the field', async () => {
    const bad = await post('/__sim/faults', { kind: 'status', status: 99 });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toContain('status');
    expect((await post('/__sim/nothing')).status).toBe(404);
    const config = await post('/__sim/config', { tokenLifetimeSeconds: 5 }, 'PUT');
    expect(config.json).toEqual({ tokenLifetimeSeconds: 5 });
  });
});
