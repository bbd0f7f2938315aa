import { z } from 'zod';

/** One injected fault, applied to the next `count` matching calls. */
export const faultSchema = z.object({
  /** `latency` delays, `status` answers with an error status, `malformed` answers 200 with a broken body,
   * `reset` destroys the connection, `hang` never answers. */
  kind: z.enum(['latency', 'status', 'malformed', 'reset', 'hang']),
  /** How many calls it applies to (default 1). */
  count: z.number().int().positive().default(1),
  /** Only calls whose path starts with this (default: every published path). */
  pathPrefix: z.string().optional(),
  /** Only calls with this method. */
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** For `latency`: milliseconds to wait before answering normally. */
  delayMs: z.number().int().nonnegative().max(120_000).optional(),
  /** For `status`: the HTTP status (default 500). */
  status: z.number().int().min(400).max(599).optional(),
  /** For `status`: the error_code (default by status: 429 flow control, else server failure). */
  errorCode: z.string().optional(),
  /** For `status` 429: the Retry-After seconds (default 1). */
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  /** For `malformed`: the body to send (default a truncated JSON text). */
  body: z.string().optional(),
});
/** One injected fault. */
export type Fault = z.infer<typeof faultSchema>;

/** Faults waiting to be applied, in order of injection. */
export class FaultQueue {
  private faults: Array<Fault & { remaining: number }> = [];

  /** Adds a fault (validated, defaults applied). */
  add(fault: z.input<typeof faultSchema>): void {
    const parsed = faultSchema.parse(fault);
    this.faults.push({ ...parsed, remaining: parsed.count });
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** Faults still pending. */
  pending(): Fault[] {
    return this.faults.map(({ remaining, ...fault }) => ({ ...fault, count: remaining }));
  }

  /** Takes the first fault matching a call, if any, counting it down. */
  take(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.pathPrefix === undefined || path.startsWith(f.pathPrefix)) &&
        (f.method === undefined || f.method === method),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }
}
