import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Operation } from '@hwmeeting/client/wire';
import type { z } from 'zod';
import type { FaultQueue } from '../sim/faultQueue.js';
import type { Store } from '../state/store.js';
import { CONF_AUTH_FAILED_MSG, SimErrorCode, SimHttpError } from './errors.js';
import { clampPageLimit, type RawQuery } from './paging.js';
import type { BaseContext, HandlerResult, Router } from './router.js';

/** Largest request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Answers a request with JSON (or an empty body). */
export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(text ? { 'Content-Type': 'application/json; charset=UTF-8' } : {}),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends a published error body. */
export function sendError(res: ServerResponse, error: SimHttpError, requestId: string): void {
  send(
    res,
    error.status,
    { error_code: error.code, error_msg: error.message, request_id: requestId },
    { 'X-Request-Id': requestId, ...error.headers },
  );
}

/** Reads the request body as text, refusing more than 1 MiB. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SimHttpError(413, 'APIGW.0201', 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function badRequestCode(path: string): string {
  return path.startsWith('/v1/mmc') ? SimErrorCode.MMC_BAD_REQUEST : SimErrorCode.USG_BAD_REQUEST;
}

/** Validates one part of a request, answering 400 with a message that names the field. */
function validate<S extends z.ZodType>(schema: S, value: unknown, part: string, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [part, ...(issue?.path ?? []).map(String)].join('.');
  throw new SimHttpError(400, badRequestCode(path), `${field}: ${issue?.message ?? 'invalid'}`);
}

function queryObject(search: URLSearchParams): RawQuery {
  const out: RawQuery = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

/** Header values for an operation's header schema: keys as the schema names them, read case-insensitively. */
function headerObject(schema: z.ZodType, req: IncomingMessage): Record<string, string> {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const out: Record<string, string> = {};
  for (const name of Object.keys(shape)) {
    const value = req.headers[name.toLowerCase()];
    if (typeof value === 'string') out[name] = value;
  }
  return out;
}

/** Decodes `X-Conference-Authorization`: the raw token or `Basic base64(token)`. */
export function controlTokenFrom(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const basic = /^Basic\s+(.+)$/i.exec(header.trim());
  return basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8') : header.trim();
}

function authenticate(store: Store, operation: Operation, req: IncomingMessage, query: unknown) {
  const caller: BaseContext['caller'] = undefined;
  if (operation.auth === 'access') {
    const header = req.headers['x-access-token'];
    const token = store.validToken(typeof header === 'string' ? header : undefined);
    const user = token ? store.users.get(token.userId) : undefined;
    if (!token || !user)
      throw new SimHttpError(401, SimErrorCode.USG_TOKEN_INVALID, 'token invalid or expired');
    return { caller: { token, user }, control: undefined };
  }
  if (operation.auth === 'control') {
    const header = req.headers['x-conference-authorization'];
    const raw = controlTokenFrom(typeof header === 'string' ? header : undefined);
    const control = raw ? store.controlTokens.get(raw) : undefined;
    if (!control || store.clock.now() >= control.expiresAtMs) {
      // published-behaviour.md §3: a stale, expired or unknown control token, as the control examples answer it.
      throw new SimHttpError(400, SimErrorCode.MMC_CONF_AUTH_FAILED, CONF_AUTH_FAILED_MSG);
    }
    const conferenceID = (query as { conferenceID?: unknown } | undefined)?.conferenceID;
    if (conferenceID !== control.conferenceID) {
      throw new SimHttpError(403, SimErrorCode.MMC_FORBIDDEN, 'the conference token is for another meeting');
    }
    return { caller, control };
  }
  return { caller, control: undefined };
}

/** Routes, authenticates and validates one published call, then runs its handler. */
export async function dispatch(
  store: Store,
  router: Router,
  faults: FaultQueue,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const header = req.headers['x-request-id'];
  const requestId =
    typeof header === 'string' && header.length > 0 && header.length <= 128 ? header : randomUUID();
  const method = req.method ?? 'GET';
  try {
    const fault = faults.take(method, url.pathname);
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
    if (fault?.kind === 'status') {
      const status = fault.status ?? 500;
      const code = fault.errorCode ?? (status === 429 ? SimErrorCode.FLOW_CONTROL : SimErrorCode.INTERNAL);
      const headers: Record<string, string> =
        status === 429 ? { 'Retry-After': String(fault.retryAfterSeconds ?? 1) } : {};
      await readBody(req);
      throw new SimHttpError(
        status,
        code,
        status === 429 ? 'server flow control' : 'injected failure',
        headers,
      );
    }
    if (fault?.kind === 'malformed') {
      await readBody(req);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8', 'X-Request-Id': requestId });
      res.end(fault.body ?? '{"accessToken": "trunc');
      return;
    }

    const matched = router.match(method, url.pathname);
    if (matched === undefined) throw new SimHttpError(404, SimErrorCode.API_NOT_FOUND, 'API not found');
    if (matched === 'method-not-allowed') {
      throw new SimHttpError(405, SimErrorCode.API_NOT_FOUND, `method ${method} not allowed on this path`);
    }
    const { route, params } = matched;
    const { operation } = route;
    const text = await readBody(req);
    const path = url.pathname;
    const parsedParams = operation.params ? validate(operation.params, params, 'params', path) : undefined;
    const rawQuery = clampPageLimit(queryObject(url.searchParams));
    // Authentication comes before query validation but needs the meeting ID; a bad ID fails either way.
    const auth = authenticate(store, operation, req, rawQuery);
    const query = operation.query ? validate(operation.query, rawQuery, 'query', path) : undefined;
    const headers = operation.headers
      ? validate(operation.headers, headerObject(operation.headers, req), 'headers', path)
      : undefined;
    let body: unknown;
    if (operation.body) {
      let json: unknown;
      try {
        json = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        throw new SimHttpError(400, badRequestCode(path), 'body: not valid JSON');
      }
      const prepared = route.prepare?.body ? route.prepare.body(json) : json;
      body = validate(operation.body, prepared, 'body', path);
    }
    const result: HandlerResult = await route.handler({
      store,
      operation,
      rawHeaders: req.headers,
      requestId,
      caller: auth.caller,
      control: auth.control,
      params: parsedParams as never,
      query: query as never,
      headers: headers as never,
      body: body as never,
    });
    send(res, result.status ?? 200, result.body, { 'X-Request-Id': requestId, ...result.headers });
  } catch (error) {
    if (error instanceof SimHttpError) {
      sendError(res, error, requestId);
      return;
    }
    throw error;
  }
}
