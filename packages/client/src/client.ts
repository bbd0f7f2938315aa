import { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from './errors.js';
import { isTokenStore, type TokenStore } from './tokenStore.js';
import { type AccountCredentials, type AppIdCredentials, TokenManager } from './tokens.js';
import { type BreakerOptions, type RetryOptions, Transport, type TransportEvent } from './transport.js';
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

/** Options of {@link createMeetingClient}. */
export interface MeetingClientOptions {
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
  breaker?: BreakerOptions | false | undefined;
  /** Refresh tokens this long before they expire, at most (default 5 minutes). */
  refreshMarginMs?: number | undefined;
  /** Clock in epoch ms (default Date.now). */
  now?: (() => number) | undefined;
  /** Called after every HTTP attempt (logs, metrics); never carries a token. */
  onEvent?: ((event: TransportEvent) => void) | undefined;
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
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms. */
  timeoutMs?: number | undefined;
  /** `X-Request-ID` to send (default: a new UUID). */
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
    });
    this.tokens = new TokenManager({
      transport: this.transport,
      credentials: options.credentials,
      refreshMarginMs: options.refreshMarginMs,
      now: this.now,
      sharing: options.tokenStore && { store: options.tokenStore, waitMs: options.tokenStoreWaitMs },
    });
  }

  /**
   * Calls an operation with the access token of the identity in `options`. On a 401 it drops the token, logs in
   * again and retries once.
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
    const send = async () => {
      const token = await this.tokens.token(options.userId, options.signal);
      try {
        const response = await this.transport.request<OperationOutput<O>>({
          operation,
          input,
          signal: options.signal,
          timeoutMs: options.timeoutMs,
          requestId: options.requestId,
          auth: () => ({ headers: { 'X-Access-Token': token.accessToken } }),
        });
        return response.data;
      } catch (error) {
        if (error instanceof MeetingApiError && error.isUnauthorized) {
          this.tokens.invalidate(options.userId, token.accessToken);
        }
        throw error;
      }
    };
    try {
      return await send();
    } catch (error) {
      if (error instanceof MeetingApiError && error.isUnauthorized) return send();
      throw error;
    }
  }

  /** Logs out every cached token (with a `tokenStore`: forgets them) and closes the connection pool. */
  async dispose(): Promise<{ loggedOut: number; failed: MeetingApiError[] }> {
    const result = await this.tokens.dispose();
    await this.transport.close();
    return result;
  }
}
