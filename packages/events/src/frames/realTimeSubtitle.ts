import { z } from 'zod';
import { envelopeShape, looseInt } from './common.js';

/** `RealTimeSubtitleNotify` (B.5.8): live captions; `data` is one object, not a list. */
export const realTimeSubtitleNotifySchema = z.looseObject({
  action: z.literal('RealTimeSubtitleNotify'),
  ...envelopeShape,
  data: z
    .looseObject({
      msgs: z
        .array(
          z.looseObject({
            subtitleLang: z.string().optional(),
            translateText: z.string().default(''),
            id: z.string().optional(),
          }),
        )
        .default([]),
      /** A sentence ends here. */
      isFinal: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]).optional(),
      timestamp: looseInt().optional(),
      beginTime: looseInt().optional(),
      endTime: looseInt().optional(),
      participantID: z.string().optional(),
    })
    .optional(),
});
/** Live captions. */
export type RealTimeSubtitleNotify = z.infer<typeof realTimeSubtitleNotifySchema>;
