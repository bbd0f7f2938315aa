import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from './errors.js';
import type { ClientHooks } from './hooks.js';
import { type AccountCredentials, type AppIdCredentials, TokenManager } from './tokens/access.js';
import { isTokenStore, type TokenStore } from './tokens/store.js';
import type { BreakerOptions } from './transport/breaker.js';
import type { RetryOptions } from './transport/retry.js';
import { Transport } from './transport/transport.js';
import type { Operation, OperationInput, OperationOutput } from './wire/operation.js';

/** The international site; the Chinese site is `https://api.meeting.huaweicloud.com`. */
export const DEFAULT_ENDPOINT = 'https://api-intl.meeting.huaweicloud.com';

const credentialsSchema = z.union([
  z.object({
    appId: z
      .string()
      .min(1)
      .refine((v) => !v.includes(':'), { error: 'must not contain ":"' }),
    appKey: z.string().min(1),
    corpId: z.string().min(1).optional(),
    tenancy: z.enum(['single', 'multi']).optional(),
    adminUserId: z.string().min(1).optional(),
  }),
  z.object({ account: z.string().min(1).max(255), password: z.string().min(1) }),
]);

const optionsSchema = z.object({
  endpoint: z.url({ protocol: /^https?$/ }).default(DEFAULT_ENDPOINT),
  credentials: credentialsSchema,
  acceptLanguage: z.string().min(2).optional(),
  timeoutMs: z.number().int().positive().optional(),
  connections: z.number().int().positive().optional(),
  refreshMarginMs: z.number().int().nonnegative().optional(),
  tokenStore: z.custom<TokenStore>(isTokenStore, { error: 'must have get, set, delete and lock' }).optional(),
  tokenStoreWaitMs: z.number().int().nonnegative().optional(),
});

/**
 * Options of {@link createMeetingClient}; the hooks (`onEvent`, `onBreakerStateChange`, `onTokenFailure`,
 * `onDropped`) never receive a secret.
 */
export interface MeetingClientOptions extends ClientHooks {
  /** Base URL of the meeting server (default the international site). */
  endpoint?: string | undefined;
  credentials: AppIdCredentials | AccountCredentials;
  /** `zh-CN` or `en-US`: the language of server messages. */
  acceptLanguage?: string | undefined;
  /** Per-attempt timeout in ms (default 10000). */
  timeoutMs?: number | undefined;
  /** Keep-alive connections (default 32). */
  connections?: number | undefined;
  retry?: RetryOptions | false | undefined;
  /** One circuit breaker per upstream area (auth, meetings, users ...) with these settings, or none (`false`). */
  breaker?: BreakerOptions | false | undefined;
  /** Refresh tokens this long before they expire, at most (default 5 minutes). */
  refreshMarginMs?: number | undefined;
  /** Clock in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
  /**
   * Share access and control tokens with other processes through this store (e.g. `RedisTokenStore` from
   * `@hwmeeting/client/redis`): one login serves every replica. Default: none, tokens stay in this process.
   * With a store, `dispose()` forgets tokens instead of logging them out.
   */
  tokenStore?: TokenStore | undefined;
  /** With a `tokenStore`: how long to wait for another process's login before logging in here, ms (5000). */
  tokenStoreWaitMs?: number | undefined;
}

/** Per-call options. */
export interface CallOptions {
  /** Third-party user to act for (App ID mode); omitted: the enterprise administrator. */
  userId?: string | undefined;
  /**
   * Ends the call, whatever it is doing: the request in flight, the wait before a retry, a login it waits for
   * (other callers of that login go on). Ended by a timeout (`AbortSignal.timeout(ms)`, a deadline) the call
   * fails with `TIMEOUT`, otherwise with `ABORTED`; neither counts as an upstream failure.
   */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number | undefined;
  /** `X-Request-ID` to send, the same on every attempt of the call (default: a new UUID per call). */
  requestId?: string | undefined;
}

/** The REST client core: authenticated calls of any published operation. Areas build on it. */
export class ClientCore {
  readonly transport: Transport;
  readonly tokens: TokenManager;
  readonly now: () => number;

  constructor(options: MeetingClientOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || 'options';
      throw new MeetingApiError({
        code: ClientErrorCode.INVALID_INPUT,
        operation: 'createMeetingClient',
        field,
        message: `createMeetingClient: invalid option ${field}: ${issue?.message ?? 'invalid'}`,
      });
    }
    this.now = options.now ?? Date.now;
    this.transport = new Transport({
      endpoint: parsed.data.endpoint,
      acceptLanguage: options.acceptLanguage,
      timeoutMs: options.timeoutMs,
      connections: options.connections,
      retry: options.retry,
      breaker: options.breaker,
      onEvent: options.onEvent,
      onBreakerStateChange: options.onBreakerStateChange,
      onDropped: options.onDropped,
    });
    this.tokens = new TokenManager({
      transport: this.transport,
      credentials: options.credentials,
      refreshMarginMs: options.refreshMarginMs,
      now: this.now,
      sharing: options.tokenStore && { store: options.tokenStore, waitMs: options.tokenStoreWaitMs },
      onTokenFailure: options.onTokenFailure,
    });
  }

  /**
   * Calls an operation with the access token of the identity in `options`. On a 401 it drops the token, logs in
   * again and retries once, with the same `X-Request-ID`.
   */
  async call<O extends Operation>(
    operation: O,
    input: OperationInput<O>,
    options: CallOptions = {},
  ): Promise<OperationOutput<O>> {
    if (operation.auth !== 'access') {
      throw new MeetingApiError({
        code: ClientErrorCode.NOT_CONFIGURED,
        operation: operation.name,
        message: `${operation.name}: not an access-token operation`,
      });
    }
    const requestId = options.requestId ?? randomUUID();
    // Only the call's own 401 (its token refused) earns the one retry with a new token; a refused login does not.
    for (let retried = false; ; retried = true) {
      const token = await this.tokens.token(options.userId, options.signal);
      try {
        const response = await this.transport.request<OperationOutput<O>>({
          operation,
          input,
          signal: options.signal,
          timeoutMs: options.timeoutMs,
          requestId,
          auth: () => ({ headers: { 'X-Access-Token': token.accessToken } }),
        });
        return response.data;
      } catch (error) {
        if (!(error instanceof MeetingApiError) || !error.isUnauthorized) throw error;
        this.tokens.reportFailure(error, {
          token: 'access',
          stage: 'refused',
          operation: operation.name,
          userId: options.userId || undefined,
        });
        this.tokens.invalidate(options.userId, token.accessToken);
        if (retried) throw error;
      }
    }
  }

  /** Logs out every cached token (with a `tokenStore`: forgets them) and closes the connection pool. */
  async dispose(): Promise<{ loggedOut: number; failed: MeetingApiError[] }> {
    const result = await this.tokens.dispose();
    await this.transport.close();
    return result;
  }
}
