import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AccessRechecks, AccessRevoked, revocable } from './accessRechecks.js';

const refusal = (code: string) => new GraphQLError(code, { extensions: { code } });
const tick = () => new Promise((resolve) => setTimeout(resolve, 40));

/** An endless source that only ends when returned. */
function endless(): AsyncIterableIterator<number, undefined> {
  let stop: (() => void) | undefined;
  const it: AsyncIterableIterator<number, undefined> = {
    next: () => new Promise((resolve) => (stop = () => resolve({ done: true, value: undefined }))),
    return: async () => {
      stop?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => it,
  };
  return it;
}

describe('AccessRechecks', () => {
  it('runs one check per key, revokes on a refusal, and keeps going through upstream failures', async () => {
    const errors: unknown[] = [];
    const rechecks = new AccessRechecks(10, (error) => errors.push(error));
    let answer: GraphQLError | undefined;
    let runs = 0;
    const check = async () => {
      runs++;
      if (answer) throw answer;
    };
    const revoked: GraphQLError[] = [];
    rechecks.add('carol:1', check, (e) => revoked.push(e));
    rechecks.add('carol:1', check, (e) => revoked.push(e));
    expect(rechecks.size).toBe(1);
    await tick();
    expect(runs).toBeGreaterThan(0);
    answer = refusal('UPSTREAM_UNAVAILABLE');
    await tick();
    expect(revoked).toEqual([]);
    expect(errors.length).toBeGreaterThan(0);
    answer = refusal('FORBIDDEN');
    await tick();
    expect(revoked.map((e) => e.extensions.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(rechecks.size).toBe(0);
    rechecks.stop();
  });

  it('ends a revoked stream with the refusal, once, then done', async () => {
    let revoke: ((error: GraphQLError) => void) | undefined;
    let removed = false;
    const stream = revocable(endless(), (r) => {
      revoke = r;
      return () => {
        removed = true;
      };
    });
    const waiting = stream.next();
    revoke?.(refusal('NOT_FOUND'));
    const last = await waiting;
    expect(last.value).toBeInstanceOf(AccessRevoked);
    expect((last.value as AccessRevoked).error.extensions.code).toBe('NOT_FOUND');
    expect(await stream.next()).toEqual({ done: true, value: undefined });
    expect(removed).toBe(true);
  });
});
