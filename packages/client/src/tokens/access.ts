import type { Tenancy } from '@hwmeeting/signer';
import { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from '../errors.js';
import { type ClientHooks, notify, type TokenFailureEvent } from '../hooks.js';
import { isCallerAbort } from '../transport/failures.js';
import type { Transport } from '../transport/transport.js';
import { type AccessTokenResponse, userInfoSchema } from '../wire/auth.js';
import { loginWithAccount, loginWithAppId, logout, refreshToken } from './logins.js';
import { SingleFlight } from './singleFlight.js';
import { SharedTokens, type TokenSharingOptions } from './store.js';

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

/** A cached access token of one identity, as kept in memory and in a shared token store. */
export const cachedTokenSchema = z.object({
  accessToken: z.string().min(1),
  /** When the client stops using it and refreshes, epoch ms (expiry less the margin). */
  refreshAtMs: z.number(),
  /** Server-side expiry, epoch ms. */
  expiresAtMs: z.number(),
  /** As answered; the client refreshes with the access token and does not send it. */
  refreshToken: z.string().optional(),
  refreshExpiresAtMs: z.number().optional(),
  user: userInfoSchema.optional(),
});
/** A cached access token of one identity. */
export type CachedToken = z.infer<typeof cachedTokenSchema>;

/** Options of a {@link TokenManager}. */
export interface TokenManagerOptions {
  transport: Transport;
  credentials: Credentials;
  /** Refresh this long before expiry, at most; never more than a tenth of the token's life (default 5 min). */
  refreshMarginMs?: number | undefined;
  /** Clock in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
  /**
   * Share tokens with other processes through a store (default: none; tokens stay in this process). With a
   * store, `dispose` forgets this process's tokens instead of logging them out: other processes use them.
   */
  sharing?: TokenSharingOptions | undefined;
  /** Told of every failed login or refresh (never of a caller's own abort or deadline). */
  onTokenFailure?: ClientHooks['onTokenFailure'];
}

/** Key of the administrator identity in the cache. */
const ADMIN = '\u0000admin';

function isAppId(credentials: Credentials): credentials is AppIdCredentials {
  return 'appId' in credentials;
}

/** What the tokens of these credentials at this endpoint are shared under: names, never secrets. */
function scopeOf(endpoint: string, credentials: Credentials): string[] {
  if (!isAppId(credentials)) return [endpoint, 'account', credentials.account];
  const { appId, corpId, tenancy, adminUserId } = credentials;
  return [endpoint, 'app', appId, corpId ?? '', tenancy ?? '', adminUserId ?? ''];
}

/**
 * One cached access token per identity: refreshed before expiry, shared by concurrent callers (single-flight),
 * dropped when the server says it is no longer valid, and logged out on dispose. With a shared store
 * (`sharing`), processes with the same credentials share the tokens too: one login serves them all.
 */
export class TokenManager {
  /** The shared store settings, when tokens are shared with other processes. */
  readonly sharing: TokenSharingOptions | undefined;
  private readonly transport: Transport;
  private readonly credentials: Credentials;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new SingleFlight<CachedToken>('authenticate');
  private readonly onTokenFailure: ClientHooks['onTokenFailure'];
  private readonly shared: SharedTokens<CachedToken> | undefined;
  private readonly scope: string[];
  private disposed = false;

  constructor(options: TokenManagerOptions) {
    this.transport = options.transport;
    this.credentials = options.credentials;
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.now = options.now ?? Date.now;
    this.sharing = options.sharing;
    this.onTokenFailure = options.onTokenFailure;
    this.scope = scopeOf(options.transport.endpoint, options.credentials);
    this.shared =
      options.sharing &&
      new SharedTokens({
        sharing: options.sharing,
        schema: cachedTokenSchema,
        tokenOf: (token) => token.accessToken,
        expiresAtOf: (token) => token.expiresAtMs,
        now: this.now,
        operation: 'authenticate',
      });
  }

  /**
   * The key of a shared entry of `kind` ('access', 'control' ...) for these credentials at this endpoint. It
   * names the app or account, the identity and the `parts`, never a secret (appKey, password).
   */
  sharedKey(kind: string, identityKey: string, ...parts: string[]): string {
    return JSON.stringify([kind, ...this.scope, identityKey, ...parts]);
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

  /**
   * A valid access token for the identity, logging in or refreshing only when needed. Concurrent callers share
   * one login; `signal` ends this caller's wait only (the login goes on for the others, and stops when every
   * caller has left).
   */
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
    return this.inFlight.run(key, signal, (flightSignal) =>
      this.shared
        ? this.obtainShared(this.shared, key, cached, flightSignal)
        : this.obtain(key, cached, flightSignal),
    );
  }

  /** Tells the `onTokenFailure` hook of a failure with the token of `userId` (a caller's own abort is none). */
  reportFailure(
    error: unknown,
    event: Pick<TokenFailureEvent, 'token' | 'stage' | 'operation' | 'userId' | 'conferenceID'>,
  ): void {
    if (!this.onTokenFailure || isCallerAbort(error)) return;
    const known = error instanceof MeetingApiError ? error : undefined;
    notify('onTokenFailure', this.onTokenFailure, {
      ...event,
      operation: known?.operation ?? event.operation,
      code: known?.code ?? ClientErrorCode.NETWORK,
      httpStatus: known?.httpStatus,
      requestId: known?.requestId,
    });
  }

  /**
   * Drops a token the server refused, unless a newer one has already replaced it; the shared entry too, if it
   * still holds that token (in the background; this process never reads the refused token back).
   */
  invalidate(userId: string | undefined, accessToken: string): void {
    const key = this.identityKey(userId);
    if (this.cache.get(key)?.accessToken === accessToken) this.cache.delete(key);
    this.shared?.discard(this.sharedKey('access', key), accessToken);
  }

  /** Number of identities with a cached token. */
  get size(): number {
    return this.cache.size;
  }

  /**
   * Logs out every cached token; returns the failures (it never throws them away unseen). With a shared store
   * it only forgets them: other processes go on using them, and they expire in the store.
   */
  async dispose(): Promise<{ loggedOut: number; failed: MeetingApiError[] }> {
    this.disposed = true;
    await Promise.allSettled(this.inFlight.pending());
    const tokens = [...this.cache.values()];
    this.cache.clear();
    if (this.shared) return { loggedOut: 0, failed: [] };
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

  /** The shared token, or one obtained here (under the store's lock) and shared. */
  private async obtainShared(
    shared: SharedTokens<CachedToken>,
    key: string,
    stale: CachedToken | undefined,
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const token = await shared.obtain(this.sharedKey('access', key), {
      usable: (candidate) => this.now() < candidate.refreshAtMs,
      fetch: (sharedStale) => this.obtain(key, sharedStale ?? stale, signal),
      signal,
    });
    if (!this.disposed) this.cache.set(key, token);
    return token;
  }

  private async obtain(
    key: string,
    stale: CachedToken | undefined,
    signal?: AbortSignal,
  ): Promise<CachedToken> {
    const now = this.now();
    const userId = key === ADMIN ? undefined : key;
    // Refresh extends the access token it is sent (published-behaviour.md section 4), so only a token still
    // valid can be refreshed; an expired one needs a fresh login.
    if (stale && now < stale.expiresAtMs) {
      try {
        return this.store(key, await refreshToken(this.transport, stale.accessToken, { signal }));
      } catch (error) {
        this.reportFailure(error, { token: 'access', stage: 'renew', operation: 'updateToken', userId });
        // A refused refresh is not fatal: a fresh login follows. Anything else (abort, breaker) is.
        if (!(error instanceof MeetingApiError) || error.httpStatus === undefined || error.httpStatus >= 500)
          throw error;
      }
    }
    try {
      return this.store(key, await this.login(key, signal));
    } catch (error) {
      this.reportFailure(error, { token: 'access', stage: 'obtain', operation: 'authenticate', userId });
      throw error;
    }
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
