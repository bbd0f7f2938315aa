import type {
  AttendeeView,
  InterpreterGroupView,
  MeetingBasicView,
  MeetingStatusView,
  NetConditionView,
  ParticipantView,
  SpeakerView,
  WaitingEntryView,
} from './views.js';

/** Message types that build state (versioned per B.6); the event-like types are not among them. */
export const STATE_MESSAGE_TYPES = [
  'ConfBasicInfoNotify',
  'ConfDynamicInfoNotify',
  'ParticipantsNotify',
  'AttendeesNotify',
  'SpeakerChangeNotify',
  'NetConditionNotify',
  'WaitingListNotify',
  'InterpreterGroupNotify',
] as const;
/** A message type that builds state. */
export type StateMessageType = (typeof STATE_MESSAGE_TYPES)[number];

/**
 * Where one message type stands: `awaiting-full-frame` before its first full frame (or after `reset()`),
 * `synced` while its increments follow on, `resync-needed` after a gap until the next full frame.
 */
export type SyncState = 'awaiting-full-frame' | 'synced' | 'resync-needed';

/** Versioning of one message type: its state, the last full frame's version and the last increment applied. */
export type TypeSync = Readonly<{
  state: SyncState;
  /** `version` of the last full frame (epoch ms on the wire). */
  fullVersion: number | undefined;
  /** Number of the last increment applied since that full frame (0 = none yet). */
  lastSeq: number;
}>;

/** Every view of the list types, by view name. */
export interface ListViews {
  participants: ParticipantView;
  attendees: AttendeeView;
  waitingList: WaitingEntryView;
  netConditions: NetConditionView;
}

/** Every view of the replace-as-a-whole types, by view name. */
export interface ValueViews {
  basic: MeetingBasicView;
  status: MeetingStatusView;
  speakers: readonly SpeakerView[];
  interpreterGroups: readonly InterpreterGroupView[];
}

/**
 * One meeting as the push frames describe it: immutable (deeply frozen), JSON-serialisable and
 * structuredClone-safe. Lists keep their order (participants in join order, speakers loudest first).
 */
export type MeetingSnapshot = Readonly<{
  conferenceID: string;
  /** Basic info; undefined until the first ConfBasicInfoNotify. */
  basic: MeetingBasicView | undefined;
  status: MeetingStatusView;
  participants: readonly ParticipantView[];
  attendees: readonly AttendeeView[];
  waitingList: readonly WaitingEntryView[];
  speakers: readonly SpeakerView[];
  interpreterGroups: readonly InterpreterGroupView[];
  netConditions: readonly NetConditionView[];
  /** Versioning of each state type. */
  sync: Readonly<Record<StateMessageType, TypeSync>>;
  /** Some type needs a fresh full frame (the consumer should reconnect). */
  resyncNeeded: boolean;
}>;
