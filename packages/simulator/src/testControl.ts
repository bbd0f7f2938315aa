import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { type FaultQueue, faultSchema } from './faults.js';
import { readBody, send } from './http/dispatch.js';
import { SimErrorCode, SimHttpError } from './http/errors.js';
import type { Store } from './state/store.js';

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

/** Builds the core test-control routes: clock, tokens, faults, state summary. */
export function coreSimRoutes(faults: FaultQueue): SimRoute[] {
  return [
    {
      method: 'GET',
      pattern: /^\/state$/,
      handle: ({ store }) => ({
        now: store.clock.now(),
        users: store.users.size,
        tokens: store.tokens.size,
        meetings: [...store.meetings.values()].map((m) => ({
          conferenceID: m.conferenceID,
          subject: m.subject,
          state: m.state,
          participants: m.live?.participants.size ?? 0,
        })),
        faults: faults.pending(),
      }),
    },
    {
      method: 'POST',
      pattern: /^\/clock\/advance$/,
      body: z.object({ ms: z.number().int().nonnegative() }),
      handle: ({ store, body }) => {
        store.clock.advance((body as { ms: number }).ms);
        // Whatever waits for a time (a meeting's scheduled end, say) looks again now.
        store.emit({ kind: 'clock.advanced', detail: { now: store.clock.now() } });
        return { now: store.clock.now() };
      },
    },
    {
      method: 'POST',
      pattern: /^\/tokens\/(?<action>expire|revoke)$/,
      body: z.object({ accessToken: z.string().optional(), userId: z.string().optional() }).optional(),
      handle: ({ store, params, body }) => {
        const filter = (body ?? {}) as { accessToken?: string; userId?: string };
        let count = 0;
        for (const token of [...store.tokens.values()]) {
          if (filter.accessToken !== undefined && token.accessToken !== filter.accessToken) continue;
          if (filter.userId !== undefined) {
            const user = store.users.get(token.userId);
            if (token.userId !== filter.userId && user?.thirdAccount !== filter.userId) continue;
          }
          if (params.action === 'revoke') store.revokeToken(token.accessToken);
          else token.expiresAtMs = store.clock.now();
          count++;
        }
        return { count };
      },
    },
    {
      method: 'POST',
      pattern: /^\/faults$/,
      body: faultSchema,
      handle: ({ body }) => {
        faults.add(body as z.infer<typeof faultSchema>);
        return { pending: faults.pending() };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/faults$/,
      handle: () => {
        faults.clear();
        return { pending: [] };
      },
    },
    {
      method: 'PUT',
      pattern: /^\/config$/,
      body: z.object({ tokenLifetimeSeconds: z.number().int().positive().optional() }),
      handle: ({ store, body }) => {
        const config = body as { tokenLifetimeSeconds?: number };
        if (config.tokenLifetimeSeconds !== undefined)
          store.tokenLifetimeSeconds = config.tokenLifetimeSeconds;
        return { tokenLifetimeSeconds: store.tokenLifetimeSeconds };
      },
    },
  ];
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
