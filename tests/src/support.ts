// Shared plumbing of the cross-package tests: a simulator per file (or per test), clients for it, error capture.
import { ClientCore, MeetingApiError, type MeetingClientOptions } from '@hwmeeting/client';
import {
  type Simulator,
  type SimulatorOptions,
  simControl as simulatorControl,
  startSimulator,
} from '@hwmeeting/simulator';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';

/** How long a fixture lives. */
export interface Lifetime {
  /** A new one for each test instead of one for the whole file. */
  fresh?: boolean;
}

/** Registers a getter that throws until the hooks of `lifetime` have made the value. */
function fixture<T>(
  lifetime: Lifetime,
  make: () => Promise<T> | T,
  end: (value: T) => Promise<unknown>,
): () => T {
  let value: T | undefined;
  // Vitest runs after-hooks in reverse order: a fixture made later ends earlier (a client before its simulator).
  const [before, after] = lifetime.fresh ? [beforeEach, afterEach] : [beforeAll, afterAll];
  before(async () => {
    value = await make();
  });
  after(async () => {
    if (value !== undefined) await end(value);
    value = undefined;
  });
  return () => {
    if (value === undefined) throw new Error('the fixture exists only while tests run');
    return value;
  };
}

/** Starts a simulator before the file's tests (`fresh`: before each test) and closes it after; answers a getter. */
export function useSimulator(options: SimulatorOptions, lifetime: Lifetime = {}): () => Simulator {
  return fixture(
    lifetime,
    () => startSimulator(options),
    (sim) => sim.close(),
  );
}

/** Client options for `sim` with its App ID credentials; `extra` adds or overrides options. */
export function clientOptionsFor(
  sim: Simulator,
  extra: Partial<MeetingClientOptions> = {},
): MeetingClientOptions {
  return { endpoint: sim.url, credentials: { appId: sim.appId, appKey: sim.appKey }, ...extra };
}

/** A client core for `sim` with its App ID credentials; `extra` adds or overrides options. */
export function clientFor(sim: Simulator, extra: Partial<MeetingClientOptions> = {}): ClientCore {
  return new ClientCore(clientOptionsFor(sim, extra));
}

/** Makes a {@link clientFor} core for the simulator with the same lifetime, disposed of before it closes; answers a getter. */
export function useClient(
  sim: () => Simulator,
  lifetime: Lifetime = {},
  extra: Partial<MeetingClientOptions> = {},
): () => ClientCore {
  return fixture(
    lifetime,
    () => clientFor(sim(), extra),
    (core) => core.dispose(),
  );
}

/** The MeetingApiError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<MeetingApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MeetingApiError);
  return error as MeetingApiError;
}

/** One call to the simulator's `/__sim/` test control (`path` below it); answers the JSON (throws unless 200). */
export const simControl = <T>(sim: Simulator, method: string, path: string, body?: unknown): Promise<T> =>
  simulatorControl<T>(sim.url, method, path, body);
