import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/**
 * Runs the first ```js block of a package's README as a program, from the package's directory (so that the
 * package resolves to itself, on its sources), and answers what it printed.
 */
export async function runReadmeExample(packagePath: string, env: Record<string, string>): Promise<string> {
  const packageDir = fileURLToPath(new URL(`../../${packagePath}/`, import.meta.url));
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!example) throw new Error(`${packagePath}/README.md has no js example`);
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--conditions=@hwmeeting/source', '--import', tsx, '--input-type=module', '-e', example],
    { cwd: packageDir, env: { ...process.env, ...env }, timeout: 30_000 },
  );
  return stdout;
}
