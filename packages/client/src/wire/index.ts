export * from './auth.js';
export * from './common.js';
export * from './control.js';
export * from './departments.js';
export * from './meetings.js';
export * from './operation.js';
export * from './users.js';
export * from './webhooks.js';
