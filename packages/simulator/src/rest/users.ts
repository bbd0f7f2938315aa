import { userOperations } from '@hwmeeting/client/wire';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { on, type Route } from '../http/router.js';
import {
  deptNamePath,
  matchesKey,
  passwordProblem,
  personalVmrUuid,
  ROOT_DEPT_CODE,
  requireAdmin,
  requireCaller,
  requireDept,
  requireUser,
  revokeUserTokens,
  subtreeCodes,
  touchUser,
  userUpdateTime,
} from '../state/directory.js';
import type { Store, UserRecord } from '../state/store.js';

/** Default page size of U2 and U8. */
const DEFAULT_LIMIT = 10;

/** Every simulated user is an enterprise member account. */
const MEMBER_USER_TYPE = 2;

/** Most entries a U9 batch lookup takes (published-behaviour.md §2). */
const MAX_BATCH_LOOKUP = 200;

/** Phone numbers as AddUserDTO takes them: `+`, country code and digits. */
const PHONE = /^\+\d{4,31}$/;

/** A plausible email address (the server's exact rule is unpublished). */
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function badRequest(field: string, problem: string): SimHttpError {
  return new SimHttpError(400, SimErrorCode.USG_BAD_REQUEST, `${field}: ${problem}`);
}

function defaultAdminOrUndefined(store: Store): UserRecord | undefined {
  for (const user of store.users.values()) if (user.adminType === 0) return user;
  return undefined;
}

/** `CorpBasicInfoDTO` of the simulated enterprise. */
function corpInfo(store: Store) {
  const admin = defaultAdminOrUndefined(store);
  return {
    id: store.corp.id,
    name: store.corp.name,
    adminName: admin?.name,
    account: admin?.userAccount,
    email: admin?.email,
    enableSMS: false,
    enableCloudDisk: false,
    enablePstn: false,
    // App ID logins of unknown third-party users create their accounts (rest/auth.ts).
    autoUserCreate: true,
    corpType: 0,
  };
}

/** The fields a user has both as a detail object and as a U2 search result. */
function userFields(store: Store, user: UserRecord) {
  return {
    id: user.id,
    userAccount: user.userAccount,
    name: user.name,
    englishName: user.englishName,
    phone: user.phone,
    country: user.country,
    email: user.email,
    deptCode: user.deptCode,
    deptNamePath: deptNamePath(store, user.deptCode),
    userType: MEMBER_USER_TYPE,
    adminType: user.adminType,
    signature: user.signature,
    title: user.title,
    desc: user.desc,
    status: user.status,
    sortLevel: user.sortLevel,
    hidePhone: user.hidePhone,
    thirdAccount: user.thirdAccount,
    license: 0,
    activeTime: user.activeTime,
  };
}

/**
 * The published user detail object (rest-api.md 4.1) as `viewer` gets it: `corp` only when users query their own
 * details (published-behaviour.md §2).
 */
export function userDetail(store: Store, user: UserRecord, viewer: UserRecord) {
  return {
    ...userFields(store, user),
    sipNum: user.sipNum,
    vmrList: [{ id: personalVmrUuid(user), vmrId: user.vmrId, vmrName: user.name, vmrMode: 0, status: 0 }],
    deptName: store.departments.get(user.deptCode)?.deptName,
    ...(user.id === viewer.id ? { corp: corpInfo(store) } : {}),
    function: { enableRoom: false },
  };
}

/** One `SearchUserResultDTO` of U2. */
function searchUserResult(store: Store, user: UserRecord) {
  return { ...userFields(store, user), vmrId: user.vmrId };
}

/** Whether the viewer may see the user's phone number (`hidePhone` hides it from everybody else). */
function phoneVisible(user: UserRecord, viewer: UserRecord): boolean {
  return !user.hidePhone || user.id === viewer.id;
}

/** A directory `UserDTO` of U8/U9 as the viewer may see it. */
function userDto(store: Store, user: UserRecord, viewer: UserRecord) {
  return {
    id: user.id,
    account: user.userAccount,
    name: user.name,
    englishName: user.englishName,
    email: user.email,
    phone: phoneVisible(user, viewer) ? user.phone : undefined,
    deptName: store.departments.get(user.deptCode)?.deptName,
    number: user.sipNum,
    updateTime: userUpdateTime(user),
    isHardTerminal: false,
    vmrId: user.vmrId,
    signature: user.signature,
    title: user.title,
    description: user.desc,
    hidePhone: user.hidePhone,
    type: 'NORMAL_USER',
    deptCodes: [user.deptCode],
  };
}

