// The webhook receiver's de-duplication store on Redis, shared by every replica behind the load balancer: a
// retry of a delivery that one replica took is recognised by the replica it lands on.
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DedupeStoreUnavailableError } from '../errors.js';
import type { DedupeStore } from './receiver.js';

/** Options of {@link RedisDedupeStore}. */
export interface RedisDedupeStoreOptions {
  /** The connection the keys are set on. It stays the caller's. */
  redis: Redis;
  /** Prepended to every key (default `hwm:`); the keys are `<prefix>webhook:<sha256 of the delivery key>`. */
  prefix?: string | undefined;
}

const DEFAULT_PREFIX = 'hwm:';

/** Connection states in which a command would wait in ioredis's offline queue for a connection that is gone. */
const DOWN = new Set(['reconnecting', 'close', 'end']);

/**
 * A {@link DedupeStore} on Redis: one key per delivered event, set with NX and a TTL (`SET key token NX PX ttl
 * GET`, Redis >= 7). Each call sets its own random token and reads back the value that was there: a command
 * that ioredis resends after a dropped connection finds its own token and still counts as new, so a delivery
 * is never taken for its own retry. While the connection is down it refuses at once
 * ({@link DedupeStoreUnavailableError}), so nothing is queued to take effect after the delivery was refused.
 */
export class RedisDedupeStore implements DedupeStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;

  /** A store on the given connection. */
  constructor(options: RedisDedupeStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = `${options.prefix ?? DEFAULT_PREFIX}webhook:`;
  }

  async addIfNew(key: string, ttlMs: number): Promise<boolean> {
    if (DOWN.has(this.redis.status)) throw new DedupeStoreUnavailableError(this.redis.status);
    const token = randomUUID();
    const previous = await this.redis.set(
      this.redisKey(key),
      token,
      'PX',
      Math.max(1, Math.ceil(ttlMs)),
      'NX',
      'GET',
    );
    return previous === null || previous === token;
  }

  /** The Redis key of a delivery key: hashed, so its length is bounded whatever the event carries. */
  redisKey(key: string): string {
    return this.keyPrefix + createHash('sha256').update(key).digest('base64url');
  }
}
