// Raw requests, beside the client: the suite checks wire shapes (a page, an error body) as they come, before any
// schema of the client reads them.
import type { Operation } from '@hwmeeting/client/wire';
import { z } from 'zod';

/** How long one raw request may take. */
const RAW_TIMEOUT_MS = 15_000;

/** The published error body: `{"error_code": "...", "error_msg": "..."}`. */
export const errorBodySchema = z.looseObject({ error_code: z.string().min(1), error_msg: z.string() });

/** What a raw request got back. */
export interface RawAnswer {
  status: number;
  /** The JSON body, or undefined when it was empty or not JSON. */
  body: unknown;
}

/** A raw request of a published operation: its path with `params` filled in, `query`, and the access token. */
export async function rawCall(
  endpoint: string,
  operation: Pick<Operation, 'method' | 'path'>,
  input: { token: string; params?: Record<string, string>; query?: Record<string, string> },
): Promise<RawAnswer> {
  const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(input.params?.[name] ?? ''),
  );
  const url = new URL(path, endpoint);
  for (const [key, value] of Object.entries(input.query ?? {})) url.searchParams.set(key, value);
  const response = await fetch(url, {
    method: operation.method,
    headers: { 'X-Access-Token': input.token, Accept: 'application/json' },
    signal: AbortSignal.timeout(RAW_TIMEOUT_MS),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body };
}

/** A refusal as the table shows it: status, `error_code` and whether the body has the published shape. */
export function describeRefusal(answer: RawAnswer): string {
  const parsed = errorBodySchema.safeParse(answer.body);
  return parsed.success
    ? `HTTP ${answer.status} ${parsed.data.error_code} (error_code, error_msg)`
    : `HTTP ${answer.status}, body not {error_code, error_msg}`;
}

/** Whether an answer is a refusal with `status` and the published error body. */
export function isRefusal(answer: RawAnswer, status: (code: number) => boolean): boolean {
  return status(answer.status) && errorBodySchema.safeParse(answer.body).success;
}

/** The endpoint did not answer at all. */
export class EndpointUnreachableError extends Error {
  override readonly name = 'EndpointUnreachableError';
  /** Stable code. */
  readonly code = 'ENDPOINT_UNREACHABLE';
}

/**
 * Whether the endpoint is a simulator: it answers its test-control summary (`GET /__sim/state`). The real
 * service refuses that path, which is all the suite needs to know; no answer at all is an error.
 */
export async function isSimulator(endpoint: string): Promise<boolean> {
  let response: Response;
  try {
    response = await fetch(new URL('/__sim/state', endpoint), {
      signal: AbortSignal.timeout(RAW_TIMEOUT_MS),
    });
  } catch (error) {
    throw new EndpointUnreachableError(`${endpoint} did not answer`, { cause: error });
  }
  if (!response.ok) return false;
  const state = z
    .looseObject({ now: z.number(), users: z.number() })
    .safeParse(await response.json().catch(() => undefined));
  return state.success;
}
