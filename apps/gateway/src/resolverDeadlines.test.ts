// The deadline race at the resolver level: answered on time even when a resolver ignores the abort signal.
import { makeExecutableSchema } from '@graphql-tools/schema';
import { type ExecutionResult, execute, parse, subscribe } from 'graphql';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { OperationTracker } from './operation.js';
import { withDeadlines } from './resolverDeadlines.js';

const never = new Promise<never>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function setUp(timeoutMs: number, lateSource?: { returned: boolean }) {
  const schema = withDeadlines(
    makeExecutableSchema({
      typeDefs: `
        type Query { stuck: String, slow: String, quick: String!, nested: Nested }
        type Nested { stuck: String }
        type Subscription { ticks: Int }
      `,
      resolvers: {
        // Ignores every signal: only the gateway's race can answer for it.
        Query: {
          stuck: () => never,
          slow: () => sleep(timeoutMs * 3).then(() => 'late'),
          quick: () => 'here',
          nested: () => sleep(timeoutMs * 2).then(() => ({})),
        },
        Nested: { stuck: () => never },
        Subscription: {
          ticks: {
            subscribe: async () => {
              await sleep(timeoutMs * 2);
              return {
                [Symbol.asyncIterator]() {
                  return this;
                },
                next: () => never,
                return: async () => {
                  if (lateSource) lateSource.returned = true;
                  return { done: true as const, value: undefined };
                },
              };
            },
          },
        },
      },
    }),
  );
  const tracker = new OperationTracker(pino({ level: 'silent' }), timeoutMs);
  const operation = tracker.start('http', 'test-request');
  return { schema, tracker, operation, contextValue: { operation } };
}

describe('withDeadlines', () => {
  it('answers TIMEOUT for a resolver that never settles, keeping what did resolve', async () => {
    const { schema, contextValue } = setUp(50);
    const started = performance.now();
    const result = (await execute({
      schema,
      document: parse('{ stuck quick }'),
      contextValue,
    })) as ExecutionResult;
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.data).toEqual({ stuck: null, quick: 'here' });
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['TIMEOUT']);
    expect(result.errors?.[0]?.message).toContain('50 ms');
  });

  it('cuts nested resolvers that start after the deadline at once', async () => {
    const { schema, contextValue } = setUp(30);
    const result = (await execute({
      schema,
      document: parse('{ nested { stuck } }'),
      contextValue,
    })) as ExecutionResult;
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['TIMEOUT']);
  });

  it('answers SHUTTING_DOWN when the operation is aborted for shutdown', async () => {
    const { schema, contextValue, tracker } = setUp(10_000);
    const running = execute({
      schema,
      document: parse('{ stuck }'),
      contextValue,
    }) as Promise<ExecutionResult>;
    expect(tracker.abortAll()).toBe(1);
    const result = await running;
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['SHUTTING_DOWN']);
    expect(contextValue.operation.signal.aborted).toBe(true);
  });

  it('leaves resolvers alone once the operation is finished (a subscription streaming)', async () => {
    const { schema, contextValue, tracker } = setUp(20);
    contextValue.operation.finish();
    expect(tracker.inFlightCount).toBe(0);
    const result = (await execute({ schema, document: parse('{ slow }'), contextValue })) as ExecutionResult;
    expect(result).toEqual({ data: { slow: 'late' } });
  });

  it('answers a subscribe phase past the deadline and closes the source that comes late', async () => {
    const late = { returned: false };
    const { schema, contextValue } = setUp(30, late);
    const result = (await subscribe({
      schema,
      document: parse('subscription { ticks }'),
      contextValue,
    })) as ExecutionResult;
    expect(result.errors?.map((error) => error.extensions.code)).toEqual(['TIMEOUT']);
    await sleep(100);
    expect(late.returned).toBe(true);
  });
});
