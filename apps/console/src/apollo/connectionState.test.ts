import { describe, expect, it } from 'vitest';
import { ConnectionState } from './connectionState';

describe('ConnectionState', () => {
  it('goes connecting, live, reconnecting after a drop, and resumed once connected again', () => {
    const state = new ConnectionState();
    const seen: string[] = [];
    state.subscribe(() => seen.push(state.current));
    expect(state.current).toBe('idle');
    state.connecting();
    state.connected();
    state.closed(1012);
    state.connecting();
    state.connected();
    expect(seen).toEqual(['connecting', 'live', 'reconnecting', 'resumed']);
  });

  it('says resumed for a first connection that continues after a remembered cursor', () => {
    const state = new ConnectionState();
    state.resumedFromCursor();
    state.connecting();
    state.connected();
    expect(state.current).toBe('resumed');
  });

  it('a close before any connection is not a reconnection', () => {
    const state = new ConnectionState();
    state.connecting();
    state.closed(1006);
    expect(state.current).toBe('connecting');
  });

  it('is idle once the socket closes normally (no live view left), and live, not resumed, when one opens again', () => {
    const state = new ConnectionState();
    state.connecting();
    state.connected();
    state.closed(1000);
    expect(state.current).toBe('idle');
    state.connecting();
    state.connected();
    expect(state.current).toBe('live');
  });
});
