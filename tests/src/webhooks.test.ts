// End to end: the client configures the simulator's enterprise webhook to point at a real HTTP server that
// uses @hwmeeting/events' receiver; meetings driven through the client arrive there as verified, typed events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConferenceInfo, createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import {
  createWebhookReceiver,
  type WebhookEvent,
  type WebhookReceiver,
  webhookSignature,
} from '@hwmeeting/events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientOptionsFor, failure, simControl, useSimulator } from './support.js';

const SUBSCRIBER = { subscriberId: 'enterprise-push', subscriberKey: 'push-key-9f2c' };
const HOUR_MS = 3_600_000;

const sim = useSimulator({ seed: 'demo', webhookDelayScale: 0.001 });
let client: MeetingClient;
let server: Server;
let url: string;
let receiver: WebhookReceiver;
const events: WebhookEvent[] = [];
/**
 * The clock the client (its signatures), the receiver and the simulator share, as NTP-synchronised machines do;
 * a test moves it forward past a meeting's scheduled end.
 */
const simulatedNow = () => sim().store.clock.now();
/** Answers the next deliveries with 500 before the receiver sees them (a receiver that is briefly down). */
let failNext = 0;
/** Called with each delivery answered 500 by `failNext` (a test moves the shared clock there). */
let onFailed: (() => void) | undefined;

