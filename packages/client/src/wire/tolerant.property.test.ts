import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { authOperations } from './auth.js';
import { controlOperations } from './control.js';
import { departmentOperations } from './departments.js';
import { meetingOperations } from './meetings.js';
import type { Operation } from './operation.js';
import { readsAsIs } from './readsAsIs.js';
import { collectDropped, type Tolerance, toleranceOf, tolerantList } from './tolerant.js';
import { userOperations } from './users.js';
import { webhookOperations } from './webhooks.js';

// Every response parser of the published operations, fed what the real service may send (published-behaviour.md
// section 2): records without their optional fields, unknown enum values, extra fields, lists mixing good and
// bad records. The schemas themselves drive the generators, so a new operation or field is covered unasked.

const SEED = 20_260_611;
const operations: Operation[] = [
  ...Object.values(authOperations),
  ...Object.values(meetingOperations),
  ...Object.values(userOperations),
  ...Object.values(departmentOperations),
  ...Object.values(controlOperations),
  ...Object.values(webhookOperations),
];

/** A tolerant record and its schema. */
type FoundRecord = Extract<Tolerance, { kind: 'record' }> & { schemaOf: z.ZodType };
type Json = { [key: string]: unknown };

/** Zod's own description of a schema (its `def`): what the generators read for the plain schemas. */
function defOf(schema: z.ZodType): { type: string } & Json {
  return (schema as unknown as { _zod: { def: { type: string } & Json } })._zod.def;
}

/** A required field of a record: read as it is and without a default of its own. */
function isRequired(schema: z.ZodType): boolean {
  return !['default', 'optional'].includes(defOf(schema).type);
}

/** A valid value of `schema` with every optional field present (the fullest answer the service may send). */
function full(schema: z.ZodType): fc.Arbitrary<unknown> {
  const tolerance = toleranceOf(schema);
  if (tolerance?.kind === 'record') {
    const shape = { ...tolerance.identifying, ...tolerance.optional };
    return fc.record(
      Object.fromEntries(Object.entries(shape).map(([key, s]) => [key, full(s as z.ZodType)])),
    );
  }
  if (tolerance?.kind === 'list') return fc.array(full(tolerance.item), { maxLength: 3 });
  if (tolerance?.kind === 'page') return page(fc.array(full(tolerance.item), { maxLength: 3 }));
  if (tolerance?.kind === 'enum') return fc.constantFrom(...tolerance.values);
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return fc.string({ minLength: 1, maxLength: 12 });
    case 'number':
      return fc.integer();
    case 'boolean':
      return fc.boolean();
    case 'unknown':
      return fc.jsonValue({ maxDepth: 2 });
    case 'object':
      return fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
    case 'array':
      return fc.array(full(def.element as z.ZodType), { maxLength: 3 });
    case 'optional':
    case 'default':
    case 'catch':
      return full(def.innerType as z.ZodType);
    case 'nullable':
      return fc.oneof(fc.constant(null), full(def.innerType as z.ZodType));
    default:
      throw new Error(`no generator for a ${def.type} schema: teach this test about it`);
  }
}

/** A page of results around `data`. */
function page(data: fc.Arbitrary<unknown[]>): fc.Arbitrary<Json> {
  return fc.record({ offset: fc.nat(), limit: fc.nat(500), count: fc.nat(), data });
}

/** A key no published record uses. */
const extraKey = fc.string({ minLength: 1, maxLength: 8 }).map((key) => `x_${key}`);

/** An enum value the client does not know. */
const unknownValue = (known: readonly string[]) =>
  fc.string({ minLength: 1, maxLength: 12 }).filter((value) => !known.includes(value));

/** What was done to a record: which optional fields were removed, which enums made unknown, what was added. */
interface OddRecord {
  value: Json;
  removed: string[];
  unknownEnums: Json;
  extras: Json;
}

/** A good record of `record` as the service may send it: optional fields removed, unknown values, extras. */
function oddRecord(record: FoundRecord): fc.Arbitrary<OddRecord> {
  const optional = Object.keys(record.optional);
  const enums = optional.filter((key) => toleranceOf(record.optional[key] as z.ZodType)?.kind === 'enum');
  return fc
    .record({
      base: full(record.schemaOf) as fc.Arbitrary<Json>,
      removed: fc.subarray(optional),
      unknown: fc.subarray(enums),
      extras: fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    })
    .chain(({ base, removed, unknown, extras }) =>
      fc
        .tuple(
          ...unknown.map((key) => {
            const tolerance = toleranceOf(record.optional[key] as z.ZodType);
            return unknownValue(tolerance?.kind === 'enum' ? tolerance.values : []);
          }),
        )
        .map((values) => {
          const value: Json = { ...base, ...extras };
          for (const key of removed) delete value[key];
          const unknownEnums: Json = {};
          unknown.forEach((key, i) => {
            if (removed.includes(key)) return;
            value[key] = values[i];
            unknownEnums[key] = values[i];
          });
          return { value, removed, unknownEnums, extras };
        }),
    );
}

