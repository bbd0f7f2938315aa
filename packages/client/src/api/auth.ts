import type { SignAppAuthOptions } from '@hwmeeting/signer';
import type { ClientCore } from '../core.js';
import type { CachedToken } from '../tokens/access.js';
import type { AuthCallOptions } from '../tokens/logins.js';
import * as logins from '../tokens/logins.js';
import type { AccessTokenResponse } from '../wire/auth.js';

/**
 * The authentication calls as a client area. `loginWithAppId`/`loginWithAccount` are raw logins that bypass the
 * token cache; everyday calls get their tokens from the cache through {@link AuthApi.token}.
 */
export class AuthApi {
  constructor(private readonly core: ClientCore) {}

  /** The cached access token of an identity (logging in or refreshing only when needed). */
  token(userId?: string, options: AuthCallOptions = {}): Promise<CachedToken> {
    return this.core.tokens.token(userId, options.signal);
  }

  /** A1: App ID login with these signing options; not cached. */
  loginWithAppId(
    sign: Omit<SignAppAuthOptions, 'nonce'>,
    options?: AuthCallOptions,
  ): Promise<AccessTokenResponse> {
    return logins.loginWithAppId(this.core.transport, sign, options);
  }

  /** A2: account/password login; not cached. */
  loginWithAccount(
    account: string,
    password: string,
    options?: AuthCallOptions,
  ): Promise<AccessTokenResponse> {
    return logins.loginWithAccount(this.core.transport, account, password, options);
  }

  /** A3: validates a token, optionally issuing a new one. */
  validate(
    body: { token: string; needGenNewToken?: boolean; needAccountInfo?: boolean },
    options?: AuthCallOptions,
  ): Promise<AccessTokenResponse> {
    return logins.validateToken(this.core.transport, body, options);
  }

  /** A4: extends a valid access token; the answer holds the token to use from now on. */
  refresh(accessToken: string, options?: AuthCallOptions): Promise<AccessTokenResponse> {
    return logins.refreshToken(this.core.transport, accessToken, options);
  }

  /** A5: invalidates an access token. */
  logout(token: string, options?: AuthCallOptions): Promise<void> {
    return logins.logout(this.core.transport, token, options);
  }
}
