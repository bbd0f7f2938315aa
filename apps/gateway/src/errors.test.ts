import { ClientErrorCode, MeetingApiError } from '@hwmeeting/client';
import { describe, expect, it } from 'vitest';
import { codeForUpstream, namingArguments } from './errors.js';

const clientError = (code: string, cause?: unknown) =>
  new MeetingApiError({ code, operation: 'showMeetingDetail', message: `showMeetingDetail: ${code}`, cause });

describe('codeForUpstream', () => {
  it('answers TIMEOUT for a timed-out call, and for an abort whose reason was a deadline', () => {
    expect(codeForUpstream(clientError(ClientErrorCode.TIMEOUT))).toBe('TIMEOUT');
    const deadline = new DOMException('the operation did not finish within 15000 ms', 'TimeoutError');
    expect(codeForUpstream(clientError(ClientErrorCode.ABORTED, deadline))).toBe('TIMEOUT');
    // Through a wrapped cause too (a shared login cut by another operation's deadline).
    expect(
      codeForUpstream(
        clientError(ClientErrorCode.ABORTED, new Error('request aborted', { cause: deadline })),
      ),
    ).toBe('TIMEOUT');
  });

  it('answers UPSTREAM_UNAVAILABLE for any other abort', () => {
    expect(codeForUpstream(clientError(ClientErrorCode.ABORTED))).toBe('UPSTREAM_UNAVAILABLE');
    const shutdown = new DOMException('the gateway is shutting down', 'AbortError');
    expect(codeForUpstream(clientError(ClientErrorCode.ABORTED, shutdown))).toBe('UPSTREAM_UNAVAILABLE');
  });
});

describe('the table of upstream refusals', () => {
  const refusal = (code: string) =>
    new MeetingApiError({ code, operation: 'op', message: `op: ${code}`, httpStatus: 400 });

  it('maps the codes that mean one thing wherever they come from', () => {
    expect(codeForUpstream(refusal('MMC.111072005'))).toBe('MEETING_NOT_IN_PROGRESS');
    expect(codeForUpstream(refusal('MMC.111071067'))).toBe('MEETING_IN_PROGRESS');
    // "Not found or auth failed" is a wrong password only where the caller gave one (namingArguments).
    expect(codeForUpstream(refusal('MMC.111072065'))).toBe('NOT_FOUND');
    expect(codeForUpstream(refusal('MMC.111070001'))).toBe('BAD_USER_INPUT');
  });

  it('names the argument a resolver gives for the refusal, with the table message', async () => {
    const named = namingArguments({ password: 'password' }, () => Promise.reject(refusal('MMC.111072065')));
    await expect(named).rejects.toMatchObject({
      message: 'password: the meeting server refused this password for the meeting',
      extensions: { code: 'WRONG_PASSWORD', field: 'password', upstreamCode: 'MMC.111072065' },
    });
    // A subject the resolver does not name keeps the general mapping (the formatter's), untouched here.
    const other = namingArguments({ meeting: 'meetingId' }, () => Promise.reject(refusal('MMC.111072065')));
    await expect(other).rejects.toBeInstanceOf(MeetingApiError);
  });
});
