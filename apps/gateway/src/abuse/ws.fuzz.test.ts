// Abuse suite, graphql-ws messages: malformed frames, unknown types, binary frames, subscribe before init,
// duplicate ids, payloads of the wrong shape, messages over the size limit, many subscriptions on one socket and
// many distinct large documents. The server answers every error with a code or closes the socket with a 4xxx
// code (1009 for a message too big) and a reason, never 4500 or a dropped connection; it stays up with a bounded
// heap and logs nothing it was sent.
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type AbuseGateway,
  codedErrorSchema,
  expectHeapGrowthBelow,
  expectMarkerNeverLogged,
  fuzzBudget,
  HEAP_GROWTH_BOUND,
  heapAfterGc,
  isRefusalClose,
  MARKER,
  type RawSocket,
  rawSocket,
  timeoutFor,
  useAbuseGateway,
} from '../testing/abuse.js';

const BUDGET_MS = 2500;
/** Far above any sensible graphql-ws message limit (ws's own default is 100 MiB, which is the problem). */
const OVERSIZED_BYTES = 8 * 1024 * 1024;

const gateway: AbuseGateway = useAbuseGateway('production');
const tokens = { alice: '', admin: '' };
let meetingId = '';
let heapBefore = 0;
const sockets: RawSocket[] = [];

beforeAll(async () => {
  tokens.alice = await gateway.tokenFor('alice');
  tokens.admin = await gateway.tokenFor('admin', ['admin']);
  const running = [...gateway.sim().store.meetings.values()].find((m) => m.state === 'Created' && m.live);
  if (!running) throw new Error('the demo seed has no meeting in progress');
  meetingId = running.conferenceID;
  heapBefore = heapAfterGc();
});
afterEach(() => {
  for (const raw of sockets.splice(0)) raw.socket.terminate();
});

/** Opens a raw socket and remembers it for closing after the test. */
async function open(): Promise<RawSocket> {
  const raw = rawSocket(gateway);
  sockets.push(raw);
  await raw.opened;
  return raw;
}

/** Sends `connection_init` with the token and waits for the ack. */
async function openAcked(token = tokens.admin): Promise<RawSocket> {
  const raw = await open();
  raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  await raw.until(() => raw.received.some((m) => (m as { type?: string }).type === 'connection_ack'));
  expect(raw.received, 'no connection_ack').toContainEqual({ type: 'connection_ack' });
  return raw;
}

/** What is wrong with what the server sent on a socket and how it ended: empty when fine. */
function socketProblems(raw: RawSocket, close: { code: number; reason: string } | undefined): string[] {
  const problems: string[] = [];
  for (const message of raw.received) {
    const m = message as { type?: string; payload?: unknown };
    if (typeof message !== 'object' || message === null) problems.push(`not JSON: ${String(message)}`);
    else if (m.type === 'error') {
      const errors = Array.isArray(m.payload) ? m.payload : [m.payload];
      for (const error of errors)
        if (!codedErrorSchema.safeParse(error).success)
          problems.push(`uncoded error: ${JSON.stringify(error).slice(0, 200)}`);
      if (JSON.stringify(errors).includes('INTERNAL_SERVER_ERROR'))
        problems.push(`INTERNAL_SERVER_ERROR: ${JSON.stringify(errors).slice(0, 200)}`);
    } else if (m.type === 'next') {
      const errors = (m.payload as { errors?: unknown[] } | undefined)?.errors ?? [];
      for (const error of errors)
        if (!codedErrorSchema.safeParse(error).success)
          problems.push(`uncoded error in next: ${JSON.stringify(error).slice(0, 200)}`);
      if (JSON.stringify(errors).includes('INTERNAL_SERVER_ERROR'))
        problems.push(`INTERNAL_SERVER_ERROR in next: ${JSON.stringify(errors).slice(0, 200)}`);
    }
  }
  if (close && !isRefusalClose(close.code, close.reason))
    problems.push(`closed ${close.code} "${close.reason}"`);
  return problems;
}

/** A frame as the fuzzer describes it (built when sent, so that a counterexample prints short). */
type Frame =
  | { init: 'admin' | 'alice' | 'none' | 'marker' | 'not-an-object' | 'bad-header' }
  | { subscribe: string; id: string; variables?: unknown }
  | { complete: string }
  | { ping: boolean }
  | { type: string }
  | { text: string }
  | { bytes: number[] };

