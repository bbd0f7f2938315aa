const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * An iterator over what `step` makes of each value of `source` (none, one or several), for a GraphQL
 * subscription. `return()` calls `stop` first: graphql-ws calls `return()` when a client unsubscribes, often
 * while a `next()` waits on the source, and an async generator would only see it after the source's next value
 * (in a quiet meeting, much later). `stop` (an abort) ends the source's wait at once, so the upstream watch is
 * released right away.
 */
export function flatMapStream<In, Out>(
  source: AsyncIterator<In, unknown>,
  stop: () => void,
  step: (value: In) => readonly Out[],
): AsyncIterableIterator<Out, undefined> {
  const pending: Out[] = [];
  let finished = false;
  const finish = async (): Promise<void> => {
    if (finished) return;
    finished = true;
    pending.length = 0;
    stop();
    await source.return?.();
  };
  const iterator: AsyncIterableIterator<Out, undefined> = {
    async next(): Promise<IteratorResult<Out, undefined>> {
      while (pending.length === 0) {
        if (finished) return DONE;
        const result = await source.next();
        if (finished) return DONE;
        if (result.done) {
          finished = true;
          stop();
          return DONE;
        }
        try {
          pending.push(...step(result.value));
        } catch (error) {
          await finish();
          throw error;
        }
      }
      return { done: false, value: pending.shift() as Out };
    },
    async return(): Promise<IteratorReturnResult<undefined>> {
      await finish();
      return DONE;
    },
    async throw(error?: unknown): Promise<IteratorResult<Out, undefined>> {
      await finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
