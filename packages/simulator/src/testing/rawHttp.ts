// Test support for the simulator's own tests: raw HTTP against a running simulator, no client in between.
// Not exported from the package index.
import { accessTokenResponseSchema } from '@hwmeeting/client/wire';
import { signAppAuth } from '@hwmeeting/signer';
import { expect } from 'vitest';
import { z } from 'zod';
import { type Simulator, startSimulator } from '../server.js';
import type { StoreChange } from '../state/store.js';

/** A parsed JSON answer as the tests read it: its fields are checked one by one by their assertions. */
// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field by the assertions
export type Loose = any;

/** What {@link rawCall} sends besides method and path. */
export interface RawInit {
  /** Extra request headers; they win over the defaults. */
  headers?: Record<string, string>;
  /** Sent as X-Access-Token when given. */
  token?: string | undefined;
  /** A string is sent as it is, any other value as JSON; `undefined` sends no body. */
  body?: unknown;
}

/** One raw answer: status, parsed JSON (`undefined` for an empty body) and headers. */
export interface RawAnswer {
  status: number;
  json: Loose;
  headers: Headers;
}

/** The App ID login path (rest-api.md 2.1). */
export const APP_AUTH_PATH = '/v2/usg/acs/auth/appauth';

/** Sends one raw HTTP call to `sim` and answers status, parsed JSON and headers. */
export async function rawCall(
  sim: Simulator,
  method: string,
  path: string,
  init: RawInit = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = {
    ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...(init.token === undefined ? {} : { 'X-Access-Token': init.token }),
    ...init.headers,
  };
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    // `null`, not `undefined`: exactOptionalPropertyTypes.
    body:
      init.body === undefined ? null : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Logs in through the real App ID path (no userId: the enterprise default administrator); answers the access token. */
export async function loginAs(sim: Simulator, userId?: string): Promise<string> {
  const signed = signAppAuth({
    appId: sim.appId,
    appKey: sim.appKey,
    tenancy: sim.tenancy,
    ...(userId === undefined ? {} : { userId }),
  });
  const answer = await rawCall(sim, 'POST', APP_AUTH_PATH, { headers: signed.headers, body: signed.body });
  expect(answer.status).toBe(200);
  return accessTokenResponseSchema.parse(answer.json).accessToken;
}

/** The published error body, every field required (the simulator always sends all three). */
const publishedErrorSchema = z.object({
  error_code: z.string(),
  error_msg: z.string(),
  request_id: z.string(),
});

/** Asserts a published error answer (status, code, and the field its message names if given); answers its body. */
export function expectError(
  answer: { status: number; json: unknown },
  status: number,
  code: string,
  field?: string,
): z.infer<typeof publishedErrorSchema> {
  expect(answer.status).toBe(status);
  const error = publishedErrorSchema.parse(answer.json);
  expect(error.error_code).toBe(code);
  if (field !== undefined) expect(error.error_msg).toContain(field);
  return error;
}

/** A fresh demo simulator and the list its store's changes are recorded into (for tests that mutate it). */
export async function recordingSimulator(): Promise<{ sim: Simulator; changes: StoreChange[] }> {
  const sim = await startSimulator({ seed: 'demo' });
  const changes: StoreChange[] = [];
  sim.store.events.on('change', (change) => changes.push(change));
  return { sim, changes };
}
