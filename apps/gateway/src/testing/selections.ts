// Operations generated from the schema: every field of every output type reachable from a root field.
// Test-only: excluded from the build and exported under no package path.
import {
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isUnionType,
} from 'graphql';

/** Values of required arguments by schema coordinate, e.g. `Query.meeting(meetingId:)`. */
export type ArgumentValues = Readonly<Record<string, unknown>>;

/** One generated operation: its text, variables, and the composite types whose fields it selects. */
export interface GeneratedOperation {
  /** The root field, e.g. `meetings`. */
  field: string;
  /** `query` or `subscription`. */
  kind: 'query' | 'subscription';
  document: string;
  variables: Record<string, unknown>;
  /** Composite types selected with all their fields (not only `__typename`). */
  expanded: Set<string>;
  /** Object types that can appear in an answer with all their fields selected: what an answer may show. */
  objectTypes: Set<string>;
  /** Deepest field nesting of the document (the gateway's `MAX_DEPTH` must allow it). */
  depth: number;
}

/**
 * Builds the operation that selects every field of the root field's type, recursively: objects field by field,
 * interfaces with `... on` each implementation, unions by member. A type already being expanded on the path (a
 * cycle such as `Department.parent`) or a path at `maxDepth` gets `{ __typename }` only, so the field's own
 * resolver still runs. Required arguments come from `values` by coordinate; one without a value throws, so a
 * new field cannot slip by untested.
 */
export function operationFor(
  schema: GraphQLSchema,
  kind: 'query' | 'subscription',
  field: string,
  values: ArgumentValues,
  maxDepth: number,
): GeneratedOperation {
  const root = kind === 'query' ? schema.getQueryType() : schema.getSubscriptionType();
  const rootField = root?.getFields()[field];
  if (!root || !rootField) throw new Error(`the schema has no ${kind} field ${field}`);
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const expanded = new Set<string>();
  const objectTypes = new Set<string>();
  let deepest = 0;

  const argumentsOf = (parent: GraphQLNamedType, target: GraphQLField<unknown, unknown>): string => {
    const given: string[] = [];
    for (const argument of target.args) {
      const coordinate = `${parent.name}.${target.name}(${argument.name}:)`;
      if (!Object.hasOwn(values, coordinate)) {
        if (isRequiredArgument(argument)) {
          throw new Error(`no value for the required argument ${coordinate}: add one to the table`);
        }
        continue;
      }
      const name = `v${definitions.length}`;
      definitions.push(`$${name}: ${argument.type.toString()}`);
      variables[name] = values[coordinate];
      given.push(`${argument.name}: $${name}`);
    }
    return given.length > 0 ? `(${given.join(', ')})` : '';
  };

  /**
   * The fields of `type`, selected by a field at `depth` (its fields are one deeper). Fields named in `aliased`
   * get an alias of their own: two possible types of one interface may have a field of one name and different
   * types (`changed` of participants and of the waiting list), which one selection set cannot merge.
   */
  const fieldsOf = (
    type: GraphQLObjectType | GraphQLCompositeType,
    path: string[],
    depth: number,
    aliased: ReadonlySet<string> = new Set(),
  ): string => {
    if (isUnionType(type)) return '';
    const parts: string[] = [];
    const childDepth = depth + 1;
    for (const child of Object.values(type.getFields())) {
      const named = getNamedType(child.type);
      const alias = aliased.has(child.name) ? `${child.name}_${type.name}: ` : '';
      const head = `${alias}${child.name}${argumentsOf(type, child)}`;
      if (!isCompositeType(named)) {
        parts.push(head);
        deepest = Math.max(deepest, childDepth);
      } else if (path.includes(named.name) || childDepth + 2 > maxDepth) {
        // Expanding would leave no room for its own composite fields' `__typename`: this one gets only that.
        parts.push(`${head} { __typename }`);
        deepest = Math.max(deepest, childDepth + 1);
      } else {
        parts.push(`${head} ${selectionOf(named, [...path, named.name], childDepth)}`);
      }
    }
    return parts.join(' ');
  };

  /** The selection set of a field at `depth` whose type is `type`. */
  const selectionOf = (type: GraphQLCompositeType, path: string[], depth: number): string => {
    expanded.add(type.name);
    if (isObjectType(type)) {
      objectTypes.add(type.name);
      return `{ __typename ${fieldsOf(type, path, depth)} }`;
    }
    // Interfaces and unions: each possible type with all its fields.
    const own = isInterfaceType(type) ? fieldsOf(type, path, depth) : '';
    const possibleTypes = schema.getPossibleTypes(type);
    const typesByName = new Map<string, Set<string>>();
    for (const possible of possibleTypes) {
      for (const child of Object.values(possible.getFields())) {
        const types = typesByName.get(child.name) ?? new Set<string>();
        typesByName.set(child.name, types.add(child.type.toString()));
      }
    }
    const conflicting = new Set([...typesByName].filter(([, types]) => types.size > 1).map(([name]) => name));
    const branches = possibleTypes.map((possible) => {
      expanded.add(possible.name);
      objectTypes.add(possible.name);
      const fields = fieldsOf(possible, [...path, possible.name], depth, conflicting);
      return `... on ${possible.name} { ${fields} }`;
    });
    return `{ __typename ${own} ${branches.join(' ')} }`;
  };

  const named = getNamedType(rootField.type);
  const head = `${field}${argumentsOf(root, rootField)}`;
  const body = isCompositeType(named) ? `${head} ${selectionOf(named, [named.name], 1)}` : head;
  const signature = definitions.length > 0 ? `(${definitions.join(', ')})` : '';
  return {
    field,
    kind,
    document: `${kind} Generated${signature} { ${body} }`,
    variables,
    expanded,
    objectTypes,
    depth: Math.max(deepest, 1),
  };
}

/** Every composite type reachable from the fields of a root type (the types a complete test must expand). */
export function reachableCompositeTypes(schema: GraphQLSchema, root: GraphQLObjectType): Set<string> {
  const seen = new Set<string>();
  const visit = (type: GraphQLNamedType) => {
    if (!isCompositeType(type) || seen.has(type.name)) return;
    seen.add(type.name);
    if (isUnionType(type)) {
      for (const member of type.getTypes()) visit(member);
      return;
    }
    if (isInterfaceType(type)) for (const possible of schema.getPossibleTypes(type)) visit(possible);
    for (const child of Object.values(type.getFields())) visit(getNamedType(child.type));
  };
  for (const child of Object.values(root.getFields())) visit(getNamedType(child.type));
  return seen;
}

/** The `__typename` of every object in a JSON answer that shows more than its `__typename` (a cycle's stub). */
export function typenamesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) typenamesIn(item, into);
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const typename = (value as { __typename?: unknown }).__typename;
    if (typeof typename === 'string' && entries.length > 1) into.add(typename);
    for (const [, item] of entries) typenamesIn(item, into);
  }
  return into;
}
