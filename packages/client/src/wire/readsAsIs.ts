/**
 * The fast path of the tolerant answers: a check, compiled once from a response schema, that tells whether a
 * value reads as itself, i.e. whether the schema would accept it, drop nothing from it and answer an equal value.
 * Such a value is used as it came, without zod parsing and copying it; any other value (a field to drop, a
 * record to leave out, a default to fill, null for an empty list) is read by the schema as before. A schema the
 * compiler does not know has no check: its values always go through zod.
 *
 * A record's check is generated as one function (as zod compiles its object parsers): one property read per
 * field, at a site of its own, so that records of one shape are read at the speed of plain code.
 */
import type { z } from 'zod';
import { toleranceOf } from './tolerance.js';

/** True when the schema reads `value` as `value` itself. */
export type ReadsAsIs = (value: unknown) => boolean;

/** A compiled check; a simple one also as a JavaScript expression over a variable, for records to inline. */
interface Compiled {
  check: ReadsAsIs;
  /** The test as an expression over the variable named `x`, true when the value reads as itself. */
  inline?: ((x: string) => string) | undefined;
}

/** Zod's own description of a schema. */
interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; format?: string; minimum?: number } } }[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  catchall?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const compiled = new WeakMap<z.ZodType, Compiled | null>();

/** The check of `schema`, or undefined when its answers must always go through zod. */
export function readsAsIs(schema: z.ZodType): ReadsAsIs | undefined {
  return compiledOf(schema)?.check;
}

function compiledOf(schema: z.ZodType): Compiled | undefined {
  let found = compiled.get(schema);
  if (found === undefined) {
    found = compile(schema) ?? null;
    compiled.set(schema, found);
  }
  return found ?? undefined;
}

/** A simple check and its expression. */
function simple(inline: (x: string) => string): Compiled {
  return { check: new Function('x', `return ${inline('x')};`) as ReadsAsIs, inline };
}

const IS_OBJECT = (x: string) => `(typeof ${x} === 'object' && ${x} !== null && !Array.isArray(${x}))`;

function compile(schema: z.ZodType): Compiled | undefined {
  const tolerance = toleranceOf(schema);
  if (tolerance?.kind === 'enum') return simple((x) => `typeof ${x} === 'string'`);
  if (tolerance?.kind === 'record') {
    // Identifying fields are read by their own schemas (required unless optional); the others may be absent.
    return objectCheck([
      ...Object.entries(tolerance.identifying).map(
        ([key, field]) => [key, field as z.ZodType, false] as const,
      ),
      ...Object.entries(tolerance.optional).map(([key, field]) => [key, field as z.ZodType, true] as const),
    ]);
  }
  if (tolerance?.kind === 'list') {
    const item = compiledOf(tolerance.item);
    return item && arrayCheck(item);
  }
  // A page's answer is a new object (it counts the records left out): never as it came.
  if (tolerance) return undefined;
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringCheck(def);
    case 'number':
      return numberCheck(def);
    case 'boolean':
      return simple((x) => `typeof ${x} === 'boolean'`);
    case 'unknown':
      return simple(() => 'true');
    case 'nullable': {
      const inner = def.innerType && compiledOf(def.innerType);
      if (!inner) return undefined;
      return { check: (value) => value === null || inner.check(value) };
    }
    case 'default':
      // Present: read by the inner schema; absent: filled in, so not as it came (a record sees it absent).
      return def.innerType && compiledOf(def.innerType);
    case 'array': {
      const element = def.element && compiledOf(def.element);
      return element && !def.checks?.length ? arrayCheck(element) : undefined;
    }
    case 'object':
      // Only an object that keeps the keys it does not know (`z.looseObject`): a stripping or strict one copies.
      if (!def.catchall || defOf(def.catchall).type !== 'unknown' || def.checks?.length) return undefined;
      return objectCheck(Object.entries(def.shape ?? {}).map(([key, field]) => [key, field, false] as const));
    default:
      return undefined;
  }
}

/**
 * The check of an object with these fields (name, schema, may be absent): an object whose every field is absent
 * where allowed or reads as itself. Keys the schema does not know are kept by the schemas, so they pass.
 */
function objectCheck(fields: readonly (readonly [string, z.ZodType, boolean])[]): Compiled | undefined {
  const checks: ReadsAsIs[] = [];
  const lines: string[] = [];
  for (const [key, schema, tolerant] of fields) {
    let inner = schema;
    let optional = tolerant;
    const def = defOf(schema);
    if (def.type === 'optional' && def.innerType) {
      optional = true;
      inner = def.innerType;
    }
    // A default fills an absent value in (even under optional): only a present one reads as itself.
    if (defOf(inner).type === 'default') optional = false;
    const field = compiledOf(inner);
    if (!field) return undefined;
    const read = `x = v[${JSON.stringify(key)}];`;
    const test = field.inline ? field.inline('x') : `c[${checks.push(field.check) - 1}](x)`;
    lines.push(
      optional
        ? `${read} if (x !== undefined && !(${test})) return false;`
        : `${read} if (x === undefined || !(${test})) return false;`,
    );
  }
  const body = `return function (v) {\n if (!${IS_OBJECT('v')}) return false;\n let x;\n ${lines.join('\n ')}\n return true;\n};`;
  return { check: new Function('c', body)(checks) as ReadsAsIs };
}

function arrayCheck(element: Compiled): Compiled {
  const { check } = element;
  return {
    check: (value) => {
      if (!Array.isArray(value)) return false;
      for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
      return true;
    },
  };
}

function stringCheck(def: Def): Compiled | undefined {
  if (!def.checks?.length) return simple((x) => `typeof ${x} === 'string'`);
  const [only, ...more] = def.checks;
  const check = only?._zod.def;
  if (more.length > 0 || check?.check !== 'min_length' || !Number.isInteger(check.minimum)) return undefined;
  return simple((x) => `(typeof ${x} === 'string' && ${x}.length >= ${check.minimum})`);
}

function numberCheck(def: Def): Compiled | undefined {
  if (!def.checks?.length) return simple((x) => `(typeof ${x} === 'number' && Number.isFinite(${x}))`);
  const [only, ...more] = def.checks;
  const check = only?._zod.def;
  if (more.length > 0 || check?.check !== 'number_format' || check.format !== 'safeint') return undefined;
  return simple((x) => `Number.isSafeInteger(${x})`);
}
