import { z } from 'zod';
import { envelopeShape, pidEntrySchema } from './common.js';

/** `ParticipantsNotify` (B.5.3): online participants; a full frame lists them all, an increment the changes. */
export const participantsNotifySchema = z.looseObject({
  action: z.literal('ParticipantsNotify'),
  ...envelopeShape,
  data: z.array(pidEntrySchema).default([]),
});
/** Online participants. */
export type ParticipantsNotify = z.infer<typeof participantsNotifySchema>;