/** A record that cannot be read: not an object, or (when the record has one) without an identifying field. */
function badRecord(record: FoundRecord): fc.Arbitrary<unknown> {
  const notAnObject = fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer()));
  const required = Object.keys(record.identifying).filter((key) =>
    isRequired(record.identifying[key] as z.ZodType),
  );
  if (required.length === 0) return notAnObject;
  const missing = fc
    .record({ base: full(record.schemaOf) as fc.Arbitrary<Json>, key: fc.constantFrom(...required) })
    .map(({ base, key }) => {
      const value = { ...base };
      delete value[key];
      return value;
    });
  return fc.oneof(notAnObject, missing);
}

/** A value as JSON gives it back (plain objects, no undefined). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

/** Values of every JSON kind: for each field, some its schema cannot read. */
const ODD_VALUES: unknown[] = [12.5, -3, 'text', '', true, null, {}, { a: 1 }, [], [1, 'x']];

/** A good record with one optional field (when it has one a value can break) set to a value it cannot read. */
function brokenRecord(record: FoundRecord): fc.Arbitrary<Json> {
  const breakable = Object.entries(record.optional).flatMap(([key, field]) => {
    const bad = ODD_VALUES.filter((value) => !(field as z.ZodType).optional().safeParse(value).success);
    return bad.length > 0 ? [{ key, bad }] : [];
  });
  if (breakable.length === 0) return oddRecord(record).map((odd) => odd.value);
  return fc
    .record({ odd: oddRecord(record), field: fc.constantFrom(...breakable), pick: fc.nat() })
    .map(({ odd, field, pick }) => ({ ...odd.value, [field.key]: field.bad[pick % field.bad.length] }));
}

/** A good record without the identifying fields that have a default of their own (the schema fills them in). */
function withoutDefaults(record: FoundRecord): fc.Arbitrary<Json> {
  const defaulted = Object.keys(record.identifying).filter(
    (key) => defOf(record.identifying[key] as z.ZodType).type === 'default',
  );
  return oddRecord(record).map(({ value }) => {
    const copy = { ...value };
    for (const key of defaulted) delete copy[key];
    return copy;
  });
}

/** Every tolerant record reachable from a schema, each once. */
function recordsIn(schema: z.ZodType, found: Map<z.ZodType, FoundRecord>): void {
  const tolerance = toleranceOf(schema);
  if (tolerance?.kind === 'record') {
    if (found.has(schema)) return;
    found.set(schema, { ...tolerance, schemaOf: schema });
    for (const field of Object.values({ ...tolerance.identifying, ...tolerance.optional })) {
      recordsIn(field as z.ZodType, found);
    }
    return;
  }
  if (tolerance?.kind === 'list' || tolerance?.kind === 'page') {
    recordsIn(tolerance.item, found);
    return;
  }
  if (tolerance) return;
  const def = defOf(schema);
  for (const inner of [def.innerType, def.element]) if (inner) recordsIn(inner as z.ZodType, found);
}

const found = new Map<z.ZodType, FoundRecord>();
for (const operation of operations) recordsIn(operation.response, found);
const records = [...found.values()];
/** The string-valued identifying fields, whose values must come through unchanged. */
const identifyingStrings = (record: FoundRecord) =>
  Object.keys(record.identifying).filter(
    (key) => defOf(record.identifying[key] as z.ZodType).type === 'string',
  );

