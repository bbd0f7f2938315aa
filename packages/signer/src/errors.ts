/** Stable codes of every refusal the signer makes; each names what was wrong. */
export const SignerErrorCode = {
  /** A required field (appId, appKey) is empty or missing. */
  EMPTY_FIELD: 'EMPTY_FIELD',
  /** A field that is joined with `:` contains a colon, which would make the signed data ambiguous. */
  COLON_IN_FIELD: 'COLON_IN_FIELD',
  /** A field is not a string where a string is required. */
  INVALID_TYPE: 'INVALID_TYPE',
  /** The nonce is not 32 to 64 characters long. */
  INVALID_NONCE: 'INVALID_NONCE',
  /** The expireTime is not a whole, non-negative number of seconds. */
  INVALID_EXPIRE_TIME: 'INVALID_EXPIRE_TIME',
  /** The expireTime looks like milliseconds rather than seconds. */
  EXPIRE_TIME_IN_MILLISECONDS: 'EXPIRE_TIME_IN_MILLISECONDS',
  /** expireTime 0 (never expires) was given without `allowNeverExpire: true`. */
  NEVER_EXPIRE_NOT_ALLOWED: 'NEVER_EXPIRE_NOT_ALLOWED',
  /** A corpId was given in single-enterprise tenancy, where the server refuses it. */
  CORP_ID_IN_SINGLE_TENANCY: 'CORP_ID_IN_SINGLE_TENANCY',
  /** The tenancy is neither `single` nor `multi`. */
  INVALID_TENANCY: 'INVALID_TENANCY',
  /** A numeric option (nonce length, ttlSeconds, skewSeconds) is out of range. */
  INVALID_OPTION: 'INVALID_OPTION',
  /** The signature is not 64 hexadecimal characters. */
  MALFORMED_SIGNATURE: 'MALFORMED_SIGNATURE',
  /** The signature does not match the data and key. */
  SIGNATURE_MISMATCH: 'SIGNATURE_MISMATCH',
  /** The signature's expireTime has passed (beyond the skew tolerance). */
  SIGNATURE_EXPIRED: 'SIGNATURE_EXPIRED',
} as const;

/** One of the {@link SignerErrorCode} values. */
export type SignerErrorCode = (typeof SignerErrorCode)[keyof typeof SignerErrorCode];

/** Thrown (or, by `verifySignature`, returned) when an input is refused; `field` names the culprit. */
export class SignerError extends Error {
  override readonly name = 'SignerError';
  readonly code: SignerErrorCode;
  readonly field: string | undefined;

  constructor(code: SignerErrorCode, message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
