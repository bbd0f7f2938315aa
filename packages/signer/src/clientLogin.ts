import { expireTimeFrom } from './appAuth.js';
import { SignerError, SignerErrorCode } from './errors.js';
import type { Tenancy } from './fields.js';
import { createNonce } from './nonce.js';
import { createSignature } from './signature.js';

/** Options of {@link issueClientLogin}. */
export interface ClientLoginOptions {
  appId: string;
  appKey: string;
  /** The third-party user the client SDK logs in as (required). */
  userId: string;
  corpId?: string | undefined;
  tenancy?: Tenancy | undefined;
  /** Signature lifetime in seconds (default 600). */
  ttlSeconds?: number | undefined;
  now?: number | Date | undefined;
  nonce?: string | undefined;
}

/** What a third-party server hands to a client SDK so that it can log in; it never contains the appKey. */
export interface ClientLogin {
  userId: string;
  corpId?: string;
  signature: string;
  expireTime: number;
  nonce: string;
}

/** Issues the `{ userId, signature, expireTime, nonce }` a client SDK logs in with (App ID, third-party client). */
export function issueClientLogin(options: ClientLoginOptions): ClientLogin {
  if (typeof options.userId !== 'string' || options.userId.length === 0) {
    throw new SignerError(
      SignerErrorCode.EMPTY_FIELD,
      'userId must not be empty for a client login',
      'userId',
    );
  }
  const expireTime = expireTimeFrom(options.now, options.ttlSeconds, false);
  const nonce = options.nonce ?? createNonce();
  const signature = createSignature({ ...options, expireTime, nonce });
  const login: ClientLogin = { userId: options.userId, signature, expireTime, nonce };
  if (options.tenancy === 'multi' && options.corpId) login.corpId = options.corpId;
  return login;
}
