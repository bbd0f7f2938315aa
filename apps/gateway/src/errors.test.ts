import { ClientErrorCode, MeetingApiError } from '@hwmeeting/client';
import { describe, expect, it } from 'vitest';
import { codeForUpstream } from './errors.js';

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
