import {
  authOperations,
  controlOperations,
  departmentOperations,
  errorBodySchema,
  meetingOperations,
  type Operation,
  userOperations,
} from '@hwmeeting/client/wire';
import { signAppAuth } from '@hwmeeting/signer';
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { z } from 'zod';

// Thousands of cases: generous on a loaded two-core machine, where every package's tests run at once.
vi.setConfig({ testTimeout: 180_000 });

/*
 * Thousands of malformed requests to every published path: the simulator must answer each with a published
 * status and error body, never a 500, never crash.
 */

// Calls that would end the session under test (logout) or the meeting every control call needs run last.
const LAST = new Set(['deleteToken', 'stopMeeting']);
const operations: Operation[] = [
  ...Object.values(authOperations),
  ...Object.values(meetingOperations),
  ...Object.values(userOperations),
  ...Object.values(departmentOperations),
  ...Object.values(controlOperations),
].sort((a, b) => Number(LAST.has(a.name)) - Number(LAST.has(b.name)));
const RUNS_PER_OPERATION = 60;
// 404 and 405 are the API gateway's answers to an unknown path (a '..' segment can make one) or method.
const PUBLISHED_STATUSES = new Set([200, 400, 401, 403, 404, 405, 412, 423]);

let sim: Simulator;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 1 });
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await sim.close();
});

function shapeKeys(schema: z.ZodType | undefined): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Bodies: random JSON, or objects with the schema's keys holding random values of any type. */
function bodyArbitrary(operation: Operation): fc.Arbitrary<string> {
  const keys = shapeKeys(operation.body);
  const nearValid =
    keys.length > 0
      ? fc.record(Object.fromEntries(keys.map((k) => [k, fc.jsonValue({ maxDepth: 2 })])), {
          requiredKeys: [],
        })
      : fc.jsonValue({ maxDepth: 3 });
  return fc.oneof(
    nearValid.map((v) => JSON.stringify(v)),
    fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
    fc.string({ maxLength: 40 }),
    fc.constantFrom('', '{', '[]', 'null', '{"a":', '\u0000', '{"__proto__":{"x":1}}'),
  );
}

function queryArbitrary(operation: Operation, conferenceID: string): fc.Arbitrary<string> {
  const keys = [...shapeKeys(operation.query), 'conferenceID', 'offset', 'limit'];
  const value = fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String), fc.constant(conferenceID));
  const random = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 4 });
  // Half the time the real meeting is named, so that calls get past the meeting check into the handlers.
  const aimed = random.map((entries) => ({ ...entries, conferenceID }));
  return fc.oneof(random, aimed).map((entries) => new URLSearchParams(entries).toString());
}

function pathArbitrary(operation: Operation): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom('1', 'eng', '%zz', '..')), {
      minLength: 4,
      maxLength: 4,
    })
    .map((values) => {
      let i = 0;
      return operation.path.replace(/\{\w+\}/g, () => encodeURIComponent(values[i++] ?? 'x'));
    });
}

async function adminToken(): Promise<string> {
  const signed = signAppAuth({ appId: sim.appId, appKey: sim.appKey });
  const response = await fetch(`${sim.url}/v2/usg/acs/auth/appauth`, {
    method: 'POST',
    headers: signed.headers,
    body: JSON.stringify(signed.body),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** The running demo meeting and a host control token for it, obtained through the published call. */
async function runningMeeting(token: string): Promise<{ conferenceID: string; control: string }> {
  const meeting = [...sim.store.meetings.values()].find((m) => m.state === 'Created');
  if (!meeting) throw new Error('the demo seed has no meeting in progress');
  const answer = await fetch(
    `${sim.url}/v1/mmc/control/conferences/token?conferenceID=${meeting.conferenceID}`,
    {
      headers: { 'X-Password': meeting.chairPassword, 'X-Login-Type': '1', 'X-Access-Token': token },
    },
  );
  const body = (await answer.json()) as { data?: { token?: string } };
  if (!body.data?.token) throw new Error(`no control token: ${JSON.stringify(body)}`);
  return { conferenceID: meeting.conferenceID, control: body.data.token };
}

describe('simulator under malformed requests', () => {
  it(`answers ${RUNS_PER_OPERATION} malformed calls per operation with published errors only`, async () => {
    let sent = 0;
    const statuses = new Map<number, number>();
    for (const operation of operations) {
      const token = await adminToken();
      const { conferenceID, control } = await runningMeeting(token);
      await fc.assert(
        fc.asyncProperty(
          pathArbitrary(operation),
          queryArbitrary(operation, conferenceID),
          bodyArbitrary(operation),
          async (path, query, body) => {
            const response = await fetch(`${sim.url}${path}${query ? `?${query}` : ''}`, {
              method: operation.method,
              headers: {
                'Content-Type': 'application/json',
                'X-Access-Token': token,
                'X-Conference-Authorization': control,
              },
              body: operation.method === 'GET' ? null : body,
            });
            const text = await response.text();
            sent++;
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            expect(
              PUBLISHED_STATUSES.has(response.status),
              `${operation.name} answered ${response.status}: ${text}`,
            ).toBe(true);
            if (response.status >= 400) {
              const error = errorBodySchema.parse(JSON.parse(text));
              expect(error.error_msg?.length).toBeGreaterThan(0);
            }
          },
        ),
        { numRuns: RUNS_PER_OPERATION },
      );
    }
    expect(sent).toBe(operations.length * RUNS_PER_OPERATION);
    // The fuzz must get past validation too, not only bounce off it.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(150);
    expect(unhandled).toEqual([]);
  });
});
