import { z } from 'zod';
import { envelopeShape, looseInt } from './common.js';

/** `SpeakerChangeNotify` (B.5.5): the loudest speakers, replacing the previous list; no `data` = silence. */
export const speakerChangeNotifySchema = z.looseObject({
  action: z.literal('SpeakerChangeNotify'),
  ...envelopeShape,
  data: z
    .array(
      z.looseObject({
        pid: z.string().min(1),
        speakingVolume: looseInt().default(0),
        name: z.string().optional(),
      }),
    )
    .default([]),
});
/** Active speakers. */
export type SpeakerChangeNotify = z.infer<typeof speakerChangeNotifySchema>;
