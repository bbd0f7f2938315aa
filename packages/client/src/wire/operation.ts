import type { z } from 'zod';

/** HTTP methods the meeting server uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The upstream areas of the meeting server. Each has its own circuit breaker in the client, so that a storm of
 * failures in one (meetings) does not refuse calls of another (a login, the caller's own user).
 */
export const UPSTREAM_AREAS = ['auth', 'meetings', 'users', 'departments', 'control', 'webhooks'] as const;
/** One of the {@link UPSTREAM_AREAS}. */
export type UpstreamArea = (typeof UPSTREAM_AREAS)[number];

/**
 * How a call proves who it is: `access` sends `X-Access-Token`; `control` sends
 * `X-Conference-Authorization`; `none` and `login` send neither (login calls carry their own headers).
 */
export type AuthKind = 'access' | 'control' | 'login' | 'none';

/**
 * One published operation: method, path, what it takes and what it answers. The client builds its calls from
 * these and the simulator its routes, so the two can never disagree on the wire.
 */
export interface Operation {
  /** The official SDK's operation name, e.g. `createMeeting`. */
  readonly name: string;
  /**
   * The upstream area it belongs to, which picks its circuit breaker. Every published operation declares one;
   * an operation declared elsewhere without one shares the breaker of the `other` area.
   */
  readonly area?: UpstreamArea;
  readonly method: HttpMethod;
  /** Path with `{param}` placeholders, e.g. `/v1/usg/dcs/corp/member/{account}`. */
  readonly path: string;
  readonly auth: AuthKind;
  /** Path parameters. */
  readonly params?: z.ZodType;
  /** Query parameters (typed; the server parses them from text). */
  readonly query?: z.ZodType;
  /** Extra request headers besides authentication, e.g. `X-Type`. */
  readonly headers?: z.ZodType;
  /** Request body. */
  readonly body?: z.ZodType;
  /** Response body on success. */
  readonly response: z.ZodType;
  /** Safe to send again after a failure whose outcome is unknown. */
  readonly idempotent: boolean;
}

/** Declares an operation, keeping its literal types. */
export function defineOperation<const O extends Operation>(operation: O): O {
  return operation;
}

type Out<S> = S extends z.ZodType ? z.output<S> : never;

/** What a call of the operation takes: only the parts the operation has. */
export type OperationInput<O extends Operation> = (O['params'] extends z.ZodType
  ? { params: Out<O['params']> }
  : { params?: undefined }) &
  (O['query'] extends z.ZodType ? { query: Out<O['query']> } : { query?: undefined }) &
  (O['headers'] extends z.ZodType ? { headers?: Out<O['headers']> } : { headers?: undefined }) &
  (O['body'] extends z.ZodType ? { body: Out<O['body']> } : { body?: undefined });

/** What a call of the operation answers. */
export type OperationOutput<O extends Operation> = z.output<O['response']>;

/** Fills `{param}` placeholders of a path, URL-encoding each value. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === '') throw new Error(`path parameter ${name} is missing`);
    return encodeURIComponent(String(value));
  });
}
