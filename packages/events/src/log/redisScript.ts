import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), sent in full (EVAL) only when the server does not know it yet, e.g.
 * after a restart emptied its script cache. Unlike `redis.defineCommand`, it adds nothing to a connection the
 * caller shares with others.
 */
export class LuaScript {
  private readonly sha: string;

  /** A script taking `keyCount` keys, then arguments. */
  constructor(
    private readonly lua: string,
    private readonly keyCount: number,
  ) {
    this.sha = createHash('sha1').update(lua).digest('hex');
  }

  /** Runs the script with these keys and arguments; resolves with its raw reply. */
  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    if (keys.length !== this.keyCount)
      throw new RangeError(`script takes ${this.keyCount} keys, got ${keys.length}`);
    try {
      return await redis.evalsha(this.sha, this.keyCount, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return await redis.eval(this.lua, this.keyCount, ...keys, ...args);
    }
  }
}
