// GraphQL documents for the abuse suite: random operations built from the schema (fields, arguments of the right
// type or a wrong one, nested selections, aliases), documents shaped to hit one limit (depth, width, aliases,
// tokens, directives, fragment cycles), and syntax errors made by cutting and splicing valid documents.
// Test-only: excluded from the build and exported under no package path.
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
} from 'graphql';
import { MARKER } from './abuse.js';

/** Strings a client may send: ordinary, empty, control characters, NUL, lone surrogates, the marker, long ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\u001b[31m',
    '\r\n',
    '\ud800',
    '\udfff',
    'x\u2028y',
    MARKER,
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer({ min: 200, max: 5000 }).map((n) => `${MARKER}${'y'.repeat(n)}`),
);

/** A GraphQL literal of `type`: mostly of the right kind, sometimes not. */
function literal(type: GraphQLInputType, depth: number): fc.Arbitrary<string> {
  const wrong = fc.constantFrom('null', '1', '-1.5', '"x"', 'true', '[]', '{}', 'NOT_A_VALUE', '$undeclared');
  const right = ((): fc.Arbitrary<string> => {
    if (isNonNullType(type)) return literal(type.ofType, depth);
    if (isListType(type))
      return depth <= 0
        ? fc.constant('[]')
        : fc.array(literal(type.ofType, depth - 1), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`);
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
    if (isInputObjectType(type)) {
      if (depth <= 0) return fc.constant('{}');
      const fields = Object.values(type.getFields());
      return fc
        .subarray(fields)
        .chain((chosen) =>
          fc.tuple(
            ...chosen.map((field) => literal(field.type, depth - 1).map((v) => `${field.name}: ${v}`)),
          ),
        )
        .map((parts) => `{ ${parts.join(', ')} }`);
    }
    switch (getNamedType(type).name) {
      case 'Int':
        return fc
          .oneof(fc.integer({ min: -5, max: 100 }), fc.constantFrom(2 ** 31, -(2 ** 31) - 1))
          .map(String);
      case 'Float':
        return fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => String(n).replace('e+', 'e'));
      case 'Boolean':
        return fc.boolean().map(String);
      case 'DateTime':
        return fc
          .oneof(
            fc.constantFrom(
              '2026-11-23T10:00:00Z',
              '2027-02-30T10:00:00Z',
              '0000-00-00T00:00:00Z',
              'tomorrow',
            ),
            hostileString,
          )
          .map((text) => JSON.stringify(text));
      default:
        return hostileString.map((text) => JSON.stringify(text));
    }
  })();
  return fc.oneof({ arbitrary: right, weight: 4 }, { arbitrary: wrong, weight: 1 });
}

function argumentsOf(args: readonly GraphQLArgument[], depth: number): fc.Arbitrary<string> {
  if (args.length === 0) return fc.constant('');
  // Required arguments are there most of the time; any of them may be left out.
  return fc
    .tuple(
      ...args.map((arg) =>
        fc.option(
          literal(arg.type, depth).map((value) => `${arg.name}: ${value}`),
          {
            freq: isNonNullType(arg.type) ? 8 : 2,
          },
        ),
      ),
    )
    .map((parts) => {
      const given = parts.filter((part): part is string => part !== null);
      return given.length > 0 ? `(${given.join(', ')})` : '';
    });
}

const alias = fc.option(fc.constantFrom('a', 'b', 'x1', 'ping', 'id', 'same'), { freq: 4 });

/** A selection of `type`'s fields, `depth` levels deep at most. */
function selectionOf(type: GraphQLOutputType, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant('');
  if (isUnionType(named) || depth <= 0) return fc.constant('{ __typename }');
  if (!isObjectType(named) && !isInterfaceType(named)) return fc.constant('{ __typename }');
  const fields = Object.values(named.getFields()) as GraphQLField<unknown, unknown>[];
  return fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(4, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map((field) => fieldOf(field, depth - 1))))
    .map((parts) => `{ ${parts.join(' ')} }`);
}

function fieldOf(field: GraphQLField<unknown, unknown>, depth: number): fc.Arbitrary<string> {
  return fc
    .tuple(alias, argumentsOf(field.args, 2), selectionOf(field.type, depth))
    .map(([name, args, selection]) => `${name ? `${name}: ` : ''}${field.name}${args} ${selection}`.trim());
}

/** Random operations on the schema's query (and, when asked, mutation) root. */
export function schemaOperation(
  schema: GraphQLSchema,
  roots: ('query' | 'mutation')[] = ['query'],
  depth = 4,
): fc.Arbitrary<string> {
  const rootOperations = roots.map((root) => {
    const type = root === 'query' ? schema.getQueryType() : schema.getMutationType();
    if (!type) throw new Error(`the schema has no ${root} root`);
    const fields = Object.values(type.getFields()) as GraphQLField<unknown, unknown>[];
    return fc
      .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
      .chain((chosen) => fc.tuple(...chosen.map((field) => fieldOf(field, depth))))
      .map((parts) => `${root} { ${parts.join(' ')} }`);
  });
  return fc.oneof(...rootOperations);
}

/** A document shaped to hit one limit, as a short recipe (printed by fast-check) and its text. */
export type LimitRecipe =
  | { deep: number }
  | { wide: number }
  | { aliases: number }
  | { directives: number }
  | { fragmentCycle: number }
  | { introspectionDepth: number }
  | { comment: number };

/** The text of a {@link LimitRecipe}. */
export function limitDocument(recipe: LimitRecipe): string {
  if ('deep' in recipe)
    return `{ departments { ${'children { '.repeat(recipe.deep)}code${' }'.repeat(recipe.deep)} } }`;
  if ('wide' in recipe) return `{ ${'ping '.repeat(recipe.wide)}}`;
  if ('aliases' in recipe)
    return `{ ${Array.from({ length: recipe.aliases }, (_, i) => `a${i}: ping`).join(' ')} }`;
  if ('directives' in recipe) return `{ ping ${'@include(if: true) '.repeat(recipe.directives)}}`;
  if ('fragmentCycle' in recipe) {
    const n = recipe.fragmentCycle;
    const fragments = Array.from(
      { length: n },
      (_, i) => `fragment F${i} on Query { ping ...F${(i + 1) % n} }`,
    );
    return `{ ...F0 } ${fragments.join(' ')}`;
  }
  if ('introspectionDepth' in recipe)
    return `{ __schema { types { ${'fields { type { '.repeat(recipe.introspectionDepth)}name${' } }'.repeat(recipe.introspectionDepth)} } } }`;
  return `{ ping } # ${MARKER}${'z'.repeat(recipe.comment)}`;
}

/** Documents around each limit (MAX_DEPTH 10, MAX_TOKENS 2000, MAX_ALIASES 15, MAX_COST 5000 by default). */
export const limitRecipe: fc.Arbitrary<LimitRecipe> = fc.oneof(
  fc.record({ deep: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ wide: fc.integer({ min: 1, max: 2600 }) }),
  fc.record({ aliases: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ directives: fc.integer({ min: 1, max: 600 }) }),
  fc.record({ fragmentCycle: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ introspectionDepth: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ comment: fc.integer({ min: 1, max: 60_000 }) }),
);

/** A syntax error: a valid document cut short, or with a few characters spliced in or taken out. */
export function brokenDocument(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const junk = fc.constantFrom(
    '{',
    '}',
    '(',
    ')',
    '"',
    '"""',
    '$',
    '@',
    '...',
    ':',
    '!',
    '#',
    '\u0000',
    '\ufeff',
    '\ud800',
    'é',
    '0x1',
    '1e',
    '&',
  );
  return fc
    .tuple(valid, fc.nat(), fc.nat({ max: 6 }), fc.array(junk, { maxLength: 3 }), fc.boolean())
    .map(([text, at, cut, inserted, truncate]) => {
      const i = at % (text.length + 1);
      if (truncate) return text.slice(0, i);
      return text.slice(0, i) + inserted.join('') + text.slice(i + cut);
    });
}
