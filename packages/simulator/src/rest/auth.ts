import { authOperations } from '@hwmeeting/client/wire';
import { parseAppAuthHeader, verifySignature } from '@hwmeeting/signer';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import { on, type Route } from '../http/router.js';
import type { Store, TokenRecord, UserRecord } from '../state/store.js';

/** Seconds of clock skew the simulator tolerates on App ID signatures. */
const SIGNATURE_SKEW_SECONDS = 60;

/** The published `AccessTokenResponse` of a token. */
export function tokenResponse(store: Store, token: TokenRecord, user: UserRecord) {
  const now = store.clock.now();
  return {
    accessToken: token.accessToken,
    tokenIp: '127.0.0.1',
    validPeriod: Math.max(0, Math.round((token.expiresAtMs - now) / 1000)),
    expireTime: Math.floor(token.expiresAtMs / 1000),
    createTime: token.createdAtMs,
    user: {
      userId: user.id,
      ucloginAccount: user.userAccount,
      serviceAccount: `sip:${user.sipNum}@huaweicloud.com`,
      companyId: store.corp.id,
      spId: store.corp.spId,
      companyDomain: store.corp.domain,
      realm: 'huaweicloud.com',
      userType: 2,
      adminType: user.adminType,
      name: user.name,
      ...(user.englishName ? { nameEn: user.englishName } : {}),
      isBindPhone: Boolean(user.phone),
      freeUser: false,
      ...(user.thirdAccount ? { thirdAccount: user.thirdAccount } : {}),
      status: user.status,
      weLinkUser: false,
      ...(token.appId ? { appId: token.appId } : {}),
      corpType: 0,
      grayUser: false,
    },
    clientType: token.clientType,
    forceLoginInd: null,
    firstLogin: false,
    pwdExpired: false,
    daysPwdAvailable: 90,
    proxyToken: null,
    delayDelete: false,
    tokenType: 0,
    refreshToken: token.refreshToken,
    refreshValidPeriod: Math.max(0, Math.round((token.refreshExpiresAtMs - now) / 1000)),
    refreshExpireTime: Math.floor(token.refreshExpiresAtMs / 1000),
    refreshCreateTime: token.createdAtMs,
  };
}

function requireEnabled(user: UserRecord): void {
  if (user.status === 1) throw new SimHttpError(412, SimErrorCode.USG_ACCOUNT_DISABLED, 'account disabled');
}

function forgetExpiredNonces(store: Store): void {
  const now = store.clock.nowSeconds();
  for (const [nonce, expire] of store.usedNonces) {
    if (expire !== 0 && expire + SIGNATURE_SKEW_SECONDS < now) store.usedNonces.delete(nonce);
  }
}

