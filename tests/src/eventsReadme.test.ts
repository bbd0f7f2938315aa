import { expect, it } from 'vitest';
import { runReadmeExample } from './readmeExample.js';
import { useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo', appId: 'demo-app', appKey: 'demo-key', answerDelayMs: 1 });

it('runs the events README example against a simulator', async () => {
  const stdout = await runReadmeExample('packages/events', { HWMEETING_ENDPOINT: sim().url });
  expect(stdout).toMatch(/^snapshot \d+ participants$/m);
  expect(stdout).toMatch(/^status live$/m);
  expect(stdout).toMatch(/^joined Ada$/m);
});
