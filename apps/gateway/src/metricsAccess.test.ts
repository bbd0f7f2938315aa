// Who may read /metrics: METRICS_TOKEN (a bearer token), METRICS_PORT (a port of its own), and in production
// nobody on the main port unless METRICS_PUBLIC says so.
import { describe, expect, it } from 'vitest';
import { useGateway } from './testing/harness.js';
import type { Json } from './testing/liveClient.js';

const TOKEN = 'metrics-token-0123456789abcdef';
const mainMetrics = (url: string) => url.replace(/\/graphql$/, '/metrics');
const get = (url: string, authorization?: string) =>
  fetch(url, { headers: authorization ? { Authorization: authorization } : {} });

/** Expects the JSON refusal of an unauthenticated metrics request. */
async function expectRefused(response: Response): Promise<void> {
  expect(response.status).toBe(401);
  const body = (await response.json()) as Json;
  expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  expect(body.errors[0].message).toContain('METRICS_TOKEN');
}

describe('METRICS_TOKEN', () => {
  const { gateway } = useGateway({ env: { METRICS_TOKEN: TOKEN } });

  it('serves /metrics only to the bearer of the token', async () => {
    const url = mainMetrics(gateway().url);
    await expectRefused(await get(url));
    await expectRefused(await get(url, `Bearer ${TOKEN}x`));
    await expectRefused(await get(url, `Basic ${TOKEN}`));
    const answer = await get(url, `Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('hwmeeting_graphql_operations_total');
  });
});

describe('METRICS_PORT', () => {
  const { gateway } = useGateway({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });

  it('serves /metrics on its own port only, behind the token when one is set', async () => {
    expect((await get(mainMetrics(gateway().url), `Bearer ${TOKEN}`)).status).toBe(404);
    const url = gateway().metricsUrl ?? '';
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(new URL(url).port).not.toBe(new URL(gateway().url).port);
    await expectRefused(await get(url));
    const answer = await get(url, `Bearer ${TOKEN}`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('hwmeeting_open_subscriptions');
    expect((await get(url.replace(/\/metrics$/, '/graphql'))).status).toBe(404);
  });
});

describe('production without METRICS_PORT or METRICS_TOKEN', () => {
  const { gateway } = useGateway({ env: { NODE_ENV: 'production', HOST: '127.0.0.1' } });

  it('does not serve /metrics on the main port', async () => {
    expect((await get(mainMetrics(gateway().url))).status).toBe(404);
    expect(gateway().metricsUrl).toBeUndefined();
  });
});

describe('production with METRICS_PUBLIC=true', () => {
  const { gateway } = useGateway({
    env: { NODE_ENV: 'production', HOST: '127.0.0.1', METRICS_PUBLIC: 'true' },
  });

  it('serves /metrics on the main port without a token', async () => {
    const answer = await get(mainMetrics(gateway().url));
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('hwmeeting_graphql_operations_total');
  });
});
