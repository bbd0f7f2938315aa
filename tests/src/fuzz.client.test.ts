import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ClientCore, ClientErrorCode, MeetingApiError, validateToken } from '@hwmeeting/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// Thousands of cases: generous on a loaded two-core machine, where every package's tests run at once.
vi.setConfig({ testTimeout: 180_000 });

/*
 * Thousands of malformed answers to the client: every call must end in a validated result or a
 * MeetingApiError with a documented code; nothing else may escape, nothing may go unhandled.
 */

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

let server: Server;
let endpoint: string;
let next: Answer = { status: 200, body: '{}', headers: {} };
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(next.status, { 'Content-Type': 'application/json', ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await new Promise((resolve) => server.close(resolve));
});

const tokenLike = fc.record(
  {
    accessToken: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    validPeriod: fc.oneof(fc.integer(), fc.string(), fc.double()),
    expireTime: fc.oneof(fc.integer(), fc.string()),
    refreshToken: fc.oneof(fc.string(), fc.integer()),
    user: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({ ucloginAccount: fc.oneof(fc.string(), fc.integer()) }),
    ),
  },
  { requiredKeys: [] },
);

const answers: fc.Arbitrary<Answer> = fc.record({
  status: fc.constantFrom(200, 200, 200, 400, 401, 403, 429, 500, 502, 503),
  body: fc.oneof(
    tokenLike.map((v) => JSON.stringify(v)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc
      .record({ error_code: fc.oneof(fc.string(), fc.integer()), error_msg: fc.jsonValue() })
      .map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 60 }),
    fc.constantFrom('', '{', 'null', '[]', '{"accessToken":"t","validPeriod":1e400,"expireTime":1}'),
  ),
  headers: fc.oneof(
    fc.constant({}),
    fc.record({
      'Retry-After': fc.oneof(
        fc.constantFrom('0', '-1', 'soon', 'Wed, 21 Oct 2015 07:28:00 GMT'),
        fc.nat(2).map(String),
      ),
    }),
  ),
});

/** The error_code an answer body carries, if it is a usable one. */
function upstreamCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error_code?: unknown } | null;
    return typeof parsed?.error_code === 'string' && parsed.error_code.length > 0
      ? parsed.error_code
      : undefined;
  } catch {
    return undefined; // not JSON: no upstream code
  }
}

describe('client under malformed answers', () => {
  it('turns every malformed answer into a validated result or a documented MeetingApiError', async () => {
    const core = new ClientCore({
      endpoint,
      credentials: { appId: 'fuzz-app', appKey: 'fuzz-key' },
      retry: { maxRetries: 1, initialDelayMs: 1, maxDelayMs: 2, maxRetryAfterSeconds: 0 },
      breaker: false,
      timeoutMs: 2000,
    });
    let outcomes = 0;
    await fc.assert(
      fc.asyncProperty(answers, fc.constantFrom('login', 'validate'), async (answer, call) => {
        next = answer;
        try {
          const result =
            call === 'login'
              ? await core.tokens.token(`user-${outcomes}`) // a new identity each time: never a cached token
              : await validateToken(core.transport, { token: 'abc' });
          expect(typeof result.accessToken).toBe('string');
          expect(answer.status).toBe(200);
        } catch (error) {
          expect(error).toBeInstanceOf(MeetingApiError);
          const apiError = error as MeetingApiError;
          if (answer.status === 200) {
            expect(apiError.code).toBe(ClientErrorCode.INVALID_RESPONSE);
          } else {
            expect(apiError.httpStatus).toBe(answer.status);
            expect(apiError.code).toBe(upstreamCode(answer.body) ?? ClientErrorCode.HTTP_ERROR);
          }
        }
        outcomes++;
      }),
      { numRuns: 3000 },
    );
    expect(outcomes).toBe(3000);
    expect(unhandled).toEqual([]);
    await core.transport.close();
  });
});
