import type { GraphQLError } from 'graphql';
import { FinalError } from './finalError.js';
import type { LobbyOutcome } from './lobby.js';

/** What a {@link LobbyStream} needs: its first values, how to wait, how to stream once started, how to end. */
export interface LobbyStreamParts<T> {
  /** The values sent at once (the WAITING updates). */
  waiting: readonly T[];
  /** Waits in the lobby until the meeting starts or the wait ends (the signal aborts when the consumer leaves). */
  wait: (signal: AbortSignal) => Promise<LobbyOutcome>;
  /** The live stream of the started meeting. */
  watch: () => AsyncIterator<T, undefined>;
  /** The error a wait's end is sent as; undefined: the stream just completes. */
  errorOf: (outcome: Exclude<LobbyOutcome, 'started'>) => GraphQLError | undefined;
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A subscription to a meeting not started yet: the WAITING values first, then, once the lobby says the meeting
 * started, the meeting's live stream; or, when the wait ends otherwise, an error (or nothing) and the end. A class
 * rather than an async generator: a generator suspended on the lobby cannot be returned until the lobby answers,
 * and a consumer that leaves must be let go at once.
 */
export class LobbyStream<T> implements AsyncIterableIterator<T | FinalError, undefined> {
  private readonly pending: T[];
  private readonly abort = new AbortController();
  private waited: Promise<LobbyOutcome> | undefined;
  private inner: AsyncIterator<T, undefined> | undefined;
  private finished = false;

  constructor(private readonly parts: LobbyStreamParts<T>) {
    this.pending = [...parts.waiting];
  }

  async next(): Promise<IteratorResult<T | FinalError, undefined>> {
    if (this.finished) return DONE;
    const now = this.pending.shift();
    if (now !== undefined) return { done: false, value: now };
    if (!this.inner) {
      this.waited ??= this.parts.wait(this.abort.signal);
      const outcome = await this.waited;
      if (this.finished) return DONE;
      if (outcome !== 'started') {
        this.finished = true;
        const error = this.parts.errorOf(outcome);
        return error ? { done: false, value: new FinalError(error) } : DONE;
      }
      this.inner = this.parts.watch();
    }
    const result = await this.inner.next();
    if (result.done) this.finished = true;
    return result;
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    this.finished = true;
    this.abort.abort();
    await this.inner?.return?.();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<T | FinalError, undefined>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
