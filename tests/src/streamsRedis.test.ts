// MeetingStreams of several "replicas" sharing one real Redis (log, leases, pub/sub) against the simulator: one
// upstream socket between them, every event numbered without gaps through a change of holder, a holder cut off
// from Redis fenced out, a Redis restart survived.
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import {
  type MeetingCommandTopics,
  MeetingStreams,
  parseCursor,
  type StreamPosition,
  type WatchedEvent,
} from '@hwmeeting/events';
import { RedisMeetingLog, RedisOwnership, RedisPubSub } from '@hwmeeting/events/redis';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { consumer } from './streamConsumer.js';
import { clientOptionsFor, simControl, useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo', answerDelayMs: 10 }, { fresh: true });
let server: RedisServer;
let conferenceID: string;

beforeAll(async () => {
  server = await startRedisServer();
});
afterAll(async () => {
  await server.stop();
});

/** One replica's view of the shared parts, and its streams. */
interface Replica {
  redis: Redis;
  client: MeetingClient;
  streams: MeetingStreams;
  close(): Promise<void>;
}

const replicas: Replica[] = [];

function replica(): Replica {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 2 });
  redis.on('error', () => undefined);
  // As the gateway wires it: after a reconnect the streams re-read their logs for what the pub/sub lost.
  let streams: MeetingStreams | undefined;
  const pubsub = new RedisPubSub({
    redis,
    onError: () => undefined,
    onResubscribed: () => streams?.recheck(),
  });
  const ownership = new RedisOwnership({ redis, ttlMs: 600, onError: () => undefined });
  const log = new RedisMeetingLog({ redis, pubsub, onError: () => undefined });
  const commands = new RedisPubSub<MeetingCommandTopics>({ redis, onError: () => undefined });
  const client = createMeetingClient(clientOptionsFor(sim()));
  streams = new MeetingStreams({
    client,
    log,
    ownership,
    commands,
    leaseRetryMs: 100,
    graceMs: 50,
    checkpointEvery: 5,
    subscriber: { heartbeatIntervalMs: 1000, backoffInitialMs: 20, backoffMaxMs: 100 },
  });
  const closing = async () => {
    await streams?.close();
    await ownership.close();
    await log.close();
    await pubsub.close();
    await commands.close();
    await client.dispose();
    redis.disconnect();
  };
  const made = { redis, client, streams, close: closing };
  replicas.push(made);
  return made;
}

beforeEach(async () => {
  await new Redis(server.url).flushall().then(() => undefined);
  const running = [...sim().store.meetings.values()].find((m) => m.state === 'Created');
  if (!running) throw new Error('the demo seed has no meeting in progress');
  conferenceID = running.conferenceID;
});
afterEach(async () => {
  await Promise.all(replicas.splice(0).map((r) => r.close()));
});

