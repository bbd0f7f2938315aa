// The public surface of @hwmeeting/events, named one by one so that a change to it is deliberate (see
// publicApi.test.ts). Frame and webhook schemas are on `@hwmeeting/events/wire`, the Redis parts on
// `@hwmeeting/events/redis`. Names marked @deprecated were public here before the list was explicit (the wire ones
// through `export *`) and stay for compatibility: compatibility.test.ts pins them.

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
export {
  /** @deprecated `MeetingStreams.watch` and `updates` refuse such a cursor themselves (`CursorAheadError`). */
  refuseCursorAhead,
} from './log/cursorAhead.js';
export { LocalOwnership, type UpstreamLease, type UpstreamOwnership } from './log/lease.js';
export type { Checkpoint, LogRetention, MeetingLog, ReadResult } from './log/meetingLog.js';
export { type MeetingLogTopics, MemoryMeetingLog, type MemoryMeetingLogOptions } from './log/memoryLog.js';
export {
  cursorSchema,
  formatCursor,
  /** @deprecated A `MeetingLog` may name its epochs as it likes (URL-safe, 1 to 40 characters). */
  newEpoch,
  parseCursor,
  /** @deprecated Unchecked; use `parseCursor`. */
  positionOf,
  type StreamPosition,
} from './log/position.js';
export { DEFAULT_BUFFER_SIZE } from './pubsub/bufferedSubscription.js';
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
  /** @deprecated Use `STATE_MESSAGE_TYPES` (from '@hwmeeting/events/wire'): `.includes(action)`. */
  isStateMessageType,
  MeetingStateReducer,
  type ReducerStats,
  type ResetOptions,
  type ResyncReason,
  type StateChange,
} from './state/reducer.js';
export {
  type MeetingSnapshot,
  type SyncState,
  /** @deprecated How the logs check the snapshots they store; it does not validate the views. */
  storedSnapshotSchema,
  type TypeSync,
} from './state/snapshot.js';
export {
  type AttendeeView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  attendeeView,
} from './state/views/attendee.js';
export {
  type BasicInfo,
  type MeetingBasicView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  meetingBasicView,
} from './state/views/basic.js';
// Named in the view types (AttendeeView ...): exported so that a consumer's declarations can name them too.
export { ENVELOPE_KEYS, type EnvelopeKey, type OmitKnown } from './state/views/frozen.js';
export {
  type InterpreterGroupView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  interpreterGroupViews,
} from './state/views/interpreterGroup.js';
export {
  type InviteResultView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  inviteResultViews,
} from './state/views/inviteResult.js';
export {
  type NetConditionView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  netConditionView,
} from './state/views/netCondition.js';
export {
  type ParticipantRole,
  type ParticipantState,
  type ParticipantView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  participantView,
} from './state/views/participant.js';
export {
  /** @deprecated `ParticipantView.clientType` and `WaitingEntryView.clientType` carry the mapped value. */
  CLIENT_TYPE_KEY,
  /** @deprecated `ParticipantView.clientType` and `WaitingEntryView.clientType` carry the mapped value. */
  CLIENT_TYPE_TYPO,
  /** @deprecated `ParticipantView.clientType` and `WaitingEntryView.clientType` carry the mapped value. */
  CLIENT_TYPES,
  type ClientType,
  type PinfoMap,
  type PinfoPerson,
} from './state/views/pinfo.js';
export {
  type SpeakerView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  speakerViews,
} from './state/views/speaker.js';
export {
  type DynamicInfo,
  type MeetingMode,
  type MeetingState,
  type MeetingStatusView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  meetingStatusView,
  /** @deprecated A snapshot's `status` before any ConfDynamicInfoNotify is this value; read the snapshot. */
  UNKNOWN_STATUS,
} from './state/views/status.js';
export {
  type SubtitleView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  subtitleView,
} from './state/views/subtitle.js';
export {
  type WaitingEntryView,
  /** @deprecated The reducer's snapshots (`MeetingStateReducer`, `MeetingStreams`) carry the views. */
  waitingEntryView,
} from './state/views/waitingEntry.js';
export {
  MeetingStreams,
  type MeetingStreamsOptions,
  type MeetingStreamTopics,
  type SetRealTimeSubtitleOptions,
  type UpdatesOptions,
  type WatchOptions,
} from './streams/meetingStreams.js';
export {
  type LoggedEvent,
  type MeetingCommand,
  type MeetingCommandTopics,
  type MeetingStreamEvent,
  type MeetingStreamStatus,
  meetingStreamStatusSchema,
  type SnapshotReason,
  type WatchedEvent,
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
export {
  emptyStateUpdates,
  /** @deprecated Use `MeetingStreams.updates()`: the same updates, made once per event and shared. */
  MeetingUpdateFold,
} from './streams/updateFold.js';
export {
  /** @deprecated `MeetingSubscriber` subscribes to `NEWEST_SUBSCRIBE_TYPES` by default: use that. */
  DEFAULT_SUBSCRIBE_TYPES,
  MEETING_GONE_CODES,
  type MeetingEndReason,
  MeetingSubscriber,
  type MeetingSubscriberEvents,
  type MeetingSubscriberOptions,
  meetingGone,
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
  MemoryDedupeStore,
  type MemoryDedupeStoreOptions,
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
// Moved to `@hwmeeting/events/wire`; re-exported here so that imports of the main entry keep working.
export {
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type AttendeeNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type AttendeesNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  attendeeKey,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  attendeeNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  attendeesNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ClientFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ConfBasicInfoNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ConfControlFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ConfDynamicInfoNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  clientFrameSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  confBasicInfoNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  confControlFrameSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  confDynamicInfoNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  EVENT_KINDS,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type EventAction,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type EventInfo,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type EventType,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  envelopeShape,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  eventInfoSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type FrameError,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type HeartBeatFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  heartBeatFrameSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type InterpreterGroup,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type InterpreterGroupNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type InviteResultNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  interpreterGroupNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  interpreterGroupSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  inviteResultNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  LEAVE_REASONS,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  LIST_TYPES,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ListAction,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ListEntry,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ListEntryVisitor,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ListType,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  looseFlag,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  looseInt,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  msgModeSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type NetConditionNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  netConditionNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  newSequence,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ParsedFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ParticipantsNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type PidEntry,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  PUSH_SOCKET_PATH,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type PushAction,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  participantsNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  pidEntrySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  pushMessageSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  pushTypeOf,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type RealTimeSubtitleNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  rawJsonValue,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  realTimeSubtitleNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type SnapshotValues,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type SpeakerChangeNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  STATE_MESSAGE_TYPES,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type StateMessageType,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type SubscribeAnswer,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type SubscribeData,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type SubscribeFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  sameSignature,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  speakerChangeNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  subscribeAnswerSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  subscribeDataSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  subscribeFrameSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  subtitleControlDataSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  trimKeys,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type UnknownFrame,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  VALUE_TYPES,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ValueAction,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type ValueType,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type VerifyAnswer,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  verifyAnswerSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WaitingListNotify,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  WEBHOOK_EVENTS,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WebhookAttendeeInfo,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WebhookBody,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WebhookEventName,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WebhookMeetingInfo,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  type WebhookSignedParts,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  waitingListNotifySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  webhookAttendeeInfoSchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  webhookBodySchema,
  /** @deprecated Import from '@hwmeeting/events/wire'. */
  webhookMeetingInfoSchema,
} from './wire.js';
