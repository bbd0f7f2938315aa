export { type Authenticator, createAuthenticator, type Viewer } from './auth/jwt.js';
export { ConfigError, type GatewayEnv, loadConfig } from './config.js';
export { resolveUpstream, type Upstream } from './embedded.js';
export { GatewayErrorCode } from './errors.js';
export { type Gateway, type GatewayOptions, startGateway } from './server.js';
