import { SEED_ACCOUNTS, type Simulator, startSimulator } from '@hwmeeting/simulator';
import type { GatewayEnv } from './config.js';

/** Where the gateway's upstream is: the configured service, or an embedded simulator it started. */
export interface Upstream {
  endpoint: string;
  appId: string;
  appKey: string;
  /** Present when the gateway runs on the embedded simulator. */
  simulator: Simulator | undefined;
  /** The embedded simulator's seeded users, offered to the console's development sign-in; none upstream. */
  devUsers: DevUser[] | undefined;
}

/** A seeded user of the embedded simulator that the console's development sign-in offers. */
export interface DevUser {
  /** The user's upstream ID (the token's subject). */
  userId: string;
  name: string;
  /** Signs in as an administrator. */
  admin: boolean;
}

/** The demo seed's users: the enterprise's default administrator as an administrator, the others as members. */
export function seededDevUsers(): DevUser[] {
  return Object.values(SEED_ACCOUNTS).map((account) => ({
    userId: account.thirdAccount,
    name: account.name,
    admin: account.thirdAccount === SEED_ACCOUNTS.admin.thirdAccount,
  }));
}

/**
 * The configured upstream; without App ID credentials, an embedded simulator (demo seed, activity on) on an
 * ephemeral loopback port.
 */
export async function resolveUpstream(env: GatewayEnv): Promise<Upstream> {
  if (env.HWMEETING_APP_ID && env.HWMEETING_APP_KEY) {
    return {
      endpoint: env.HWMEETING_ENDPOINT ?? 'https://api-intl.meeting.huaweicloud.com',
      appId: env.HWMEETING_APP_ID,
      appKey: env.HWMEETING_APP_KEY,
      simulator: undefined,
      devUsers: undefined,
    };
  }
  const simulator = await startSimulator({ seed: 'demo', port: 0, activity: env.EMBEDDED_ACTIVITY });
  return {
    endpoint: simulator.url,
    appId: simulator.appId,
    appKey: simulator.appKey,
    simulator,
    devUsers: seededDevUsers(),
  };
}
