import { describe, expect, it } from 'vitest';
import { signOutReasonOfClose } from './signOutReason';

describe('signOutReasonOfClose', () => {
  it('signs out on the gateway’s token refusals only', () => {
    expect(signOutReasonOfClose(4401)).toBe('invalid-token');
    expect(signOutReasonOfClose(4403)).toBe('expired-token');
    expect(signOutReasonOfClose(1006)).toBeUndefined();
    expect(signOutReasonOfClose(1001)).toBeUndefined();
    expect(signOutReasonOfClose(4500)).toBeUndefined();
  });
});
