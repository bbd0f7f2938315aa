import { z } from 'zod';
import { originListSchema } from './originRule.js';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const positiveInt = z.coerce.number().int().positive();

/**
 * The gateway's environment, validated at start-up. Without upstream credentials (`HWMEETING_APP_ID` and
 * `HWMEETING_APP_KEY`) the gateway starts the embedded simulator and points itself at it.
 */
export const envSchema = z
  .object({
    /**
     * `production` or `development` force the mode; unset (or `test`), the mode follows the upstream: development
     * on the embedded simulator, production with real credentials (see {@link gatewayMode}).
     */
    NODE_ENV: z.enum(['development', 'production', 'test']).optional(),
    PORT: z.coerce.number().int().min(0).max(65_535).default(4000),
    HOST: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    HWMEETING_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    HWMEETING_APP_ID: z.string().min(1).optional(),
    HWMEETING_APP_KEY: z.string().min(1).optional(),
    HWMEETING_CORP_ID: z.string().min(1).optional(),
    HWMEETING_TENANCY: z.enum(['single', 'multi']).default('single'),
    /** Third-party user the gateway acts as for administrators (default: the enterprise default admin). */
    HWMEETING_ADMIN_USER_ID: z.string().min(1).optional(),
    JWT_SECRET: z.string().min(32, { error: 'must be at least 32 characters (HS256 key)' }).optional(),
    JWT_JWKS_URL: z.url().optional(),
    JWT_ISSUER: z.string().min(1).optional(),
    JWT_AUDIENCE: z.string().min(1).optional(),
    /** Longest front-end JWT lifetime accepted, seconds (`exp - iat`, or `exp - now` without `iat`); tokens need `exp`. */
    JWT_MAX_LIFETIME_SECONDS: positiveInt.default(24 * 3600),
    /** Development: where the JWT signing key is kept across restarts (default `$XDG_CACHE_HOME/hwmeeting` or `~/.cache/hwmeeting`). */
    HWMEETING_CACHE_DIR: z.string().min(1).optional(),
    /** The XDG base directory of the user's caches (read for the default of HWMEETING_CACHE_DIR). */
    XDG_CACHE_HOME: z.string().min(1).optional(),
    /** Lifetime of the development tokens printed at start-up. */
    DEV_TOKEN_TTL_SECONDS: positiveInt.default(12 * 3600),
    GRAPHQL_PATH: z.string().startsWith('/').default('/graphql'),
    INTROSPECTION: bool.optional(),
    /** Browser origins allowed over HTTP (CORS) and WebSocket upgrades; development also allows pages on this machine. */
    CORS_ORIGINS: originListSchema.optional(),
    MAX_DEPTH: positiveInt.default(10),
    MAX_COST: positiveInt.default(5000),
    MAX_ALIASES: positiveInt.default(15),
    MAX_TOKENS: positiveInt.default(2000),
    /** Largest HTTP request body and graphql-ws message (e.g. `100kb`, `1mb`). */
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(kb|mb)$/i, { error: 'must be a size such as 100kb or 1mb' })
      .default('100kb'),
    /** Subscriptions one graphql-ws socket may hold open at once. */
    MAX_SUBSCRIPTIONS_PER_SOCKET: positiveInt.default(100),
    RATE_LIMIT_PER_MINUTE: positiveInt.default(600),
    WEBHOOK_PATH: z.string().startsWith('/').default('/webhooks/meeting'),
    WEBHOOK_SUBSCRIBER_ID: z.string().min(1).optional(),
    WEBHOOK_SUBSCRIBER_KEY: z.string().min(1).optional(),
    /** Seconds between re-checks, upstream and as the viewer, that each live subscriber may still see its meeting (0: never). */
    REAUTHORIZE_SECONDS: z.coerce.number().int().nonnegative().default(300),
    /** Seconds an upstream meeting socket stays open after its last subscriber leaves. */
    STREAM_GRACE_SECONDS: z.coerce.number().int().nonnegative().default(30),
    /** How long a meeting subscription's first update waits for the meeting server's state, ms; past it the first update says CONNECTING. */
    FIRST_UPDATE_WAIT_MS: z.coerce.number().int().min(1).max(60_000).default(3000),
    /** How often a subscription to a meeting not started yet (WAITING) asks the meeting server whether it started, ms. */
    LOBBY_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(10_000),
    /** How long after its scheduled start a meeting not started yet is waited for, seconds; then its WAITING subscriptions end (MEETING_NOT_STARTED). */
    LOBBY_GRACE_SECONDS: z.coerce.number().int().nonnegative().default(1800),
    /** SIGTERM/SIGINT: how long in-flight operations may finish (drain) before they are aborted and answered SHUTTING_DOWN. */
    SHUTDOWN_TIMEOUT_MS: positiveInt.default(10_000),
    /** Deadline of every GraphQL operation (a subscription's subscribe phase), ms: answered TIMEOUT past it. */
    OPERATION_TIMEOUT_MS: positiveInt.default(15_000),
    /** Serve `/metrics` on this port only (not on the main one); 0: an ephemeral port. */
    METRICS_PORT: z.coerce.number().int().min(0).max(65_535).optional(),
    /** `/metrics` requires `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: z.string().min(16, { error: 'must be at least 16 characters' }).optional(),
    /** In production, serve `/metrics` on the main port without a token (otherwise it needs METRICS_PORT or METRICS_TOKEN). */
    METRICS_PUBLIC: bool.optional(),
    /** OpenTelemetry traces: the OTLP/HTTP collector (e.g. `http://collector:4318`); unset (and no exporter chosen): tracing off. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** OpenTelemetry traces: the full OTLP/HTTP traces URL, instead of OTEL_EXPORTER_OTLP_ENDPOINT's `/v1/traces`. */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
    /** OpenTelemetry traces exporter: `otlp` (OTLP over HTTP), `console` (stdout) or `none`. */
    OTEL_TRACES_EXPORTER: z.enum(['otlp', 'console', 'none']).optional(),
    /** Serve the built console (apps/console) at `/console`: `on` or `off`; unset, on in development only. */
    CONSOLE: z.enum(['on', 'off']).optional(),
    /** Where the built console is (its `dist` folder); default: `apps/console/dist` beside the gateway. */
    CONSOLE_DIR: z.string().min(1).optional(),
    /** The embedded simulator keeps its demo meetings alive (people join, leave, speak). */
    EMBEDDED_ACTIVITY: bool.default(true),
    /** Redis for running several replicas (shared streams, upstream leases, tokens, rate limits); unset: in memory. */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    /** Prefix of every Redis key and channel (several gateways may share one Redis). */
    REDIS_KEY_PREFIX: z.string().min(1).max(64).default('hwm:'),
    /** AES-256 key (32 bytes, base64 or hex) that encrypts the upstream tokens shared in Redis. */
    TOKEN_ENCRYPTION_KEY: z
      .string()
      .refine(
        (text) =>
          (/^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64')).length ===
          32,
        { error: 'must be 32 bytes, base64 or hex (e.g. openssl rand -base64 32)' },
      )
      .optional(),
    /** How long a replica's hold on a meeting's upstream socket lasts unless renewed; a dead holder is replaced after it. */
    UPSTREAM_LEASE_MS: z.coerce.number().int().min(1000).max(60_000).default(5000),
    /** Events kept per meeting stream for resuming subscriptions, and for how long. */
    STREAM_RETENTION_EVENTS: positiveInt.default(10_000),
    STREAM_RETENTION_SECONDS: positiveInt.default(600),
    /** This replica's name in leases and logs (default: host name and process ID). */
    REPLICA_ID: z.string().min(1).max(100).optional(),
  })
  .superRefine((env, context) => {
    if ((env.HWMEETING_APP_ID === undefined) !== (env.HWMEETING_APP_KEY === undefined)) {
      context.addIssue({
        code: 'custom',
        path: [env.HWMEETING_APP_ID === undefined ? 'HWMEETING_APP_ID' : 'HWMEETING_APP_KEY'],
        message: 'HWMEETING_APP_ID and HWMEETING_APP_KEY go together',
      });
    }
    if (env.HWMEETING_CORP_ID && env.HWMEETING_TENANCY !== 'multi') {
      context.addIssue({
        code: 'custom',
        path: ['HWMEETING_CORP_ID'],
        message: 'needs HWMEETING_TENANCY=multi',
      });
    }
    if (env.REDIS_URL && !env.TOKEN_ENCRYPTION_KEY) {
      context.addIssue({
        code: 'custom',
        path: ['TOKEN_ENCRYPTION_KEY'],
        message:
          'REDIS_URL is set: the upstream tokens shared in Redis need this key (openssl rand -base64 32)',
      });
    }
    if (env.DEV_TOKEN_TTL_SECONDS > env.JWT_MAX_LIFETIME_SECONDS) {
      context.addIssue({
        code: 'custom',
        path: ['DEV_TOKEN_TTL_SECONDS'],
        message: `must not exceed JWT_MAX_LIFETIME_SECONDS (${env.JWT_MAX_LIFETIME_SECONDS})`,
      });
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
      context.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: 'must differ from PORT' });
    }
    if (gatewayMode(env) === 'production' && !env.JWT_SECRET && !env.JWT_JWKS_URL) {
      context.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message:
          'production (real upstream credentials or NODE_ENV=production) needs JWT_SECRET or JWT_JWKS_URL; NODE_ENV=development allows a development key',
      });
    }
  });

