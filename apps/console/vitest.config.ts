import { mergeConfig } from 'vitest/config';
import { sharedConfig } from '../../vitest.shared.js';

// The browser tests start a gateway process and Chromium: their set-up takes longer than a unit test's.
export default mergeConfig(sharedConfig, { test: { hookTimeout: 30_000, testTimeout: 30_000 } });
