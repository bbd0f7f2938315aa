/**
 * P1's GraphQL Mesh / Hive Gateway peer, run in its own process: at start-up it composes a supergraph from the
 * hand-written OpenAPI description of M4 (`meetings.openapi.json`, `@omnigraph/openapi` through
 * `@graphql-mesh/compose-cli`'s composition), then serves it with `@graphql-hive/gateway-runtime` on Node's
 * HTTP server. The upstream token is a cached one (UPSTREAM_TOKEN), sent as an operation header.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

const upstream = process.env.UPSTREAM_URL;
const token = process.env.UPSTREAM_TOKEN;
if (!upstream || !token) throw new Error('meshGateway: UPSTREAM_URL and UPSTREAM_TOKEN are required');

const quiet = {
  log: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => console.error(...args),
  child: () => quiet,
};

const supergraph = await getComposedSchemaFromConfig(
  {
    subgraphs: [
      {
        sourceHandler: loadOpenAPISubgraph('Meetings', {
          source: fileURLToPath(new URL('./meetings.openapi.json', import.meta.url)),
          endpoint: upstream,
          operationHeaders: { 'X-Access-Token': token },
        }),
      },
    ],
  },
  quiet as never,
);

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  graphiql: false,
  landingPage: false,
  transports: { rest: import('@graphql-mesh/transport-rest') },
});
const server = createServer(gateway);
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}/graphql\n`);
});
process.once('SIGTERM', () => {
  server.close();
  void Promise.resolve(gateway.dispose()).finally(() => process.exit(0));
});
