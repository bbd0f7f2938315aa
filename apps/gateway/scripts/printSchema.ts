/**
 * Writes `schema.graphql`, the gateway's schema as SDL in a stable order, for front ends' code generators
 * (`apps/console` reads it). Run: `node --conditions=@hwmeeting/source --import tsx scripts/printSchema.ts &&
 * npx biome format --write schema.graphql` (the repository's formatter also formats GraphQL).
 */
import { writeFileSync } from 'node:fs';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from '../src/schema/index.js';

const sdl = printSchema(lexicographicSortSchema(buildSchema({ appId: undefined })));
writeFileSync(new URL('../schema.graphql', import.meta.url), `${sdl}\n`);