/** Authentication routes: App ID, account/password, validate, refresh, logout. */
export const authRoutes: Route[] = [
  on(authOperations.createAppIdToken, ({ store, body, rawHeaders }) => {
    const header = rawHeaders.authorization;
    const parsed = parseAppAuthHeader(typeof header === 'string' ? header : undefined);
    if (!parsed) {
      throw new SimHttpError(
        401,
        SimErrorCode.USG_APP_AUTH_FAILED,
        'Authorization must be HMAC-SHA256 signature=<hex>,access=<base64 appId>',
      );
    }
    const app = store.apps.get(body.appId);
    if (!app || (parsed.appId !== undefined && parsed.appId !== body.appId)) {
      throw new SimHttpError(401, SimErrorCode.USG_APP_AUTH_FAILED, 'App ID verification failed');
    }
    if (app.tenancy === 'single' && body.corpId) {
      throw new SimHttpError(
        401,
        SimErrorCode.USG_APP_AUTH_FAILED,
        'corpId is not accepted for a single-enterprise app',
      );
    }
    const verdict = verifySignature({
      appId: body.appId,
      appKey: app.appKey,
      userId: body.userId,
      corpId: app.tenancy === 'multi' ? body.corpId : undefined,
      tenancy: app.tenancy,
      expireTime: body.expireTime,
      nonce: body.nonce,
      signature: parsed.signature,
      now: store.clock.now(),
      skewSeconds: SIGNATURE_SKEW_SECONDS,
      allowNeverExpire: true,
    });
    if (!verdict.ok) {
      const expired = verdict.error.code === 'SIGNATURE_EXPIRED';
      throw new SimHttpError(
        401,
        expired ? SimErrorCode.USG_APP_AUTH_EXPIRED : SimErrorCode.USG_APP_AUTH_FAILED,
        expired ? 'App ID signature expired' : 'App ID verification failed',
      );
    }
    forgetExpiredNonces(store);
    if (store.usedNonces.has(body.nonce)) {
      throw new SimHttpError(401, SimErrorCode.USG_APP_AUTH_FAILED, 'nonce already used');
    }
    store.usedNonces.set(body.nonce, body.expireTime);
    let user = body.userId ? store.userByThirdAccount(body.userId) : store.defaultAdmin();
    if (!user && body.userId) {
      // First authentication creates and binds a meeting account for the third-party user.
      user = store.addUser({
        name: body.userName ?? body.userId,
        thirdAccount: body.userId,
        email: body.userEmail,
        phone: body.userPhone,
        deptCode: body.deptCode && store.departments.has(body.deptCode) ? body.deptCode : '1',
      });
    }
    if (!user) throw new SimHttpError(401, SimErrorCode.USG_APP_AUTH_FAILED, 'App ID verification failed');
    requireEnabled(user);
    const token = store.issueToken(user, body.clientType, body.appId);
    return { body: tokenResponse(store, token, user) };
  }),

  on(authOperations.createToken, ({ store, body, rawHeaders }) => {
    const header = typeof rawHeaders.authorization === 'string' ? rawHeaders.authorization : '';
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(header);
    const decoded = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    if (colon < 0)
      throw new SimHttpError(
        401,
        SimErrorCode.USG_BAD_CREDENTIALS,
        'Authorization must be Basic base64(account:password)',
      );
    const account = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = store.userByAccount(account);
    if (!user || account !== body.account || user.password === undefined || user.password !== password) {
      throw new SimHttpError(401, SimErrorCode.USG_BAD_CREDENTIALS, 'wrong account or password');
    }
    requireEnabled(user);
    const token = store.issueToken(user, body.clientType);
    return { body: tokenResponse(store, token, user) };
  }),

  on(authOperations.checkToken, ({ store, body }) => {
    const token = store.validToken(body.token);
    const user = token ? store.users.get(token.userId) : undefined;
    if (!token || !user)
      throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
    const answered = body.needGenNewToken ? store.issueToken(user, token.clientType, token.appId) : token;
    return { body: tokenResponse(store, answered, user) };
  }),

  // published-behaviour.md §4: `X-Access-Token` holds the access token (English page, SDKs) or the refresh token
  // (a later Chinese page); both are accepted and answered in the same shape.
  on(authOperations.updateToken, ({ store, rawHeaders }) => {
    const header = rawHeaders['x-access-token'];
    const sent = typeof header === 'string' ? header : '';
    const access = store.validToken(sent);
    if (access) {
      const user = store.users.get(access.userId);
      if (!user) throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
      requireEnabled(user);
      // UNVERIFIED (published-behaviour.md §4): the access token's validity is extended and the same token is
      // answered, so whoever holds it keeps working with it.
      access.expiresAtMs = store.clock.now() + store.tokenLifetimeSeconds * 1000;
      return { body: tokenResponse(store, access, user) };
    }
    const accessToken = store.refreshTokens.get(sent);
    const old = accessToken ? store.tokens.get(accessToken) : undefined;
    const user = old ? store.users.get(old.userId) : undefined;
    if (!old || !user || store.clock.now() >= old.refreshExpiresAtMs) {
      throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
    }
    requireEnabled(user);
    store.revokeToken(old.accessToken);
    const token = store.issueToken(user, old.clientType, old.appId);
    return { body: tokenResponse(store, token, user) };
  }),

  on(authOperations.deleteToken, ({ store, caller }) => {
    if (caller) store.revokeToken(caller.token.accessToken);
    return {};
  }),
];
