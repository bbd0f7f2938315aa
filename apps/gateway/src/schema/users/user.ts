import type { SearchUserResult, UserDetail } from '@hwmeeting/client';
import { lineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';
import { pagedSearch, searchSchema } from '../common/listSearch.js';
import { connection, pageWindow } from '../common/paging.js';
import { departmentCodeSchema, partialDepartment } from './departments.js';
import { optionalString, phoneVisible } from './userFields.js';

/** Enterprise users (U1-U3, U10): the User type, me, user and users. */
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
  }
`;

/** A user as U2 lists or U1/U3/U4/U10 describe them. */
type UserRecord = UserDetail | SearchUserResult;

/** `UserRole`: the upstream `adminType`. */
const userRole = wireEnum({ DEFAULT_ADMIN: 0, ADMIN: 1, MEMBER: 2 });
/** `UserStatus`: the upstream `status` (0 enabled). */
export const userStatus = wireEnum({ ENABLED: 0, DISABLED: 1 });
/** `UserKey`: how an argument names a user, as the upstream's `by`. */
export const userKey = wireEnum({ THIRD_ACCOUNT: 'thirdAccount', ACCOUNT: 'account' });
const userRefSchema = lineText().trim().min(1).max(255);
const keySchema = userKey.schema().default(userKey.of('THIRD_ACCOUNT'));
const statusSchema = userStatus.schema().nullish();

/** Builds the user queries and the User type's resolvers. */
export function userResolvers() {
  return {
    UserRole: userRole.values,
    UserStatus: userStatus.values,
    UserKey: userKey.values,
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
        return context.client.users.get(id, { by }, context.identity);
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
          departmentCode: parseInput(departmentCodeSchema.nullish(), args.departmentCode, 'departmentCode'),
          includeSubDepartments: parseInput(
            z.boolean().nullish(),
            args.includeSubDepartments,
            'includeSubDepartments',
          ),
          status: parseInput(statusSchema, args.status, 'status'),
        };
        const page = await context.client.users.list(
          {
            ...pagedSearch({ offset, limit }, filter.search),
            ...(filter.departmentCode ? { deptCode: filter.departmentCode } : {}),
            ...(filter.departmentCode && filter.includeSubDepartments != null
              ? { enableSubDept: filter.includeSubDepartments }
              : {}),
            ...(filter.status != null ? { status: filter.status } : {}),
          },
          context.identity,
        );
        // The upstream answers the last page for an offset beyond the end; a cursor past the end is empty.
        const past = page.offset !== offset;
        return connection(past ? [] : page.data, offset, page.count, past ? 0 : page.skipped);
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
      role: (u: UserRecord) => userRole.read(u.adminType),
      isAdmin: (u: UserRecord) => u.adminType === 0 || u.adminType === 1,
      status: (u: UserRecord) => userStatus.read(u.status),
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
  };
}
