import { rawJsonValue, webhookBodySchema, webhookSignature } from '@hwmeeting/events/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../server.js';
import { formatMeetingTime } from '../state/meetingTime.js';
import { type Loose, loginAs, rawCall } from '../testing/rawHttp.js';
import { type ReceivedDelivery, TestReceiver } from '../testing/webhookReceiver.js';
import {
  enableWebhook,
  WEBHOOK_LINK_PATH as LINK,
  WEBHOOK_STATUS_PATH as STATUS,
} from '../testing/webhooks.js';
import type { DeliveryRecord } from './delivery.js';

const CONFERENCES = '/v1/mmc/management/conferences';
const SUBSCRIBER = { subscriberId: 'sub-42', subscriberKey: 'secret-key-42' };

let sim: Simulator;
let receiver: TestReceiver;
let admin: string;

/**
 * A simulator and a receiver per test, the receiver configured as the enterprise's webhook and enabled (which
 * verifies it: configuring is not enabling, published-behaviour.md §6).
 */
async function setup(options: SimulatorOptions = {}, path = '/hooks/meeting?tenant=a'): Promise<void> {
  sim = await startSimulator({ seed: 'demo', webhookDelayScale: 0.001, ...options });
  receiver = await TestReceiver.start();
  admin = await loginAs(sim);
  await enableWebhook(sim, admin, `${receiver.url}${path}`, SUBSCRIBER);
  receiver.reset();
  expect((await rawCall(sim, 'DELETE', '/__sim/webhooks/deliveries')).status).toBe(200);
}

beforeEach(async () => {
  await setup();
});
afterEach(async () => {
  await sim.close();
  await receiver.close();
});

/** Events received so far, by name, in arrival order. */
const names = (deliveries: ReceivedDelivery[]) => deliveries.map((d) => d.json.eventInfo.event as string);

/** Checks a delivery's headers and signature over its raw eventInfo; answers its eventInfo. */
function checkSigned(delivery: ReceivedDelivery): Loose {
  expect(delivery.method).toBe('POST');
  expect(delivery.headers['content-type']).toBe('application/json;charset=UTF-8');
  expect(delivery.headers['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
  expect(delivery.headers.pragma).toBe('no-cache');
  expect(delivery.headers['cache-control']).toBe('no-cache');
  const body = webhookBodySchema.parse(delivery.json);
  expect(body.appID).toBe(SUBSCRIBER.subscriberId);
  expect(body.nonce).toMatch(/^\d{8}$/);
  const eventInfoJson = rawJsonValue(delivery.body, 'eventInfo') ?? '';
  expect(eventInfoJson).toBe(JSON.stringify(delivery.json.eventInfo));
  const expected = webhookSignature(
    { appID: body.appID, timestamp: body.timestamp, nonce: body.nonce, eventInfoJson },
    SUBSCRIBER.subscriberKey,
  );
  expect(body.signature).toBe(expected);
  return delivery.json.eventInfo;
}

async function deliveries(): Promise<DeliveryRecord[]> {
  const answer = await rawCall(sim, 'GET', '/__sim/webhooks/deliveries');
  expect(answer.status).toBe(200);
  return answer.json.deliveries;
}

/** Polls the delivery log until `ready` holds (bounded). */
async function logUntil(
  ready: (log: DeliveryRecord[]) => boolean,
  timeoutMs = 5000,
): Promise<DeliveryRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const log = await deliveries();
    if (ready(log)) return log;
    if (Date.now() > deadline)
      throw new Error(
        `delivery log not ready: ${JSON.stringify(log.map((d) => [d.event, d.outcome, d.attempts.length]))}`,
      );
    await new Promise((r) => setTimeout(r, 10));
  }
}

const inHours = (hours: number) =>
  formatMeetingTime(Math.ceil(sim.clock.now() / 3_600_000) * 3_600_000 + hours * 3_600_000);

