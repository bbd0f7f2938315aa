import type { MeetingClient } from '@hwmeeting/client';
import {
  CursorAheadError,
  emptyStateUpdates,
  enterpriseTopic,
  type LogRetention,
  type MeetingSnapshot,
  MeetingStreams,
  type MeetingSubscriberOptions,
  type PositionedUpdate,
  type PubSub,
  type StreamPosition,
  type SubscriberClient,
  type Subscription,
  type WebhookEvent,
} from '@hwmeeting/events';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { Backplane, EnterpriseTopics } from '../backplane.js';
import { GatewayErrorCode, gatewayError } from '../errors.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { AccessRechecks, type AccessRevoked, revocable } from './accessRechecks.js';
import type { FinalError } from './finalError.js';
import { type LobbyOutcome, type LobbyTimings, MeetingLobby } from './lobby.js';
import { LobbyStream } from './lobbyStream.js';

/** Options of {@link LiveEvents}. */
export interface LiveEventsOptions {
  /**
   * Gets control and WebSocket tokens for the upstream sockets, and the state of meetings waited for in the
   * lobby (the gateway's `MeetingClient`).
   */
  client: SubscriberClient & Pick<MeetingClient, 'meetings'>;
  /** How long a meeting's upstream socket stays open after its last subscriber leaves, ms. */
  graceMs: number;
  /**
   * How long a subscription's first update waits for the meeting server's state, ms; past it the first update
   * is CONNECTING (0: the state as it stands at once).
   */
  firstUpdateWaitMs?: number | undefined;
  /** How subscriptions to meetings not started yet wait (default: a look every 10 s, 30 min past the start). */
  lobby?: LobbyTimings | undefined;
  /** Third-party user the gateway acts as for administrators (undefined: the enterprise's default admin). */
  adminUserId: string | undefined;
  /** The enterprise whose webhook events are published (undefined: the single enterprise). */
  corpId: string | undefined;
  metrics: GatewayMetrics;
  logger: Logger;
  /** The event transport, meeting log and upstream leases (shared by replicas on Redis). */
  backplane: Backplane;
  /** How much of each meeting's stream is kept for resuming subscriptions (in memory; Redis has its own). */
  retention?: LogRetention | undefined;
  /** How often each live viewer's access to the meeting is asked again upstream, ms (0: only at subscribe). */
  reauthorizeMs?: number | undefined;
  /** How often a replica without a meeting's upstream lease tries to take it, ms. */
  leaseRetryMs?: number | undefined;
  /** Timings and WebSocket class of the upstream subscribers (tests shorten them). */
  subscriber?: Omit<MeetingSubscriberOptions, 'userId' | 'onLog'> | undefined;
}

/**
 * The gateway's live side: one `MeetingStreams` (one upstream socket per watched meeting, however many GraphQL
 * subscribers) over an in-memory pub/sub, and the enterprise-event pub/sub fed by the webhook route.
 */
export class LiveEvents {
  /** The meeting streams; one upstream socket per meeting. */
  readonly streams: MeetingStreams;
  private readonly rechecks: AccessRechecks;
  private readonly lobby: MeetingLobby;
  private readonly enterprise: PubSub<EnterpriseTopics>;
  private readonly topic: `enterprise:${string}`;
  private readonly metrics: GatewayMetrics;

  constructor(options: LiveEventsOptions) {
    const { logger } = options;
    this.metrics = options.metrics;
    this.topic = enterpriseTopic(options.corpId);
    const { backplane } = options;
    this.enterprise = backplane.enterprise;
    this.streams = new MeetingStreams({
      client: options.client,
      pubsub: backplane.meetings,
      log: backplane.log,
      retention: options.retention,
      ownership: backplane.ownership,
      commands: backplane.commands,
      leaseRetryMs: options.leaseRetryMs,
      graceMs: options.graceMs,
      firstUpdateWaitMs: options.firstUpdateWaitMs,
      onError: (error, conferenceID) => logger.warn({ err: error, conferenceID }, 'meeting stream'),
      subscriber: {
        ...options.subscriber,
        // One socket per meeting serves every viewer of it, so it cannot be any one viewer's: it is opened with
        // the gateway's administrator identity. Each viewer is checked against the upstream, with their own
        // identity, before being attached to it (schema/live/meetingSubscriptions.ts).
        userId: options.adminUserId,
        onLog: (entry) =>
          logger[entry.level]({ conferenceID: entry.conferenceID, event: entry.event }, entry.message),
      },
    });
    this.rechecks = new AccessRechecks(options.reauthorizeMs ?? 300_000, (error, key) =>
      logger.warn({ err: error, key }, 'access recheck failed; the subscriptions go on'),
    );
    // The lobby asks as the administrator: a NOT_FOUND then means the meeting is gone (cancelled), not that one
    // viewer may no longer see it (the access re-checks say that, viewer by viewer).
    const admin = { userId: options.adminUserId };
    this.lobby = new MeetingLobby(
      options.lobby ?? { pollMs: 10_000, graceMs: 30 * 60_000 },
      async (meetingId) =>
        (await options.client.meetings.get({ conferenceID: meetingId }, undefined, admin)).conferenceData
          .conferenceState,
      (error, meetingId) =>
        logger.warn({ err: error, conferenceID: meetingId }, 'lobby: the meeting state could not be read'),
    );
  }

