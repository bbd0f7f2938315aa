import { z } from 'zod';
import { emptyResponse, flag, pagingQuery, queryBool, queryInt } from './common.js';
import { defineOperation } from './operation.js';
import { lineText, multiLineText } from './text.js';
import { pageOf, tolerantList, tolerantRecord } from './tolerant.js';

// ---------------------------------------------------------------------------------------------------------
// Shared parts
// ---------------------------------------------------------------------------------------------------------

/** `accountType` query: 0 = Meeting account (`userAccount`), 1 = third-party userId (`thirdAccount`); default 0. */
export const accountTypeQuerySchema = z.object({
  accountType: queryInt().pipe(flag()).optional(),
});
/** The `accountType` query of the calls that name users by account. */
export type AccountTypeQuery = z.infer<typeof accountTypeQuerySchema>;

/** Path parameter `{account}`: a Meeting account or a third-party userId, as `accountType` says. */
export const accountParamsSchema = z.object({ account: lineText().min(1).max(255) });
/** Path parameters of U3/U4. */
export type AccountParams = z.infer<typeof accountParamsSchema>;

/** Meeting account rule of AddUserDTO: letters, digits, `_ - . @`; not digits-only; no `.` right after `@`. */
export const meetingAccountSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, { error: 'may hold only letters, digits and _ - . @' })
  .refine((v) => !/^\d+$/.test(v), { error: 'must not be digits only' })
  .refine((v) => !v.includes('@.'), { error: 'must not have "." right after "@"' });

/** Mobile number with its country code, digits only after `+`, e.g. `+8613800000001`. */
export const userPhoneSchema = z
  .string()
  .max(32)
  .regex(/^\+\d{4,31}$/, { error: 'must be + followed by the country code and digits' });

/** `function` of a user; deprecated by the server but still accepted and answered. */
export const userFunctionSchema = z.object({ enableRoom: z.boolean().optional() });

// ---------------------------------------------------------------------------------------------------------
// User detail (rest-api.md 4.1). Tolerant (tolerant.ts): a user requires its `id` and `userAccount` only.
// ---------------------------------------------------------------------------------------------------------

/** `UserVmrDTO`: a cloud meeting room or the personal meeting ID of a user. */
export const userVmrSchema = tolerantRecord(
  'UserVmrDTO',
  {
    /** Pass as `vmrID` when creating meetings. */
    id: z.string(),
  },
  {
    /** Fixed meeting ID (`vmrConferenceID`). */
    vmrId: z.string(),
    vmrName: z.string(),
    /** 0 personal meeting ID, 1 cloud meeting room, 2 webinar. */
    vmrMode: z.number().int(),
    vmrPkgId: z.string(),
    vmrPkgName: z.string(),
    vmrPkgParties: z.number().int(),
    /** Minutes; 0 = unlimited. */
    vmrPkgLength: z.number().int(),
    /** 0 normal, 1 disabled, 2 unassigned. */
    status: z.number().int(),
  },
);
/** A meeting room or personal meeting ID of a user. */
export type UserVmr = z.infer<typeof userVmrSchema>;

/** `CorpBasicInfoDTO`: the enterprise a user belongs to. */
export const corpBasicInfoSchema = tolerantRecord(
  'CorpBasicInfoDTO',
  { id: z.string() },
  {
    name: z.string(),
    address: z.string(),
    adminName: z.string(),
    account: z.string(),
    phone: z.string(),
    country: z.string(),
    email: z.string(),
    enableSMS: z.boolean(),
    enableCloudDisk: z.boolean(),
    enablePstn: z.boolean(),
    autoUserCreate: z.boolean(),
    /** 0 flagship, 5 free, 6 standard. */
    corpType: z.number().int(),
  },
);
/** The enterprise of a user. */
export type CorpBasicInfo = z.infer<typeof corpBasicInfoSchema>;

/** Terminal information of device accounts. */
export const userDevTypeSchema = tolerantRecord(
  'DevType',
  {},
  { model: z.string(), deviceSize: z.string(), purchaseChannel: z.string() },
);

