export * from './api/auth.js';
export * from './api/control.js';
export * from './api/departments.js';
export * from './api/meetings.js';
export * from './api/users.js';
export * from './api/webhooks.js';
export { type CallOptions, ClientCore, DEFAULT_ENDPOINT, type MeetingClientOptions } from './core.js';
export {
  ClientErrorCode,
  CONTROL_TOKEN_REFUSED_CODE,
  MeetingApiError,
  type MeetingApiErrorInit,
} from './errors.js';
export type {
  BreakerArea,
  BreakerState,
  BreakerStateEvent,
  ClientHooks,
  DroppedValueEvent,
  TokenFailureEvent,
  TransportEvent,
} from './hooks.js';
export { type CreateMeetingClientOptions, createMeetingClient, MeetingClient } from './meetingClient.js';
export {
  type AccountCredentials,
  type AppIdCredentials,
  type CachedToken,
  type Credentials,
  TokenManager,
} from './tokens/access.js';
export { ControlTokenManager, type ControlTokenManagerOptions } from './tokens/control.js';
export * from './tokens/logins.js';
export {
  isTokenStore,
  MemoryTokenStore,
  type TokenSharingOptions,
  type TokenStore,
  type TokenStoreEntry,
  type TokenStoreRelease,
  tokenStoreEntrySchema,
} from './tokens/store.js';
export { TRACER_NAME } from './transport/tracing.js';
export {
  type BreakerOptions,
  type RetryOptions,
  Transport,
  type TransportOptions,
} from './transport/transport.js';
// Every wire type (ConferenceInfo, UserDetail, RealTimeInfoResponse ...); schemas and operations are in
// `@hwmeeting/client/wire`.
export type * from './wire/index.js';
