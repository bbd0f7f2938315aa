import { randomUUID } from 'node:crypto';
import {
  BrokenCircuitError,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IPolicy,
  retry,
  TaskCancelledError,
  wrap,
} from 'cockatiel';
import { type Dispatcher, Pool } from 'undici';
import type { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from './errors.js';
import { errorBodySchema } from './wire/common.js';
import { fillPath, type Operation } from './wire/operation.js';

/** Retry policy: only safe calls are retried, with jittered exponential backoff. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff in milliseconds (default 100). */
  initialDelayMs?: number;
  /** Longest backoff in milliseconds (default 5000). */
  maxDelayMs?: number;
  /** A 429 whose `Retry-After` asks for longer than this is not retried, and no wait exceeds it (default 30). */
  maxRetryAfterSeconds?: number;
}

/** Circuit breaker per endpoint: opens after consecutive failures, tries again after a pause. */
export interface BreakerOptions {
  /** Consecutive server or network failures that open the circuit (default 5). */
  consecutiveFailures?: number;
  /** Milliseconds before a half-open trial call (default 10000). */
  halfOpenAfterMs?: number;
}

/** What the transport reports of each attempt, for logs and metrics. Never holds a token. */
export interface TransportEvent {
  operation: string;
  method: string;
  path: string;
  requestId: string;
  attempt: number;
  durationMs: number;
  httpStatus?: number | undefined;
  /** The error code when the attempt failed. */
  code?: string | undefined;
}

/** Options of a {@link Transport}. */
export interface TransportOptions {
  /** Base URL, e.g. `https://api-intl.meeting.huaweicloud.com`. */
  endpoint: string;
  /** `Accept-Language` sent on every call (`zh-CN` or `en-US`). */
  acceptLanguage?: string | undefined;
  /** Per-attempt timeout in milliseconds (default 10000). */
  timeoutMs?: number | undefined;
  /** Keep-alive connections in the pool (default 32). */
  connections?: number | undefined;
  retry?: RetryOptions | false | undefined;
  breaker?: BreakerOptions | false | undefined;
  /** Called after every attempt. */
  onEvent?: ((event: TransportEvent) => void) | undefined;
}

/** One call: the operation, its input, authentication headers and per-call options. */
export interface TransportRequest {
  operation: Operation;
  input?: { params?: unknown; query?: unknown; headers?: unknown; body?: unknown } | undefined;
  /**
   * Authentication headers, computed afresh for each attempt; may also replace the body (an App ID login signs
   * each attempt anew, and its body carries the signed nonce and expiry).
   */
  auth?: (() => { headers: Record<string, string>; body?: unknown }) | undefined;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  requestId?: string | undefined;
}

/** A successful answer. */
export interface TransportResponse<T> {
  data: T;
  requestId: string;
  httpStatus: number;
}