/** Users in directory order: sortLevel, then account. */
function byDirectoryOrder(a: UserRecord, b: UserRecord): number {
  return a.sortLevel - b.sortLevel || a.userAccount.localeCompare(b.userAccount);
}

/** The U2 sort key of a user. UNVERIFIED: `ldapAccount` sorts by Meeting account (no LDAP in the simulator). */
function sortValue(user: UserRecord, field: string): number | string {
  switch (field) {
    case 'userType':
      return MEMBER_USER_TYPE;
    case 'adminType':
      return user.adminType;
    case 'deptCode':
      return user.deptCode;
    case 'status':
      return user.status;
    case 'sortLevel':
      return user.sortLevel;
    default:
      return user.userAccount;
  }
}

function compareValues(a: number | string, b: number | string): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

/** Users of a department (and, when asked, of the departments below it). */
function deptFilter(store: Store, deptCode: string | undefined, withSubDepts: boolean, field: string) {
  if (deptCode === undefined) return () => true;
  requireDept(store, deptCode, field);
  const codes = withSubDepts ? subtreeCodes(store, deptCode) : new Set([deptCode]);
  return (user: UserRecord) => codes.has(user.deptCode);
}

/** A password the user never sees (the server generates one when `pwd` is absent). */
function generatedPassword(store: Store): string {
  return `${store.ids.token(14)}#7`;
}

/** Records a change of a user and tells listeners. */
function changed(store: Store, user: UserRecord, kind: 'user.updated' | 'user.deleted'): void {
  touchUser(store, user);
  store.emit({ kind, detail: { id: user.id, userAccount: user.userAccount } });
}

/** Refuses a change that would leave the enterprise without its default administrator. */
function protectDefaultAdmin(user: UserRecord, what: string): void {
  if (user.adminType === 0) {
    throw new SimHttpError(
      400,
      SimErrorCode.USG_DEFAULT_ADMIN,
      `the enterprise default administrator cannot be ${what}`,
    );
  }
}

