import { z } from 'zod';
import type { CallOptions, ClientCore } from '../core.js';
import { ClientErrorCode, MeetingApiError } from '../errors.js';
import { type ConfTokenResponse, confTokenResponseSchema, createConfToken } from '../wire/control.js';
import { showMeetingDetail } from '../wire/meetings.js';
import { SingleFlight } from './singleFlight.js';
import { SharedTokens } from './store.js';

/** Per-call options of control calls: the identity and, optionally, the meeting's host password. */
export type ControlCallOptions = CallOptions & {
  /**
   * Host (chair) password of the meeting. Without it the client reads it from the meeting's details as the
   * acting identity, which works when that identity is the meeting's scheduler or an administrator.
   */
  hostPassword?: string | undefined;
};

/** A cached control token of one identity for one meeting. */
export const cachedControlTokenSchema = z.object({
  conferenceID: z.string().min(1),
  token: z.string().min(1),
  /** 0 guest, 1 host; undefined when the server did not say. */
  role: z.number().int().optional(),
  /** When the client keeps it alive before handing it out again, epoch ms (expiry less the margin). */
  keepAliveAtMs: z.number(),
  /** Server-side expiry, epoch ms. */
  expiresAtMs: z.number(),
  /** The server's answer that issued or last extended it (WebSocket URL, supported push types ...). */
  answer: confTokenResponseSchema,
});
/** A cached control token of one identity for one meeting. */
export type CachedControlToken = z.infer<typeof cachedControlTokenSchema>;

/** Options of a {@link ControlTokenManager}. */
export interface ControlTokenManagerOptions {
  /** Keep a token alive when less than this remains (default 5 minutes; at most a third of its life). */
  keepAliveMarginMs?: number | undefined;
}

/** Fallback lifetime when an answer states none: the published 30 minutes. */
const DEFAULT_LIFE_MS = 30 * 60_000;

/**
 * What the manager keeps: the token and the password that obtained it, for a fresh token when keep-alive fails.
 * The password never leaves this module, except into the shared store (which RedisTokenStore encrypts), so
 * that every process can renew a shared token.
 */
const entrySchema = cachedControlTokenSchema.extend({ password: z.string() });
type Entry = z.infer<typeof entrySchema>;

/**
 * Meeting-control tokens (A.1): one per (identity, meeting), cached with its expiry, kept alive with the
 * current token before it runs out (falling back to a fresh token with the password), obtained once for
 * concurrent callers, and dropped when the server refuses it. When the core's access tokens are shared with
 * other processes (`tokens.sharing`), control tokens are shared through the same store.
 */
export class ControlTokenManager {
  private readonly cache = new Map<string, Entry>();
  private readonly inFlight = new SingleFlight<Entry>('createConfToken');
  private readonly marginMs: number;
  private readonly shared: SharedTokens<Entry> | undefined;

  constructor(
    private readonly core: ClientCore,
    options: ControlTokenManagerOptions = {},
  ) {
    this.marginMs = options.keepAliveMarginMs ?? 5 * 60_000;
    const sharing = core.tokens.sharing;
    this.shared =
      sharing &&
      new SharedTokens({
        sharing,
        schema: entrySchema,
        tokenOf: (entry) => entry.token,
        expiresAtOf: (entry) => entry.expiresAtMs,
        now: core.now,
        operation: 'createConfToken',
      });
  }

  /** A valid control token for the meeting, as the identity in `options`. */
  async token(conferenceID: string, options: ControlCallOptions = {}): Promise<CachedControlToken> {
    const entry = await this.entry(conferenceID, options);
    return publicView(entry);
  }

  /**
   * Runs `call` with a control token. When the server refuses the token (401, or 400 `MMC.111072065`) the token
   * is dropped, a new one obtained with the password and the call made once more; a second refusal is thrown.
   * A refused call was not carried out, so the retry is safe even for a call that is not idempotent.
   */
  async withToken<T>(
    conferenceID: string,
    options: ControlCallOptions,
    call: (token: string) => Promise<T>,
  ): Promise<T> {
    const first = await this.entry(conferenceID, options);
    try {
      return await call(first.token);
    } catch (error) {
      if (!(error instanceof MeetingApiError) || !error.isControlTokenRefused) throw error;
      this.core.tokens.reportFailure(error, {
        token: 'control',
        stage: 'refused',
        operation: error.operation,
        userId: options.userId || undefined,
        conferenceID,
      });
      this.invalidate(conferenceID, options.userId, first.token);
      // The password still holds: the new token needs no second look at the meeting's details.
      const second = await this.entry(conferenceID, {
        ...options,
        hostPassword: options.hostPassword ?? first.password,
      });
      return call(second.token);
    }
  }

  /**
   * Drops a token the server refused, unless a newer one has already replaced it; the shared entry too, if it
   * still holds that token.
   */
  invalidate(conferenceID: string, userId: string | undefined, token: string): void {
    const key = this.key(conferenceID, userId);
    if (this.cache.get(key)?.token === token) this.cache.delete(key);
    this.shared?.discard(key, token);
  }

  /**
   * Drops every identity's token for a meeting (after it ended), and the shared entries of those this process
   * held; other processes' identities expire in the store.
   */
  forget(conferenceID: string): void {
    for (const [key, entry] of this.cache) {
      if (entry.conferenceID !== conferenceID) continue;
      this.cache.delete(key);
      this.shared?.discard(key, entry.token);
    }
  }

