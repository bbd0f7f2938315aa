export * from './present.js';
export * from './processOutput.js';
export * from './redisServer.js';
