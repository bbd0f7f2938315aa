import type { StateChange } from './reducer.js';
import { MeetingStateReducer } from './reducer.js';
import type { ListViews, MeetingSnapshot, ValueViews } from './snapshot.js';
import { deepFreeze } from './views.js';

type ListName = keyof ListViews;

/** How each list view names its entries (the `key` its changes carry). */
const LIST_KEYS: { [V in ListName]: (item: ListViews[V]) => string } = {
  participants: (item) => item.participantId,
  waitingList: (item) => item.participantId,
  attendees: (item) => item.key,
  netConditions: (item) => item.participantID,
};

const LIST_NAMES = Object.keys(LIST_KEYS) as ListName[];

/**
 * A meeting's state rebuilt from a stream's snapshots and changes rather than from push frames: what every
 * watcher of a stream holds, wherever the upstream socket is. Applying the changes a reducer produced, in order,
 * to the snapshot it started from gives the reducer's own state (lists keep their order: changed entries stay in
 * place, new ones are appended).
 */
export class SnapshotMirror {
  private base: MeetingSnapshot;
  private readonly lists = new Map<ListName, Map<string, ListViews[ListName]>>();
  private readonly values: Partial<{ -readonly [V in keyof ValueViews]: ValueViews[V] }> = {};
  private cached: MeetingSnapshot | undefined;

  /** A mirror of an empty meeting, or of `snapshot`. */
  constructor(conferenceID: string, snapshot?: MeetingSnapshot) {
    this.base = snapshot ?? new MeetingStateReducer(conferenceID).snapshot();
    this.reset(this.base);
  }

  /** Replaces the whole state. */
  reset(snapshot: MeetingSnapshot): void {
    this.base = deepFreeze(snapshot);
    for (const name of LIST_NAMES) this.setList(name, snapshot[name] as readonly ListViews[ListName][]);
    this.values.basic = snapshot.basic as ValueViews['basic'];
    this.values.status = snapshot.status;
    this.values.speakers = snapshot.speakers;
    this.values.interpreterGroups = snapshot.interpreterGroups;
    this.cached = this.base;
  }

  /** Applies a stream's changes, in order. */
  apply(changes: readonly StateChange[]): void {
    for (const change of changes) {
      if (change.kind === 'replace') {
        (this.values as Record<string, unknown>)[change.view] = deepFreeze(change.value);
      } else if (change.kind === 'reset') {
        this.setList(change.view, change.items);
      } else if (change.kind === 'upsert') {
        this.list(change.view).set(change.key, deepFreeze(change.item));
      } else {
        this.list(change.view).delete(change.key);
      }
    }
    if (changes.length > 0) this.cached = undefined;
  }

  /** The current state (deeply frozen; the same object until the next change). */
  snapshot(): MeetingSnapshot {
    if (this.cached) return this.cached;
    const lists = {} as Record<ListName, readonly unknown[]>;
    for (const name of LIST_NAMES) lists[name] = Object.freeze([...this.list(name).values()]);
    this.cached = Object.freeze({
      ...this.base,
      ...lists,
      basic: this.values.basic,
      status: this.values.status ?? this.base.status,
      speakers: this.values.speakers ?? this.base.speakers,
      interpreterGroups: this.values.interpreterGroups ?? this.base.interpreterGroups,
    }) as MeetingSnapshot;
    return this.cached;
  }

  private list(name: ListName): Map<string, ListViews[ListName]> {
    let list = this.lists.get(name);
    if (!list) {
      list = new Map();
      this.lists.set(name, list);
    }
    return list;
  }

  private setList(name: ListName, items: readonly ListViews[ListName][]): void {
    const key = LIST_KEYS[name] as (item: ListViews[ListName]) => string;
    const list = new Map<string, ListViews[ListName]>();
    for (const item of items) list.set(key(item), deepFreeze(item));
    this.lists.set(name, list);
  }
}
