// MeetingSubscriber against the simulator's push side: subscribe, every pushed type, drops, heartbeats, meeting end.
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import { createMeeting } from '@hwmeeting/client/wire';
import {
  MeetingSubscriber,
  type MeetingSubscriberEvents,
  type MeetingSubscriberOptions,
  SUBSCRIBE_TYPES,
} from '@hwmeeting/events';
import { afterEach, describe, expect, it } from 'vitest';
import { clientOptionsFor, simControl, useSimulator } from './support.js';

// Short enough to test in seconds, long enough that a loaded CI machine's pauses do not end sockets.
const HEARTBEAT_TIMEOUT_MS = 1000;
const sim = useSimulator({ seed: 'demo', answerDelayMs: 20, heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS });

let clients: MeetingClient[] = [];
let subscribers: MeetingSubscriber[] = [];
afterEach(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  await Promise.all(clients.map((c) => c.dispose()));
  subscribers = [];
  clients = [];
});

const EVENT_NAMES = [
  'connected',
  'subscribed',
  'message',
  'unknown',
  'invalid',
  'disconnected',
  'reconnecting',
  'ended',
  'error',
  'stopped',
] as const;

/** Records a subscriber's events and waits for the n-th of a kind. */
class EventLog {
  readonly events: [string, ...unknown[]][] = [];
  private waiters: (() => void)[] = [];

  constructor(subscriber: MeetingSubscriber) {
    for (const name of EVENT_NAMES) {
      subscriber.on(name, (...args: unknown[]) => {
        this.events.push([name, ...args]);
        const waiters = this.waiters;
        this.waiters = [];
        for (const wake of waiters) wake();
      });
    }
  }

  all<K extends keyof MeetingSubscriberEvents>(name: K): MeetingSubscriberEvents[K][] {
    return this.events.filter((e) => e[0] === name).map((e) => e.slice(1) as MeetingSubscriberEvents[K]);
  }

  /** Actions of the messages received so far. */
  actions(): Set<string> {
    return new Set(this.all('message').map(([message]) => message.action));
  }

  /** Resolves once `predicate` holds (checked at every event and every 25 ms), or fails after `timeoutMs`. */
  async until(predicate: () => boolean, what: string | (() => string), timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 25));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The arguments of the n-th `name` event. */
  async nth<K extends keyof MeetingSubscriberEvents>(name: K, n = 1): Promise<MeetingSubscriberEvents[K]> {
    await this.until(() => this.all(name).length >= n, `'${name}' #${n}`);
    return this.all(name)[n - 1] as MeetingSubscriberEvents[K];
  }
}

/** A client acting as alice, and a meeting she runs at once with bob among the attendees. */
async function aliceMeeting(): Promise<{ client: MeetingClient; id: string }> {
  const client = createMeetingClient(clientOptionsFor(sim()));
  clients.push(client);
  const [info] = await client.core.call(
    createMeeting,
    {
      body: {
        subject: 'Push',
        mediaTypes: 'HDVideo',
        attendees: [{ name: 'Bob', accountId: 'bob', role: 0 }],
      },
    },
    { userId: 'alice' },
  );
  if (!info) throw new Error('createMeeting answered no meeting');
  await simControl(sim(), 'POST', `/meetings/${info.conferenceID}/participants`, {
    userId: 'alice',
    role: 1,
  });
  return { client, id: info.conferenceID };
}

function subscribe(client: MeetingClient, id: string, options: MeetingSubscriberOptions = {}) {
  const subscriber = new MeetingSubscriber(client, id, {
    userId: 'alice',
    heartbeatIntervalMs: 100,
    // Generous: a pause of a loaded machine must not pass for a dead socket (tests that want one set it).
    deadAfterMs: 3000,
    backoffInitialMs: 20,
    backoffMaxMs: 200,
    ...options,
  });
  subscribers.push(subscriber);
  const log = new EventLog(subscriber);
  subscriber.start();
  return { subscriber, log };
}

