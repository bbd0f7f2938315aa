import { z } from 'zod';
import { envelopeShape } from './common.js';

/**
 * `InviteResultNotify` (B.5.7): invite results and leave reasons. The table names the code `errorCode`, the
 * sample `resultCode`; both are read and `resultCode` always holds it after parsing.
 */
export const inviteResultNotifySchema = z.looseObject({
  action: z.literal('InviteResultNotify'),
  ...envelopeShape,
  data: z
    .array(
      z
        .looseObject({
          callNumber: z.string().optional(),
          errorCode: z.union([z.string(), z.number().transform(String)]).optional(),
          resultCode: z.union([z.string(), z.number().transform(String)]).optional(),
        })
        .transform((item) => ({ ...item, resultCode: item.resultCode ?? item.errorCode })),
    )
    .default([]),
});
/** Invite results and leave reasons. */
export type InviteResultNotify = z.infer<typeof inviteResultNotifySchema>;

/** Published leave-reason codes of InviteResultNotify. */
export const LEAVE_REASONS: Readonly<Record<string, string>> = {
  '11111001': 'no media stream received (network)',
  '11111002': 'the site sent no media stream (network or client)',
  '11111003': 'SIP signalling timeout',
  '11111004': 'WebSocket timeout',
  '11076002': 'hung up by the host',
  '11076010': 'the participant hung up or left',
  '11076016': 'hung up by the portal',
};