/** What identifies a user, in its detail object and as a U2 search result. */
const userIdentityShape = {
  /** User UUID. */
  id: z.string(),
  userAccount: z.string(),
};

/** The other fields a user has both in its detail object and as a U2 search result. */
const userFieldsShape = {
  name: z.string(),
  englishName: z.string(),
  phone: z.string(),
  /** Country key of the phone, e.g. `chinaPR`. */
  country: z.string(),
  email: z.string(),
  deptCode: z.string(),
  deptNamePath: z.string(),
  /** 2 = enterprise member account. */
  userType: z.number().int(),
  /** 0 default (super) admin, 1 admin, 2 member. */
  adminType: z.number().int(),
  signature: z.string(),
  title: z.string(),
  desc: z.string(),
  /** 0 normal, 1 disabled. */
  status: z.number().int(),
  /** Directory order, lower first. */
  sortLevel: z.number().int(),
  hidePhone: z.boolean(),
  visionAccount: z.string(),
  thirdAccount: z.string(),
  /** 0 commercial, 1 free trial. */
  license: z.number().int(),
  /** Activation time, UTC timestamp. */
  activeTime: z.number().int(),
};

/** The user detail object: the answer of U1 add, U3 show, U4 update and U10 my info. */
export const userDetailSchema = tolerantRecord('UserDetailDTO', userIdentityShape, {
  ...userFieldsShape,
  sipNum: z.string(),
  vmrList: tolerantList(userVmrSchema),
  deptName: z.string(),
  /** Only when users read their own details (published-behaviour.md section 2). */
  corp: corpBasicInfoSchema,
  /** Deprecated. */
  function: tolerantRecord('UserFunction', {}, { enableRoom: z.boolean() }),
  devType: userDevTypeSchema,
});
/** A user's details. */
export type UserDetail = z.infer<typeof userDetailSchema>;

// ---------------------------------------------------------------------------------------------------------
// U1 add, U4 update
// ---------------------------------------------------------------------------------------------------------

/**
 * `AddUserDTO` (U1). The client checks shapes only; the server also enforces the password rules, "phone needs
 * country" and "phone or email".
 */
export const addUserBodySchema = z.object({
  name: lineText().min(1).max(64),
  englishName: lineText().max(64).optional(),
  /** Meeting account; generated when absent. Unique system-wide. */
  account: meetingAccountSchema.optional(),
  /** Third-party userId (App ID integrations), unique in the enterprise. */
  thirdAccount: lineText().min(1).max(255).optional(),
  phone: userPhoneSchema.optional(),
  country: lineText().min(1).optional(),
  /** Initial password: 8-32 characters, at least two classes, not the account or its reverse. */
  pwd: lineText().min(8).max(32).optional(),
  email: z.string().max(255).optional(),
  /** Default `"1"` (root). */
  deptCode: lineText().max(32).optional(),
  signature: multiLineText().max(512).optional(),
  title: lineText().max(32).optional(),
  desc: multiLineText().max(128).optional(),
  /** 0 normal (default), 1 disabled. */
  status: flag().optional(),
  function: userFunctionSchema.optional(),
  /** `"0"`: do not send the account-opening email/SMS; anything else or absent: send. */
  sendNotify: z.string().max(32).optional(),
  /** Default 10000. */
  sortLevel: z.number().int().min(1).max(10_000).optional(),
  hidePhone: z.boolean().optional(),
});
/** Body of U1 add user. */
export type AddUserBody = z.infer<typeof addUserBodySchema>;

/** `ModUserDTO` (U4): every field optional. */
export const modUserBodySchema = z.object({
  name: lineText().min(1).max(64).optional(),
  englishName: lineText().max(64).optional(),
  phone: userPhoneSchema.optional(),
  country: lineText().min(1).optional(),
  email: z.string().max(255).optional(),
  /** Personal meeting ID. */
  vmrId: z.string().min(1).max(32).optional(),
  deptCode: lineText().max(32).optional(),
  signature: multiLineText().max(512).optional(),
  title: lineText().max(32).optional(),
  desc: multiLineText().max(128).optional(),
  status: flag().optional(),
  sortLevel: z.number().int().min(1).max(10_000).optional(),
  hidePhone: z.boolean().optional(),
});
/** Body of U4 update user. */
export type ModUserBody = z.infer<typeof modUserBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// U2 search users
// ---------------------------------------------------------------------------------------------------------

