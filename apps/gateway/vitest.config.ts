import { createRequire } from 'node:module';
import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// One graphql instance: vite would resolve our sources to graphql's ESM build and Node the dependencies (Apollo,
// graphql-ws) to its CommonJS build, and graphql refuses objects from "another realm". Node alone resolves both
// to the same file, so tests pin that one.
const graphqlMain = createRequire(import.meta.url).resolve('graphql');

export default mergeConfig(sharedConfig, {
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlMain }] },
});
