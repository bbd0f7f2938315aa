import { departmentOperations } from '@hwmeeting/client/wire';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { on, type Route } from '../http/router.js';
import {
  childDepts,
  deptCodePath,
  deptHasUsers,
  deptLevel,
  deptNamePath,
  isLeafDept,
  ROOT_DEPT_CODE,
  requireAdmin,
  requireCaller,
  requireDept,
  subtreeCodes,
} from '../state/directory.js';
import type { DeptRecord, Store } from '../state/store.js';

/** `sortLevel` of departments added without one (the published maximum, i.e. last). */
const DEFAULT_DEPT_SORT_LEVEL = 10_000;

/** The published `QueryDeptResultDTO` of a department. */
export function queryDeptResult(store: Store, dept: DeptRecord) {
  return {
    deptCode: dept.deptCode,
    deptLevel: deptLevel(store, dept.deptCode),
    deptName: dept.deptName,
    deptNamePath: deptNamePath(store, dept.deptCode),
    isLeafNode: isLeafDept(store, dept.deptCode),
    parentDeptCode: dept.parentDeptCode,
    deptCodePath: deptCodePath(store, dept.deptCode),
    note: dept.note,
    corpId: store.corp.id,
    inPermission: dept.inPermission ?? 'UNLIMITED',
    outPermission: dept.outPermission ?? 'UNLIMITED',
    designatedOutDeptCodes: dept.designatedOutDeptCodes?.map((id) => ({
      id,
      mark: store.departments.get(id)?.deptName,
    })),
    sortLevel: dept.sortLevel,
  };
}

/** The brief form of D4: code, name and whether it has sub-departments. */
function briefDept(store: Store, dept: DeptRecord) {
  return { deptCode: dept.deptCode, deptName: dept.deptName, isLeafNodes: isLeafDept(store, dept.deptCode) };
}

/** A department in the given form, with its direct sub-departments in the same form as `childDepts`. */
function withChildren<T extends object>(
  store: Store,
  dept: DeptRecord,
  view: (store: Store, dept: DeptRecord) => T,
): T & { childDepts: T[] } {
  return {
    ...view(store, dept),
    childDepts: childDepts(store, dept.deptCode).map((child) => view(store, child)),
  };
}

/** Refuses a name that a sibling under the same parent already has (UNVERIFIED: the server's exact rule). */
function requireUniqueName(store: Store, parentDeptCode: string, deptName: string, self?: string): void {
  for (const dept of store.departments.values()) {
    if (dept.parentDeptCode === parentDeptCode && dept.deptName === deptName && dept.deptCode !== self) {
      throw new SimHttpError(
        400,
        SimErrorCode.USG_DEPT_EXISTS,
        `body.deptName: ${deptName} already exists in this department`,
      );
    }
  }
}

/** Checks `designatedOutDeptCodes`: only with `DESIGNATED_DEPARTMENT`, each an existing department. */
function checkDesignated(store: Store, outPermission: string | undefined, codes: string[] | undefined): void {
  if (codes === undefined || codes.length === 0) return;
  if (outPermission !== 'DESIGNATED_DEPARTMENT') {
    throw new SimHttpError(
      400,
      SimErrorCode.USG_BAD_REQUEST,
      'body.designatedOutDeptCodes: only allowed with outPermission DESIGNATED_DEPARTMENT',
    );
  }
  for (const code of codes) requireDept(store, code, 'body.designatedOutDeptCodes');
}

/** A department code nobody uses yet. */
function newDeptCode(store: Store): string {
  let code = store.ids.digits(8);
  while (store.departments.has(code)) code = store.ids.digits(8);
  return code;
}

