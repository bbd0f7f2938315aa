import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { useSimulator } from './support.js';

// Runs from the client package directory so that `@hwmeeting/client` resolves to itself, on its sources.
const packageDir = fileURLToPath(new URL('../../packages/client/', import.meta.url));
const sim = useSimulator({ seed: 'demo', appId: 'demo-app', appKey: 'demo-key', answerDelayMs: 1 });

it('runs the README quick start against a simulator', async () => {
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@hwmeeting/source', '--import', tsx, '--input-type=module', '-e', example ?? ''],
    { cwd: packageDir, env: { ...process.env, HWMEETING_ENDPOINT: sim().url } },
  );
  expect(stdout).toMatch(/^created \d{9} Created$/m);
  expect(stdout).toMatch(/^participants [12]$/m);
  expect(stdout).toMatch(/^meetings in the enterprise [1-9]\d*$/m);
  const ended = [...sim().store.meetings.values()].find((m) => m.subject === 'Quick start');
  expect(ended?.state).toBe('Destroyed');
  expect(ended?.live).toBeUndefined();
});