beforeAll(async () => {
  receiver = createWebhookReceiver({
    subscribers: [{ appID: SUBSCRIBER.subscriberId, appKey: SUBSCRIBER.subscriberKey }],
    now: simulatedNow,
    onEvent: (event) => {
      events.push(event);
    },
  });
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failNext > 0) {
        failNext--;
        onFailed?.();
        res.writeHead(500).end();
        return;
      }
      const answer = receiver.handle({ rawBody: Buffer.concat(chunks), headers: req.headers });
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openapi/meetingevent`;
  client = createMeetingClient(clientOptionsFor(sim(), { now: simulatedNow }));
});
afterAll(async () => {
  await client.dispose();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});
beforeEach(() => {
  events.length = 0;
});

/** Resolves once `count` events match (bounded wait). */
async function eventsMatching(
  count: number,
  match: (event: WebhookEvent) => boolean,
): Promise<WebhookEvent[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = events.filter(match);
    if (found.length >= count) return found;
    if (Date.now() > deadline) {
      throw new Error(`waited for ${count} events, got ${JSON.stringify(events.map((e) => e.event))}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Polls the simulator's delivery log until `ready` holds (bounded). */
async function logUntil(
  ready: (log: Array<{ outcome: string; duplicateOf?: number }>) => boolean,
): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const { deliveries } = await simControl<{ deliveries: Array<{ outcome: string; duplicateOf?: number }> }>(
      sim(),
      'GET',
      '/webhooks/deliveries',
    );
    if (ready(deliveries)) return;
    if (Date.now() > deadline) throw new Error(`delivery log not ready: ${JSON.stringify(deliveries)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const inHours = (hours: number) =>
  new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + hours * HOUR_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');

function chairPassword(meeting: ConferenceInfo): string {
  const entry = meeting.passwordEntry?.find((p) => p.conferenceRole === 'chair');
  if (!entry?.password) throw new Error('the scheduler sees the chair password');
  return entry.password;
}

describe('enterprise webhooks end to end', () => {
  it('configures the push disabled; enabling it runs the verify handshake the receiver answers', async () => {
    const corpId = sim().store.corp.id;
    // corpId is mandatory (published-behaviour.md §6): without it the server refuses the configuration.
    const unnamed = await failure(client.webhooks.set({ ...SUBSCRIBER, url }));
    expect(unnamed).toMatchObject({ httpStatus: 400, code: 'MMC.111070001' });
    expect(unnamed.message).toContain('body.corpId');

    // Configuring is not enabling: the configuration starts disabled (1) and nothing is sent.
    await client.webhooks.set({ corpId, ...SUBSCRIBER, url });
    const configured = await client.webhooks.show({ corpId });
    expect(configured).toMatchObject({ subscriberId: SUBSCRIBER.subscriberId, url, status: 1 });
    expect(JSON.stringify(configured)).not.toContain(SUBSCRIBER.subscriberKey);
    expect(receiver.stats().received).toBe(0);

    await client.webhooks.setStatus(configured.id, 0);
    const [verify] = await eventsMatching(1, (e) => e.event === 'meeting.verify');
    expect(verify?.appID).toBe(SUBSCRIBER.subscriberId);
    expect((await client.webhooks.show({ corpId })).status).toBe(0);
  });

  it('turns a meeting run through the client into typed events, each exactly once despite duplicates', async () => {
    await simControl(sim(), 'DELETE', '/webhooks/deliveries');
    await simControl(sim(), 'POST', '/webhooks/faults', { kind: 'duplicate', count: 50 });
    const meeting = await client.meetings.create({
      subject: 'Webhook review',
      mediaTypes: 'HDVideo',
      startTime: inHours(2),
      length: 30,
    });
    const id = meeting.conferenceID;
    await client.meetings.start(id, chairPassword(meeting));
    const joined = await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${id}/participants`, {
      userId: 'bob',
    });
    await simControl(sim(), 'DELETE', `/meetings/${id}/participants/${joined.pid}`);
    await client.control.end(id);
    // meeting.end says the run ended; people may join again until its scheduled end (the meeting started early
    // runs its 30 minutes from then), and meeting.conclude comes once that has passed (published-behaviour.md §6).
    await eventsMatching(1, (e) => e.event === 'meeting.end' && e.meeting.meetingID === id);
    expect(events.some((e) => e.event === 'meeting.conclude' && e.meeting.meetingID === id)).toBe(false);
    await simControl(sim(), 'POST', '/clock/advance', { ms: 31 * 60_000 });

    const expected = [
      'meeting.create',
      'meeting.started',
      'meeting.join',
      'meeting.left',
      'meeting.end',
      'meeting.conclude',
    ];
    const mine = (e: WebhookEvent) =>
      e.event !== 'raw' && e.event !== 'meeting.verify' && e.meeting.meetingID === id;
    await eventsMatching(expected.length, mine);
    // Every original and its copy delivered: 12 deliveries, half of them dropped by the receiver.
    await logUntil((log) => log.filter((d) => d.outcome === 'delivered').length >= 2 * expected.length);
    await simControl(sim(), 'DELETE', '/webhooks/faults');
    expect(receiver.stats().duplicates).toBeGreaterThanOrEqual(expected.length);
    const got = events.filter(mine);
    expect(got.map((e) => e.event).sort()).toEqual([...expected].sort());

    const join = got.find((e) => e.event === 'meeting.join');
    if (join?.event !== 'meeting.join') throw new Error('a join event');
    expect(join.attendee).toMatchObject({ participantID: joined.pid, displayName: 'Bob Wang', leftTime: 0 });
    const left = got.find((e) => e.event === 'meeting.left');
    if (left?.event !== 'meeting.left') throw new Error('a left event');
    expect(left.attendee.participantID).toBe(joined.pid);
    expect(left.attendee.leftTime).toBeGreaterThan(0);
    const started = got.find((e) => e.event === 'meeting.started');
    if (started?.event !== 'meeting.started') throw new Error('a started event');
    expect(started.meeting.meetingUUID).toMatch(/^[0-9a-f]{32}$/);
  });

  it('takes a delivery retried after the receiver was down, once', async () => {
    failNext = 2;
    const meeting = await client.meetings.create({
      subject: 'Retried',
      mediaTypes: 'Voice',
      startTime: inHours(3),
      length: 30,
    });
    const [created] = await eventsMatching(
      1,
      (e) => e.event === 'meeting.create' && e.meeting.meetingID === meeting.conferenceID,
    );
    expect(failNext).toBe(0);
    expect(created?.timestamp).toBeLessThanOrEqual(simulatedNow());
    await client.meetings.cancel({ conferenceID: meeting.conferenceID });
    await eventsMatching(
      1,
      (e) => e.event === 'meeting.cancel' && e.meeting.meetingID === meeting.conferenceID,
    );
    expect(events.filter((e) => e.event === 'meeting.create')).toHaveLength(1);
  });

  it('takes a retry that comes hours after the first attempt, with its first timestamp, once', async () => {
    // The retry keeps the first attempt's timestamp (published-behaviour.md §6): three hours later it is three
    // hours old, and the receiver takes it because its nonce is new.
    const HOURS = 3;
    failNext = 1;
    onFailed = () => sim().store.clock.advance(HOURS * HOUR_MS);
    try {
      const meeting = await client.meetings.create({
        subject: 'Retried hours later',
        mediaTypes: 'Voice',
        startTime: inHours(HOURS + 2),
        length: 30,
      });
      const mine = (e: WebhookEvent) =>
        e.event === 'meeting.create' && e.meeting.meetingID === meeting.conferenceID;
      const [created] = await eventsMatching(1, mine);
      expect(failNext).toBe(0);
      expect(simulatedNow() - (created?.sentAt ?? Number.NaN)).toBeGreaterThanOrEqual(HOURS * HOUR_MS);
      await logUntil((log) => log.some((d) => d.outcome === 'delivered'));
      await new Promise((r) => setTimeout(r, 50));
      expect(events.filter(mine)).toHaveLength(1);
      expect(receiver.stats().refused.stale).toBe(0);
    } finally {
      onFailed = undefined;
    }
  });

  it('refuses a forged delivery and counts it', async () => {
    const before = receiver.stats().refused['bad-signature'];
    const eventInfoJson = JSON.stringify({
      event: 'meeting.cancel',
      timestamp: Date.now(),
      payload: { meetingInfo: { meetingID: '900000001' } },
    });
    const parts = { appID: SUBSCRIBER.subscriberId, timestamp: Date.now(), nonce: '12345678', eventInfoJson };
    const forged = `{"appID":"${parts.appID}","timestamp":${parts.timestamp},"nonce":"${parts.nonce}","signature":"${webhookSignature(parts, 'guessed-key')}","eventInfo":${eventInfoJson}}`;
    const answer = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: forged,
    });
    expect(answer.status).toBe(401);
    expect(receiver.stats().refused['bad-signature']).toBe(before + 1);
    await new Promise((r) => setImmediate(r));
    expect(events).toHaveLength(0);
  });

  it('disables, re-enables and deletes the configuration; members may not touch it', async () => {
    const { id } = await client.webhooks.show();
    const refused = await failure(client.webhooks.show({}, { userId: 'alice' }));
    expect(refused.httpStatus).toBe(403);
    await client.webhooks.setStatus(id, 1);
    expect((await client.webhooks.show()).status).toBe(1);
    await client.webhooks.setStatus(id, 0);
    await eventsMatching(1, (e) => e.event === 'meeting.verify');
    await client.webhooks.delete(id);
    const gone = await failure(client.webhooks.show());
    expect(gone.httpStatus).toBe(400);
    expect(gone.code).toBe('MMC.111070001');
  });
});
