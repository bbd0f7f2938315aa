// The Redis parts of the client, apart from the main entry so that users without Redis never load ioredis.
export {
  RedisTokenStore,
  RedisTokenStoreError,
  type RedisTokenStoreFailure,
  type RedisTokenStoreOptions,
} from './tokens/redisStore.js';
