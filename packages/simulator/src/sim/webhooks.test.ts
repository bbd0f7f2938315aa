import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { formatMeetingTime } from '../state/meetingTime.js';
import { expectError, type Loose, loginAs, rawCall } from '../testing/rawHttp.js';
import { TestReceiver } from '../testing/webhookReceiver.js';
import { enableWebhook } from '../testing/webhooks.js';
import type { DeliveryRecord } from '../webhooks/delivery.js';

let sim: Simulator;
let receiver: TestReceiver;
let admin: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', webhookDelayScale: 0.001 });
  receiver = await TestReceiver.start();
  admin = await loginAs(sim);
  await enableWebhook(sim, admin, `${receiver.url}/hooks`, { subscriberId: 'sub-1', subscriberKey: 'key-1' });
});
beforeEach(async () => {
  await control('DELETE', '/webhooks/faults');
  await control('DELETE', '/webhooks/deliveries');
  receiver.reset();
});
afterAll(async () => {
  await sim.close();
  await receiver.close();
});

/** A `/__sim/` call that must succeed; answers its JSON. */
async function control(method: string, path: string, body?: unknown): Promise<Loose> {
  const answer = await rawCall(sim, method, `/__sim${path}`, body === undefined ? {} : { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

const deliveries = async (): Promise<DeliveryRecord[]> =>
  (await control('GET', '/webhooks/deliveries')).deliveries;

/** Schedules a meeting three hours ahead as the administrator (a `meeting.create` delivery follows). */
async function schedule(): Promise<void> {
  const startTime = formatMeetingTime(Math.ceil(sim.clock.now() / 3_600_000) * 3_600_000 + 3 * 3_600_000);
  const answer = await rawCall(sim, 'POST', '/v1/mmc/management/conferences', {
    token: admin,
    body: { subject: 'Webhook control', mediaTypes: 'HDVideo', startTime, length: 60 },
  });
  expect(answer.status).toBe(200);
}

describe('/__sim/webhooks', () => {
  it('logs each delivery with its event and outcome, and clears the log', async () => {
    await schedule();
    await receiver.waitFor(1);
    const deadline = Date.now() + 5000;
    let log = await deliveries();
    while (log[0]?.outcome === 'pending' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      log = await deliveries();
    }
    expect(log.map((d) => d.event)).toEqual(['meeting.create']);
    expect(log[0]?.outcome).toBe('delivered');
    expect((await control('DELETE', '/webhooks/deliveries')).deliveries).toEqual([]);
    expect(await deliveries()).toEqual([]);
  });

  it('queues duplicate and delay faults, answers them pending, and clears them', async () => {
    expect(
      (await control('POST', '/webhooks/faults', { kind: 'duplicate', count: 5 })).pending.duplicate,
    ).toBe(5);
    const delayed = await control('POST', '/webhooks/faults', { kind: 'delay', count: 2, delayMs: 100 });
    expect(delayed.pending).toEqual({ duplicate: 5, delayMs: [100, 100] });
    expect((await control('DELETE', '/webhooks/faults')).pending).toEqual({ duplicate: 0, delayMs: [] });
  });

  it('refuses malformed faults naming the field', async () => {
    expectError(
      await rawCall(sim, 'POST', '/__sim/webhooks/faults', { body: { kind: 'delay' } }),
      400,
      'MMC.111070001',
      'delayMs',
    );
    expectError(
      await rawCall(sim, 'POST', '/__sim/webhooks/faults', { body: { kind: 'drop' } }),
      400,
      'MMC.111070001',
      'body.kind',
    );
  });
});
