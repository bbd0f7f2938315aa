import { setMaxListeners } from 'node:events';
import type { GraphQLError } from 'graphql';
import { GatewayErrorCode, gatewayError } from './errors.js';

/** Upstream calls one operation may have running at once without Node warning of a listener leak. */
const CONCURRENT_CALLS_EXPECTED = 500;

/** Why an operation's signal was aborted: its deadline passed, the gateway is shutting down, or the client left. */
export type AbortCause = 'deadline' | 'shutdown' | 'client-gone';

/**
 * The deadline of one GraphQL operation (for a subscription: its subscribe phase). Its `signal` goes with every
 * upstream call the operation makes; it is aborted when `timeoutMs` pass, with a `TimeoutError` reason (what
 * `AbortSignal.timeout` gives, which the client reports as TIMEOUT), or at shutdown.
 */
export class OperationDeadline {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private cause: AbortCause | undefined;
  private stopped = false;
  // Resolvers waiting on the deadline: one abort listener serves them all (a list of a hundred meetings has
  // that many pending resolvers, more than an AbortSignal's listener warning allows).
  private readonly racers = new Set<() => void>();

  constructor(readonly timeoutMs: number) {
    this.timer = setTimeout(() => this.abort('deadline'), timeoutMs);
    // Every upstream call of the operation listens on the signal while it runs: a list's batch of twenty
    // meeting lookups is twenty at once, past Node's leak warning at ten; the query limits bound the number.
    setMaxListeners(CONCURRENT_CALLS_EXPECTED, this.controller.signal);
    this.controller.signal.addEventListener(
      'abort',
      () => {
        for (const cut of this.racers) cut();
        this.racers.clear();
      },
      { once: true },
    );
  }

  /** Aborted when the deadline passes or the gateway shuts down. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True until {@link stop}: resolvers are raced against the deadline (and cut at once once it has passed). */
  get active(): boolean {
    return !this.stopped;
  }

  /** Why the signal was aborted (undefined while it is not). */
  get abortedBy(): AbortCause | undefined {
    return this.cause;
  }

  /** Ends the deadline: the operation's execution is over (a subscription now streams, with no deadline). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Aborts the signal (once): every upstream call of the operation is cut, every raced resolver answers. */
  abort(cause: AbortCause): void {
    if (this.cause !== undefined) return;
    this.cause = cause;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.controller.abort(
      cause === 'deadline'
        ? new DOMException(`the operation did not finish within ${this.timeoutMs} ms`, 'TimeoutError')
        : new DOMException(
            cause === 'shutdown' ? 'the gateway is shutting down' : 'the client went away',
            'AbortError',
          ),
    );
  }

  /**
   * The answer for work cut by the signal: TIMEOUT past the deadline, SHUTTING_DOWN at shutdown, CANCELLED when
   * the client left (nobody reads that one; the operation's log line says `cancelled`).
   */
  error(): GraphQLError {
    if (this.cause === 'client-gone')
      return gatewayError(GatewayErrorCode.CANCELLED, 'the client went away before the answer');
    return this.cause === 'shutdown'
      ? gatewayError(GatewayErrorCode.SHUTTING_DOWN, 'the gateway is shutting down; try again')
      : gatewayError(
          GatewayErrorCode.TIMEOUT,
          `the operation did not finish within ${this.timeoutMs} ms; try again later`,
        );
  }

  /**
   * `work`'s outcome, or {@link error} as soon as the signal is aborted, whether or not `work` heeds the signal.
   * What `work` gives after losing is dropped (`discard` gets a value, e.g. to close an iterator).
   */
  race<T>(work: PromiseLike<T>, discard?: (value: T) => void): Promise<T> {
    const lost = (value: T) => discard?.(value);
    const ignore = () => undefined; // Its rejection has been answered already, by the deadline's error.
    if (this.signal.aborted) {
      Promise.resolve(work).then(lost, ignore);
      return Promise.reject(this.error());
    }
    return new Promise<T>((resolve, reject) => {
      let cutOff = false;
      const cut = () => {
        cutOff = true;
        reject(this.error());
      };
      this.racers.add(cut);
      work.then(
        (value) => {
          this.racers.delete(cut);
          if (cutOff) lost(value);
          else resolve(value);
        },
        (error: unknown) => {
          this.racers.delete(cut);
          if (!cutOff) reject(error);
        },
      );
    });
  }
}
