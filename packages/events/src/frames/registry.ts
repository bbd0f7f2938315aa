// Every push message type the library models, in one table: its frame schema, what kind of state it builds and
// under which view name. The frame union, the subscribe lists, the state types, the mirror's keys and the checks
// of a stored snapshot are all read from here, so a new type is one entry (its schema and view modules aside).
import { z } from 'zod';
import { attendeeView } from '../state/views/attendee.js';
import { type BasicInfo, meetingBasicView } from '../state/views/basic.js';
import { type OmitKnown, withoutEnvelope } from '../state/views/frozen.js';
import { interpreterGroupViews } from '../state/views/interpreterGroup.js';
import { inviteResultViews } from '../state/views/inviteResult.js';
import { netConditionView } from '../state/views/netCondition.js';
import { participantView } from '../state/views/participant.js';
import { speakerViews } from '../state/views/speaker.js';
import { type DynamicInfo, meetingStatusView, UNKNOWN_STATUS } from '../state/views/status.js';
import { subtitleView } from '../state/views/subtitle.js';
import { waitingEntryView } from '../state/views/waitingEntry.js';
import { attendeeKey, attendeesNotifySchema } from './attendees.js';
import type { PidEntry } from './common.js';
import { confBasicInfoNotifySchema } from './confBasicInfo.js';
import { confDynamicInfoNotifySchema } from './confDynamicInfo.js';
import { interpreterGroupNotifySchema } from './interpreterGroup.js';
import { inviteResultNotifySchema } from './inviteResult.js';
import { netConditionNotifySchema } from './netCondition.js';
import { participantsNotifySchema } from './participants.js';
import { realTimeSubtitleNotifySchema } from './realTimeSubtitle.js';
import { speakerChangeNotifySchema } from './speakerChange.js';
import { waitingListNotifySchema } from './waitingList.js';

/**
 * Handed each entry of a list frame: its key (undefined: the entry names none and is skipped), its fields, and
 * whether the entry removes it.
 */
export type ListEntryVisitor<Raw> = (key: string | undefined, raw: Raw, remove: boolean) => void;

/**
 * One entry of a list frame as list types used to return them (kept for compatibility; nothing makes one now).
 * @deprecated List types hand each entry to a {@link ListEntryVisitor} instead.
 */
export type ListEntry<Raw> = Readonly<{ key: string | undefined; raw: Raw; remove: boolean }>;

interface TypeBase<S extends z.ZodType, V extends string> {
  /** The frame's schema (its `action` is the type's name). */
  schema: S;
  /** The view it builds, by name (the field of the snapshot, the `view` of a stream's changes). */
  view: V;
  /** Which subscribe list of the docs names it (B.2): the newest, or only an older one. */
  listed: 'newest' | 'older';
}

/** A type whose frames add, change and remove keyed entries (full frames list them all; `mode` 1 removes). */
export interface ListType<S extends z.ZodType, V extends string, Raw extends object, View extends object>
  extends TypeBase<S, V> {
  kind: 'list';
  /** The view field that holds an entry's key (what changes name it by). */
  key: keyof View & string;
  /** Visits the entries a frame carries, in order (a callback: no object per entry on the hot path). */
  entries(message: z.output<S>, visit: ListEntryVisitor<Raw>): void;
  /** An entry's view from its merged fields (increments shallow-merge the fields they carry). */
  toView(key: string, raw: Raw): View;
}

/** A type that describes one value: replaced by every frame, or (`merges`) patched field by field by increments. */
export interface ValueType<S extends z.ZodType, V extends string, Raw, View, Empty extends View | undefined>
  extends TypeBase<S, V> {
  kind: 'value';
  /** Increments shallow-merge their fields into the last ones; otherwise every frame replaces the whole. */
  merges: boolean;
  /** What a frame says (for `merges`, an object of fields). */
  read(message: z.output<S>): Raw;
  toView(raw: Raw): View;
  /** The view before any frame. */
  empty: Empty;
  /** How the view is checked when a stored snapshot is read back (it was written by the reducer). */
  stored: z.ZodType;
}

/** A type whose frames are events: surfaced one by one, never kept in the state. */
export interface EventType<S extends z.ZodType, V extends string, Payload extends object>
  extends TypeBase<S, V> {
  kind: 'event';
  /** The event's fields besides its `kind` (the view name) and `at` (the frame's `createTime`). */
  read(message: z.output<S>): Payload;
}

