import { z } from 'zod';
import { checkWholeNumber, epochMillis, type Tenancy } from './fields.js';
import { createNonce } from './nonce.js';
import { createSignature } from './signature.js';

/** `clientType` 72 is the API caller: up to 64 concurrent tokens that never kick each other out. */
export const API_CLIENT_TYPE = 72;
/** Default signature lifetime: ten minutes, as the Developer Guide suggests. */
export const DEFAULT_TTL_SECONDS = 600;
const MAX_TTL_SECONDS = 366 * 24 * 3600;

/**
 * Body of `POST /v2/usg/acs/auth/appauth` (rest-api.md 2.1). The single description of that body: the client
 * sends it and the simulator validates incoming requests with it.
 */
export const appAuthBodySchema = z.object({
  appId: z.string().min(1),
  clientType: z.number().int(),
  corpId: z.string().optional(),
  expireTime: z.number().int().nonnegative(),
  nonce: z.string().min(32).max(64),
  userId: z.string().optional(),
  userName: z.string().optional(),
  userEmail: z.string().optional(),
  userPhone: z.string().optional(),
  deptCode: z.string().optional(),
});
/** Body of the App ID authentication request. */
export type AppAuthBody = z.infer<typeof appAuthBodySchema>;

/** Options of {@link signAppAuth}. */
export interface SignAppAuthOptions {
  appId: string;
  appKey: string;
  /** Third-party user ID; omit to act as the enterprise default administrator. */
  userId?: string | undefined;
  /** Enterprise ID, multi tenancy (service provider apps) only. */
  corpId?: string | undefined;
  /** Default `single`. */
  tenancy?: Tenancy | undefined;
  /** Signature lifetime in seconds (default 600). */
  ttlSeconds?: number | undefined;
  /** Clock, as a Date or epoch milliseconds (default: now). */
  now?: number | Date | undefined;
  /** Opt in to `ttlSeconds: 0`, a signature that never expires (allows replay). */
  allowNeverExpire?: boolean | undefined;
  /** Nonce to use instead of a fresh random one (tests, known-answer checks). */
  nonce?: string | undefined;
  userName?: string | undefined;
  userEmail?: string | undefined;
  userPhone?: string | undefined;
  deptCode?: string | undefined;
}

/** Everything the App ID authentication request needs. */
export interface AppAuthRequest {
  /** `HMAC-SHA256 signature=<hex>,access=<base64(appId)>`. */
  authorization: string;
  /** All request headers: Authorization, X-Token-Type, Content-Type. */
  headers: {
    Authorization: string;
    'X-Token-Type': 'LongTicket';
    'Content-Type': 'application/json; charset=UTF-8';
  };
  body: AppAuthBody;
  signature: string;
  expireTime: number;
  nonce: string;
}

/** Builds the `Authorization` header value from a signature and appId. */
export function appAuthHeader(signature: string, appId: string): string {
  return `HMAC-SHA256 signature=${signature},access=${Buffer.from(appId, 'utf8').toString('base64')}`;
}

/** Computes expireTime (epoch seconds) from a clock and a lifetime; 0 when the lifetime is 0. */
export function expireTimeFrom(
  now: number | Date | undefined,
  ttlSeconds: number | undefined,
  allowNever: boolean,
) {
  const ttl = checkWholeNumber(
    'ttlSeconds',
    ttlSeconds ?? DEFAULT_TTL_SECONDS,
    allowNever ? 0 : 1,
    MAX_TTL_SECONDS,
  );
  return ttl === 0 ? 0 : Math.floor(epochMillis(now) / 1000) + ttl;
}

/** Signs an App ID authentication request: headers and JSON body, ready to send. */
export function signAppAuth(options: SignAppAuthOptions): AppAuthRequest {
  const allowNeverExpire = options.allowNeverExpire === true;
  const expireTime = expireTimeFrom(options.now, options.ttlSeconds, allowNeverExpire);
  const nonce = options.nonce ?? createNonce();
  const signature = createSignature({ ...options, expireTime, nonce, allowNeverExpire });
  const body: AppAuthBody = { appId: options.appId, clientType: API_CLIENT_TYPE, expireTime, nonce };
  if (options.tenancy === 'multi' && options.corpId) body.corpId = options.corpId;
  if (options.userId) body.userId = options.userId;
  if (options.userName !== undefined) body.userName = options.userName;
  if (options.userEmail !== undefined) body.userEmail = options.userEmail;
  if (options.userPhone !== undefined) body.userPhone = options.userPhone;
  if (options.deptCode !== undefined) body.deptCode = options.deptCode;
  const authorization = appAuthHeader(signature, options.appId);
  return {
    authorization,
    headers: {
      Authorization: authorization,
      'X-Token-Type': 'LongTicket',
      'Content-Type': 'application/json; charset=UTF-8',
    },
    body,
    signature,
    expireTime,
    nonce,
  };
}

/** The parts of an App ID `Authorization` header; `appId` is absent when the `access=` part was left out. */
export interface ParsedAppAuthHeader {
  signature: string;
  appId?: string;
}

const APP_AUTH_HEADER = /^HMAC-SHA256\s+signature=([0-9a-fA-F]{64})(?:\s*,\s*access=([A-Za-z0-9+/=]*))?\s*$/;

/** Parses an App ID `Authorization` header; returns undefined when it is not of that form. */
export function parseAppAuthHeader(header: string | undefined): ParsedAppAuthHeader | undefined {
  const match = header === undefined ? null : APP_AUTH_HEADER.exec(header);
  if (!match?.[1]) return undefined;
  const parsed: ParsedAppAuthHeader = { signature: match[1] };
  if (match[2]) parsed.appId = Buffer.from(match[2], 'base64').toString('utf8');
  return parsed;
}
