export * from './present.js';
export * from './redisServer.js';
