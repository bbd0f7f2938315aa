import type { AttendeeNotify } from '../frames/attendees.js';
import { attendeeKey } from '../frames/attendees.js';
import type { PidEntry } from '../frames/common.js';
import type { NetConditionNotify } from '../frames/netCondition.js';
import type { PushMessage } from '../frames/pushFrame.js';
import { changedFields, KeyedList } from './keyedList.js';
import {
  type ListViews,
  type MeetingSnapshot,
  STATE_MESSAGE_TYPES,
  type StateMessageType,
  type TypeSync,
  type ValueViews,
} from './snapshot.js';
import {
  type AttendeeView,
  attendeeView,
  type DynamicInfo,
  deepFreeze,
  ENVELOPE_KEYS,
  frozenCopy,
  type InterpreterGroupView,
  inviteResultViews,
  type MeetingBasicView,
  type MeetingEvent,
  type MeetingStatusView,
  meetingStatusView,
  type NetConditionView,
  type OmitKnown,
  type ParticipantView,
  participantView,
  type SpeakerView,
  speakerViews,
  subtitleView,
  UNKNOWN_STATUS,
  type WaitingEntryView,
  waitingEntryView,
} from './views.js';

/** One precise change to the snapshot, carrying the new (frozen) view so a stream can publish it as is. */
export type StateChange =
  | {
      [V in keyof ListViews]:
        | Readonly<{ kind: 'reset'; view: V; items: readonly ListViews[V][] }>
        | Readonly<{
            kind: 'upsert';
            view: V;
            key: string;
            item: ListViews[V];
            added: boolean;
            fields: readonly string[];
          }>
        | Readonly<{ kind: 'remove'; view: V; key: string }>;
    }[keyof ListViews]
  | {
      [V in keyof ValueViews]: Readonly<{
        kind: 'replace';
        view: V;
        value: ValueViews[V];
        /** View fields that differ from before (for lists: empty). */
        fields: readonly string[];
      }>;
    }[keyof ValueViews];

/** Why increments of a type are not applied until its next full frame. */
export type ResyncReason =
  /** The increment's number is not the last one plus 1. */
  | 'gap'
  /** No full frame of the type was seen on this connection. */
  | 'no-full-frame'
  /** The increment has no `version`, so its place cannot be checked. */
  | 'no-version';

/** What {@link MeetingStateReducer.apply} did with one message. */
export type ApplyResult =
  | Readonly<{
      kind: 'applied';
      type: StateMessageType;
      /** A full frame (it reset the type and its numbering). */
      full: boolean;
      version: number | undefined;
      /** Empty when the message changed nothing visible (the numbering still moved on). */
      changes: readonly StateChange[];
    }>
  /** An increment numbered at or below the last one applied: dropped. `stale` when below. */
  | Readonly<{ kind: 'duplicate'; type: StateMessageType; version: number; lastSeq: number; stale: boolean }>
  /** State of `type` can no longer be trusted: reconnect for fresh full frames. Reported once per gap. */
  | Readonly<{
      kind: 'resync';
      type: StateMessageType;
      reason: ResyncReason;
      expected: number | undefined;
      received: number | undefined;
    }>
  /** An increment of a type that already needs a resync: dropped until the next full frame of it. */
  | Readonly<{ kind: 'refused'; type: StateMessageType; received: number | undefined }>
  /** An event-like message (invite result, caption): surfaced, not accumulated. */
  | Readonly<{ kind: 'event'; event: MeetingEvent }>
  /** A message of another meeting (its `confID` differs): ignored. */
  | Readonly<{ kind: 'ignored'; confID: string }>;

/** Running totals of what the reducer did; every refusal lands in one of them. */
export interface ReducerStats {
  applied: number;
  duplicates: number;
  resyncs: number;
  refused: number;
  events: number;
  ignored: number;
}

/** Options of {@link MeetingStateReducer.reset}. */
export interface ResetOptions {
  /**
   * Keep the current views until full frames replace them (default true): during a reconnect a reader sees the
   * last known meeting, marked `awaiting-full-frame` in `sync`, rather than an empty one.
   */
  keepData?: boolean | undefined;
}

type StateMessage = Extract<PushMessage, { action: StateMessageType }>;
type Sync = { state: TypeSync['state']; fullVersion: number | undefined; lastSeq: number };
type PinfoRaw = Record<string, string>;
type AttendeeRaw = Partial<OmitKnown<AttendeeNotify, 'mode'>>;
type NetConditionRaw = OmitKnown<NetConditionNotify['data'][number], 'mode'>;

const ENVELOPE = new Set<string>(ENVELOPE_KEYS);
const STATE_TYPES = new Set<string>(STATE_MESSAGE_TYPES);

