import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * An incoming `X-Request-Id` the gateway keeps: bounded, and only characters that are safe in a log line and in
 * the header the gateway sends upstream.
 */
const requestIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._:@=+/-]+$/);

/** The caller's request id when it is acceptable, otherwise a new UUID. */
export function requestIdFrom(header: unknown): string {
  // Most requests send none: a new id at once, without building the refusal of an absent value.
  if (header === undefined) return randomUUID();
  const parsed = requestIdSchema.safeParse(header);
  return parsed.success ? parsed.data : randomUUID();
}
