import { SignerError, SignerErrorCode } from './errors.js';

/** `single`: one enterprise (`appId:userId:expireTime:nonce`); `multi`: service provider (corpId inserted). */
export type Tenancy = 'single' | 'multi';

export const NONCE_MIN_LENGTH = 32;
export const NONCE_MAX_LENGTH = 64;
/** Epoch seconds above this are taken for milliseconds (1e11 s is the year 5138; 1e11 ms is 1973). */
const MAX_PLAUSIBLE_EPOCH_SECONDS = 100_000_000_000;

/** The data fields shared by every signing and verifying call. */
export interface SignedFields {
  appId: string;
  appKey: string;
  userId?: string | undefined;
  corpId?: string | undefined;
  expireTime: number;
  nonce: string;
  tenancy?: Tenancy | undefined;
  /** Opt in to `expireTime: 0` (never expires); the Developer Guide warns it allows replay. */
  allowNeverExpire?: boolean | undefined;
}

function requireString(field: string, value: unknown, optional: boolean): string {
  if (value === undefined && optional) return '';
  if (typeof value !== 'string') {
    throw new SignerError(SignerErrorCode.INVALID_TYPE, `${field} must be a string`, field);
  }
  return value;
}

function requireNonEmpty(field: string, value: unknown): string {
  const text = requireString(field, value, false);
  if (text.length === 0)
    throw new SignerError(SignerErrorCode.EMPTY_FIELD, `${field} must not be empty`, field);
  return text;
}

function forbidColon(field: string, value: string): string {
  if (value.includes(':')) {
    throw new SignerError(
      SignerErrorCode.COLON_IN_FIELD,
      `${field} must not contain ':' (it would make the signed data ambiguous)`,
      field,
    );
  }
  return value;
}

/** Checks a tenancy value, defaulting to `single`. */
export function checkTenancy(tenancy: unknown): Tenancy {
  if (tenancy === undefined || tenancy === 'single') return 'single';
  if (tenancy === 'multi') return 'multi';
  throw new SignerError(SignerErrorCode.INVALID_TENANCY, `tenancy must be 'single' or 'multi'`, 'tenancy');
}

/** Checks a nonce's type and length. */
export function checkNonce(nonce: unknown): string {
  const text = requireString('nonce', nonce, false);
  if (text.length < NONCE_MIN_LENGTH || text.length > NONCE_MAX_LENGTH) {
    throw new SignerError(
      SignerErrorCode.INVALID_NONCE,
      `nonce must be ${NONCE_MIN_LENGTH} to ${NONCE_MAX_LENGTH} characters, got ${text.length}`,
      'nonce',
    );
  }
  return text;
}

/** Checks an expireTime: whole epoch seconds, not milliseconds, and 0 only when opted in. */
export function checkExpireTime(expireTime: unknown, allowNeverExpire: boolean): number {
  if (typeof expireTime !== 'number' || !Number.isSafeInteger(expireTime) || expireTime < 0) {
    throw new SignerError(
      SignerErrorCode.INVALID_EXPIRE_TIME,
      'expireTime must be a whole, non-negative number of seconds since the epoch',
      'expireTime',
    );
  }
  if (expireTime >= MAX_PLAUSIBLE_EPOCH_SECONDS) {
    throw new SignerError(
      SignerErrorCode.EXPIRE_TIME_IN_MILLISECONDS,
      'expireTime looks like milliseconds; it must be seconds since the epoch',
      'expireTime',
    );
  }
  if (expireTime === 0 && !allowNeverExpire) {
    throw new SignerError(
      SignerErrorCode.NEVER_EXPIRE_NOT_ALLOWED,
      'expireTime 0 never expires and allows replay; pass allowNeverExpire: true to use it',
      'expireTime',
    );
  }
  return expireTime;
}

/** Checks the identity fields and returns the exact UTF-8 data string to sign. */
export function signingData(fields: Omit<SignedFields, 'appKey'>): string {
  // Fast path for the common single-enterprise case, a strict subset of what checkedSigningData accepts and
  // built the same way; signing is on the hot path of every login, so it avoids the per-field calls.
  const { appId, userId = '', corpId, expireTime, nonce, tenancy } = fields;
  if (
    (tenancy === undefined || tenancy === 'single') &&
    (corpId === undefined || corpId === '') &&
    typeof appId === 'string' &&
    appId.length > 0 &&
    !appId.includes(':') &&
    typeof userId === 'string' &&
    !userId.includes(':') &&
    typeof nonce === 'string' &&
    nonce.length >= NONCE_MIN_LENGTH &&
    nonce.length <= NONCE_MAX_LENGTH &&
    Number.isSafeInteger(expireTime) &&
    expireTime > 0 &&
    expireTime < MAX_PLAUSIBLE_EPOCH_SECONDS
  ) {
    return `${appId}:${userId}:${expireTime}:${nonce}`;
  }
  return checkedSigningData(fields);
}

/** The general path of {@link signingData}: every check, each refusal naming its field. */
function checkedSigningData(fields: Omit<SignedFields, 'appKey'>): string {
  const tenancy = checkTenancy(fields.tenancy);
  const appId = forbidColon('appId', requireNonEmpty('appId', fields.appId));
  const userId = forbidColon('userId', requireString('userId', fields.userId, true));
  const corpId = forbidColon('corpId', requireString('corpId', fields.corpId, true));
  const expireTime = checkExpireTime(fields.expireTime, fields.allowNeverExpire === true);
  const nonce = checkNonce(fields.nonce);
  if (tenancy === 'single') {
    if (corpId !== '') {
      throw new SignerError(
        SignerErrorCode.CORP_ID_IN_SINGLE_TENANCY,
        "corpId is only valid with tenancy 'multi'; the server refuses it for a single enterprise",
        'corpId',
      );
    }
    return `${appId}:${userId}:${expireTime}:${nonce}`;
  }
  return `${appId}:${corpId}:${userId}:${expireTime}:${nonce}`;
}

/** Checks the appKey (non-empty string). */
export function checkAppKey(appKey: unknown): string {
  return requireNonEmpty('appKey', appKey);
}

/** Checks an optional clock value and returns epoch milliseconds. */
export function epochMillis(now: number | Date | undefined): number {
  if (now === undefined) return Date.now();
  const ms = now instanceof Date ? now.getTime() : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms)) {
    throw new SignerError(SignerErrorCode.INVALID_OPTION, 'now must be a Date or epoch milliseconds', 'now');
  }
  return ms;
}

/** Checks a whole-number option within bounds. */
export function checkWholeNumber(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new SignerError(
      SignerErrorCode.INVALID_OPTION,
      `${field} must be a whole number from ${min} to ${max}`,
      field,
    );
  }
  return value;
}
