import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { expectError, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterAll(async () => {
  await sim.close();
});

describe('/__sim/activity', () => {
  it('answers the driver status and steps on request', async () => {
    const status = await rawCall(sim, 'GET', '/__sim/activity');
    expect(status.status).toBe(200);
    expect(status.json.running).toBe(false);
    const stepped = await rawCall(sim, 'POST', '/__sim/activity/step', { body: { count: 2, seed: 'route' } });
    expect(stepped.status).toBe(200);
    expect(stepped.json.actions).toHaveLength(2);
    expect(stepped.json.seed).toBe('route');
  });

  it('refuses bad scripting bodies naming the field', async () => {
    expectError(
      await rawCall(sim, 'POST', '/__sim/activity/step', { body: { count: 0 } }),
      400,
      'MMC.111070001',
      'body.count',
    );
    expectError(
      await rawCall(sim, 'POST', '/__sim/activity/start', { body: { intervalMs: 1 } }),
      400,
      'MMC.111070001',
      'body.intervalMs',
    );
    expectError(
      await rawCall(sim, 'POST', '/__sim/activity/start', { body: { seed: '' } }),
      400,
      'MMC.111070001',
      'body.seed',
    );
  });
});
