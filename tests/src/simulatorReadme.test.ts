import { expect, it } from 'vitest';
import { runReadmeExample } from './readmeExample.js';

it('runs the simulator README test example: it starts its own simulator and every test passes', async () => {
  // node:test exits non-zero on a failed test, which fails the run.
  const stdout = await runReadmeExample('packages/simulator', {});
  expect(stdout).toMatch(/^ok 1 - alice schedules a meeting and finds it in her list$/m);
  expect(stdout).toMatch(/^ok 2 - a server failure reaches the caller as a MeetingApiError$/m);
  expect(stdout).toMatch(/^# fail 0$/m);
});
