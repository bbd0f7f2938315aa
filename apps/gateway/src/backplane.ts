import { hostname } from 'node:os';
import type { TokenStore } from '@hwmeeting/client';
import { RedisTokenStore } from '@hwmeeting/client/redis';
import {
  type DedupeStore,
  type MeetingCommandTopics,
  type MeetingLog,
  type MeetingStreamTopics,
  MemoryPubSub,
  type PubSub,
  type UpstreamOwnership,
  type WebhookEvent,
} from '@hwmeeting/events';
import { RedisDedupeStore, RedisMeetingLog, RedisOwnership, RedisPubSub } from '@hwmeeting/events/redis';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { GatewayEnv } from './config.js';

/** Topics of the enterprise events: verified webhook deliveries, per enterprise. */
export interface EnterpriseTopics {
  enterprise: WebhookEvent;
}

/**
 * What replicas share, or, without `REDIS_URL`, the in-memory parts of a single process: the transport of the
 * meeting streams and enterprise events, the meeting log and upstream leases, the upstream tokens, the webhook
 * de-duplication and the rate limits.
 */
export interface Backplane {
  /** `memory` (one process) or `redis` (several replicas). */
  readonly kind: 'memory' | 'redis';
  /** Transport of the meeting log's events (given to `MeetingStreams` when there is no shared log). */
  readonly meetings: PubSub<MeetingStreamTopics>;
  readonly enterprise: PubSub<EnterpriseTopics>;
  /** Shared meeting log; undefined: the streams keep their own in memory. */
  readonly log: MeetingLog | undefined;
  /** Shared upstream leases; undefined: this process holds every upstream socket it needs. */
  readonly ownership: UpstreamOwnership | undefined;
  /** Orders to the replica holding a meeting's socket (captions); undefined: the holder is always this process. */
  readonly commands: PubSub<MeetingCommandTopics> | undefined;
  /** Shared upstream tokens; undefined: each process logs in for itself. */
  readonly tokenStore: TokenStore | undefined;
  /** Shared webhook de-duplication; undefined: the receiver's in-memory one. */
  readonly dedupe: DedupeStore | undefined;
  /** Per-viewer request budget. */
  readonly limiter: RateLimiterAbstract;
  /** Whether Redis answers now (`none` without Redis); replicas keep serving while it does not, degraded. */
  redisState(): 'none' | 'up' | 'down';
  /** Called when the transport may have lost events (Redis came back): the streams re-read their logs. */
  onResubscribed(listener: () => void): void;
  /** Closes what the backplane opened (the shared data stays in Redis). */
  close(): Promise<void>;
}

/** The backplane the environment asks for: Redis with `REDIS_URL`, otherwise in memory. */
export function createBackplane(env: GatewayEnv, logger: Logger): Backplane {
  const limit = { points: env.RATE_LIMIT_PER_MINUTE, duration: 60 };
  if (!env.REDIS_URL) {
    const meetings = new MemoryPubSub<MeetingStreamTopics>();
    const enterprise = new MemoryPubSub<EnterpriseTopics>();
    return {
      kind: 'memory',
      meetings,
      enterprise,
      log: undefined,
      ownership: undefined,
      commands: undefined,
      tokenStore: undefined,
      dedupe: undefined,
      limiter: new RateLimiterMemory(limit),
      onResubscribed: () => undefined,
      redisState: () => 'none',
      async close() {
        await Promise.all([meetings.close(), enterprise.close()]);
      },
    };
  }
  return redisBackplane(env, env.REDIS_URL, logger);
}

function redisBackplane(env: GatewayEnv, url: string, logger: Logger): Backplane {
  const prefix = env.REDIS_KEY_PREFIX;
  const redis = new Redis(url, {
    // Commands fail fast while Redis is away (the parts fall back or retry on their own) instead of queueing
    // for a long time behind a dead connection.
    maxRetriesPerRequest: 2,
    connectionName: `hwmeeting-gateway:${env.REPLICA_ID ?? hostname()}`,
  });
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) logger.warn({ err: error }, 'redis unavailable; retrying');
    down = true;
  });
  redis.on('ready', () => {
    if (down) logger.info('redis available again');
    down = false;
  });
  const listeners: Array<() => void> = [];
  const pubsub = new RedisPubSub<MeetingStreamTopics & EnterpriseTopics & MeetingCommandTopics>({
    redis,
    prefix,
    onError: (error) => logger.warn({ err: error }, 'redis pub/sub'),
    onResubscribed: () => {
      logger.info('redis pub/sub resubscribed; re-reading the meeting logs');
      for (const listener of listeners) listener();
    },
  });
  const holderId = env.REPLICA_ID ?? `${hostname()}:${process.pid}`;
  const onStoreError = (error: unknown, conferenceID?: string) =>
    logger.warn({ err: error, conferenceID }, 'redis meeting log');
  const log = new RedisMeetingLog({
    redis,
    pubsub,
    prefix,
    maxEvents: env.STREAM_RETENTION_EVENTS,
    maxAgeMs: env.STREAM_RETENTION_SECONDS * 1000,
    onError: onStoreError,
  });
  const ownership = new RedisOwnership({
    redis,
    prefix,
    ttlMs: env.UPSTREAM_LEASE_MS,
    holderId,
    onError: (error, conferenceID) => logger.warn({ err: error, conferenceID }, 'upstream lease'),
  });
  const tokenStore = new RedisTokenStore({
    redis,
    // config.ts requires it with REDIS_URL.
    key: env.TOKEN_ENCRYPTION_KEY as string,
    prefix,
    onError: (error) => logger.warn({ err: error }, 'shared token store'),
  });
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${prefix}ratelimit`,
    points: env.RATE_LIMIT_PER_MINUTE,
    duration: 60,
    // While Redis is away each replica limits on its own rather than refusing everyone.
    insuranceLimiter: new RateLimiterMemory({ points: env.RATE_LIMIT_PER_MINUTE, duration: 60 }),
  });
  return {
    kind: 'redis',
    meetings: pubsub,
    enterprise: pubsub,
    log,
    ownership,
    commands: pubsub,
    tokenStore,
    dedupe: new RedisDedupeStore({ redis, prefix }),
    limiter,
    onResubscribed: (listener) => listeners.push(listener),
    redisState: () => (redis.status === 'ready' ? 'up' : 'down'),
    async close() {
      await ownership.close();
      await log.close();
      await pubsub.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
