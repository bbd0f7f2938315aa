import type { UserDto } from '@hwmeeting/client';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';
import { pagedSearch, searchSchema } from '../common/listSearch.js';
import { connection, pageWindow } from '../common/paging.js';
import { departmentCodeSchema, partialDepartment } from './departments.js';
import { optionalString, phoneVisible } from './userFields.js';

/** The corporate directory (U8), as any member may search it, and a meeting owner's entry (U9). */
export const directoryTypeDefs = /* GraphQL */ `
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


  extend type MeetingOwner {
    "The owner's directory entry; null when the viewer may not see it."
    profile: DirectoryEntry
  }

  extend type Query {
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
`;

/** `DirectoryEntryKind`: the entry's upstream `type`; OTHER for a type not published yet. */
const entryKind = wireEnum({
  USER: 'NORMAL_USER',
  HARD_TERMINAL: 'HARD_TERMINAL',
  WHITEBOARD: 'WHITE_BOARD',
  VISION_MEMBER: 'HW_VISION_MEMBER',
  OTHER: 'OTHER',
});
/** `DirectoryScope`: the upstream `searchScope`. */
const directoryScope = wireEnum({ ALL: 'ALL', USERS: 'NORMAL_USER', HARD_TERMINALS: 'HARD_TERMINAL' });
const scopeSchema = directoryScope.schema().nullish();

/** Builds the directory's resolvers. */
export function directoryResolvers() {
  return {
    DirectoryEntryKind: entryKind.values,
    DirectoryScope: directoryScope.values,
    Query: {
      async directory(
        _: unknown,
        args: { search?: string; first?: number; after?: string; departmentCode?: string; scope?: string },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const filter = {
          search: parseInput(searchSchema, args.search, 'search'),
          departmentCode: parseInput(departmentCodeSchema.nullish(), args.departmentCode, 'departmentCode'),
          scope: parseInput(scopeSchema, args.scope, 'scope'),
        };
        const page = await context.client.users.searchDirectory(
          {
            ...pagedSearch({ offset, limit }, filter.search),
            ...(filter.departmentCode ? { deptCode: filter.departmentCode } : {}),
            ...(filter.scope ? { searchScope: filter.scope } : {}),
          },
          context.identity,
        );
        return connection(page.data, offset, page.count, page.skipped);
      },
    },
    MeetingOwner: {
      async profile(owner: { id: string | null }, _: unknown, context: GatewayContext) {
        return owner.id ? context.loaders.userById.load(owner.id) : null;
      },
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
      kind: (e: UserDto) => (e.type ? entryKind.readOr(e.type, 'OTHER') : entryKind.of('USER')),
      updatedAt: (e: UserDto) => (e.updateTime ? new Date(e.updateTime) : null),
    },
  };
}
