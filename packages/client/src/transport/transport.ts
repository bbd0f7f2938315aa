import { randomUUID } from 'node:crypto';
import { type Dispatcher, Pool } from 'undici';
import type { z } from 'zod';
import { ClientErrorCode, MeetingApiError } from '../errors.js';
import { type BreakerArea, type BreakerState, type ClientHooks, notify } from '../hooks.js';
import { errorBodySchema } from '../wire/common.js';
import { fillPath, type Operation } from '../wire/operation.js';
import { collectDropped } from '../wire/tolerant.js';
import { type Admission, type BreakerOptions, CircuitBreaker } from './breaker.js';
import { callerAbortError, delay } from './deadline.js';
import { isCallerAbort, isUpstreamFailure } from './failures.js';
import { type RetryOptions, RetryPolicy } from './retry.js';
import { AttemptTracing } from './tracing.js';

export type { TransportEvent } from '../hooks.js';
export type { BreakerOptions } from './breaker.js';
export type { RetryOptions } from './retry.js';

/** Options of a {@link Transport}. */
export interface TransportOptions
  extends Pick<ClientHooks, 'onEvent' | 'onBreakerStateChange' | 'onDropped'> {
  /** Base URL, e.g. `https://api-intl.meeting.huaweicloud.com`. */
  endpoint: string;
  /** `Accept-Language` sent on every call (`zh-CN` or `en-US`). */
  acceptLanguage?: string | undefined;
  /** Per-attempt timeout in milliseconds (default 10000). */
  timeoutMs?: number | undefined;
  /** Keep-alive connections in the pool (default 32). */
  connections?: number | undefined;
  retry?: RetryOptions | false | undefined;
  /** One circuit breaker per upstream area with these settings, or none (`false`). */
  breaker?: BreakerOptions | false | undefined;
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

/** What a failed attempt was, for a breaker event: the HTTP status when there was an answer, else the code. */
function failureCause(error: unknown): string | undefined {
  if (!(error instanceof MeetingApiError)) return undefined;
  return error.httpStatus === undefined ? error.code : String(error.httpStatus);
}

/**
 * The HTTP layer: an undici keep-alive pool to one endpoint, `X-Request-ID` on every call (the same for every
 * attempt of a call), per-attempt timeout and the caller's AbortSignal, retries where safe, a circuit breaker
 * per upstream area, an OpenTelemetry span per attempt. Validates inputs before sending and answers after.
 */
export class Transport {
  readonly endpoint: string;
  private readonly pool: Pool;
  private readonly basePath: string;
  private readonly timeoutMs: number;
  private readonly acceptLanguage: string | undefined;
  private readonly onEvent: ClientHooks['onEvent'];
  private readonly retry: RetryPolicy;
  private readonly breakers: Map<BreakerArea, CircuitBreaker> | undefined;
  private readonly breakerOptions: BreakerOptions;
  private readonly onBreakerStateChange: ClientHooks['onBreakerStateChange'];
  private readonly onDropped: ClientHooks['onDropped'];
  private readonly tracing: AttemptTracing;

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
    this.retry = new RetryPolicy(options.retry);
    this.breakers = options.breaker === false ? undefined : new Map();
    this.breakerOptions = options.breaker || {};
    this.onBreakerStateChange = options.onBreakerStateChange;
    this.onDropped = options.onDropped;
    this.tracing = new AttemptTracing(url, this.basePath);
  }

  /**
   * Sends one call (with retries where safe) and returns its validated answer. The caller's signal ends
   * everything at once: the attempt in flight and the wait before a retry. An ended call is `TIMEOUT` when the
   * signal's reason is a timeout (a deadline), `ABORTED` otherwise, and counts as no failure of the upstream.
   */
  async request<T>(request: TransportRequest): Promise<TransportResponse<T>> {
    const { operation, signal } = request;
    const requestId = request.requestId ?? randomUUID();
    const prepared = this.prepare(request, requestId);
    const area: BreakerArea = operation.area ?? 'other';
    const breaker = this.breakerOf(area);
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw callerAbortError(signal, operation.name, requestId);
      const admission: Admission = breaker ? breaker.admit() : 'pass';
      if (admission === 'refused') {
        throw new MeetingApiError({
          code: ClientErrorCode.CIRCUIT_OPEN,
          operation: operation.name,
          requestId,
          message: `${operation.name}: circuit open for the ${area} area of ${this.endpoint} after repeated failures; not sent`,
        });
      }
      try {
        const response = await this.attempt<T>(request, prepared, requestId, area, attempt);
        breaker?.record(admission, 'success');
        return response;
      } catch (error) {
        breaker?.record(
          admission,
          isCallerAbort(error) ? 'neutral' : isUpstreamFailure(error) ? 'failure' : 'success',
          failureCause(error),
        );
        if (!this.retry.retries(error, attempt, operation.idempotent)) throw error;
        await delay(this.retry.delayMs(attempt, error), signal, operation.name, requestId);
      }
    }
  }

  /** The state of an area's circuit breaker (`closed` when breakers are off or the area has not been called). */
  breakerState(area: BreakerArea): BreakerState {
    return this.breakers?.get(area)?.state ?? 'closed';
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

  private breakerOf(area: BreakerArea): CircuitBreaker | undefined {
    if (!this.breakers) return undefined;
    let breaker = this.breakers.get(area);
    if (!breaker) {
      breaker = new CircuitBreaker(area, this.breakerOptions, (state, cause) =>
        notify('onBreakerStateChange', this.onBreakerStateChange, {
          area,
          state,
          endpoint: this.endpoint,
          cause,
        }),
      );
      this.breakers.set(area, breaker);
    }
    return breaker;
  }

  private async attempt<T>(
    request: TransportRequest,
    prepared: PreparedCall,
    requestId: string,
    area: BreakerArea,
    attempt: number,
  ): Promise<TransportResponse<T>> {
    const { operation } = request;
    const started = performance.now();
    const span = this.tracing.start(operation, area, requestId, attempt);
    let httpStatus: number | undefined;
    let failureCode: string | undefined;
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
      const headers = fresh ? Object.assign({}, prepared.headers, fresh.headers) : prepared.headers;
      const options: Dispatcher.RequestOptions = {
        method: operation.method,
        path: prepared.path,
        headers: this.tracing.headersFor(span, headers),
        body: body ?? null,
        signal: signal ?? null,
      };
      const response = await this.pool.request(options);
      httpStatus = response.statusCode;
      const text = await response.body.text();
      const answeredId = (response.headers['x-request-id'] as string | undefined) ?? requestId;
      if (response.statusCode >= 200 && response.statusCode < 300) {
        const data = this.parseSuccess<T>(operation, text, answeredId, response.statusCode);
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
      const failure = this.classify(error, operation, requestId, request.signal, request.timeoutMs);
      failureCode = failure.code;
      throw failure;
    } finally {
      this.tracing.end(span, httpStatus, failureCode);
      if (this.onEvent) {
        notify('onEvent', this.onEvent, {
          operation: operation.name,
          area,
          method: operation.method,
          path: operation.path,
          requestId,
          attempt,
          durationMs: performance.now() - started,
          httpStatus,
          code: failureCode,
        });
      }
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
    // Odd records and fields are left out rather than fail the call (wire/tolerant.ts); each is reported.
    const { result, dropped } = collectDropped(() =>
      parseOrThrow(operation.response, json, {
        operation: operation.name,
        part: 'response',
        code: ClientErrorCode.INVALID_RESPONSE,
        requestId,
        httpStatus,
      }),
    );
    for (const value of dropped) {
      notify('onDropped', this.onDropped, { ...value, operation: operation.name, requestId });
    }
    return result as T;
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
    callTimeoutMs: number | undefined,
  ): MeetingApiError {
    if (error instanceof MeetingApiError) return error;
    // The caller's signal wins over the attempt's own timeout: it decides the code (deadline or abort).
    if (callerSignal?.aborted) return callerAbortError(callerSignal, operation.name, requestId, error);
    const timeoutMs = callTimeoutMs ?? this.timeoutMs;
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
