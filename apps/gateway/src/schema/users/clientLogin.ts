import type { ClientLogin } from '@hwmeeting/signer';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError } from '../../errors.js';

/** Signs a client-SDK login for one third-party user; the App ID credentials stay inside the function. */
export type ClientLoginSigner = (userId: string) => ClientLogin;

/** `issueClientLogin`: what a client SDK needs to log in as the calling user (App ID, third-party client). */
export const clientLoginTypeDefs = /* GraphQL */ `
  "What a Meeting client SDK logs in with (App ID authentication); it never contains the App Key."
  type ClientLogin {
    "The third-party user ID the SDK logs in as: always the caller's own."
    userId: String!
    "Enterprise ID, only for service-provider (multi-enterprise) integrations."
    corpId: String
    "HMAC-SHA256 signature of the login, hexadecimal."
    signature: String!
    "When the signature stops being accepted."
    expireTime: DateTime!
    "Random one-time value that is part of the signed data."
    nonce: String!
  }

  extend type Mutation {
    "Signs a client-SDK login for the calling user (administrators too sign only for themselves)."
    issueClientLogin: ClientLogin!
  }
`;

/** Builds the client-login resolver; without a signer (no App ID credentials) the mutation is refused. */
export function clientLoginResolvers(sign: ClientLoginSigner | undefined) {
  return {
    Mutation: {
      issueClientLogin(_: unknown, __: unknown, context: GatewayContext) {
        if (!sign) {
          throw gatewayError(
            GatewayErrorCode.FORBIDDEN,
            'client logins need App ID credentials on the gateway',
          );
        }
        // Always the caller's own ID: a signature for anybody else would let the caller log in as them.
        const login = sign(context.viewer.userId);
        return {
          userId: login.userId,
          corpId: login.corpId ?? null,
          signature: login.signature,
          expireTime: new Date(login.expireTime * 1000),
          nonce: login.nonce,
        };
      },
    },
  };
}
