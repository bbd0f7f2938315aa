import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cursorSchema, formatCursor, newEpoch, parseCursor, positionOf } from './position.js';

describe('stream cursors', () => {
  it('round-trips every position', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        (epoch, seq) => {
          expect(parseCursor(formatCursor({ epoch, seq }))).toEqual({ epoch, seq });
          expect(positionOf(formatCursor({ epoch, seq }))).toEqual({ epoch, seq });
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('refuses anything else without throwing, with a message a client can act on', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[\w-]{0,6}:\d{0,18}$/)),
        (text) => {
          const parsed = parseCursor(text);
          if (parsed) expect(formatCursor(parsed)).toBe(text);
        },
      ),
      { numRuns: 5000 },
    );
    for (const bad of [
      '',
      ':',
      'abc',
      'abc:',
      ':12',
      'ab:-1',
      'ab:1.5',
      'ab:1e3',
      'a b:1',
      `${'x'.repeat(41)}:1`,
    ]) {
      expect(parseCursor(bad), bad).toBeUndefined();
    }
    const refused = cursorSchema.safeParse('not a cursor');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/<epoch>:<seq>/);
    expect(cursorSchema.safeParse(42).success).toBe(false);
  });

  it('makes fresh, URL-safe epochs', () => {
    const epochs = new Set(Array.from({ length: 1000 }, newEpoch));
    expect(epochs.size).toBe(1000);
    for (const epoch of epochs) expect(epoch).toMatch(/^[0-9a-f]{12}$/);
  });
});
