import type { GraphQLError } from 'graphql';
import { FinalError } from './finalError.js';

/** Codes of an upstream answer that mean the viewer may no longer see the meeting. */
const REVOKING = new Set(['FORBIDDEN', 'NOT_FOUND', 'UNAUTHENTICATED']);

interface Check {
  /** Asks the upstream again, as the viewer; rejects with the GraphQL error of a refusal. */
  run: () => Promise<void>;
  /** The subscriptions that depend on it, each told once when access is gone. */
  revokes: Set<(error: GraphQLError) => void>;
}

/**
 * Asks the upstream again, every `intervalMs`, whether each viewer of a live meeting subscription may still see
 * the meeting, and ends the subscriptions of those it no longer lets (an invitation withdrawn, a meeting
 * cancelled). One check serves every subscription of the same viewer identity and meeting. A failure that says
 * nothing about access (the upstream unreachable) leaves the subscriptions running until the next round.
 */
export class AccessRechecks {
  private readonly checks = new Map<string, Check>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly intervalMs: number,
    private readonly onError: (error: unknown, key: string) => void,
  ) {}

  /**
   * Registers a subscription under `key` (viewer identity and meeting); answers its removal. `revoke` is called
   * at most once, with the refusal, when a later check fails.
   */
  add(key: string, run: () => Promise<void>, revoke: (error: GraphQLError) => void): () => void {
    if (this.intervalMs <= 0) return () => undefined;
    let check = this.checks.get(key);
    if (!check) {
      check = { run, revokes: new Set() };
      this.checks.set(key, check);
    }
    check.revokes.add(revoke);
    if (!this.timer) {
      this.timer = setInterval(() => void this.round(), this.intervalMs);
      this.timer.unref();
    }
    const registered = check;
    return () => {
      registered.revokes.delete(revoke);
      if (registered.revokes.size === 0 && this.checks.get(key) === registered) this.checks.delete(key);
      if (this.checks.size === 0) this.stop();
    };
  }

  /** Distinct checks registered now. */
  get size(): number {
    return this.checks.size;
  }

  /** Stops checking. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass over every check, one at a time (a round never overlaps the next). */
  private async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const [key, check] of [...this.checks]) {
        try {
          await check.run();
        } catch (error) {
          const code = (error as GraphQLError).extensions?.code;
          if (typeof code !== 'string' || !REVOKING.has(code)) {
            this.onError(error, key);
            continue;
          }
          if (this.checks.get(key) === check) this.checks.delete(key);
          for (const revoke of [...check.revokes]) revoke(error as GraphQLError);
        }
      }
    } finally {
      this.running = false;
      if (this.checks.size === 0) this.stop();
    }
  }
}

/** What a subscription yields, last, when its viewer may no longer see the meeting: sent as a GraphQL error. */
export class AccessRevoked extends FinalError {}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * `inner`, ended early with one {@link AccessRevoked} when `register`'s revoke is called. `register` answers
 * the removal of the registration, made when the iterator ends either way.
 */
export function revocable<T>(
  inner: AsyncIterator<T, undefined>,
  register: (revoke: (error: GraphQLError) => void) => () => void,
): AsyncIterableIterator<T | AccessRevoked, undefined> {
  return new RevocableStream(inner, register);
}

/** A class rather than closures: one of these lives as long as each live subscription, thousands at once. */
class RevocableStream<T> implements AsyncIterableIterator<T | AccessRevoked, undefined> {
  private revoked: AccessRevoked | undefined;
  private delivered = false;
  private finished = false;
  private readonly unregister: () => void;

  constructor(
    private readonly inner: AsyncIterator<T, undefined>,
    register: (revoke: (error: GraphQLError) => void) => () => void,
  ) {
    this.unregister = register((error) => {
      this.revoked = new AccessRevoked(error);
      // Ends a next() waiting on the stream; the error goes out in its place.
      void this.inner.return?.();
    });
  }

  next(): Promise<IteratorResult<T | AccessRevoked, undefined>> {
    if (this.finished) return Promise.resolve(DONE);
    const now = this.revokedNow();
    if (now) return Promise.resolve(now);
    if (this.revoked) {
      // The refusal went out; the stream was already told to end.
      this.finish();
      return Promise.resolve(DONE);
    }
    return this.inner.next().then((result) => this.after(result));
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.finish();
    await this.inner.return?.();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<T | AccessRevoked, undefined>> {
    this.finish();
    await this.inner.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private after(result: IteratorResult<T, undefined>): IteratorResult<T | AccessRevoked, undefined> {
    if (!result.done) return result;
    const last = this.revokedNow();
    if (last) return last;
    this.finish();
    return DONE;
  }

  private revokedNow(): IteratorResult<T | AccessRevoked, undefined> | undefined {
    if (!this.revoked || this.delivered) return undefined;
    this.delivered = true;
    return { done: false, value: this.revoked };
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.unregister();
  }
}
