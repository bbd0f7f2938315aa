/** What an upsert did to one entry: its new view, whether it is new, and which view fields changed. */
export interface UpsertOutcome<View> {
  item: View;
  added: boolean;
  fields: readonly string[];
}

/** Names of the top-level fields whose values differ between two JSON-like views. */
export function changedFields(before: object | undefined, after: object): readonly string[] {
  const a = (before ?? {}) as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  const fields: string[] = [];
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!sameJson(a[key], b[key])) fields.push(key);
  }
  return Object.freeze(fields);
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A list of entries keyed by a string (pid, participantID, attendee key), holding the raw merged wire fields of
 * each and its frozen view. Insertion order is kept (join order), and the view list is cached until a change.
 */
export class KeyedList<Raw extends object, View extends object> {
  private readonly entries = new Map<string, { raw: Raw; view: View }>();
  private cached: readonly View[] | undefined;

  constructor(private readonly toView: (key: string, raw: Raw) => View) {}

  /** Replaces every entry (a full frame); repeated keys merge in frame order. Returns the new views. */
  reset(items: Iterable<readonly [string, Raw]>): readonly View[] {
    this.entries.clear();
    this.cached = undefined;
    for (const [key, raw] of items) {
      const previous = this.entries.get(key);
      const merged = previous ? { ...previous.raw, ...raw } : { ...raw };
      this.entries.set(key, { raw: merged, view: this.toView(key, merged) });
    }
    return this.views();
  }

  /** Shallow-merges the fields present into the entry (creating it); undefined when nothing changed. */
  upsert(key: string, patch: Raw): UpsertOutcome<View> | undefined {
    const previous = this.entries.get(key);
    const raw = previous ? { ...previous.raw, ...patch } : { ...patch };
    const view = this.toView(key, raw);
    const fields = changedFields(previous?.view, view);
    if (previous && fields.length === 0) {
      previous.raw = raw;
      return undefined;
    }
    this.entries.set(key, { raw, view });
    this.cached = undefined;
    return { item: view, added: previous === undefined, fields };
  }

  /** Stores an entry's fields as given, replacing any earlier ones (no merge; `toView` still makes its view). */
  put(key: string, raw: Raw): void {
    this.entries.set(key, { raw, view: this.toView(key, raw) });
    this.cached = undefined;
  }

  /** Removes every entry. */
  clear(): void {
    this.entries.clear();
    this.cached = undefined;
  }

  /** Removes the entry; false when there was none. */
  remove(key: string): boolean {
    const removed = this.entries.delete(key);
    if (removed) this.cached = undefined;
    return removed;
  }

  /** The current views in insertion order, as one frozen array (shared until the next change). */
  views(): readonly View[] {
    this.cached ??= Object.freeze([...this.entries.values()].map((e) => e.view));
    return this.cached;
  }

  /** The view of one entry. */
  get(key: string): View | undefined {
    return this.entries.get(key)?.view;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }
}
