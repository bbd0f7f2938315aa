import type { Tenancy } from '@hwmeeting/signer';
import { loginWithAccount, loginWithAppId, logout, refreshToken } from './api/auth.js';
import { ClientErrorCode, MeetingApiError } from './errors.js';
import type { Transport } from './transport.js';
import type { AccessTokenResponse, UserInfo } from './wire/auth.js';

/** App ID credentials (server-to-server; preferred). */
export interface AppIdCredentials {
  appId: string;
  appKey: string;
  /** Enterprise ID, multi tenancy (service provider apps) only. */
  corpId?: string | undefined;
  tenancy?: Tenancy | undefined;
  /** Third-party user ID that acts as the administrator; default: the enterprise default administrator. */
  adminUserId?: string | undefined;
}

/** Account/password credentials of one Huawei Cloud Meeting account. */
export interface AccountCredentials {
  account: string;
  password: string;
}

/** Either kind of credentials. */
export type Credentials = AppIdCredentials | AccountCredentials;

/** A cached access token of one identity. */
export interface CachedToken {
  accessToken: string;
  /** When the client stops using it and refreshes, epoch ms (expiry less the margin). */
  refreshAtMs: number;
  /** Server-side expiry, epoch ms. */
  expiresAtMs: number;
  refreshToken: string | undefined;
  refreshExpiresAtMs: number | undefined;
  user: UserInfo | undefined;
}

/** Options of a {@link TokenManager}. */
export interface TokenManagerOptions {
  transport: Transport;
  credentials: Credentials;
  /** Refresh this long before expiry, at most; never more than a tenth of the token's life (default 5 min). */
  refreshMarginMs?: number | undefined;
  /** Clock in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
}

/** Key of the administrator identity in the cache. */
const ADMIN = '\u0000admin';

function isAppId(credentials: Credentials): credentials is AppIdCredentials {
  return 'appId' in credentials;
}

/**
 * One cached access token per identity: refreshed before expiry, shared by concurrent callers (single-flight),
 * dropped when the server says it is no longer valid, and logged out on dispose.
 */
export class TokenManager {
  private readonly transport: Transport;
  private readonly credentials: Credentials;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();
  private disposed = false;

  constructor(options: TokenManagerOptions) {
    this.transport = options.transport;
    this.credentials = options.credentials;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The cache key of an identity: a third-party userId, or the administrator. */
  identityKey(userId: string | undefined): string {
    if (userId === undefined || userId === '') return ADMIN;
    if (!isAppId(this.credentials)) {
      throw new MeetingApiError({
        code: ClientErrorCode.NOT_CONFIGURED,
        operation: 'authenticate',
        message:
          'acting for a userId needs App ID credentials; account credentials act as their own account only',
      });
    }
    return userId;
  }

  /** A valid access token for the identity, logging in or refreshing only when needed. */
  async token(userId: string | undefined, signal?: AbortSignal): Promise<CachedToken> {
    if (this.disposed) {
      throw new MeetingApiError({
        code: ClientErrorCode.DISPOSED,
        operation: 'authenticate',
        message: 'client disposed',
      });
    }
    const key = this.identityKey(userId);
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.refreshAtMs) return cached;
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const flight = this.obtain(key, cached, signal).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, flight);
    return flight;
  }

  /** Drops a token the server refused, unless a newer one has already replaced it. */
  invalidate(userId: string | undefined, accessToken: string): void {
    const key = this.identityKey(userId);
    if (this.cache.get(key)?.accessToken === accessToken) this.cache.delete(key);
  }

  /** Number of identities with a cached token. */
  get size(): number {
    return this.cache.size;
  }

  /** Logs out every cached token; returns the failures (it never throws them away unseen). */
  async dispose(): Promise<{ loggedOut: number; failed: MeetingApiError[] }> {
    this.disposed = true;
    await Promise.allSettled(this.inFlight.values());
    const tokens = [...this.cache.values()];
    this.cache.clear();
    const results = await Promise.allSettled(tokens.map((t) => logout(this.transport, t.accessToken)));
    const failed = results.flatMap((r) =>
      r.status === 'rejected'
        ? [
            r.reason instanceof MeetingApiError
              ? r.reason
              : new MeetingApiError({
                  code: ClientErrorCode.NETWORK,
                  operation: 'deleteToken',
                  message: String(r.reason),
                }),
          ]
        : [],
    );
    return { loggedOut: tokens.length - failed.length, failed };
  }

  private async obtain(
    key: string,
    stale: CachedToken | undefined,
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const now = this.now();
    if (stale?.refreshToken && stale.refreshExpiresAtMs !== undefined && now < stale.refreshExpiresAtMs) {
      try {
        return this.store(key, await refreshToken(this.transport, stale.refreshToken, { signal }));
      } catch (error) {
        // A refused refresh is not fatal: a fresh login follows. Anything else (abort, breaker) is.
        if (!(error instanceof MeetingApiError) || error.httpStatus === undefined || error.httpStatus >= 500)
          throw error;
      }
    }
    return this.store(key, await this.login(key, signal));
  }

  private login(key: string, signal?: AbortSignal): Promise<AccessTokenResponse> {
    const credentials = this.credentials;
    if (!isAppId(credentials))
      return loginWithAccount(this.transport, credentials.account, credentials.password, { signal });
    const userId = key === ADMIN ? credentials.adminUserId : key;
    return loginWithAppId(
      this.transport,
      {
        appId: credentials.appId,
        appKey: credentials.appKey,
        corpId: credentials.corpId,
        tenancy: credentials.tenancy,
        userId,
        now: this.now(),
      },
      { signal },
    );
  }

  private store(key: string, answer: AccessTokenResponse): CachedToken {
    const now = this.now();
    // validPeriod is relative, so it does not depend on the two clocks agreeing.
    const lifeMs = Math.max(0, answer.validPeriod * 1000);
    const margin = Math.min(this.marginMs, lifeMs / 10);
    const refreshLifeMs =
      answer.refreshValidPeriod === undefined ? undefined : answer.refreshValidPeriod * 1000;
    const token: CachedToken = {
      accessToken: answer.accessToken,
      expiresAtMs: now + lifeMs,
      refreshAtMs: now + lifeMs - margin,
      refreshToken: answer.refreshToken,
      refreshExpiresAtMs: refreshLifeMs === undefined ? undefined : now + refreshLifeMs,
      user: answer.user,
    };
    if (!this.disposed) this.cache.set(key, token);
    return token;
  }
}
