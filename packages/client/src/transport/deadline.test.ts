import { describe, expect, it } from 'vitest';
import { ClientErrorCode } from '../index.js';
import { errorReply, tokenAnswer } from '../testing/fakeUpstream.js';
import { failure, useUpstream } from '../testing/upstreamClients.js';

const { upstream, client } = useUpstream();
const MEETINGS = 'GET /v1/mmc/management/conferences';
const LOGIN = 'POST /v2/usg/acs/auth/appauth';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long a promise takes to settle, in ms. */
async function timed(promise: Promise<unknown>): Promise<number> {
  const started = performance.now();
  await promise.catch(() => undefined);
  return performance.now() - started;
}

describe("the caller's signal", () => {
  it('cuts a hung request: TIMEOUT at the deadline, although attempts may last 10 s and retries are on', async () => {
    const c = client({ timeoutMs: 10_000, retry: { maxRetries: 2 } });
    await c.auth.token();
    upstream().on(MEETINGS, () => 'hang');
    const call = c.meetings.list({}, { signal: AbortSignal.timeout(300) });
    const elapsed = await timed(call);
    const error = await failure(call);
    expect(error.code).toBe(ClientErrorCode.TIMEOUT);
    expect(error.message).toContain('deadline');
    expect(elapsed).toBeLessThan(1_000);
    // The request in flight was cut at the socket, and never sent again.
    await pause(50);
    expect(
      upstream()
        .received(MEETINGS)
        .map((r) => r.closedEarly),
    ).toEqual([true]);
  });

  it('cuts the wait before a retry', async () => {
    const c = client({ retry: { maxRetries: 2, maxRetryAfterSeconds: 60 } });
    await c.auth.token();
    // The server asks for 20 s before the retry; the caller gives the whole call 300 ms.
    upstream().on(MEETINGS, () => errorReply(503, 'TEST.503', { 'Retry-After': '20' }));
    const call = c.meetings.list({}, { signal: AbortSignal.timeout(300) });
    const elapsed = await timed(call);
    expect((await failure(call)).code).toBe(ClientErrorCode.TIMEOUT);
    expect(elapsed).toBeLessThan(1_000);
    expect(upstream().received(MEETINGS)).toHaveLength(1);
  });

  it('is ABORTED when aborted without a timeout reason', async () => {
    const c = client();
    await c.auth.token();
    upstream().on(MEETINGS, () => 'hang');
    const controller = new AbortController();
    const call = c.meetings.list({}, { signal: controller.signal });
    await pause(30);
    controller.abort();
    const error = await failure(call);
    expect(error.code).toBe(ClientErrorCode.ABORTED);
    expect(error.message).not.toContain('deadline');
  });

  it('ends one caller’s wait for a shared login without failing the others waiting on it', async () => {
    const c = client();
    upstream().on(LOGIN, async () => {
      await pause(400);
      return { status: 200, body: tokenAnswer() };
    });
    const hurried = c.meetings.list({}, { signal: AbortSignal.timeout(100) });
    const patient = c.meetings.list({});
    const elapsed = await timed(hurried);
    expect((await failure(hurried)).code).toBe(ClientErrorCode.TIMEOUT);
    expect(elapsed).toBeLessThan(350);
    expect((await patient).count).toBe(0);
    expect(upstream().received(LOGIN)).toHaveLength(1);
    expect(upstream().received(LOGIN)[0]?.closedEarly).toBe(false);
  });

  it('stops a shared login once every caller has left, and the next caller logs in afresh', async () => {
    const c = client();
    upstream().on(LOGIN, () => 'hang');
    const first = c.meetings.list({}, { signal: AbortSignal.timeout(80) });
    const second = c.users.me({ signal: AbortSignal.timeout(120) });
    expect((await failure(first)).code).toBe(ClientErrorCode.TIMEOUT);
    expect((await failure(second)).code).toBe(ClientErrorCode.TIMEOUT);
    await pause(50);
    expect(
      upstream()
        .received(LOGIN)
        .map((r) => r.closedEarly),
    ).toEqual([true]);
    upstream().on(LOGIN, () => ({ status: 200, body: tokenAnswer() }));
    expect((await c.meetings.list({})).count).toBe(0);
    expect(upstream().received(LOGIN)).toHaveLength(2);
  });
});

describe('X-Request-ID', () => {
  it("sends the caller's id on every attempt of a call", async () => {
    const c = client();
    await c.auth.token();
    let answered = 0;
    upstream().on(MEETINGS, () =>
      answered++ === 0
        ? errorReply(503)
        : { status: 200, body: { offset: 0, limit: 20, count: 0, data: [] } },
    );
    await c.meetings.list({}, { requestId: 'trace-42' });
    expect(
      upstream()
        .received(MEETINGS)
        .map((r) => r.headers['x-request-id']),
    ).toEqual(['trace-42', 'trace-42']);
  });

  it('uses one generated id for every attempt of a call, a 401 re-login included, and a new one per call', async () => {
    const c = client();
    await c.auth.token();
    let answered = 0;
    upstream().on(MEETINGS, () => {
      answered++;
      if (answered === 1) return errorReply(503);
      if (answered === 2) return errorReply(401, 'USG.000000004');
      return { status: 200, body: { offset: 0, limit: 20, count: 0, data: [] } };
    });
    await c.meetings.list({});
    await c.meetings.list({});
    const ids = upstream()
      .received(MEETINGS)
      .map((r) => r.headers['x-request-id']);
    expect(ids).toHaveLength(4);
    expect(new Set(ids.slice(0, 3)).size).toBe(1);
    expect(ids[3]).not.toBe(ids[0]);
  });
});