function withoutEnvelope<T extends object>(message: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(message).filter(([key]) => !ENVELOPE.has(key)));
}

function withoutMode<T extends { mode?: unknown }>(entry: T): OmitKnown<T, 'mode'> {
  const { mode: _mode, ...rest } = entry;
  return rest as unknown as OmitKnown<T, 'mode'>;
}

/**
 * The state machine of one meeting's push stream (control-and-push.md B.6 and the reference README decision).
 * Per message type: a full frame (`msgMode` 0) replaces the type's state and restarts its numbering; an
 * increment (`msgMode` 1) must be numbered exactly last + 1 (the first after a full frame is 1); at or below
 * the last number it is a duplicate and dropped; a gap, an increment before any full frame or one without a
 * number makes the type `resync-needed`, and its increments are refused until its next full frame. Content:
 * list types upsert (shallow merge of the keys present; `pinfoMap` key by key) or remove (`mode` 1) by key;
 * ConfDynamicInfoNotify (and ConfBasicInfoNotify, should it ever come as an increment) shallow-merges its
 * fields; speakers and interpreter groups are replaced by every frame. Pure: no I/O, no timers; never throws
 * on a parsed message.
 */
export class MeetingStateReducer {
  private basicFields: Record<string, unknown> | undefined;
  private basicView: MeetingBasicView | undefined;
  private dynamic: DynamicInfo = {};
  private statusView: MeetingStatusView = UNKNOWN_STATUS;
  private speakers: readonly SpeakerView[] = Object.freeze([]);
  private interpreterGroups: readonly InterpreterGroupView[] = Object.freeze([]);
  private readonly participants = new KeyedList<PinfoRaw, ParticipantView>(participantView);
  private readonly waitingList = new KeyedList<PinfoRaw, WaitingEntryView>(waitingEntryView);
  private readonly attendees = new KeyedList<AttendeeRaw, AttendeeView>(attendeeView);
  private readonly netConditions = new KeyedList<NetConditionRaw, NetConditionView>((_key, raw) =>
    frozenCopy(raw),
  );
  private sync = MeetingStateReducer.freshSync();
  private cachedSnapshot: MeetingSnapshot | undefined;
  private readonly counts: ReducerStats = {
    applied: 0,
    duplicates: 0,
    resyncs: 0,
    refused: 0,
    events: 0,
    ignored: 0,
  };

  /** A reducer for the meeting `conferenceID`; frames naming another `confID` are ignored. */
  constructor(readonly conferenceID: string) {}

  private static freshSync(): Record<StateMessageType, Sync> {
    const sync = {} as Record<StateMessageType, Sync>;
    for (const type of STATE_MESSAGE_TYPES) {
      sync[type] = { state: 'awaiting-full-frame', fullVersion: undefined, lastSeq: 0 };
    }
    return sync;
  }

  /** Applies one parsed push message and says what it changed, or why it was dropped. */
  apply(message: PushMessage): ApplyResult {
    if (message.confID !== undefined && message.confID !== this.conferenceID) {
      this.counts.ignored++;
      return { kind: 'ignored', confID: message.confID };
    }
    if (message.action === 'InviteResultNotify') {
      this.counts.events++;
      const results = inviteResultViews(message.data);
      return {
        kind: 'event',
        event: Object.freeze({ kind: 'inviteResult', at: message.createTime, results }),
      };
    }
    if (message.action === 'RealTimeSubtitleNotify') {
      this.counts.events++;
      const subtitle = subtitleView(message.data);
      return { kind: 'event', event: Object.freeze({ kind: 'subtitle', at: message.createTime, subtitle }) };
    }
    return this.applyState(message);
  }

  private applyState(message: StateMessage): ApplyResult {
    const type = message.action;
    const sync = this.sync[type];
    const version = message.version;
    if ((message.msgMode ?? 0) === 0) {
      const changes = this.replace(message);
      this.sync[type] = { state: 'synced', fullVersion: version, lastSeq: 0 };
      return this.applied(type, true, version, changes);
    }
    if (sync.state === 'resync-needed') {
      this.counts.refused++;
      return { kind: 'refused', type, received: version };
    }
    if (sync.state === 'awaiting-full-frame')
      return this.needResync(type, 'no-full-frame', undefined, version);
    if (version === undefined) return this.needResync(type, 'no-version', sync.lastSeq + 1, undefined);
    if (version <= sync.lastSeq) {
      this.counts.duplicates++;
      return { kind: 'duplicate', type, version, lastSeq: sync.lastSeq, stale: version < sync.lastSeq };
    }
    if (version !== sync.lastSeq + 1) return this.needResync(type, 'gap', sync.lastSeq + 1, version);
    const changes = this.merge(message);
    sync.lastSeq = version;
    return this.applied(type, false, version, changes);
  }

