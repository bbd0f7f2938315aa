// The push wire (`@hwmeeting/events/wire`): frame schemas (WebSocket, both directions), the registry of push
// types, webhook schemas and signature. Shared by the events library and the simulator; named one by one.

export {
  type AttendeeNotify,
  type AttendeesNotify,
  attendeeNotifySchema,
  attendeesNotifySchema,
} from './frames/attendees.js';
export { type PidEntry, pidEntrySchema } from './frames/common.js';
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
  type EventAction,
  type EventType,
  type ListAction,
  type ListType,
  type ListViews,
  type MeetingEvent,
  NEWEST_SUBSCRIBE_TYPES,
  PUSH_TYPES,
  type PushAction,
  type PushMessage,
  pushMessageSchema,
  type SnapshotValues,
  type StateMessageType,
  SUBSCRIBE_TYPES,
  type SubscribeType,
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