/** Fields U2 can sort by. */
export const userSortFieldSchema = z.enum([
  'userType',
  'adminType',
  'ldapAccount',
  'deptCode',
  'status',
  'sortLevel',
]);

/** A repeated integer query key (`userType=2&userType=12`); one value arrives as a plain string. */
const queryIntArray = () =>
  z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? v : [v]), z.array(queryInt()).min(1));

/** Query of U2 search users. */
export const searchUsersQuerySchema = z.object({
  ...pagingQuery,
  /** Fuzzy on name, phone, email, account and third-party account. */
  searchKey: lineText().max(128).optional(),
  sortField: userSortFieldSchema.optional(),
  isAsc: queryBool().optional(),
  /** Omitted: every department. */
  deptCode: lineText().max(32).optional(),
  /** Include sub-departments (default true). */
  enableSubDept: queryBool().optional(),
  /** 1 administrators, 2 non-administrators. */
  adminType: queryInt()
    .pipe(z.union([z.literal(1), z.literal(2)]))
    .optional(),
  /** Deprecated. */
  enableRoom: queryBool().optional(),
  /** Default [2]: 2 normal, 12 Vision, 13 IdeaHub, 14 SmartRooms. UNVERIFIED: sent as a repeated query key. */
  userType: queryIntArray().optional(),
  /** 0 normal, 1 disabled; omitted: all. */
  status: queryInt().pipe(flag()).optional(),
  /** Include non-activated terminals (default false). */
  containsUnActive: queryBool().optional(),
});
/** Query of U2 search users. */
export type SearchUsersQuery = z.infer<typeof searchUsersQuerySchema>;

/** `SearchUserResultDTO`: one item of U2 (no `sipNum`, `deptName`, `vmrList`, `corp`). */
export const searchUserResultSchema = tolerantRecord('SearchUserResultDTO', userIdentityShape, {
  ...userFieldsShape,
  /** Personal meeting ID. */
  vmrId: z.string(),
  activeCodeExpireTime: z.number().int(),
  expireTime: z.number().int(),
  activeCode: z.string(),
});
/** One user of a U2 page. */
export type SearchUserResult = z.infer<typeof searchUserResultSchema>;

/** A U2 page. */
export const searchUsersPageSchema = pageOf(searchUserResultSchema);
/** A U2 page. */
export type SearchUsersPage = z.infer<typeof searchUsersPageSchema>;

// ---------------------------------------------------------------------------------------------------------
// U5 delete, U6 status, U7 invite
// ---------------------------------------------------------------------------------------------------------

/** Body of U5/U6: accounts or third-party userIds, as `accountType` says. */
export const accountListBodySchema = z.array(lineText().min(1).max(255)).min(1);
/** Body of U5/U6. */
export type AccountListBody = z.infer<typeof accountListBodySchema>;

/** Path parameter of U6: `0` enable, `1` disable. */
export const userStatusParamsSchema = z.object({ value: queryInt().pipe(flag()) });

/** Body of U7 invite user. */
export const inviteUserBodySchema = z.object({
  name: lineText().min(1).max(64),
  /** Phone (`+<country code><digits>`) or email, detected by the server; international site: email only. */
  contact: lineText().min(1).max(255),
  deptCode: lineText().max(32).optional(),
  // UNVERIFIED: the docs list these four, the SDK model does not; accepted as optional.
  /** Country key of a phone contact (default `chinaPR`). */
  country: lineText().min(1).optional(),
  desc: multiLineText().max(128).optional(),
  sortLevel: z.number().int().min(1).max(10_000).optional(),
  title: lineText().max(32).optional(),
});
/** Body of U7 invite user. */
export type InviteUserBody = z.infer<typeof inviteUserBodySchema>;

/** Answer of U7: whether the contact already had an account. */
export const inviteUserResponseSchema = tolerantRecord('InviteUserResponse', {}, { userExist: z.boolean() });
/** Answer of U7. */
export type InviteUserResponse = z.infer<typeof inviteUserResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// U8 directory, U9 batch details
// ---------------------------------------------------------------------------------------------------------

