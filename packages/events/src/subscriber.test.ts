import { Buffer } from 'node:buffer';
import { once } from 'node:events';
import { type AddressInfo, createServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type CachedControlToken, MeetingApiError } from '@hwmeeting/client';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { MeetingSubscriberError } from './errors.js';
import {
  DEFAULT_SUBSCRIBE_TYPES,
  MeetingSubscriber,
  type MeetingSubscriberEvents,
  type MeetingSubscriberOptions,
  type SubscriberClient,
  type SubscriberLogEntry,
} from './subscriber.js';
import { PUSH_SOCKET_PATH } from './wire.js';

const CONF = '900487914';

/** One connection the fake upstream accepted. */
interface UpstreamConnection {
  socket: WebSocket;
  path: string;
  confID: string | null;
  tmpToken: string | null;
  /** Every frame the client sent, parsed. */
  received: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
}

/** How the fake upstream behaves; tests change it between connections. */
interface UpstreamScript {
  /** Close code to close a new connection with at once, before any Subscribe. */
  refuseWith?: number | undefined;
  /** `returnCode` of the Subscribe answer. */
  returnCode: number;
  /** Frames (raw text) sent after a successful Subscribe answer. */
  afterSubscribe: string[];
  echoHeartBeats: boolean;
}

/** A `ws` server on loopback speaking the push protocol, scripted per test. */
class FakeUpstream {
  readonly connections: UpstreamConnection[] = [];
  script: UpstreamScript = { returnCode: 0, afterSubscribe: [], echoHeartBeats: true };
  private waiters: (() => void)[] = [];

  private constructor(readonly server: WebSocketServer) {
    server.on('connection', (socket, request) => this.accept(socket, request.url ?? ''));
  }

