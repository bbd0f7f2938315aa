import type { QueryDeptResult } from '@hwmeeting/client';
import { lineText } from '@hwmeeting/client/wire';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';

/**
 * The enterprise's department tree: queries (D5/D6 for administrators, D4 for members: see memberDepartments.ts),
 * and the Department type; the mutations (D1-D3) are in departmentMutations.ts.
 */
export const departmentTypeDefs = /* GraphQL */ `
  "Who outside a department may see its users."
  enum DepartmentVisibility {
    "Everybody in the enterprise (the default)."
    EVERYONE
    "Open to other departments (the upstream's OPEN; its exact difference from EVERYONE is unpublished)."
    OPEN
    "Nobody outside the department (announced upstream; the real service does not support it yet)."
    CLOSED
    "Only the designated departments."
    DESIGNATED_DEPARTMENTS
  }

  "Whom the users of a department may see."
  enum DepartmentReach {
    "Everybody in the enterprise (the default)."
    EVERYONE
    "Only themselves."
    ONLY_SELF
    "Their own department and the departments below it."
    OWN_DEPARTMENT_TREE
    "Only the designated departments."
    DESIGNATED_DEPARTMENTS
  }

  """
  A department of the enterprise; the root department (the enterprise itself) has code "1". Every member reads
  its code, name, place in the tree and children; note, visibility, reach, designatedDepartments and sortLevel
  are the administrators' (null or empty for members, to whom the meeting server answers only these).
  """
  type Department {
    "Opaque key for client caches (Apollo Client's default keyFields): today the department code; do not parse it."
    id: ID!
    "Department code, unique in the enterprise and immutable."
    code: String!
    "Display name; null when the meeting server's record does not give one."
    name: String
    "Names from the root down, e.g. Demo/Engineering/Web."
    namePath: String
    "Codes from the root down."
    codePath: String
    "Code of the parent department; null for the root (and, for members, for a department the gateway could not place: see level)."
    parentCode: String
    "The parent department; null for the root."
    parent: Department
    "Depth in the tree: the root is 1. For members the gateway finds a department's place by reading the tree down from the root (at most 200 departments); null beyond that, like namePath, codePath and parentCode."
    level: Int
    "The department has no sub-departments."
    isLeaf: Boolean
    "Free-text note (administrators; null for members)."
    note: String
    "Who outside the department may see its users (administrators; null for members)."
    visibility: DepartmentVisibility
    "Whom the department's users may see (administrators; null for members)."
    reach: DepartmentReach
    "The departments its users may see when reach is DESIGNATED_DEPARTMENTS (administrators; empty for members)."
    designatedDepartments: [Department!]!
    "Directory order among its siblings, lower first (administrators; null for members)."
    sortLevel: Int
    "First-level sub-departments, in directory order."
    children: [Department!]!
  }

  extend type Query {
    "First-level sub-departments of a department (the root's when parentCode is omitted); any member."
    departments("Code of the parent department (the root has code 1)." parentCode: String = "1"): [Department!]!
    "One department by code; any member (see Department for what members read)."
    department("The department's code." code: String!): Department
    "Departments whose name contains the text, shallowest first (administrators: the meeting server refuses members, FORBIDDEN)."
    departmentsByName("Text the name contains, 1 to 128 characters." name: String!): [Department!]!
  }

`;

/** What is known of a department: a full upstream answer (D5, D6), or a few fields from elsewhere. */
export interface DepartmentNode {
  code: string;
  known: Partial<QueryDeptResult> & { childDepts?: QueryDeptResult[] | undefined };
  /** `known` is a whole D5/D6 answer: absent fields are absent upstream, not merely unknown. */
  complete: boolean;
}

/** A department node from a full upstream answer. */
export function completeDepartment(
  dept: QueryDeptResult & { childDepts?: QueryDeptResult[] | undefined },
): DepartmentNode {
  return { code: dept.deptCode, known: dept, complete: true };
}

/** A department node from a few known fields (a user's department); the rest is loaded on demand. */
export function partialDepartment(code: string, known: Partial<QueryDeptResult> = {}): DepartmentNode {
  return { code, known: { ...known, deptCode: code }, complete: false };
}

