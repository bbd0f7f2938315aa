import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from '../errors.js';
import {
  type TokenStore,
  type TokenStoreEntry,
  type TokenStoreRelease,
  tokenStoreEntrySchema,
} from './store.js';

/** Options of a {@link RedisTokenStore}. */
export interface RedisTokenStoreOptions {
  /** A connection in normal (not subscriber) mode; the store never closes it. */
  redis: Redis;
  /**
   * The 32-byte AES-256-GCM key: a Buffer, 64 hex digits or base64 (`openssl rand -base64 32`). Every replica
   * needs the same key; values written under another key read as misses.
   */
  key: Buffer | string;
  /** Start of every key (default `hwm:`). */
  prefix?: string | undefined;
  /** Longest wait for one Redis command before it counts as failed, ms (default 2000). */
  timeoutMs?: number | undefined;
  /**
   * Receives every failure the store hides from its callers: unreadable values (wrong key, tampered), failed or
   * slow commands, and store rejections the clients absorbed. Never carries a stored value. Default: a process
   * warning.
   */
  onError?: ((error: unknown) => void) | undefined;
}

/** Why a {@link RedisTokenStore} answered as if empty. */
export type RedisTokenStoreFailure = 'unreadable' | 'unavailable';

/** A failure a {@link RedisTokenStore} hid from its caller (reported to `onError`); never holds a stored value. */
export class RedisTokenStoreError extends Error {
  override readonly name = 'RedisTokenStoreError';
  /** Stable code. */
  readonly code = 'TOKEN_STORE_FAILED';

  constructor(
    /** `unreadable`: a value that does not decrypt or parse; `unavailable`: a command that failed or timed out. */
    readonly reason: RedisTokenStoreFailure,
    /** The Redis key concerned (hashed: it names no identity). */
    readonly key: string,
    message: string,
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/_-]{43}=?$/;

/** What the key setting must be; never the value in a message: it is a secret. */
const KEY_RULE = 'must be 32 bytes: a Buffer, 64 hex digits or base64 (openssl rand -base64 32)';

/** The AES key setting as 32 bytes (64 hex digits and 43 or 44 base64 characters cannot be confused). */
const keySchema = z.union(
  [
    z.instanceof(Buffer).refine((key) => key.length === 32, { error: KEY_RULE }),
    z
      .string()
      .regex(HEX_KEY)
      .transform((key) => Buffer.from(key, 'hex')),
    z
      .string()
      .regex(BASE64_KEY)
      .transform((key) => Buffer.from(key, 'base64'))
      .refine((key) => key.length === 32, { error: KEY_RULE }),
  ],
  { error: KEY_RULE },
);

const optionsSchema = z.object({
  redis: z.custom<Redis>(
    (value) => typeof value === 'object' && value !== null && typeof (value as Redis).eval === 'function',
    { error: 'must be an ioredis connection' },
  ),
  key: keySchema,
  prefix: z.string().min(1).default('hwm:'),
  timeoutMs: z.number().int().positive().default(2_000),
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function').optional(),
});

/** Deletes KEYS[1] if it holds ARGV[1] (the lock's owner token). */
const RELEASE_LOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Deletes KEYS[1] if its value starts with ARGV[1] (the version and token fingerprint). */
const DELETE_IF_TOKEN = `local value = redis.call('GET', KEYS[1])
if value and string.sub(value, 1, #ARGV[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Format of a stored value: `v1.<fingerprint>.<base64(iv | tag | ciphertext)>`. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A subkey for one purpose, so the AES key itself is used for AES only. */
function subkey(key: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `hwmeeting token store ${purpose}`, 32));
}

function defaultOnError(error: unknown): void {
  process.emitWarning(error instanceof Error ? error.message : String(error), 'RedisTokenStoreWarning');
}

/**
 * A {@link TokenStore} in Redis, for several gateway replicas that share upstream tokens.
 *
 * - Values are AES-256-GCM encrypted with a random 12-byte IV per write; the Redis key is authenticated with
 *   them, so a value moved to another key does not decrypt. A value that does not decrypt (wrong key,
 *   tampered) is a miss, reported to `onError`, never thrown.
 * - Keys are `<prefix>token:<HMAC-SHA256 of the client's key>`: the client's keys name users and meetings, and
 *   a plain hash of a guessable user ID could be reversed by guessing, so the hash is keyed (with a subkey of
 *   the AES key). Locks are `<prefix>token-lock:<same hash>`.
 * - Each value starts with a keyed fingerprint of its token, so `delete` compares atomically (in Lua) without
 *   the token in the clear.
 * - Entries expire with `PX`; the lock is `SET NX PX` with a random owner token, released by compare-and-delete.
 * - It never rejects: when Redis fails or is slower than `timeoutMs` it answers as an empty store (and `lock`
 *   grants, so the caller logs in alone rather than waits) and reports to `onError`.
 */
export class RedisTokenStore implements TokenStore {
  /** Receives every failure the store hid from its callers. */
  readonly onError: (error: unknown) => void;
  private readonly redis: Redis;
  private readonly key: Buffer;
  private readonly nameKey: Buffer;
  private readonly fingerprintKey: Buffer;
  private readonly prefix: string;
  private readonly timeoutMs: number;