  static async start(): Promise<FakeUpstream> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    return new FakeUpstream(server);
  }

  get url(): string {
    return `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves when `predicate` holds (checked on every server event), or fails after `timeoutMs`. */
  async until(predicate: () => boolean, what: string, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Frames of one action the client sent on connection `index`. */
  sent(index: number, action: string): Record<string, unknown>[] {
    return this.connections[index]?.received.filter((frame) => frame.action === action) ?? [];
  }

  close(): Promise<void> {
    for (const client of this.server.clients) client.terminate();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, url: string): void {
    const parsed = new URL(url, 'ws://upstream.local');
    let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
    const connection: UpstreamConnection = {
      socket,
      path: parsed.pathname,
      confID: parsed.searchParams.get('confID'),
      tmpToken: parsed.searchParams.get('tmpToken'),
      received: [],
      closed: new Promise((resolve) => {
        resolveClosed = resolve;
      }),
    };
    this.connections.push(connection);
    socket.on('close', (code, reason) => {
      resolveClosed({ code, reason: reason.toString() });
      this.notify();
    });
    const script = this.script;
    if (script.refuseWith !== undefined) {
      socket.close(script.refuseWith, 'refused');
      this.notify();
      return;
    }
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      connection.received.push(frame);
      if (frame.action === 'Subscribe') {
        socket.send(
          JSON.stringify({
            action: 'Subscribe',
            sequence: '000000000000000001611747313677',
            data: {
              returnCode: script.returnCode,
              returnDesc: script.returnCode === 0 ? 'SUCCESS' : 'refused',
            },
          }),
        );
        if (script.returnCode !== 0) socket.close(1000, 'subscribe refused');
        else for (const text of script.afterSubscribe) socket.send(text);
      } else if (frame.action === 'HeartBeat' && script.echoHeartBeats) {
        socket.send(JSON.stringify(frame));
      }
      this.notify();
    });
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** A stub of the two client calls, counting them and handing out a new token each time. */
class StubClient implements SubscriberClient {
  controlCalls = 0;
  wsCalls = 0;
  readonly invalidated: string[] = [];
  readonly wsTokens: string[] = [];
  readonly controlTokens: string[] = [];
  /** Errors the next control-token calls fail with, in order. */
  readonly controlFailures: Error[] = [];

  constructor(private readonly wsURL: () => string) {}

  readonly control = {
    token: async (conferenceID: string): Promise<CachedControlToken> => {
      this.controlCalls++;
      const failure = this.controlFailures.shift();
      if (failure) throw failure;
      const token = `ctl-${this.controlCalls}-secret`;
      this.controlTokens.push(token);
      const now = Date.now();
      return {
        conferenceID,
        token,
        role: 1,
        keepAliveAtMs: now + 60_000,
        expiresAtMs: now + 120_000,
        answer: { data: { token, role: 1, expireTime: now + 120_000, wsURL: this.wsURL() } },
      };
    },
    webSocketToken: async (): Promise<string> => {
      this.wsCalls++;
      const token = `ws-${this.wsCalls}-secret`;
      this.wsTokens.push(token);
      return token;
    },
    tokens: {
      invalidate: (_conferenceID: string, _userId: string | undefined, token: string): void => {
        this.invalidated.push(token);
      },
    },
  };
}

const EVENT_NAMES = [
  'connected',
  'subscribed',
  'message',
  'stale',
  'fresh',
  'unknown',
  'invalid',
  'disconnected',
  'reconnecting',
  'ended',
  'error',
  'stopped',
] as const;

/** Records every event of a subscriber in order, and waits for the n-th of a kind (no race with bursts). */
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

  /** Arguments of every `name` event so far. */
  all<K extends keyof MeetingSubscriberEvents>(name: K): MeetingSubscriberEvents[K][] {
    return this.events.filter((e) => e[0] === name).map((e) => e.slice(1) as MeetingSubscriberEvents[K]);
  }

  /** Resolves with the arguments of the `n`-th `name` event since construction, or fails after `timeoutMs`. */
  async nth<K extends keyof MeetingSubscriberEvents>(
    name: K,
    n = 1,
    timeoutMs = 3_000,
  ): Promise<MeetingSubscriberEvents[K]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.all(name)[n - 1];
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for '${name}' #${n}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

const frame = (body: Record<string, unknown>): string =>
  JSON.stringify({ confID: CONF, msgID: 'a'.repeat(32), msgMode: 0, version: 1611993595058, ...body });

const participants = frame({
  action: 'ParticipantsNotify',
  data: [{ pid: 'p1', mode: 0, pinfoMap: { NAME: 'Ann', ROLE: '1' } }],
});

let upstream: FakeUpstream | undefined;
let subscribers: MeetingSubscriber[] = [];

afterEach(async () => {
  await Promise.all(subscribers.map((s) => s.stop()));
  subscribers = [];
  await upstream?.close();
  upstream = undefined;
});

/** A fake upstream, a stub client and a subscriber with small intervals; `options` override. */
async function setUp(options: MeetingSubscriberOptions = {}) {
  const server = await FakeUpstream.start();
  upstream = server;
  const client = new StubClient(() => server.url);
  const logs: SubscriberLogEntry[] = [];
  const subscriber = new MeetingSubscriber(client, CONF, {
    heartbeatIntervalMs: 1_000,
    backoffInitialMs: 20,
    backoffMaxMs: 200,
    closeTimeoutMs: 300,
    onLog: (entry) => logs.push(entry),
    ...options,
  });
  subscribers.push(subscriber);
  const log = new EventLog(subscriber);
  return { server, client, subscriber, log, events: log.events, logs };
}

describe('MeetingSubscriber handshake', () => {
  it('connects with fresh tokens, subscribes with the Basic control token and emits messages', async () => {
    const { server, client, subscriber, events, log } = await setUp({ userId: 'alice' });
    server.script.afterSubscribe = [participants];
    subscriber.start();
    await log.nth('subscribed');
    const [message] = await log.nth('message');
    expect(message.action).toBe('ParticipantsNotify');
    if (message.action !== 'ParticipantsNotify') throw new Error('unreachable');
    expect(message.data[0]?.pinfoMap?.NAME).toBe('Ann');

    const connection = server.connections[0];
    expect(connection?.path).toBe(PUSH_SOCKET_PATH);
    expect(connection?.confID).toBe(CONF);
    expect(connection?.tmpToken).toBe(client.wsTokens[0]);
    const [subscribe] = server.sent(0, 'Subscribe');
    expect(subscribe?.sequence).toMatch(/^\d{30}$/);
    expect(typeof subscribe?.data).toBe('string');
    const data = JSON.parse(String(subscribe?.data)) as Record<string, unknown>;
    expect(data.subscribeType).toEqual([...DEFAULT_SUBSCRIBE_TYPES]);
    expect(data.subscribeType).not.toContain('NetConditionNotify');
    expect(data.confToken).toBe(`Basic ${Buffer.from(String(client.controlTokens[0])).toString('base64')}`);
    expect(data.conferenceID).toBe(CONF);

    expect(events.slice(0, 2).map((e) => e[0])).toEqual(['connected', 'subscribed']);
    expect(subscriber.state).toBe('subscribed');
    const stats = subscriber.stats();
    expect(stats.framesByType).toEqual({ Subscribe: 1, ParticipantsNotify: 1 });
    expect(stats).toMatchObject({ connects: 1, subscribes: 1, reconnects: 0, invalid: 0 });
  });

  it('subscribes to the types it is given', async () => {
    const { server, subscriber, log } = await setUp({
      subscribeTypes: ['ParticipantsNotify', 'CustomMultiPicNotify'],
    });
    subscriber.start();
    await log.nth('subscribed');
    const data = JSON.parse(String(server.sent(0, 'Subscribe')[0]?.data)) as Record<string, unknown>;
    expect(data.subscribeType).toEqual(['ParticipantsNotify', 'CustomMultiPicNotify']);
  });

  it('switches live captions on with a ConfControl frame, only while subscribed', async () => {
    const { server, client, subscriber, log } = await setUp();
    expect(subscriber.setRealTimeSubtitle(true)).toBe(false);
    subscriber.start();
    await log.nth('subscribed');
    expect(subscriber.setRealTimeSubtitle(true)).toBe(true);
    await server.until(() => server.sent(0, 'ConfControl').length === 1, 'the ConfControl frame');
    const [control] = server.sent(0, 'ConfControl');
    expect(control).toMatchObject({ type: 'REALTIMESUBTITLE', sequence: expect.stringMatching(/^\d{30}$/) });
    expect(JSON.parse(String(control?.data))).toEqual({
      conferenceID: CONF,
      confToken: client.controlTokens[0],
      isSubtitle: '1',
      subtitleType: '0',
    });
  });

  it('refuses bad options at construction', () => {
    const client = new StubClient(() => 'ws://127.0.0.1:1');
    expect(() => new MeetingSubscriber(client, CONF, { heartbeatIntervalMs: 0 })).toThrow(
      /heartbeatIntervalMs/,
    );
    expect(() => new MeetingSubscriber(client, CONF, { subscribeTypes: [] })).toThrow(/subscribeTypes/);
    expect(() => new MeetingSubscriber(client, '')).toThrow(/conferenceID/);
    expect(() => new MeetingSubscriber(client, CONF, { heartbeatIntervalMs: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'heartbeatIntervalMs' }),
    );
    expect(() => new MeetingSubscriber(client, '')).toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION', field: 'conferenceID' }),
    );
  });
});

describe('MeetingSubscriber liveness', () => {
  it('sends HeartBeat on schedule and stays connected while the echo comes', async () => {
    const { server, subscriber, events, log } = await setUp({ heartbeatIntervalMs: 30, deadAfterMs: 90 });
    subscriber.start();
    await log.nth('subscribed');
    const started = Date.now();
    // Ten echoed heartbeats span more than three times the dead-after budget.
    await server.until(() => server.sent(0, 'HeartBeat').length >= 10, '10 heartbeats');
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(9 * 30 - 15);
    const beats = server.sent(0, 'HeartBeat');
    expect(new Set(beats.map((b) => b.sequence)).size).toBe(beats.length);
    for (const beat of beats) expect(beat.sequence).toMatch(/^\d{30}$/);
    expect(events.some((e) => e[0] === 'disconnected')).toBe(false);
    expect(server.connections).toHaveLength(1);
    expect(subscriber.stats().framesByType.HeartBeat).toBeGreaterThanOrEqual(9);
    expect(subscriber.stats().heartbeatsSent).toBeGreaterThanOrEqual(10);
  });

  it('reports a silent subscribed socket stale past a heartbeat interval, fresh with the next frame', async () => {
    const { server, subscriber, events, log, logs } = await setUp({
      heartbeatIntervalMs: 100,
      deadAfterMs: 5000,
    });
    subscriber.start();
    await log.nth('subscribed');
    server.script.echoHeartBeats = false;
    const silentFrom = Date.now();
    const [silentMs] = await log.nth('stale');
    // Default: one interval and half of one.
    expect(silentMs).toBeGreaterThanOrEqual(150);
    expect(Date.now() - silentFrom).toBeGreaterThanOrEqual(50);
    expect(logs.some((entry) => entry.event === 'stale' && entry.level === 'warn')).toBe(true);
    server.script.echoHeartBeats = true;
    await log.nth('fresh');
    // Reported once per silence, and again for the next one; the socket was never dropped.
    expect(log.all('stale')).toHaveLength(1);
    server.script.echoHeartBeats = false;
    await log.nth('stale', 2);
    server.script.echoHeartBeats = true;
    await log.nth('fresh', 2);
    expect(events.some((e) => e[0] === 'disconnected')).toBe(false);
    expect(server.connections).toHaveLength(1);
  });

  it('takes staleAfterMs as given, and a stale socket that stays silent is still dropped as dead', async () => {
    const { server, subscriber, log } = await setUp({
      heartbeatIntervalMs: 50,
      staleAfterMs: 60,
      deadAfterMs: 400,
    });
    server.script.echoHeartBeats = false;
    subscriber.start();
    await log.nth('subscribed');
    const [silentMs] = await log.nth('stale');
    expect(silentMs).toBeGreaterThanOrEqual(60);
    const [code, reason] = await log.nth('disconnected');
    expect(code).toBe(1006);
    expect(reason).toMatch(/no frame within 400 ms/);
    // The next socket starts fresh: no `fresh` for the old one, a new `stale` when it is silent too.
    await log.nth('subscribed', 2);
    expect(log.all('fresh')).toEqual([]);
    await log.nth('stale', 2);
  });

  it('drops a silent socket and reconnects with fresh control and WebSocket tokens', async () => {
    // A dead-after budget long enough that a loaded machine does not drop the second socket too before the checks.
    const { server, client, subscriber, log } = await setUp({ heartbeatIntervalMs: 30, deadAfterMs: 300 });
    server.script.echoHeartBeats = false;
    subscriber.start();
    await log.nth('subscribed');
    const [code, reason] = await log.nth('disconnected');
    expect(code).toBe(1006);
    expect(reason).toMatch(/no frame within 300 ms/);
    // The fake upstream sees the terminated socket go.
    const first = await server.connections[0]?.closed;
    expect(first?.code).toBe(1006);
    await log.nth('subscribed', 2);
    expect(client.controlCalls).toBe(2);
    expect(client.wsCalls).toBe(2);
    expect(server.connections[1]?.tmpToken).toBe(client.wsTokens[1]);
    expect(client.wsTokens[1]).not.toBe(client.wsTokens[0]);
    expect(subscriber.stats().reconnects).toBe(1);
  });

  it('drops a socket that never finishes its handshake', async () => {
    // A TCP server that accepts and never answers the upgrade.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const port = (silent.address() as AddressInfo).port;
    try {
      const client = new StubClient(() => `ws://127.0.0.1:${port}`);
      const subscriber = new MeetingSubscriber(client, CONF, {
        heartbeatIntervalMs: 40,
        deadAfterMs: 80,
        backoffInitialMs: 10,
        maxReconnects: 0,
      });
      subscribers.push(subscriber);
      const log = new EventLog(subscriber);
      subscriber.start();
      const [reason] = await log.nth('stopped');
      expect(reason).toBe('gave-up');
      expect(client.wsCalls).toBe(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

describe('MeetingSubscriber reconnects', () => {
  it('backs off with full jitter while the server refuses, then resets after a Subscribe', async () => {
    const { server, client, subscriber, events, log } = await setUp({ random: () => 0.5 });
    server.script.refuseWith = 1008;
    subscriber.start();
    await log.nth('reconnecting');
    await log.nth('reconnecting', 2);
    server.script = { ...server.script, refuseWith: undefined };
    await log.nth('subscribed');
    const reconnecting = events.filter((e) => e[0] === 'reconnecting');
    // Attempt n waits random * min(max, initial * 2^(n-1)): 0.5 * 20, 0.5 * 40.
    expect(reconnecting.slice(0, 2)).toEqual([
      ['reconnecting', 1, 10],
      ['reconnecting', 2, 20],
    ]);
    expect(events.filter((e) => e[0] === 'disconnected').slice(0, 2)).toEqual([
      ['disconnected', 1008, 'refused'],
      ['disconnected', 1008, 'refused'],
    ]);
    expect(client.wsCalls).toBe(server.connections.length);
    expect(new Set(server.connections.map((c) => c.tmpToken)).size).toBe(server.connections.length);

    // After a successful Subscribe the next drop starts the backoff over.
    server.connections.at(-1)?.socket.close(4000, 'no heartbeat');
    const [attempt, delay] = await log.nth('reconnecting', 3);
    expect([attempt, delay]).toEqual([1, 10]);
    await log.nth('subscribed', 2);
  });

  it('reconnects after the server closes a subscribed socket', async () => {
    const { server, client, subscriber, log } = await setUp();
    subscriber.start();
    await log.nth('subscribed');
    server.connections[0]?.socket.close(4000, 'heartbeat timeout');
    const [code, reason] = await log.nth('disconnected');
    expect([code, reason]).toEqual([4000, 'heartbeat timeout']);
    await log.nth('subscribed', 2);
    expect(client.controlCalls).toBe(2);
    expect(server.connections).toHaveLength(2);
  });

  it('gives up after maxReconnects consecutive failures', async () => {
    const { server, subscriber, events, log } = await setUp({ maxReconnects: 2 });
    server.script.refuseWith = 1008;
    subscriber.start();
    const [reason] = await log.nth('stopped');
    expect(reason).toBe('gave-up');
    expect(server.connections).toHaveLength(3);
    const errors = events.filter((e) => e[0] === 'error').map((e) => e[1] as { kind: string; code: string });
    expect(errors.at(-1)).toMatchObject({ kind: 'gave-up', code: 'SUBSCRIBER_GAVE_UP' });
    expect(subscriber.state).toBe('stopped');
  });

  it('retries a failing token call and reports it without the token', async () => {
    const { server, client, subscriber, events, log } = await setUp();
    client.controlFailures.push(
      new MeetingApiError({ code: 'NETWORK', operation: 'createConfToken', message: 'connection reset' }),
    );
    subscriber.start();
    await log.nth('subscribed');
    const error = events.find((e) => e[0] === 'error')?.[1];
    expect(error).toBeInstanceOf(MeetingSubscriberError);
    expect(error).toMatchObject({ kind: 'token', code: 'SUBSCRIBER_TOKEN_FAILED', upstreamCode: 'NETWORK' });
    expect(client.controlCalls).toBe(2);
    expect(server.connections).toHaveLength(1);
  });

  it('resubscribes on demand over a new socket with fresh tokens', async () => {
    const { server, client, subscriber, events, log } = await setUp();
    server.script.afterSubscribe = [participants];
    subscriber.start();
    await log.nth('message');
    subscriber.resubscribe();
    const [code, reason] = await log.nth('disconnected');
    expect([code, reason]).toEqual([1000, 'resubscribe']);
    await log.nth('message', 2);
    expect(events.filter((e) => e[0] === 'reconnecting')).toEqual([['reconnecting', 1, 0]]);
    expect(client.wsCalls).toBe(2);
    expect((await server.connections[0]?.closed)?.code).toBe(1000);
    expect(server.connections[1]?.tmpToken).toBe(client.wsTokens[1]);
  });
});

describe('MeetingSubscriber meeting end', () => {
  it('ends on close code 1001 and does not reconnect', async () => {
    const { server, client, subscriber, events, log } = await setUp();
    subscriber.start();
    await log.nth('subscribed');
    server.connections[0]?.socket.close(1001, 'meeting ended');
    const [reason] = await log.nth('ended');
    expect(reason).toBe('server-closed');
    await log.nth('stopped');
    await sleep(100);
    expect(events.some((e) => e[0] === 'reconnecting')).toBe(false);
    expect(client.controlCalls).toBe(1);
    expect(server.connections).toHaveLength(1);
    expect(events.slice(-3).map((e) => e[0])).toEqual(['disconnected', 'ended', 'stopped']);
  });

  it('ends on a ConfDynamicInfoNotify with state Destroyed and closes cleanly', async () => {
    const { server, subscriber, events, log } = await setUp();
    server.script.afterSubscribe = [frame({ action: 'ConfDynamicInfoNotify', state: 'Destroyed' })];
    subscriber.start();
    const [reason] = await log.nth('ended');
    expect(reason).toBe('destroyed');
    const last = events.filter((e) => e[0] === 'message').at(-1)?.[1] as { action: string; state: string };
    expect(last).toMatchObject({ action: 'ConfDynamicInfoNotify', state: 'Destroyed' });
    expect((await server.connections[0]?.closed)?.code).toBe(1000);
    await log.nth('stopped');
    expect(server.server.clients.size).toBe(0);
    expect(server.connections).toHaveLength(1);
  });

  it('ends without connecting when the control token says the meeting is not running', async () => {
    const { server, client, subscriber, log } = await setUp();
    client.controlFailures.push(
      new MeetingApiError({
        code: 'MMC.111072005',
        httpStatus: 400,
        operation: 'createConfToken',
        message: 'meeting not started or already ended',
      }),
    );
    subscriber.start();
    const [reason] = await log.nth('ended');
    expect(reason).toBe('meeting-gone');
    await log.nth('stopped');
    expect(client.wsCalls).toBe(0);
    expect(server.connections).toHaveLength(0);
  });

  it('ends on a meeting-not-found control-token answer', async () => {
    const { client, subscriber, log } = await setUp();
    client.controlFailures.push(
      new MeetingApiError({
        code: 'MMC.111070005',
        httpStatus: 400,
        operation: 'createConfToken',
        message: 'x',
      }),
    );
    subscriber.start();
    expect(await log.nth('ended')).toEqual(['meeting-gone']);
  });

  it('stops for good on a client error a retry cannot cure', async () => {
    const { client, subscriber, log } = await setUp();
    client.controlFailures.push(
      new MeetingApiError({
        code: 'NOT_CONFIGURED',
        operation: 'createConfToken',
        message: 'no host password',
      }),
    );
    subscriber.start();
    expect(await log.nth('stopped')).toEqual(['fatal']);
    expect(client.controlCalls).toBe(1);
  });
});

describe('MeetingSubscriber refusals', () => {
  it('reports a failed Subscribe, drops the control token and reconnects', async () => {
    const { server, client, subscriber, log } = await setUp();
    server.script.returnCode = 111070004;
    subscriber.start();
    const [error] = await log.nth('error');
    expect(error).toMatchObject({
      kind: 'subscribe-refused',
      code: 'SUBSCRIBE_REFUSED',
      upstreamCode: '111070004',
    });
    expect(error.message).not.toContain('secret');
    server.script = { ...server.script, returnCode: 0 };
    await log.nth('subscribed');
    expect(client.invalidated).toEqual([client.controlTokens[0]]);
    expect(client.controlCalls).toBe(2);
    expect(server.connections[1]?.tmpToken).toBe(client.wsTokens[1]);
  });

  it('ends when the Subscribe answer says the meeting does not exist', async () => {
    const { server, subscriber, log } = await setUp();
    server.script.returnCode = 111070005;
    subscriber.start();
    expect(await log.nth('ended')).toEqual(['meeting-gone']);
  });

  it('counts malformed frames, passes unknown types through and stays connected', async () => {
    const { server, subscriber, events, logs, log } = await setUp();
    server.script.afterSubscribe = [
      'not json',
      '[1,2]',
      '{"sequence":"1"}',
      frame({ action: 'ParticipantsNotify', data: 'not a list' }),
      frame({ action: 'CustomMultiPicNotify', data: { picNum: 4 } }),
      participants,
    ];
    subscriber.start();
    await log.nth('message');
    const invalid = events.filter((e) => e[0] === 'invalid').map((e) => (e[1] as { reason: string }).reason);
    expect(invalid).toEqual(['not-json', 'no-action', 'no-action', 'schema']);
    const unknown = events.find((e) => e[0] === 'unknown')?.[1] as { action: string; raw: unknown };
    expect(unknown.action).toBe('CustomMultiPicNotify');
    const stats = subscriber.stats();
    expect(stats.invalid).toBe(4);
    expect(stats.invalidByReason).toEqual({ 'not-json': 1, 'no-action': 2, schema: 1 });
    expect(stats.unknown).toBe(1);
    expect(stats.framesByType).toMatchObject({ CustomMultiPicNotify: 1, ParticipantsNotify: 1 });
    expect(stats.connects).toBe(1);
    expect(subscriber.state).toBe('subscribed');
    expect(logs.filter((l) => l.event === 'frame-refused')).toHaveLength(4);
  });

  it('keeps going when a listener throws', async () => {
    const { server, subscriber, logs, log } = await setUp();
    server.script.afterSubscribe = [participants, participants];
    let seen = 0;
    subscriber.on('message', () => {
      seen++;
      throw new Error('consumer bug');
    });
    subscriber.start();
    await log.nth('message');
    await log.nth('message', 2);
    expect(seen).toBe(2);
    expect(logs.filter((l) => l.event === 'listener-threw')).toHaveLength(2);
    expect(subscriber.state).toBe('subscribed');
  });

  it('never logs or reports a token', async () => {
    const { server, client, subscriber, logs, events, log } = await setUp({
      heartbeatIntervalMs: 30,
      deadAfterMs: 80,
    });
    server.script.echoHeartBeats = false;
    subscriber.start();
    await log.nth('subscribed');
    await log.nth('subscribed', 2);
    await subscriber.stop();
    const text = JSON.stringify([
      logs,
      events.map((e) => e.map((a) => (a instanceof Error ? a.message : a))),
    ]);
    expect(logs.length).toBeGreaterThan(3);
    for (const token of [...client.controlTokens, ...client.wsTokens]) expect(text).not.toContain(token);
    expect(text).not.toContain('secret');
  });
});

describe('MeetingSubscriber stop', () => {
  it('closes with 1000 and leaves no socket and no timer behind', async () => {
    const timersBefore = activeTimers();
    const { server, client, subscriber, events, log } = await setUp({ heartbeatIntervalMs: 20 });
    subscriber.start();
    await log.nth('subscribed');
    await server.until(() => server.sent(0, 'HeartBeat').length >= 2, 'heartbeats');
    await subscriber.stop();
    expect((await server.connections[0]?.closed)?.code).toBe(1000);
    expect(events.slice(-2)).toEqual([
      ['disconnected', 1000, 'stop'],
      ['stopped', 'stop'],
    ]);
    await sleep(60);
    expect(server.server.clients.size).toBe(0);
    expect(server.sent(0, 'HeartBeat').length).toBe(subscriber.stats().heartbeatsSent);
    expect(server.connections).toHaveLength(1);
    expect(client.controlCalls).toBe(1);
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
    expect(() => subscriber.start()).toThrow(
      expect.objectContaining({ code: 'CLOSED', message: expect.stringMatching(/stopped/) }),
    );
  });

  it('cancels a pending reconnect', async () => {
    const timersBefore = activeTimers();
    const { server, subscriber, log } = await setUp({ backoffInitialMs: 5_000, backoffMaxMs: 5_000 });
    server.script.refuseWith = 1008;
    subscriber.start();
    await log.nth('reconnecting');
    expect(subscriber.state).toBe('waiting');
    await subscriber.stop();
    expect(subscriber.state).toBe('stopped');
    await server.until(() => server.server.clients.size === 0, 'the refused socket to go');
    expect(activeTimers()).toBeLessThanOrEqual(timersBefore);
    expect(server.connections).toHaveLength(1);
  });

  it('stops while the tokens are being fetched without ever connecting', async () => {
    const { server, subscriber, events } = await setUp();
    subscriber.start();
    await subscriber.stop();
    await sleep(50);
    expect(server.connections).toHaveLength(0);
    expect(events).toEqual([['stopped', 'stop']]);
  });
});

/** Timers (setTimeout/setInterval) alive in this process. */
function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
}

describe('MeetingSubscriber error codes', () => {
  /** A subscriber on `client` that gives up at once, and its event log. */
  function bare(client: StubClient) {
    const subscriber = new MeetingSubscriber(client, CONF, { maxReconnects: 0, backoffInitialMs: 20 });
    subscribers.push(subscriber);
    return { subscriber, log: new EventLog(subscriber) };
  }

  it('reports a socket that cannot connect as SUBSCRIBER_SOCKET_FAILED', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const { subscriber, log } = bare(new StubClient(() => `ws://127.0.0.1:${port}`));
    subscriber.start();
    const [error] = await log.nth('error');
    expect(error).toBeInstanceOf(MeetingSubscriberError);
    expect(error).toMatchObject({
      kind: 'socket',
      code: 'SUBSCRIBER_SOCKET_FAILED',
      upstreamCode: undefined,
    });
  });

  it('stops with SUBSCRIBER_CONFIG when no WebSocket address is known', async () => {
    // The control-token answer without wsURL, and no wsURL option.
    const { subscriber, log } = bare(new StubClient(() => undefined as unknown as string));
    subscriber.start();
    const [error] = await log.nth('error');
    expect(error).toMatchObject({ kind: 'config', code: 'SUBSCRIBER_CONFIG' });
    expect(await log.nth('stopped')).toEqual(['fatal']);
  });
});
