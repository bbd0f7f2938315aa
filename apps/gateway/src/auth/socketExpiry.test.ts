import { describe, expect, it } from 'vitest';
import { SocketExpiry } from './socketExpiry.js';

function socket() {
  const closed: Array<[number, string]> = [];
  return { closed, close: (code: number, reason: string) => closed.push([code, reason]) };
}

describe('SocketExpiry', () => {
  it('closes each socket once its expiry has passed, with one timer for all', async () => {
    const expiry = new SocketExpiry(4403, 'Forbidden', 10);
    const [soon, later, gone, past] = [socket(), socket(), socket(), socket()];
    expiry.watch(soon, Date.now() + 30);
    expiry.watch(later, Date.now() + 10_000);
    expiry.watch(gone, Date.now() + 30);
    expiry.forget(gone);
    expiry.watch(past, Date.now() - 1);
    expect(past.closed).toEqual([[4403, 'Forbidden']]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(soon.closed).toEqual([[4403, 'Forbidden']]);
    expect(later.closed).toEqual([]);
    expect(gone.closed).toEqual([]);
    expect(expiry.size).toBe(1);
    expiry.stop();
    expect(expiry.size).toBe(0);
  });
});
