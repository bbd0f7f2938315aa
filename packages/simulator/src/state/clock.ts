/** The simulator's clock: real time plus an offset that tests can advance, or a clock of the caller's. */
export class SimClock {
  private offsetMs = 0;
  private readonly source: () => number;

  constructor(source: () => number = Date.now) {
    this.source = source;
  }

  /** Current time, epoch milliseconds. */
  now(): number {
    return this.source() + this.offsetMs;
  }

  /** Current time, epoch seconds. */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves the clock forward (tokens expire, heartbeats lapse). */
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
