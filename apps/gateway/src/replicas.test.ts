// Several gateway processes behind one Redis and one upstream (the simulator), as operators run them: one
// upstream socket per meeting whichever replica holds it, events reaching subscribers on every replica, a
// killed holder replaced within seconds, subscriptions resumed on another replica, a Redis restart survived.

import { webhookSignature } from '@hwmeeting/events/wire';
import { type Simulator, simControl as simulatorControl, startSimulator } from '@hwmeeting/simulator';
import { type RedisServer, startRedisServer } from '@hwmeeting/testkit';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAuthenticator } from './auth/jwt.js';
import { TEST_SECRET } from './testing/harness.js';
import { type Collected, collect, connectLive, type Json } from './testing/liveClient.js';
import { type Replica, startReplica } from './testing/replicas.js';

// Processes start on tsx and take over after a lease expires: generous on a loaded two-core machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 90_000 });

const WEBHOOK_ID = 'replica-test-subscriber';
const WEBHOOK_KEY = 'replica-test-subscriber-key';
const authenticator = createAuthenticator({ secret: TEST_SECRET });
let redis: RedisServer;
let sim: Simulator;
const replicas = new Map<string, Replica>();
const clients: Client[] = [];

beforeAll(async () => {
  [redis, sim] = await Promise.all([startRedisServer(), startSimulator({ seed: 'demo', answerDelayMs: 10 })]);
  const env = {
    HWMEETING_ENDPOINT: sim.url,
    HWMEETING_APP_ID: sim.appId,
    HWMEETING_APP_KEY: sim.appKey,
    JWT_SECRET: TEST_SECRET,
    REDIS_URL: redis.url,
    TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 9).toString('base64'),
    UPSTREAM_LEASE_MS: '1000',
    STREAM_GRACE_SECONDS: '2',
    LOG_LEVEL: process.env.REPLICA_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '5000',
    WEBHOOK_SUBSCRIBER_ID: WEBHOOK_ID,
    WEBHOOK_SUBSCRIBER_KEY: WEBHOOK_KEY,
  };
  const started = await Promise.all(['a', 'b', 'c'].map((name) => startReplica(name, env)));
  for (const replica of started) replicas.set(replica.name, replica);
});

afterAll(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await Promise.all([...replicas.values()].map((replica) => replica.kill()));
  await sim?.close();
  await redis?.stop();
});

function replica(name: string): Replica {
  const found = replicas.get(name);
  if (!found) throw new Error(`no replica ${name}`);
  return found;
}

async function subscribeOn(
  name: string,
  query: string,
  variables: Record<string, unknown>,
  sub = 'alice',
  roles: string[] = [],
): Promise<Collected> {
  const client = connectLive(replica(name).wsUrl, await authenticator.issue(sub, roles, 600));
  clients.push(client);
  return collect(client, query, variables);
}

async function gql(name: string, query: string, variables: Record<string, unknown> = {}): Promise<Json> {
  const response = await fetch(replica(name).url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${await authenticator.issue('alice', [], 600)}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Json;
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** The simulator's `/__sim/` test control. */
const simControl = <T = Json>(method: string, path: string, body?: unknown): Promise<T> =>
  simulatorControl<T>(sim.url, method, path, body);

const join = async (meetingId: string, name: string) =>
  (await simControl<{ pid: string }>('POST', `/meetings/${meetingId}/participants`, { name })).pid;

/** The simulator's truth: who is in the meeting (not waiting) and whether they are muted. */
async function truth(meetingId: string): Promise<Map<string, boolean>> {
  const answer = await simControl<{ participants: { pid: string; muted: boolean; waiting: boolean }[] }>(
    'GET',
    `/meetings/${meetingId}/participants`,
  );
  return new Map(answer.participants.filter((p) => !p.waiting).map((p) => [p.pid, p.muted]));
}

const pushConnections = async (meetingId: string) =>
  (await simControl<{ connections: unknown[] }>('GET', `/push/connections?conferenceID=${meetingId}`))
    .connections.length;

/** Upstream sockets held by each live replica. */
async function holders(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, r] of replicas) {
    if (r.process.exitCode === null && r.process.signalCode === null)
      counts[name] = await r.metric('hwmeeting_upstream_sockets');
  }
  return counts;
}

