import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

it('runs the README example', async () => {
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const tsx = createRequire(import.meta.url).resolve('tsx');
  // Runs from the package directory so that `@hwmeeting/signer` resolves to itself, on its sources.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@hwmeeting/source', '--import', tsx, '--input-type=module', '-e', example ?? ''],
    { cwd: packageDir },
  );
  const hexLines = stdout.split('\n').filter((line) => /^[0-9a-f]{64}$/.test(line));
  expect(hexLines).toHaveLength(4);
  expect(new Set(hexLines).size).toBe(4);
  expect(stdout).toContain("'X-Token-Type': 'LongTicket'");
  expect(stdout).toContain('{ ok: true }');
});
