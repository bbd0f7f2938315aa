import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { Backplane } from './backplane.js';
import { compiledExecution } from './compiledExecution.js';
import type { GatewayContext } from './context.js';
import type { ErrorFormatter } from './errors.js';
import { noStorePlugin, operationPlugin } from './http/operations.js';
import { type QueryLimits, rateLimitPlugin } from './limits.js';
import type { GatewayMetrics } from './observability/metrics.js';
import type { GraphQLWs } from './ws.js';

/** After the drain: how long aborted operations get to send their answers, ms. */
export const ANSWER_AFTER_ABORT_MS = 1000;

/** What {@link createApollo} needs. */
export interface ApolloOptions {
  schema: GraphQLSchema;
  limits: QueryLimits;
  httpServer: Server;
  /** The graphql-ws server on the same port: Apollo's drain disposes of it. */
  ws: GraphQLWs;
  errors: ErrorFormatter;
  limiter: Backplane['limiter'];
  metrics: GatewayMetrics;
}

/**
 * The Apollo server of the HTTP transport: compiled execution, the query limits, no-store answers, one log line
 * per operation, rate limits, and a drain that also ends the graphql-ws server (not started: call `start()`).
 */
export function createApollo({
  schema,
  limits,
  httpServer,
  ws,
  errors,
  limiter,
  metrics,
}: ApolloOptions): ApolloServer<GatewayContext> {
  return new ApolloServer<GatewayContext>({
    // The schema, with its queries compiled (graphql-jit) rather than interpreted for each request.
    gateway: compiledExecution(schema),
    introspection: limits.introspection,
    // A request with an Authorization header is never a "simple" one: browsers preflight it, which is all the
    // CSRF prevention asks for. So urql's GET queries (its default for short ones) carry no extra header.
    csrfPrevention: {
      requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'],
    },
    // main.ts owns shutdown; Apollo's own handler would re-raise the signal and kill the process mid-drain.
    stopOnTerminationSignals: false,
    validationRules: limits.armorRules,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    plugins: [
      // No cache hints here: every answer is the viewer's own and live, so `no-store` (as Apollo's default
      // cache-control plugin answered), without that plugin's per-field work (a page of meetings has hundreds).
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      ...limits.apolloPlugins,
      operationPlugin(),
      // By the time Apollo drains, close() has drained, aborted and answered the operations.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: ANSWER_AFTER_ABORT_MS }),
      rateLimitPlugin(limiter, metrics),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await ws.dispose();
            },
          };
        },
      },
    ],
    formatError: errors.format,
  });
}
