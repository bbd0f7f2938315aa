import { randomBytes } from 'node:crypto';
import { lineText } from '@hwmeeting/client/wire';
import type { GraphQLError } from 'graphql';
import { createRemoteJWKSet, type JWTPayload, errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { GatewayErrorCode, gatewayError } from '../errors.js';

/** Why a token was refused: the `extensions.reason` of its UNAUTHENTICATED error. */
export const TokenRefusal = {
  /** No credentials at all. */
  MISSING: 'TOKEN_MISSING',
  /** Credentials that are not `Bearer <token>`. */
  MALFORMED: 'TOKEN_MALFORMED',
  /** Not a JWT, a bad signature, another issuer or audience, bad claims: the same token will never pass. */
  INVALID: 'TOKEN_INVALID',
  /** A valid token past its `exp`: a fresh one will pass. */
  EXPIRED: 'TOKEN_EXPIRED',
} as const;
/** One of the {@link TokenRefusal} values. */
export type TokenRefusal = (typeof TokenRefusal)[keyof typeof TokenRefusal];

/** The `extensions.reason` of a token that could not be checked: the identity provider's keys could not be read. */
export const KEYS_UNAVAILABLE = 'KEYS_UNAVAILABLE';

/**
 * True when jose could not read the key set (JWT_JWKS_URL unreachable, timing out, or not a key set): the token
 * is not known to be bad, so the refusal must say "try again later". A key set without the token's key, a bad
 * signature or bad claims are the token's fault.
 */
function keysUnreadable(error: unknown): boolean {
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) return true;
  // A failed fetch (connection refused, DNS, TLS) surfaces as a non-jose error.
  return !(error instanceof joseErrors.JOSEError);
}

/** The UNAUTHENTICATED error of a refused token, saying why in `extensions.reason`. */
export function tokenRefused(reason: TokenRefusal, message: string): GraphQLError {
  return gatewayError(GatewayErrorCode.UNAUTHENTICATED, message, { reason });
}

/** Who is calling: the JWT subject, whether they are an administrator, and when their token expires. */
export interface Viewer {
  /** The JWT `sub`: the third-party user ID the gateway acts as upstream. */
  userId: string;
  /** The JWT's `roles` contain `admin`: acts upstream as the enterprise administrator. */
  isAdmin: boolean;
  /** Token expiry, epoch ms (undefined when the token has no `exp`). */
  expiresAtMs: number | undefined;
}

/** Settings of {@link createAuthenticator}. */
export interface AuthSettings {
  /** HS256 key; when absent and no JWKS URL is set, a random development key is generated. */
  secret?: string | undefined;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
  /** Longest lifetime accepted, seconds: `exp - iat`, or `exp - now` without `iat` (default 24 h). */
  maxLifetimeSeconds?: number | undefined;
}

/** Default of {@link AuthSettings.maxLifetimeSeconds} (JWT_MAX_LIFETIME_SECONDS). */
export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

const claimsSchema = z.looseObject({
  // The subject is the third-party user ID the gateway sends upstream: free text under the same rule.
  sub: lineText()
    .min(1)
    .max(256)
    .refine((v) => !v.includes(':'), { error: 'must not contain ":"' }),
  roles: z.union([z.array(z.string()), z.string().transform((v) => v.split(/[\s,]+/))]).optional(),
  // A token without exp would never expire: a leaked one would work forever.
  exp: z.number({ error: 'is required (the token must expire)' }),
  iat: z.number().optional(),
});

/** Verifies front-end JWTs (HS256 secret or JWKS) and issues development tokens. */
export interface Authenticator {
  /** Verifies a bearer token; throws UNAUTHENTICATED with the reason. */
  verify(token: string | undefined): Promise<Viewer>;
  /** Signs a development token (only with a local HS256 key). */
  issue(subject: string, roles: string[], ttlSeconds: number): Promise<string>;
  /** True when the key was generated at start-up (development). */
  readonly generatedKey: boolean;
}

/** Most verified tokens remembered at once. */
const VERIFIED_CACHE_SIZE = 10_000;

