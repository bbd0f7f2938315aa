import type { CallOptions, MeetingClient } from '@hwmeeting/client';
import type { Logger } from 'pino';
import type { Viewer } from './auth/jwt.js';
import type { Loaders } from './loaders.js';
import type { LiveEvents } from './subscriptions/live.js';

/** What every resolver gets: who calls, how the gateway acts for them upstream, and per-request loaders. */
export interface GatewayContext {
  viewer: Viewer;
  /** The upstream identity: the viewer's own userId, or the administrator for admin viewers. */
  identity: CallOptions;
  client: MeetingClient;
  loaders: Loaders;
  logger: Logger;
  /** Upstream user UUID of the viewer's identity, resolved once per request when needed. */
  upstreamUserId: () => Promise<string | undefined>;
  /** The gateway's live side: meeting streams (one upstream socket per meeting) and enterprise events. */
  live: LiveEvents;
}

/** The upstream identity of a viewer: administrators act as the enterprise administrator. */
export function identityOf(viewer: Viewer, adminUserId: string | undefined): CallOptions {
  return viewer.isAdmin ? { userId: adminUserId } : { userId: viewer.userId };
}
