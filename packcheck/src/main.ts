// The pack check: what a customer gets from npm works. Packs @hwmeeting/signer, client and events with `pnpm pack`
// (as `pnpm publish` would: `files`, `exports`, workspace versions replaced), installs the tarballs with npm into a
// project in the OS temp directory, then there imports every entry and type-checks each README's runnable example
// under strict NodeNext settings (the signer's, which needs no server, is also run). Exits non-zero on any failure
// and keeps the project for a look; removes it otherwise.
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { CONSUMER_TSCONFIG, consumerPackageJson, importScript, type Tarball } from './consumer.js';
import { LIBRARIES } from './libraries.js';
import { PackCheckError, type PackCheckStep } from './packCheckError.js';
import { firstJsExample } from './readmeExample.js';

const require = createRequire(import.meta.url);
const run = promisify(execFile);
/** A step that hangs (a registry that does not answer) fails the check rather than the CI job's timeout. */
const STEP_TIMEOUT_MS = 120_000;

/** Runs a command; a failure becomes a {@link PackCheckError} of `step` carrying the command's output. */
async function command(step: PackCheckStep, file: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run(file, args, { cwd, timeout: STEP_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const {
      stdout = '',
      stderr = '',
      message,
    } = error as { stdout?: string; stderr?: string; message: string };
    throw new PackCheckError(
      step,
      `${[file, ...args].join(' ')} failed in ${cwd}\n${stdout}${stderr || message}`,
    );
  }
}

/** The workspace directory of a library, found through this package's own dependency on it. */
function libraryDir(name: string): string {
  return dirname(realpathSync(require.resolve(`${name}/package.json`)));
}

/** Times a step and says so. */
async function timed<T>(label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await step();
  console.log(`packcheck: ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

async function main(): Promise<void> {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'hwmeeting-packcheck-'));
  try {
    const tarballs = await timed('packed the libraries', () =>
      Promise.all(
        LIBRARIES.map(async (library): Promise<Tarball> => {
          const destination = join(root, 'tarballs', library.name.replace('@hwmeeting/', ''));
          mkdirSync(destination, { recursive: true });
          await command(
            'pack',
            'pnpm',
            ['pack', '--pack-destination', destination],
            libraryDir(library.name),
          );
          const [file, ...more] = readdirSync(destination).filter((name) => name.endsWith('.tgz'));
          if (file === undefined || more.length > 0)
            throw new PackCheckError('pack', `${library.name}: expected one tarball in ${destination}`);
          return { library, file: join(destination, file) };
        }),
      ),
    );

    const project = join(root, 'consumer');
    mkdirSync(project);
    const workspaceRoot = dirname(libraryDir('@hwmeeting/signer'));
    const rootManifest = JSON.parse(readFileSync(join(workspaceRoot, '..', 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    // The Node types the workspace itself builds against (engines: Node 20).
    const typesNode = rootManifest.devDependencies['@types/node'] ?? '^20';
    writeFileSync(join(project, 'package.json'), consumerPackageJson(tarballs, typesNode));
    await timed('installed the tarballs with npm', () =>
      command('install', 'npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], project),
    );

    // The examples come from the READMEs inside the installed packages: the text a customer reads.
    for (const { name, exampleFile } of LIBRARIES) {
      const readme = join(project, 'node_modules', name, 'README.md');
      let text: string;
      try {
        text = readFileSync(readme, 'utf8');
      } catch {
        throw new PackCheckError('readme', `${name}: the tarball has no README.md`);
      }
      writeFileSync(join(project, exampleFile), firstJsExample(text, `${name}'s README`));
    }
    writeFileSync(join(project, 'imports.mjs'), importScript(LIBRARIES));
    writeFileSync(join(project, 'tsconfig.json'), CONSUMER_TSCONFIG);

    await timed('imported every entry', async () => {
      process.stdout.write(await command('import', process.execPath, ['imports.mjs'], project));
    });
    for (const library of LIBRARIES.filter((l) => l.runsOffline)) {
      await timed(`ran ${library.name}'s README example`, () =>
        command('example', process.execPath, [library.exampleFile], project),
      );
    }
    const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
    await timed('type-checked the README examples and the imports (strict, NodeNext)', () =>
      command('typecheck', process.execPath, [tsc, '-p', 'tsconfig.json'], project),
    );
    rmSync(root, { recursive: true, force: true });
    console.log(`packcheck: passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    process.exitCode = 1;
    const code = error instanceof PackCheckError ? error.code : 'PACKCHECK_ERROR';
    console.error(`packcheck: ${code}: ${error instanceof Error ? error.message : String(error)}`);
    console.error(`packcheck: the consumer project is kept in ${root}`);
  }
}

await main();
