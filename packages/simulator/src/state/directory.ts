import { SimErrorCode, SimHttpError } from '../http/errors.js';
import type { DeptRecord, Store, UserRecord } from './store.js';

/** Code of the root department (the enterprise itself). */
export const ROOT_DEPT_CODE = '1';

/**
 * Separator of `deptNamePath` and `deptCodePath`. UNVERIFIED: the reference names the paths but shows no
 * example; `/` from the root down is the most plausible reading.
 */
export const DEPT_PATH_SEPARATOR = '/';

/** `accountType` 0 = Meeting account, 1 = third-party userId. */
export type AccountType = 0 | 1;

// ---------------------------------------------------------------------------------------------------------
// Permissions
// ---------------------------------------------------------------------------------------------------------

/** The user holding the access token of an `access` call (dispatch has already answered 401 without one). */
export function requireCaller(context: { caller: { user: UserRecord } | undefined }): UserRecord {
  if (!context.caller)
    throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
  return context.caller.user;
}

/** Refuses a caller who is not an enterprise administrator (adminType 0 or 1) with 403. */
export function requireAdmin(user: UserRecord): void {
  if (user.adminType !== 0 && user.adminType !== 1) {
    throw new SimHttpError(403, SimErrorCode.USG_FORBIDDEN, 'only an enterprise administrator may do this');
  }
}

// ---------------------------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------------------------

/** The user an account names, read as `accountType` says. */
export function findUser(store: Store, account: string, accountType: AccountType): UserRecord | undefined {
  return accountType === 1 ? store.userByThirdAccount(account) : store.userByAccount(account);
}

/** The user an account names, or the published "user does not exist" answer (400 USG.201040000). */
export function requireUser(store: Store, account: string, accountType: AccountType): UserRecord {
  const user = findUser(store, account, accountType);
  if (!user) throw new SimHttpError(400, SimErrorCode.USG_USER_NOT_FOUND, `user ${account} does not exist`);
  return user;
}

/** Revokes every access token of a user (deleted or disabled); answers how many. */
export function revokeUserTokens(store: Store, userId: string): number {
  let count = 0;
  for (const token of [...store.tokens.values()]) {
    if (token.userId === userId && store.revokeToken(token.accessToken)) count++;
  }
  return count;
}

/** Last change of each user's directory entry (UserRecord has no such field; kept beside it). */
const updateTimes = new WeakMap<UserRecord, number>();

/** Records that a user's entry changed now. */
export function touchUser(store: Store, user: UserRecord): void {
  updateTimes.set(user, store.clock.now());
}

/** When the user's entry last changed, epoch ms (its activation until the first change). */
export function userUpdateTime(user: UserRecord): number {
  return updateTimes.get(user) ?? user.activeTime;
}

/**
 * The `id` of a user's personal-meeting-ID entry in `vmrList` (what meetings take as `vmrID`): a stable hex
 * string derived from the user UUID, so every answer and every area agree on it.
 */
export function personalVmrUuid(user: UserRecord): string {
  return [...user.id].reverse().join('');
}

/** Case-insensitive substring match of `key` against any of the fields. */
export function matchesKey(key: string | undefined, fields: readonly (string | undefined)[]): boolean {
  if (!key) return true;
  const needle = key.toLowerCase();
  return fields.some((field) => field?.toLowerCase().includes(needle) ?? false);
}

/**
 * Why a password breaks the AddUserDTO rules, or undefined when it keeps them: 8-32 characters, at least two
 * of lower case, upper case, digits and special characters, and not the account forwards or backwards.
 */
export function passwordProblem(pwd: string, account: string): string | undefined {
  if (pwd.length < 8 || pwd.length > 32) return 'must be 8 to 32 characters';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(pwd)).length;
  if (classes < 2) return 'must mix at least two of lower case, upper case, digits and special characters';
  const reversed = [...account].reverse().join('');
  if (pwd === account || pwd === reversed) return 'must not equal the account or the account reversed';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Department tree
// ---------------------------------------------------------------------------------------------------------

/** The department with this code, or 400 "department does not exist" naming where the code came from. */
export function requireDept(store: Store, code: string, field: string): DeptRecord {
  const dept = store.departments.get(code);
  if (!dept) {
    throw new SimHttpError(
      400,
      SimErrorCode.USG_DEPT_NOT_FOUND,
      `${field}: department ${code} does not exist`,
    );
  }
  return dept;
}

/** The departments from the root down to `code` (both included); empty for an unknown code. */
export function deptChain(store: Store, code: string): DeptRecord[] {
  const chain: DeptRecord[] = [];
  const seen = new Set<string>();
  let current = store.departments.get(code);
  while (current && !seen.has(current.deptCode)) {
    seen.add(current.deptCode);
    chain.unshift(current);
    current =
      current.parentDeptCode === undefined ? undefined : store.departments.get(current.parentDeptCode);
  }
  return chain;
}

/** `deptLevel`: the root is level 1, its children 2, and so on (UNVERIFIED: the numbering base). */
export function deptLevel(store: Store, code: string): number {
  return deptChain(store, code).length;
}

/** `deptNamePath`: department names from the root down. */
export function deptNamePath(store: Store, code: string): string {
  return deptChain(store, code)
    .map((d) => d.deptName)
    .join(DEPT_PATH_SEPARATOR);
}

/** `deptCodePath`: department codes from the root down. */
export function deptCodePath(store: Store, code: string): string {
  return deptChain(store, code)
    .map((d) => d.deptCode)
    .join(DEPT_PATH_SEPARATOR);
}

/** First-level children of a department, in directory order (sortLevel, then name). */
export function childDepts(store: Store, code: string): DeptRecord[] {
  return [...store.departments.values()]
    .filter((d) => d.parentDeptCode === code)
    .sort((a, b) => a.sortLevel - b.sortLevel || a.deptName.localeCompare(b.deptName));
}

/** Whether a department has no sub-departments. */
export function isLeafDept(store: Store, code: string): boolean {
  for (const dept of store.departments.values()) if (dept.parentDeptCode === code) return false;
  return true;
}

/** A department's code and the codes of all departments below it. */
export function subtreeCodes(store: Store, code: string): Set<string> {
  const codes = new Set<string>([code]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const dept of store.departments.values()) {
      if (dept.parentDeptCode !== undefined && codes.has(dept.parentDeptCode) && !codes.has(dept.deptCode)) {
        codes.add(dept.deptCode);
        grew = true;
      }
    }
  }
  return codes;
}

/** Whether a department holds any user directly. */
export function deptHasUsers(store: Store, code: string): boolean {
  for (const user of store.users.values()) if (user.deptCode === code) return true;
  return false;
}