// Identity functions that only give each entry its precise type (literal view names, inferred views).
const listType = <const S extends z.ZodType, const V extends string, Raw extends object, View extends object>(
  type: Omit<ListType<S, V, Raw, View>, 'kind'>,
): ListType<S, V, Raw, View> => ({ kind: 'list', ...type });
const valueType = <
  const S extends z.ZodType,
  const V extends string,
  Raw,
  View,
  Empty extends View | undefined = View,
>(
  type: Omit<ValueType<S, V, Raw, View, Empty>, 'kind'>,
): ValueType<S, V, Raw, View, Empty> => ({ kind: 'value', ...type });
const eventType = <const S extends z.ZodType, const V extends string, Payload extends object>(
  type: Omit<EventType<S, V, Payload>, 'kind'>,
): EventType<S, V, Payload> => ({ kind: 'event', ...type });

const withoutMode = <T extends { mode?: unknown }>(entry: T): OmitKnown<T, 'mode'> => {
  const { mode: _mode, ...rest } = entry;
  return rest as unknown as OmitKnown<T, 'mode'>;
};
/** `pid` + `pinfoMap` entries (participants, waiting room): the keys of `pinfoMap` merge one by one. */
const pinfoEntries = (
  message: { data: readonly PidEntry[] },
  visit: ListEntryVisitor<Record<string, string>>,
): void => {
  for (const entry of message.data) visit(entry.pid, { ...entry.pinfoMap }, entry.mode === 1);
};

/**
 * The modelled push message types (control-and-push.md B.5), in the order a Subscribe lists them: documented
 * ones first. Full frames (`msgMode` 0) replace a type's state, increments are numbered (B.6).
 */
export const PUSH_TYPES = {
  ConfBasicInfoNotify: valueType({
    schema: confBasicInfoNotifySchema,
    view: 'basic',
    listed: 'newest',
    merges: true,
    // The plain-text passwords are never kept: a snapshot goes to every watcher of the meeting.
    read: (message): BasicInfo => {
      const { pwds: _passwords, ...info } = withoutEnvelope(message);
      return info;
    },
    toView: meetingBasicView,
    empty: undefined,
    stored: z.unknown().optional(),
  }),
  ConfDynamicInfoNotify: valueType({
    schema: confDynamicInfoNotifySchema,
    view: 'status',
    listed: 'newest',
    merges: true,
    read: (message): DynamicInfo => withoutEnvelope(message),
    toView: meetingStatusView,
    empty: UNKNOWN_STATUS,
    stored: z.looseObject({}),
  }),
  ParticipantsNotify: listType({
    schema: participantsNotifySchema,
    view: 'participants',
    listed: 'newest',
    key: 'participantId',
    entries: pinfoEntries,
    toView: participantView,
  }),
  AttendeesNotify: listType({
    schema: attendeesNotifySchema,
    view: 'attendees',
    listed: 'newest',
    key: 'key',
    entries: (message, visit) => {
      for (const entry of message.data) visit(attendeeKey(entry), withoutMode(entry), entry.mode === 1);
    },
    toView: attendeeView,
  }),
  SpeakerChangeNotify: valueType({
    schema: speakerChangeNotifySchema,
    view: 'speakers',
    listed: 'newest',
    merges: false,
    read: (message) => message.data,
    toView: speakerViews,
    empty: Object.freeze([]),
    stored: z.array(z.unknown()),
  }),
  InviteResultNotify: eventType({
    schema: inviteResultNotifySchema,
    view: 'inviteResult',
    listed: 'newest',
    read: (message) => ({ results: inviteResultViews(message.data) }),
  }),
  RealTimeSubtitleNotify: eventType({
    schema: realTimeSubtitleNotifySchema,
    view: 'subtitle',
    listed: 'newest',
    read: (message) => ({ subtitle: subtitleView(message.data) }),
  }),
  WaitingListNotify: listType({
    schema: waitingListNotifySchema,
    view: 'waitingList',
    listed: 'newest',
    key: 'participantId',
    entries: pinfoEntries,
    toView: waitingEntryView,
  }),
  InterpreterGroupNotify: valueType({
    schema: interpreterGroupNotifySchema,
    view: 'interpreterGroups',
    listed: 'newest',
    merges: false,
    read: (message) => message.data,
    toView: interpreterGroupViews,
    empty: Object.freeze([]),
    stored: z.array(z.unknown()),
  }),
  NetConditionNotify: listType({
    schema: netConditionNotifySchema,
    view: 'netConditions',
    listed: 'older',
    key: 'participantID',
    entries: (message, visit) => {
      for (const entry of message.data) visit(entry.participantID, withoutMode(entry), entry.mode === 1);
    },
    toView: netConditionView,
  }),
};

