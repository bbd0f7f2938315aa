export * from './memory.js';
export * from './pubsub.js';
