import {
  type AnyPushType,
  LIST_TYPES,
  type PushMessage,
  pushTypeOf,
  STATE_MESSAGE_TYPES,
  type StateMessageType,
  VALUE_TYPES,
} from '../frames/registry.js';
import { changedFields, KeyedList } from './keyedList.js';
import type { ListViews, MeetingEvent, MeetingSnapshot, TypeSync, ValueViews } from './snapshot.js';
import { deepFreeze, type ParticipantView } from './views/index.js';

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

type Sync = { state: TypeSync['state']; fullVersion: number | undefined; lastSeq: number };
type ListTypeOf = Extract<AnyPushType, { kind: 'list' }>;
type ValueTypeOf = Extract<AnyPushType, { kind: 'value' }>;
/** A value type's last fields (what increments merge into) and its view. */
type Value = { raw: unknown; view: unknown };

const STATE_TYPES = new Set<string>(STATE_MESSAGE_TYPES);

/**
 * The state machine of one meeting's push stream (control-and-push.md B.6 and the reference README decision).
 * Per message type: a full frame (`msgMode` 0) replaces the type's state and restarts its numbering; an
 * increment (`msgMode` 1) must be numbered exactly last + 1 (the first after a full frame is 1); at or below
 * the last number it is a duplicate and dropped; a gap, an increment before any full frame or one without a
 * number makes the type `resync-needed`, and its increments are refused until its next full frame. Content, as
 * each type's entry in the registry (frames/registry.ts) says: list types upsert (shallow merge of the keys
 * present; `pinfoMap` key by key) or remove (`mode` 1) by key; value types that merge (ConfDynamicInfoNotify,
 * and ConfBasicInfoNotify should it ever come as an increment) shallow-merge their fields; the other value
 * types (speakers, interpreter groups) are replaced by every frame. Pure: no I/O, no timers; never throws on a
 * parsed message.
 */
export class MeetingStateReducer {
  /** Each list type's entries, by view name. */
  private readonly lists = new Map<string, KeyedList<object, object>>();
  /** Each value type's last fields and view, by view name. */
  private readonly values = new Map<string, Value>();
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
  constructor(readonly conferenceID: string) {
    for (const type of LIST_TYPES) this.lists.set(type.view, new KeyedList(type.toView));
    this.clearValues();
  }

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
    const type = pushTypeOf(message.action) as AnyPushType;
    if (type.kind === 'event') {
      this.counts.events++;
      const event = { kind: type.view, at: message.createTime, ...type.read(message) } as MeetingEvent;
      return { kind: 'event', event: Object.freeze(event) };
    }
    return this.applyState(message, message.action as StateMessageType, type);
  }

  private applyState(
    message: PushMessage,
    type: StateMessageType,
    spec: ListTypeOf | ValueTypeOf,
  ): ApplyResult {
    const sync = this.sync[type];
    const version = message.version;
    if ((message.msgMode ?? 0) === 0) {
      const changes = this.replace(message, spec);
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
    const changes = this.merge(message, spec);
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
  private replace(message: PushMessage, spec: ListTypeOf | ValueTypeOf): StateChange[] {
    if (spec.kind === 'value') return [this.setValue(spec, spec.read(message))];
    // What the frame lists: a `mode` 1 entry in a full frame has nothing to remove; no key, no entry.
    const entries: Array<[string, object]> = [];
    spec.entries(message, (key, raw, remove) => {
      if (key !== undefined && !remove) entries.push([key, raw]);
    });
    const items = this.list(spec.view).reset(entries);
    return [{ kind: 'reset', view: spec.view, items } as StateChange];
  }

  /** An increment: merge present fields, upsert or remove entries. */
  private merge(message: PushMessage, spec: ListTypeOf | ValueTypeOf): StateChange[] {
    if (spec.kind === 'value') {
      if (!spec.merges) return [this.setValue(spec, spec.read(message))];
      const fields = { ...(this.values.get(spec.view)?.raw as object), ...(spec.read(message) as object) };
      return visible(this.setValue(spec, fields));
    }
    const { view } = spec;
    const list = this.list(view);
    const changes: StateChange[] = [];
    spec.entries(message, (key, raw, remove) => {
      if (key === undefined) return;
      if (remove) {
        if (list.remove(key)) changes.push({ kind: 'remove', view, key } as StateChange);
        return;
      }
      const outcome = list.upsert(key, raw);
      if (outcome) changes.push({ kind: 'upsert', view, key, ...outcome } as StateChange);
    });
    return changes;
  }

  /**
   * Sets a value type from what a frame says. Types that merge say which view fields changed; the others are
   * replaced whole by every frame (fields: none).
   */
  private setValue(spec: ValueTypeOf, raw: unknown): Extract<StateChange, { kind: 'replace' }> {
    const previous = this.values.get(spec.view)?.view;
    const view = spec.toView(raw);
    this.values.set(spec.view, { raw, view });
    const fields = spec.merges ? changedFields(previous as object | undefined, view as object) : [];
    return { kind: 'replace', view: spec.view, value: view, fields } as Extract<
      StateChange,
      { kind: 'replace' }
    >;
  }

  private list(view: string): KeyedList<object, object> {
    return this.lists.get(view) as KeyedList<object, object>;
  }

  private clearValues(): void {
    for (const type of VALUE_TYPES) this.values.set(type.view, { raw: undefined, view: type.empty });
  }

  /**
   * Forgets every increment number (numbering is per connection): call it before reconnecting. Each type then
   * waits for its full frame; by default the views stay until those frames replace them.
   */
  reset(options: ResetOptions = {}): void {
    this.sync = MeetingStateReducer.freshSync();
    this.cachedSnapshot = undefined;
    if (options.keepData ?? true) return;
    this.clearValues();
    for (const list of this.lists.values()) list.reset([]);
  }

  /** The meeting as it stands: deeply frozen and shared until the next change (cheap to call often). */
  snapshot(): MeetingSnapshot {
    if (this.cachedSnapshot) return this.cachedSnapshot;
    const sync = {} as Record<StateMessageType, TypeSync>;
    for (const type of STATE_MESSAGE_TYPES) sync[type] = Object.freeze({ ...this.sync[type] });
    const views: Record<string, unknown> = {};
    for (const [name, value] of this.values) views[name] = value.view;
    for (const [name, list] of this.lists) views[name] = list.views();
    this.cachedSnapshot = deepFreeze({
      conferenceID: this.conferenceID,
      ...views,
      sync,
      resyncNeeded: STATE_MESSAGE_TYPES.some((type) => this.sync[type].state === 'resync-needed'),
    }) as MeetingSnapshot;
    return this.cachedSnapshot;
  }

  /** One participant's view by pid. */
  participant(pid: string): ParticipantView | undefined {
    return this.list('participants').get(pid) as ParticipantView | undefined;
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