  constructor(options: RedisTokenStoreOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path[0]?.toString() ?? 'options';
      // The message names the setting, never its value (the key is a secret).
      throw new MeetingApiError({
        code: ClientErrorCode.INVALID_INPUT,
        operation: 'RedisTokenStore',
        field,
        message: `RedisTokenStore: invalid option ${field}: ${issue?.message ?? 'invalid'}`,
      });
    }
    this.redis = parsed.data.redis;
    this.key = parsed.data.key;
    this.nameKey = subkey(this.key, 'key names');
    this.fingerprintKey = subkey(this.key, 'token fingerprints');
    this.prefix = parsed.data.prefix;
    this.timeoutMs = parsed.data.timeoutMs;
    this.onError = parsed.data.onError ?? defaultOnError;
  }

  /** The Redis key of a client key: the prefix and a keyed hash that names no identity. */
  keyOf(name: string): string {
    return `${this.prefix}token:${this.hashOf(name)}`;
  }

  /** The Redis key of the lock of a client key. */
  lockKeyOf(name: string): string {
    return `${this.prefix}token-lock:${this.hashOf(name)}`;
  }

  /** The live entry under `name`; a missing, unreadable or unreachable one is undefined. */
  async get(name: string): Promise<TokenStoreEntry | undefined> {
    const key = this.keyOf(name);
    const value = await this.command(key, () => this.redis.get(key), null);
    return value === null ? undefined : this.open(key, value);
  }

  /** Encrypts `entry` and stores it under `name` for `ttlMs`. */
  async set(name: string, entry: TokenStoreEntry, ttlMs: number): Promise<void> {
    const key = this.keyOf(name);
    const value = this.seal(key, tokenStoreEntrySchema.parse(entry));
    await this.command(key, () => this.redis.set(key, value, 'PX', Math.max(1, Math.ceil(ttlMs))), null);
  }

  /** Deletes the entry under `name` if it still holds `token` (compared by fingerprint, in Redis). */
  async delete(name: string, token: string): Promise<void> {
    const key = this.keyOf(name);
    const head = `${VERSION}.${this.fingerprintOf(token)}.`;
    await this.command(key, () => this.redis.eval(DELETE_IF_TOKEN, 1, key, head), null);
  }

  /** Takes the lock of `name` for `ttlMs`; grants (with a no-op release) when Redis cannot answer. */
  async lock(name: string, ttlMs: number): Promise<TokenStoreRelease | undefined> {
    const key = this.lockKeyOf(name);
    const owner = randomBytes(16).toString('base64url');
    const taken = await this.command(
      key,
      () => this.redis.set(key, owner, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX'),
      'unavailable' as const,
    );
    if (taken === null) return undefined;
    if (taken === 'unavailable') {
      // A timed-out SET may still run once Redis answers, leaving a lock nobody releases: queue the release
      // behind it on the same connection (commands run in order) so it does not block others until it expires.
      void this.command(key, () => this.redis.eval(RELEASE_LOCK, 1, key, owner), null);
      return async () => {};
    }
    return async () => {
      await this.command(key, () => this.redis.eval(RELEASE_LOCK, 1, key, owner), null);
    };
  }

  private hashOf(name: string): string {
    return createHmac('sha256', this.nameKey).update(name, 'utf8').digest('base64url');
  }

  private fingerprintOf(token: string): string {
    return createHmac('sha256', this.fingerprintKey)
      .update(token, 'utf8')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
  }

  /** The additional authenticated data of a value: where it lives and which token it claims to hold. */
  private aad(key: string, fingerprint: string): Buffer {
    return Buffer.from(`${VERSION}\n${key}\n${fingerprint}`, 'utf8');
  }

  private seal(key: string, entry: TokenStoreEntry): string {
    const fingerprint = this.fingerprintOf(entry.token);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(this.aad(key, fingerprint));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(entry), 'utf8'), cipher.final()]);
    const payload = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    return `${VERSION}.${fingerprint}.${payload}`;
  }

  /** Decrypts and validates a stored value; anything wrong is a reported miss. */
  private open(key: string, value: string): TokenStoreEntry | undefined {
    // The stage names what failed; the errors themselves are not reported, as JSON.parse quotes its input.
    let stage = 'format';
    try {
      const [version, fingerprint, payload, ...rest] = value.split('.');
      if (version !== VERSION || !fingerprint || !payload || rest.length > 0) throw new Error(stage);
      const bytes = Buffer.from(payload, 'base64');
      if (bytes.length <= IV_BYTES + TAG_BYTES) throw new Error(stage);
      stage = 'decryption (wrong key, altered or moved from another key)';
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(this.aad(key, fingerprint));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
      stage = 'content';
      const entry = tokenStoreEntrySchema.parse(JSON.parse(plain.toString('utf8')));
      if (this.fingerprintOf(entry.token) !== fingerprint) throw new Error(stage);
      return entry;
    } catch {
      this.onError(
        new RedisTokenStoreError(
          'unreadable',
          key,
          `RedisTokenStore: the value under ${key} failed at ${stage}; treated as missing`,
        ),
      );
      return undefined;
    }
  }

  /** Runs one command with the timeout; a failure is reported and answered with `fallback`. */
  private async command<R, F>(key: string, run: () => Promise<R>, fallback: F): Promise<R | F> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([run(), timeout]);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.onError(
        new RedisTokenStoreError(
          'unavailable',
          key,
          `RedisTokenStore: a command on ${key} failed: ${why}`,
          error,
        ),
      );
      return fallback;
    } finally {
      clearTimeout(timer);
    }
  }
}
