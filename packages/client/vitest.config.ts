import { defineConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The shared settings less the `module` condition: with it, the OpenTelemetry packages the tracing tests load
// resolve to their bundler-only ESM builds (extensionless imports), which Node cannot load.
const conditions = ['@hwmeeting/source', 'node', 'default'];

export default defineConfig({
  ...sharedConfig,
  resolve: { ...sharedConfig.resolve, conditions },
  ssr: { ...sharedConfig.ssr, resolve: { ...sharedConfig.ssr?.resolve, conditions } },
});
