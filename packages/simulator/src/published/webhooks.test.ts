// published-behaviour.md §6 "Enterprise webhooks", through the published configuration calls and real deliveries.
import { webhookBodySchema, webhookSignature } from '@hwmeeting/events/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { formatMeetingTime } from '../state/meetingTime.js';
import { expectError, type Loose, loginAs, rawCall } from '../testing/rawHttp.js';
import { type ReceivedDelivery, TestReceiver } from '../testing/webhookReceiver.js';

const LINK = '/v1/mmc/management/webhook/link-config';
const STATUS = '/v1/mmc/management/webhook/change-status';
const CONFERENCES = '/v1/mmc/management/conferences';
const SUBSCRIBER = { subscriberId: 'sub-7', subscriberKey: 'key-7' };

let sim: Simulator;
let receiver: TestReceiver;
let admin: string;

beforeEach(async () => {
  sim = await startSimulator({ seed: 'demo', webhookDelayScale: 0.001 });
  receiver = await TestReceiver.start();
  admin = await loginAs(sim);
});
afterEach(async () => {
  await sim.close();
  await receiver.close();
});

const events = () => receiver.events().map((d) => d.json.eventInfo.event as string);
const settle = () => new Promise((r) => setTimeout(r, 100));
const configBody = (extra: Record<string, unknown> = {}) => ({
  ...SUBSCRIBER,
  corpId: sim.store.corp.id,
  url: `${receiver.url}/hook`,
  ...extra,
});

async function configure(): Promise<string> {
  expect((await rawCall(sim, 'POST', LINK, { token: admin, body: configBody() })).status).toBe(200);
  return (await rawCall(sim, 'GET', LINK, { token: admin })).json.id;
}

async function enable(id: string): Promise<void> {
  expect((await rawCall(sim, 'PUT', `${STATUS}?id=${id}&status=0`, { token: admin })).status).toBe(200);
  receiver.reset();
}

const inHours = (hours: number) =>
  formatMeetingTime(Math.ceil(sim.clock.now() / 3_600_000) * 3_600_000 + hours * 3_600_000);

async function schedule(subject = 'Planning', length = 60): Promise<string> {
  const answer = await rawCall(sim, 'POST', CONFERENCES, {
    token: admin,
    body: { subject, mediaTypes: 'HDVideo', startTime: inHours(3), length },
  });
  expect(answer.status).toBe(200);
  return answer.json[0].conferenceID;
}

