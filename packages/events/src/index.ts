// The public surface of @hwmeeting/events, named one by one so that a change to it is deliberate (see
// publicApi.test.ts). Frame and webhook schemas are on `@hwmeeting/events/wire`, the Redis parts on
// `@hwmeeting/events/redis`.

export {
  CorruptLogDataError,
  CursorAheadError,
  DedupeStoreUnavailableError,
  EventNotSerialisableError,
  EventsError,
  EventsErrorCode,
  InvalidOptionError,
  LeaseLostError,
  MeetingSubscriberError,
  PubSubOverflowError,
  RedisPubSubMessageError,
  type SubscriberErrorKind,
} from './errors.js';
export { parseServerFrame, type ServerFrame } from './frames/pushFrame.js';
export {
  type AnyPushType,
  type ListViews,
  type MeetingEvent,
  NEWEST_SUBSCRIBE_TYPES,
  PUSH_TYPES,
  type PushMessage,
  SUBSCRIBE_TYPES,
  type SubscribeType,
  type ValueViews,
} from './frames/registry.js';
export { LocalOwnership, type UpstreamLease, type UpstreamOwnership } from './log/lease.js';
export type { Checkpoint, LogRetention, MeetingLog, ReadResult } from './log/meetingLog.js';
export { type MeetingLogTopics, MemoryMeetingLog, type MemoryMeetingLogOptions } from './log/memoryLog.js';
export { cursorSchema, parseCursor, type StreamPosition } from './log/position.js';
export { MemoryPubSub, type MemoryPubSubOptions } from './pubsub/memory.js';
export {
  type EventOf,
  enterpriseTopic,
  filter,
  map,
  meetingTopic,
  type Operator,
  type OverflowPolicy,
  type PubSub,
  pipe,
  type SubscribeOptions,
  type Subscription,
  type Topic,
  type TopicMap,
} from './pubsub/pubsub.js';
export { type ListName, SnapshotMirror } from './state/mirror.js';
export {
  type ApplyResult,
  MeetingStateReducer,
  type ReducerStats,
  type ResetOptions,
  type ResyncReason,
  type StateChange,
} from './state/reducer.js';
export type { MeetingSnapshot, SyncState, TypeSync } from './state/snapshot.js';
export type { AttendeeView } from './state/views/attendee.js';
export type { BasicInfo, MeetingBasicView } from './state/views/basic.js';
// Named in the view types (AttendeeView ...): exported so that a consumer's declarations can name them too.
export type { OmitKnown } from './state/views/frozen.js';
export type { InterpreterGroupView } from './state/views/interpreterGroup.js';
export type { InviteResultView } from './state/views/inviteResult.js';
export type { NetConditionView } from './state/views/netCondition.js';
export type { ParticipantRole, ParticipantState, ParticipantView } from './state/views/participant.js';
export type { ClientType, PinfoMap, PinfoPerson } from './state/views/pinfo.js';
export type { SpeakerView } from './state/views/speaker.js';
export type { DynamicInfo, MeetingMode, MeetingState, MeetingStatusView } from './state/views/status.js';
export type { SubtitleView } from './state/views/subtitle.js';
export type { WaitingEntryView } from './state/views/waitingEntry.js';
export {
  MeetingStreams,
  type MeetingStreamsOptions,
  type MeetingStreamTopics,
  type SetRealTimeSubtitleOptions,
  type UpdatesOptions,
  type WatchOptions,
} from './streams/meetingStreams.js';
export type {
  LoggedEvent,
  MeetingCommand,
  MeetingCommandTopics,
  MeetingStreamEvent,
  MeetingStreamStatus,
  SnapshotReason,
  WatchedEvent,
} from './streams/streamEvent.js';
export type {
  InfoUpdate,
  InviteResultsUpdate,
  LiveUpdate,
  LiveUpdateType,
  ParticipantsUpdate,
  PositionedUpdate,
  SpeakersUpdate,
  StateUpdateReason,
  StatusUpdate,
  StreamUpdate,
  SubtitlesUpdate,
  UpdateReason,
  WaitingListUpdate,
} from './streams/updateFold.js';
export { emptyStateUpdates } from './streams/updateFold.js';
export {
  type MeetingEndReason,
  MeetingSubscriber,
  type MeetingSubscriberEvents,
  type MeetingSubscriberOptions,
  type RealTimeSubtitleOptions,
  type SubscriberClient,
  type SubscriberLogEntry,
  type SubscriberState,
  type SubscriberStats,
  type SubscriberStopReason,
  type UpstreamSocket,
  type UpstreamSocketConstructor,
} from './subscriber.js';
export {
  createWebhookReceiver,
  type DedupeStore,
  type MeetingOnlyEventName,
  type SyncDedupeStore,
  type WebhookAnswer,
  type WebhookAnswerOf,
  type WebhookEvent,
  type WebhookKeyLookup,
  type WebhookReceiver,
  type WebhookReceiverOptions,
  type WebhookReceiverStats,
  type WebhookRefusal,
  type WebhookRefusalReason,
  type WebhookRequest,
  type WebhookSubscriber,
} from './webhooks/receiver.js';
export { webhookSignature } from './webhooks/signature.js';
