import type {
  AddUserBody,
  InviteUserBody,
  ModUserBody,
  SearchUserResult,
  UserDetail,
  UserDto,
} from '@hwmeeting/client';
import { lineText, meetingAccountSchema, multiLineText, userPhoneSchema } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { parseInput } from '../errors.js';
import { connection, lookup, pageWindow } from './common.js';
import { partialDepartment } from './departments.js';

/** Enterprise users (U1-U7, U10), the corporate directory (U8) and the meeting owner's directory entry (U9). */
export const userTypeDefs = /* GraphQL */ `
  "Whether a user may log in."
  enum UserStatus {
    "The user may log in."
    ENABLED
    "The user is disabled: logins are refused and their sessions end."
    DISABLED
  }

  "What a user may administer."
  enum UserRole {
    "The enterprise's default (super) administrator."
    DEFAULT_ADMIN
    "An enterprise administrator."
    ADMIN
    "A member without administration rights."
    MEMBER
  }

  "How the id argument of a user query or mutation names users."
  enum UserKey {
    "The third-party user ID (what the gateway's tokens name as sub)."
    THIRD_ACCOUNT
    "The Meeting account (e.g. alice@demo)."
    ACCOUNT
  }

  "Which entries a directory search returns."
  enum DirectoryScope {
    "People and devices."
    ALL
    "People only."
    USERS
    "Hardware terminals and whiteboards."
    HARD_TERMINALS
  }

  "What a directory entry stands for."
  enum DirectoryEntryKind {
    "A person."
    USER
    "A hardware meeting terminal."
    HARD_TERMINAL
    "A whiteboard device."
    WHITEBOARD
    "A smart-screen (Vision) member."
    VISION_MEMBER
    "A kind this gateway does not know yet."
    OTHER
  }

  "An enterprise user, as administrators manage them."
  type User {
    "Upstream user UUID."
    id: ID!
    "Meeting account."
    account: String!
    "Third-party user ID (App ID integrations); the sub of the user's gateway tokens."
    thirdPartyId: String
    "Display name; null when the meeting server's record does not give one."
    name: String
    "English name."
    englishName: String
    "Email address."
    email: String
    "Mobile number with its country code; null when the user hides it from the viewer."
    phone: String
    "Country key of the phone number, e.g. chinaPR."
    country: String
    "The user hides their phone number from other members."
    hidePhone: Boolean!
    "The user's department."
    department: Department
    "What the user may administer."
    role: UserRole
    "The user is an enterprise administrator (default or not)."
    isAdmin: Boolean!
    "Whether the user may log in; null when the meeting server's record does not say (or says something this gateway does not know)."
    status: UserStatus
    "Job title."
    title: String
    "Personal signature."
    signature: String
    "Free-text remark."
    description: String
    "Personal meeting ID."
    personalMeetingId: String
    "SIP number (what meeting invitations by phone take); only in single-user answers."
    sipNumber: String
    "Directory order, lower first."
    sortLevel: Int
    "When the account was activated."
    activatedAt: DateTime
  }

  "One user in a list."
  type UserEdge {
    "Cursor of this user."
    cursor: String!
    "The user."
    node: User!
  }

  "A page of enterprise users."
  type UserConnection {
    "The users of this page."
    edges: [UserEdge!]!
    "Paging information."
    pageInfo: PageInfo!
    "Users matching the filters, on every page."
    totalCount: Int!
  }

  "An entry of the corporate directory, as any member may see it."
  type DirectoryEntry {
    "Upstream user UUID."
    id: ID
    "Meeting account."
    account: String
    "Display name."
    name: String
    "English name."
    englishName: String
    "Email address."
    email: String
    "Mobile number; null when the person hides it from the viewer."
    phone: String
    "The person hides their phone number."
    hidePhone: Boolean
    "Name of the entry's department."
    departmentName: String
    "The entry's department."
    department: Department
    "SIP number: what a meeting invitation by phone takes."
    sipNumber: String
    "Personal meeting ID."
    personalMeetingId: String
    "Job title."
    title: String
    "Personal signature."
    signature: String
    "Free-text remark."
    description: String
    "What the entry stands for."
    kind: DirectoryEntryKind!
    "Last change of the entry."
    updatedAt: DateTime
  }

  "One directory entry in a list."
  type DirectoryEntryEdge {
    "Cursor of this entry."
    cursor: String!
    "The entry."
    node: DirectoryEntry!
  }

  "A page of the corporate directory."
  type DirectoryEntryConnection {
    "The entries of this page."
    edges: [DirectoryEntryEdge!]!
    "Paging information."
    pageInfo: PageInfo!
    "Entries matching the search, on every page."
    totalCount: Int!
  }

  "What the invitation found."
  type InviteUserResult {
    "The contact already had an account (they confirm by SMS or email); false: an account was created or offered; null: the meeting server's answer does not say."
    alreadyRegistered: Boolean
  }

  "A user to create (administrators). Give an email, a phone with its country, or both."
  input CreateUserInput {
    "Display name, 1 to 64 characters."
    name: String!
    "English name."
    englishName: String
    "Meeting account (letters, digits, _ - . @; not digits only); generated when omitted."
    account: String
    "Third-party user ID (App ID integrations), unique in the enterprise."
    thirdPartyId: String
    "Mobile number: + then the country code and digits, e.g. +8613800000001."
    phone: String
    "Country key of the phone, e.g. chinaPR; required with phone."
    country: String
    "Email address."
    email: String
    "Initial password, 8 to 32 characters with at least two character classes; generated when omitted."
    initialPassword: String
    "Department code; the root department when omitted."
    departmentCode: String
    "Job title, at most 32 characters."
    title: String
    "Personal signature, at most 512 characters."
    signature: String
    "Free-text remark, at most 128 characters."
    description: String
    "Create the user enabled (default) or disabled."
    enabled: Boolean = true
    "Directory order, 1 to 10000 (default 10000)."
    sortLevel: Int
    "Hide the phone number from other members."
    hidePhone: Boolean
    "Send the account-opening email or SMS (default)."
    sendNotification: Boolean = true
  }

  "Changes to a user (administrators); absent fields keep their value."
  input UpdateUserInput {
    "New display name."
    name: String
    "New English name."
    englishName: String
    "New mobile number (+country code and digits); needs a country on the user."
    phone: String
    "Country key of the phone, e.g. chinaPR."
    country: String
    "New email address."
    email: String
    "New personal meeting ID (digits)."
    personalMeetingId: String
    "Moves the user to another department."
    departmentCode: String
    "New job title."
    title: String
    "New signature."
    signature: String
    "New remark."
    description: String
    "New directory order, 1 to 10000."
    sortLevel: Int
    "Hide or show the phone number to other members."
    hidePhone: Boolean
  }

  "A person to invite into the enterprise by phone or email (administrators)."
  input InviteUserInput {
    "Display name, 1 to 64 characters."
    name: String!
    "Email address, or mobile number as + then country code and digits (international sites: email only)."
    contact: String!
    "Department code; the root department when omitted."
    departmentCode: String
    "Country key of a phone contact (default chinaPR)."
    country: String
    "Job title, at most 32 characters."
    title: String
    "Free-text remark, at most 128 characters."
    description: String
    "Directory order, 1 to 10000."
    sortLevel: Int
  }

  extend type MeetingOwner {
    "The owner's directory entry; null when the viewer may not see it."
    profile: DirectoryEntry
  }

  extend type Query {
    "The calling user."
    me: User!
    "One enterprise user, by third-party ID (default) or Meeting account (administrators: the meeting server refuses members, FORBIDDEN; they have me and directory)."
    user("The user's third-party ID or Meeting account, as by says." id: ID!, "How id names the user." by: UserKey = THIRD_ACCOUNT): User
    "Enterprise users, in directory order (administrators: the meeting server refuses members, FORBIDDEN; they search the directory)."
    users(
      "Page size, 1 to 100."
      first: Int = 20
      "Cursor of the last user of the previous page."
      after: String
      "Matches name, phone, email, account and third-party ID."
      search: String
      "Only users of this department."
      departmentCode: String
      "With departmentCode: also the users of the departments below it."
      includeSubDepartments: Boolean = true
      "Only enabled or only disabled users."
      status: UserStatus
    ): UserConnection!
    "The corporate directory, as any member may search it."
    directory(
      "Matches account, SIP number, name, phone and email."
      search: String
      "Page size, 1 to 100."
      first: Int = 20
      "Cursor of the last entry of the previous page."
      after: String
      "Only entries of this department and the departments below it."
      departmentCode: String
      "People, devices or both."
      scope: DirectoryScope = ALL
    ): DirectoryEntryConnection!
  }

  extend type Mutation {
    "Creates an enterprise user (administrators)."
    createUser("The user to create." input: CreateUserInput!): User!
    "Changes an enterprise user (administrators)."
    updateUser(
      "The user's third-party ID or Meeting account, as by says."
      id: ID!
      "How id names the user."
      by: UserKey = THIRD_ACCOUNT
      "The changes."
      input: UpdateUserInput!
    ): User!
    "Deletes users (administrators); their sessions end. All or none: one unknown user refuses the whole batch (NOT_FOUND) and nobody is deleted."
    deleteUsers(
      "The users (at most 100), as by says."
      ids: [ID!]!
      "How ids name the users."
      by: UserKey = THIRD_ACCOUNT
    ): Boolean!
    "Enables or disables users (administrators); disabled users cannot log in. One unknown user refuses all."
    setUsersEnabled(
      "The users (at most 100), as by says."
      ids: [ID!]!
      "True enables, false disables."
      enabled: Boolean!
      "How ids name the users."
      by: UserKey = THIRD_ACCOUNT
    ): Boolean!
    "Invites a person by phone or email (administrators)."
    inviteUser("Who to invite." input: InviteUserInput!): InviteUserResult!
  }
`;

