import type { CallOptions, MeetingClient } from '@hwmeeting/client';
import type { Logger } from 'pino';
import type { Viewer } from './auth/jwt.js';
import type { LiveEvents } from './live/live.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { GatewayOperation } from './operation.js';

/** What every resolver gets: who calls, how the gateway acts for them upstream, and per-request loaders. */
export interface GatewayContext {
  viewer: Viewer;
  /**
   * The upstream identity (the viewer's own userId, or the administrator for admin viewers), with the operation's
   * signal (aborted past its deadline or at shutdown) and request id: what every upstream call is made with.
   */
  identity: CallOptions;
  /** The running operation (request id, deadline, span); undefined for contexts made outside one. */
  operation: GatewayOperation | undefined;
  client: MeetingClient;
  loaders: Loaders;
  logger: Logger;
  /** Upstream user UUID of the viewer's identity, resolved once per request when needed. */
  upstreamUserId: () => Promise<string | undefined>;
  /**
   * What {@link upstreamUserId} resolved to, once it has (`{ id }`), so that the fields of a page's items read it
   * without a promise each; undefined before, or when it failed (then the fields ask again and report the error).
   */
  knownUpstreamUserId?: () => { id: string | undefined } | undefined;
  /** The gateway's live side: meeting streams (one upstream socket per meeting) and enterprise events. */
  live: LiveEvents;
}

/** The upstream identity of a viewer: administrators act as the enterprise administrator. */
export function identityOf(viewer: Viewer, adminUserId: string | undefined): CallOptions {
  return viewer.isAdmin ? { userId: adminUserId } : { userId: viewer.userId };
}

/** What every request context shares: the upstream client, the log, the live side. */
export interface ContextServices {
  client: MeetingClient;
  logger: Logger;
  live: LiveEvents;
  /** Third-party user the gateway acts as for administrators (undefined: the enterprise's default admin). */
  adminUserId: string | undefined;
}

/**
 * The context of one request or subscription. Loaders and the upstream user are made on first use and the
 * rest lives on the prototype: a subscription's context lasts as long as its socket, and tens of thousands of
 * idle ones should cost little more than their viewer.
 */
export class RequestContext implements GatewayContext {
  readonly identity: CallOptions;
  private madeLoaders: Loaders | undefined;
  private upstreamUser: Promise<string | undefined> | undefined;
  private resolvedUpstreamUser: { id: string | undefined } | undefined;

  constructor(
    readonly viewer: Viewer,
    private readonly services: ContextServices,
    readonly operation: GatewayOperation | undefined = undefined,
  ) {
    const identity = identityOf(viewer, services.adminUserId);
    this.identity = operation
      ? { ...identity, signal: operation.signal, requestId: operation.requestId }
      : identity;
  }

  get client(): MeetingClient {
    return this.services.client;
  }

  get logger(): Logger {
    return this.services.logger;
  }

  get live(): LiveEvents {
    return this.services.live;
  }

  get loaders(): Loaders {
    this.madeLoaders ??= createLoaders(this.services.client, this.identity, this.viewer.isAdmin);
    return this.madeLoaders;
  }

  /** Upstream user UUID of the viewer's identity, resolved once per context. */
  upstreamUserId(): Promise<string | undefined> {
    this.upstreamUser ??= this.services.client.auth
      .token(this.identity.userId, { signal: this.identity.signal })
      .then((token) => {
        const id = token.user?.userId;
        this.resolvedUpstreamUser = { id };
        return id;
      });
    return this.upstreamUser;
  }

  /** The upstream user UUID once {@link upstreamUserId} has resolved it. */
  knownUpstreamUserId(): { id: string | undefined } | undefined {
    return this.resolvedUpstreamUser;
  }
}
