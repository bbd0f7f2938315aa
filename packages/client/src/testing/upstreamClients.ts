// Shared plumbing of the client's tests: a fake upstream per test and clients for it.
import { afterEach, beforeEach, expect } from 'vitest';
import {
  type CreateMeetingClientOptions,
  createMeetingClient,
  MeetingApiError,
  type MeetingClient,
} from '../index.js';
import { type FakeUpstream, startFakeUpstream } from './fakeUpstream.js';

/** Starts a fake upstream before each test and closes it (and the clients made for it) after. */
export function useUpstream(): {
  upstream: () => FakeUpstream;
  client: (extra?: Partial<CreateMeetingClientOptions>) => MeetingClient;
} {
  let upstream: FakeUpstream | undefined;
  const clients: MeetingClient[] = [];
  beforeEach(async () => {
    upstream = await startFakeUpstream();
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.core.transport.close()));
    await upstream?.close();
    upstream = undefined;
  });
  const current = () => {
    if (!upstream) throw new Error('the upstream exists only while a test runs');
    return upstream;
  };
  return {
    upstream: current,
    client: (extra = {}) => {
      const client = createMeetingClient({
        endpoint: current().url,
        credentials: { appId: 'test-app', appKey: 'test-app-key-never-logged' },
        retry: { initialDelayMs: 5, maxDelayMs: 20 },
        ...extra,
      });
      clients.push(client);
      return client;
    },
  };
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