  /**
   * The host password for the meeting: the `hostPassword` option, else the one the cached (or shared) token was
   * obtained with, else the chair password from the meeting's details as the acting identity sees them.
   */
  async hostPasswordOf(conferenceID: string, options: ControlCallOptions = {}): Promise<string> {
    const key = this.key(conferenceID, options.userId);
    return (
      options.hostPassword ??
      this.cache.get(key)?.password ??
      (await this.shared?.read(key))?.password ??
      (await this.passwordFromDetails(conferenceID, options))
    );
  }

  /** Number of cached tokens. */
  get size(): number {
    return this.cache.size;
  }

  /** The key of a token in this cache and in the shared store: credentials, identity and meeting. */
  private key(conferenceID: string, userId: string | undefined): string {
    return this.core.tokens.sharedKey('control', this.core.tokens.identityKey(userId), conferenceID);
  }

  private entry(conferenceID: string, options: ControlCallOptions): Promise<Entry> {
    const key = this.key(conferenceID, options.userId);
    const cached = this.cache.get(key);
    if (cached && this.core.now() < cached.keepAliveAtMs) return Promise.resolve(cached);
    // Shared by concurrent callers; each leaves on its own signal, the work runs under the flight's.
    return this.inFlight.run(key, options.signal, (signal) => {
      const shared = { ...options, signal };
      return this.shared
        ? this.obtainShared(this.shared, key, conferenceID, cached, shared)
        : this.obtain(key, conferenceID, cached, shared);
    });
  }

  /** The shared token, or one obtained here (under the store's lock) and shared. */
  private async obtainShared(
    shared: SharedTokens<Entry>,
    key: string,
    conferenceID: string,
    stale: Entry | undefined,
    options: ControlCallOptions,
  ): Promise<Entry> {
    const entry = await shared.obtain(key, {
      usable: (candidate) => this.core.now() < candidate.keepAliveAtMs,
      fetch: (sharedStale) => this.obtain(key, conferenceID, sharedStale ?? stale, options),
      signal: options.signal,
    });
    this.cache.set(key, entry);
    return entry;
  }

  private async obtain(
    key: string,
    conferenceID: string,
    stale: Entry | undefined,
    options: ControlCallOptions,
  ): Promise<Entry> {
    const about = { token: 'control', userId: options.userId || undefined, conferenceID } as const;
    if (stale && this.core.now() < stale.expiresAtMs) {
      try {
        const answer = await this.request(conferenceID, stale.password, options, stale.token);
        return this.store(key, conferenceID, stale.password, answer);
      } catch (error) {
        this.core.tokens.reportFailure(error, { ...about, stage: 'renew', operation: 'createConfToken' });
        // A refused keep-alive is not fatal: a fresh token with the password follows. Anything else is.
        if (!(error instanceof MeetingApiError) || error.httpStatus === undefined || error.httpStatus >= 500)
          throw error;
      }
    }
    try {
      const password =
        options.hostPassword ?? stale?.password ?? (await this.passwordFromDetails(conferenceID, options));
      const answer = await this.request(conferenceID, password, options, undefined);
      return this.store(key, conferenceID, password, answer);
    } catch (error) {
      this.core.tokens.reportFailure(error, { ...about, stage: 'obtain', operation: 'createConfToken' });
      throw error;
    }
  }

  private async request(
    conferenceID: string,
    password: string,
    options: ControlCallOptions,
    current: string | undefined,
  ): Promise<ConfTokenResponse> {
    const response = await this.core.transport.request<ConfTokenResponse>({
      operation: createConfToken,
      input: {
        query: { conferenceID },
        headers: {
          'X-Password': password,
          'X-Login-Type': 1,
          ...(current === undefined ? {} : { 'X-Conference-Authorization': current }),
        },
      },
      signal: options.signal,
      timeoutMs: options.timeoutMs,
    });
    return response.data;
  }

  /** The chair password from the meeting's details, as the acting identity sees them. */
  private async passwordFromDetails(conferenceID: string, options: ControlCallOptions): Promise<string> {
    const detail = await this.core.call(
      showMeetingDetail,
      { query: { conferenceID } },
      { userId: options.userId, signal: options.signal, timeoutMs: options.timeoutMs },
    );
    const chair = detail.conferenceData.passwordEntry?.find((entry) => entry.conferenceRole === 'chair');
    if (!chair?.password || /^\*+$/.test(chair.password)) {
      throw new MeetingApiError({
        code: ClientErrorCode.NOT_CONFIGURED,
        operation: 'createConfToken',
        field: 'hostPassword',
        message:
          'createConfToken: the acting identity cannot see the meeting host password; pass the hostPassword option',
      });
    }
    return chair.password;
  }

  private store(key: string, conferenceID: string, password: string, answer: ConfTokenResponse): Entry {
    const now = this.core.now();
    const { data } = answer;
    // The relative lifetime does not depend on the two clocks agreeing; the absolute expiry is the fallback.
    const lifeMs =
      data.confTokenExpireTime !== undefined
        ? data.confTokenExpireTime * 1000
        : data.expireTime !== undefined && Number.isFinite(data.expireTime) && data.expireTime > now
          ? data.expireTime - now
          : DEFAULT_LIFE_MS;
    const margin = Math.min(this.marginMs, lifeMs / 3);
    const entry: Entry = {
      conferenceID,
      token: data.token,
      role: data.role,
      keepAliveAtMs: now + lifeMs - margin,
      expiresAtMs: now + lifeMs,
      answer,
      password,
    };
    this.cache.set(key, entry);
    return entry;
  }
}

function publicView(entry: Entry): CachedControlToken {
  const { password: _password, ...view } = entry;
  return view;
}