  private applied(
    type: StateMessageType,
    full: boolean,
    version: number | undefined,
    changes: StateChange[],
  ): ApplyResult {
    this.counts.applied++;
    this.cachedSnapshot = undefined;
    return { kind: 'applied', type, full, version, changes: Object.freeze(changes) };
  }

  private needResync(
    type: StateMessageType,
    reason: ResyncReason,
    expected: number | undefined,
    received: number | undefined,
  ): ApplyResult {
    this.counts.resyncs++;
    this.sync[type].state = 'resync-needed';
    this.cachedSnapshot = undefined;
    return { kind: 'resync', type, reason, expected, received };
  }

  /** A full frame: the type's state becomes exactly what the frame says. */
  private replace(message: StateMessage): StateChange[] {
    switch (message.action) {
      case 'ConfBasicInfoNotify':
        return [this.setBasic(withoutEnvelope(message))];
      case 'ConfDynamicInfoNotify':
        return [this.setDynamic(withoutEnvelope(message) as DynamicInfo)];
      case 'ParticipantsNotify':
        return [
          { kind: 'reset', view: 'participants', items: this.participants.reset(pinfoEntries(message.data)) },
        ];
      case 'WaitingListNotify':
        return [
          { kind: 'reset', view: 'waitingList', items: this.waitingList.reset(pinfoEntries(message.data)) },
        ];
      case 'AttendeesNotify':
        return [
          { kind: 'reset', view: 'attendees', items: this.attendees.reset(attendeeEntries(message.data)) },
        ];
      case 'NetConditionNotify':
        return [
          { kind: 'reset', view: 'netConditions', items: this.netConditions.reset(netEntries(message.data)) },
        ];
      case 'SpeakerChangeNotify':
      case 'InterpreterGroupNotify':
        return this.replaceWhole(message);
    }
  }

  /** An increment: merge present fields, upsert or remove entries. */
  private merge(message: StateMessage): StateChange[] {
    switch (message.action) {
      case 'ConfBasicInfoNotify':
        return visible(this.setBasic({ ...this.basicFields, ...withoutEnvelope(message) }));
      case 'ConfDynamicInfoNotify':
        return visible(this.setDynamic({ ...this.dynamic, ...(withoutEnvelope(message) as DynamicInfo) }));
      case 'ParticipantsNotify':
        return this.mergePinfo('participants', this.participants, message.data);
      case 'WaitingListNotify':
        return this.mergePinfo('waitingList', this.waitingList, message.data);
      case 'AttendeesNotify': {
        const changes: StateChange[] = [];
        for (const entry of message.data) {
          const key = attendeeKey(entry);
          if (key === undefined) continue;
          if (entry.mode === 1) {
            if (this.attendees.remove(key)) changes.push({ kind: 'remove', view: 'attendees', key });
            continue;
          }
          const outcome = this.attendees.upsert(key, withoutMode(entry));
          if (outcome) changes.push({ kind: 'upsert', view: 'attendees', key, ...outcome });
        }
        return changes;
      }
      case 'NetConditionNotify': {
        const changes: StateChange[] = [];
        for (const entry of message.data) {
          const key = entry.participantID;
          if (entry.mode === 1) {
            if (this.netConditions.remove(key)) changes.push({ kind: 'remove', view: 'netConditions', key });
            continue;
          }
          const outcome = this.netConditions.upsert(key, withoutMode(entry));
          if (outcome) changes.push({ kind: 'upsert', view: 'netConditions', key, ...outcome });
        }
        return changes;
      }
      case 'SpeakerChangeNotify':
      case 'InterpreterGroupNotify':
        return this.replaceWhole(message);
    }
  }

  private replaceWhole(
    message: Extract<StateMessage, { action: 'SpeakerChangeNotify' | 'InterpreterGroupNotify' }>,
  ): StateChange[] {
    if (message.action === 'SpeakerChangeNotify') {
      this.speakers = speakerViews(message.data);
      return [{ kind: 'replace', view: 'speakers', value: this.speakers, fields: [] }];
    }
    this.interpreterGroups = frozenCopy(message.data);
    return [{ kind: 'replace', view: 'interpreterGroups', value: this.interpreterGroups, fields: [] }];
  }

  private setBasic(fields: Record<string, unknown>): Extract<StateChange, { view: 'basic' }> {
    // The plain-text passwords are not kept: a snapshot is published to every subscriber of the meeting.
    const { pwds: _passwords, ...rest } = fields;
    this.basicFields = rest;
    const previous = this.basicView;
    this.basicView = frozenCopy(rest) as MeetingBasicView;
    return {
      kind: 'replace',
      view: 'basic',
      value: this.basicView,
      fields: changedFields(previous, this.basicView),
    };
  }

