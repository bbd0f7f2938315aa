import { z } from 'zod';
import { envelopeShape } from './common.js';

/** One interpreter group (push spells the key `groupId`, REST `groupID`). */
export const interpreterGroupSchema = z.looseObject({
  groupId: z.string().optional(),
  groupName: z.string().optional(),
  firstLanguage: z.string().optional(),
  secondLanguage: z.string().optional(),
  groupType: z.string().optional(),
  interpreters: z
    .array(
      z.looseObject({
        loginAccount: z.string().optional(),
        userID: z.string().optional(),
        callNumber: z.string().optional(),
        name: z.string().optional(),
        interpreterType: z.string().optional(),
        interpreterId: z.string().optional(),
      }),
    )
    .optional(),
});
/** One interpreter group. */
export type InterpreterGroup = z.infer<typeof interpreterGroupSchema>;

/** `InterpreterGroupNotify` (B.5.10): interpreter groups, taken as a full replacement (UNVERIFIED). */
export const interpreterGroupNotifySchema = z.looseObject({
  action: z.literal('InterpreterGroupNotify'),
  ...envelopeShape,
  data: z.array(interpreterGroupSchema).default([]),
});
/** Interpreter groups. */
export type InterpreterGroupNotify = z.infer<typeof interpreterGroupNotifySchema>;
