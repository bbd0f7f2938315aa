import { z } from 'zod';
import { envelopeShape, looseInt } from './common.js';

/** `ConfDynamicInfoNotify` (B.5.2): meeting status, full or incremental, fields at the top level. */
export const confDynamicInfoNotifySchema = z.looseObject({
  action: z.literal('ConfDynamicInfoNotify'),
  ...envelopeShape,
  /** `Schedule`, `Created` (in progress) or `Destroyed` (ended). */
  state: z.string().optional(),
  /** Epoch ms as a string. */
  endTime: z.string().optional(),
  /** `FREE`, `FIXED`, `ROLLCALL` or `BROADCAST`. */
  mode: z.string().optional(),
  vas: looseInt().optional(),
  lock: looseInt().optional(),
  mute: looseInt().optional(),
  lockSharing: looseInt().optional(),
  canUnmute: looseInt().optional(),
  chairView: looseInt().optional(),
  /** A string per the table, a number in the sample. */
  picNum: looseInt().optional(),
  partViewNum: looseInt().optional(),
  maxPartViewNum: looseInt().optional(),
  recState: looseInt().optional(),
  multiPic: z
    .looseObject({
      picInfos: z
        .array(
          z.looseObject({
            index: looseInt(),
            id: z.array(z.string()).optional(),
            share: looseInt().optional(),
          }),
        )
        .optional(),
      picNum: looseInt().optional(),
      period: looseInt().optional(),
    })
    .optional(),
  confIMGroupId: z.string().optional(),
  forbiddenChat: looseInt().optional(),
  recOccurred: looseInt().optional(),
  realTimeSubtitle: looseInt().optional(),
});
/** Meeting status. */
export type ConfDynamicInfoNotify = z.infer<typeof confDynamicInfoNotifySchema>;