describe('tolerant response parsers', () => {
  it('walks every published record of every answer', () => {
    const names = new Set(records.map((r) => r.name));
    for (const name of [
      'ConferenceInfo',
      'ParticipantInfo',
      'UserDetailDTO',
      'QueryDeptResultDTO',
      'TokenInfo',
    ])
      expect(names).toContain(name);
    expect(records.length).toBeGreaterThan(25);
  });

  it('requires of each record only what identifies it', () => {
    const required = Object.fromEntries(
      records.map((r) => [
        r.name,
        Object.keys(r.identifying).filter((key) => isRequired(r.identifying[key] as z.ZodType)),
      ]),
    );
    expect(required).toEqual({
      ConferenceInfo: ['conferenceID'],
      CycleSubConf: ['cycleSubConfID'],
      PasswordEntry: ['conferenceRole'],
      PartAttendee: [],
      ParticipantInfo: ['participantID'],
      ConferenceDetail: ['conferenceData'],
      UserDetailDTO: ['id', 'userAccount'],
      SearchUserResultDTO: ['id', 'userAccount'],
      UserDTO: [],
      UserVmrDTO: ['id'],
      CorpBasicInfoDTO: ['id'],
      DeptInfo: ['deptCode'],
      ChildDept: ['deptCode'],
      QueryDeptResultDTO: ['deptCode'],
      AddDeptResult: ['value'],
      AccessTokenResponse: ['accessToken', 'validPeriod'],
      UserInfo: ['ucloginAccount'],
      CreateConfTokenResponse: ['data'],
      TokenInfo: ['token'],
      WebSocketTokenResponse: ['webSocketToken'],
      RealTimeInfo: [],
      RealTimeParticipant: ['pid'],
      RealTimeAttendee: [],
      WebHookConfig: ['id'],
      // Objects inside records, and answers that are no records: nothing identifies them.
      ConfConfigInfo: [],
      CycleParams: [],
      CycleSubConfConfig: [],
      DesignatedDept: [],
      DevType: [],
      UserFunction: [],
      InviteUserResponse: [],
      RealTimeConfInfo: [],
      StartMeetingResponse: [],
    });
  });

  it.each(records.map((r) => [r.name, r] as const))(
    '%s: parses without each optional field, and with none of them',
    (_name, record) => {
      const [base] = fc.sample(full(record.schemaOf), { seed: SEED, numRuns: 1 }) as Json[];
      const identifying = Object.fromEntries(Object.keys(record.identifying).map((k) => [k, base?.[k]]));
      const variants = [
        ...Object.keys(record.optional).map((key) => {
          const value = { ...base };
          delete value[key];
          return value;
        }),
        identifying,
      ];
      for (const variant of variants) {
        const parsed = record.schemaOf.safeParse(variant);
        expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        for (const key of identifyingStrings(record)) expect((parsed.data as Json)[key]).toBe(variant[key]);
      }
    },
  );

  it.each(records.map((r) => [r.name, r] as const))(
    '%s: keeps what identifies it, unknown enum values as they came and fields it does not know',
    (_name, record) => {
      fc.assert(
        fc.property(oddRecord(record), ({ value, removed, unknownEnums, extras }) => {
          const { result, dropped } = collectDropped(() => record.schemaOf.safeParse(value));
          expect(result.success, JSON.stringify(result.error?.issues[0])).toBe(true);
          const out = result.data as Json;
          for (const key of identifyingStrings(record)) expect(out[key]).toBe(value[key]);
          for (const key of removed) expect(out[key]).toBeUndefined();
          for (const [key, raw] of Object.entries(unknownEnums)) expect(out[key]).toBe(raw);
          for (const [key, raw] of Object.entries(extras)) expect(out[key]).toEqual(raw);
          // Nothing here was unreadable: nothing may have been dropped.
          expect(dropped).toEqual([]);
        }),
        { seed: SEED, numRuns: 40 },
      );
    },
  );

  it.each(records.map((r) => [r.name, r] as const))(
    '%s: a list keeps its good records, in order, and reports each bad one',
    (_name, record) => {
      const list = tolerantList(record.schemaOf);
      const entries = fc.array(
        fc.oneof(
          oddRecord(record).map((odd) => ({ good: true as const, value: odd.value })),
          badRecord(record).map((value) => ({ good: false as const, value })),
        ),
        { maxLength: 8 },
      );
      fc.assert(
        fc.property(entries, (items) => {
          const { result, dropped } = collectDropped(() => list.safeParse(items.map((i) => i.value)));
          expect(result.success).toBe(true);
          const kept = result.data as Json[];
          const good = items.filter((i) => i.good).map((i) => i.value as Json);
          expect(kept).toHaveLength(good.length);
          for (const key of identifyingStrings(record)) {
            expect(kept.map((r) => r[key])).toEqual(good.map((r) => r[key]));
          }
          expect(dropped.map((d) => [d.dropped, d.record, d.index])).toEqual(
            items.flatMap((item, index) => (item.good ? [] : [['record', record.name, index]])),
          );
        }),
        { seed: SEED, numRuns: 40 },
      );
    },
  );

  it.each(operations.map((o) => [o.name, o] as const))(
    '%s: its answer parses whatever optional fields, enum values, extras and bad records it holds',
    (_name, operation) => {
      fc.assert(
        fc.property(answer(operation.response), (value) => {
          const parsed = operation.response.safeParse(value);
          expect(parsed.success, JSON.stringify(parsed.error?.issues[0])).toBe(true);
        }),
        { seed: SEED, numRuns: 25 },
      );
    },
  );

  it.each(records.map((r) => [r.name, r] as const))(
    '%s: a record its check passes is one the schema reads as it came, and a good one passes',
    (_name, record) => {
      const check = readsAsIs(record.schemaOf);
      // Only a record holding a page (its answer is a new object) has no check; its records have their own.
      if (!check) {
        expect(Object.values(record.optional).some((f) => toleranceOf(f as z.ZodType)?.kind === 'page')).toBe(
          true,
        );
        return;
      }
      fc.assert(
        fc.property(
          fc.oneof(
            oddRecord(record).map((odd) => odd.value),
            brokenRecord(record),
            withoutDefaults(record),
          ),
          (value) => {
            const { result, dropped } = collectDropped(() => record.schemaOf.safeParse(value));
            // Equal as JSON: generated objects may lack a prototype, which JSON answers always have.
            const asIs =
              result.success && dropped.length === 0 && isDeepStrictEqual(asJson(result.data), asJson(value));
            expect(check(value)).toBe(asIs);
          },
        ),
        { seed: SEED, numRuns: 60 },
      );
      fc.assert(
        fc.property(oddRecord(record), ({ value }) => {
          expect(check(value)).toBe(true);
        }),
        { seed: SEED, numRuns: 20 },
      );
    },
  );

  it.each(records.map((r) => [r.name, r] as const))(
    '%s: a list reads its records as each would read alone, unreadable fields dropped and reported',
    (_name, record) => {
      const list = tolerantList(record.schemaOf);
      const entries = fc.array(
        fc.oneof(
          oddRecord(record).map((odd) => odd.value),
          brokenRecord(record),
          badRecord(record),
        ),
        { maxLength: 6 },
      );
      fc.assert(
        fc.property(entries, (items) => {
          const { result, dropped } = collectDropped(() => list.safeParse(items));
          const alone = items.map((item) => collectDropped(() => record.schemaOf.safeParse(item)));
          expect(result.data).toEqual(alone.flatMap((one) => (one.result.success ? [one.result.data] : [])));
          expect(dropped.filter((d) => d.dropped === 'field')).toEqual(
            alone.flatMap((one) => (one.result.success ? one.dropped : [])),
          );
        }),
        { seed: SEED, numRuns: 40 },
      );
    },
  );

  it('counts the records a page left out, for callers that page by position', () => {
    const pageSchema = meetingOperations.searchMeetings.response;
    const parsed = pageSchema.parse({
      offset: 40,
      limit: 3,
      count: 43,
      data: [{ conferenceID: '1' }, { subject: 'no id' }, 7],
    });
    expect(parsed).toEqual({ offset: 40, limit: 3, count: 43, data: [{ conferenceID: '1' }], skipped: 2 });
    expect(pageSchema.parse({ offset: 0, limit: 20, count: 0 })).toMatchObject({ data: [], skipped: 0 });
    expect(pageSchema.parse({ offset: 0, limit: 20, count: 0, data: null })).toMatchObject({ data: [] });
  });
});

