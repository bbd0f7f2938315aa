// The files of the consumer project: what a customer's own project would hold after `npm install` of the
// three libraries. Nothing in it points back into the workspace.
import type { Library } from './libraries.js';

/** A tarball made by `pnpm pack`, for one library. */
export interface Tarball {
  library: Library;
  /** Absolute path of the `.tgz`. */
  file: string;
}

/**
 * The consumer's package.json: the tarballs as `file:` dependencies, and overrides so that the libraries'
 * dependencies on one another (`@hwmeeting/signer` 0.1.0 ...) take the tarballs too, never the registry.
 */
export function consumerPackageJson(tarballs: readonly Tarball[], typesNode: string): string {
  const dependencies: Record<string, string> = { '@types/node': typesNode };
  const overrides: Record<string, string> = {};
  for (const { library, file } of tarballs) {
    dependencies[library.name] = `file:${file}`;
    overrides[library.name] = `$${library.name}`;
  }
  return `${JSON.stringify({ name: 'packcheck-consumer', private: true, type: 'module', dependencies, overrides }, null, 2)}\n`;
}

/**
 * A customer's strict settings: Node's own module resolution (so `exports` maps and `types` conditions decide,
 * as for any project), the JavaScript examples checked as TypeScript, and the libraries' declarations checked too.
 */
export const CONSUMER_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2023',
      lib: ['ES2023'],
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      skipLibCheck: false,
    },
    include: ['*.mjs'],
  },
  null,
  2,
)}\n`;

/** A script that imports every listed entry of every library and fails unless each listed value is there. */
export function importScript(libraries: readonly Library[]): string {
  const lines = [
    '// Imports each entry as a customer would, and checks the values it must export.',
    'const missing = [];',
  ];
  libraries.forEach((library, i) => {
    Object.entries(library.entries).forEach(([entry, names], j) => {
      const specifier = entry === '.' ? library.name : `${library.name}/${entry.slice(2)}`;
      const binding = `entry${i}_${j}`;
      lines.unshift(`import * as ${binding} from '${specifier}';`);
      lines.push(
        `for (const name of ${JSON.stringify(names)})`,
        `  if (!Object.hasOwn(${binding}, name)) missing.push('${specifier}: ' + name);`,
        `console.log('${specifier}', Object.keys(${binding}).length, 'exports');`,
      );
    });
  });
  lines.push("if (missing.length > 0) throw new Error('missing exports: ' + missing.join(', '));");
  return `${lines.join('\n')}\n`;
}
