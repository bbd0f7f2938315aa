import { expect, it } from 'vitest';
import { runReadmeExample } from './readmeExample.js';
import { useSimulator } from './support.js';

const sim = useSimulator({ seed: 'demo', appId: 'demo-app', appKey: 'demo-key', answerDelayMs: 1 });

it('runs the client README quick start against a simulator', async () => {
  const stdout = await runReadmeExample('packages/client', { HWMEETING_ENDPOINT: sim().url });
  expect(stdout).toMatch(/^created \d{9} Created$/m);
  expect(stdout).toMatch(/^participants [12]$/m);
  expect(stdout).toMatch(/^meetings in the enterprise [1-9]\d*$/m);
  const ended = [...sim().store.meetings.values()].find((m) => m.subject === 'Quick start');
  expect(ended?.state).toBe('Destroyed');
  expect(ended?.live).toBeUndefined();
});
