import { z } from 'zod';
import { envelopeShape, looseInt } from './common.js';

/** `ConfBasicInfoNotify` (B.5.1): basic meeting info, always a full frame, fields at the top level. */
export const confBasicInfoNotifySchema = z.looseObject({
  action: z.literal('ConfBasicInfoNotify'),
  ...envelopeShape,
  displayID: z.string().optional(),
  title: z.string().optional(),
  /** Epoch ms as a string. */
  startTime: z.string().optional(),
  scheduledStartTime: z.string().optional(),
  /** Meeting passwords in plain text: `role` `chair` or `general`. */
  pwds: z.array(z.looseObject({ role: z.string(), pwd: z.string() })).optional(),
  /** 0 disabled, 1 recording, 2 recording + live push, 3 live only. */
  recType: looseInt().optional(),
  /** 1 voice, 2 video. */
  media: looseInt().optional(),
  owner: z.string().optional(),
  ownerID: z.string().optional(),
  userType: looseInt().optional(),
  supportWatermark: looseInt().optional(),
  guestJoinUri: z.string().optional(),
  callInRestriction: looseInt().optional(),
  confMode: z.string().optional(),
  realTimeSubtitle: looseInt().optional(),
});
/** Basic meeting info. */
export type ConfBasicInfoNotify = z.infer<typeof confBasicInfoNotifySchema>;
