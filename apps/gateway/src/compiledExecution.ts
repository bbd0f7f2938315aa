import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, execute, GraphQLError, type GraphQLSchema } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { GatewayContext } from './context.js';

/** What Apollo Server takes as a custom executor: its `gateway` interface. */
type ApolloGateway = ApolloServerOptionsWithGateway<GatewayContext>['gateway'];
type Executor = NonNullable<Awaited<ReturnType<ApolloGateway['load']>>['executor']>;

/** Compiled queries kept per document (Apollo keeps each document it has parsed and validated). */
type CompiledDocument = Map<string, CompiledQuery | ExecutionResult>;

/**
 * A resolver's error as graphql-js reports it: graphql-jit's own error type has no `extensions` when the error
 * thrown had none (Apollo's formatting reads `extensions.code` and would answer an internal error instead).
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const converted = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: error.extensions ?? undefined,
  });
  // Where in the query: graphql-jit computed it from the same document.
  (converted as { locations: GraphQLError['locations'] }).locations = error.locations;
  return converted;
}

/**
 * Executes the queries of Apollo Server's HTTP pipeline with graphql-jit: each query document is compiled once
 * (Apollo hands the same parsed document object for the same query text) into plain JavaScript that runs the
 * schema's own resolvers, about three times cheaper than graphql-js interpreting it for every request (a page of
 * meetings has hundreds of fields). Everything else runs as graphql-js runs it:
 * - mutations and subscriptions (not the hot path; their order and streaming stay graphql-js's), and a request
 *   naming no operation of its document (graphql-js refuses it, as Apollo expects);
 * - a query whose variables graphql-jit cannot coerce: graphql-js executes it again from scratch (nothing has
 *   run yet), so that a bad variable is refused with graphql-js's own words and HTTP status.
 * Apollo validates every document beforehand as before; plugins see the same hooks, but a plugin's
 * `willResolveField` would not be called (none is installed: see server.ts).
 */
export function compiledExecution(schema: GraphQLSchema): ApolloGateway {
  const compiled = new WeakMap<DocumentNode, CompiledDocument>();

  const compiledFor = (document: DocumentNode, operationName: string | undefined) => {
    let byOperation = compiled.get(document);
    if (!byOperation) {
      byOperation = new Map();
      compiled.set(document, byOperation);
    }
    const key = operationName ?? '';
    let query = byOperation.get(key);
    if (!query) {
      query = compileQuery(schema, document, operationName);
      byOperation.set(key, query);
    }
    return query;
  };

  const executor: Executor = async ({ document, operation, request, context }) => {
    const variableValues = request.variables ?? {};
    // As the request named it (Apollo's own `operationName` is that of the operation it found, if any).
    const operationName = request.operationName ?? undefined;
    const byGraphQLJs = () =>
      execute({
        schema,
        document,
        contextValue: context,
        variableValues,
        operationName,
      });
    // No operation of that name (Apollo lets graphql-js refuse it), a mutation or a subscription.
    if (operation?.operation !== 'query') return byGraphQLJs();
    const query = compiledFor(document, operationName);
    if (!isCompiledQuery(query)) return byGraphQLJs();
    const result = await query.query(undefined, context, variableValues);
    // Errors before any data: the variables were refused before anything ran; graphql-js says why.
    if (result.errors && result.data === undefined) return byGraphQLJs();
    return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
  };

  return {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => undefined;
    },
    async stop() {},
  };
}
