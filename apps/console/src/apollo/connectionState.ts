import { useSyncExternalStore } from 'react';

/**
 * The live connection as the indicator shows it: idle (no live view open, so no socket), connecting (first
 * time), live, reconnecting (the socket dropped), resumed (live again, the subscriptions picked up after their
 * last cursor).
 */
export type ConnectionPhase = 'idle' | 'connecting' | 'live' | 'reconnecting' | 'resumed';

/** graphql-ws closes its lazy socket with this code once no subscription is left: not a drop. */
const NORMAL_CLOSURE = 1000;

/** The WebSocket's phase, fed by the graphql-ws client's events and read by the indicator. */
export class ConnectionState {
  private phase: ConnectionPhase = 'idle';
  private connectedBefore = false;
  private resumePending = false;
  private readonly listeners = new Set<() => void>();

  /** The current phase. */
  get current(): ConnectionPhase {
    return this.phase;
  }

  /** A socket is opening. */
  connecting(): void {
    this.set(this.connectedBefore ? 'reconnecting' : 'connecting');
  }

  /** The socket is acknowledged. */
  connected(): void {
    this.set(this.connectedBefore || this.resumePending ? 'resumed' : 'live');
    this.connectedBefore = true;
    this.resumePending = false;
  }

  /** The socket closed with `code`: a drop (a retry follows) or, with a normal closure, nothing left to follow. */
  closed(code: number | undefined): void {
    if (code === NORMAL_CLOSURE) {
      this.connectedBefore = false;
      this.set('idle');
    } else if (this.connectedBefore) {
      this.set('reconnecting');
    }
  }

  /** A subscription continued after a cursor kept from before (a page reload): resumed, not started afresh. */
  resumedFromCursor(): void {
    if (this.phase === 'live') this.set('resumed');
    else if (!this.connectedBefore) this.resumePending = true;
  }

  /** Calls `listener` on every change; answers the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(phase: ConnectionPhase): void {
    if (phase === this.phase) return;
    this.phase = phase;
    for (const listener of this.listeners) listener();
  }
}

/** The phase of `state`, re-rendering on change. */
export function useConnectionPhase(state: ConnectionState): ConnectionPhase {
  return useSyncExternalStore(state.subscribe, () => state.current);
}
