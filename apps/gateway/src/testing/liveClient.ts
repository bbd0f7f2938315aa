// graphql-ws clients for the end-to-end tests: connect with a bearer token, collect one subscription's results.
// Test-only: excluded from the build and exported under no package path.
import { type Client, createClient } from 'graphql-ws';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import type { GatewayHarness } from './harness.js';

// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked field by field by the tests
export type Json = any;

/** A graphql-ws client of `wsUrl` that authenticates with `token` and never retries. */
export function connectLive(wsUrl: string, token: string): Client {
  return createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

/**
 * `connect(sub, roles)`: a graphql-ws client of the test file's gateway with a token for `sub`; every client is
 * disposed after each test, then `settled` (when given) waits for the gateway to let go of them.
 */
export function useLiveClients(
  { gateway, tokenFor }: Pick<GatewayHarness, 'gateway' | 'tokenFor'>,
  settled?: () => Promise<void>,
) {
  const clients: Client[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await settled?.();
  });
  return async function connect(sub: string, roles: string[] = []): Promise<Client> {
    const client = connectLive(gateway().wsUrl, await tokenFor(sub, roles));
    clients.push(client);
    return client;
  };
}

/** One subscription's results as they come. */
export interface Collected {
  /** The `data` of every result, in order. */
  items: Json[];
  /** Errors of results and of the subscription. */
  errors: Json[];
  /** Waits until `predicate` holds, failing with what was received after `timeoutMs`. */
  until(predicate: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Unsubscribes. */
  stop(): void;
  isCompleted(): boolean;
}

/** Subscribes and keeps every result. */
export function collect(client: Client, query: string, variables: Record<string, unknown> = {}): Collected {
  const items: Json[] = [];
  const errors: Json[] = [];
  let completed = false;
  const stop = client.subscribe(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) items.push(result.data);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  const until = async (predicate: () => boolean, what: string, timeoutMs = 8000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; received ${JSON.stringify({ items, errors, completed }).slice(-4000)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { items, errors, until, stop, isCompleted: () => completed };
}
