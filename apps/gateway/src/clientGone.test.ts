// A client that goes away mid-operation (an HTTP request aborted, a graphql-ws socket closed) ends the operation's
// upstream calls at once, instead of leaving them running until OPERATION_TIMEOUT_MS.

import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { data, useGateway } from './testing/harness.js';

// Far beyond the test's own waits: only the client's leaving can end the hung calls in time.
const { gql, tokenFor, sim, gateway } = useGateway({ env: { OPERATION_TIMEOUT_MS: '60000' } });

afterEach(async () => {
  await fetch(`${sim().url}/__sim/faults`, { method: 'DELETE' });
});

/** The simulator never answers the next `count` meeting lists (the /__sim/ fault API). */
async function hangMeetingLists(count = 1): Promise<void> {
  const response = await fetch(`${sim().url}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      kind: 'hang',
      method: 'GET',
      pathPrefix: '/v1/mmc/management/conferences',
      count,
    }),
  });
  expect(response.status).toBe(200);
}

/** Waits until the hung call has reached the simulator (the fault has been used). */
async function untilHangTaken(): Promise<void> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const state = (await (await fetch(`${sim().url}/__sim/state`)).json()) as { faults: unknown[] };
    if (state.faults.length === 0) return;
    if (Date.now() > deadline) throw new Error('the meeting list never reached the simulator');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Upstream meeting-list attempts that ended because their operation was cut (the gateway's own metrics). */
async function abortedLists(): Promise<number> {
  const text = await (await fetch(gateway().url.replace(/\/graphql$/, '/metrics'))).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('hwmeeting_upstream_calls_total{') && l.includes('status="ABORTED"'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Waits until the number of aborted upstream attempts exceeds `before`, at most 3 s. */
async function untilAborted(before: number): Promise<number> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const now = await abortedLists();
    if (now > before || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('a client that goes away', () => {
  it('over HTTP: aborting the request cuts its upstream calls', async () => {
    const alice = await tokenFor('alice');
    data(await gql(alice, '{ me { id } }')); // logged in: only the hung call is upstream below
    const before = await abortedLists();
    await hangMeetingLists();
    const request = new AbortController();
    const answer = fetch(gateway().url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alice}` },
      body: JSON.stringify({ query: '{ meetings(first: 1) { totalCount } }' }),
      signal: request.signal,
    }).catch((error: unknown) => error);
    await untilHangTaken();
    request.abort();
    expect(await answer).toBeInstanceOf(Error);
    expect(await untilAborted(before)).toBe(before + 1);
  });

  it('over graphql-ws: closing the socket cuts the upstream calls of its operations', async () => {
    const alice = await tokenFor('alice');
    data(await gql(alice, '{ me { id } }'));
    const before = await abortedLists();
    await hangMeetingLists();
    const socket = new WebSocket(gateway().wsUrl, 'graphql-transport-ws');
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const acked = new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${alice}` } }));
    await acked;
    socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: '{ meetings(first: 1) { totalCount } }' },
      }),
    );
    await untilHangTaken();
    socket.terminate();
    expect(await untilAborted(before)).toBe(before + 1);
  });
});
