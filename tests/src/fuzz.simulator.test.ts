import { authOperations, errorBodySchema, type Operation } from '@hwmeeting/client/wire';
import { signAppAuth } from '@hwmeeting/signer';
import { type Simulator, startSimulator } from '@hwmeeting/simulator';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

/*
 * Thousands of malformed requests to every published path: the simulator must answer each with a published
 * status and error body, never a 500, never crash.
 */

const operations: Operation[] = [...Object.values(authOperations)];
const RUNS_PER_OPERATION = 60;
const PUBLISHED_STATUSES = new Set([200, 400, 401, 403, 405, 412, 423]);

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

function queryArbitrary(operation: Operation): fc.Arbitrary<string> {
  const keys = [...shapeKeys(operation.query), 'conferenceID', 'offset', 'limit'];
  return fc
    .dictionary(fc.constantFrom(...keys), fc.oneof(fc.string({ maxLength: 12 }), fc.integer().map(String)), {
      maxKeys: 4,
    })
    .map((entries) => new URLSearchParams(entries).toString());
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

describe('simulator under malformed requests', () => {
  it(`answers ${RUNS_PER_OPERATION} malformed calls per operation with published errors only`, async () => {
    let sent = 0;
    for (const operation of operations) {
      const token = await adminToken();
      await fc.assert(
        fc.asyncProperty(
          pathArbitrary(operation),
          queryArbitrary(operation),
          bodyArbitrary(operation),
          async (path, query, body) => {
            const response = await fetch(`${sim.url}${path}${query ? `?${query}` : ''}`, {
              method: operation.method,
              headers: {
                'Content-Type': 'application/json',
                'X-Access-Token': token,
                'X-Conference-Authorization': token,
              },
              body: operation.method === 'GET' ? null : body,
            });
            const text = await response.text();
            sent++;
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
    expect(unhandled).toEqual([]);
  });
});
