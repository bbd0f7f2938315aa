import { z } from 'zod';
import { envelopeShape, pidEntrySchema } from './common.js';

/** `WaitingListNotify` (B.5.9): waiting-room members, keyed by `pid` like participants. */
export const waitingListNotifySchema = z.looseObject({
  action: z.literal('WaitingListNotify'),
  ...envelopeShape,
  data: z.array(pidEntrySchema).default([]),
});
/** Waiting-room members. */
export type WaitingListNotify = z.infer<typeof waitingListNotifySchema>;