const QUERIES: Record<string, string> = {
  ping: '{ ping }',
  participants:
    'subscription($id: ID!) { participants(meetingId: $id) { reason participants { participantId } } }',
  status: 'subscription($id: ID!) { meetingStatus(meetingId: $id) { reason status { locked muteAll } } }',
  events: 'subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename cursor } }',
  enterprise: 'subscription { enterpriseEvents { type name } }',
  missing: 'subscription { participants(meetingId: "no-such-meeting") { reason } }',
  broken: 'subscription { participants(',
  password: `mutation { createUser(input: { name: "x", initialPassword: "${MARKER}" }) { id } }`,
};

function build(frame: Frame): string | Buffer {
  if ('text' in frame) return frame.text;
  if ('bytes' in frame) return Buffer.from(frame.bytes);
  if ('type' in frame) return JSON.stringify({ type: frame.type, payload: { password: MARKER } });
  if ('ping' in frame) return JSON.stringify({ type: frame.ping ? 'ping' : 'pong' });
  if ('complete' in frame) return JSON.stringify({ type: 'complete', id: frame.complete });
  if ('init' in frame) {
    const payload = {
      admin: { authorization: `Bearer ${tokens.admin}` },
      alice: { authorization: `Bearer ${tokens.alice}` },
      none: undefined,
      marker: { authorization: `Bearer ${MARKER}`, password: MARKER },
      'not-an-object': [MARKER],
      'bad-header': { authorization: tokens.alice },
    }[frame.init];
    return JSON.stringify({ type: 'connection_init', payload });
  }
  const query = QUERIES[frame.subscribe] ?? frame.subscribe;
  const variables = frame.variables === undefined ? { id: meetingId } : frame.variables;
  return JSON.stringify({ type: 'subscribe', id: frame.id, payload: { query, variables } });
}

const ids = fc.constantFrom('1', '2', '', 'x'.repeat(300), MARKER);
const frames: fc.Arbitrary<Frame> = fc.oneof(
  {
    arbitrary: fc.record({
      init: fc.constantFrom('admin', 'alice', 'none', 'marker', 'not-an-object', 'bad-header'),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record(
      {
        subscribe: fc.oneof(fc.constantFrom(...Object.keys(QUERIES)), fc.string({ maxLength: 20 })),
        id: ids,
        variables: fc.oneof(
          fc.constant({ id: MARKER }),
          fc.constant({}),
          fc.jsonValue({ maxDepth: 2 }),
          fc.constant({ id: `${MARKER}\u0000` }),
        ),
      },
      { requiredKeys: ['subscribe', 'id'] },
    ),
    weight: 4,
  },
  { arbitrary: fc.record({ complete: ids }), weight: 1 },
  { arbitrary: fc.record({ ping: fc.boolean() }), weight: 1 },
  {
    arbitrary: fc.record({
      type: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('next', 'error', 'connection_ack')),
    }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      text: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom(
          '',
          'null',
          '[]',
          '{}',
          '{"type":1}',
          `{"type":"subscribe","id":"1","payload":"${MARKER}"}`,
        ),
        fc.jsonValue({ maxDepth: 2 }).map((value) => JSON.stringify(value)),
      ),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ bytes: fc.array(fc.nat({ max: 255 }), { maxLength: 40 }) }), weight: 1 },
);

