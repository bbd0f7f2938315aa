import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { afterAll, describe, expect, it } from 'vitest';

/** The repository's own rules, as `pnpm lint:imports` runs them. */
const CONFIG = fileURLToPath(new URL('../../../.dependency-cruiser.cjs', import.meta.url));

const fixtures: string[] = [];

afterAll(async () => {
  await Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Writes a small repository of `.ts` files (path: the modules it imports, relative to the repository root) and
 * cruises it with the repository's rules; answers each violation as `rule: from -> to`.
 */
async function violationsOf(files: Record<string, string[]>): Promise<string[]> {
  const root = await mkdtemp(path.join(tmpdir(), 'import-rules-'));
  fixtures.push(root);
  for (const [file, imports] of Object.entries(files)) {
    const lines = imports.map((target, i) => {
      let specifier = path.posix.relative(path.posix.dirname(file), target).replace(/\.ts$/, '.js');
      if (!specifier.startsWith('.')) specifier = `./${specifier}`;
      // Type-only imports count as much as any other: the circle the client had went through one.
      return `import type * as m${i} from '${specifier}';\nexport type T${i} = typeof m${i};`;
    });
    await mkdir(path.join(root, path.dirname(file)), { recursive: true });
    await writeFile(path.join(root, file), `${lines.join('\n')}\nexport const name = '${file}';\n`);
  }
  const options = await extractDepcruiseOptions(CONFIG);
  const tops = [...new Set(Object.keys(files).map((file) => file.split('/')[0] ?? file))];
  const { output } = await cruise(tops, { ...options, baseDir: root });
  const result = output as ICruiseResult;
  return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('the repository import rules', () => {
  it('report an import circle, even one closed by a type-only import', async () => {
    const violations = await violationsOf({
      'packages/events/src/reducer.ts': ['packages/events/src/log.ts'],
      'packages/events/src/log.ts': ['packages/events/src/reducer.ts'],
      'packages/events/src/feed.ts': ['packages/events/src/log.ts'],
    });
    // One report per circle, from whichever of its modules the cruise met first; feed.ts only leads into it.
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatch(
      /^no-circular: packages\/events\/src\/(log|reducer)\.ts -> packages\/events\/src\/(reducer|log)\.ts$/,
    );
  });

  it('report every import against the layer order signer <- client <- events <- gateway', async () => {
    const violations = await violationsOf({
      'packages/signer/src/sign.ts': ['packages/client/src/core.ts'],
      'packages/client/src/core.ts': ['packages/events/src/log.ts', 'apps/gateway/src/server.ts'],
      'packages/events/src/log.ts': ['apps/gateway/src/server.ts'],
      'packages/simulator/src/server.ts': ['apps/gateway/src/server.ts'],
      'apps/console/src/main.ts': ['apps/gateway/src/server.ts'],
      'apps/gateway/src/server.ts': [],
    });
    expect(violations).toEqual(
      [
        'signer-is-the-bottom-layer: packages/signer/src/sign.ts -> packages/client/src/core.ts',
        'client-is-below-events: packages/client/src/core.ts -> packages/events/src/log.ts',
        'client-is-below-events: packages/client/src/core.ts -> apps/gateway/src/server.ts',
        'events-is-below-the-gateway: packages/events/src/log.ts -> apps/gateway/src/server.ts',
        'simulator-never-imports-the-gateway: packages/simulator/src/server.ts -> apps/gateway/src/server.ts',
        // Packages importing an app break that rule too.
        'no-package-imports-an-app: packages/client/src/core.ts -> apps/gateway/src/server.ts',
        'no-package-imports-an-app: packages/events/src/log.ts -> apps/gateway/src/server.ts',
        'no-package-imports-an-app: packages/simulator/src/server.ts -> apps/gateway/src/server.ts',
        // And so does an app importing another.
        'no-app-imports-another-app: apps/console/src/main.ts -> apps/gateway/src/server.ts',
      ].sort(),
    );
  });

  it('report a package importing an app, and an app importing another app', async () => {
    const violations = await violationsOf({
      'packages/testkit/src/redis.ts': ['apps/admin/src/main.ts'],
      'apps/gateway/src/server.ts': ['apps/admin/src/main.ts', 'apps/gateway/src/schema.ts'],
      'apps/gateway/src/schema.ts': [],
      'apps/admin/src/main.ts': [],
    });
    expect(violations).toEqual([
      'no-app-imports-another-app: apps/gateway/src/server.ts -> apps/admin/src/main.ts',
      'no-package-imports-an-app: packages/testkit/src/redis.ts -> apps/admin/src/main.ts',
    ]);
  });

  it('keep the client rooms in order: transport below tokens, tokens below the API areas', async () => {
    const violations = await violationsOf({
      'packages/client/src/transport/transport.ts': ['packages/client/src/tokens/access.ts'],
      'packages/client/src/tokens/access.ts': ['packages/client/src/tokens/logins.ts'],
      'packages/client/src/tokens/logins.ts': ['packages/client/src/api/auth.ts'],
      'packages/client/src/api/auth.ts': [],
    });
    expect(violations).toEqual([
      'client-tokens-are-below-the-api-areas: packages/client/src/tokens/logins.ts -> packages/client/src/api/auth.ts',
      'client-transport-is-below-tokens: packages/client/src/transport/transport.ts -> packages/client/src/tokens/access.ts',
    ]);
  });

  it('let imports that follow the rules through', async () => {
    const violations = await violationsOf({
      'apps/gateway/src/server.ts': ['packages/events/src/log.ts', 'apps/gateway/src/schema.ts'],
      'apps/gateway/src/schema.ts': ['packages/client/src/core.ts'],
      'packages/events/src/log.ts': ['packages/client/src/core.ts', 'packages/signer/src/sign.ts'],
      'packages/simulator/src/server.ts': ['packages/events/src/log.ts', 'packages/signer/src/sign.ts'],
      'packages/client/src/core.ts': ['packages/client/src/tokens/access.ts'],
      'packages/client/src/api/auth.ts': [
        'packages/client/src/core.ts',
        'packages/client/src/tokens/logins.ts',
      ],
      'packages/client/src/tokens/access.ts': [
        'packages/client/src/tokens/logins.ts',
        'packages/client/src/transport/transport.ts',
      ],
      'packages/client/src/tokens/logins.ts': ['packages/client/src/transport/transport.ts'],
      'packages/client/src/transport/transport.ts': ['packages/signer/src/sign.ts'],
      'packages/signer/src/sign.ts': [],
      'tests/src/flow.test.ts': ['apps/gateway/src/server.ts', 'packages/simulator/src/server.ts'],
    });
    expect(violations).toEqual([]);
  });
});