async function schedule(subject = 'Planning'): Promise<string> {
  const answer = await rawCall(sim, 'POST', CONFERENCES, {
    token: admin,
    body: { subject, mediaTypes: 'HDVideo', startTime: inHours(3), length: 60 },
  });
  expect(answer.status).toBe(200);
  return answer.json[0].conferenceID;
}

async function start(conferenceID: string): Promise<void> {
  const password = sim.store.meetings.get(conferenceID)?.chairPassword ?? '';
  const answer = await rawCall(sim, 'POST', `${CONFERENCES}/start`, {
    token: admin,
    body: { conferenceID, password },
  });
  expect(answer.status).toBe(200);
}

async function sim_(method: string, path: string, body?: unknown): Promise<Loose> {
  const answer = await rawCall(sim, method, `/__sim${path}`, body === undefined ? {} : { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

describe('events fired by the state', () => {
  it('sends create, modify, started, join, left, end, conclude and cancel, each signed, to the URL as configured', async () => {
    const id = await schedule();
    const edited = await rawCall(sim, 'PUT', `${CONFERENCES}?conferenceID=${id}`, {
      token: admin,
      body: { subject: 'Planning (moved)', mediaTypes: 'HDVideo', startTime: inHours(4), length: 30 },
    });
    expect(edited.status).toBe(200);
    await start(id);
    const joined = await sim_('POST', `/meetings/${id}/participants`, { userId: 'alice', role: 1 });
    // Live-state changes are no meeting.modify and no event at all.
    await sim_('POST', `/meetings/${id}/participants/${joined.pid}/hand`, { up: true });
    await sim_('DELETE', `/meetings/${id}/participants/${joined.pid}`);
    await sim_('POST', `/meetings/${id}/end`);
    // Ended before its scheduled end, it can be joined again: it concludes once that end passes
    // (published-behaviour.md §6).
    await sim_('POST', '/clock/advance', { ms: 31 * 60_000 });
    const expected = [
      'meeting.create',
      'meeting.modify',
      'meeting.started',
      'meeting.join',
      'meeting.left',
      'meeting.end',
      'meeting.conclude',
    ];
    const got = await receiver.waitFor(expected.length);
    expect(new Set(names(got))).toEqual(new Set(expected));
    const record = sim.store.meetings.get(id);
    for (const delivery of got) {
      expect(delivery.path).toBe('/hooks/meeting?tenant=a');
      const eventInfo = checkSigned(delivery);
      expect(eventInfo.payload.meetingInfo.meetingID).toBe(id);
      expect(eventInfo.payload.meetingInfo.meetingUUID).toBe(record?.confUUID);
    }
    const join = got.find((d) => d.json.eventInfo.event === 'meeting.join')?.json.eventInfo.payload
      .attendeeInfo;
    const alice = sim.store.userByThirdAccount('alice');
    expect(join).toEqual({
      userUUID: alice?.id,
      userAgent: 'WeLink-desktop',
      account: 'alice@demo',
      participantID: joined.pid,
      displayName: 'Alice Li',
      joinTime: joined.joinedAtMs,
      leftTime: 0,
      role: 'CHAIR',
      callNumber: alice?.sipNum,
    });
    const left = got.find((d) => d.json.eventInfo.event === 'meeting.left')?.json.eventInfo.payload
      .attendeeInfo;
    expect(left.participantID).toBe(joined.pid);
    expect(left.leftTime).toBeGreaterThanOrEqual(joined.joinedAtMs);

    // Cancelling: the meeting is gone from the store, its event still names it.
    const other = await schedule('To cancel');
    const cancelled = await rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${other}`, { token: admin });
    expect(cancelled.status).toBe(200);
    const [cancel] = await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'meeting.cancel');
    expect(checkSigned(cancel as ReceivedDelivery).payload.meetingInfo.meetingID).toBe(other);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received.filter((d) => d.json.eventInfo.event === 'meeting.modify')).toHaveLength(1);
  });

  it('ends a recurring meeting without concluding it, naming the sub-meeting', async () => {
    const series = [...sim.store.meetings.values()].find((m) => m.conferenceType === 2);
    if (!series) throw new Error('the demo seed has a series');
    await start(series.conferenceID);
    await sim_('POST', `/meetings/${series.conferenceID}/end`);
    const got = await receiver.waitFor(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(names(receiver.received)).toEqual(['meeting.started', 'meeting.end']);
    for (const delivery of got) {
      expect(checkSigned(delivery).payload.meetingInfo.meetingCycleSubID).toBe(
        series.subConfs[0]?.cycleSubConfID,
      );
    }
  });

  it('sends record.finish when a meeting that recorded ends, and left for whoever was still in', async () => {
    const id = await schedule();
    await start(id);
    const bob = await sim_('POST', `/meetings/${id}/participants`, { userId: 'bob' });
    // Past its scheduled end, the meeting concludes together with its end (published-behaviour.md §6).
    await sim_('POST', '/clock/advance', { ms: 61 * 60_000 });
    await sim_('POST', `/meetings/${id}/end`, { hasRecordFile: true });
    const got = await receiver.waitFor(7);
    expect(new Set(names(got))).toEqual(
      new Set([
        'meeting.create',
        'meeting.started',
        'meeting.join',
        'meeting.left',
        'meeting.end',
        'meeting.conclude',
        'record.finish',
      ]),
    );
    const left = got.find((d) => d.json.eventInfo.event === 'meeting.left');
    expect(left?.json.eventInfo.payload.attendeeInfo.participantID).toBe(bob.pid);
    expect(left?.json.eventInfo.payload.attendeeInfo.role).toBe('GENERAL');
  });

  it('sends record.finish after a run recorded through meeting control, and no modify for live changes', async () => {
    const id = await schedule();
    await start(id);
    const password = sim.store.meetings.get(id)?.chairPassword ?? '';
    const base = '/v1/mmc/control/conferences';
    const token = await rawCall(sim, 'GET', `${base}/token?conferenceID=${id}`, {
      headers: { 'X-Password': password, 'X-Login-Type': '1' },
    });
    expect(token.status).toBe(200);
    const headers = { 'X-Conference-Authorization': token.json.data.token as string };
    for (const isRecord of [1, 0]) {
      const answer = await rawCall(sim, 'PUT', `${base}/record?conferenceID=${id}`, {
        headers,
        body: { isRecord },
      });
      expect(answer.status).toBe(200);
    }
    const locked = await rawCall(sim, 'PUT', `${base}/lock?conferenceID=${id}`, {
      headers,
      body: { isLock: 1 },
    });
    expect(locked.status).toBe(200);
    await sim_('POST', `/meetings/${id}/end`);
    const got = await receiver.waitFor(1, (d) => d.json.eventInfo.event === 'record.finish');
    expect(checkSigned(got[0] as ReceivedDelivery).payload.meetingInfo.meetingID).toBe(id);
    expect(names(receiver.received)).not.toContain('meeting.modify');
  });

  it('sends nothing while the configuration is disabled, and drops retries pending then', async () => {
    const { id } = (await rawCall(sim, 'GET', LINK, { token: admin })).json;
    receiver.behaviour = () => ({ status: 500 });
    await schedule();
    await receiver.waitFor(1);
    expect((await rawCall(sim, 'PUT', `${STATUS}?id=${id}&status=1`, { token: admin })).status).toBe(200);
    const log = await logUntil((l) => l.some((d) => d.event === 'meeting.create' && d.outcome === 'dropped'));
    expect(log.find((d) => d.event === 'meeting.create')?.attempts).toHaveLength(1);
    await schedule();
    await new Promise((r) => setTimeout(r, 100));
    expect(names(receiver.received)).toEqual(['meeting.create']);
  });
});

describe('retries', () => {
  it('retries a failed delivery after the scaled 30 s and stops once it is taken', async () => {
    receiver.behaviour = (_, index) => (index < 2 ? { status: 503 } : { status: 200 });
    await schedule();
    const got = await receiver.waitFor(3);
    const [first, second, third] = got.map((d) => d.json);
    // Same event and message time, a fresh nonce and signature each time (published-behaviour.md §6).
    expect(second.eventInfo).toEqual(first.eventInfo);
    expect(third.eventInfo).toEqual(first.eventInfo);
    expect([second.timestamp, third.timestamp]).toEqual([first.timestamp, first.timestamp]);
    expect(new Set([first.nonce, second.nonce, third.nonce]).size).toBe(3);
    for (const delivery of got) checkSigned(delivery);
    const log = await logUntil((l) => l[0]?.outcome === 'delivered');
    expect(log).toHaveLength(1);
    expect(log[0]?.attempts.map((a) => a.status)).toEqual([503, 503, 200]);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(3);
  });

  it('counts a delivery unanswered within the timeout as failed', async () => {
    await sim.close();
    await receiver.close();
    await setup({ webhookTimeoutMs: 200 });
    receiver.behaviour = (_, index) => (index === 0 ? 'hang' : { status: 204 });
    await schedule();
    const log = await logUntil((l) => l[0]?.outcome === 'delivered');
    expect(log[0]?.attempts[0]?.error).toContain('no answer within 200 ms');
    expect(log[0]?.attempts[1]?.status).toBe(204);
  });

  it('gives up after 24 h of (scaled) retries: three 30 s apart, then every 30 min', async () => {
    await sim.close();
    await receiver.close();
    await setup({ webhookDelayScale: 0.00001 });
    receiver.behaviour = () => ({ status: 502 });
    await schedule();
    const log = await logUntil((l) => l[0]?.outcome === 'gave-up', 15_000);
    // 1 + 3 + floor((24 h - 90 s) / 30 min) attempts.
    expect(log[0]?.attempts).toHaveLength(51);
    expect(receiver.received).toHaveLength(51);
  });

  it('waits the scaled delays between attempts', async () => {
    await sim.close();
    await receiver.close();
    await setup({ webhookDelayScale: 0.005 });
    const arrivals: number[] = [];
    receiver.behaviour = () => {
      arrivals.push(Date.now());
      return { status: 500 };
    };
    await schedule();
    // Three retries at 30 s * 0.005 = 150 ms, then the next at 30 min * 0.005 = 9 s (not reached here).
    await receiver.waitFor(4);
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] ?? 0));
    for (const gap of gaps.slice(0, 3)) expect(gap).toBeGreaterThanOrEqual(140);
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(4);
  });
});

describe('fault injection', () => {
  it('duplicates the next deliveries with a fresh envelope around the same event', async () => {
    const answer = await sim_('POST', '/webhooks/faults', { kind: 'duplicate', count: 1 });
    expect(answer.pending.duplicate).toBe(1);
    await schedule();
    await schedule();
    const got = await receiver.waitFor(3);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.received).toHaveLength(3);
    const [a, b] = got.map((d) => d.json);
    expect(b.eventInfo).toEqual(a.eventInfo);
    expect(b.nonce).not.toBe(a.nonce);
    for (const delivery of got) checkSigned(delivery);
    // The copy is logged as such, once it went out after its original.
    const log = await deliveries();
    expect(log.map((d) => d.duplicateOf).filter((id) => id !== undefined)).toEqual([log[0]?.id]);
    expect(log.find((d) => d.duplicateOf !== undefined)?.eventInfo).toEqual(log[0]?.eventInfo);
  });

  it('delays the next deliveries, so later events overtake them', async () => {
    await sim_('POST', '/webhooks/faults', { kind: 'delay', count: 1, delayMs: 200 });
    const started = Date.now();
    const first = await schedule('first');
    const second = await schedule('second');
    const got = await receiver.waitFor(2);
    expect(got.map((d) => d.json.eventInfo.payload.meetingInfo.meetingID)).toEqual([second, first]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
