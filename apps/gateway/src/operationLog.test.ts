// One structured log line per GraphQL operation (HTTP and graphql-ws), and the request id: taken from a safe
// X-Request-Id (or made), answered in the response header, and sent upstream with every call of the operation.
import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import type { Client } from 'graphql-ws';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { data, useGateway } from './testing/harness.js';
import { collect, connectLive, type Json } from './testing/liveClient.js';

const logText: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    logText.push(chunk.toString());
    done();
  },
});
const logLines = (): Json[] =>
  logText
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
const operationLines = () => logLines().filter((line) => line.msg === 'graphql operation');

const { gql, tokenFor, sim, gateway } = useGateway({
  gateway: () => ({ logger: pino({ level: 'info' }, logStream) }),
});
// What the simulator received: the path and X-Request-ID of every published call.
const upstream: Array<{ path: string; requestId: string | undefined }> = [];
beforeAll(() => {
  sim().server.on('request', (req: IncomingMessage) => {
    const header = req.headers['x-request-id'];
    upstream.push({
      path: (req.url ?? '').split('?')[0] ?? '',
      requestId: typeof header === 'string' ? header : undefined,
    });
  });
});
const clients: Client[] = [];
afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Waits for the log line of the operation with `requestId`. */
async function lineOf(requestId: string): Promise<Json> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const line = operationLines().find((entry) => entry.requestId === requestId);
    if (line) return line;
    if (Date.now() > deadline)
      throw new Error(`no log line for ${requestId}: ${JSON.stringify(operationLines())}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function post(token: string | undefined, body: unknown, requestId?: string) {
  return fetch(gateway().url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(requestId === undefined ? {} : { 'X-Request-Id': requestId }),
    },
    body: JSON.stringify(body),
  });
}

describe('operation log and request id', () => {
  it('logs one line per HTTP operation and sends the caller’s request id upstream', async () => {
    const alice = await tokenFor('alice');
    const response = await post(alice, { query: 'query Me { me { id name } }' }, 'front-end.4711:a');
    expect(response.headers.get('x-request-id')).toBe('front-end.4711:a');
    expect(((await response.json()) as Json).errors).toBeUndefined();
    const line = await lineOf('front-end.4711:a');
    expect(line).toMatchObject({
      level: 30, // info
      transport: 'http',
      userId: 'alice',
      operationType: 'query',
      operationName: 'Me',
      outcome: 'ok',
      errorCodes: [],
      status: 200,
    });
    expect(line.durationMs).toBeGreaterThan(0);
    expect(operationLines().filter((entry) => entry.requestId === 'front-end.4711:a')).toHaveLength(1);
    // The upstream call of `me` carried it.
    expect(
      upstream.filter((call) => call.path === '/v1/usg/dcs/member').map((call) => call.requestId),
    ).toContain('front-end.4711:a');
    // Never the token.
    expect(logText.join('')).not.toContain(alice);
  });

  it('replaces an unsafe or oversized X-Request-Id with a new UUID', async () => {
    const alice = await tokenFor('alice');
    for (const unsafe of ['has spaces and "quotes"', 'x'.repeat(129), 'line\u00e9break']) {
      const before = upstream.length;
      const response = await post(alice, { query: 'query Me { me { id } }' }, unsafe);
      const id = response.headers.get('x-request-id') ?? '';
      expect(id).toMatch(UUID);
      await response.json();
      expect(await lineOf(id)).toMatchObject({ operationName: 'Me', outcome: 'ok' });
      const calls = upstream.slice(before).filter((call) => call.path === '/v1/usg/dcs/member');
      expect(calls.map((call) => call.requestId)).toEqual([id]);
    }
    expect(logText.join('')).not.toContain('has spaces');
  });

  it('logs refused and failed HTTP operations with their codes', async () => {
    const anonymous = await post(undefined, { query: 'query Me { me { id } }' }, 'no-token-1');
    expect(anonymous.status).toBe(401);
    expect(await lineOf('no-token-1')).toMatchObject({
      outcome: 'error',
      errorCodes: ['UNAUTHENTICATED'],
      status: 401,
    });
    const alice = await tokenFor('alice');
    await (await post(alice, { query: 'query Broken { nope }' }, 'invalid-1')).json();
    expect(await lineOf('invalid-1')).toMatchObject({
      userId: 'alice',
      operationName: 'Broken',
      outcome: 'error',
      errorCodes: ['GRAPHQL_VALIDATION_FAILED'],
    });
    const missing = await post(
      alice,
      { query: 'query M($id: ID!) { meeting(meetingId: $id) { id } }', variables: { id: '999999999' } },
      'missing-1',
    );
    const body = (await missing.json()) as Json;
    const code = body.errors?.[0]?.extensions?.code;
    expect(code).toBeTruthy();
    expect(await lineOf('missing-1')).toMatchObject({
      operationName: 'M',
      outcome: 'error',
      errorCodes: [code],
    });
  });

  it('logs one line per graphql-ws operation, each with its own request id sent upstream', async () => {
    const alice = await tokenFor('alice');
    const client = connectLive(gateway().wsUrl, alice);
    clients.push(client);
    const before = upstream.length;
    const me = collect(client, 'query Me { me { id } }');
    await me.until(() => me.isCompleted(), 'the answer');
    expect(me.errors).toEqual([]);
    const line = operationLines().find((entry) => entry.transport === 'ws' && entry.operationName === 'Me');
    expect(line).toMatchObject({ userId: 'alice', operationType: 'query', outcome: 'ok', errorCodes: [] });
    expect(line.requestId).toMatch(UUID);
    expect(
      upstream
        .slice(before)
        .filter((call) => call.path === '/v1/usg/dcs/member')
        .map((c) => c.requestId),
    ).toEqual([line.requestId]);

    // A subscription's line is written when its stream opens (its subscribe phase).
    const meetingId = data(await gql(alice, '{ meetings(first: 1) { edges { node { id } } } }')).meetings
      .edges[0].node.id;
    const updates = collect(
      client,
      'subscription Watch($id: ID!) { meetingEvents(meetingId: $id) { __typename } }',
      { id: meetingId },
    );
    await updates.until(() => updates.items.length > 0, 'an update');
    const watch = operationLines().find((entry) => entry.operationName === 'Watch');
    expect(watch).toMatchObject({
      transport: 'ws',
      operationType: 'subscription',
      userId: 'alice',
      outcome: 'ok',
    });
    expect(watch.requestId).toMatch(UUID);
    updates.stop();

    // Refused before execution (validation): still a line, with its code.
    const invalid = collect(client, 'query Invalid { nope }');
    await invalid.until(() => invalid.errors.length > 0, 'the refusal');
    const refused = operationLines().filter((entry) => entry.transport === 'ws' && entry.outcome === 'error');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ userId: 'alice', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
    expect(refused[0].requestId).toMatch(UUID);
    expect(logText.join('')).not.toContain(alice);
  });
});
