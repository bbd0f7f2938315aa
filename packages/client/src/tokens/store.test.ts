import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryTokenStore, SharedTokens, type TokenStore } from './store.js';

const recordSchema = z.object({ token: z.string(), expiresAtMs: z.number() });
type Held = z.infer<typeof recordSchema>;

/** A SharedTokens over `store`, as one process of several, with a counter of upstream fetches. */
function replica(store: TokenStore, waitMs = 5_000) {
  let fetches = 0;
  const shared = new SharedTokens<Held>({
    sharing: { store, waitMs },
    schema: recordSchema,
    tokenOf: (record) => record.token,
    expiresAtOf: (record) => record.expiresAtMs,
    now: Date.now,
    operation: 'test',
  });
  const obtain = (key = 'k') =>
    shared.obtain(key, {
      usable: (record) => Date.now() < record.expiresAtMs,
      fetch: async () => {
        fetches++;
        await new Promise((resolve) => setTimeout(resolve, 30));
        return { token: `t${fetches}-${Math.random()}`, expiresAtMs: Date.now() + 60_000 };
      },
    });
  return { shared, obtain, fetches: () => fetches };
}

describe('SharedTokens', () => {
  it('makes one fetch for many processes asking at once', async () => {
    const store = new MemoryTokenStore();
    const processes = [replica(store), replica(store), replica(store)];
    const records = await Promise.all(processes.flatMap((p) => [p.obtain(), p.obtain()]));
    expect(new Set(records.map((r) => r.token)).size).toBe(1);
    expect(processes.reduce((sum, p) => sum + p.fetches(), 0)).toBe(1);
    expect(store.size).toBe(1);
  });

  it('does not read back a discarded token, and a late discard leaves a newer one', async () => {
    const store = new MemoryTokenStore();
    const [a, b] = [replica(store), replica(store)];
    const first = await a.obtain();
    a.shared.discard('k', first.token);
    const second = await a.obtain();
    expect(second.token).not.toBe(first.token);
    b.shared.discard('k', first.token);
    expect((await b.obtain()).token).toBe(second.token);
    expect(b.fetches()).toBe(0);
  });

  it('fetches alone once the wait bound passes while another holds the lock', async () => {
    const store = new MemoryTokenStore();
    await store.lock('k', 60_000);
    const p = replica(store, 100);
    const started = Date.now();
    await p.obtain();
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
    expect(p.fetches()).toBe(1);
    expect(store.size).toBe(1);
  });

  it('works alone when the store rejects, and reports each rejection to the store', async () => {
    const errors: unknown[] = [];
    const broken: TokenStore = {
      get: () => Promise.reject(new Error('down')),
      set: () => Promise.reject(new Error('down')),
      delete: () => Promise.reject(new Error('down')),
      lock: () => Promise.reject(new Error('down')),
      onError: (error) => errors.push(error),
    };
    const p = replica(broken);
    const record = await p.obtain();
    expect(record.token).toMatch(/^t1-/);
    p.shared.discard('k', record.token);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // get, lock, get again, set, then the discard's delete.
    expect(errors).toHaveLength(5);
  });
});