/** Routes of the department tree (rest-api.md 4.12). */
export const departmentRoutes: Route[] = [
  on(departmentOperations.addDepartment, (context) => {
    const { store, body } = context;
    requireAdmin(requireCaller(context));
    if (body.deptCode !== undefined && store.departments.has(body.deptCode)) {
      throw new SimHttpError(
        400,
        SimErrorCode.USG_DEPT_EXISTS,
        `body.deptCode: department ${body.deptCode} already exists`,
      );
    }
    const parentDeptCode = body.parentDeptCode ?? ROOT_DEPT_CODE;
    requireDept(store, parentDeptCode, 'body.parentDeptCode');
    requireUniqueName(store, parentDeptCode, body.deptName);
    checkDesignated(store, body.outPermission, body.designatedOutDeptCodes);
    const dept: DeptRecord = {
      deptCode: body.deptCode ?? newDeptCode(store),
      deptName: body.deptName,
      parentDeptCode,
      note: body.note,
      inPermission: body.inPermission ?? 'UNLIMITED',
      outPermission: body.outPermission ?? 'UNLIMITED',
      designatedOutDeptCodes: body.designatedOutDeptCodes,
      sortLevel: DEFAULT_DEPT_SORT_LEVEL,
    };
    store.departments.set(dept.deptCode, dept);
    store.emit({ kind: 'department.added', detail: { deptCode: dept.deptCode } });
    return { body: { value: dept.deptCode } };
  }),

  on(departmentOperations.updateDepartment, (context) => {
    const { store, params, body } = context;
    requireAdmin(requireCaller(context));
    const dept = requireDept(store, params.dept_code, 'params.dept_code');
    const parentDeptCode = body.parentDeptCode ?? dept.parentDeptCode;
    if (body.parentDeptCode !== undefined) {
      if (dept.deptCode === ROOT_DEPT_CODE) {
        throw new SimHttpError(400, SimErrorCode.USG_DEPT_ROOT, 'the root department cannot be moved');
      }
      requireDept(store, body.parentDeptCode, 'body.parentDeptCode');
      if (subtreeCodes(store, dept.deptCode).has(body.parentDeptCode)) {
        throw new SimHttpError(
          400,
          SimErrorCode.USG_BAD_REQUEST,
          'body.parentDeptCode: must not be the department itself or one below it',
        );
      }
    }
    if (parentDeptCode !== undefined && (body.deptName !== undefined || body.parentDeptCode !== undefined)) {
      requireUniqueName(store, parentDeptCode, body.deptName ?? dept.deptName, dept.deptCode);
    }
    const outPermission = body.outPermission ?? dept.outPermission;
    checkDesignated(store, outPermission, body.designatedOutDeptCodes);
    if (body.deptName !== undefined) dept.deptName = body.deptName;
    if (body.parentDeptCode !== undefined) dept.parentDeptCode = body.parentDeptCode;
    if (body.note !== undefined) dept.note = body.note;
    if (body.inPermission !== undefined) dept.inPermission = body.inPermission;
    if (body.outPermission !== undefined) dept.outPermission = body.outPermission;
    if (body.designatedOutDeptCodes !== undefined) dept.designatedOutDeptCodes = body.designatedOutDeptCodes;
    // The designated list only means something with DESIGNATED_DEPARTMENT.
    if (outPermission !== 'DESIGNATED_DEPARTMENT') dept.designatedOutDeptCodes = undefined;
    store.emit({ kind: 'department.updated', detail: { deptCode: dept.deptCode } });
    return {};
  }),

  on(departmentOperations.deleteDepartment, (context) => {
    const { store, params } = context;
    requireAdmin(requireCaller(context));
    if (params.dept_code === ROOT_DEPT_CODE) {
      throw new SimHttpError(400, SimErrorCode.USG_DEPT_ROOT, 'the root department cannot be deleted');
    }
    const dept = requireDept(store, params.dept_code, 'params.dept_code');
    // UNVERIFIED: the server refuses to delete a department that still has users or sub-departments.
    if (!isLeafDept(store, dept.deptCode) || deptHasUsers(store, dept.deptCode)) {
      throw new SimHttpError(
        400,
        SimErrorCode.USG_DEPT_NOT_EMPTY,
        'the department still has users or sub-departments',
      );
    }
    store.departments.delete(dept.deptCode);
    for (const other of store.departments.values()) {
      if (other.designatedOutDeptCodes?.includes(dept.deptCode)) {
        other.designatedOutDeptCodes = other.designatedOutDeptCodes.filter((code) => code !== dept.deptCode);
      }
    }
    store.emit({ kind: 'department.deleted', detail: { deptCode: dept.deptCode } });
    return {};
  }),

  on(departmentOperations.showDepartment, ({ store, params }) => ({
    body: withChildren(store, requireDept(store, params.dept_code, 'params.dept_code'), briefDept),
  })),

  // Published (published-behaviour.md §1): D5 and D6 are administrator calls; D4 is open to every member.
  on(departmentOperations.showDeptAndChildDept, (context) => {
    const { store, params } = context;
    requireAdmin(requireCaller(context));
    return {
      body: withChildren(store, requireDept(store, params.dept_code, 'params.dept_code'), queryDeptResult),
    };
  }),

  // UNVERIFIED: "by name" is read as a case-insensitive substring match, like the other directory searches.
  on(departmentOperations.searchDepartmentByName, (context) => {
    const { store, query } = context;
    requireAdmin(requireCaller(context));
    const needle = query.deptName.toLowerCase();
    const found = [...store.departments.values()]
      .filter((dept) => dept.deptName.toLowerCase().includes(needle))
      .sort(
        (a, b) =>
          deptLevel(store, a.deptCode) - deptLevel(store, b.deptCode) ||
          a.sortLevel - b.sortLevel ||
          a.deptName.localeCompare(b.deptName),
      );
    return { body: found.map((dept) => queryDeptResult(store, dept)) };
  }),
];
