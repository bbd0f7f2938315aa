// The push wire: frame schemas (WebSocket, both directions) and webhook schemas and signature. Shared by the
// events library and the simulator.
export * from './frames/index.js';
export * from './webhooks/schema.js';
export * from './webhooks/signature.js';
