import { z } from 'zod';
import { looseInt } from '../frames/common.js';

/** Every published webhook event name (C.3); the look-alikes `meeting.update` etc. do not exist. */
export const WEBHOOK_EVENTS = [
  'meeting.verify',
  'meeting.started',
  'meeting.end',
  'meeting.conclude',
  'record.finish',
  'meeting.create',
  'meeting.modify',
  'meeting.cancel',
  'meeting.join',
  'meeting.left',
] as const;
/** A published webhook event name. */
export type WebhookEventName = (typeof WEBHOOK_EVENTS)[number];

/** `MeetingInfo` of a webhook payload. */
export const webhookMeetingInfoSchema = z.looseObject({
  meetingID: z.string().min(1),
  meetingUUID: z.string().optional(),
  /** Recurring sub-meeting UUID (start, end and record events). */
  meetingCycleSubID: z.string().optional(),
});
/** The meeting of a webhook event. */
export type WebhookMeetingInfo = z.infer<typeof webhookMeetingInfoSchema>;

/** `AttendeeInfo` of join and left events. */
export const webhookAttendeeInfoSchema = z.looseObject({
  userUUID: z.string().optional(),
  /** Client type, e.g. `WeLink-desktop`. */
  userAgent: z.string().optional(),
  account: z.string().optional(),
  participantID: z.string().optional(),
  displayName: z.string().optional(),
  joinTime: looseInt().optional(),
  /** 0 while still in the meeting. */
  leftTime: looseInt().optional(),
  /** `CHAIR` seen; other values UNVERIFIED. */
  role: z.string().optional(),
  callNumber: z.string().optional(),
});
/** The participant of a join or left event. */
export type WebhookAttendeeInfo = z.infer<typeof webhookAttendeeInfoSchema>;

/** `eventInfo`: the signed part of a callback. */
export const eventInfoSchema = z.looseObject({
  event: z.string().min(1),
  /** Epoch ms. */
  timestamp: looseInt(),
  payload: z
    .looseObject({
      meetingInfo: webhookMeetingInfoSchema.optional(),
      attendeeInfo: webhookAttendeeInfoSchema.optional(),
    })
    .optional(),
});
/** The event of a callback. */
export type EventInfo = z.infer<typeof eventInfoSchema>;

/** A callback body (C.2). */
export const webhookBodySchema = z.looseObject({
  /** Subscriber ID of the push configuration. */
  appID: z.string().min(1),
  /** Epoch ms. */
  timestamp: looseInt(),
  nonce: z.string().min(1).max(128),
  /** `hex(HMAC-SHA256(appkey, appID + timestamp + nonce + eventInfoJson))`. */
  signature: z.string().regex(/^[0-9a-fA-F]{64}$/, { error: 'must be 64 hexadecimal characters' }),
  eventInfo: eventInfoSchema,
});
/** A callback body. */
export type WebhookBody = z.infer<typeof webhookBodySchema>;

/** The answer a receiver must give to `meeting.verify` (C.4). */
export const verifyAnswerSchema = z.object({ event: z.literal('meeting.verify'), nonce: z.string().min(1) });
/** The verify answer. */
export type VerifyAnswer = z.infer<typeof verifyAnswerSchema>;
