import { ClientErrorCode, createMeetingClient, MeetingApiError, type MeetingClient } from '@hwmeeting/client';
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from './logger.js';
import { GatewayMetrics } from './metrics.js';
import { upstreamLog } from './upstreamLog.js';

interface Line {
  level: number;
  msg: string;
  component?: string;
  [field: string]: unknown;
}
const DEBUG = 20;
const INFO = 30;
const WARN = 40;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterAll(() => sim.close());

const clients: MeetingClient[] = [];
afterEach(async () => {
  sim.faults.clear();
  await Promise.allSettled(clients.splice(0).map((c) => c.dispose()));
});

/** A logger at `level` writing JSON lines to memory (with the gateway's redaction), and what it wrote. */
function memoryLogger(level: string) {
  const text: string[] = [];
  const logger = pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } },
    { write: (chunk: string) => text.push(chunk) },
  );
  const lines = () =>
    text
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
  return { logger, lines, text: () => text.join('') };
}

function clientWith(hooks: ReturnType<typeof upstreamLog>, appKey = sim.appKey): MeetingClient {
  const client = createMeetingClient({
    endpoint: sim.url,
    credentials: { appId: sim.appId, appKey },
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    breaker: { consecutiveFailures: 3, halfOpenAfterMs: 100 },
    ...hooks,
  });
  clients.push(client);
  return client;
}

describe('upstreamLog', () => {
  it('writes a debug line per upstream attempt and counts it in the metrics', async () => {
    const { logger, lines } = memoryLogger('debug');
    const metrics = new GatewayMetrics();
    const client = clientWith(upstreamLog(logger, metrics));
    sim.faults.add({ kind: 'status', status: 503, count: 1, pathPrefix: '/v1/mmc/management/conferences' });
    await client.meetings.list({ offset: 0, limit: 5 }, { requestId: 'req-from-gateway' });

    const calls = lines().filter((l) => l.msg === 'upstream call');
    expect(calls.every((l) => l.level === DEBUG && l.component === 'upstream')).toBe(true);
    expect(calls.map((l) => [l.operation, l.status, l.attempt])).toEqual([
      ['createAppIdToken', 200, 1],
      ['searchMeetings', 503, 1],
      ['searchMeetings', 200, 2],
    ]);
    expect(calls[1]).toMatchObject({
      area: 'meetings',
      method: 'GET',
      path: '/v1/mmc/management/conferences',
      requestId: 'req-from-gateway',
      code: expect.any(String),
    });
    for (const line of calls) expect(line.durationMs).toEqual(expect.any(Number));
    const counted = await metrics.registry.getSingleMetricAsString('hwmeeting_upstream_calls_total');
    expect(counted).toContain('operation="searchMeetings",status="503"} 1');
    expect(counted).toContain('operation="searchMeetings",status="200"} 1');
  });

  it('writes nothing per attempt above debug, but still counts', async () => {
    const { logger, lines } = memoryLogger('info');
    const metrics = new GatewayMetrics();
    const client = clientWith(upstreamLog(logger, metrics));
    await client.users.me();
    expect(lines()).toEqual([]);
    expect(await metrics.registry.getSingleMetricAsString('hwmeeting_upstream_calls_total')).toContain(
      'operation="showMyInfo",status="200"} 1',
    );
  });

  it('warns when an area’s breaker opens and tells when it half-opens and closes', async () => {
    const { logger, lines } = memoryLogger('info');
    const client = clientWith(upstreamLog(logger));
    await client.auth.token();
    sim.faults.add({ kind: 'status', status: 502, count: 3, pathPrefix: '/v1/mmc/management/conferences' });
    // The call and its two retries fail: the third failure opens the circuit, and the next call is refused.
    const failed = await client.meetings.list({ offset: 0, limit: 5 }).catch((e: unknown) => e);
    expect((failed as MeetingApiError).httpStatus).toBe(502);
    const refused = await client.meetings.list({ offset: 0, limit: 5 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MeetingApiError);
    expect((refused as MeetingApiError).code).toBe(ClientErrorCode.CIRCUIT_OPEN);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await client.meetings.list({ offset: 0, limit: 5 });

    const breaker = lines().filter((l) => l.area === 'meetings');
    expect(breaker.map((l) => [l.level, l.state, l.cause])).toEqual([
      [WARN, 'open', '502'],
      [INFO, 'half-open', undefined],
      [INFO, 'closed', undefined],
    ]);
    expect(breaker[0]).toMatchObject({
      endpoint: sim.url,
      msg: 'upstream breaker open: meetings calls are refused',
    });
  });

  it('warns of a refused login with the userId and code, never the appKey or a token', async () => {
    const { logger, lines, text } = memoryLogger('debug');
    const client = clientWith(upstreamLog(logger), 'not-the-app-key');
    const error = await client.meetings
      .list({ offset: 0, limit: 5 }, { userId: 'alice' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeetingApiError);

    const failures = lines().filter((l) => l.level === WARN);
    expect(failures).toEqual([
      expect.objectContaining({
        msg: 'upstream access token obtain failed',
        tokenKind: 'access',
        stage: 'obtain',
        operation: 'createAppIdToken',
        userId: 'alice',
        status: 401,
        code: expect.any(String),
        requestId: expect.any(String),
      }),
    ]);
    expect(text()).not.toContain('not-the-app-key');

    // A working client's log holds none of its tokens either.
    const good = memoryLogger('debug');
    const working = clientWith(upstreamLog(good.logger));
    const { accessToken, refreshToken } = await working.auth.token('alice');
    await working.users.me({ userId: 'alice' });
    expect(good.text()).not.toContain(accessToken);
    if (refreshToken) expect(good.text()).not.toContain(refreshToken);
    expect(good.text()).not.toContain(sim.appKey);
  });
});