/** Builds the authenticator from settings. */
export function createAuthenticator(settings: AuthSettings): Authenticator {
  const generatedKey = !settings.secret && !settings.jwksUrl;
  const maxLifetimeSeconds = settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const secret = settings.secret ?? (generatedKey ? randomBytes(32).toString('base64url') : undefined);
  const key = secret ? new TextEncoder().encode(secret) : undefined;
  const jwks = settings.jwksUrl ? createRemoteJWKSet(new URL(settings.jwksUrl)) : undefined;
  const options = {
    ...(settings.issuer ? { issuer: settings.issuer } : {}),
    ...(settings.audience ? { audience: settings.audience } : {}),
  };
  // Verified tokens, so that a client's every request does not redo the HMAC or signature check; an entry
  // lives until the token's expiry, at most five minutes (a JWKS key rotation is seen within that time).
  const verified = new Map<string, { viewer: Viewer; untilMs: number }>();
  return {
    generatedKey,
    async verify(token) {
      if (!token) throw tokenRefused(TokenRefusal.MISSING, 'a bearer token is required');
      const cached = verified.get(token);
      if (cached && Date.now() < cached.untilMs) return cached.viewer;
      if (cached) verified.delete(token);
      const viewer = await verifyToken(token);
      if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value as string);
      verified.set(token, {
        viewer,
        untilMs: Math.min(viewer.expiresAtMs ?? Number.POSITIVE_INFINITY, Date.now() + 300_000),
      });
      return viewer;
    },
    async issue(subject, roles, ttlSeconds) {
      if (!key) throw new Error('development tokens need a local HS256 key (JWT_SECRET or none at all)');
      let jwt = new SignJWT({ roles }).setProtectedHeader({ alg: 'HS256' }).setSubject(subject).setIssuedAt();
      jwt = jwt.setExpirationTime(`${ttlSeconds}s`);
      if (settings.issuer) jwt = jwt.setIssuer(settings.issuer);
      if (settings.audience) jwt = jwt.setAudience(settings.audience);
      return jwt.sign(key);
    },
  };

  async function verifyToken(token: string): Promise<Viewer> {
    let payload: JWTPayload;
    try {
      payload = key
        ? (await jwtVerify(token, key, { ...options, algorithms: ['HS256'] })).payload
        : (await jwtVerify(token, jwks as NonNullable<typeof jwks>, options)).payload;
    } catch (error) {
      // jose checks the signature before the claims: only a token of ours is ever reported expired.
      if (error instanceof joseErrors.JWTExpired)
        throw tokenRefused(TokenRefusal.EXPIRED, 'the token has expired');
      if (jwks && !key && keysUnreadable(error)) {
        throw gatewayError(
          GatewayErrorCode.UPSTREAM_UNAVAILABLE,
          "the identity provider's keys (JWT_JWKS_URL) cannot be read; try again later",
          { reason: KEYS_UNAVAILABLE },
        );
      }
      throw tokenRefused(TokenRefusal.INVALID, 'the token is not valid');
    }
    const claims = claimsSchema.safeParse(payload);
    if (!claims.success) {
      const issue = claims.error.issues[0];
      throw tokenRefused(TokenRefusal.INVALID, `token claim ${issue?.path.join('.')}: ${issue?.message}`);
    }
    const { exp, iat } = claims.data;
    const lifetime = exp - (iat ?? Date.now() / 1000);
    if (lifetime > maxLifetimeSeconds) {
      throw tokenRefused(
        TokenRefusal.INVALID,
        `token lifetime (exp - ${iat === undefined ? 'now' : 'iat'}) of ${Math.round(lifetime)} s exceeds the ${maxLifetimeSeconds} s allowed`,
      );
    }
    return {
      userId: claims.data.sub,
      isAdmin: claims.data.roles?.includes('admin') ?? false,
      expiresAtMs: exp * 1000,
    };
  }
}

/**
 * The token of a `Bearer <token>` credential (an `Authorization` header, graphql-ws `connectionParams`
 * authorization), the scheme in any case; throws the UNAUTHENTICATED error of a missing or malformed one, naming
 * `where` it was looked for.
 */
export function requiredBearerToken(value: unknown, where: string): string {
  if (value === undefined || value === null || value === '') {
    throw tokenRefused(TokenRefusal.MISSING, `a bearer token is required (${where})`);
  }
  const token = bearerToken(value);
  if (!token) throw tokenRefused(TokenRefusal.MALFORMED, `${where} must be "Bearer <token>"`);
  return token;
}

/** The token of an `Authorization: Bearer <token>` header (or graphql-ws connectionParams value). */
export function bearerToken(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(value.trim());
  return match?.[1];
}
