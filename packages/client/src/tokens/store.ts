import { z } from 'zod';
import { delay } from '../transport/deadline.js';

/** One token as a manager shares it: the token itself and the manager's record of it. */
export const tokenStoreEntrySchema = z.object({
  /** The token: {@link TokenStore.delete} compares it, so only the entry that still holds it goes. */
  token: z.string().min(1),
  /** The manager's record (expiries, user, answer ...): small JSON, validated by the manager when read back. */
  data: z.unknown(),
});
/** One shared token and its record. */
export type TokenStoreEntry = z.infer<typeof tokenStoreEntrySchema>;

/** Ends a lock taken with {@link TokenStore.lock}; a lock that has expired or passed to another is left alone. */
export type TokenStoreRelease = () => Promise<void>;

/**
 * A cache of tokens shared by several processes (gateway replicas), so that they log in once between them.
 * Keys are the clients' own and carry no secret (they may name a user or a meeting; a store that persists them
 * should hash them). Entries hold tokens: a store that persists them must protect them (RedisTokenStore
 * encrypts them).
 *
 * Methods should not reject: a store that cannot answer reports the failure to its `onError` and answers as an
 * empty store would, except `lock`, which then grants (so callers work alone instead of waiting). The clients
 * treat a rejection the same way and hand it to `onError`, so a broken store costs logins, never calls.
 */
export interface TokenStore {
  /** The live entry under `key`, or undefined (missing, expired or unreadable). */
  get(key: string): Promise<TokenStoreEntry | undefined>;
  /** Stores `entry` under `key` for `ttlMs`, replacing what was there. */
  set(key: string, entry: TokenStoreEntry, ttlMs: number): Promise<void>;
  /** Deletes the entry under `key` if it still holds `token` (a newer one written meanwhile stays). */
  delete(key: string, token: string): Promise<void>;
  /**
   * Takes the lock of `key` for at most `ttlMs`, across processes: a release function, or undefined while
   * another holds it. The clients hold it while they log in, so one login serves every process.
   */
  lock(key: string, ttlMs: number): Promise<TokenStoreRelease | undefined>;
  /** Receives the store's failures, and the rejections of its methods that the clients absorbed. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** Whether a value looks like a {@link TokenStore} (for option validation). */
export function isTokenStore(value: unknown): value is TokenStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return ['get', 'set', 'delete', 'lock'].every((method) => typeof store[method] === 'function');
}

/**
 * A {@link TokenStore} in this process's memory: the reference behaviour of a shared store, for tests and for
 * several clients in one process. Entries go through JSON as they would through a real store.
 */
export class MemoryTokenStore implements TokenStore {
  private readonly entries = new Map<string, { json: string; token: string; expiresAtMs: number }>();
  private readonly locks = new Map<string, { owner: symbol; expiresAtMs: number }>();

  /** `now`: clock in epoch ms for the expiries (default Date.now). */
  constructor(private readonly now: () => number = Date.now) {}

  /** The live entry under `key`. */
  async get(key: string): Promise<TokenStoreEntry | undefined> {
    const stored = this.entries.get(key);
    if (!stored) return undefined;
    if (this.now() >= stored.expiresAtMs) {
      this.entries.delete(key);
      return undefined;
    }
    return tokenStoreEntrySchema.parse(JSON.parse(stored.json));
  }

  /** Stores `entry` under `key` for `ttlMs`. */
  async set(key: string, entry: TokenStoreEntry, ttlMs: number): Promise<void> {
    const { token } = tokenStoreEntrySchema.parse(entry);
    this.entries.set(key, { json: JSON.stringify(entry), token, expiresAtMs: this.now() + ttlMs });
  }

  /** Deletes the entry under `key` if it still holds `token`. */
  async delete(key: string, token: string): Promise<void> {
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }

  /** Takes the lock of `key` for at most `ttlMs`. */
  async lock(key: string, ttlMs: number): Promise<TokenStoreRelease | undefined> {
    const held = this.locks.get(key);
    if (held && this.now() < held.expiresAtMs) return undefined;
    const owner = Symbol(key);
    this.locks.set(key, { owner, expiresAtMs: this.now() + ttlMs });
    return async () => {
      if (this.locks.get(key)?.owner === owner) this.locks.delete(key);
    };
  }

  /** Number of entries, expired ones included until they are next read. */
  get size(): number {
    return this.entries.size;
  }
}

/** How the clients share tokens through a {@link TokenStore}. */
export interface TokenSharingOptions {
  store: TokenStore;
  /**
   * How long a client waits for another process's login before it logs in itself, ms (default 5000): a crashed
   * or slow lock holder delays others this long at most.
   */
  waitMs?: number | undefined;
  /** How long a login may hold the lock, ms (default 30000); past it another process may log in too. */
  lockTtlMs?: number | undefined;
}

