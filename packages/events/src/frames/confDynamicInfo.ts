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
  // In-meeting settings (A.4.11 names). The DOC sample carries callInRestriction, audienceCallInRestriction and
  // clientRecMode beside the table's fields; UNVERIFIED: that chatPermission, allowOpenCamera, allowRename and
  // freeShare come the same way, under their A.4.11 names, and that live streaming comes as liveState (the
  // A.4.7 body's name; B.5.2 publishes no live flag). A server that never sends them leaves them unknown.
  /** Who may join: 0 all, 2 enterprise users, 3 invited users. */
  callInRestriction: looseInt().optional(),
  /** Who of a webinar's audience may join: 0 all, 2 enterprise and invited users. */
  audienceCallInRestriction: looseInt().optional(),
  /** Who may record locally: 0 the host, 1 everyone, 2 some participants. */
  clientRecMode: looseInt().optional(),
  /** Chat: 1 forbidden, 2 private only, 3 public only, 4 free. */
  chatPermission: looseInt().optional(),
  /** Participants may turn their camera on (0/1). */
  allowOpenCamera: looseInt().optional(),
  /** Participants may rename themselves (0/1). */
  allowRename: looseInt().optional(),
  /** Anyone may take over sharing (1) or only host and co-hosts (0). */
  freeShare: looseInt().optional(),
  /** Live streaming on (1) or off (0). */
  liveState: looseInt().optional(),
});
/** Meeting status. */
export type ConfDynamicInfoNotify = z.infer<typeof confDynamicInfoNotifySchema>;