type Registry = typeof PUSH_TYPES;
type AnyList = ListType<z.ZodType, string, object, object>;
type AnyValue = ValueType<z.ZodType, string, unknown, unknown, unknown>;
type AnyEvent = EventType<z.ZodType, string, object>;
/** Any entry of the registry, for code that handles every type alike. */
export type AnyPushType = AnyList | AnyValue | AnyEvent;
type Flat<T> = { [K in keyof T]: T[K] };

/** A modelled push message type (its `action`). */
export type PushAction = keyof Registry;
type ActionsOf<K extends AnyPushType['kind']> = {
  [A in PushAction]: Registry[A]['kind'] extends K ? A : never;
}[PushAction];
/** The list types (participants, attendees, waiting room, network conditions). */
export type ListAction = ActionsOf<'list'>;
/** The value types (basic info, status, speakers, interpreter groups). */
export type ValueAction = ActionsOf<'value'>;
/** The event-like types (invite results, captions). */
export type EventAction = ActionsOf<'event'>;
/** A message type that builds state (versioned per B.6); the event-like types are not among them. */
export type StateMessageType = ListAction | ValueAction;

/** A documented pushed message: the output of its type's schema. */
export type PushMessage = { [A in PushAction]: z.output<Registry[A]['schema']> }[PushAction];

/** Every view of the list types, by view name. */
export type ListViews = {
  [A in ListAction as Registry[A]['view']]: ReturnType<Registry[A]['toView']>;
};
/** Every view of the value types, by view name. */
export type ValueViews = {
  [A in ValueAction as Registry[A]['view']]: ReturnType<Registry[A]['toView']>;
};
/** The value views as a snapshot holds them: each may still be its `empty` (basic info: undefined). */
export type SnapshotValues = {
  [A in ValueAction as Registry[A]['view']]: ReturnType<Registry[A]['toView']> | Registry[A]['empty'];
};
/** Event-like messages: surfaced one by one, never accumulated into the snapshot. */
export type MeetingEvent = {
  [A in EventAction]: Readonly<
    Flat<{ kind: Registry[A]['view']; at: number | undefined } & ReturnType<Registry[A]['read']>>
  >;
}[EventAction];

const TYPES = PUSH_TYPES as Record<PushAction, AnyPushType>;
const ACTIONS = Object.keys(PUSH_TYPES) as PushAction[];

/** The registry entry of a modelled type (undefined for any other action). */
export function pushTypeOf(action: string): AnyPushType | undefined {
  return Object.hasOwn(TYPES, action) ? TYPES[action as PushAction] : undefined;
}

/** Push message types a Subscribe may ask for (B.2), documented ones first. */
export const SUBSCRIBE_TYPES = ACTIONS as readonly PushAction[] as readonly [PushAction, ...PushAction[]];
/** A documented push message type. */
export type SubscribeType = PushAction;
/** The types of the newest documented subscribe list (B.2; NetConditionNotify is only in an older one). */
export const NEWEST_SUBSCRIBE_TYPES: readonly SubscribeType[] = ACTIONS.filter(
  (action) => TYPES[action].listed === 'newest',
);
/** Message types that build state (versioned per B.6), in registry order. */
export const STATE_MESSAGE_TYPES: readonly StateMessageType[] = ACTIONS.filter(
  (action): action is StateMessageType => TYPES[action].kind !== 'event',
);

/** The list types' entries, with their view names and keys. */
export const LIST_TYPES: readonly AnyList[] = ACTIONS.flatMap((action) => {
  const type = TYPES[action];
  return type.kind === 'list' ? [type] : [];
});
/** The value types' entries. */
export const VALUE_TYPES: readonly AnyValue[] = ACTIONS.flatMap((action) => {
  const type = TYPES[action];
  return type.kind === 'value' ? [type] : [];
});
/** The view names of the event-like types (an event's `kind`). */
export const EVENT_KINDS = ACTIONS.flatMap((action) => {
  const type = TYPES[action];
  return type.kind === 'event' ? [type.view] : [];
}) as MeetingEvent['kind'][];

/** Every documented pushed message, discriminated on `action`. */
export const pushMessageSchema = z.discriminatedUnion(
  'action',
  ACTIONS.map((action) => PUSH_TYPES[action].schema) as unknown as [
    Registry[PushAction]['schema'],
    ...Registry[PushAction]['schema'][],
  ],
);
