import { type InviteResultNotify, LEAVE_REASONS } from '../../frames/inviteResult.js';

/** One invite result or leave reason (B.5.7). */
export type InviteResultView = Readonly<{
  callNumber: string | undefined;
  /** `resultCode`, or `errorCode` when only that was sent. */
  resultCode: string | undefined;
  /** The call succeeded (`"0"`). */
  ok: boolean;
  /** The published meaning of a leave-reason code, when it is one. */
  reason: string | undefined;
}>;

/** The results of an InviteResultNotify, with the published meaning of leave-reason codes. */
export function inviteResultViews(data: InviteResultNotify['data']): readonly InviteResultView[] {
  return Object.freeze(
    data.map((r) =>
      Object.freeze({
        callNumber: r.callNumber,
        resultCode: r.resultCode,
        ok: r.resultCode === '0',
        reason:
          r.resultCode !== undefined && Object.hasOwn(LEAVE_REASONS, r.resultCode)
            ? LEAVE_REASONS[r.resultCode]
            : undefined,
      }),
    ),
  );
}
