import type { DeptBody, ModDeptBody } from '@hwmeeting/client';
import { multiLineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import {
  completeDepartment,
  departmentCodeSchema,
  departmentNameSchema,
  departmentReach,
  departmentVisibility,
} from './departments.js';

/** Department administration (D1-D3, administrators): create, change, delete. */
export const departmentMutationTypeDefs = /* GraphQL */ `
  "A department to create."
  input CreateDepartmentInput {
    "Display name, 1 to 128 characters, unique among its siblings."
    name: String!
    "Code, at most 32 characters; generated when omitted. It cannot change later."
    code: String
    "Parent department code; the root when omitted."
    parentCode: String = "1"
    "Free-text note, at most 96 characters."
    note: String
    "Who outside may see its users: EVERYONE (default) or OPEN when creating."
    visibility: DepartmentVisibility
    "Whom its users may see (default EVERYONE)."
    reach: DepartmentReach
    "With reach DESIGNATED_DEPARTMENTS: the departments its users may see (at most 150)."
    designatedDepartmentCodes: [String!]
  }

  "Changes to a department; absent fields keep their value."
  input UpdateDepartmentInput {
    "New display name."
    name: String
    "Moves the department under another parent."
    parentCode: String
    "New note."
    note: String
    "Who outside may see its users."
    visibility: DepartmentVisibility
    "Whom its users may see."
    reach: DepartmentReach
    "With reach DESIGNATED_DEPARTMENTS: the departments its users may see (at most 150)."
    designatedDepartmentCodes: [String!]
  }

  extend type Mutation {
    "Creates a department (administrators)."
    createDepartment("The department to create." input: CreateDepartmentInput!): Department!
    "Changes a department (administrators)."
    updateDepartment("The department's code." code: String!, "The changes." input: UpdateDepartmentInput!): Department!
    "Deletes an empty department (administrators); the root cannot be deleted."
    deleteDepartment("The department's code." code: String!): Boolean!
  }
`;

const noteSchema = multiLineText().max(96);
const visibilitySchema = departmentVisibility.schema();
const reachSchema = departmentReach.schema();
const designatedSchema = z.array(departmentCodeSchema).max(150);

/** Designated departments only make sense with reach DESIGNATED_DEPARTMENTS. */
function designatedNeedsReach(
  input: { reach?: string | null | undefined; designatedDepartmentCodes?: string[] | null | undefined },
  context: z.RefinementCtx,
): void {
  if (
    input.designatedDepartmentCodes?.length &&
    input.reach !== departmentReach.of('DESIGNATED_DEPARTMENTS')
  ) {
    context.addIssue({
      code: 'custom',
      path: ['designatedDepartmentCodes'],
      message: 'only with reach DESIGNATED_DEPARTMENTS',
    });
  }
}

const createSchema = z
  .object({
    name: departmentNameSchema,
    code: departmentCodeSchema.nullish(),
    parentCode: departmentCodeSchema.nullish(),
    note: noteSchema.nullish(),
    // The upstream's create call takes only UNLIMITED or OPEN.
    visibility: departmentVisibility.schema('EVERYONE', 'OPEN').nullish(),
    reach: reachSchema.nullish(),
    designatedDepartmentCodes: designatedSchema.nullish(),
  })
  .superRefine(designatedNeedsReach);

const updateSchema = z
  .object({
    name: departmentNameSchema.nullish(),
    parentCode: departmentCodeSchema.nullish(),
    note: noteSchema.nullish(),
    visibility: visibilitySchema.nullish(),
    reach: reachSchema.nullish(),
    designatedDepartmentCodes: designatedSchema.nullish(),
  })
  .superRefine(designatedNeedsReach)
  .refine((input) => Object.values(input).some((value) => value != null), {
    error: 'give at least one change',
  });

/** The upstream body of a department's create or update input: its set fields under the upstream's names. */
function departmentBody<Visibility extends string>(
  input: Omit<z.infer<typeof updateSchema>, 'visibility'> & {
    code?: string | null | undefined;
    visibility?: Visibility | null | undefined;
  },
) {
  const body: Omit<ModDeptBody, 'inPermission'> & { deptCode?: string; inPermission?: Visibility } = {};
  if (input.name) body.deptName = input.name;
  if (input.code) body.deptCode = input.code;
  if (input.parentCode) body.parentDeptCode = input.parentCode;
  if (input.note != null) body.note = input.note;
  if (input.visibility) body.inPermission = input.visibility;
  if (input.reach) body.outPermission = input.reach;
  if (input.designatedDepartmentCodes) body.designatedOutDeptCodes = input.designatedDepartmentCodes;
  return body;
}

/** Builds the department mutations' resolvers. */
export function departmentMutationResolvers() {
  return {
    Mutation: {
      async createDepartment(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        const body: DeptBody = { ...departmentBody(input), deptName: input.name };
        const code = await context.client.departments.add(body, context.identity);
        return completeDepartment(await context.loaders.department.load(code));
      },
      async updateDepartment(_: unknown, args: { code: string; input: unknown }, context: GatewayContext) {
        const code = parseInput(departmentCodeSchema, args.code, 'code');
        const input = parseInput(updateSchema, args.input, 'input');
        const body: ModDeptBody = departmentBody(input);
        await context.client.departments.update(code, body, context.identity);
        context.loaders.department.clear(code);
        return completeDepartment(await context.loaders.department.load(code));
      },
      async deleteDepartment(_: unknown, args: { code: string }, context: GatewayContext) {
        const code = parseInput(departmentCodeSchema, args.code, 'code');
        await context.client.departments.delete(code, context.identity);
        context.loaders.department.clear(code);
        return true;
      },
    },
  };
}
