import type { CallOptions, ClientCore } from '../core.js';
import {
  addDepartment,
  type DeptBody,
  type DeptWithChildren,
  deleteDepartment,
  type ModDeptBody,
  type QueryDeptResult,
  type ShowDepartmentResponse,
  searchDepartmentByName,
  showDepartment,
  showDeptAndChildDept,
  updateDepartment,
} from '../wire/departments.js';

/** The enterprise's department tree (rest-api.md 4.12); the root department has code `"1"`. */
export class DepartmentsApi {
  constructor(private readonly core: ClientCore) {}

  /** D1: adds a department (administrator) and answers its code. */
  async add(department: DeptBody, options?: CallOptions): Promise<string> {
    const answer = await this.core.call(addDepartment, { body: department }, options);
    return answer.value;
  }

  /** D2: changes a department's name, parent, note or permissions (administrator). */
  async update(deptCode: string, changes: ModDeptBody, options?: CallOptions): Promise<void> {
    await this.core.call(updateDepartment, { params: { dept_code: deptCode }, body: changes }, options);
  }

  /** D3: deletes an empty department (administrator); the root cannot be deleted. */
  async delete(deptCode: string, options?: CallOptions): Promise<void> {
    await this.core.call(deleteDepartment, { params: { dept_code: deptCode } }, options);
  }

  /** D4: a department with its first-level children, brief. */
  get(deptCode: string, options?: CallOptions): Promise<ShowDepartmentResponse> {
    return this.core.call(showDepartment, { params: { dept_code: deptCode } }, options);
  }

  /** D5: a department with its first-level children and their places in the tree (root = `"1"`). */
  getWithChildren(deptCode: string, options?: CallOptions): Promise<DeptWithChildren> {
    return this.core.call(showDeptAndChildDept, { params: { dept_code: deptCode } }, options);
  }

  /** D6: departments whose name contains the text. */
  searchByName(deptName: string, options?: CallOptions): Promise<QueryDeptResult[]> {
    return this.core.call(searchDepartmentByName, { query: { deptName } }, options);
  }
}
