import { z } from 'zod';
import { emptyResponse } from './common.js';
import { defineOperation } from './operation.js';
import { lineText, multiLineText } from './text.js';
import { tolerantList, tolerantRecord } from './tolerant.js';

/** A department code (`"1"` is the root); unique in the enterprise, at most 32 characters. */
export const deptCodeSchema = lineText().min(1).max(32);

/** Path parameter `{dept_code}`. */
export const deptCodeParamsSchema = z.object({ dept_code: deptCodeSchema });
/** Path parameters of D2-D5. */
export type DeptCodeParams = z.infer<typeof deptCodeParamsSchema>;

/** Who outside a department may see its users (D1). */
export const deptInPermissionSchema = z.enum(['UNLIMITED', 'OPEN']);

/** Who outside a department may see its users (D2 also lists `CLOSE`, which the server does not support yet). */
export const modDeptInPermissionSchema = z.enum(['UNLIMITED', 'OPEN', 'CLOSE', 'DESIGNATED_DEPARTMENT']);

/** Whom the users of a department may see. */
export const deptOutPermissionSchema = z.enum([
  'UNLIMITED',
  'ONLY_SELF',
  'SELF_AND_CHILD_DEPARTMENT',
  'DESIGNATED_DEPARTMENT',
]);

/** Departments the users may see when `outPermission` is `DESIGNATED_DEPARTMENT` (at most 150). */
const designatedOutDeptCodesSchema = z.array(deptCodeSchema).max(150);

/** `DeptDTO`: body of D1 add department. */
export const deptBodySchema = z.object({
  deptName: lineText().min(1).max(128),
  /** Generated when absent; unique and immutable. */
  deptCode: deptCodeSchema.optional(),
  /** Default `"1"` (root). */
  parentDeptCode: deptCodeSchema.optional(),
  note: multiLineText().max(96).optional(),
  /** Default `UNLIMITED`. */
  inPermission: deptInPermissionSchema.optional(),
  outPermission: deptOutPermissionSchema.optional(),
  /** Only with `outPermission: 'DESIGNATED_DEPARTMENT'`. */
  designatedOutDeptCodes: designatedOutDeptCodesSchema.optional(),
});
/** Body of D1 add department. */
export type DeptBody = z.infer<typeof deptBodySchema>;

/** Answer of D1. UNVERIFIED: `value` is presumably the department code (the simulator answers it so). */
export const addDepartmentResponseSchema = tolerantRecord('AddDeptResult', { value: z.string() }, {});
/** Answer of D1. */
export type AddDepartmentResponse = z.infer<typeof addDepartmentResponseSchema>;

/** `ModDeptDTO`: body of D2 update department (every field optional). */
export const modDeptBodySchema = z.object({
  deptName: lineText().min(1).max(128).optional(),
  parentDeptCode: deptCodeSchema.optional(),
  note: multiLineText().max(96).optional(),
  inPermission: modDeptInPermissionSchema.optional(),
  outPermission: deptOutPermissionSchema.optional(),
  designatedOutDeptCodes: designatedOutDeptCodesSchema.optional(),
});
/** Body of D2 update department. */
export type ModDeptBody = z.infer<typeof modDeptBodySchema>;

/** A child department in the answer of D4. */
export const childDeptSchema = tolerantRecord(
  'ChildDept',
  {
    deptCode: z.string(),
  },
  {
    deptName: z.string(),
    /** No sub-departments. */
    isLeafNodes: z.boolean(),
  },
);
/** A child department of D4. */
export type ChildDept = z.infer<typeof childDeptSchema>;

/** Answer of D4 show department: the department and its first-level children. */
export const showDepartmentResponseSchema = tolerantRecord(
  'DeptInfo',
  {
    deptCode: z.string(),
  },
  {
    deptName: z.string(),
    isLeafNodes: z.boolean(),
    childDepts: tolerantList(childDeptSchema),
  },
);
/** Answer of D4. */
export type ShowDepartmentResponse = z.infer<typeof showDepartmentResponseSchema>;