  private setDynamic(info: DynamicInfo): Extract<StateChange, { view: 'status' }> {
    this.dynamic = info;
    const previous = this.statusView;
    this.statusView = meetingStatusView(info);
    return {
      kind: 'replace',
      view: 'status',
      value: this.statusView,
      fields: changedFields(previous, this.statusView),
    };
  }

  private mergePinfo(
    view: 'participants' | 'waitingList',
    list: KeyedList<PinfoRaw, ParticipantView> | KeyedList<PinfoRaw, WaitingEntryView>,
    entries: readonly PidEntry[],
  ): StateChange[] {
    const changes: StateChange[] = [];
    for (const entry of entries) {
      if (entry.mode === 1) {
        if (list.remove(entry.pid)) changes.push({ kind: 'remove', view, key: entry.pid });
        continue;
      }
      const outcome = list.upsert(entry.pid, { ...entry.pinfoMap });
      if (outcome) changes.push({ kind: 'upsert', view, key: entry.pid, ...outcome } as StateChange);
    }
    return changes;
  }

  /**
   * Forgets every increment number (numbering is per connection): call it before reconnecting. Each type then
   * waits for its full frame; by default the views stay until those frames replace them.
   */
  reset(options: ResetOptions = {}): void {
    this.sync = MeetingStateReducer.freshSync();
    this.cachedSnapshot = undefined;
    if (options.keepData ?? true) return;
    this.basicFields = undefined;
    this.basicView = undefined;
    this.dynamic = {};
    this.statusView = UNKNOWN_STATUS;
    this.speakers = Object.freeze([]);
    this.interpreterGroups = Object.freeze([]);
    this.participants.reset([]);
    this.waitingList.reset([]);
    this.attendees.reset([]);
    this.netConditions.reset([]);
  }

  /** The meeting as it stands: deeply frozen and shared until the next change (cheap to call often). */
  snapshot(): MeetingSnapshot {
    if (this.cachedSnapshot) return this.cachedSnapshot;
    const sync = {} as Record<StateMessageType, TypeSync>;
    for (const type of STATE_MESSAGE_TYPES) sync[type] = Object.freeze({ ...this.sync[type] });
    this.cachedSnapshot = deepFreeze({
      conferenceID: this.conferenceID,
      basic: this.basicView,
      status: this.statusView,
      participants: this.participants.views(),
      attendees: this.attendees.views(),
      waitingList: this.waitingList.views(),
      speakers: this.speakers,
      interpreterGroups: this.interpreterGroups,
      netConditions: this.netConditions.views(),
      sync,
      resyncNeeded: STATE_MESSAGE_TYPES.some((type) => this.sync[type].state === 'resync-needed'),
    });
    return this.cachedSnapshot;
  }

  /** One participant's view by pid. */
  participant(pid: string): ParticipantView | undefined {
    return this.participants.get(pid);
  }

  /** Types that need a fresh full frame. */
  get resyncNeeded(): readonly StateMessageType[] {
    return STATE_MESSAGE_TYPES.filter((type) => this.sync[type].state === 'resync-needed');
  }

  /** A copy of the running totals. */
  get stats(): ReducerStats {
    return { ...this.counts };
  }
}

/** True when the action names a type that builds state (not an event-like one). */
export function isStateMessageType(action: string): action is StateMessageType {
  return STATE_TYPES.has(action);
}

/** An increment's change, or none when it changed nothing visible. */
function visible(change: Extract<StateChange, { kind: 'replace' }>): StateChange[] {
  return change.fields.length > 0 ? [change] : [];
}

function pinfoEntries(data: readonly PidEntry[]): Array<[string, PinfoRaw]> {
  // A full frame lists who is there; a `mode` 1 entry in it has nothing to remove and is skipped.
  return data.filter((e) => e.mode !== 1).map((e) => [e.pid, { ...e.pinfoMap }]);
}

function attendeeEntries(data: readonly AttendeeNotify[]): Array<[string, AttendeeRaw]> {
  const entries: Array<[string, AttendeeRaw]> = [];
  for (const entry of data) {
    const key = attendeeKey(entry);
    if (key !== undefined && entry.mode !== 1) entries.push([key, withoutMode(entry)]);
  }
  return entries;
}

function netEntries(data: NetConditionNotify['data']): Array<[string, NetConditionRaw]> {
  return data.filter((e) => e.mode !== 1).map((e) => [e.participantID, withoutMode(e)]);
}
