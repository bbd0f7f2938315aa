/** Why the console went back to the sign-in page. */
export type SignOutReason = 'signed-out' | 'invalid-token' | 'expired-token';

/** What the sign-in page says for each reason. */
export const signOutMessage: Record<SignOutReason, string | undefined> = {
  'signed-out': undefined,
  'invalid-token': 'The gateway refused the token: it is not valid. Sign in again.',
  'expired-token': 'The gateway ended the session: the token has expired (or was refused). Sign in again.',
};

/**
 * The reason a graphql-ws close code gives, or undefined when it is not about the token. The gateway closes
 * with 4401 for a token that is not valid and 4403 for one that expired (older gateways: 4403 for both).
 */
export function signOutReasonOfClose(code: number): SignOutReason | undefined {
  if (code === 4401) return 'invalid-token';
  if (code === 4403) return 'expired-token';
  return undefined;
}
