/**
 * Ownership of a meeting's upstream socket. Exactly one holder at a time opens it and appends to the meeting's
 * log; the log checks the holder's `token` on every append (fencing), so a holder that lost its lease while
 * paused cannot write after its successor.
 */
export interface UpstreamLease {
  readonly conferenceID: string;
  /** Unique to this holding; the log refuses appends and checkpoints made with any other. */
  readonly token: string;
  /** Aborted when the lease ends: released, not renewed in time, or taken by another holder. */
  readonly signal: AbortSignal;
  /** Gives the lease up (idempotent); another holder may take it at once. */
  release(): Promise<void>;
}

/** Hands out upstream leases: in process ({@link LocalOwnership}) or shared by replicas (Redis). */
export interface UpstreamOwnership {
  /** Takes the meeting's lease when nobody holds it; undefined when another holder does. Renewed until it ends. */
  tryAcquire(conferenceID: string): Promise<UpstreamLease | undefined>;
  /** Releases every lease held here. */
  close(): Promise<void>;
}

/** Leases within one process: one holder per meeting, granted at once when free. */
export class LocalOwnership implements UpstreamOwnership {
  private readonly held = new Map<string, { token: string; abort: AbortController }>();
  private counter = 0;

  async tryAcquire(conferenceID: string): Promise<UpstreamLease | undefined> {
    if (this.held.has(conferenceID)) return undefined;
    const abort = new AbortController();
    const token = `local:${++this.counter}`;
    this.held.set(conferenceID, { token, abort });
    return {
      conferenceID,
      token,
      signal: abort.signal,
      release: async () => {
        if (this.held.get(conferenceID)?.token === token) this.held.delete(conferenceID);
        abort.abort();
      },
    };
  }

  /** Whether `token` is the meeting's current lease (the in-memory log's fencing check). */
  isCurrent(conferenceID: string, token: string): boolean {
    return this.held.get(conferenceID)?.token === token;
  }

  async close(): Promise<void> {
    for (const { abort } of this.held.values()) abort.abort();
    this.held.clear();
  }
}
