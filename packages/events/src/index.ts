export * from './log/index.js';
export * from './pubsub/index.js';
export * from './state/index.js';
export * from './streams/index.js';
export * from './subscriber.js';
export * from './webhooks/receiver.js';
export * from './wire.js';
