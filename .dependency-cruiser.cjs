// The repository's import rules, checked by `pnpm lint:imports` (part of `pnpm lint` and `pnpm test`).
// tools/import-rules/src/rules.test.ts proves each rule can fail on a small fixture.

/** Where the workspace's parts live. */
const SIGNER = '^packages/signer/';
const CLIENT = '^packages/client/';
const EVENTS = '^packages/events/';
const GATEWAY = '^apps/gateway/';
const SIMULATOR = '^packages/simulator/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle: modules that need each other cannot be read, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'signer-is-the-bottom-layer',
      severity: 'error',
      comment:
        'Dependencies point one way: signer <- client <- events <- gateway. The signer imports none of them.',
      from: { path: SIGNER },
      to: { path: [CLIENT, EVENTS, GATEWAY] },
    },
    {
      name: 'client-is-below-events',
      severity: 'error',
      comment: 'signer <- client <- events <- gateway: the client imports neither events nor the gateway.',
      from: { path: CLIENT },
      to: { path: [EVENTS, GATEWAY] },
    },
    {
      name: 'events-is-below-the-gateway',
      severity: 'error',
      comment: 'signer <- client <- events <- gateway: events never imports the gateway.',
      from: { path: EVENTS },
      to: { path: GATEWAY },
    },
    {
      name: 'simulator-never-imports-the-gateway',
      severity: 'error',
      comment:
        'The simulator stands in for the meeting server; it may use signer, client and events, never the gateway.',
      from: { path: SIMULATOR },
      to: { path: GATEWAY },
    },
    {
      name: 'no-package-imports-an-app',
      severity: 'error',
      comment:
        'Packages are the libraries apps are built from; an app is a top, nothing in packages/ imports one.',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another-app',
      severity: 'error',
      comment:
        'Apps share code through packages, never through one another.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'client-transport-is-below-tokens',
      severity: 'error',
      comment:
        'Inside the client: transport/ makes HTTP attempts and knows nothing of tokens, the core or the API areas.',
      from: { path: `${CLIENT}src/transport/` },
      to: { path: `${CLIENT}src/(tokens/|api/|core\\.ts|meetingClient\\.ts)` },
    },
    {
      name: 'client-tokens-are-below-the-api-areas',
      severity: 'error',
      comment:
        'Inside the client: the token cache (tokens/) is what the API areas stand on; it never imports them.',
      from: { path: `${CLIENT}src/tokens/` },
      to: { path: `${CLIENT}src/(api/|meetingClient\\.ts)` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    // Type-only imports count: a circle through `import type` is still a circle to read.
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their sources, as TypeScript and vitest see them.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['@hwmeeting/source', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs', '.json'],
    },
    progress: { type: 'none' },
  },
};
