/**
 * How the client reads answers: tolerant (published-behaviour.md section 2). The official SDK models make every
 * field of a record optional, so a record must carry only what identifies it; a field the client cannot read
 * is left out of its record, a record it cannot read is left out of its list, and an enum value it does not
 * know reaches the caller as it came. Nothing is dropped unseen: each drop is collected (see
 * {@link collectDropped}) and the client reports it through its `onDropped` hook. Requests stay strict.
 */
import { z } from 'zod';
import { readsAsIs } from './readsAsIs.js';
import { describe, toleranceOf } from './tolerance.js';

export { type Tolerance, toleranceOf } from './tolerance.js';

/** One value left out of an answer: a record out of its list, or a field out of its record. */
export interface DroppedValue {
  /** `record`: a record left out of a list; `field`: a field left out of a record. */
  dropped: 'record' | 'field';
  /** The published type of the record, e.g. `ConferenceInfo`. */
  record: string;
  /** For a dropped record: its position in the list as answered. */
  index?: number | undefined;
  /**
   * The field at fault, as a dotted path inside the record: the missing or unreadable identifying field of a
   * dropped record (empty when the record is not even an object), or the dropped field.
   */
  field: string;
  /** What was wrong, in the schema's words; never the value itself (it may be a password). */
  reason: string;
}

/** Where drops go while an answer is parsed; parsing is synchronous, so one slot per nesting level is enough. */
let sink: DroppedValue[] | undefined;

/**
 * Runs a (synchronous) parse and returns its result with every value the tolerant schemas dropped meanwhile.
 * A parse outside `collectDropped` drops the same values without telling anyone.
 */
export function collectDropped<T>(parse: () => T): { result: T; dropped: DroppedValue[] } {
  const outer = sink;
  const dropped: DroppedValue[] = [];
  sink = dropped;
  try {
    return { result: parse(), dropped };
  } finally {
    sink = outer;
  }
}

function firstIssue(error: { issues: readonly z.core.$ZodIssue[] }): { field: string; reason: string } {
  const issue = error.issues[0];
  return {
    field: (issue?.path ?? []).map(String).join('.'),
    reason: issue?.message ?? 'does not match the schema',
  };
}

/** The brand of an enum value the client does not know. */
export type UnknownEnumValue = z.$brand<'UnknownEnumValue'>;

/**
 * An enum as answered: one of the published values, or any other string, typed apart (`string & brand`) so that
 * an exhaustive `switch` over the published values does not compile until the unknown case is handled.
 */
export function openEnum<const V extends readonly [string, ...string[]]>(values: V) {
  const schema = z.union([z.enum(values), z.string().brand<'UnknownEnumValue'>()]);
  describe(schema, { kind: 'enum', values });
  return schema;
}

/** Every field of `S` optional, and dropped (then reported) when its value cannot be read. */
export type TolerantFields<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodCatch<z.ZodOptional<S[K]>>;
};

/**
 * A record of the published type `name`: the `identifying` fields are read by their own schemas (required, or
 * with a default of their own such as an empty list); every other field is optional, and one whose value cannot
 * be read is left out of the record (and reported) rather than failing it. Fields the schema does not know are
 * kept.
 */
export function tolerantRecord<const I extends z.ZodRawShape, const O extends z.ZodRawShape>(
  name: string,
  identifying: I,
  optional: O,
) {
  const fields: Record<string, z.ZodType> = {};
  for (const [key, schema] of Object.entries(optional) as [string, z.ZodType][]) {
    fields[key] = schema.optional().catch((context: z.core.$ZodCatchCtx) => {
      const { field, reason } = firstIssue(context.error);
      sink?.push({ dropped: 'field', record: name, field: field ? `${key}.${field}` : key, reason });
      return undefined;
    });
  }
  const schema = z.looseObject({ ...identifying, ...(fields as TolerantFields<O>) });
  describe(schema, { kind: 'record', name, identifying, optional });
  return schema;
}

/** What a tolerant list made of its answer: the records it read and those it left out. */
export interface ListReading<T> {
  items: T[];
  skipped: number;
}

function readList<T extends z.ZodType>(item: T) {
  const name = recordName(item);
  // `null` is how some servers say "no records"; it reads as an empty list.
  return z
    .preprocess((value) => (value === null ? [] : value), z.array(z.unknown()))
    .transform((values): ListReading<z.output<T>> => {
      const items: z.output<T>[] = [];
      let skipped = 0;
      // Most records of an answer read as they came: a check compiled once from the schema tells so without
      // parsing or copying them; only the others (something to drop, a default to fill) go through zod.
      const asIs = readsAsIs(item);
      values.forEach((value, index) => {
        if (asIs?.(value)) {
          items.push(value as z.output<T>);
          return;
        }
        // The drops inside a record count only when the record itself is kept.
        const { result, dropped } = collectDropped(() => item.safeParse(value));
        if (result.success) {
          items.push(result.data);
          sink?.push(...dropped);
          return;
        }
        skipped++;
        sink?.push({ dropped: 'record', record: name, index, ...firstIssue(result.error) });
      });
      return { items, skipped };
    });
}

/** A list of records where one odd record (not an object, or without its identifying field) is left out. */
export function tolerantList<T extends z.ZodType>(item: T) {
  const schema = readList(item).transform((reading) => reading.items);
  describe(schema, { kind: 'list', item });
  return schema;
}

/**
 * A page of results: `{offset, limit, count, data}` where `count` is the total. The records of `data` are read
 * as by {@link tolerantList}; `skipped` says how many were left out, so that a caller paging by position can
 * step over them (`offset + data.length + skipped`). A missing `data` is an empty page.
 */
export function pageOf<T extends z.ZodType>(item: T) {
  const schema = z
    .looseObject({
      offset: z.number().int(),
      limit: z.number().int(),
      count: z.number().int(),
      data: readList(item).optional(),
    })
    .transform(({ data, ...page }) => ({ ...page, data: data?.items ?? [], skipped: data?.skipped ?? 0 }));
  describe(schema, { kind: 'page', item });
  return schema;
}

function recordName(item: z.ZodType): string {
  const tolerance = toleranceOf(item);
  return tolerance?.kind === 'record' ? tolerance.name : 'record';
}
