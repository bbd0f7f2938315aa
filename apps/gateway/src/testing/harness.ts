// Shared set-up of the gateway's end-to-end tests: a simulator, a gateway in front of it, and GraphQL over HTTP.
// Test-only: excluded from the build (tsconfig.build.json) and exported under no package path.
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import { afterAll, beforeAll, expect } from 'vitest';
import { loadConfig } from '../config.js';
import { type Gateway, type GatewayOptions, startGateway } from '../server.js';

/** The JWT secret every test gateway signs and verifies its development tokens with. */
export const TEST_SECRET = 'test-secret-of-at-least-thirty-two-characters';

/**
 * The environment that puts a test gateway in production mode: upstream credentials set as a deployment sets them
 * (the harness still points the gateway at its simulator) and the JWT secret given.
 */
export const PRODUCTION_ENV: Readonly<Record<string, string>> = {
  HWMEETING_APP_ID: 'set-by-deployment',
  HWMEETING_APP_KEY: 'set-by-deployment',
  JWT_SECRET: TEST_SECRET,
};

/** An HTTP answer of the gateway: status and parsed JSON body. */
// biome-ignore lint/suspicious/noExplicitAny: GraphQL answers are checked field by field
export type Answer = { status: number; body: any };

/** What a test file may change about {@link useGateway}'s gateway. */
export interface GatewayHarnessOptions {
  /** Environment variables on top of (or replacing) the test defaults. */
  env?: Record<string, string>;
  /** Gateway options on top of the defaults, given the running simulator. */
  gateway?: (sim: Simulator) => Partial<GatewayOptions>;
}

/** The running simulator and gateway of a test file, and calls against them. */
export interface GatewayHarness {
  /** The simulator (available from `beforeAll` on). */
  sim(): Simulator;
  /** The gateway (available from `beforeAll` on). */
  gateway(): Gateway;
  /** Posts a GraphQL request, with a bearer token when one is given. */
  gql(token: string | undefined, query: string, variables?: Record<string, unknown>): Promise<Answer>;
  /** A development token the gateway accepts for `sub` with `roles` (600 s unless told). */
  tokenFor(sub: string, roles?: string[], ttlSeconds?: number): Promise<string>;
}

/** Starts a demo-seeded simulator and a gateway on it before the file's tests and stops both after them. */
export function useGateway(options: GatewayHarnessOptions = {}): GatewayHarness {
  let sim: Simulator | undefined;
  let gateway: Gateway | undefined;

  beforeAll(async () => {
    sim = await startSimulator({ seed: 'demo', answerDelayMs: 10 });
    const env = loadConfig({
      PORT: '0',
      JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      RATE_LIMIT_PER_MINUTE: '5000',
      ...options.env,
    });
    gateway = await startGateway({
      env,
      endpoint: sim.url,
      appId: sim.appId,
      appKey: sim.appKey,
      ...options.gateway?.(sim),
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await sim?.close();
  });

  const running = <T>(value: T | undefined, name: string): T => {
    if (value === undefined) throw new Error(`the ${name} is not running (used outside the tests?)`);
    return value;
  };
  const harness: GatewayHarness = {
    sim: () => running(sim, 'simulator'),
    gateway: () => running(gateway, 'gateway'),
    async gql(token, query, variables) {
      const response = await fetch(harness.gateway().url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, body: await response.json() };
    },
    tokenFor: (sub, roles = [], ttlSeconds = 600) =>
      harness.gateway().authenticator.issue(sub, roles, ttlSeconds),
  };
  return harness;
}

/** The data of an answer that must have succeeded. */
// biome-ignore lint/suspicious/noExplicitAny: see Answer
export function data(answer: Answer): any {
  expect(answer.body.errors, JSON.stringify(answer.body.errors)).toBeUndefined();
  return answer.body.data;
}

/** The one error of an answer that must have failed with `code` (and, when given, naming `field`). */
export function expectError(answer: Answer, code: string, field?: string) {
  expect(answer.body.errors?.[0]?.extensions?.code, JSON.stringify(answer.body.errors)).toBe(code);
  if (field !== undefined) expect(answer.body.errors[0].extensions.field).toBe(field);
  return answer.body.errors[0];
}
