import {
  ClientErrorCode,
  type MeetingClientOptions,
  type TransportEvent,
  validateToken,
} from '@hwmeeting/client';
import { checkToken, updateToken } from '@hwmeeting/client/wire';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, failure, useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo' });
afterEach(() => sim().faults.clear());

/** A client core with quick retries, and the transport events it records. */
function client(extra: Partial<MeetingClientOptions> = {}) {
  const events: TransportEvent[] = [];
  const core = clientFor(sim(), {
    retry: { initialDelayMs: 5, maxDelayMs: 20 },
    onEvent: (event) => events.push(event),
    ...extra,
  });
  return { core, events };
}

describe('transport against the simulator', () => {
  it('retries an idempotent call through 5xx answers and connection resets', async () => {
    const { core, events } = client();
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({ kind: 'status', status: 503, count: 1, pathPrefix: '/v1/usg/acs/token/validate' });
    sim().faults.add({ kind: 'reset', count: 1, pathPrefix: '/v1/usg/acs/token/validate' });
    const answer = await validateToken(core.transport, { token: accessToken });
    expect(answer.accessToken).toBe(accessToken);
    const attempts = events.filter((e) => e.operation === checkToken.name);
    expect(attempts.map((e) => e.httpStatus ?? e.code)).toEqual([503, ClientErrorCode.NETWORK, 200]);
    await core.dispose();
  });

  it('does not resend a call that is not idempotent after a 5xx', async () => {
    const { core, events } = client();
    const { refreshToken } = await core.tokens.token('alice');
    sim().faults.add({
      kind: 'status',
      status: 500,
      count: 1,
      pathPrefix: '/v1/usg/acs/token',
      method: 'PUT',
    });
    const error = await failure(
      core.transport.request({
        operation: updateToken,
        auth: () => ({ headers: { 'X-Access-Token': refreshToken ?? '' } }),
      }),
    );
    expect(error.httpStatus).toBe(500);
    expect(events.filter((e) => e.operation === updateToken.name)).toHaveLength(1);
    await core.dispose();
  });

  it('waits for Retry-After on 429, even for a call that is not idempotent', async () => {
    const { core, events } = client();
    const { refreshToken } = await core.tokens.token('alice');
    sim().faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 1,
      pathPrefix: '/v1/usg/acs/token',
      method: 'PUT',
    });
    const started = Date.now();
    const answer = await core.transport.request<{ accessToken: string }>({
      operation: updateToken,
      auth: () => ({ headers: { 'X-Access-Token': refreshToken ?? '' } }),
    });
    expect(answer.data.accessToken).toMatch(/^\w{40}$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(events.filter((e) => e.operation === updateToken.name).map((e) => e.httpStatus)).toEqual([
      429, 200,
    ]);
    await core.dispose();
  });

  it('gives up on a 429 that asks to wait longer than allowed', async () => {
    const { core } = client({ retry: { maxRetryAfterSeconds: 2, initialDelayMs: 5 } });
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({
      kind: 'status',
      status: 429,
      retryAfterSeconds: 60,
      pathPrefix: '/v1/usg/acs/token/validate',
    });
    const error = await failure(validateToken(core.transport, { token: accessToken }));
    expect(error).toMatchObject({ httpStatus: 429, code: '100000429', retryAfterSeconds: 60 });
    await core.dispose();
  });

  it('opens the circuit after consecutive failures, then closes it after a successful trial', async () => {
    const { core, events } = client({
      retry: false,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 200 },
    });
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({ kind: 'status', status: 502, count: 3, pathPrefix: '/v1/usg/acs/token/validate' });
    for (let i = 0; i < 3; i++)
      expect((await failure(validateToken(core.transport, { token: accessToken }))).httpStatus).toBe(502);
    const sentBefore = events.length;
    const open = await failure(validateToken(core.transport, { token: accessToken }));
    expect(open.code).toBe(ClientErrorCode.CIRCUIT_OPEN);
    expect(events.length).toBe(sentBefore);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await validateToken(core.transport, { token: accessToken })).accessToken).toBe(accessToken);
    expect((await validateToken(core.transport, { token: accessToken })).accessToken).toBe(accessToken);
    await core.dispose();
  });

  it('times out a slow answer and aborts on the caller signal', async () => {
    const { core } = client({ retry: false });
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({ kind: 'latency', delayMs: 400, pathPrefix: '/v1/usg/acs/token/validate' });
    const slow = await failure(validateToken(core.transport, { token: accessToken }, { timeoutMs: 50 }));
    expect(slow.code).toBe(ClientErrorCode.TIMEOUT);
    sim().faults.add({ kind: 'hang', pathPrefix: '/v1/usg/acs/token/validate' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await failure(
      validateToken(core.transport, { token: accessToken }, { signal: controller.signal }),
    );
    expect(aborted.code).toBe(ClientErrorCode.ABORTED);
    await core.dispose();
  });

  it('refuses malformed answers with INVALID_RESPONSE naming the field', async () => {
    const { core } = client({ retry: false });
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({ kind: 'malformed', pathPrefix: '/v1/usg/acs/token/validate' });
    const notJson = await failure(validateToken(core.transport, { token: accessToken }));
    expect(notJson).toMatchObject({ code: ClientErrorCode.INVALID_RESPONSE, httpStatus: 200 });
    sim().faults.add({
      kind: 'malformed',
      body: '{"accessToken":"x","validPeriod":"soon","expireTime":1}',
      pathPrefix: '/v1/usg/acs/token/validate',
    });
    const wrongType = await failure(validateToken(core.transport, { token: accessToken }));
    expect(wrongType).toMatchObject({
      code: ClientErrorCode.INVALID_RESPONSE,
      field: 'response.validPeriod',
    });
    await core.dispose();
  });

  it('sends the caller X-Request-ID and reads it back on errors', async () => {
    const { core, events } = client({ retry: false });
    const error = await failure(
      validateToken(core.transport, { token: 'not-a-token' }, { requestId: 'trace-123' }),
    );
    expect(error).toMatchObject({ httpStatus: 401, code: 'USG.000000004', requestId: 'trace-123' });
    expect(events.at(-1)?.requestId).toBe('trace-123');
    await core.dispose();
  });

  it('refuses bad input before sending, naming the field', async () => {
    const { core, events } = client();
    const error = await failure(validateToken(core.transport, { token: '' }));
    expect(error).toMatchObject({ code: ClientErrorCode.INVALID_INPUT, field: 'body.token' });
    expect(events).toHaveLength(0);
    await core.dispose();
  });

  it('never puts the appKey or a token in an error', async () => {
    const { core } = client({ retry: false });
    const { accessToken } = await core.tokens.token('alice');
    sim().faults.add({ kind: 'status', status: 500, pathPrefix: '/v1/usg/acs/token/validate' });
    const error = await failure(validateToken(core.transport, { token: accessToken }));
    const text = `${error.message} ${JSON.stringify(error)}`;
    expect(text).not.toContain(accessToken);
    expect(text).not.toContain(sim().appKey);
    await core.dispose();
  });
});