/** A user as U2 lists or U1/U3/U4/U10 describe them. */
type UserRecord = UserDetail | SearchUserResult;

const ROLE: Record<number, string> = { 0: 'DEFAULT_ADMIN', 1: 'ADMIN', 2: 'MEMBER' };
const STATUS: Record<number, string> = { 0: 'ENABLED', 1: 'DISABLED' };
const KIND: Record<string, string> = {
  NORMAL_USER: 'USER',
  HARD_TERMINAL: 'HARD_TERMINAL',
  WHITE_BOARD: 'WHITEBOARD',
  HW_VISION_MEMBER: 'VISION_MEMBER',
};
const SCOPE = { ALL: 'ALL', USERS: 'NORMAL_USER', HARD_TERMINALS: 'HARD_TERMINAL' } as const;
const LOOKUP = { THIRD_ACCOUNT: 'thirdAccount', ACCOUNT: 'account' } as const;

const textSchema = (max: number) => lineText().trim().max(max);
/** Remarks and signatures, which the meeting server shows on several lines. */
const multiLineSchema = (max: number) => multiLineText().trim().max(max);
const nameSchema = lineText().trim().min(1).max(64);
const userRefSchema = lineText().trim().min(1).max(255);
const keySchema = z.enum(['THIRD_ACCOUNT', 'ACCOUNT']).default('THIRD_ACCOUNT');
const refsSchema = z.array(userRefSchema).min(1).max(100);
const deptCodeSchema = lineText().trim().min(1).max(32);
const countrySchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,32}$/, { error: 'must be a country key such as chinaPR' });
const emailSchema = z.email().max(255);
const sortLevelSchema = z.number().int().min(1).max(10_000);
const searchSchema = lineText().trim().min(1).max(128).nullish();

