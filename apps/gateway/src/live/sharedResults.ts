import {
  createSourceEventStream,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
} from 'graphql';
import { FinalError } from './finalError.js';

type Result = ExecutionResult | Promise<ExecutionResult>;
type Source = AsyncIterable<unknown> & AsyncIterator<unknown>;

const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });

/**
 * A graphql-ws `subscribe` that executes each event once per document and variables, however many subscribers
 * receive it: thousands of viewers of one meeting share the same update objects (MeetingStreams.updates) and ask the
 * same few queries, so the result made for the first serves the rest. Results are keyed by the event object
 * itself (weakly, so they go with it) and must not depend on the viewer: the payload types of the meeting
 * subscriptions resolve from the payload alone (a viewer's passwords are put into their own payload object).
 */
export function createSharedSubscribe(): (
  args: ExecutionArgs,
) => Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const results = new WeakMap<object, WeakMap<DocumentNode, Map<string, Result>>>();
  const resultFor = (args: ExecutionArgs, key: string, payload: unknown): Result => {
    // The viewer lost access, or the lobby gave up: the subscription's last message is the error.
    if (payload instanceof FinalError) return { errors: [payload.error] };
    if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
    let byDocument = results.get(payload);
    if (!byDocument) {
      byDocument = new WeakMap();
      results.set(payload, byDocument);
    }
    let byVariables = byDocument.get(args.document);
    if (!byVariables) {
      byVariables = new Map();
      byDocument.set(args.document, byVariables);
    }
    let result = byVariables.get(key);
    if (!result) {
      result = execute({ ...args, rootValue: payload });
      byVariables.set(key, result);
    }
    return result;
  };
  return async (args) => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source as ExecutionResult;
    // The same for every event of this subscription: computed once, not per event.
    const key = `${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}`;
    return new SharedResults((source as Source)[Symbol.asyncIterator](), args, key, resultFor);
  };
}

/**
 * One subscription's results: each event's result, shared with every subscription of the same document and
 * variables. A class with promise callbacks rather than an async generator: thousands of subscribers wait here at
 * once, and a suspended generator (or a set of closures) costs more memory than a pending promise reaction.
 */
class SharedResults implements AsyncIterableIterator<ExecutionResult, undefined> {
  constructor(
    private readonly inner: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string,
    private readonly resultFor: (args: ExecutionArgs, key: string, payload: unknown) => Result,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    return this.inner.next().then((step) => this.resultOf(step));
  }

  async return(): Promise<IteratorReturnResult<undefined>> {
    await this.inner.return?.();
    return DONE;
  }

  async throw(error?: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    await this.inner.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private resultOf(
    step: IteratorResult<unknown>,
  ): IteratorResult<ExecutionResult, undefined> | Promise<IteratorResult<ExecutionResult, undefined>> {
    if (step.done) return DONE;
    const result = this.resultFor(this.args, this.key, step.value);
    return result instanceof Promise
      ? result.then((value) => ({ done: false, value }))
      : { done: false, value: result };
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}