/** `searchScope` of U8. */
export const directoryScopeSchema = z.enum(['ALL', 'NORMAL_USER', 'HARD_TERMINAL']);

/** Query of U8 search corporate directory. */
export const searchCorpDirQuerySchema = z.object({
  ...pagingQuery,
  /** Fuzzy on account, SIP number, name, phone and email. */
  searchKey: lineText().max(128).optional(),
  deptCode: lineText().max(32).optional(),
  /** Include sub-departments (default true). */
  querySubDept: queryBool().optional(),
  /** Default `ALL`; `HARD_TERMINAL` also returns whiteboards. */
  searchScope: directoryScopeSchema.optional(),
});
/** Query of U8. */
export type SearchCorpDirQuery = z.infer<typeof searchCorpDirQuerySchema>;

/** `UserDTO`: a directory entry (U8) or a batch lookup result (U9). */
export const userDtoSchema = tolerantRecord(
  'UserDTO',
  {},
  {
    id: z.string(),
    /** Batch lookups: 0 found and changed, 1 found unchanged (only `id`), 2 not found, 3 no permission. */
    statusCode: z.number().int(),
    account: z.string(),
    name: z.string(),
    englishName: z.string(),
    email: z.string(),
    phone: z.string(),
    deptName: z.string(),
    /** SIP number: what meeting attendees' `phone` expects. */
    number: z.string(),
    updateTime: z.number().int(),
    /** Deprecated. */
    isHardTerminal: z.boolean(),
    vmrId: z.string(),
    signature: z.string(),
    title: z.string(),
    description: z.string(),
    hidePhone: z.boolean(),
    /** `NORMAL_USER`, `HARD_TERMINAL`, `WHITE_BOARD` or `HW_VISION_MEMBER` (open: new kinds may appear). */
    type: z.string(),
    deptCodes: z.array(z.string()),
  },
);
/** A directory entry. */
export type UserDto = z.infer<typeof userDtoSchema>;

/** A U8 page. */
export const corpDirPageSchema = pageOf(userDtoSchema);
/** A U8 page. */
export type CorpDirPage = z.infer<typeof corpDirPageSchema>;

/** Query of U9: how the ids of the body are read; mandatory (published-behaviour.md section 2). */
export const batchShowUserDetailsQuerySchema = z.object({
  idType: z.enum(['USER_ID', 'THIRD_ACCOUNT']),
});
/** Query of U9. */
export type BatchShowUserDetailsQuery = z.infer<typeof batchShowUserDetailsQuerySchema>;

/** Most users one U9 lookup may name (published-behaviour.md section 2). */
export const MAX_BATCH_USER_DETAILS = 200;

/** Body of U9: the users to look up, 1 to {@link MAX_BATCH_USER_DETAILS}. */
export const batchShowUserDetailsBodySchema = z
  .array(z.object({ id: z.string().min(1).max(255) }))
  .min(1)
  .max(MAX_BATCH_USER_DETAILS);
/** Body of U9. */
export type BatchShowUserDetailsBody = z.infer<typeof batchShowUserDetailsBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// U10 my info
// ---------------------------------------------------------------------------------------------------------

/** `ModMemberDTO`: what a user may change of themself (U10 PUT). */
export const modMemberBodySchema = z.object({
  name: z.string().min(1).max(64),
  englishName: z.string().max(64).optional(),
  signature: z.string().max(512).optional(),
  title: z.string().max(32).optional(),
  desc: z.string().max(128).optional(),
});
/** Body of U10 update my info. */
export type ModMemberBody = z.infer<typeof modMemberBodySchema>;

// ---------------------------------------------------------------------------------------------------------
// Operations
// ---------------------------------------------------------------------------------------------------------

/** U1: add an enterprise user (administrator). */
export const addUser = defineOperation({
  name: 'addUser',
  area: 'users',
  method: 'POST',
  path: '/v1/usg/dcs/corp/member',
  auth: 'access',
  body: addUserBodySchema,
  response: userDetailSchema,
  idempotent: false,
});

