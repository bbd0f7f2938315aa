import { z } from 'zod';

/**
 * The entry of `table` for an upstream value, or null when the table has none. Only the table's own entries
 * count: a value such as `constructor` or `toString` is as unknown as any other, not a property of every object.
 */
export const lookup = <V>(table: Readonly<Record<string, V>>, key: string | number | undefined): V | null =>
  key !== undefined && Object.hasOwn(table, String(key)) ? (table[String(key)] as V) : null;

/** Internal values of one GraphQL enum: GraphQL name -> the value the meeting server (or a view) uses. */
type Values = Readonly<Record<string, string | number>>;

/** A GraphQL enum mapped by its internal values, with the one check of an upstream value against it. */
export interface WireEnum<V extends Values> {
  /** The enum's map for the resolvers (graphql-tools): each GraphQL name's internal value. */
  readonly values: V;
  /** The upstream value when the enum has it, else null (a value published later, or none). */
  read(value: unknown): V[keyof V] | null;
  /** The upstream value when the enum has it, else the internal value of `fallback` (UNKNOWN, OTHER ...). */
  readOr(value: unknown, fallback: keyof V): V[keyof V];
  /** The internal value of a GraphQL name (to compare an argument or a resolved value with). */
  of(name: keyof V): V[keyof V];
  /** The GraphQL name of an internal value, for messages (the client knows the names, not the wire). */
  nameOf(value: V[keyof V]): string;
  /** An argument of the enum (all its values, or only `names`), its error naming the GraphQL names. */
  schema(): z.ZodType<V[keyof V]>;
  schema<K extends keyof V & string>(...names: K[]): z.ZodType<V[K]>;
}

/**
 * How every enum of the schema is mapped: by GraphQL enum internal values. `values` names, once, the internal
 * value of each GraphQL name (the wire's, or the view's from `@hwmeeting/events`); a resolver answers the value
 * as it came and graphql-js serialises it to the name, and an argument of the enum arrives as the value to send
 * upstream. Internal values cannot say "anything else": graphql-js fails a field whose value is none of the
 * enum's. `read` and `readOr` are therefore the one place an upstream value is checked first (published-behaviour.md
 * §2: the meeting server may add values), and a value they do not know becomes null or the fallback's value,
 * never an error. Only the enum's own values count (`constructor` is no more known than any other string).
 * One enum is computed instead: `MeetingState` (common/meeting.ts), where two upstream spellings (the REST
 * `conferenceState`, the pushed state) and two values meaning "in progress" meet in one table.
 */
export function wireEnum<const V extends Values>(values: V): WireEnum<V> {
  const known = new Set<unknown>(Object.values(values));
  const names = new Map<unknown, string>(Object.entries(values).map(([name, value]) => [value, name]));
  const read = (value: unknown): V[keyof V] | null => (known.has(value) ? (value as V[keyof V]) : null);
  return {
    values,
    read,
    readOr: (value, fallback) => read(value) ?? (values[fallback] as V[keyof V]),
    of: (name) => values[name] as V[keyof V],
    nameOf: (value) => names.get(value) ?? String(value),
    schema: (...only: (keyof V & string)[]) => {
      const allowed = only.length > 0 ? only : (Object.keys(values) as (keyof V & string)[]);
      const accepted = new Set<unknown>(allowed.map((name) => values[name]));
      return z.custom<V[keyof V]>((value) => accepted.has(value), {
        error: `must be one of ${allowed.join(', ')}`,
      });
    },
  };
}
