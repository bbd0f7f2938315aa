/** What the tolerant schemas of `tolerant.ts` are, told apart from plain zod schemas for tools that walk them. */
import type { z } from 'zod';

/** How a tolerant schema reads answers, for tools and tests that walk the response schemas. */
export type Tolerance =
  | { kind: 'record'; name: string; identifying: z.ZodRawShape; optional: z.ZodRawShape }
  | { kind: 'list'; item: z.ZodType }
  | { kind: 'page'; item: z.ZodType }
  | { kind: 'enum'; values: readonly string[] };

const described = new WeakMap<z.ZodType, Tolerance>();

/** Records how `schema` reads answers (done by the builders of `tolerant.ts`). */
export function describe(schema: z.ZodType, tolerance: Tolerance): void {
  described.set(schema, tolerance);
}

/** How `schema` reads answers, when it is one of the tolerant schemas. */
export function toleranceOf(schema: z.ZodType): Tolerance | undefined {
  return described.get(schema);
}