async function join(name: string): Promise<string> {
  return (
    await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${conferenceID}/participants`, { name })
  ).pid;
}

async function truth(): Promise<Set<string>> {
  const answer = await simControl<{ participants: { pid: string; waiting: boolean }[] }>(
    sim(),
    'GET',
    `/meetings/${conferenceID}/participants`,
  );
  return new Set(answer.participants.filter((p) => !p.waiting).map((p) => p.pid));
}

const openSockets = async () =>
  (
    await simControl<{ connections: unknown[] }>(
      sim(),
      'GET',
      `/push/connections?conferenceID=${conferenceID}`,
    )
  ).connections.length;

function at(event: WatchedEvent | undefined): StreamPosition {
  const position = event?.cursor === undefined ? undefined : parseCursor(event.cursor);
  if (!position) throw new Error(`no cursor on ${JSON.stringify(event)}`);
  return position;
}

/** The positions of a consumer's events after its first: one epoch, each one more than the last. */
function expectContinuous(events: readonly WatchedEvent[]): void {
  const positions = events.slice(1).map(at);
  expect(new Set(positions.map((p) => p.epoch)).size).toBe(1);
  const first = at(events[0]).seq;
  expect(positions.map((p) => p.seq)).toEqual(positions.map((_, i) => first + 1 + i));
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Two replicas watching the meeting: A holds its live socket, B follows from the shared log. */
async function aHoldsBFollows() {
  const [a, b] = [replica(), replica()];
  const onA = consumer(a.streams.watch(conferenceID));
  await until(
    () => a.streams.holdsUpstream(conferenceID) && a.streams.status(conferenceID) === 'live',
    'A live',
  );
  const onB = consumer(b.streams.watch(conferenceID));
  await onB.until(() => onB.events.length > 0, 'B snapshot');
  return { a, b, onA, onB };
}

describe('MeetingStreams on a shared Redis', () => {
  it('shares one upstream socket and numbers every event without gaps through a change of holder', async () => {
    const { b, onA, onB } = await aHoldsBFollows();
    expect(b.streams.holdsUpstream(conferenceID)).toBe(false);
    const erin = await join('Erin');
    await onB.until(() => onB.participants.has(erin), 'Erin on B');
    expect(await openSockets()).toBe(1);

    // A leaves for good (its watch ends, the grace passes, its lease is released): B takes the socket.
    await onA.iterator.return?.();
    await until(() => b.streams.holdsUpstream(conferenceID), 'B taking over');
    const frank = await join('Frank');
    await onB.until(() => onB.participants.has(frank), 'Frank on B');
    await until(async () => (await openSockets()) === 1, 'one socket');
    expect(new Set(onB.participants.keys())).toEqual(await truth());
    expectContinuous(onB.events);
  });

  it('fences out a holder cut off from Redis: another takes over, the stream stays continuous', async () => {
    const { a, b, onA, onB } = await aHoldsBFollows();
    // A is cut off: it can neither renew its lease nor append.
    a.redis.disconnect();
    const grace = await join('Grace');
    await until(() => b.streams.holdsUpstream(conferenceID), 'B taking over', 10_000);
    await until(() => !a.streams.holdsUpstream(conferenceID), 'A letting go', 10_000);
    await onB.until(() => onB.participants.has(grace), 'Grace on B');
    await until(async () => (await openSockets()) === 1, 'one socket');
    expect(new Set(onB.participants.keys())).toEqual(await truth());
    expectContinuous(onB.events);
    void onA;
  });

  it('resumes on another replica after a cursor', async () => {
    const [a, b] = [replica(), replica()];
    const onA = consumer(a.streams.watch(conferenceID));
    await until(() => a.streams.status(conferenceID) === 'live', 'A live');
    const hank = await join('Hank');
    await onA.until(() => onA.participants.has(hank), 'Hank on A');
    const last = at(onA.events.at(-1));
    const ivy = await join('Ivy');
    await onA.until(() => onA.participants.has(ivy), 'Ivy on A');
    const missed = onA.events.filter((e) => e.cursor !== undefined && at(e).seq > last.seq);
    const resumed = consumer(b.streams.watch(conferenceID, { after: last }));
    await resumed.until(() => resumed.events.length >= missed.length, 'the missed events');
    expect(resumed.events.slice(0, missed.length)).toEqual(missed);
  });

  it("refuses a cursor beyond the shared stream's head, not one merely beyond a replica's", async () => {
    const [a, b] = [replica(), replica()];
    const onA = consumer(a.streams.watch(conferenceID));
    await until(() => a.streams.status(conferenceID) === 'live', 'A live');
    const lena = await join('Lena');
    await onA.until(() => onA.participants.has(lena), 'Lena on A');
    const newest = at(onA.events.at(-1));
    // B watches nothing, so it has applied nothing of the stream: A's cursor is still accepted.
    expect(b.streams.cursor(conferenceID)).toBeUndefined();
    await expect(b.streams.checkCursor(conferenceID, newest)).resolves.toBeUndefined();
    const ahead = { epoch: newest.epoch, seq: newest.seq + 1000 };
    await expect(b.streams.checkCursor(conferenceID, ahead)).rejects.toMatchObject({ code: 'CURSOR_AHEAD' });
    const watch = b.streams.watch(conferenceID, { after: ahead });
    await expect(watch.next()).rejects.toMatchObject({ code: 'CURSOR_AHEAD' });
  });

  it('survives a Redis restart: the holder starts a new epoch with the whole state, watchers resynchronise', async () => {
    const { onA, onB } = await aHoldsBFollows();
    const before = at(onB.events.at(-1)).epoch;
    await server.restart();
    const judy = await join('Judy');
    await onB.until(() => onB.participants.has(judy), 'Judy on B after the restart', 15_000);
    expect(new Set(onB.participants.keys())).toEqual(await truth());
    const later = onB.events.filter((e) => at(e).epoch !== before);
    expect(later[0]?.type).toBe('snapshot');
    void onA;
  });

  it('switches captions on from a replica without the socket: the holder sends the frame', async () => {
    const { b, onA, onB } = await aHoldsBFollows();
    await until(() => b.streams.status(conferenceID) === 'live', 'B following');
    const kim = await join('Kim');
    await onB.until(() => onB.participants.has(kim), 'Kim on B');
    expect(b.streams.holdsUpstream(conferenceID)).toBe(false);
    expect(await b.streams.setRealTimeSubtitle(conferenceID, true)).toBe(true);
    const captions = () =>
      onB.events.flatMap((e) =>
        e.type === 'event' && e.event.kind === 'subtitle' ? [e.event.subtitle] : [],
      );
    // The command travels through Redis to A; speech after it is captioned.
    await until(async () => {
      await simControl(sim(), 'POST', `/meetings/${conferenceID}/push/speak`, {
        pid: kim,
        text: 'Hello from Kim',
      });
      return captions().length > 0;
    }, 'a caption on B');
    expect(captions()[0]?.msgs[0]?.translateText).toBe('Hello from Kim');
    void onA;
  });
});

describe('MeetingStreams on a shared Redis, a meeting not started yet', () => {
  it('ends the watches while it is not running; once it runs, a later watch on any replica streams it', async () => {
    const scheduled = [...sim().store.meetings.values()].find((m) => m.state === 'Schedule');
    if (!scheduled) throw new Error('the demo seed has no scheduled meeting');
    const id = scheduled.conferenceID;
    const [a, b] = [replica(), replica()];
    const earlyA = consumer(a.streams.watch(id));
    await earlyA.until(() => earlyA.isDone(), 'the end of the early watch on A');
    expect(earlyA.events.at(-1)).toMatchObject({ type: 'status', status: 'ended', detail: 'meeting-gone' });
    // Still not running: a watch on B asks again and ends again.
    const earlyB = consumer(b.streams.watch(id));
    await earlyB.until(() => earlyB.isDone(), 'the end of the early watch on B');
    expect(earlyB.events.at(-1)).toMatchObject({ type: 'status', status: 'ended', detail: 'meeting-gone' });

    const { pid } = await simControl<{ pid: string }>(sim(), 'POST', `/meetings/${id}/participants`, {
      name: 'Pat',
    });
    const onB = consumer(b.streams.watch(id));
    const onA = consumer(a.streams.watch(id));
    for (const [name, c] of [
      ['B', onB],
      ['A', onA],
    ] as const) {
      await c.until(() => c.participants.has(pid), `the participant on ${name}`);
      expect(c.isDone()).toBe(false);
    }
    await until(() => a.streams.status(id) === 'live' && b.streams.status(id) === 'live', 'both live');
  });
});