interface PreparedCall {
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function issuePath(issue: z.core.$ZodIssue, prefix: string): string {
  return [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
}

/** Parses a value with a schema or throws a MeetingApiError naming the first bad field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  context: { operation: string; part: string; code: string; requestId?: string; httpStatus?: number },
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue ? issuePath(issue, context.part) : context.part;
  const what = context.code === ClientErrorCode.INVALID_INPUT ? 'invalid input' : 'invalid response';
  throw new MeetingApiError({
    code: context.code,
    operation: context.operation,
    httpStatus: context.httpStatus,
    requestId: context.requestId,
    field,
    message: `${context.operation}: ${what} at ${field}: ${issue?.message ?? 'does not match the schema'}`,
  });
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(key, String(item));
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

function retryAfterSeconds(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT']);

/**
 * The HTTP layer: an undici keep-alive pool to one endpoint, `X-Request-ID` on every call, per-call timeout and
 * AbortSignal, retries where safe, and a circuit breaker. Validates inputs before sending and answers after.
 */
export class Transport {
  readonly endpoint: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly acceptLanguage: string | undefined;
  private readonly onEvent: ((event: TransportEvent) => void) | undefined;
  private readonly safePolicy: IPolicy;
  private readonly unsafePolicy: IPolicy;

  constructor(options: TransportOptions) {
    const url = new URL(options.endpoint);
    this.endpoint = options.endpoint;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 32,
      keepAliveTimeout: 30_000,
      pipelining: 1,
      // The default per-attempt timeout lives on the pool; a per-call one is passed only when asked for, since
      // per-request timers cost on the hot path.
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    this.acceptLanguage = options.acceptLanguage;
    this.onEvent = options.onEvent;

    const retryOptions = options.retry === false ? { maxRetries: 0 } : (options.retry ?? {});
    const maxRetries = retryOptions.maxRetries ?? 2;
    const initialDelay = retryOptions.initialDelayMs ?? 100;
    const maxDelay = retryOptions.maxDelayMs ?? 5_000;
    const maxRetryAfter = retryOptions.maxRetryAfterSeconds ?? 30;
    // Full jitter on an exponential ceiling; a server's Retry-After wins when it asks for longer.
    const backoff = new DelegateBackoff<{ attempt: number; result: unknown }>((context) => {
      const ceiling = Math.min(maxDelay, initialDelay * 2 ** (context.attempt - 1));
      const jittered = initialDelay / 2 + Math.random() * (ceiling - initialDelay / 2);
      const result = context.result as { error?: unknown };
      const asked = result.error instanceof MeetingApiError ? result.error.retryAfterSeconds : undefined;
      return asked === undefined ? jittered : Math.max(jittered, Math.min(asked, maxRetryAfter) * 1000);
    });
    const throttled = (error: Error) =>
      error instanceof MeetingApiError &&
      error.httpStatus === 429 &&
      (error.retryAfterSeconds ?? 0) <= maxRetryAfter;
    const transient = (error: Error) =>
      error instanceof MeetingApiError &&
      ((error.httpStatus !== undefined && error.httpStatus >= 500) ||
        error.code === ClientErrorCode.NETWORK ||
        error.code === ClientErrorCode.TIMEOUT);
    const safeRetry = retry(
      handleWhen((e) => throttled(e) || transient(e)),
      { maxAttempts: maxRetries, backoff },
    );
    const unsafeRetry = retry(handleWhen(throttled), { maxAttempts: maxRetries, backoff });
    if (options.breaker === false) {
      this.safePolicy = safeRetry;
      this.unsafePolicy = unsafeRetry;
    } else {
      const breaker = circuitBreaker(handleWhen(transient), {
        halfOpenAfter: options.breaker?.halfOpenAfterMs ?? 10_000,
        breaker: new ConsecutiveBreaker(options.breaker?.consecutiveFailures ?? 5),
      });
      this.safePolicy = wrap(safeRetry, breaker);
      this.unsafePolicy = wrap(unsafeRetry, breaker);
    }
  }

  /** Sends one call (with retries where safe) and returns its validated answer. */
  async request<T>(request: TransportRequest): Promise<TransportResponse<T>> {
    const { operation } = request;
    const requestId = request.requestId ?? randomUUID();
    const prepared = this.prepare(request, requestId);
    const policy = operation.idempotent ? this.safePolicy : this.unsafePolicy;
    try {
      return await policy.execute(
        (context) =>
          this.attempt<T>(request, prepared, requestId, ((context as { attempt?: number }).attempt ?? 0) + 1),
        request.signal,
      );
    } catch (error) {
      if (error instanceof MeetingApiError) throw error;
      if (error instanceof BrokenCircuitError) {
        throw new MeetingApiError({
          code: ClientErrorCode.CIRCUIT_OPEN,
          operation: operation.name,
          requestId,
          message: `${operation.name}: circuit open for ${this.endpoint} after repeated failures; not sent`,
          cause: error,
        });
      }
      if (error instanceof TaskCancelledError || request.signal?.aborted) {
        throw new MeetingApiError({
          code: ClientErrorCode.ABORTED,
          operation: operation.name,
          requestId,
          message: `${operation.name}: aborted by the caller`,
          cause: error,
        });
      }
      throw error;
    }
  }

  /** Closes the connection pool. */
  async close(): Promise<void> {
    await this.pool.close();
  }

  private prepare(request: TransportRequest, requestId: string): PreparedCall {
    const { operation, input } = request;
    const context = { operation: operation.name, code: ClientErrorCode.INVALID_INPUT };
    const params = operation.params
      ? parseOrThrow(operation.params, input?.params, { ...context, part: 'params' })
      : {};
    const query = operation.query
      ? parseOrThrow(operation.query, input?.query, { ...context, part: 'query' })
      : {};
    const extra = operation.headers
      ? parseOrThrow(operation.headers, input?.headers ?? {}, { ...context, part: 'headers' })
      : {};
    const body = operation.body
      ? parseOrThrow(operation.body, input?.body, { ...context, part: 'body' })
      : undefined;
    const headers: Record<string, string> = { 'X-Request-ID': requestId };
    if (this.acceptLanguage) headers['Accept-Language'] = this.acceptLanguage;
    for (const [key, value] of Object.entries(extra as Record<string, unknown>)) {
      if (value !== undefined) headers[key] = String(value);
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=UTF-8';
    return {
      path: `${this.basePath}${fillPath(operation.path, params as Record<string, unknown>)}${queryString(query as Record<string, unknown>)}`,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    };
  }

  private async attempt<T>(
    request: TransportRequest,
    prepared: PreparedCall,
    requestId: string,
    attempt: number,
  ): Promise<TransportResponse<T>> {
    const { operation } = request;
    const started = performance.now();
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    let httpStatus: number | undefined;
    const report = (code?: string) =>
      this.onEvent?.({
        operation: operation.name,
        method: operation.method,
        path: operation.path,
        requestId,
        attempt,
        durationMs: performance.now() - started,
        httpStatus,
        code,
      });
    try {
      const fresh = request.auth?.();
      const body =
        fresh?.body !== undefined && operation.body
          ? JSON.stringify(
              parseOrThrow(operation.body, fresh.body, {
                operation: operation.name,
                part: 'body',
                code: ClientErrorCode.INVALID_INPUT,
              }),
            )
          : prepared.body;
      // The default timeout is undici's own (set on the pool: coarse timers, cheap on the hot path); a per-call
      // timeout is exact, with an AbortSignal, since the caller asked for that precise bound.
      const timeout = request.timeoutMs === undefined ? undefined : AbortSignal.timeout(request.timeoutMs);
      const signal =
        timeout && request.signal ? AbortSignal.any([timeout, request.signal]) : (timeout ?? request.signal);
      const options: Dispatcher.RequestOptions = {
        method: operation.method,
        path: prepared.path,
        headers: fresh ? Object.assign({}, prepared.headers, fresh.headers) : prepared.headers,
        body: body ?? null,
        signal: signal ?? null,
      };
      const response = await this.pool.request(options);
      httpStatus = response.statusCode;
      const text = await response.body.text();
      const answeredId = (response.headers['x-request-id'] as string | undefined) ?? requestId;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const data = this.parseSuccess<T>(operation, text, answeredId, response.statusCode);
        report();
        return { data, requestId: answeredId, httpStatus: response.statusCode };
      }
      throw this.errorFromAnswer(
        operation,
        text,
        response.statusCode,
        answeredId,
        response.headers['retry-after'],
      );
    } catch (error) {
      const failure = this.classify(error, operation, requestId, request.signal, timeoutMs);
      report(failure.code);
      throw failure;
    }
  }

  private parseSuccess<T>(operation: Operation, text: string, requestId: string, httpStatus: number): T {
    let json: unknown;
    if (text.trim() === '') {
      json = undefined;
    } else {
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new MeetingApiError({
          code: ClientErrorCode.INVALID_RESPONSE,
          operation: operation.name,
          httpStatus,
          requestId,
          message: `${operation.name}: the answer is not JSON`,
          cause: error,
        });
      }
    }
    return parseOrThrow(operation.response, json, {
      operation: operation.name,
      part: 'response',
      code: ClientErrorCode.INVALID_RESPONSE,
      requestId,
      httpStatus,
    }) as T;
  }

  private errorFromAnswer(
    operation: Operation,
    text: string,
    httpStatus: number,
    requestId: string,
    retryAfter: string | string[] | undefined,
  ): MeetingApiError {
    let parsed: ReturnType<typeof errorBodySchema.safeParse> | undefined;
    try {
      parsed = errorBodySchema.safeParse(JSON.parse(text));
    } catch {
      parsed = undefined; // Not JSON: reported below as a bare HTTP error.
    }
    const body = parsed?.success ? parsed.data : undefined;
    return new MeetingApiError({
      code: body?.error_code ?? ClientErrorCode.HTTP_ERROR,
      operation: operation.name,
      httpStatus,
      requestId: body?.request_id ?? requestId,
      retryAfterSeconds: retryAfterSeconds(retryAfter),
      message: `${operation.name}: HTTP ${httpStatus}${body ? ` ${body.error_code}${body.error_msg ? ` ${body.error_msg}` : ''}` : ''}`,
    });
  }

  private classify(
    error: unknown,
    operation: Operation,
    requestId: string,
    callerSignal: AbortSignal | undefined,
    timeoutMs: number,
  ): MeetingApiError {
    if (error instanceof MeetingApiError) return error;
    if (callerSignal?.aborted) {
      return new MeetingApiError({
        code: ClientErrorCode.ABORTED,
        operation: operation.name,
        requestId,
        message: `${operation.name}: aborted by the caller`,
        cause: error,
      });
    }
    const name = (error as { name?: string }).name;
    const code = (error as { code?: string }).code;
    if (
      name === 'TimeoutError' ||
      name === 'AbortError' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT'
    ) {
      return new MeetingApiError({
        code: ClientErrorCode.TIMEOUT,
        operation: operation.name,
        requestId,
        message: `${operation.name}: no answer within ${timeoutMs} ms`,
        cause: error,
      });
    }
    if (
      (code && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) ||
      (error as { cause?: { code?: string } }).cause?.code !== undefined
    ) {
      return new MeetingApiError({
        code: ClientErrorCode.NETWORK,
        operation: operation.name,
        requestId,
        message: `${operation.name}: connection failed (${code ?? (error as { cause?: { code?: string } }).cause?.code})`,
        cause: error,
      });
    }
    return new MeetingApiError({
      code: ClientErrorCode.NETWORK,
      operation: operation.name,
      requestId,
      message: `${operation.name}: request failed (${(error as Error).message ?? 'unknown'})`,
      cause: error,
    });
  }
}
