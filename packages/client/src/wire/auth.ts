import { appAuthBodySchema } from '@hwmeeting/signer';
import { z } from 'zod';
import { emptyResponse } from './common.js';
import { defineOperation } from './operation.js';

export { type AppAuthBody, appAuthBodySchema } from '@hwmeeting/signer';

/** `UserInfo` inside a token answer (rest-api.md 2.0.1); only `ucloginAccount` is always present. */
export const userInfoSchema = z.looseObject({
  userId: z.string().optional(),
  ucloginAccount: z.string(),
  serviceAccount: z.string().optional(),
  alias1: z.string().optional(),
  companyId: z.string().optional(),
  spId: z.string().optional(),
  companyDomain: z.string().optional(),
  realm: z.string().optional(),
  userType: z.number().int().optional(),
  adminType: z.number().int().optional(),
  name: z.string().optional(),
  nameEn: z.string().optional(),
  isBindPhone: z.boolean().optional(),
  freeUser: z.boolean().optional(),
  thirdAccount: z.string().optional(),
  visionAccount: z.string().optional(),
  headPictureUrl: z.string().optional(),
  status: z.number().int().optional(),
  weLinkUser: z.boolean().optional(),
  appId: z.string().optional(),
  corpType: z.number().int().optional(),
  cloudUserId: z.string().optional(),
  grayUser: z.boolean().optional(),
});
/** The authenticated user of a token. */
export type UserInfo = z.infer<typeof userInfoSchema>;

/** `AccessTokenResponse`: the answer of App ID login, account login, validate and refresh. */
export const accessTokenResponseSchema = z.looseObject({
  accessToken: z.string().min(1),
  tokenIp: z.string().optional(),
  /** Remaining validity of the access token, seconds. */
  validPeriod: z.number().int(),
  /** Access-token expiry, epoch seconds. */
  expireTime: z.number().int(),
  /** Creation, epoch milliseconds. */
  createTime: z.number().int().optional(),
  user: userInfoSchema.optional(),
  clientType: z.number().int().optional(),
  forceLoginInd: z.number().int().nullable().optional(),
  firstLogin: z.boolean().optional(),
  pwdExpired: z.boolean().optional(),
  daysPwdAvailable: z.number().int().optional(),
  proxyToken: z.looseObject({}).nullable().optional(),
  delayDelete: z.boolean().optional(),
  /** 0 user access token, 1 meeting-control token, 2 one-time token. */
  tokenType: z.number().int().optional(),
  refreshToken: z.string().optional(),
  refreshValidPeriod: z.number().int().optional(),
  /** Refresh-token expiry, epoch seconds. */
  refreshExpireTime: z.number().int().optional(),
  refreshCreateTime: z.number().int().optional(),
});
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

/** A4: refresh; `X-Access-Token` carries the refresh token (reference README decision). */
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
