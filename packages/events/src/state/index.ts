export * from './mirror.js';
export * from './reducer.js';
export * from './snapshot.js';
export * from './views/index.js';