/** Routes of users, the corporate directory and the caller's own profile (rest-api.md section 4). */
export const userRoutes: Route[] = [
  on(userOperations.addUser, (context) => {
    const { store, body } = context;
    const caller = requireCaller(context);
    requireAdmin(caller);
    if (body.phone !== undefined && body.country === undefined) {
      throw badRequest('body.country', 'is required when phone is given');
    }
    if (body.phone === undefined && body.email === undefined) {
      throw badRequest('body.phone', 'phone or email is required');
    }
    if (body.email !== undefined && !EMAIL.test(body.email))
      throw badRequest('body.email', 'not an email address');
    if (body.account !== undefined && store.userByAccount(body.account)) {
      throw new SimHttpError(400, SimErrorCode.USG_ACCOUNT_EXISTS, `account ${body.account} already exists`);
    }
    if (body.thirdAccount !== undefined && store.userByThirdAccount(body.thirdAccount)) {
      throw new SimHttpError(
        400,
        SimErrorCode.USG_ACCOUNT_EXISTS,
        `third-party account ${body.thirdAccount} already exists`,
      );
    }
    const deptCode = body.deptCode || ROOT_DEPT_CODE;
    requireDept(store, deptCode, 'body.deptCode');
    if (body.pwd !== undefined) {
      // A generated account is `Auto-<id>`, which no password can equal; only a given account is checked.
      const problem = passwordProblem(body.pwd, body.account ?? '');
      if (problem) throw badRequest('body.pwd', problem);
    }
    const user = store.addUser({
      ...(body.account !== undefined ? { userAccount: body.account } : {}),
      name: body.name,
      englishName: body.englishName,
      thirdAccount: body.thirdAccount,
      phone: body.phone,
      country: body.country,
      email: body.email,
      deptCode,
      password: body.pwd ?? generatedPassword(store),
      signature: body.signature,
      title: body.title,
      desc: body.desc,
      status: body.status ?? 0,
      sortLevel: body.sortLevel ?? 10_000,
      hidePhone: body.hidePhone ?? false,
    });
    touchUser(store, user);
    return { body: userDetail(store, user, caller) };
  }),

  // Published (published-behaviour.md §1): U2 and U3 are administrator calls; members read the directory (U8).
  on(userOperations.searchUsers, (context) => {
    const { store, query } = context;
    requireAdmin(requireCaller(context));
    const inDept = deptFilter(store, query.deptCode, query.enableSubDept ?? true, 'query.deptCode');
    const userTypes = query.userType ?? [MEMBER_USER_TYPE];
    const matching = [...store.users.values()].filter(
      (user) =>
        userTypes.includes(MEMBER_USER_TYPE) &&
        inDept(user) &&
        (query.adminType === undefined ||
          (query.adminType === 1 ? user.adminType !== 2 : user.adminType === 2)) &&
        (query.status === undefined || user.status === query.status) &&
        matchesKey(query.searchKey, [user.name, user.phone, user.email, user.userAccount, user.thirdAccount]),
    );
    const direction = query.isAsc === false ? -1 : 1;
    const sortField = query.sortField;
    matching.sort((a, b) =>
      sortField === undefined
        ? byDirectoryOrder(a, b)
        : direction * compareValues(sortValue(a, sortField), sortValue(b, sortField)) ||
          byDirectoryOrder(a, b),
    );
    const limit = query.limit ?? DEFAULT_LIMIT;
    let offset = query.offset ?? 0;
    // Published: an offset beyond the end answers the last page.
    if (offset >= matching.length) offset = Math.max(0, Math.floor((matching.length - 1) / limit) * limit);
    return {
      body: {
        offset,
        limit,
        count: matching.length,
        data: matching.slice(offset, offset + limit).map((user) => searchUserResult(store, user)),
      },
    };
  }),

  on(userOperations.showUserDetail, (context) => {
    const { store, params, query } = context;
    const caller = requireCaller(context);
    requireAdmin(caller);
    const user = requireUser(store, params.account, query.accountType ?? 0);
    return { body: userDetail(store, user, caller) };
  }),

  on(userOperations.updateUser, (context) => {
    const { store, params, query, body } = context;
    const caller = requireCaller(context);
    requireAdmin(caller);
    const user = requireUser(store, params.account, query.accountType ?? 0);
    if (body.phone !== undefined && (body.country ?? user.country) === undefined) {
      throw badRequest('body.country', 'is required when phone is given');
    }
    if (body.email !== undefined && body.email !== '' && !EMAIL.test(body.email)) {
      throw badRequest('body.email', 'not an email address');
    }
    if (body.deptCode !== undefined) requireDept(store, body.deptCode, 'body.deptCode');
    if (body.vmrId !== undefined) {
      if (!/^\d+$/.test(body.vmrId)) throw badRequest('body.vmrId', 'must be digits');
      for (const other of store.users.values()) {
        if (other.id !== user.id && other.vmrId === body.vmrId)
          throw badRequest('body.vmrId', 'already in use');
      }
    }
    if (body.status === 1) protectDefaultAdmin(user, 'disabled');
    // ModUserDTO's fields are UserRecord's, by the same names; absent fields are absent from the parsed body.
    Object.assign(user, body);
    if (body.status === 1) revokeUserTokens(store, user.id);
    changed(store, user, 'user.updated');
    return { body: userDetail(store, user, caller) };
  }),

  on(userOperations.batchDeleteUsers, (context) => {
    const { store, query, body } = context;
    requireAdmin(requireCaller(context));
    const accountType = query.accountType ?? 0;
    // Published: all succeed or all fail (published-behaviour.md §2); one unknown account refuses the whole
    // batch (400 USG.201040000) and nobody is deleted.
    const users = body.map((account) => requireUser(store, account, accountType));
    for (const user of users) protectDefaultAdmin(user, 'deleted');
    for (const user of new Set(users)) {
      revokeUserTokens(store, user.id);
      store.users.delete(user.id);
      changed(store, user, 'user.deleted');
    }
    return {};
  }),

  on(userOperations.batchUpdateUserStatus, (context) => {
    const { store, params, query, body } = context;
    requireAdmin(requireCaller(context));
    const accountType = query.accountType ?? 0;
    // UNVERIFIED: one unknown account refuses the whole batch (400 USG.201040000) and nothing changes.
    const users = body.map((account) => requireUser(store, account, accountType));
    if (params.value === 1) for (const user of users) protectDefaultAdmin(user, 'disabled');
    for (const user of new Set(users)) {
      user.status = params.value;
      // Later logins answer 412 (rest/auth.ts); tokens already issued stop working now.
      if (params.value === 1) revokeUserTokens(store, user.id);
      changed(store, user, 'user.updated');
    }
    return {};
  }),

  on(userOperations.inviteUser, (context) => {
    const { store, body } = context;
    requireAdmin(requireCaller(context));
    const contact = body.contact.trim();
    const isEmail = contact.includes('@');
    if (isEmail ? !EMAIL.test(contact) : !PHONE.test(contact)) {
      throw badRequest(
        'body.contact',
        'must be an email address or a phone number (+country code and digits)',
      );
    }
    const deptCode = body.deptCode || ROOT_DEPT_CODE;
    requireDept(store, deptCode, 'body.deptCode');
    const existing = [...store.users.values()].find((user) =>
      isEmail ? user.email?.toLowerCase() === contact.toLowerCase() : user.phone === contact,
    );
    // Existing users must confirm by SMS or email, which the simulator does not model: they stay as they are.
    if (existing) return { body: { userExist: true } };
    // A flagship enterprise (corpType 0) creates unknown people directly, with an initial password.
    store.addUser({
      name: body.name,
      ...(isEmail ? { email: contact } : { phone: contact, country: body.country ?? 'chinaPR' }),
      deptCode,
      password: generatedPassword(store),
      desc: body.desc,
      title: body.title,
      sortLevel: body.sortLevel ?? 10_000,
    });
    return { body: { userExist: false } };
  }),

  on(userOperations.searchCorpDir, (context) => {
    const { store, query } = context;
    const viewer = requireCaller(context);
    const inDept = deptFilter(store, query.deptCode, query.querySubDept ?? true, 'query.deptCode');
    // Every simulated user is a NORMAL_USER; the simulator has no hard terminals or whiteboards.
    const scopeHasUsers = (query.searchScope ?? 'ALL') !== 'HARD_TERMINAL';
    const matching = [...store.users.values()]
      .filter(
        (user) =>
          scopeHasUsers &&
          inDept(user) &&
          matchesKey(query.searchKey, [
            user.userAccount,
            user.sipNum,
            user.name,
            phoneVisible(user, viewer) ? user.phone : undefined,
            user.email,
          ]),
      )
      .sort(byDirectoryOrder);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    return {
      body: {
        offset,
        limit,
        count: matching.length,
        data: matching.slice(offset, offset + limit).map((user) => userDto(store, user, viewer)),
      },
    };
  }),

  on(userOperations.batchShowUserDetails, (context) => {
    const { store, query, body } = context;
    const viewer = requireCaller(context);
    // Published (published-behaviour.md §2): `idType` is mandatory and a batch holds at most 200 entries. The
    // client's wire schema does not say so yet, so the route checks it.
    if (query.idType === undefined) throw badRequest('query.idType', 'required (USER_ID or THIRD_ACCOUNT)');
    if (body.length > MAX_BATCH_LOOKUP) throw badRequest('body', `at most ${MAX_BATCH_LOOKUP} entries`);
    const byThirdAccount = query.idType === 'THIRD_ACCOUNT';
    // statusCode 1 (unchanged since a given time) and 3 (no permission) are not modelled: 0 found, 2 not found.
    return {
      body: body.map(({ id }) => {
        const user = byThirdAccount ? store.userByThirdAccount(id) : store.users.get(id);
        return user ? { ...userDto(store, user, viewer), statusCode: 0 } : { id, statusCode: 2 };
      }),
    };
  }),

  on(userOperations.showMyInfo, (context) => {
    const user = requireCaller(context);
    return { body: userDetail(context.store, user, user) };
  }),

  on(userOperations.updateMyInfo, (context) => {
    const { store, body } = context;
    const user = requireCaller(context);
    user.name = body.name;
    if (body.englishName !== undefined) user.englishName = body.englishName;
    if (body.signature !== undefined) user.signature = body.signature;
    if (body.title !== undefined) user.title = body.title;
    if (body.desc !== undefined) user.desc = body.desc;
    changed(store, user, 'user.updated');
    return {};
  }),
];
