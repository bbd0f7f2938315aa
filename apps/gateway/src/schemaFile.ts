// The committed `schema.graphql`: the gateway's schema printed from the code, so that a change to the API shows
// in review as a change of one file, and the changes it makes are classified (breaking or not) against the
// version last committed. `pnpm --filter @hwmeeting/gateway schema:write` regenerates it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Change, CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema as buildSchemaFromSdl, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from './schema/index.js';

/** Where the committed schema lives (the package's root). */
export const SCHEMA_FILE = fileURLToPath(new URL('../schema.graphql', import.meta.url));

/** The command that rewrites {@link SCHEMA_FILE} from the code. */
export const SCHEMA_WRITE_COMMAND = 'pnpm --filter @hwmeeting/gateway schema:write';

/** The gateway's schema as SDL, types and fields sorted so that moving code around does not change the file. */
export function printGatewaySchema(): string {
  // Settings only reach resolvers, never the shape of the schema.
  return `${printSchema(lexicographicSortSchema(buildSchema({ appId: undefined })))}\n`;
}

/** The committed schema file's text, or undefined when there is none yet. */
export function readSchemaFile(file = SCHEMA_FILE): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** One difference between two schemas, as graphql-inspector classifies it. */
export type SchemaChange = Readonly<{
  level: `${CriticalityLevel}`;
  message: string;
  path: string | undefined;
}>;

const ORDER: Readonly<Record<`${CriticalityLevel}`, number>> = { BREAKING: 0, DANGEROUS: 1, NON_BREAKING: 2 };

/** What changes from the `before` SDL to the `after` SDL, breaking changes first. */
export async function schemaChanges(before: string, after: string): Promise<SchemaChange[]> {
  const changes: Change[] = await diff(buildSchemaFromSdl(before), buildSchemaFromSdl(after));
  return changes
    .map((change) => ({ level: change.criticality.level, message: change.message, path: change.path }))
    .sort((a, b) => ORDER[a.level] - ORDER[b.level]);
}

/** The changes one per line, each with its criticality, the breaking ones marked to be seen. */
export function formatChanges(changes: readonly SchemaChange[]): string {
  return changes
    .map(
      (change) =>
        `${change.level === CriticalityLevel.Breaking ? '!! ' : '   '}${change.level}: ${change.message}`,
    )
    .join('\n');
}

/**
 * Why the committed file is not the code's schema, with every change from the committed version to the code's
 * (breaking ones first and counted), and how to regenerate it; undefined when they agree.
 */
export async function schemaDrift(
  committed: string | undefined,
  current: string,
): Promise<string | undefined> {
  if (committed === current) return undefined;
  if (committed === undefined)
    return `${SCHEMA_FILE} is missing: run \`${SCHEMA_WRITE_COMMAND}\` and commit it.`;
  const changes = await schemaChanges(committed, current);
  const breaking = changes.filter((change) => change.level === CriticalityLevel.Breaking).length;
  return [
    `schema.graphql differs from the schema the code builds: run \`${SCHEMA_WRITE_COMMAND}\` and commit it.`,
    changes.length === 0
      ? 'Only the text differs (order, descriptions layout, formatting); no change to the API.'
      : `${changes.length} change(s) from the committed version, ${breaking} BREAKING for existing clients:`,
    formatChanges(changes),
  ]
    .filter((line) => line !== '')
    .join('\n');
}

/** Rewrites {@link SCHEMA_FILE} from the code and answers what changed against the version it replaced. */
export async function writeSchemaFile(file = SCHEMA_FILE): Promise<SchemaChange[]> {
  const before = readSchemaFile(file);
  const current = printGatewaySchema();
  writeFileSync(file, current);
  return before === undefined ? [] : schemaChanges(before, current);
}

// `schema:write` runs this module as a program.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const changes = await writeSchemaFile();
  const breaking = changes.filter((change) => change.level === CriticalityLevel.Breaking);
  console.log(`wrote schema.graphql: ${changes.length} change(s), ${breaking.length} BREAKING`);
  if (changes.length > 0) console.log(formatChanges(changes));
}
