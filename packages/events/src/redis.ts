// The Redis parts of @hwmeeting/events (`@hwmeeting/events/redis`): the only entry that loads ioredis, an
// optional peer dependency that users without Redis never need.

export { CorruptLogDataError, DedupeStoreUnavailableError, RedisPubSubMessageError } from './errors.js';
export { RedisMeetingLog, type RedisMeetingLogOptions } from './log/redisLog.js';
export { RedisOwnership, type RedisOwnershipOptions } from './log/redisOwnership.js';
export { RedisPubSub, type RedisPubSubOptions } from './pubsub/redis.js';
export { RedisDedupeStore, type RedisDedupeStoreOptions } from './webhooks/redisDedupe.js';