describe('graphql-ws messages', () => {
  it(
    'random frame sequences: errors coded, closes with a 4xxx code and a reason',
    async () => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 6 }), async (sequence) => {
          const raw = await open();
          for (const frame of sequence) {
            if (raw.isClosed()) break;
            raw.socket.send(build(frame));
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          // Let the server answer what it got (a subscription's snapshot takes an upstream call).
          const before = raw.received.length;
          await raw.until(() => false, 150);
          if (raw.received.length > before) await raw.until(() => false, 150);
          const close = raw.isClosed() ? await raw.closed : undefined;
          raw.socket.terminate();
          if (++runs % 25 === 0) await gateway.expectAlive();
          expect(socketProblems(raw, close)).toEqual([]);
        }),
        fuzzBudget(BUDGET_MS),
      );
      await gateway.expectAlive();
    },
    timeoutFor(BUDGET_MS),
  );

  it('subscribe before connection_init closes the socket 4401', async () => {
    const raw = await open();
    raw.socket.send(build({ subscribe: 'ping', id: '1' }));
    expect(await raw.closed).toMatchObject({ code: 4401 });
  });

  it('a duplicate subscription id closes the socket 4409', async () => {
    const raw = await openAcked();
    raw.socket.send(build({ subscribe: 'enterprise', id: 'same' }));
    raw.socket.send(build({ subscribe: 'enterprise', id: 'same' }));
    expect(await raw.closed).toMatchObject({ code: 4409 });
  });

  it('a connection_init over the message limit is refused unread (1009), even with a valid token', async () => {
    const raw = await open();
    raw.socket.send(
      JSON.stringify({
        type: 'connection_init',
        payload: { authorization: `Bearer ${tokens.alice}`, padding: MARKER + 'p'.repeat(OVERSIZED_BYTES) },
      }),
    );
    await raw.until(() => raw.received.length > 0, 5000);
    const close = raw.isClosed() ? await raw.closed : undefined;
    expect(raw.received).not.toContainEqual({ type: 'connection_ack' });
    expect(close?.code).toBe(1009);
  });

  it('a subscribe over the message limit is refused unread (1009)', async () => {
    const raw = await openAcked(tokens.alice);
    raw.socket.send(
      JSON.stringify({
        type: 'subscribe',
        id: 'big',
        payload: { query: '{ ping }', variables: { password: MARKER + 'v'.repeat(OVERSIZED_BYTES) } },
      }),
    );
    await raw.until(() => raw.received.length > 1, 10_000);
    const close = raw.isClosed() ? await raw.closed : undefined;
    expect(raw.received.map((m) => (m as { type?: string }).type)).toEqual(['connection_ack']);
    expect(close?.code).toBe(1009);
  });

  it('one socket cannot open subscriptions without bound: past a cap they are refused with a code', async () => {
    const raw = await openAcked();
    const count = 1000;
    for (let i = 0; i < count; i++) raw.socket.send(build({ subscribe: 'enterprise', id: `s${i}` }));
    // Each either stays open (silent: no enterprise events come) or is refused with an error.
    await raw.until(() => raw.received.length >= count, 1500);
    const refused = raw.received.filter((m) => (m as { type?: string }).type === 'error');
    const close = raw.isClosed() ? await raw.closed : undefined;
    expect(socketProblems(raw, close)).toEqual([]);
    // Refused with a coded error, or the socket closed with a 4xxx code: either way, not all 1000 kept.
    expect(
      refused.length > 0 || close !== undefined,
      `all ${count} subscriptions on one socket were accepted`,
    ).toBe(true);
    await gateway.expectAlive();
  });

  it('thousands of distinct large documents do not stay in memory', async () => {
    const before = heapAfterGc();
    let raw = await openAcked(tokens.alice);
    const count = 800;
    // 60 KB each: under any message limit near BODY_LIMIT; a comment is no token, so under the token limit too.
    const padding = 'c'.repeat(60 * 1024);
    for (let i = 0; i < count; i++) {
      if (raw.isClosed()) raw = await openAcked(tokens.alice);
      raw.socket.send(
        JSON.stringify({ type: 'subscribe', id: `d${i}`, payload: { query: `{ ping } # ${i} ${padding}` } }),
      );
      if (i % 50 === 49) {
        const current = raw;
        await current.until(
          () => current.received.filter((m) => (m as { type?: string }).type === 'complete').length >= 50,
          5000,
        );
        current.received.length = 0;
      }
    }
    raw.socket.terminate();
    await gateway.expectAlive();
    expectHeapGrowthBelow(before, HEAP_GROWTH_BOUND / 2);
  }, 60_000);
});

describe('after the fuzzing', () => {
  it('never logs a message, a variable or a token (the marker planted in them)', () => {
    expectMarkerNeverLogged(gateway);
  });

  it('stays up with a bounded heap', async () => {
    await gateway.expectAlive();
    expectHeapGrowthBelow(heapBefore);
  });
});
