import { afterEach, describe, expect, it } from 'vitest';
import { data, useGateway } from './testing/harness.js';

// When the meeting server itself asks to slow down (429 with Retry-After), the front end is told when to come
// back too, as for the gateway's own rate limit: `extensions.retryAfterSeconds` beside RATE_LIMITED.
const { gql, tokenFor, sim } = useGateway();

afterEach(async () => {
  await fetch(`${sim().url}/__sim/faults`, { method: 'DELETE' });
});

describe("the meeting server's own 429", () => {
  it('is RATE_LIMITED with the retryAfterSeconds the meeting server asked for', async () => {
    const alice = await tokenFor('alice');
    data(await gql(alice, '{ me { id } }')); // logged in: only the meeting list meets the fault
    const fault = await fetch(`${sim().url}/__sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        kind: 'status',
        status: 429,
        retryAfterSeconds: 1,
        method: 'GET',
        pathPrefix: '/v1/mmc/management/conferences',
        count: 20,
      }),
    });
    expect(fault.status).toBe(200);
    const answer = await gql(alice, '{ meetings(first: 1) { totalCount } }');
    const error = answer.body.errors?.[0];
    expect(error?.extensions?.code).toBe('RATE_LIMITED');
    expect(error?.extensions?.retryAfterSeconds).toBe(1);
  });
});
