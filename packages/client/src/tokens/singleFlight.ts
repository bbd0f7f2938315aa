import { callerAbortError } from '../transport/deadline.js';

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  /** Callers still waiting with a signal of their own. */
  waiting: number;
  /** A caller waits without a signal: the work goes on whatever the others do. */
  anchored: boolean;
}

/**
 * Concurrent requests for the same key share one piece of work (a login, a control token). Each caller waits
 * under its own signal: one caller's abort or deadline ends its own wait only, never the others'. The work is
 * aborted only when every caller has left, and a caller who comes after that starts it afresh.
 */
export class SingleFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /** `operation` names the work in the errors of callers who leave (e.g. `authenticate`). */
  constructor(private readonly operation: string) {}

  /** The shared result for `key`, starting `work` (with a signal of its own) when none is under way. */
  run(key: string, signal: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(callerAbortError(signal, this.operation));
    let flight = this.flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const started: Flight<T> = {
        promise: work(controller.signal),
        controller,
        waiting: 0,
        anchored: false,
      };
      // Every caller gets the outcome through its own chain; this one only ends the flight.
      started.promise.then(
        () => this.end(key, started),
        () => this.end(key, started),
      );
      this.flights.set(key, started);
      flight = started;
    }
    return this.join(key, flight, signal);
  }

  /** Every piece of work under way (to wait for before disposing). */
  pending(): Promise<T>[] {
    return [...this.flights.values()].map((flight) => flight.promise);
  }

  private join(key: string, flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    if (!signal) {
      flight.anchored = true;
      return flight.promise;
    }
    flight.waiting++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        flight.waiting--;
        if (flight.waiting === 0 && !flight.anchored) {
          // Nobody waits any longer: stop the work, and let the next caller start a new one.
          this.end(key, flight);
          flight.controller.abort(signal.reason);
        }
        reject(callerAbortError(signal, this.operation));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }

  private end(key: string, flight: Flight<T>): void {
    if (this.flights.get(key) === flight) this.flights.delete(key);
  }
}
