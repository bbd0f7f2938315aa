export * from './api/auth.js';
export { type CallOptions, ClientCore, DEFAULT_ENDPOINT, type MeetingClientOptions } from './client.js';
export { ClientErrorCode, MeetingApiError, type MeetingApiErrorInit } from './errors.js';
export {
  type AccountCredentials,
  type AppIdCredentials,
  type CachedToken,
  type Credentials,
  TokenManager,
} from './tokens.js';
export {
  type BreakerOptions,
  type RetryOptions,
  Transport,
  type TransportEvent,
  type TransportOptions,
} from './transport.js';
export { checkToken, createAppIdToken, createToken, deleteToken, updateToken } from './wire/auth.js';
