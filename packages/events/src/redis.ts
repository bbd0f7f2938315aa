// The Redis parts of @hwmeeting/events (`@hwmeeting/events/redis`): the only entry that loads ioredis, an
// optional peer dependency that users without Redis never need.

export { CorruptLogDataError } from './log/redisEntries.js';
export { RedisMeetingLog, type RedisMeetingLogOptions } from './log/redisLog.js';
export { RedisOwnership, type RedisOwnershipOptions } from './log/redisOwnership.js';
export { RedisPubSub, RedisPubSubMessageError, type RedisPubSubOptions } from './pubsub/redis.js';
export {
  DedupeStoreUnavailableError,
  RedisDedupeStore,
  type RedisDedupeStoreOptions,
} from './webhooks/redisDedupe.js';