/** What {@link SharedTokens} needs to know of the records of one manager. */
export interface SharedTokensOptions<T> {
  sharing: TokenSharingOptions;
  /** Validates a record read back from the store (the store is a boundary). */
  schema: z.ZodType<T>;
  /** The token of a record. */
  tokenOf: (record: T) => string;
  /** When a record becomes useless, epoch ms on `now`: the store keeps it until then. */
  expiresAtOf: (record: T) => number;
  /** The manager's clock, epoch ms. */
  now: () => number;
  /** Operation named in an abort error. */
  operation: string;
}

/** The release of a lock that was never taken. */
const NO_LOCK: TokenStoreRelease = async () => {};

/** The first and the longest pause between two looks at the store while another process logs in. */
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 250;

/**
 * The protocol of a manager with a shared store: look in the store; on a miss take the lock, look once more,
 * obtain upstream and write the store; when another holds the lock, look again with a short backoff until it
 * has written, or until `waitMs` has passed, then obtain alone. So N processes asking at once make one upstream
 * call. A token the server refused is remembered, so it is not read back before its deletion lands.
 */
export class SharedTokens<T> {
  private readonly store: TokenStore;
  private readonly waitMs: number;
  private readonly lockTtlMs: number;
  /** Per key, the token last refused by the server. */
  private readonly refused = new Map<string, string>();

  constructor(private readonly options: SharedTokensOptions<T>) {
    this.store = options.sharing.store;
    this.waitMs = options.sharing.waitMs ?? 5_000;
    this.lockTtlMs = options.sharing.lockTtlMs ?? 30_000;
  }

  /** The record under `key`, unless missing, unreadable or refused. */
  async read(key: string): Promise<T | undefined> {
    const entry = await this.guard(this.store.get(key), undefined);
    if (!entry) return undefined;
    // A record of another shape (another version of this library) is a miss; the next write replaces it.
    const parsed = this.options.schema.safeParse(entry.data);
    if (!parsed.success || this.options.tokenOf(parsed.data) !== entry.token) return undefined;
    if (this.refused.get(key) === entry.token) return undefined;
    this.refused.delete(key);
    return parsed.data;
  }

  /**
   * A usable record for `key`: the shared one, or one `fetch` obtains (given the stale record to renew, if any)
   * and this writes to the store.
   */
  async obtain(
    key: string,
    step: {
      usable: (record: T) => boolean;
      fetch: (stale: T | undefined) => Promise<T>;
      signal?: AbortSignal | undefined;
    },
  ): Promise<T> {
    // Waiting uses the real clock: the manager's may be a test clock that stands still.
    const giveUpAt = Date.now() + this.waitMs;
    let pauseMs = FIRST_POLL_MS;
    for (;;) {
      const shared = await this.read(key);
      if (shared && step.usable(shared)) return shared;
      // A store that cannot lock grants: working alone beats waiting for nobody.
      const release = await this.guard(this.store.lock(key, this.lockTtlMs), NO_LOCK);
      if (release) {
        try {
          // Another process may have written between the look and the lock.
          const again = await this.read(key);
          if (again && step.usable(again)) return again;
          return await this.write(key, await step.fetch(again ?? shared));
        } finally {
          await this.guard(release(), undefined);
        }
      }
      if (Date.now() >= giveUpAt) return this.write(key, await step.fetch(shared));
      await this.pause(Math.min(pauseMs, Math.max(0, giveUpAt - Date.now())), step.signal);
      pauseMs = Math.min(pauseMs * 2, MAX_POLL_MS);
    }
  }

  /**
   * Forgets a token the server refused (or that is no longer wanted): it is not read back from now on, and the
   * shared entry goes if it still holds it. The deletion runs in the background and never rejects.
   */
  discard(key: string, token: string): void {
    this.refused.set(key, token);
    void this.guard(this.store.delete(key, token), undefined);
  }

  private async write(key: string, record: T): Promise<T> {
    const ttlMs = Math.floor(this.options.expiresAtOf(record) - this.options.now());
    if (ttlMs > 0) {
      const entry = { token: this.options.tokenOf(record), data: record };
      await this.guard(this.store.set(key, entry, ttlMs), undefined);
      this.refused.delete(key);
    }
    return record;
  }

  /** A store call whose rejection counts as an unavailable store: reported, answered with `fallback`. */
  private async guard<R>(call: Promise<R>, fallback: R): Promise<R> {
    try {
      return await call;
    } catch (error) {
      this.store.onError?.(error);
      return fallback;
    }
  }

  private pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return delay(ms, signal, this.options.operation);
  }
}
