import { appAuthBodySchema } from '@hwmeeting/signer';
import { z } from 'zod';
import { emptyResponse } from './common.js';
import { defineOperation } from './operation.js';
import { tolerantRecord } from './tolerant.js';

export { type AppAuthBody, appAuthBodySchema } from '@hwmeeting/signer';

/** `UserInfo` inside a token answer (rest-api.md 2.0.1); only `ucloginAccount` is required. */
export const userInfoSchema = tolerantRecord(
  'UserInfo',
  {
    ucloginAccount: z.string(),
  },
  {
    userId: z.string(),
    serviceAccount: z.string(),
    alias1: z.string(),
    companyId: z.string(),
    spId: z.string(),
    companyDomain: z.string(),
    realm: z.string(),
    userType: z.number().int(),
    adminType: z.number().int(),
    name: z.string(),
    nameEn: z.string(),
    isBindPhone: z.boolean(),
    freeUser: z.boolean(),
    thirdAccount: z.string(),
    visionAccount: z.string(),
    headPictureUrl: z.string(),
    status: z.number().int(),
    weLinkUser: z.boolean(),
    appId: z.string(),
    corpType: z.number().int(),
    cloudUserId: z.string(),
    grayUser: z.boolean(),
  },
);
/** The authenticated user of a token. */
export type UserInfo = z.infer<typeof userInfoSchema>;

/**
 * `AccessTokenResponse`: the answer of App ID login, account login, validate and refresh. Requires the token and
 * its remaining validity, without which the client could not use it.
 */
export const accessTokenResponseSchema = tolerantRecord(
  'AccessTokenResponse',
  {
    accessToken: z.string().min(1),
    /** Remaining validity of the access token, seconds. */
    validPeriod: z.number().int(),
  },
  {
    tokenIp: z.string(),
    /** Access-token expiry, epoch seconds. */
    expireTime: z.number().int(),
    /** Creation, epoch milliseconds. */
    createTime: z.number().int(),
    user: userInfoSchema,
    clientType: z.number().int(),
    forceLoginInd: z.number().int().nullable(),
    firstLogin: z.boolean(),
    pwdExpired: z.boolean(),
    daysPwdAvailable: z.number().int(),
    proxyToken: z.looseObject({}).nullable(),
    delayDelete: z.boolean(),
    /** 0 user access token, 1 meeting-control token, 2 one-time token. */
    tokenType: z.number().int(),
    refreshToken: z.string(),
    refreshValidPeriod: z.number().int(),
    /** Refresh-token expiry, epoch seconds. */
    refreshExpireTime: z.number().int(),
    refreshCreateTime: z.number().int(),
  },
);
/** A token answer. */
export type AccessTokenResponse = z.infer<typeof accessTokenResponseSchema>;

/** Body of account/password login (A2). */
export const accountAuthBodySchema = z.object({
  account: z.string().min(1).max(255),
  clientType: z.number().int(),
  HA2: z.string().optional(),
  createTokenType: z.union([z.literal(0), z.literal(1)]).optional(),
});
/** Body of account/password login. */
export type AccountAuthBody = z.infer<typeof accountAuthBodySchema>;

/** Body of token validation (A3). */
export const validateTokenBodySchema = z.object({
  token: z.string().min(1),
  needGenNewToken: z.boolean(),
  needAccountInfo: z.boolean().optional(),
});
/** Body of token validation. */
export type ValidateTokenBody = z.infer<typeof validateTokenBodySchema>;

/** Headers of App ID login; the signature travels in `Authorization`. */
export const appAuthHeadersSchema = z.object({
  Authorization: z.string(),
  'X-Token-Type': z.literal('LongTicket').optional(),
});

/** A1: App ID authentication. */
export const createAppIdToken = defineOperation({
  name: 'createAppIdToken',
  area: 'auth',
  method: 'POST',
  path: '/v2/usg/acs/auth/appauth',
  auth: 'login',
  body: appAuthBodySchema,
  response: accessTokenResponseSchema,
  // Safe to resend: each attempt is signed afresh and only issues another token.
  idempotent: true,
});

/** A2: account/password authentication (`Authorization: Basic base64(account:password)`). */
export const createToken = defineOperation({
  name: 'createToken',
  area: 'auth',
  method: 'POST',
  path: '/v1/usg/acs/auth/account',
  auth: 'login',
  body: accountAuthBodySchema,
  response: accessTokenResponseSchema,
  idempotent: true,
});

/** A3: validate a token (no token header; the token is in the body). */
export const checkToken = defineOperation({
  name: 'checkToken',
  area: 'auth',
  method: 'POST',
  path: '/v1/usg/acs/token/validate',
  auth: 'none',
  body: validateTokenBodySchema,
  response: accessTokenResponseSchema,
  idempotent: true,
});

/** A4: refresh; `X-Access-Token` carries the access token it extends (published-behaviour.md section 4). */
export const updateToken = defineOperation({
  name: 'updateToken',
  area: 'auth',
  method: 'PUT',
  path: '/v1/usg/acs/token',
  auth: 'login',
  response: accessTokenResponseSchema,
  idempotent: false,
});

/** A5: logout; `X-Access-Token` is the token to invalidate. */
export const deleteToken = defineOperation({
  name: 'deleteToken',
  area: 'auth',
  method: 'DELETE',
  path: '/v1/usg/acs/token',
  auth: 'access',
  response: emptyResponse,
  idempotent: true,
});

/** Every authentication operation. */
export const authOperations = {
  createAppIdToken,
  createToken,
  checkToken,
  updateToken,
  deleteToken,
} as const;
