import { MeetingApiError } from '@hwmeeting/client';
import { codeForUpstream, GatewayErrorCode } from '../errors.js';

/** Timings of the {@link MeetingLobby}. */
export interface LobbyTimings {
  /** How often each waited-for meeting's state is asked upstream, ms. */
  pollMs: number;
  /** How long after its scheduled start a meeting is waited for, ms. */
  graceMs: number;
}

/**
 * How a wait in the lobby ended: `started` the meeting is in progress; `ended` it ran and ended between two looks;
 * `cancelled` the meeting server no longer knows it; `expired` it did not start by its scheduled start plus the
 * grace period; `aborted` the waiter left.
 */
export type LobbyOutcome = 'started' | 'ended' | 'cancelled' | 'expired' | 'aborted';

/**
 * `extensions.reason` of the error that ends a WAITING subscription: the meeting was cancelled (code NOT_FOUND),
 * or did not start by its scheduled start plus the grace period (code TIMEOUT).
 */
export const LobbyEndReason = {
  MEETING_CANCELLED: 'MEETING_CANCELLED',
  MEETING_NOT_STARTED: 'MEETING_NOT_STARTED',
} as const;

/** The meeting's state as the meeting server reports it (`conferenceState`), undefined when not reported. */
export type MeetingStateLookup = (meetingId: string) => Promise<string | undefined>;

interface Waiter {
  resolve: (outcome: LobbyOutcome) => void;
  timer: NodeJS.Timeout | undefined;
}

interface Waited {
  waiters: Set<Waiter>;
  timer: NodeJS.Timeout;
  polling: boolean;
}

// Upstream `conferenceState` values (published-behaviour.md §2); anything else is looked at again later.
const STARTED = new Set(['Creating', 'Created']);
const ENDED = 'Destroyed';

/**
 * Subscriptions to meetings not started yet wait here. The gateway notices a start by asking the meeting server
 * for each waited-for meeting's state every `pollMs` (one question per meeting, however many wait for it, with
 * the gateway's administrator identity): polling needs no webhook configured, sees a start made anywhere (another
 * client, the meeting's own schedule) and works the same on every replica. A wait ends at the meeting's
 * scheduled start plus `graceMs`.
 */
export class MeetingLobby {
  private readonly meetings = new Map<string, Waited>();

  constructor(
    private readonly timings: LobbyTimings,
    private readonly lookup: MeetingStateLookup,
    private readonly onError: (error: unknown, meetingId: string) => void,
  ) {}

  /** Waits until the meeting starts (or ends, is cancelled, is not started in time, or `signal` aborts). */
  wait(meetingId: string, scheduledStart: Date | null, signal: AbortSignal): Promise<LobbyOutcome> {
    if (signal.aborted) return Promise.resolve('aborted');
    return new Promise((resolve) => {
      const waited = this.waited(meetingId);
      const waiter: Waiter = { resolve: () => undefined, timer: undefined };
      const onAbort = () => waiter.resolve('aborted');
      let settled = false;
      waiter.resolve = (outcome) => {
        // The deadline, a look upstream and an abort may all come: the first one decides.
        if (settled) return;
        settled = true;
        clearTimeout(waiter.timer);
        signal.removeEventListener('abort', onAbort);
        waited.waiters.delete(waiter);
        if (waited.waiters.size === 0) this.forget(meetingId, waited);
        resolve(outcome);
      };
      // A meeting without a known start is waited for the grace period from now.
      const deadline = (scheduledStart?.getTime() ?? Date.now()) + this.timings.graceMs;
      waiter.timer = setTimeout(() => waiter.resolve('expired'), Math.max(0, deadline - Date.now()));
      waiter.timer.unref();
      signal.addEventListener('abort', onAbort, { once: true });
      waited.waiters.add(waiter);
    });
  }

  /** Meetings waited for now (for tests and metrics). */
  get size(): number {
    return this.meetings.size;
  }

  /** Ends every wait (`aborted`) and stops polling. */
  close(): void {
    for (const waited of [...this.meetings.values()]) {
      for (const waiter of [...waited.waiters]) waiter.resolve('aborted');
    }
  }

  private waited(meetingId: string): Waited {
    let waited = this.meetings.get(meetingId);
    if (!waited) {
      const timer = setInterval(() => void this.poll(meetingId), this.timings.pollMs);
      timer.unref();
      waited = { waiters: new Set(), timer, polling: false };
      this.meetings.set(meetingId, waited);
    }
    return waited;
  }

  private forget(meetingId: string, waited: Waited): void {
    clearInterval(waited.timer);
    if (this.meetings.get(meetingId) === waited) this.meetings.delete(meetingId);
  }

  /** One look at the meeting; a failure that says nothing about it (upstream unreachable) waits for the next. */
  private async poll(meetingId: string): Promise<void> {
    const waited = this.meetings.get(meetingId);
    if (!waited || waited.polling) return;
    waited.polling = true;
    let outcome: LobbyOutcome | undefined;
    try {
      const state = await this.lookup(meetingId);
      if (state !== undefined && STARTED.has(state)) outcome = 'started';
      else if (state === ENDED) outcome = 'ended';
    } catch (error) {
      if (error instanceof MeetingApiError && codeForUpstream(error) === GatewayErrorCode.NOT_FOUND) {
        outcome = 'cancelled';
      } else {
        this.onError(error, meetingId);
      }
    } finally {
      waited.polling = false;
    }
    if (outcome === undefined) return;
    for (const waiter of [...waited.waiters]) waiter.resolve(outcome);
  }
}
