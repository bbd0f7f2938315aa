import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { expectError, useGateway } from './testing/harness.js';

// One set of limits on every transport: a small message limit and token limit here, so that the tests send
// little and the limits still bite.
const { gql, gateway, tokenFor } = useGateway({
  env: { BODY_LIMIT: '16kb', MAX_TOKENS: '300', MAX_SUBSCRIPTIONS_PER_SOCKET: '3' },
});

/** A raw graphql-transport-ws socket: messages as the server sends them, and how it closed. */
async function rawSocket(token?: string) {
  const socket = new WebSocket(gateway().wsUrl, 'graphql-transport-ws');
  const messages: Array<Record<string, unknown>> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  socket.on('error', () => undefined); // the close event says what happened
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const next = async (predicate: (m: Record<string, unknown>) => boolean, what: string) => {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what}: ${JSON.stringify(messages)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const send = (message: unknown) => socket.send(JSON.stringify(message));
  if (token) {
    send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    await next((m) => m.type === 'connection_ack', 'connection_ack');
  }
  return { socket, messages, closed, next, send };
}

const manyTokens = (n: number) => `{ ${Array.from({ length: n }, () => 'ping').join(' ')} }`;

describe('limits on HTTP', () => {
  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED, not a 500', async () => {
    const answer = await gql(await tokenFor('alice'), '{ ping ');
    expect(answer.status).toBe(400);
    expectError(answer, 'GRAPHQL_PARSE_FAILED');
  });

  it('answers a document over the token limit with 400 GRAPHQL_PARSE_FAILED', async () => {
    const answer = await gql(await tokenFor('alice'), manyTokens(400));
    expect(answer.status).toBe(400);
    expect(expectError(answer, 'GRAPHQL_PARSE_FAILED').message).toMatch(/300 tokens/);
    // Under the limit the same document runs.
    expect((await gql(await tokenFor('alice'), manyTokens(100))).status).toBe(200);
  });

  it('refuses a body over BODY_LIMIT with 413 PAYLOAD_TOO_LARGE in JSON', async () => {
    const response = await fetch(gateway().url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await tokenFor('alice')}` },
      body: JSON.stringify({ query: '{ ping }', variables: { pad: 'x'.repeat(20_000) } }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: expect.any(String), extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });
});

describe('limits on graphql-ws', () => {
  it('closes a socket whose subscribe message is over BODY_LIMIT with 1009, before reading it', async () => {
    const { send, closed } = await rawSocket(await tokenFor('alice'));
    send({ id: '1', type: 'subscribe', payload: { query: `{ ping } # ${'x'.repeat(20_000)}` } });
    expect((await closed).code).toBe(1009);
    expect((await fetch(gateway().url.replace('/graphql', '/healthz'))).status).toBe(200);
  });

  it('closes an unauthenticated socket whose connection_init is over the limit with 1009', async () => {
    const { send, closed } = await rawSocket();
    send({ type: 'connection_init', payload: { authorization: 'x'.repeat(40_000) } });
    expect((await closed).code).toBe(1009);
  });

  it('limits tokens as over HTTP: GRAPHQL_PARSE_FAILED on the operation, the socket kept', async () => {
    const { send, next } = await rawSocket(await tokenFor('alice'));
    send({ id: 'big', type: 'subscribe', payload: { query: manyTokens(400) } });
    const refused = await next((m) => m.id === 'big' && m.type === 'error', 'an error for the big document');
    expect(refused.payload).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/300 tokens/),
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      }),
    ]);
    send({ id: 'small', type: 'subscribe', payload: { query: '{ ping }' } });
    const answered = await next((m) => m.id === 'small' && m.type === 'next', 'a result for ping');
    expect(answered.payload).toEqual({ data: { ping: 'pong' } });
  });

  it('refuses a message only a server sends with 4400, not 4500', async () => {
    for (const type of ['connection_ack', 'next', 'error']) {
      const { send, closed } = await rawSocket(await tokenFor('alice'));
      send({ id: '1', type, payload: {} });
      expect(await closed).toEqual({ code: 4400, reason: expect.stringContaining('server message') });
    }
  });

  it('answers variables that do not coerce with BAD_USER_INPUT, as over HTTP', async () => {
    const { send, next } = await rawSocket(await tokenFor('alice'));
    const query = 'query ($id: ID!) { meeting(meetingId: $id) { id } }';
    send({ id: 'missing', type: 'subscribe', payload: { query } });
    send({ id: 'typed', type: 'subscribe', payload: { query, variables: { id: { not: 'an id' } } } });
    for (const id of ['missing', 'typed']) {
      const answer = await next((m) => m.id === id && m.type === 'error', `the refusal of ${id}`);
      const errors = answer.payload as Array<{ message: string; extensions: { code: string } }>;
      expect(errors.map((error) => error.extensions.code)).toEqual(['BAD_USER_INPUT']);
      expect(errors[0]?.message).toMatch(/\$id/);
    }
    // The same mistakes over HTTP, for comparison.
    expectError(await gql(await tokenFor('alice'), query, {}), 'BAD_USER_INPUT');
  });

  it('caps the operations open on one socket; a finished one frees its place', async () => {
    const admin = await tokenFor('admin', ['admin']);
    const { send, next, messages } = await rawSocket(admin);
    const subscription = 'subscription { enterpriseEvents { __typename } }';
    for (const id of ['1', '2', '3', '4']) send({ id, type: 'subscribe', payload: { query: subscription } });
    const refused = await next((m) => m.id === '4' && m.type === 'error', 'the refusal of the fourth');
    expect(refused.payload).toEqual([
      expect.objectContaining({ extensions: { code: 'LIMIT_EXCEEDED', limit: 'subscriptionsPerSocket' } }),
    ]);
    expect(messages.filter((m) => m.type === 'error' && m.id !== '4')).toEqual([]);
    send({ id: '1', type: 'complete' });
    // graphql-ws forgets the completed id as it reads the message; the fifth then fits.
    await new Promise((resolve) => setTimeout(resolve, 50));
    send({ id: '5', type: 'subscribe', payload: { query: '{ ping }' } });
    const answered = await next((m) => m.id === '5' && m.type === 'next', 'a result for the fifth');
    expect(answered.payload).toEqual({ data: { ping: 'pong' } });
  });
});
