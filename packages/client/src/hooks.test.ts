import { describe, expect, it } from 'vitest';
import { ClientErrorCode, type TokenFailureEvent, type TransportEvent } from './index.js';
import { errorReply, tokenAnswer } from './testing/fakeUpstream.js';
import { failure, useUpstream } from './testing/upstreamClients.js';

const { upstream, client } = useUpstream();
const MEETINGS = 'GET /v1/mmc/management/conferences';
const LOGIN = 'POST /v2/usg/acs/auth/appauth';
const REFRESH = 'PUT /v1/usg/acs/token';
const PAGE = { status: 200, body: { offset: 0, limit: 20, count: 0, data: [] } };

/** Every token the fake upstream handed out, to check that no hook event carries one. */
function tokensIssued(): string[] {
  return upstream()
    .requests.flatMap((r) => [r.headers['x-access-token'], r.headers['x-conference-authorization']])
    .filter((t): t is string => typeof t === 'string');
}

describe('operator hooks', () => {
  it('reports each attempt with operation, area, status, duration, attempt number and request id', async () => {
    const events: TransportEvent[] = [];
    const c = client({ onEvent: (event) => events.push(event) });
    await c.auth.token();
    let answered = 0;
    upstream().on(MEETINGS, () => (answered++ === 0 ? errorReply(503) : PAGE));
    await c.meetings.list({}, { requestId: 'req-7' });
    const attempts = events.filter((e) => e.operation === 'searchMeetings');
    expect(attempts).toEqual([
      expect.objectContaining({ area: 'meetings', method: 'GET', path: '/v1/mmc/management/conferences' }),
      expect.objectContaining({ area: 'meetings', httpStatus: 200, code: undefined }),
    ]);
    expect(attempts.map((e) => [e.attempt, e.httpStatus, e.code, e.requestId])).toEqual([
      [1, 503, 'TEST.503', 'req-7'],
      [2, 200, undefined, 'req-7'],
    ]);
    for (const e of attempts) expect(e.durationMs).toBeGreaterThan(0);
    expect(events[0]).toMatchObject({
      operation: 'createAppIdToken',
      area: 'auth',
      attempt: 1,
      httpStatus: 200,
    });
  });

  it('reports a refused login with the operation and userId, never a token or the appKey', async () => {
    const failures: TokenFailureEvent[] = [];
    const c = client({ onTokenFailure: (event) => failures.push(event) });
    upstream().on(LOGIN, () => errorReply(401, 'USG.000000005'));
    const error = await failure(c.meetings.list({}, { userId: 'alice' }));
    expect(error.httpStatus).toBe(401);
    expect(failures).toEqual([
      {
        token: 'access',
        stage: 'obtain',
        operation: 'createAppIdToken',
        userId: 'alice',
        code: 'USG.000000005',
        httpStatus: 401,
        requestId: expect.any(String),
      },
    ]);
    expect(JSON.stringify(failures)).not.toContain('test-app-key-never-logged');
    // A refused login is not tried again as if the call's token had been refused.
    expect(upstream().received(LOGIN)).toHaveLength(1);
  });

  it('reports a refused refresh, then the login that replaces it succeeds', async () => {
    const failures: TokenFailureEvent[] = [];
    let now = Date.now();
    const c = client({ now: () => now, onTokenFailure: (event) => failures.push(event) });
    await c.auth.token();
    upstream().on(REFRESH, () => errorReply(401, 'USG.000000004'));
    now += 3_500_000; // past the refresh point of the one-hour token (5 minutes before expiry), still valid
    await c.meetings.list({});
    expect(failures).toEqual([
      expect.objectContaining({
        token: 'access',
        stage: 'renew',
        operation: 'updateToken',
        userId: undefined,
      }),
    ]);
    expect(upstream().received(LOGIN)).toHaveLength(2);
  });

  it('reports a token the server refused on a call, once, and no failure when the caller ends a login', async () => {
    const failures: TokenFailureEvent[] = [];
    const c = client({ onTokenFailure: (event) => failures.push(event) });
    await c.auth.token('bob');
    let answered = 0;
    upstream().on(MEETINGS, () => (answered++ === 0 ? errorReply(401, 'USG.000000004') : PAGE));
    await c.meetings.list({}, { userId: 'bob' });
    expect(failures).toEqual([
      expect.objectContaining({
        token: 'access',
        stage: 'refused',
        operation: 'searchMeetings',
        userId: 'bob',
      }),
    ]);
    upstream().on(LOGIN, () => 'hang');
    const ended = await failure(c.meetings.list({}, { userId: 'carol', signal: AbortSignal.timeout(50) }));
    expect(ended.code).toBe(ClientErrorCode.TIMEOUT);
    expect(failures).toHaveLength(1);
    const text = JSON.stringify(failures);
    for (const token of tokensIssued()) expect(text).not.toContain(token);
  });

  it('keeps a throwing hook away from the call and the breaker, as a process warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const c = client({
        onEvent: () => {
          throw new Error('broken metrics');
        },
      });
      upstream().on(LOGIN, () => ({ status: 200, body: tokenAnswer() }));
      expect((await c.meetings.list({})).count).toBe(0);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.message)).toContain('the onEvent hook threw: Error: broken metrics');
      expect(c.core.transport.breakerState('meetings')).toBe('closed');
    } finally {
      process.off('warning', onWarning);
    }
  });
});
