export {
  API_CLIENT_TYPE,
  type AppAuthBody,
  type AppAuthRequest,
  appAuthBodySchema,
  appAuthHeader,
  DEFAULT_TTL_SECONDS,
  type ParsedAppAuthHeader,
  parseAppAuthHeader,
  type SignAppAuthOptions,
  signAppAuth,
} from './appAuth.js';
export { type ClientLogin, type ClientLoginOptions, issueClientLogin } from './clientLogin.js';
export { SignerError, SignerErrorCode } from './errors.js';
export {
  NONCE_MAX_LENGTH,
  NONCE_MIN_LENGTH,
  type SignedFields,
  signingData,
  type Tenancy,
} from './fields.js';
export { createNonce } from './nonce.js';
export { createSignature } from './signature.js';
export { type VerifyInput, type VerifyResult, verifySignature } from './verify.js';