/** `DepartmentVisibility`: the upstream `inPermission`. */
export const departmentVisibility = wireEnum({
  EVERYONE: 'UNLIMITED',
  OPEN: 'OPEN',
  CLOSED: 'CLOSE',
  DESIGNATED_DEPARTMENTS: 'DESIGNATED_DEPARTMENT',
});
/** `DepartmentReach`: the upstream `outPermission`. */
export const departmentReach = wireEnum({
  EVERYONE: 'UNLIMITED',
  ONLY_SELF: 'ONLY_SELF',
  OWN_DEPARTMENT_TREE: 'SELF_AND_CHILD_DEPARTMENT',
  DESIGNATED_DEPARTMENTS: 'DESIGNATED_DEPARTMENT',
});

/** A department code as the upstream takes it (1 to 32 characters). */
export const departmentCodeSchema = lineText().trim().min(1).max(32);
/** A department's display name (1 to 128 characters). */
export const departmentNameSchema = lineText().trim().min(1).max(128);

/** One field of a department: from what is known, else from its D5 answer (loaded once per request). */
async function deptField<K extends keyof QueryDeptResult>(
  node: DepartmentNode,
  key: K,
  context: GatewayContext,
): Promise<QueryDeptResult[K] | undefined> {
  const value = node.known[key];
  if (value !== undefined || node.complete) return value;
  return (await context.loaders.department.load(node.code))[key];
}

/** The resolver of a Department field that answers the upstream field `key` as it is, null when absent. */
function deptFieldOrNull<K extends keyof QueryDeptResult>(key: K) {
  return async (d: DepartmentNode, _: unknown, c: GatewayContext) => (await deptField(d, key, c)) ?? null;
}

/** Builds the department resolvers. */
export function departmentResolvers() {
  return {
    DepartmentVisibility: departmentVisibility.values,
    DepartmentReach: departmentReach.values,
    Query: {
      async departments(_: unknown, args: { parentCode?: string }, context: GatewayContext) {
        const code = parseInput(departmentCodeSchema, args.parentCode ?? '1', 'parentCode');
        const parent = await context.loaders.department.load(code);
        return (parent.childDepts ?? []).map(completeDepartment);
      },
      async department(_: unknown, args: { code: string }, context: GatewayContext) {
        const code = parseInput(departmentCodeSchema, args.code, 'code');
        return completeDepartment(await context.loaders.department.load(code));
      },
      async departmentsByName(_: unknown, args: { name: string }, context: GatewayContext) {
        const name = parseInput(departmentNameSchema, args.name, 'name');
        const found = await context.client.departments.searchByName(name, context.identity);
        return found.map(completeDepartment);
      },
    },
    Department: {
      id: (d: DepartmentNode) => d.code,
      code: (d: DepartmentNode) => d.code,
      name: deptFieldOrNull('deptName'),
      namePath: deptFieldOrNull('deptNamePath'),
      codePath: deptFieldOrNull('deptCodePath'),
      parentCode: async (d: DepartmentNode, _: unknown, c: GatewayContext) =>
        (await deptField(d, 'parentDeptCode', c)) || null,
      async parent(d: DepartmentNode, _: unknown, c: GatewayContext) {
        const code = await deptField(d, 'parentDeptCode', c);
        return code ? partialDepartment(code) : null;
      },
      level: deptFieldOrNull('deptLevel'),
      isLeaf: deptFieldOrNull('isLeafNode'),
      note: deptFieldOrNull('note'),
      async visibility(d: DepartmentNode, _: unknown, c: GatewayContext) {
        const value = await deptField(d, 'inPermission', c);
        return departmentVisibility.read(value);
      },
      async reach(d: DepartmentNode, _: unknown, c: GatewayContext) {
        const value = await deptField(d, 'outPermission', c);
        return departmentReach.read(value);
      },
      async designatedDepartments(d: DepartmentNode, _: unknown, c: GatewayContext) {
        const designated = (await deptField(d, 'designatedOutDeptCodes', c)) ?? [];
        return designated.flatMap((entry) =>
          entry.id ? [partialDepartment(entry.id, entry.mark ? { deptName: entry.mark } : {})] : [],
        );
      },
      sortLevel: deptFieldOrNull('sortLevel'),
      async children(d: DepartmentNode, _: unknown, c: GatewayContext) {
        const children = d.known.childDepts ?? (await c.loaders.department.load(d.code)).childDepts ?? [];
        return children.map(completeDepartment);
      },
    },
  };
}
