/** A socket that can be closed with a code and reason (a `ws` WebSocket). */
export interface ClosableSocket {
  close(code: number, reason: string): void;
}

/**
 * Closes sockets whose credentials expire, with one timer for all of them rather than one per socket (a gateway
 * holds tens of thousands of idle subscriber sockets). A socket is closed within `resolutionMs` of its expiry.
 */
export class SocketExpiry {
  private readonly expiries = new Map<ClosableSocket, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly code: number,
    private readonly reason: string,
    private readonly resolutionMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Closes `socket` once `expiresAtMs` has passed (at once when it already has). */
  watch(socket: ClosableSocket, expiresAtMs: number): void {
    if (expiresAtMs <= this.now()) {
      socket.close(this.code, this.reason);
      return;
    }
    this.expiries.set(socket, expiresAtMs);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.resolutionMs);
      this.timer.unref();
    }
  }

  /** Stops watching `socket` (it closed). */
  forget(socket: ClosableSocket): void {
    this.expiries.delete(socket);
    if (this.expiries.size === 0) this.stop();
  }

  /** Sockets watched now. */
  get size(): number {
    return this.expiries.size;
  }

  /** Stops watching every socket. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.expiries.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [socket, expiresAtMs] of this.expiries) {
      if (expiresAtMs > now) continue;
      this.expiries.delete(socket);
      socket.close(this.code, this.reason);
    }
    if (this.expiries.size === 0) this.stop();
  }
}
