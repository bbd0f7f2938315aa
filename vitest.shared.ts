import { defineConfig } from 'vitest/config';

/**
 * Shared vitest settings: every package tests against the TypeScript sources of the others through the
 * `@hwmeeting/source` export condition, so no build is needed before `pnpm test`.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@hwmeeting/source', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@hwmeeting/source', 'module', 'node', 'default'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    pool: 'forks',
  },
});