const createSchema = z
  .object({
    name: nameSchema,
    englishName: textSchema(64).nullish(),
    account: meetingAccountSchema.nullish(),
    thirdPartyId: userRefSchema.nullish(),
    phone: userPhoneSchema.nullish(),
    country: countrySchema.nullish(),
    email: emailSchema.nullish(),
    initialPassword: lineText().min(8).max(32).nullish(),
    departmentCode: deptCodeSchema.nullish(),
    title: textSchema(32).nullish(),
    signature: multiLineSchema(512).nullish(),
    description: multiLineSchema(128).nullish(),
    enabled: z.boolean().default(true),
    sortLevel: sortLevelSchema.nullish(),
    hidePhone: z.boolean().nullish(),
    sendNotification: z.boolean().default(true),
  })
  .superRefine((input, context) => {
    if (input.phone && !input.country)
      context.addIssue({ code: 'custom', path: ['country'], message: 'is required with phone' });
    if (!input.phone && !input.email)
      context.addIssue({ code: 'custom', path: ['email'], message: 'give an email or a phone' });
  });

const updateSchema = z
  .object({
    name: nameSchema.nullish(),
    englishName: textSchema(64).nullish(),
    phone: userPhoneSchema.nullish(),
    country: countrySchema.nullish(),
    email: emailSchema.nullish(),
    personalMeetingId: z
      .string()
      .regex(/^\d{1,32}$/, { error: 'must be digits' })
      .nullish(),
    departmentCode: deptCodeSchema.nullish(),
    title: textSchema(32).nullish(),
    signature: multiLineSchema(512).nullish(),
    description: multiLineSchema(128).nullish(),
    sortLevel: sortLevelSchema.nullish(),
    hidePhone: z.boolean().nullish(),
  })
  .refine((input) => Object.values(input).some((value) => value != null), {
    error: 'give at least one change',
  });

