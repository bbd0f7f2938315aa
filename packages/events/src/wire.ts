// The push wire (`@hwmeeting/events/wire`): frame schemas (WebSocket, both directions), the registry of push
// types, webhook schemas and signature. Shared by the events library and the simulator; named one by one. Names
// marked @deprecated were public before the list was explicit and stay for compatibility (compatibility.test.ts).

export {
  type AttendeeNotify,
  type AttendeesNotify,
  /** @deprecated Read the merge key from the view: `AttendeeView.key`. */
  attendeeKey,
  attendeeNotifySchema,
  attendeesNotifySchema,
} from './frames/attendees.js';
export {
  /** @deprecated A schema building block; parse frames with `parseServerFrame` or the frame schemas. */
  envelopeShape,
  /** @deprecated A schema building block; parse frames with `parseServerFrame` or the frame schemas. */
  looseFlag,
  /** @deprecated A schema building block; parse frames with `parseServerFrame` or the frame schemas. */
  looseInt,
  /** @deprecated A schema building block; parse frames with `parseServerFrame` or the frame schemas. */
  msgModeSchema,
  type PidEntry,
  pidEntrySchema,
  /** @deprecated `parseServerFrame` trims the keys of what it parses. */
  trimKeys,
} from './frames/common.js';
export { type ConfBasicInfoNotify, confBasicInfoNotifySchema } from './frames/confBasicInfo.js';
export { type ConfDynamicInfoNotify, confDynamicInfoNotifySchema } from './frames/confDynamicInfo.js';
export {
  type InterpreterGroup,
  type InterpreterGroupNotify,
  interpreterGroupNotifySchema,
  interpreterGroupSchema,
} from './frames/interpreterGroup.js';
export { type InviteResultNotify, inviteResultNotifySchema, LEAVE_REASONS } from './frames/inviteResult.js';
export { type NetConditionNotify, netConditionNotifySchema } from './frames/netCondition.js';
export { type ParticipantsNotify, participantsNotifySchema } from './frames/participants.js';
export {
  type FrameError,
  type ParsedFrame,
  parseServerFrame,
  type ServerFrame,
  type UnknownFrame,
} from './frames/pushFrame.js';
export { type RealTimeSubtitleNotify, realTimeSubtitleNotifySchema } from './frames/realTimeSubtitle.js';
export {
  type AnyPushType,
  /** @deprecated Filter `PUSH_TYPES` by `kind === 'event'` (its `view`). */
  EVENT_KINDS,
  type EventAction,
  type EventType,
  /** @deprecated Filter `PUSH_TYPES` by `kind === 'list'`. */
  LIST_TYPES,
  type ListAction,
  /** @deprecated List types hand each entry to a `ListEntryVisitor`. */
  type ListEntry,
  type ListEntryVisitor,
  type ListType,
  type ListViews,
  type MeetingEvent,
  NEWEST_SUBSCRIBE_TYPES,
  PUSH_TYPES,
  type PushAction,
  type PushMessage,
  pushMessageSchema,
  /** @deprecated Look the action up in `PUSH_TYPES` (guarded with `Object.hasOwn`). */
  pushTypeOf,
  type SnapshotValues,
  STATE_MESSAGE_TYPES,
  type StateMessageType,
  SUBSCRIBE_TYPES,
  type SubscribeType,
  /** @deprecated Filter `PUSH_TYPES` by `kind === 'value'`. */
  VALUE_TYPES,
  type ValueAction,
  type ValueType,
  type ValueViews,
} from './frames/registry.js';
export { type SpeakerChangeNotify, speakerChangeNotifySchema } from './frames/speakerChange.js';
export {
  type ClientFrame,
  type ConfControlFrame,
  clientFrameSchema,
  confControlFrameSchema,
  type HeartBeatFrame,
  heartBeatFrameSchema,
  /** @deprecated `MeetingSubscriber` builds and numbers the frames it sends. */
  newSequence,
  PUSH_SOCKET_PATH,
  type SubscribeAnswer,
  type SubscribeData,
  type SubscribeFrame,
  subscribeAnswerSchema,
  subscribeDataSchema,
  subscribeFrameSchema,
  subtitleControlDataSchema,
} from './frames/upstream.js';
export { type WaitingListNotify, waitingListNotifySchema } from './frames/waitingList.js';
export {
  type EventInfo,
  eventInfoSchema,
  type VerifyAnswer,
  verifyAnswerSchema,
  WEBHOOK_EVENTS,
  type WebhookAttendeeInfo,
  type WebhookBody,
  type WebhookEventName,
  type WebhookMeetingInfo,
  webhookAttendeeInfoSchema,
  webhookBodySchema,
  webhookMeetingInfoSchema,
} from './webhooks/schema.js';
export {
  rawJsonValue,
  sameSignature,
  type WebhookSignedParts,
  webhookSignature,
} from './webhooks/signature.js';
