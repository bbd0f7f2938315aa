import { LIST_TYPES, type SnapshotValues, VALUE_TYPES } from '../frames/registry.js';
import { KeyedList } from './keyedList.js';
import type { StateChange } from './reducer.js';
import { MeetingStateReducer } from './reducer.js';
import type { ListViews, MeetingSnapshot } from './snapshot.js';
import { deepFreeze } from './views/index.js';

/** A list view's name. */
export type ListName = keyof ListViews;
type AnyView = ListViews[ListName];

/** How each list view names its entries (the `key` its changes carry), from the registry. */
const LIST_KEYS = new Map<string, (item: AnyView) => string>(
  LIST_TYPES.map((type) => [type.view, (item: AnyView) => String(item[type.key as keyof AnyView])]),
);
const LIST_NAMES = LIST_TYPES.map((type) => type.view as ListName);
const VALUE_NAMES = VALUE_TYPES.map((type) => type.view);
const asIs = (_key: string, view: AnyView) => deepFreeze(view);

/**
 * A meeting's state rebuilt from a stream's snapshots and changes rather than from push frames: what every
 * watcher of a stream holds, wherever the upstream socket is. Applying the changes a reducer produced, in order,
 * to the snapshot it started from gives the reducer's own state (lists keep their order: changed entries stay in
 * place, new ones are appended). Each list is one keyed list of the shared, frozen views.
 */
export class SnapshotMirror {
  private base: MeetingSnapshot;
  private readonly lists = new Map<string, KeyedList<AnyView, AnyView>>();
  private readonly values = new Map<string, unknown>();
  private cached: MeetingSnapshot | undefined;

  /** A mirror of an empty meeting, or of `snapshot`. */
  constructor(conferenceID: string, snapshot?: MeetingSnapshot) {
    this.base = snapshot ?? new MeetingStateReducer(conferenceID).snapshot();
    this.reset(this.base);
  }

  /** Replaces the whole state. */
  reset(snapshot: MeetingSnapshot): void {
    this.base = deepFreeze(snapshot);
    for (const name of LIST_NAMES) this.setList(name, snapshot[name] as readonly AnyView[]);
    for (const name of VALUE_NAMES) this.values.set(name, (snapshot as Record<string, unknown>)[name]);
    this.cached = this.base;
  }

  /** Applies a stream's changes, in order. */
  apply(changes: readonly StateChange[]): void {
    for (const change of changes) {
      if (change.kind === 'replace') {
        this.values.set(change.view, deepFreeze(change.value));
      } else if (change.kind === 'reset') {
        this.setList(change.view, change.items);
      } else if (change.kind === 'upsert') {
        this.list(change.view).put(change.key, change.item);
      } else {
        this.list(change.view).remove(change.key);
      }
    }
    if (changes.length > 0) this.cached = undefined;
  }

  /** One list as it stands: its views in order, one frozen array shared until that list changes. */
  listOf<V extends ListName>(name: V): readonly ListViews[V][] {
    return this.list(name).views() as readonly ListViews[V][];
  }

  /** One value view as it stands (basic info, status ...). */
  valueOf<V extends keyof SnapshotValues>(name: V): SnapshotValues[V] {
    return this.values.get(name) as SnapshotValues[V];
  }

  /** The current state (deeply frozen; the same object until the next change). */
  snapshot(): MeetingSnapshot {
    if (this.cached) return this.cached;
    const views: Record<string, unknown> = {};
    for (const name of LIST_NAMES) views[name] = this.list(name).views();
    for (const name of VALUE_NAMES) views[name] = this.values.get(name);
    this.cached = Object.freeze({ ...this.base, ...views }) as MeetingSnapshot;
    return this.cached;
  }

  private list(name: string): KeyedList<AnyView, AnyView> {
    let list = this.lists.get(name);
    if (!list) {
      list = new KeyedList(asIs);
      this.lists.set(name, list);
    }
    return list;
  }

  private setList(name: string, items: readonly AnyView[]): void {
    const key = LIST_KEYS.get(name) ?? ((item: AnyView) => String((item as { key?: unknown }).key));
    const list = this.list(name);
    list.clear();
    for (const item of items) list.put(key(item), item);
  }
}
