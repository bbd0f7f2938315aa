// The raw authentication calls (A1-A5), one request each with no cache. They sit below the token cache
// (`access.ts` logs in, refreshes and logs out with them) and below the `auth` area, which offers them as is.
import { type SignAppAuthOptions, signAppAuth } from '@hwmeeting/signer';
import type { Transport } from '../transport/transport.js';
import {
  type AccessTokenResponse,
  checkToken,
  createAppIdToken,
  createToken,
  deleteToken,
  updateToken,
} from '../wire/auth.js';

/** Per-call options of the authentication calls. */
export interface AuthCallOptions {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  requestId?: string | undefined;
}

/** `clientType` of API callers: 64 concurrent tokens per account that never kick each other out. */
const API_CLIENT_TYPE = 72;

/** A1: App ID login; each attempt (retries included) is signed afresh with a new nonce. */
export async function loginWithAppId(
  transport: Transport,
  sign: Omit<SignAppAuthOptions, 'nonce'>,
  options: AuthCallOptions = {},
): Promise<AccessTokenResponse> {
  const first = signAppAuth(sign);
  let attempts = 0;
  const response = await transport.request<AccessTokenResponse>({
    ...options,
    operation: createAppIdToken,
    input: { body: first.body },
    auth: () => {
      const signed = attempts++ === 0 ? first : signAppAuth(sign);
      return {
        headers: { Authorization: signed.authorization, 'X-Token-Type': 'LongTicket' },
        body: signed.body,
      };
    },
  });
  return response.data;
}

/** A2: account/password login. */
export async function loginWithAccount(
  transport: Transport,
  account: string,
  password: string,
  options: AuthCallOptions = {},
): Promise<AccessTokenResponse> {
  const basic = Buffer.from(`${account}:${password}`, 'utf8').toString('base64');
  const response = await transport.request<AccessTokenResponse>({
    ...options,
    operation: createToken,
    input: { body: { account, clientType: API_CLIENT_TYPE } },
    auth: () => ({ headers: { Authorization: `Basic ${basic}` } }),
  });
  return response.data;
}

/** A3: checks a token; with `needGenNewToken` the server also issues a new one. */
export async function validateToken(
  transport: Transport,
  body: { token: string; needGenNewToken?: boolean; needAccountInfo?: boolean },
  options: AuthCallOptions = {},
): Promise<AccessTokenResponse> {
  const response = await transport.request<AccessTokenResponse>({
    ...options,
    operation: checkToken,
    input: { body: { needGenNewToken: false, ...body } },
  });
  return response.data;
}

/**
 * A4: extends a valid access token, sent in `X-Access-Token` (published-behaviour.md section 4); the answer holds
 * the token to use from now on (the same one extended, or a new one).
 */
export async function refreshToken(
  transport: Transport,
  accessToken: string,
  options: AuthCallOptions = {},
): Promise<AccessTokenResponse> {
  const response = await transport.request<AccessTokenResponse>({
    ...options,
    operation: updateToken,
    auth: () => ({ headers: { 'X-Access-Token': accessToken } }),
  });
  return response.data;
}

/** A5: invalidates an access token. */
export async function logout(
  transport: Transport,
  token: string,
  options: AuthCallOptions = {},
): Promise<void> {
  await transport.request({
    ...options,
    operation: deleteToken,
    auth: () => ({ headers: { 'X-Access-Token': token } }),
  });
}