/** U2: search enterprise users, paged. */
export const searchUsers = defineOperation({
  name: 'searchUsers',
  area: 'users',
  method: 'GET',
  path: '/v1/usg/dcs/corp/member',
  auth: 'access',
  query: searchUsersQuerySchema,
  response: searchUsersPageSchema,
  idempotent: true,
});

/** U3: one user's details, by Meeting account or third-party userId. */
export const showUserDetail = defineOperation({
  name: 'showUserDetail',
  area: 'users',
  method: 'GET',
  path: '/v1/usg/dcs/corp/member/{account}',
  auth: 'access',
  params: accountParamsSchema,
  query: accountTypeQuerySchema,
  response: userDetailSchema,
  idempotent: true,
});

/** U4: update a user (administrator). */
export const updateUser = defineOperation({
  name: 'updateUser',
  area: 'users',
  method: 'PUT',
  path: '/v1/usg/dcs/corp/member/{account}',
  auth: 'access',
  params: accountParamsSchema,
  query: accountTypeQuerySchema,
  body: modUserBodySchema,
  response: userDetailSchema,
  idempotent: true,
});

/** U5: delete users (administrator); the body is a JSON array of accounts. */
export const batchDeleteUsers = defineOperation({
  name: 'batchDeleteUsers',
  area: 'users',
  method: 'POST',
  path: '/v1/usg/dcs/corp/member/delete',
  auth: 'access',
  query: accountTypeQuerySchema,
  body: accountListBodySchema,
  response: emptyResponse,
  // Deleting users already gone changes nothing, so a resend is safe.
  idempotent: true,
});

/** U6: enable (`0`) or disable (`1`) users (administrator). */
export const batchUpdateUserStatus = defineOperation({
  name: 'batchUpdateUserStatus',
  area: 'users',
  method: 'PUT',
  path: '/v1/usg/dcs/corp/member/status/{value}',
  auth: 'access',
  params: userStatusParamsSchema,
  query: accountTypeQuerySchema,
  body: accountListBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** U7: invite a user by phone or email (administrator). */
export const inviteUser = defineOperation({
  name: 'inviteUser',
  area: 'users',
  method: 'POST',
  path: '/v1/usg/dcs/corp/member/add',
  auth: 'access',
  body: inviteUserBodySchema,
  response: inviteUserResponseSchema,
  idempotent: false,
});

/** U8: search the corporate directory, paged. */
export const searchCorpDir = defineOperation({
  name: 'searchCorpDir',
  area: 'users',
  method: 'GET',
  path: '/v1/usg/abs/users',
  auth: 'access',
  query: searchCorpDirQuerySchema,
  response: corpDirPageSchema,
  idempotent: true,
});

/** U9: details of several users at once (a read, sent as POST). */
export const batchShowUserDetails = defineOperation({
  name: 'batchShowUserDetails',
  area: 'users',
  method: 'POST',
  path: '/v1/usg/abs/users/list',
  auth: 'access',
  query: batchShowUserDetailsQuerySchema,
  body: batchShowUserDetailsBodySchema,
  response: tolerantList(userDtoSchema),
  idempotent: true,
});

/** U10 GET: the caller's own details. */
export const showMyInfo = defineOperation({
  name: 'showMyInfo',
  area: 'users',
  method: 'GET',
  path: '/v1/usg/dcs/member',
  auth: 'access',
  response: userDetailSchema,
  idempotent: true,
});

/** U10 PUT: change the caller's own names, signature, title and remark. */
export const updateMyInfo = defineOperation({
  name: 'updateMyInfo',
  area: 'users',
  method: 'PUT',
  path: '/v1/usg/dcs/member',
  auth: 'access',
  body: modMemberBodySchema,
  response: emptyResponse,
  idempotent: true,
});

/** Every user and directory operation. */
export const userOperations = {
  addUser,
  searchUsers,
  showUserDetail,
  updateUser,
  batchDeleteUsers,
  batchUpdateUserStatus,
  inviteUser,
  searchCorpDir,
  batchShowUserDetails,
  showMyInfo,
  updateMyInfo,
} as const;
