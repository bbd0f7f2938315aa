import { randomUUID } from 'node:crypto';
import {
  type ExecutionArgs,
  execute,
  type GraphQLError,
  type GraphQLFormattedError,
  getOperationAST,
  subscribe,
} from 'graphql';
import type { ConnectionInitMessage, Context, ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import type { Viewer } from './auth/jwt.js';
import { logOperation } from './observability/operationLog.js';
import type { GatewayOperation } from './operation.js';

type Executor = NonNullable<ServerOptions['execute']>;

const codesOf = (errors: readonly (GraphQLFormattedError | GraphQLError)[] | undefined, fallback: string) =>
  (errors ?? []).map((error) => String(error.extensions?.code ?? fallback));

const operationOf = (args: ExecutionArgs): GatewayOperation | undefined =>
  (args.contextValue as { operation?: GatewayOperation } | null | undefined)?.operation;

const isAsyncIterable = (value: unknown): boolean =>
  typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';

/**
 * graphql-ws server options with the operations' lifecycle added to the given hooks (which run first, unchanged):
 * each operation whose context carries a {@link GatewayOperation} runs with its span active, and is finished when
 * answered (queries, mutations, a refused subscription) or when its stream opens (a subscription's subscribe phase
 * is what its deadline covers); operations refused before they get a context still get their log line.
 */
export function withOperations<P extends ConnectionInitMessage['payload'], E>(
  options: ServerOptions<P, E>,
  logger: Logger,
): ServerOptions<P, E> {
  // Operations between their subscribe message and their answer, by socket and operation id.
  const pending = new WeakMap<Context<P, E>, Map<string, GatewayOperation>>();
  const pendingOf = (ctx: Context<P, E>) => {
    let map = pending.get(ctx);
    if (!map) {
      map = new Map();
      pending.set(ctx, map);
    }
    return map;
  };
  const take = (ctx: Context<P, E>, id: string): GatewayOperation | undefined => {
    const map = pending.get(ctx);
    const operation = map?.get(id);
    map?.delete(id);
    return operation;
  };
  const inSpan =
    (executor: Executor): Executor =>
    (args) => {
      const operation = operationOf(args);
      return operation ? operation.run(() => executor(args)) : executor(args);
    };
  return {
    ...options,
    execute: inSpan(options.execute ?? execute),
    subscribe: inSpan(options.subscribe ?? subscribe),
    onSubscribe: async (ctx, id, payload) => {
      const result = await options.onSubscribe?.(ctx, id, payload);
      if (Array.isArray(result)) {
        // Refused before it had a context (rate limit, syntax, validation): still one line, with its own id.
        logOperation(logger, {
          requestId: randomUUID(),
          transport: 'ws',
          userId: (ctx.extra as { viewer?: Viewer } | undefined)?.viewer?.userId,
          operationType: undefined,
          operationName: payload.operationName ?? undefined,
          durationMs: 0,
          outcome: 'error',
          errorCodes: codesOf(result as readonly GraphQLError[], 'GRAPHQL_VALIDATION_FAILED'),
        });
      } else if (result) {
        const args = result as ExecutionArgs;
        const operation = operationOf(args);
        if (operation) {
          const definition = getOperationAST(args.document, args.operationName);
          operation.describe(definition?.operation, args.operationName ?? definition?.name?.value);
          pendingOf(ctx).set(id, operation);
        }
      }
      return result;
    },
    onOperation: async (ctx, id, payload, args, result) => {
      const replaced = await options.onOperation?.(ctx, id, payload, args, result);
      // A subscription's stream is open: its subscribe phase (and deadline) is over.
      if (isAsyncIterable(replaced ?? result)) take(ctx, id)?.finish();
      return replaced;
    },
    onNext: async (ctx, id, payload, args, result) => {
      const formatted = await options.onNext?.(ctx, id, payload, args, result);
      pending
        .get(ctx)
        ?.get(id)
        ?.recordErrors(codesOf((formatted ?? result).errors, 'INTERNAL_SERVER_ERROR'));
      return formatted;
    },
    onError: async (ctx, id, payload, errors) => {
      const formatted = await options.onError?.(ctx, id, payload, errors);
      // Errors of an operation with a context (not those refused above, nor a stream's that failed later).
      const operation = take(ctx, id);
      operation?.recordErrors(codesOf(formatted ?? errors, 'INTERNAL_SERVER_ERROR'));
      operation?.finish();
      return formatted;
    },
    onComplete: async (ctx, id, payload) => {
      await options.onComplete?.(ctx, id, payload);
      take(ctx, id)?.finish();
    },
    onClose: async (ctx, code, reason) => {
      await options.onClose?.(ctx, code, reason);
      // Answers that can no longer be sent: the client has gone.
      for (const operation of pending.get(ctx)?.values() ?? []) {
        operation.deadline.abort('client-gone'); // its upstream calls stop now, not at the deadline
        operation.finish({ cancelled: true });
      }
      pending.delete(ctx);
    },
  };
}

/** graphql-ws's `useServer` with each operation's lifecycle ({@link withOperations}) added to `options`. */
export function useServerWithOperations<
  P extends ConnectionInitMessage['payload'] = ConnectionInitMessage['payload'],
  E extends Record<PropertyKey, unknown> = Record<PropertyKey, never>,
>(
  logger: Logger,
  options: Parameters<typeof useServer<P, E>>[0],
  ws: WebSocketServer,
  keepAlive?: number,
): ReturnType<typeof useServer> {
  return useServer<P, E>(withOperations(options, logger), ws, keepAlive);
}