/** An answer of `schema` where every record is odd and every list mixes in bad records. */
function answer(schema: z.ZodType): fc.Arbitrary<unknown> {
  const tolerance = toleranceOf(schema);
  const record = found.get(schema);
  if (tolerance?.kind === 'record' && record) {
    // Nested records and lists are made odd too: the fields of the odd record are regenerated by `answer`.
    return oddRecord(record).chain(({ value }) => {
      const nested = Object.entries({ ...record.identifying, ...record.optional }).filter(
        ([key, field]) => key in value && hasTolerance(field as z.ZodType),
      );
      return fc
        .tuple(...nested.map(([, field]) => answer(field as z.ZodType)))
        .map((values) => ({ ...value, ...Object.fromEntries(nested.map(([key], i) => [key, values[i]])) }));
    });
  }
  if (tolerance?.kind === 'list' || tolerance?.kind === 'page') {
    const item = found.get(tolerance.item);
    const items = fc.array(item ? fc.oneof(answer(tolerance.item), badRecord(item)) : full(tolerance.item), {
      maxLength: 4,
    });
    return tolerance.kind === 'list' ? items : page(items);
  }
  if (tolerance?.kind === 'enum')
    return fc.oneof(fc.constantFrom(...tolerance.values), unknownValue(tolerance.values));
  const def = defOf(schema);
  if (['optional', 'default', 'catch'].includes(def.type)) return answer(def.innerType as z.ZodType);
  return full(schema);
}

/** Whether a schema is (or wraps) one of the tolerant schemas. */
function hasTolerance(schema: z.ZodType): boolean {
  if (toleranceOf(schema)) return true;
  const def = defOf(schema);
  return ['optional', 'default', 'catch'].includes(def.type) && hasTolerance(def.innerType as z.ZodType);
}
