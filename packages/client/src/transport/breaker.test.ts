import { describe, expect, it } from 'vitest';
import { type BreakerStateEvent, ClientErrorCode, type TransportEvent } from '../index.js';
import { errorReply } from '../testing/fakeUpstream.js';
import { failure, useUpstream } from '../testing/upstreamClients.js';

const { upstream, client } = useUpstream();
const MEETINGS = 'GET /v1/mmc/management/conferences';
const LOGIN = 'POST /v2/usg/acs/auth/appauth';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a circuit breaker per upstream area', () => {
  it('opens on a meetings storm while logins and users calls still go through', async () => {
    const changes: BreakerStateEvent[] = [];
    const meetings = client({
      retry: false,
      breaker: { consecutiveFailures: 3, halfOpenAfterMs: 60_000 },
      onBreakerStateChange: (event) => changes.push(event),
    });
    await meetings.auth.token();
    upstream().on(MEETINGS, () => errorReply(503));
    for (let i = 0; i < 3; i++) expect((await failure(meetings.meetings.list({}))).httpStatus).toBe(503);
    const refused = await failure(meetings.meetings.list({}));
    expect(refused.code).toBe(ClientErrorCode.CIRCUIT_OPEN);
    expect(upstream().received(MEETINGS)).toHaveLength(3);

    // The gateway's `me` and a new identity's login are other areas: untouched by the storm.
    expect((await meetings.users.me()).userAccount).toBe('admin@corp');
    const logins = upstream().received(LOGIN).length;
    expect((await meetings.auth.token('bob')).accessToken).toMatch(/^[0-9a-f]{40}$/);
    expect(upstream().received(LOGIN)).toHaveLength(logins + 1);

    expect(refused.message).toContain('meetings area');
    expect(meetings.core.transport.breakerState('meetings')).toBe('open');
    expect(meetings.core.transport.breakerState('auth')).toBe('closed');
    expect(meetings.core.transport.breakerState('users')).toBe('closed');
    expect(changes).toEqual([{ area: 'meetings', state: 'open', endpoint: upstream().url, cause: '503' }]);
  });

  it('half-opens for one trial and closes when it succeeds', async () => {
    const changes: BreakerStateEvent[] = [];
    const c = client({
      retry: false,
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 150 },
      onBreakerStateChange: (event) => changes.push(event),
    });
    await c.auth.token();
    upstream().on(MEETINGS, () => errorReply(502));
    await failure(c.meetings.list({}));
    await failure(c.meetings.list({}));
    expect(c.core.transport.breakerState('meetings')).toBe('open');
    await pause(200);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    upstream().on(MEETINGS, async () => {
      await held;
      return { status: 200, body: { offset: 0, limit: 20, count: 0, data: [] } };
    });
    const trial = c.meetings.list({});
    await pause(30);
    // One trial at a time: the others are refused at once instead of waiting behind it.
    expect((await failure(c.meetings.list({}))).code).toBe(ClientErrorCode.CIRCUIT_OPEN);
    release();
    expect((await trial).count).toBe(0);
    expect(changes.map((e) => e.state)).toEqual(['open', 'half-open', 'closed']);
  });

  it('does not count calls their callers ended as failures, not even a half-open trial', async () => {
    const events: TransportEvent[] = [];
    const c = client({
      breaker: { consecutiveFailures: 2, halfOpenAfterMs: 100 },
      onEvent: (event) => events.push(event),
    });
    await c.auth.token();
    upstream().on(MEETINGS, () => 'hang');
    for (let i = 0; i < 4; i++) {
      const ended = await failure(c.meetings.list({}, { signal: AbortSignal.timeout(40) }));
      expect(ended.code).toBe(ClientErrorCode.TIMEOUT);
    }
    const controller = new AbortController();
    const aborted = c.meetings.list({}, { signal: controller.signal });
    await pause(20);
    controller.abort();
    expect((await failure(aborted)).code).toBe(ClientErrorCode.ABORTED);
    expect(c.core.transport.breakerState('meetings')).toBe('closed');
    // Five calls, five single attempts: a call its caller ended is not retried either.
    expect(events.filter((e) => e.operation === 'searchMeetings').map((e) => e.attempt)).toEqual([
      1, 1, 1, 1, 1,
    ]);

    // Open it for real, then end the trial from the caller's side: the circuit stays half-open, so the
    // next call is the trial and its real failure opens the circuit again.
    upstream().on(MEETINGS, () => errorReply(500));
    await failure(c.meetings.list({}));
    expect(c.core.transport.breakerState('meetings')).toBe('open');
    await pause(150);
    upstream().on(MEETINGS, () => 'hang');
    expect((await failure(c.meetings.list({}, { signal: AbortSignal.timeout(40) }))).code).toBe(
      ClientErrorCode.TIMEOUT,
    );
    expect(c.core.transport.breakerState('meetings')).toBe('half-open');
    upstream().on(MEETINGS, () => errorReply(500));
    const sent = upstream().received(MEETINGS).length;
    // The trial fails: open again, and the call's retry is refused without being sent.
    expect((await failure(c.meetings.list({}))).code).toBe(ClientErrorCode.CIRCUIT_OPEN);
    expect(upstream().received(MEETINGS)).toHaveLength(sent + 1);
    expect(c.core.transport.breakerState('meetings')).toBe('open');
  });
});
