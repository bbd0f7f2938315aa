// Operation deadlines end to end: an upstream that never answers (the simulator's hang fault) is answered TIMEOUT
// within OPERATION_TIMEOUT_MS, over HTTP and graphql-ws, for queries and the subscribe phase of subscriptions.
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from './testing/harness.js';
import { collect, connectLive } from './testing/liveClient.js';

const TIMEOUT_MS = 500;
// Without a deadline a hung upstream holds the operation 31-40 s (10 s per attempt, two retries).
const ANSWERED_WITHIN_MS = 4000;

const { gql, tokenFor, sim, gateway } = useGateway({ env: { OPERATION_TIMEOUT_MS: String(TIMEOUT_MS) } });
const clients: Client[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.dispose()));
  await fetch(`${sim().url}/__sim/faults`, { method: 'DELETE' });
});

/** The simulator never answers the next `count` GET calls under `pathPrefix` (the /__sim/ fault API). */
async function hang(pathPrefix: string, count = 5): Promise<void> {
  const response = await fetch(`${sim().url}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'hang', method: 'GET', pathPrefix, count }),
  });
  expect(response.status).toBe(200);
}

/** `work`'s result and how long it took, ms. */
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('operation deadline', () => {
  it('answers an HTTP query whose upstream hangs with TIMEOUT (HTTP 200) after OPERATION_TIMEOUT_MS', async () => {
    const alice = await tokenFor('alice');
    data(await gql(alice, '{ me { id } }')); // logged in: only the hung call counts below
    await hang('/v1/usg/dcs/member');
    const { result: answer, ms } = await timed(() => gql(alice, 'query Me { me { id name } }'));
    expect(answer.status).toBe(200);
    const error = expectError(answer, 'TIMEOUT');
    expect(error.message).toContain(`${TIMEOUT_MS} ms`);
    expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(ms).toBeLessThan(ANSWERED_WITHIN_MS);
    // The gateway is not stuck: the next call, with the fault used up, answers normally.
    await fetch(`${sim().url}/__sim/faults`, { method: 'DELETE' });
    expect(data(await gql(alice, '{ me { id } }')).me.id).toBeTruthy();
  });

  it('answers a graphql-ws query whose upstream hangs with an error coded TIMEOUT', async () => {
    const client = connectLive(gateway().wsUrl, await tokenFor('alice'));
    clients.push(client);
    await hang('/v1/usg/dcs/member');
    const started = performance.now();
    const result = collect(client, 'query Me { me { id } }');
    await result.until(() => result.errors.length > 0, 'an error', ANSWERED_WITHIN_MS);
    expect(performance.now() - started).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(result.errors[0].extensions?.code).toBe('TIMEOUT');
  });

  it('answers TIMEOUT when the subscribe phase of a subscription (the access check) hangs', async () => {
    const alice = await tokenFor('alice');
    const listed = data(await gql(alice, '{ meetings(first: 1) { edges { node { id } } } }'));
    const meetingId = listed.meetings.edges[0].node.id as string;
    const client = connectLive(gateway().wsUrl, alice);
    clients.push(client);
    await hang('/v1/mmc/management/conferences/confDetail');
    const started = performance.now();
    const updates = collect(
      client,
      'subscription($id: ID!) { meetingEvents(meetingId: $id) { __typename meetingId } }',
      { id: meetingId },
    );
    await updates.until(() => updates.errors.length > 0, 'an error', ANSWERED_WITHIN_MS);
    expect(performance.now() - started).toBeLessThan(ANSWERED_WITHIN_MS);
    expect(updates.errors[0].extensions?.code).toBe('TIMEOUT');
    expect(updates.items).toEqual([]);
  });
});
