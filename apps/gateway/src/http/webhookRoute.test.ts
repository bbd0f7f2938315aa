// The gateway's webhook route against hostile bodies: refused with a JSON answer, never a 5xx.
import { describe, expect, it } from 'vitest';
import { useGateway } from '../testing/harness.js';

const { gateway } = useGateway({
  // As on the embedded simulator: the gateway mounts its webhook route and registers it there.
  gateway: () => ({ embedded: true }),
});

const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;

async function deliver(body: string): Promise<{ status: number; type: string | null; json: unknown }> {
  const response = await fetch(gateway().url.replace(/\/graphql$/, '/webhooks/meeting'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  const type = response.headers.get('content-type');
  return { status: response.status, type, json: JSON.parse(await response.text()) };
}

describe('webhook route', () => {
  it('answers an unsigned 10,000-deep body with a 401 JSON refusal', async () => {
    const bodies = [
      deep(10_000),
      `{"appID":"someone","timestamp":${Date.now()},"nonce":"1","signature":"${'0'.repeat(64)}","eventInfo":{"event":"meeting.create","timestamp":1,"x":${deep(10_000)}}}`,
    ];
    for (const body of bodies) {
      const answer = await deliver(body);
      expect(answer.status, body.slice(0, 60)).toBe(401);
      expect(answer.type).toMatch(/^application\/json/);
      expect(answer.json).toMatchObject({ error: expect.any(String), message: expect.any(String) });
    }
    // Still serving.
    const health = await fetch(gateway().url.replace(/\/graphql$/, '/healthz'));
    expect(health.status).toBe(200);
  });
});
