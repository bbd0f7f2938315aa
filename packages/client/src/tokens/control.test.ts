import { describe, expect, it } from 'vitest';
import type { TokenFailureEvent } from '../index.js';
import { controlTokenAnswer, errorReply } from '../testing/fakeUpstream.js';
import { failure, useUpstream } from '../testing/upstreamClients.js';

// A stale, expired or unknown control token is answered HTTP 400 MMC.111072065 (published-behaviour.md
// section 3). On a control call the client treats it like a 401: it renews the control token once and retries
// the call once; a second refusal goes to the caller.

const { upstream, client } = useUpstream();
const CONTROL_TOKEN = 'GET /v1/mmc/control/conferences/token';
const LOCK = 'PUT /v1/mmc/control/conferences/lock';
const INVITE = 'POST /v1/mmc/control/conferences/participants';
const MEETINGS = 'GET /v1/mmc/management/conferences';
const STALE = 'MMC.111072065';
const HOST = { hostPassword: '112233' };

/** The control tokens the fake upstream handed out, in order. */
function issueControlTokens(): string[] {
  const issued: string[] = [];
  upstream().on(CONTROL_TOKEN, () => {
    const answer = controlTokenAnswer();
    issued.push((answer.data as { token: string }).token);
    return { status: 200, body: answer };
  });
  return issued;
}

describe('a refused control token', () => {
  it('is renewed once on 400 MMC.111072065, and the call retried with the new token', async () => {
    const failures: TokenFailureEvent[] = [];
    const c = client({ onTokenFailure: (event) => failures.push(event) });
    const issued = issueControlTokens();
    let answered = 0;
    upstream().on(LOCK, () => (answered++ === 0 ? errorReply(400, STALE) : { status: 200 }));
    await c.control.lock('900200', true, HOST);
    expect(issued).toHaveLength(2);
    expect(
      upstream()
        .received(LOCK)
        .map((r) => r.headers['x-conference-authorization']),
    ).toEqual(issued);
    // The new token came with the password, not as a keep-alive of the refused one.
    const renewal = upstream().received(CONTROL_TOKEN)[1];
    expect(renewal?.headers['x-conference-authorization']).toBeUndefined();
    expect(renewal?.headers['x-password']).toBe('112233');
    expect(failures).toEqual([
      expect.objectContaining({
        token: 'control',
        stage: 'refused',
        operation: 'lockMeeting',
        conferenceID: '900200',
        code: STALE,
        httpStatus: 400,
      }),
    ]);
  });

  it('renews and retries even a call that is not idempotent: a refused call was not carried out', async () => {
    const c = client();
    issueControlTokens();
    let answered = 0;
    upstream().on(INVITE, () => (answered++ === 0 ? errorReply(400, STALE) : { status: 200 }));
    await c.control.invite('900201', [{ name: 'Bob', phone: '+99111000000002', type: 'normal' }], HOST);
    expect(upstream().received(INVITE)).toHaveLength(2);
  });

  it('returns a second refusal to the caller, after one renewal and one retry', async () => {
    const c = client();
    const issued = issueControlTokens();
    upstream().on(LOCK, () => errorReply(400, STALE));
    const error = await failure(c.control.lock('900202', true, HOST));
    expect([error.httpStatus, error.code]).toEqual([400, STALE]);
    expect(issued).toHaveLength(2);
    expect(upstream().received(LOCK)).toHaveLength(2);
  });

  it('does not renew on any other 400', async () => {
    const c = client();
    const issued = issueControlTokens();
    upstream().on(LOCK, () => errorReply(400, 'MMC.111070001'));
    const error = await failure(c.control.lock('900203', true, HOST));
    expect(error.code).toBe('MMC.111070001');
    expect(issued).toHaveLength(1);
    expect(upstream().received(LOCK)).toHaveLength(1);
  });

  it('means nothing special on an access-token call: no new login, no retry', async () => {
    const c = client();
    await c.auth.token();
    upstream().on(MEETINGS, () => errorReply(400, STALE));
    const error = await failure(c.meetings.list({}));
    expect(error.code).toBe(STALE);
    expect(upstream().received(MEETINGS)).toHaveLength(1);
    expect(upstream().received('POST /v2/usg/acs/auth/appauth')).toHaveLength(1);
  });
});
