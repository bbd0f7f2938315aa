import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { readBody, send } from '../http/dispatch.js';
import { SimErrorCode, SimHttpError } from '../http/errors.js';
import type { Store } from '../state/store.js';

/** One test-control route under `/__sim/`. */
export interface SimRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Pattern matched against the path after `/__sim`, with named groups for parameters. */
  pattern: RegExp;
  /** Schema of the JSON body (default: none expected). */
  body?: z.ZodType;
  handle: (input: {
    store: Store;
    params: Record<string, string>;
    body: unknown;
    query: URLSearchParams;
  }) => unknown;
}

/** Serves `/__sim/*`: scripting for tests, never mixed with the published paths. */
export async function handleTestControl(
  store: Store,
  routes: readonly SimRoute[],
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const path = url.pathname.slice('/__sim'.length);
  const requestId = 'sim-control';
  try {
    const route = routes.find((r) => r.method === req.method && r.pattern.test(path));
    if (!route)
      throw new SimHttpError(404, SimErrorCode.API_NOT_FOUND, `no test-control route ${req.method} ${path}`);
    const params = { ...(route.pattern.exec(path)?.groups ?? {}) };
    const text = await readBody(req);
    let body: unknown;
    if (route.body) {
      let json: unknown;
      try {
        json = text.trim() === '' ? undefined : JSON.parse(text);
      } catch {
        throw new SimHttpError(400, SimErrorCode.MMC_BAD_REQUEST, 'body: not valid JSON');
      }
      const parsed = route.body.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new SimHttpError(
          400,
          SimErrorCode.MMC_BAD_REQUEST,
          `body.${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      body = parsed.data;
    }
    const result = await route.handle({ store, params, body, query: url.searchParams });
    send(res, 200, result ?? {});
  } catch (error) {
    if (error instanceof SimHttpError) {
      send(res, error.status, { error_code: error.code, error_msg: error.message, request_id: requestId });
      return;
    }
    throw error;
  }
}
