import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';
import type { OperationDeadline } from './deadline.js';

/** What a context may carry: the running operation, whose deadline the resolvers are raced against. */
type WithOperation = { operation?: { deadline: OperationDeadline } | undefined } | null | undefined;

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === 'function';

/** A subscription source that arrived after its operation was answered: closed, so that nothing leaks. */
const closeLateSource = (value: unknown): void => {
  const iterator = value as Partial<AsyncIterator<unknown>> | null;
  if (typeof iterator?.return === 'function') {
    iterator.return().catch(() => undefined); // Nobody listens any more; a failing return has nothing to tell.
  }
};

function raced(
  resolve: GraphQLFieldResolver<unknown, unknown>,
  discard?: (value: unknown) => void,
): GraphQLFieldResolver<unknown, unknown> {
  return (source, args, context, info) => {
    const result = resolve(source, args, context, info);
    if (!isPromiseLike(result)) return result;
    const deadline = (context as WithOperation)?.operation?.deadline;
    return deadline?.active ? deadline.race(result, discard) : result;
  };
}

/**
 * The schema with every field's own resolver (and subscription's subscribe) raced against its operation's deadline:
 * past it, or at shutdown, the operation is answered even if a resolver ignores the abort signal. Synchronous
 * resolvers, and resolvers of operations without a deadline (a subscription's events), run as they are.
 */
export function withDeadlines(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    // Fields without a resolver read a property of their parent: synchronous, and left to graphql-js's fast
    // default path (a page of meetings has hundreds of them).
    [MapperKind.OBJECT_FIELD]: (field) => ({
      ...field,
      ...(field.resolve ? { resolve: raced(field.resolve) } : {}),
      ...(field.subscribe ? { subscribe: raced(field.subscribe, closeLateSource) } : {}),
    }),
  });
}
