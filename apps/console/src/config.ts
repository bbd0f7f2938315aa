/**
 * Where the gateway is: `VITE_GATEWAY_URL` (e.g. `http://127.0.0.1:4000`) when the console is served apart from
 * it, otherwise the page's own origin (the gateway serves the console, or the Vite dev server proxies to it).
 */
export const gatewayOrigin: string = import.meta.env.VITE_GATEWAY_URL || window.location.origin;

/** GraphQL over HTTP. */
export const graphqlHttpUrl = new URL('/graphql', gatewayOrigin).toString();

/** GraphQL over WebSocket (graphql-ws), on the same path. */
export const graphqlWsUrl = graphqlHttpUrl.replace(/^http/, 'ws');

/** The seeded users and their tokens (development gateways on the embedded simulator only). */
export const devUsersUrl = new URL('/console/dev-users', gatewayOrigin).toString();