async function eventually<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  what: string,
  timeoutMs = 15_000,
) {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!ok(value)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

const PARTICIPANTS = `subscription($id: ID!, $after: String) { participants(meetingId: $id, after: $after) {
  reason cursor participants { participantId muted } changed { participantId } removed } }`;

/** The participants as the subscriber last saw them: pid -> muted. */
const seen = (s: Collected): Map<string, boolean> =>
  new Map(
    (s.items.at(-1)?.participants.participants ?? []).map((p: Json) => [p.participantId, p.muted] as const),
  );
const cursorsOf = (s: Collected) =>
  s.items.map((item) => {
    const [epoch, seq] = String(item.participants.cursor).split(':');
    return { epoch, seq: Number(seq) };
  });

/** Cursors only move forward within an epoch. */
function expectForward(cursors: { epoch: string | undefined; seq: number }[]): void {
  for (let i = 1; i < cursors.length; i++) {
    const [before, now] = [cursors[i - 1], cursors[i]];
    if (before?.epoch === now?.epoch) expect(now?.seq).toBeGreaterThanOrEqual(before?.seq ?? 0);
  }
}

describe('gateway replicas on Redis', () => {
  let meetingId: string;
  let onB: Collected;

  it('serves a subscriber on replica B from the upstream socket replica A holds', async () => {
    const created = await gql(
      'a',
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id state } }',
      { input: { subject: 'Replicated' } },
    );
    meetingId = created.createMeeting.id;
    const onA = await subscribeOn('a', PARTICIPANTS, { id: meetingId });
    await onA.until(() => onA.items.length > 0, 'the snapshot on A');
    await eventually(holders, (h) => h.a === 1, 'A holding the upstream socket');
    onB = await subscribeOn('b', PARTICIPANTS, { id: meetingId });
    await onB.until(() => onB.items.length > 0, 'the snapshot on B');
    const erin = await join(meetingId, 'Erin');
    await onB.until(() => seen(onB).has(erin), 'Erin on B');
    await onA.until(() => seen(onA).has(erin), 'Erin on A');
    expect(await holders()).toEqual({ a: 1, b: 0, c: 0 });
    expect(await pushConnections(meetingId)).toBe(1);
    expect(seen(onB)).toEqual(await truth(meetingId));
  });

  it('logs in once for a user across replicas (the token is shared through Redis)', async () => {
    for (const name of ['a', 'b', 'c']) await gql(name, '{ me { id } }');
    const alice = sim.store.userByThirdAccount('alice');
    const tokens = [...sim.store.tokens.values()].filter((t) => t.userId === alice?.id);
    expect(tokens).toHaveLength(1);
  });

  it('switches captions on through a replica that does not hold the socket', async () => {
    const subtitles = await subscribeOn(
      'b',
      `subscription($id: ID!) { subtitles(meetingId: $id) {
      reason enabled subtitle { texts { text } } } }`,
      { id: meetingId },
    );
    await subtitles.until(() => subtitles.items.length > 0, 'the subtitles snapshot');
    const answer = await gql('b', 'mutation($id: ID!) { setSubtitles(meetingId: $id, on: true) { ok } }', {
      id: meetingId,
    });
    expect(answer.setSubtitles.ok).toBe(true);
    const pid = [...(await truth(meetingId)).keys()][0] as string;
    await eventually(
      async () => {
        await simControl('POST', `/meetings/${meetingId}/push/speak`, { pid, text: 'Across replicas' });
        return subtitles.items.some((item) => item.subtitles.subtitle?.texts[0]?.text === 'Across replicas');
      },
      (seen) => seen,
      'a caption on B',
    );
    subtitles.stop();
  });

  it('moves the upstream socket when its replica is killed; subscribers elsewhere miss nothing', async () => {
    const onC = await subscribeOn('c', PARTICIPANTS, { id: meetingId });
    await onC.until(() => onC.items.length > 0, 'the snapshot on C');
    const before = onB.items.length;
    await replica('a').kill();
    // Changes while nobody holds the socket, and while the new holder connects.
    const frank = await join(meetingId, 'Frank');
    const grace = await join(meetingId, 'Grace');
    const after = await eventually(
      holders,
      (h) => (h.b ?? 0) + (h.c ?? 0) === 1,
      'another replica taking the socket',
    );
    expect((after.b ?? 0) + (after.c ?? 0)).toBe(1);
    await eventually(
      () => pushConnections(meetingId),
      (n) => n === 1,
      'one upstream socket',
    );
    const hank = await join(meetingId, 'Hank');
    for (const s of [onB, onC]) {
      await s.until(() => [frank, grace, hank].every((pid) => seen(s).has(pid)), 'the joins after the kill');
      expect(seen(s)).toEqual(await truth(meetingId));
      expectForward(cursorsOf(s));
    }
    // No update of B told it to start over from a lost place.
    expect(onB.items.slice(before).some((item) => item.participants.reason === 'CURSOR_EXPIRED')).toBe(false);
  });

  it('resumes on another replica from the last cursor, missing nothing', async () => {
    const onC = await subscribeOn('c', PARTICIPANTS, { id: meetingId });
    await onC.until(() => onC.items.length > 0, 'the snapshot on C');
    const last = onC.items.at(-1).participants.cursor as string;
    onC.stop();
    const ivy = await join(meetingId, 'Ivy');
    await onB.until(() => seen(onB).has(ivy), 'Ivy on B');
    const resumed = await subscribeOn('b', PARTICIPANTS, { id: meetingId, after: last });
    await resumed.until(
      () =>
        resumed.items.some((item) => item.participants.changed.some((p: Json) => p.participantId === ivy)),
      'Ivy, missed',
    );
    expect(
      resumed.items.some((item) => ['SNAPSHOT', 'CURSOR_EXPIRED'].includes(item.participants.reason)),
    ).toBe(false);
    const [epoch, seq] = last.split(':');
    const first = cursorsOf(resumed)[0];
    expect(first?.epoch).toBe(epoch);
    expect(first?.seq).toBeGreaterThan(Number(seq));
    expect(seen(resumed)).toEqual(await truth(meetingId));
  });

  it('survives a Redis restart with a resync', async () => {
    const before = onB.items.length;
    await redis.restart();
    const judy = await join(meetingId, 'Judy');
    await onB.until(() => seen(onB).has(judy), 'Judy after the restart', 20_000);
    expect(seen(onB)).toEqual(await truth(meetingId));
    const reasons = onB.items.slice(before).map((item) => item.participants.reason);
    expect(reasons).toContain('RESYNC');
    await eventually(holders, (h) => (h.b ?? 0) + (h.c ?? 0) === 1, 'one holder after the restart');
    expect(await pushConnections(meetingId)).toBe(1);
  });

  it('hands each webhook event to administrators on every replica exactly once, whichever replica got it', async () => {
    const query = 'subscription { enterpriseEvents { type name meeting { id } } }';
    const onB = await subscribeOn('b', query, {}, 'admin', ['admin']);
    const onC = await subscribeOn('c', query, {}, 'admin', ['admin']);
    // Subscriptions attach asynchronously; a first delivery tells when both are there.
    const deliver = async (name: string, eventInfo: object, nonce: string, status = 200) => {
      const eventInfoJson = JSON.stringify(eventInfo);
      const timestamp = Date.now();
      const signature = webhookSignature({ appID: WEBHOOK_ID, timestamp, nonce, eventInfoJson }, WEBHOOK_KEY);
      const body = `{"appID":"${WEBHOOK_ID}","timestamp":${timestamp},"nonce":"${nonce}","signature":"${signature}","eventInfo":${eventInfoJson}}`;
      const response = await fetch(replica(name).url.replace(/\/graphql$/, '/webhooks/meeting'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      expect(response.status).toBe(status);
    };
    const event = (name: string, id: string) => ({
      event: name,
      timestamp: Date.now(),
      payload: { meetingInfo: { meetingID: id, meetingUUID: `uuid-${id}` } },
    });
    let probe = 0;
    await eventually(
      async () => {
        probe++;
        await deliver('b', event('meeting.create', `probe${probe}`), `probe${probe}`);
        return onB.items.length > 0 && onC.items.length > 0;
      },
      (ok) => ok,
      'both administrators subscribed',
    );
    const started = event('meeting.started', '770011');
    // The sender retries the same event in a fresh envelope (a new nonce); the load balancer sends the retry to
    // another replica. A replay of a seen nonce is refused there too (published-behaviour.md §6).
    await deliver('b', started, 'n1');
    await deliver('c', started, 'n1-retry');
    await deliver('c', started, 'n1', 401);
    const ended = event('meeting.end', '770011');
    await deliver('c', ended, 'n2');
    for (const s of [onB, onC]) {
      await s.until(() => s.items.some((item) => item.enterpriseEvents.type === 'MEETING_ENDED'), 'the end');
      const about = s.items.filter((item) => item.enterpriseEvents.meeting?.id === '770011');
      expect(about.map((item) => item.enterpriseEvents.type)).toEqual(['MEETING_STARTED', 'MEETING_ENDED']);
    }
  });
});