/** The fields of `QueryDeptResultDTO` besides its code. */
const queryDeptResultShape = {
  deptLevel: z.number().int(),
  deptName: z.string(),
  deptNamePath: z.string(),
  isLeafNode: z.boolean(),
  parentDeptCode: z.string(),
  deptCodePath: z.string(),
  note: z.string(),
  corpId: z.string(),
  /** `UNLIMITED`, `OPEN` ... (open: new values may appear). */
  inPermission: z.string(),
  outPermission: z.string(),
  /** `id` = department code, `mark` = its display text (usually the name). */
  designatedOutDeptCodes: tolerantList(
    tolerantRecord('DesignatedDept', {}, { id: z.string(), mark: z.string() }),
  ),
  sortLevel: z.number().int(),
};

/** `QueryDeptResultDTO`: a department with its place in the tree. */
export const queryDeptResultSchema = tolerantRecord(
  'QueryDeptResultDTO',
  { deptCode: z.string() },
  queryDeptResultShape,
);
/** A department with its place in the tree. */
export type QueryDeptResult = z.infer<typeof queryDeptResultSchema>;

/** Answer of D5: a department and its first-level children. */
export const deptWithChildrenSchema = tolerantRecord(
  'QueryDeptResultDTO',
  { deptCode: z.string() },
  { ...queryDeptResultShape, childDepts: tolerantList(queryDeptResultSchema) },
);
/** Answer of D5. */
export type DeptWithChildren = z.infer<typeof deptWithChildrenSchema>;

/** Query of D6 search departments by name. */
export const searchDepartmentByNameQuerySchema = z.object({ deptName: lineText().min(1).max(128) });
/** Query of D6. */
export type SearchDepartmentByNameQuery = z.infer<typeof searchDepartmentByNameQuerySchema>;

/** D1: add a department (administrator). */
export const addDepartment = defineOperation({
  name: 'addDepartment',
  area: 'departments',
  method: 'POST',
  path: '/v1/usg/dcs/corp/dept',
  auth: 'access',
  body: deptBodySchema,
  response: addDepartmentResponseSchema,
  idempotent: false,
});

/** D2: update a department (administrator). */
export const updateDepartment = defineOperation({
  name: 'updateDepartment',
  area: 'departments',
  method: 'PUT',
  path: '/v1/usg/dcs/corp/dept/{dept_code}',
  auth: 'access',
  params: deptCodeParamsSchema,
  body: modDeptBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** D3: delete a department (administrator); the root `"1"` cannot be deleted. */
export const deleteDepartment = defineOperation({
  name: 'deleteDepartment',
  area: 'departments',
  method: 'DELETE',
  path: '/v1/usg/dcs/corp/dept/{dept_code}',
  auth: 'access',
  params: deptCodeParamsSchema,
  response: emptyResponse,
  // A resend after a lost answer fails with "department does not exist" rather than deleting anything else.
  idempotent: true,
});

/** D4: a department and its first-level children, brief. */
export const showDepartment = defineOperation({
  name: 'showDepartment',
  area: 'departments',
  method: 'GET',
  path: '/v1/usg/abs/departments/{dept_code}',
  auth: 'access',
  params: deptCodeParamsSchema,
  response: showDepartmentResponseSchema,
  idempotent: true,
});

/** D5: a department and its first-level children, with their places in the tree (root = `1`). */
export const showDeptAndChildDept = defineOperation({
  name: 'showDeptAndChildDept',
  area: 'departments',
  method: 'GET',
  path: '/v1/usg/dcs/member/dept/{dept_code}',
  auth: 'access',
  params: deptCodeParamsSchema,
  response: deptWithChildrenSchema,
  idempotent: true,
});

/** D6: departments whose name matches. */
export const searchDepartmentByName = defineOperation({
  name: 'searchDepartmentByName',
  area: 'departments',
  method: 'GET',
  path: '/v1/usg/dcs/member/dept',
  auth: 'access',
  query: searchDepartmentByNameQuerySchema,
  response: tolerantList(queryDeptResultSchema),
  idempotent: true,
});

/** Every department operation. */
export const departmentOperations = {
  addDepartment,
  updateDepartment,
  deleteDepartment,
  showDepartment,
  showDeptAndChildDept,
  searchDepartmentByName,
} as const;
