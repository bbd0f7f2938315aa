import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { z } from 'zod';
import {
  type ComparedParticipant,
  type FoldedState,
  participantSchema,
  statusSchema,
} from './simulatorTruth.js';
import type { Tally } from './tally.js';

const PARTICIPANTS = `subscription($id: ID!) { participants(meetingId: $id) {
  reason participants { participantId name muted handUp role state coHost } } }`;
const STATUS = `subscription($id: ID!) { meetingStatus(meetingId: $id) { reason status { locked muteAll recording } } }`;
const INFO = `subscription($id: ID!) { meetingInfo(meetingId: $id) { reason info { subject } } }`;

const participantsUpdate = z.object({
  participants: z.object({ reason: z.string(), participants: z.array(participantSchema) }),
});
const statusUpdate = z.object({ meetingStatus: z.object({ reason: z.string(), status: statusSchema }) });
const infoUpdate = z.object({
  meetingInfo: z.object({
    reason: z.string(),
    info: z.object({ subject: z.string().nullable() }).nullable(),
  }),
});

/** How long a subscriber waits before subscribing again after an error or a completion. */
const RESUBSCRIBE_MS = 1000;

/**
 * One front end watching one meeting over its own graphql-ws socket: participants, status and info, each folded
 * to the state the updates say (every update carries the whole list or status, so the last one is the state).
 * It reconnects after any socket loss and subscribes again after an error or a completion, as a front end would.
 */
export class ChaosSubscriber {
  readonly state: FoldedState = { participants: undefined, status: undefined, subject: undefined };
  private readonly client: Client;
  private readonly stops: (() => void)[] = [];
  private stopped = false;

  /** Connects to `wsUrl()` (read at every connection, so that a restarted gateway is found). */
  constructor(
    readonly name: string,
    readonly meetingId: string,
    wsUrl: () => string,
    token: string,
    private readonly tally: Tally,
  ) {
    this.client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) =>
        new Promise((resolve) => setTimeout(resolve, Math.min(3000, 100 * 2 ** retries))),
      keepAlive: 10_000,
      on: {
        closed: (event) => {
          const code = (event as { code?: number }).code;
          // 4500 and 1011 are the server failing; anything else (1000, 1001 on restarts, 1006 on kills) is not.
          if (code === 4500 || code === 1011) {
            tally.uncodedErrors++;
            tally.example('uncoded', `${name}: socket closed ${code}`);
          }
        },
      },
    });
  }

  /** Subscribes to the three feeds. */
  start(): void {
    this.follow(PARTICIPANTS, (data) => {
      const update = participantsUpdate.parse(data);
      this.state.participants = new Map<string, ComparedParticipant>(
        update.participants.participants.map((p) => [p.participantId, p]),
      );
    });
    this.follow(STATUS, (data) => {
      this.state.status = statusUpdate.parse(data).meetingStatus.status;
    });
    this.follow(INFO, (data) => {
      const info = infoUpdate.parse(data).meetingInfo.info;
      if (info) this.state.subject = info.subject;
    });
  }

  private follow(query: string, fold: (data: unknown) => void): void {
    if (this.stopped) return;
    this.tally.subscriptions++;
    const again = () => {
      if (!this.stopped) setTimeout(() => this.follow(query, fold), RESUBSCRIBE_MS).unref();
    };
    const stop = this.client.subscribe(
      { query, variables: { id: this.meetingId } },
      {
        next: (result) => {
          this.tally.updates++;
          if (result.errors) this.tally.errors(result.errors, this.name);
          if (!result.data) return;
          try {
            fold(result.data);
          } catch (error) {
            this.tally.uncodedErrors++;
            this.tally.example('unreadable update', `${this.name}: ${String(error)}`);
          }
        },
        error: (error) => {
          // An array is the server's error message; anything else is the socket, which graphql-ws retries.
          if (Array.isArray(error)) this.tally.errors(error, this.name);
          again();
        },
        complete: () => {
          this.tally.completions++;
          again();
        },
      },
    );
    this.stops.push(stop);
  }

  /** Unsubscribes and closes the socket. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const stop of this.stops.splice(0)) stop();
    await this.client.dispose();
  }
}