  /**
   * Watches a meeting not started yet for one subscriber: the WAITING updates `select` keeps at once, then, once
   * the meeting starts, its live updates as {@link watchMeeting} gives them (SNAPSHOT, or CONNECTING then
   * RESYNC). A meeting cancelled meanwhile, or not started by `scheduledStart` plus the lobby's grace period,
   * ends the subscription with `errorOf`'s error. Check that the subscriber may see the meeting first.
   */
  waitForMeeting<T>(
    meetingId: string,
    scheduledStart: Date | null,
    select: (update: PositionedUpdate) => T | undefined,
    errorOf: (outcome: Exclude<LobbyOutcome, 'started'>) => GraphQLError | undefined,
  ): AsyncIterableIterator<T | FinalError, undefined> {
    const waiting = emptyStateUpdates(meetingId, 'WAITING').flatMap((update) => {
      const kept = select(update);
      return kept === undefined ? [] : [kept];
    });
    return new LobbyStream({
      waiting,
      wait: (signal) => this.lobby.wait(meetingId, scheduledStart, signal),
      watch: () => this.watchMeeting(meetingId, select),
      errorOf,
    });
  }

  /**
   * Watches a meeting for one subscriber: the updates `select` keeps (and maybe reshapes), the state's first (or,
   * resuming `after` a cursor, what followed it), ending when the meeting ends or the subscriber returns. Every
   * subscriber of a meeting reads the same updates from the meeting's one feed. Check that the subscriber may see
   * the meeting before calling this.
   */
  watchMeeting<T>(
    meetingId: string,
    select: (update: PositionedUpdate) => T | undefined,
    after?: StreamPosition | undefined,
  ): AsyncIterableIterator<T, undefined> {
    const updates = this.streams.updates(meetingId, { select, after });
    // The gauge is read again before every scrape too.
    this.refreshMetrics();
    return updates;
  }

  /**
   * Refuses, as BAD_USER_INPUT naming `after`, a resume cursor of the meeting's current stream beyond its newest
   * event (nobody was handed it; the subscription would stay silent). Call it before {@link watchMeeting}.
   */
  async checkCursor(meetingId: string, after: StreamPosition): Promise<void> {
    try {
      await this.streams.checkCursor(meetingId, after);
    } catch (error) {
      if (!(error instanceof CursorAheadError)) throw error;
      throw gatewayError(
        GatewayErrorCode.BAD_USER_INPUT,
        'after: the cursor is ahead of the meeting stream',
        {
          field: 'after',
        },
      );
    }
  }

  /**
   * Ends `updates` with a FORBIDDEN (or NOT_FOUND ...) error once `check`, asked again periodically for the viewer
   * identity and meeting named by `key`, says the viewer may no longer see the meeting.
   */
  revocable<T>(
    updates: AsyncIterableIterator<T, undefined>,
    key: string,
    check: () => Promise<void>,
  ): AsyncIterableIterator<T | AccessRevoked, undefined> {
    return revocable(updates, (revoke) => this.rechecks.add(key, check, revoke));
  }

  /**
   * The meeting's state as pushed: taken from its stream when one is live, otherwise by watching it until the
   * full frames are in (at most `timeoutMs`); the socket then stays open for the grace period, so repeated
   * queries are answered from memory. Undefined when no live state arrived in time.
   */
  async pushedSnapshot(meetingId: string, timeoutMs = 3000): Promise<MeetingSnapshot | undefined> {
    const watch = this.streams.watch(meetingId);
    this.refreshMetrics();
    try {
      const deadline = Date.now() + timeoutMs;
      // A stale stream's state is the last one pushed, as good as any until the socket is given up.
      const pushed = () => {
        const status = this.streams.status(meetingId);
        return status === 'live' || status === 'stale';
      };
      while (!pushed()) {
        const left = deadline - Date.now();
        if (left <= 0) return undefined;
        let timer: NodeJS.Timeout | undefined;
        const next = await Promise.race([
          watch.next(),
          new Promise<undefined>((resolve) => {
            timer = setTimeout(() => resolve(undefined), left);
          }),
        ]);
        clearTimeout(timer);
        if (next === undefined) return undefined;
        if (next.done || (next.value.type === 'status' && next.value.status === 'ended')) return undefined;
      }
      return this.streams.snapshot(meetingId);
    } finally {
      await watch.return?.();
      this.refreshMetrics();
    }
  }

  /**
   * Switches live captions on or off with a frame on the meeting's shared upstream socket (opened and awaited,
   * at most `timeoutMs`, when none is live; it then stays for the grace period). Answers whether the frame was
   * sent. Check that the viewer may control the meeting before calling this.
   */
  async setSubtitles(meetingId: string, on: boolean, timeoutMs = 5000): Promise<boolean> {
    try {
      return await this.streams.setRealTimeSubtitle(meetingId, on, { timeoutMs });
    } finally {
      this.refreshMetrics();
    }
  }

  /** The enterprise's webhook events from now on, until the subscriber returns or the gateway closes. */
  enterpriseEvents(): Subscription<WebhookEvent> {
    return this.enterprise.subscribe(this.topic);
  }

  /** Subscribers of the enterprise events now. */
  enterpriseSubscriberCount(): number {
    return this.enterprise.subscriberCount(this.topic);
  }

  /** Publishes one verified webhook event to the enterprise's subscribers. */
  publishEnterpriseEvent(event: WebhookEvent): Promise<void> {
    return this.enterprise.publish(this.topic, event);
  }

  /** Sets the upstream-socket gauge from the streams (also called before every metrics scrape). */
  refreshMetrics(): void {
    this.metrics.upstreamSockets.set(this.streams.stats().upstreamSockets);
  }

  /** Stops every upstream socket and ends every live subscription. */
  async close(): Promise<void> {
    this.rechecks.stop();
    this.lobby.close();
    await this.streams.close();
    this.refreshMetrics();
  }
}