/** The validated environment. */
export type GatewayEnv = z.infer<typeof envSchema>;

/**
 * Development conveniences (printed tokens, introspection, unmasked errors, field suggestions, localhost CORS) are
 * on only with the embedded simulator or an explicit `NODE_ENV=development`: a gateway given real credentials
 * behaves as production unless told otherwise.
 */
export function gatewayMode(
  env: Pick<GatewayEnv, 'NODE_ENV' | 'HWMEETING_APP_ID'>,
): 'development' | 'production' {
  if (env.NODE_ENV === 'production' || env.NODE_ENV === 'development') return env.NODE_ENV;
  return env.HWMEETING_APP_ID === undefined ? 'development' : 'production';
}

/** A `BODY_LIMIT` such as `100kb` in bytes. */
export function sizeInBytes(limit: string): number {
  const match = /^(\d+)(kb|mb)$/i.exec(limit);
  if (!match) throw new ConfigError(`not a size: ${limit}`);
  return Number(match[1]) * (match[2]?.toLowerCase() === 'mb' ? 1024 * 1024 : 1024);
}

/** A configuration error that names every bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'CONFIG_INVALID';
}

/** Parses the environment, throwing a {@link ConfigError} that lists each bad variable and why. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayEnv {
  // An empty variable (`FOO=` in a compose file or a shell) means unset, not an invalid value.
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map(
    (issue) => `  ${issue.path.join('.') || 'environment'}: ${issue.message}`,
  );
  throw new ConfigError(`invalid gateway configuration:\n${lines.join('\n')}`);
}