async function simCall(method: string, path: string, body?: unknown): Promise<Loose> {
  const answer = await rawCall(sim, method, `/__sim${path}`, body === undefined ? {} : { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

describe('configuring is not enabling', () => {
  it('a new configuration starts disabled (status 1), sends no verify and delivers nothing', async () => {
    const id = await configure();
    const shown = await rawCall(sim, 'GET', LINK, { token: admin });
    expect(shown.json).toEqual({
      id,
      subscriberId: SUBSCRIBER.subscriberId,
      url: `${receiver.url}/hook`,
      status: 1,
    });
    await schedule();
    await settle();
    expect(receiver.received).toEqual([]);
  });

  it('the enabling call sends meeting.verify, then events are delivered', async () => {
    const id = await configure();
    expect((await rawCall(sim, 'PUT', `${STATUS}?id=${id}&status=0`, { token: admin })).status).toBe(200);
    expect(receiver.received.map((d) => d.json.eventInfo.event)).toEqual(['meeting.verify']);
    expect((await rawCall(sim, 'GET', LINK, { token: admin })).json.status).toBe(0);
    const meetingID = await schedule();
    const [created] = await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.create');
    expect(created?.json.eventInfo.payload.meetingInfo.meetingID).toBe(meetingID);
  });

  it('setting the configuration again leaves it disabled until enabled again', async () => {
    const id = await configure();
    await enable(id);
    const again = await rawCall(sim, 'POST', LINK, {
      token: admin,
      body: configBody({ url: `${receiver.url}/v2` }),
    });
    expect(again.status).toBe(200);
    expect((await rawCall(sim, 'GET', LINK, { token: admin })).json).toMatchObject({ id, status: 1 });
    await schedule();
    await settle();
    expect(receiver.received).toEqual([]);
  });

  it('statuses: 0 enabled, 1 disabled, 2 locked; only 0 delivers', async () => {
    const id = await configure();
    for (const status of [2, 1]) {
      expect(
        (await rawCall(sim, 'PUT', `${STATUS}?id=${id}&status=${status}`, { token: admin })).status,
      ).toBe(200);
      expect((await rawCall(sim, 'GET', LINK, { token: admin })).json.status).toBe(status);
      await schedule();
    }
    await settle();
    expect(receiver.received).toEqual([]);
  });
});

describe('corpId in the configuration', () => {
  it('is required for an enterprise configuration', async () => {
    const { corpId: _omitted, ...withoutCorp } = configBody();
    expectError(
      await rawCall(sim, 'POST', LINK, { token: admin, body: withoutCorp }),
      400,
      'MMC.111070001',
      'body.corpId',
    );
    expectError(await rawCall(sim, 'GET', LINK, { token: admin }), 400, 'MMC.111070001');
  });

  it('may be left out of an SP configuration, which names its spId', async () => {
    const { corpId: _omitted, ...withoutCorp } = configBody();
    const answer = await rawCall(sim, 'POST', LINK, {
      token: admin,
      body: { ...withoutCorp, spId: sim.store.corp.spId },
    });
    expect(answer.status).toBe(200);
  });
});

describe('meeting.end is not meeting.conclude', () => {
  async function startNow(id: string): Promise<void> {
    const password = sim.store.meetings.get(id)?.chairPassword ?? '';
    const answer = await rawCall(sim, 'POST', `${CONFERENCES}/start`, {
      token: admin,
      body: { conferenceID: id, password },
    });
    expect(answer.status).toBe(200);
  }

  it('ends without concluding while the scheduled end is ahead; concludes once it passes', async () => {
    await enable(await configure());
    const id = await schedule('Early end', 60);
    await startNow(id);
    await simCall('POST', `/meetings/${id}/end`);
    await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.end');
    await settle();
    expect(events()).not.toContain('meeting.conclude');
    // Joining again before the scheduled end is possible: no conclusion yet.
    await simCall('POST', '/clock/advance', { ms: 59 * 60_000 });
    await settle();
    expect(events()).not.toContain('meeting.conclude');
    await simCall('POST', '/clock/advance', { ms: 2 * 60_000 });
    const [concluded] = await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.conclude');
    expect(concluded?.json.eventInfo.payload.meetingInfo.meetingID).toBe(id);
    await simCall('POST', '/clock/advance', { ms: 60 * 60_000 });
    await settle();
    expect(events().filter((e) => e === 'meeting.conclude')).toHaveLength(1);
  });

  it('concludes right after the end when the scheduled end has already passed', async () => {
    await enable(await configure());
    const id = await schedule('Overrun', 15);
    await startNow(id);
    await simCall('POST', '/clock/advance', { ms: 20 * 60_000 });
    await simCall('POST', `/meetings/${id}/end`);
    await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.conclude');
    await settle();
    expect(
      events()
        .filter((e) => e === 'meeting.end' || e === 'meeting.conclude')
        .sort(),
    ).toEqual(['meeting.conclude', 'meeting.end']);
  });

  it('concludes a cancelled meeting, and a running one cancelled with type=1 once', async () => {
    await enable(await configure());
    const scheduled = await schedule('Cancelled');
    const cancel = (id: string, type = '') =>
      rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${id}${type}`, { token: admin });
    expect((await cancel(scheduled)).status).toBe(200);
    await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.conclude');
    const running = await schedule('Running, then cancelled');
    await startNow(running);
    expect((await cancel(running, '&type=1')).status).toBe(200);
    await receiver.waitFor(2, (d) => d.json.eventInfo.event === 'meeting.conclude');
    await simCall('POST', '/clock/advance', { ms: 3 * 3_600_000 });
    await settle();
    const about = (id: string) =>
      receiver
        .events()
        .filter((d) => d.json.eventInfo.payload.meetingInfo.meetingID === id)
        .map((d) => d.json.eventInfo.event);
    // Deliveries travel side by side, so they are compared as sets of names.
    expect(about(scheduled).sort()).toEqual(['meeting.cancel', 'meeting.conclude', 'meeting.create']);
    expect(about(running).sort()).toEqual([
      'meeting.cancel',
      'meeting.conclude',
      'meeting.create',
      'meeting.end',
      'meeting.started',
    ]);
  });

  it('does not conclude a meeting that runs again before its scheduled end', async () => {
    await enable(await configure());
    const id = await schedule('Rejoined', 60);
    await startNow(id);
    await simCall('POST', `/meetings/${id}/end`);
    await simCall('POST', `/meetings/${id}/participants`, { userId: 'alice' });
    await simCall('POST', '/clock/advance', { ms: 61 * 60_000 });
    await settle();
    expect(events()).not.toContain('meeting.conclude');
    await simCall('POST', `/meetings/${id}/end`);
    await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.conclude');
  });
});

describe('retries', () => {
  it('keep the first attempt’s timestamp, with a fresh nonce and signature', async () => {
    await enable(await configure());
    receiver.behaviour = (_, index) => {
      if (index > 0) return { status: 200 };
      // Ten minutes pass before the retry goes out.
      sim.clock.advance(10 * 60_000);
      return { status: 503 };
    };
    await schedule();
    const [first, retry] = (await receiver.waitFor(2)) as [ReceivedDelivery, ReceivedDelivery];
    const a = webhookBodySchema.parse(first.json);
    const b = webhookBodySchema.parse(retry.json);
    expect(b.timestamp).toBe(a.timestamp);
    expect(b.nonce).not.toBe(a.nonce);
    expect(b.eventInfo).toEqual(a.eventInfo);
    expect(b.signature).toBe(
      webhookSignature(
        {
          appID: b.appID,
          timestamp: b.timestamp,
          nonce: b.nonce,
          eventInfoJson: JSON.stringify(retry.json.eventInfo),
        },
        SUBSCRIBER.subscriberKey,
      ),
    );
  });
});