const inviteSchema = z.object({
  name: nameSchema,
  contact: z
    .string()
    .trim()
    .min(1)
    .max(255)
    .refine((v) => emailSchema.safeParse(v).success || userPhoneSchema.safeParse(v).success, {
      error: 'must be an email address or + then the country code and digits',
    }),
  departmentCode: deptCodeSchema.nullish(),
  country: countrySchema.nullish(),
  title: textSchema(32).nullish(),
  description: multiLineSchema(128).nullish(),
  sortLevel: sortLevelSchema.nullish(),
});

const statusSchema = z.enum(['ENABLED', 'DISABLED']).nullish();
const scopeSchema = z.enum(['ALL', 'USERS', 'HARD_TERMINALS']).nullish();

/** Copies the set (non-null) values of `source` to `target` under the upstream's names. */
function assignSet<T extends object>(target: T, entries: [keyof T, unknown][]): T {
  for (const [key, value] of entries) if (value != null) (target as Record<keyof T, unknown>)[key] = value;
  return target;
}

/**
 * Whether the viewer may see a phone number. Administrators see them (they set them, and U2/U3 answer them to
 * administrators anyway); members see only their own when the owner hides it.
 */
async function phoneVisible(
  hidePhone: boolean | undefined,
  owner: { id?: string | undefined; thirdAccount?: unknown },
  context: GatewayContext,
): Promise<boolean> {
  if (!hidePhone || context.viewer.isAdmin) return true;
  if (owner.thirdAccount === context.viewer.userId) return true;
  return owner.id !== undefined && owner.id === (await context.upstreamUserId());
}

