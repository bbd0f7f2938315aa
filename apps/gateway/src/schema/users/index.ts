import { type ClientLoginSigner, clientLoginResolvers, clientLoginTypeDefs } from './clientLogin.js';
import { departmentMutationResolvers, departmentMutationTypeDefs } from './departmentMutations.js';
import { departmentResolvers, departmentTypeDefs } from './departments.js';
import { directoryResolvers, directoryTypeDefs } from './directory.js';
import { userResolvers, userTypeDefs } from './user.js';
import { userMutationResolvers, userMutationTypeDefs } from './userMutations.js';

export type { ClientLoginSigner };

/** Users: the User type and its queries, user administration, the directory, departments, client logins. */
export const userAreaTypeDefs = [
  userTypeDefs,
  userMutationTypeDefs,
  directoryTypeDefs,
  departmentTypeDefs,
  departmentMutationTypeDefs,
  clientLoginTypeDefs,
];

/** The users area's resolvers; without a signer (no App ID credentials) issueClientLogin is refused. */
export function userAreaResolvers(signClientLogin: ClientLoginSigner | undefined) {
  return [
    userResolvers(),
    userMutationResolvers(),
    directoryResolvers(),
    departmentResolvers(),
    departmentMutationResolvers(),
    clientLoginResolvers(signClientLogin),
  ];
}
