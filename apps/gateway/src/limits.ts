import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type GraphQLError,
  NoSchemaIntrospectionCustomRule,
  specifiedRules,
  type ValidationRule,
} from 'graphql';
import { type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { type GatewayEnv, sizeInBytes } from './config.js';
import type { GatewayContext } from './context.js';
import { GatewayErrorCode, gatewayError } from './errors.js';
import type { GatewayMetrics } from './observability/metrics.js';

/**
 * The limits of every transport, HTTP and graphql-ws alike, from one configuration: message size, tokens (parsed
 * by graphql-js itself, so an over-long document costs no more than its limit), depth, cost and aliases (GraphQL
 * Armor), and subscriptions per socket.
 */
export interface QueryLimits {
  /** Largest HTTP body and graphql-ws message, bytes. */
  messageBytes: number;
  /** Most lexical tokens in a document (graphql-js `parse` stops there). */
  maxTokens: number;
  /** Most subscriptions one graphql-ws socket may hold open. */
  maxSubscriptionsPerSocket: number;
  /** Whether `__schema`/`__type` may be asked (development, or INTROSPECTION=true). */
  introspection: boolean;
  /** Armor's rules without graphql-js's own (Apollo adds those itself). */
  armorRules: ValidationRule[];
  /** graphql-js's rules followed by Armor's: what graphql-ws validates with. */
  allRules: ValidationRule[];
  /** Armor's Apollo plugins (the token limit over HTTP). */
  apolloPlugins: ApolloServerPlugin<GatewayContext>[];
}

/** Builds the query limits from the environment (depth, cost, aliases, tokens, introspection). */
export function createQueryLimits(env: GatewayEnv, production: boolean): QueryLimits {
  const introspection = env.INTROSPECTION ?? !production;
  const armor = new ApolloArmor({
    maxDepth: { n: env.MAX_DEPTH },
    costLimit: { maxCost: env.MAX_COST },
    maxAliases: { n: env.MAX_ALIASES },
    // Tokens are limited by graphql-js's parser on both transports (parseOptions over HTTP): Armor's own plugin
    // throws inside Apollo's parsing hook, which Apollo answers with a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    messageBytes: sizeInBytes(env.BODY_LIMIT),
    maxTokens: env.MAX_TOKENS,
    maxSubscriptionsPerSocket: env.MAX_SUBSCRIPTIONS_PER_SOCKET,
    armorRules: armor.validationRules,
    introspection,
    // Apollo refuses introspection over HTTP itself; graphql-ws validates with these rules alone.
    allRules: [
      ...specifiedRules,
      ...armor.validationRules,
      ...(introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    // Armor's typings come from Apollo's CommonJS build; the plugins are the same objects.
    apolloPlugins: armor.plugins as unknown as ApolloServerPlugin<GatewayContext>[],
  };
}

/** An Apollo plugin that spends one unit of the viewer's rate budget per operation and records its metrics. */
export function rateLimitPlugin(
  limiter: RateLimiterAbstract,
  metrics: GatewayMetrics,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ contextValue, operation }) {
          try {
            await limiter.consume(contextValue.viewer.userId);
          } catch (rejection) {
            const seconds = retryAfterSeconds(rejection);
            throw rateLimited(seconds, {
              http: { status: 429, headers: new Map([['retry-after', String(seconds)]]) },
            });
          }
          metrics.requests.inc({ type: operation?.operation ?? 'unknown', outcome: 'started' });
        },
        async willSendResponse({ operation, errors }) {
          const type = operation?.operation ?? 'unknown';
          metrics.latency.observe({ type }, (performance.now() - started) / 1000);
          for (const error of errors ?? [])
            metrics.errors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
        },
      };
    },
  };
}

/**
 * Whole seconds (at least 1) until a refused caller's budget has room again: the limiter's `msBeforeNext`, rounded
 * up. A limiter that failed rather than refused (its store away) says nothing: 1.
 */
export function retryAfterSeconds(rejection: unknown): number {
  if (!(rejection instanceof RateLimiterRes)) return 1;
  return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
}

/** The RATE_LIMITED error, telling when to try again (`extensions.retryAfterSeconds`) on every transport. */
export function rateLimited(seconds: number, extensions: Record<string, unknown> = {}): GraphQLError {
  return gatewayError(GatewayErrorCode.RATE_LIMITED, `too many requests; try again in ${seconds} s`, {
    ...extensions,
    retryAfterSeconds: seconds,
  });
}
