import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import type { GatewayEnv } from './config.js';

/** Where the gateway's upstream is: the configured service, or an embedded simulator it started. */
export interface Upstream {
  endpoint: string;
  appId: string;
  appKey: string;
  /** Present when the gateway runs on the embedded simulator. */
  simulator: Simulator | undefined;
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
    };
  }
  const simulator = await startSimulator({ seed: 'demo', port: 0, activity: env.EMBEDDED_ACTIVITY });
  return { endpoint: simulator.url, appId: simulator.appId, appKey: simulator.appKey, simulator };
}
