import { z } from 'zod';
import { envelopeShape, looseFlag } from './common.js';

/** `NetConditionNotify` (B.5.6): media quality per participant (MCU meetings); numbers arrive as strings. */
export const netConditionNotifySchema = z.looseObject({
  action: z.literal('NetConditionNotify'),
  ...envelopeShape,
  data: z
    .array(
      z.looseObject({
        participantID: z.string().min(1),
        mode: looseFlag().default(0),
        /** Quality grade, e.g. `good` (full enum UNVERIFIED). */
        netInfo: z.string().optional(),
      }),
    )
    .default([]),
});
/** Media quality. */
export type NetConditionNotify = z.infer<typeof netConditionNotifySchema>;