describe('MeetingSubscriber against the simulator', () => {
  it('subscribes and receives every type the simulator pushes', async () => {
    const { client, id } = await aliceMeeting();
    const { subscriber, log } = subscribe(client, id, { subscribeTypes: [...SUBSCRIBE_TYPES] });
    await log.nth('subscribed');
    const fullTypes = SUBSCRIBE_TYPES.filter(
      (t) => t !== 'InviteResultNotify' && t !== 'RealTimeSubtitleNotify',
    );
    await log.until(() => fullTypes.every((t) => log.actions().has(t)), 'a full frame of every state type');
    for (const [message] of log.all('message')) expect(message.confID).toBe(id);

    // Event-like types: an invite answers with InviteResultNotify; captions after the ConfControl frame.
    await client.control.invite(id, [{ name: 'Carol', phone: '+8613800000003', type: 'mobile' }], {
      userId: 'alice',
    });
    const { participants } = await simControl<{ participants: { pid: string }[] }>(
      sim(),
      'GET',
      `/meetings/${id}/participants`,
    );
    const speaker = participants[0]?.pid ?? '';
    expect(subscriber.setRealTimeSubtitle(true)).toBe(true);
    await log.until(
      () =>
        log.all('message').some(([m]) => m.action === 'ConfDynamicInfoNotify' && m.realTimeSubtitle === 1),
      'captions switched on',
    );
    await simControl(sim(), 'POST', `/meetings/${id}/push/speak`, { pid: speaker, text: 'hello push' });
    await log.until(
      () => SUBSCRIBE_TYPES.every((t) => log.actions().has(t)),
      () => `every type (missing: ${SUBSCRIBE_TYPES.filter((t) => !log.actions().has(t)).join(', ')})`,
    );
    const caption = log.all('message').find(([m]) => m.action === 'RealTimeSubtitleNotify')?.[0];
    expect(JSON.stringify(caption)).toContain('hello push');
    const stats = subscriber.stats();
    expect(stats.invalid).toBe(0);
    expect(stats.connects).toBe(1);
  });

  it('reconnects with fresh tokens after the simulator drops the socket, and counts malformed frames', async () => {
    const { client, id } = await aliceMeeting();
    const { subscriber, log } = subscribe(client, id);
    await log.nth('subscribed');
    await simControl(sim(), 'POST', `/meetings/${id}/push/malformed`, { kind: 'not-json' });
    await simControl(sim(), 'POST', `/meetings/${id}/push/malformed`, { kind: 'schema' });
    await log.nth('invalid', 2);
    expect(subscriber.stats().invalid).toBe(2);
    expect(subscriber.state).toBe('subscribed');

    const dropped = await simControl<{ dropped: number }>(sim(), 'POST', `/meetings/${id}/push/drop`);
    expect(dropped.dropped).toBe(1);
    const [code] = await log.nth('disconnected');
    expect(code).toBe(1006);
    await log.nth('subscribed', 2);
    // The second socket gets full frames again: a fresh snapshot.
    await log.until(
      () =>
        log.all('message').filter(([m]) => m.action === 'ParticipantsNotify' && m.msgMode === 0).length >= 2,
      'a second full ParticipantsNotify',
    );
    expect(subscriber.stats()).toMatchObject({ connects: 2, subscribes: 2, reconnects: 1 });
    // Each connect used a new single-use WebSocket token: none is left over in the simulator.
    const { connections } = await simControl<{ connections: unknown[] }>(
      sim(),
      'GET',
      `/push/connections?conferenceID=${id}`,
    );
    expect(connections).toHaveLength(1);
  });

  it('keeps the socket alive with heartbeats well past the server timeout', async () => {
    const { client, id } = await aliceMeeting();
    const { subscriber, log } = subscribe(client, id, { heartbeatIntervalMs: 100, deadAfterMs: 3000 });
    await log.nth('subscribed');
    const started = Date.now();
    // Echoes keep arriving for five server timeouts.
    await log.until(
      () => (subscriber.stats().framesByType.HeartBeat ?? 0) >= (5 * HEARTBEAT_TIMEOUT_MS) / 100,
      () => `heartbeat echoes over five server timeouts: ${JSON.stringify(subscriber.stats())}`,
      10_000,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(5 * HEARTBEAT_TIMEOUT_MS - 100);
    expect(log.all('disconnected')).toEqual([]);
    expect(subscriber.stats().connects).toBe(1);
  });

  it('is closed by the server (4000) when heartbeats are too rare, and reconnects', async () => {
    const { client, id } = await aliceMeeting();
    const { log } = subscribe(client, id, { heartbeatIntervalMs: 5_000, deadAfterMs: 10_000 });
    await log.nth('subscribed');
    const [code] = await log.nth('disconnected');
    expect(code).toBe(4000);
    await log.nth('subscribed', 2);
  });

  it('detects a silent server as dead and reconnects', async () => {
    const { client, id } = await aliceMeeting();
    const { log } = subscribe(client, id, { heartbeatIntervalMs: 50, deadAfterMs: 150 });
    await log.nth('subscribed');
    await simControl(sim(), 'PUT', `/meetings/${id}/push/heartbeats`, { answer: false, silent: true });
    const [, reason] = await log.nth('disconnected');
    expect(reason).toMatch(/no frame within 150 ms/);
    await simControl(sim(), 'PUT', `/meetings/${id}/push/heartbeats`, { answer: true, silent: false });
    await log.nth('subscribed', 2);
  });

  it('stops reconnecting when the meeting ends', async () => {
    const { client, id } = await aliceMeeting();
    const { subscriber, log } = subscribe(client, id);
    await log.nth('subscribed');
    await client.control.end(id, { userId: 'alice' });
    const [reason] = await log.nth('ended');
    expect(['destroyed', 'server-closed']).toContain(reason);
    expect(await log.nth('stopped')).toEqual(['ended']);
    expect(log.all('reconnecting')).toEqual([]);
    expect(subscriber.state).toBe('stopped');
    const { connections } = await simControl<{ connections: unknown[] }>(
      sim(),
      'GET',
      `/push/connections?conferenceID=${id}`,
    );
    expect(connections).toHaveLength(0);
  });

  it('ends without a socket when the meeting is not running', async () => {
    const { client, id } = await aliceMeeting();
    await client.control.end(id, { userId: 'alice' });
    const { log } = subscribe(client, id);
    expect(await log.nth('ended')).toEqual(['meeting-gone']);
    expect(log.all('connected')).toEqual([]);
  });
});