function optionalString(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Builds the user and directory resolvers. */
export function userResolvers() {
  return {
    Query: {
      async me(_: unknown, __: unknown, context: GatewayContext) {
        // Administrators act upstream as the enterprise administrator, so "my info" (U10) would describe that
        // identity; their own user is looked up by their third-party ID instead.
        if (context.viewer.isAdmin) {
          return context.client.users.get(context.viewer.userId, { by: 'thirdAccount' }, context.identity);
        }
        return context.client.users.me(context.identity);
      },
      async user(_: unknown, args: { id: string; by?: string }, context: GatewayContext) {
        const id = parseInput(userRefSchema, args.id, 'id');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        return context.client.users.get(id, { by: LOOKUP[by] }, context.identity);
      },
      async users(
        _: unknown,
        args: {
          first?: number;
          after?: string;
          search?: string;
          departmentCode?: string;
          includeSubDepartments?: boolean;
          status?: string;
        },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const filter = {
          search: parseInput(searchSchema, args.search, 'search'),
          departmentCode: parseInput(deptCodeSchema.nullish(), args.departmentCode, 'departmentCode'),
          includeSubDepartments: parseInput(
            z.boolean().nullish(),
            args.includeSubDepartments,
            'includeSubDepartments',
          ),
          status: parseInput(statusSchema, args.status, 'status'),
        };
        const page = await context.client.users.list(
          {
            offset,
            limit,
            ...(filter.search ? { searchKey: filter.search } : {}),
            ...(filter.departmentCode ? { deptCode: filter.departmentCode } : {}),
            ...(filter.departmentCode && filter.includeSubDepartments != null
              ? { enableSubDept: filter.includeSubDepartments }
              : {}),
            ...(filter.status ? { status: filter.status === 'DISABLED' ? 1 : 0 } : {}),
          },
          context.identity,
        );
        // The upstream answers the last page for an offset beyond the end; a cursor past the end is empty.
        const past = page.offset !== offset;
        return connection(past ? [] : page.data, offset, page.count, past ? 0 : page.skipped);
      },
      async directory(
        _: unknown,
        args: { search?: string; first?: number; after?: string; departmentCode?: string; scope?: string },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const filter = {
          search: parseInput(searchSchema, args.search, 'search'),
          departmentCode: parseInput(deptCodeSchema.nullish(), args.departmentCode, 'departmentCode'),
          scope: parseInput(scopeSchema, args.scope, 'scope'),
        };
        const page = await context.client.users.searchDirectory(
          {
            offset,
            limit,
            ...(filter.search ? { searchKey: filter.search } : {}),
            ...(filter.departmentCode ? { deptCode: filter.departmentCode } : {}),
            ...(filter.scope ? { searchScope: SCOPE[filter.scope] } : {}),
          },
          context.identity,
        );
        return connection(page.data, offset, page.count, page.skipped);
      },
    },
    Mutation: {
      async createUser(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        const body = assignSet<AddUserBody>({ name: input.name }, [
          ['englishName', input.englishName],
          ['account', input.account],
          ['thirdAccount', input.thirdPartyId],
          ['phone', input.phone],
          ['country', input.country],
          ['email', input.email],
          ['pwd', input.initialPassword],
          ['deptCode', input.departmentCode],
          ['title', input.title],
          ['signature', input.signature],
          ['desc', input.description],
          ['sortLevel', input.sortLevel],
          ['hidePhone', input.hidePhone],
          ['status', input.enabled ? 0 : 1],
          ['sendNotify', input.sendNotification ? undefined : '0'],
        ]);
        return context.client.users.add(body, context.identity);
      },
      async updateUser(
        _: unknown,
        args: { id: string; by?: string; input: unknown },
        context: GatewayContext,
      ) {
        const id = parseInput(userRefSchema, args.id, 'id');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        const input = parseInput(updateSchema, args.input, 'input');
        const changes = assignSet<ModUserBody>({}, [
          ['name', input.name],
          ['englishName', input.englishName],
          ['phone', input.phone],
          ['country', input.country],
          ['email', input.email],
          ['vmrId', input.personalMeetingId],
          ['deptCode', input.departmentCode],
          ['title', input.title],
          ['signature', input.signature],
          ['desc', input.description],
          ['sortLevel', input.sortLevel],
          ['hidePhone', input.hidePhone],
        ]);
        return context.client.users.update(id, changes, { by: LOOKUP[by] }, context.identity);
      },
      async deleteUsers(_: unknown, args: { ids: string[]; by?: string }, context: GatewayContext) {
        const ids = parseInput(refsSchema, args.ids, 'ids');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        await context.client.users.delete(ids, { by: LOOKUP[by] }, context.identity);
        return true;
      },
      async setUsersEnabled(
        _: unknown,
        args: { ids: string[]; enabled: boolean; by?: string },
        context: GatewayContext,
      ) {
        const ids = parseInput(refsSchema, args.ids, 'ids');
        const by = parseInput(keySchema, args.by ?? undefined, 'by');
        await context.client.users.setStatus(
          ids,
          args.enabled ? 'enabled' : 'disabled',
          { by: LOOKUP[by] },
          context.identity,
        );
        return true;
      },
      async inviteUser(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(inviteSchema, args.input, 'input');
        const body = assignSet<InviteUserBody>({ name: input.name, contact: input.contact }, [
          ['deptCode', input.departmentCode],
          ['country', input.country],
          ['title', input.title],
          ['desc', input.description],
          ['sortLevel', input.sortLevel],
        ]);
        const answer = await context.client.users.invite(body, context.identity);
        return { alreadyRegistered: answer.userExist ?? null };
      },
    },
    MeetingOwner: {
      async profile(owner: { id: string | null }, _: unknown, context: GatewayContext) {
        return owner.id ? context.loaders.userById.load(owner.id) : null;
      },
    },
    User: {
      id: (u: UserRecord) => u.id,
      account: (u: UserRecord) => u.userAccount,
      thirdPartyId: (u: UserRecord) => optionalString(u.thirdAccount),
      name: (u: UserRecord) => u.name ?? null,
      englishName: (u: UserRecord) => optionalString(u.englishName),
      email: (u: UserRecord) => optionalString(u.email),
      async phone(u: UserRecord, _: unknown, context: GatewayContext) {
        return (await phoneVisible(u.hidePhone, u, context)) ? optionalString(u.phone) : null;
      },
      country: (u: UserRecord) => optionalString(u.country),
      hidePhone: (u: UserRecord) => u.hidePhone ?? false,
      department: (u: UserRecord) =>
        u.deptCode
          ? partialDepartment(u.deptCode, {
              ...(typeof u.deptName === 'string' ? { deptName: u.deptName } : {}),
              ...(u.deptNamePath ? { deptNamePath: u.deptNamePath } : {}),
            })
          : null,
      role: (u: UserRecord) => lookup(ROLE, u.adminType),
      isAdmin: (u: UserRecord) => u.adminType === 0 || u.adminType === 1,
      status: (u: UserRecord) => lookup(STATUS, u.status),
      title: (u: UserRecord) => optionalString(u.title),
      signature: (u: UserRecord) => optionalString(u.signature),
      description: (u: UserRecord) => optionalString(u.desc),
      personalMeetingId: (u: UserRecord) =>
        optionalString(u.vmrId) ??
        optionalString((u as UserDetail).vmrList?.find((vmr) => vmr.vmrMode === 0)?.vmrId),
      sipNumber: (u: UserRecord) => optionalString(u.sipNum),
      sortLevel: (u: UserRecord) => u.sortLevel ?? null,
      activatedAt: (u: UserRecord) => (u.activeTime ? new Date(u.activeTime) : null),
    },
    DirectoryEntry: {
      id: (e: UserDto) => e.id ?? null,
      account: (e: UserDto) => optionalString(e.account),
      name: (e: UserDto) => optionalString(e.name),
      englishName: (e: UserDto) => optionalString(e.englishName),
      email: (e: UserDto) => optionalString(e.email),
      async phone(e: UserDto, _: unknown, context: GatewayContext) {
        return (await phoneVisible(e.hidePhone, e, context)) ? optionalString(e.phone) : null;
      },
      hidePhone: (e: UserDto) => e.hidePhone ?? null,
      departmentName: (e: UserDto) => optionalString(e.deptName),
      department: (e: UserDto) => {
        const code = e.deptCodes?.[0];
        return code ? partialDepartment(code, e.deptName ? { deptName: e.deptName } : {}) : null;
      },
      sipNumber: (e: UserDto) => optionalString(e.number),
      personalMeetingId: (e: UserDto) => optionalString(e.vmrId),
      title: (e: UserDto) => optionalString(e.title),
      signature: (e: UserDto) => optionalString(e.signature),
      description: (e: UserDto) => optionalString(e.description),
      kind: (e: UserDto) => (e.type ? (lookup(KIND, e.type) ?? 'OTHER') : 'USER'),
      updatedAt: (e: UserDto) => (e.updateTime ? new Date(e.updateTime) : null),
    },
  };
}
