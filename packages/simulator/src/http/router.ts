import type { IncomingHttpHeaders } from 'node:http';
import type { Operation } from '@hwmeeting/client/wire';
import type { z } from 'zod';
import type { ControlTokenRecord, Store, TokenRecord, UserRecord } from '../state/store.js';

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

/** What every handler gets besides the validated request parts. */
export interface BaseContext {
  store: Store;
  operation: Operation;
  /** Raw request headers (lower-case names). */
  rawHeaders: IncomingHttpHeaders;
  requestId: string;
  /** The access-token holder, for `access` operations. */
  caller: { token: TokenRecord; user: UserRecord } | undefined;
  /** The control token, for `control` operations. */
  control: ControlTokenRecord | undefined;
}

/** A handler's view of a request to operation O, each part already validated by O's schemas. */
export type HandlerContext<O extends Operation = Operation> = BaseContext & {
  params: Out<O['params']>;
  query: Out<O['query']>;
  headers: Out<O['headers']>;
  body: Out<O['body']>;
};

/** A handler's answer; `body` undefined sends an empty 200. */
export interface HandlerResult {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What a route does to a request before the operation's schemas check it: where the published server accepts
 * what the client's wire schemas still refuse (published-behaviour.md), the route brings the request into the
 * shape those schemas take, so the client's schemas can follow later without the simulator changing.
 */
export interface RoutePreparation {
  /** The parsed JSON body (undefined when empty), answered as the operation's body schema should see it. */
  body?: (json: unknown) => unknown;
}

/** An operation and its handler. */
export interface Route {
  operation: Operation;
  handler: (context: HandlerContext) => HandlerResult | Promise<HandlerResult>;
  prepare?: RoutePreparation | undefined;
}

/** Binds a handler to an operation, typing its context from the operation's schemas. */
export function on<O extends Operation>(
  operation: O,
  handler: (context: HandlerContext<O>) => HandlerResult | Promise<HandlerResult>,
  prepare?: RoutePreparation,
): Route {
  return { operation, handler: handler as Route['handler'], prepare };
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

/** Matches method and path against the published operations. */
export class Router {
  private readonly routes: CompiledRoute[] = [];

  /** Adds routes. */
  add(routes: readonly Route[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const source = route.operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      this.routes.push({ ...route, pattern: new RegExp(`^${source}$`), names });
    }
    // Literal paths before templated ones, so `/member/delete` is not taken for `/member/{account}`.
    this.routes.sort((a, b) => a.names.length - b.names.length);
    return this;
  }

  /** The operations routed, by name. */
  operations(): Operation[] {
    return this.routes.map((r) => r.operation);
  }

  /** The route for a method and path, `method-not-allowed` when only the path is known, or undefined. */
  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
    let pathKnown = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathKnown = true;
      if (route.operation.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = safeDecode(found[i + 1] ?? '');
      });
      return { route, params };
    }
    return pathKnown ? 'method-not-allowed' : undefined;
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // A malformed escape stays as sent; validation then refuses it if it must.
    return text;
  }
}
