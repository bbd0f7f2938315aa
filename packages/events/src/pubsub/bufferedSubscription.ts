// The subscriber side shared by the pub/sub transports: whatever carries the events (a Map in memory, Redis
// between processes), each local subscriber buffers and reads them the same way.

import { InvalidOptionError, PubSubOverflowError } from '../errors.js';
import type { OverflowPolicy, Subscription } from './pubsub.js';

/** Default buffer size per subscriber. */
export const DEFAULT_BUFFER_SIZE = 256;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
const READY = Promise.resolve();

/** A FIFO queue with amortised O(1) shift that grows only as far as it is filled. */
class Queue<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head++;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 64 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
  }
}

type Waiter<E> = {
  resolve: (result: IteratorResult<E, undefined>) => void;
  reject: (error: unknown) => void;
};

/**
 * One subscriber as every transport keeps it: a bounded buffer, waiting readers, and the policy for when it is
 * full. The transport hands it events with `deliver()` and learns of its end through `detach`.
 */
export class BufferedSubscription<E> implements Subscription<E> {
  private readonly buffer = new Queue<E>();
  private readonly waiters: Waiter<E>[] = [];
  private droppedCount = 0;
  private ended = false;
  private failure: PubSubOverflowError | undefined;
  /** Made only with a signal: most subscribers have none, and thousands of them may wait at once. */
  private readonly onAbort: (() => void) | undefined;

  constructor(
    readonly topic: string,
    private readonly capacity: number,
    private readonly overflow: OverflowPolicy,
    private readonly detach: (subscription: BufferedSubscription<E>) => void,
    private readonly signal: AbortSignal | undefined,
    /** Settles once the transport delivers to this subscriber (at once by default). */
    readonly ready: Promise<void> = READY,
  ) {
    if (signal) {
      this.onAbort = () => this.unsubscribe();
      signal.addEventListener('abort', this.onAbort, { once: true });
    }
  }

  get dropped(): number {
    return this.droppedCount;
  }

  get closed(): boolean {
    return this.ended;
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Hands one event to this subscriber (called by the transport). */
  deliver(event: E): void {
    if (this.ended) return;
    const waiter = this.waiters.shift();
    if (waiter) {
      waiter.resolve({ done: false, value: event });
      return;
    }
    if (this.buffer.length < this.capacity) {
      this.buffer.push(event);
      return;
    }
    this.droppedCount++;
    if (this.overflow === 'drop-oldest') {
      this.buffer.shift();
      this.buffer.push(event);
      return;
    }
    // `close`: what is buffered is still delivered, then next() rejects once, then the stream is done.
    this.failure = new PubSubOverflowError(this.topic, this.capacity);
    this.end();
  }

  next(): Promise<IteratorResult<E, undefined>> {
    if (this.buffer.length > 0) return Promise.resolve({ done: false, value: this.buffer.shift() as E });
    if (this.failure) {
      const failure = this.failure;
      this.failure = undefined;
      return Promise.reject(failure);
    }
    if (this.ended) return Promise.resolve(DONE);
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  return(): Promise<IteratorReturnResult<undefined>> {
    this.unsubscribe();
    return Promise.resolve(DONE);
  }

  throw(error?: unknown): Promise<IteratorResult<E, undefined>> {
    this.unsubscribe();
    return Promise.reject(error);
  }

  unsubscribe(): void {
    this.buffer.clear();
    this.failure = undefined;
    this.end();
  }

  /** Stops buffering: leaves the topic, drops the abort listener, releases waiting readers. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.detach(this);
    if (this.onAbort) this.signal?.removeEventListener('abort', this.onAbort);
    for (const waiter of this.waiters.splice(0)) waiter.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

/** The buffer size, refused with an {@link InvalidOptionError} (a RangeError) unless it is an integer >= 1. */
export function checkedBufferSize(size: number): number {
  if (!Number.isInteger(size) || size < 1)
    throw new InvalidOptionError('bufferSize', `bufferSize must be an integer >= 1, got ${size}`);
  return size;
}
