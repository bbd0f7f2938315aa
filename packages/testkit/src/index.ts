export * from './redisServer.js';
