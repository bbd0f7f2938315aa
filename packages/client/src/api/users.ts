import type { CallOptions, ClientCore } from '../core.js';
import {
  type AddUserBody,
  addUser,
  batchDeleteUsers,
  batchShowUserDetails,
  batchUpdateUserStatus,
  type CorpDirPage,
  type InviteUserBody,
  type InviteUserResponse,
  inviteUser,
  type ModMemberBody,
  type ModUserBody,
  type SearchCorpDirQuery,
  type SearchUsersPage,
  type SearchUsersQuery,
  searchCorpDir,
  searchUsers,
  showMyInfo,
  showUserDetail,
  type UserDetail,
  type UserDto,
  updateMyInfo,
  updateUser,
} from '../wire/users.js';

/** How an account string names a user: its Meeting account, or its third-party userId (App ID integrations). */
export interface AccountLookup {
  /** `account` (default, `accountType=0`) or `thirdAccount` (`accountType=1`). */
  by?: 'account' | 'thirdAccount' | undefined;
}

/** How the ids of a batch lookup name users: user UUIDs or third-party userIds. */
export interface UserIdLookup {
  /** `userId` (default, `idType=USER_ID`) or `thirdAccount` (`idType=THIRD_ACCOUNT`). */
  by?: 'userId' | 'thirdAccount' | undefined;
}

/** The published `accountType` of a lookup. */
function accountType(lookup: AccountLookup): 0 | 1 {
  return lookup.by === 'thirdAccount' ? 1 : 0;
}

/** Enterprise users, the corporate directory and the caller's own profile (rest-api.md section 4). */
export class UsersApi {
  constructor(private readonly core: ClientCore) {}

  /** U1: adds an enterprise user (administrator) and answers its details. */
  add(user: AddUserBody, options?: CallOptions): Promise<UserDetail> {
    return this.core.call(addUser, { body: user }, options);
  }

  /** U2: one page of enterprise users, filtered and sorted as the query says. */
  list(query: SearchUsersQuery = {}, options?: CallOptions): Promise<SearchUsersPage> {
    return this.core.call(searchUsers, { query }, options);
  }

  /** U3: one user's details. */
  get(account: string, lookup: AccountLookup = {}, options?: CallOptions): Promise<UserDetail> {
    return this.core.call(
      showUserDetail,
      { params: { account }, query: { accountType: accountType(lookup) } },
      options,
    );
  }

  /** U4: changes a user (administrator) and answers the new details. */
  update(
    account: string,
    changes: ModUserBody,
    lookup: AccountLookup = {},
    options?: CallOptions,
  ): Promise<UserDetail> {
    return this.core.call(
      updateUser,
      { params: { account }, query: { accountType: accountType(lookup) }, body: changes },
      options,
    );
  }

  /** U5: deletes users (administrator); their tokens stop working. */
  async delete(accounts: string[], lookup: AccountLookup = {}, options?: CallOptions): Promise<void> {
    await this.core.call(
      batchDeleteUsers,
      { query: { accountType: accountType(lookup) }, body: accounts },
      options,
    );
  }

  /** U6: enables or disables users (administrator); disabled users cannot log in. */
  async setStatus(
    accounts: string[],
    status: 'enabled' | 'disabled',
    lookup: AccountLookup = {},
    options?: CallOptions,
  ): Promise<void> {
    await this.core.call(
      batchUpdateUserStatus,
      {
        params: { value: status === 'disabled' ? 1 : 0 },
        query: { accountType: accountType(lookup) },
        body: accounts,
      },
      options,
    );
  }

  /** U7: invites a person by phone or email (administrator); `userExist` tells whether they had an account. */
  invite(invitation: InviteUserBody, options?: CallOptions): Promise<InviteUserResponse> {
    return this.core.call(inviteUser, { body: invitation }, options);
  }

  /** U8: one page of the corporate directory (any member may search). */
  searchDirectory(query: SearchCorpDirQuery = {}, options?: CallOptions): Promise<CorpDirPage> {
    return this.core.call(searchCorpDir, { query }, options);
  }

  /** U9: directory entries of several users; each answer's `statusCode` is 0 found or 2 not found. */
  lookup(ids: string[], lookup: UserIdLookup = {}, options?: CallOptions): Promise<UserDto[]> {
    return this.core.call(
      batchShowUserDetails,
      {
        query: { idType: lookup.by === 'thirdAccount' ? 'THIRD_ACCOUNT' : 'USER_ID' },
        body: ids.map((id) => ({ id })),
      },
      options,
    );
  }

  /** U10 GET: the details of the calling user. */
  me(options?: CallOptions): Promise<UserDetail> {
    return this.core.call(showMyInfo, {}, options);
  }

  /** U10 PUT: changes the calling user's names, signature, title and remark. */
  async updateMe(changes: ModMemberBody, options?: CallOptions): Promise<void> {
    await this.core.call(updateMyInfo, { body: changes }, options);
  }
}
