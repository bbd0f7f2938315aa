import { z } from 'zod';
import { envelopeShape, looseFlag, looseInt } from './common.js';

/** One invitee of `AttendeesNotify`. */
export const attendeeNotifySchema = z.looseObject({
  userUUID: z.string().optional(),
  participantID: z.string().optional(),
  /** 0 refresh, 1 remove. */
  mode: looseFlag().default(0),
  phone: z.string().optional(),
  name: z.string().optional(),
  accountId: z.string().optional(),
  role: looseInt().optional(),
  email: z.string().optional(),
  sms: z.string().optional(),
  isMute: looseInt().optional(),
  isAutoInvite: looseInt().optional(),
  type: z.string().optional(),
  address: z.string().optional(),
  deptUUID: z.string().optional(),
  deptName: z.string().optional(),
  /** The table says `orgId`, the sample `orgID`: both are read. */
  orgId: z.string().optional(),
  orgID: z.string().optional(),
  thirdAccount: z.string().optional(),
});
/** One invitee. */
export type AttendeeNotify = z.infer<typeof attendeeNotifySchema>;

/** `AttendeesNotify` (B.5.4): participants invited at scheduling, full or incremental. */
export const attendeesNotifySchema = z.looseObject({
  action: z.literal('AttendeesNotify'),
  ...envelopeShape,
  data: z.array(attendeeNotifySchema).default([]),
});
/** Invited participants. */
export type AttendeesNotify = z.infer<typeof attendeesNotifySchema>;

/** The merge key of an invitee: participantID, else userUUID, else phone (UNVERIFIED order, per B.5.4). */
export function attendeeKey(attendee: AttendeeNotify): string | undefined {
  return attendee.participantID || attendee.userUUID || attendee.phone || undefined;
}
