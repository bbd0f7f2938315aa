// Abuse suite, HTTP bodies: whatever arrives at the gateway's HTTP port (malformed JSON, primitives, wrong content
// types, charsets and encodings, bodies over BODY_LIMIT, deep nesting, unknown paths and methods) is answered
// without a 5xx, as JSON with a coded error, without the body reaching the log, and the process stays up with a
// bounded heap. Run against a production and a development gateway: their error pages differ. Each kind of input
// is its own property, so that a failure names the kind and fast-check's smallest example of it.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AbuseGateway,
  expectHeapGrowthBelow,
  expectMarkerNeverLogged,
  fuzzBudget,
  type GatewayMode,
  graphQLAnswerProblems,
  heapAfterGc,
  MARKER,
  readAnswer,
  timeoutFor,
  useAbuseGateway,
} from '../testing/abuse.js';

/** Routes for the operator, answered in their own shape. */
const OPERATOR_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);
/** The gateway's default BODY_LIMIT (100kb). */
const BODY_LIMIT_BYTES = 100 * 1024;
/** Per kind of input; the development gateway, whose differences are its error pages, gets half. */
const BUDGET_MS = { production: 1000, development: 500 } as const;

/** A body as the fuzzer describes it (built only when sent, so that a counterexample prints short). */
type BodyRecipe =
  | { text: string }
  | { bytes: number[] }
  | { deep: number; arrays: boolean }
  | { huge: number; shape: 'variable' | 'comment' | 'filler' };

/** One HTTP request as the fuzzer describes it. */
interface FuzzRequest {
  method: string;
  path: string;
  contentType?: string | undefined;
  /** Content-Encoding; `gzipped` says whether the bytes really are. */
  encoding?: string | undefined;
  gzipped?: boolean | undefined;
  body?: BodyRecipe | undefined;
  /** A token carrying the marker instead of the viewer's. */
  fakeToken?: boolean | undefined;
}

function build(recipe: BodyRecipe): string | Uint8Array {
  if ('text' in recipe) return recipe.text;
  if ('bytes' in recipe) return Uint8Array.from(recipe.bytes);
  if ('deep' in recipe) {
    // At most 6 bytes a level, so that 15,000 levels stay under BODY_LIMIT: depth is tested, not size.
    const open = recipe.arrays ? '[' : '{"a":';
    const close = recipe.arrays ? ']' : '}';
    return `${open.repeat(recipe.deep)}{"password":"${MARKER}"}${close.repeat(recipe.deep)}`;
  }
  const filler = `${MARKER}${'x'.repeat(recipe.huge)}`;
  if (recipe.shape === 'variable')
    return JSON.stringify({ query: '{ ping }', variables: { password: filler } });
  if (recipe.shape === 'comment') return JSON.stringify({ query: `{ ping } # ${filler}` });
  return filler;
}

/** Text that breaks JSON somewhere after the marker, where a careless error message would quote it. */
const malformedJson = fc
  .tuple(
    fc.constantFrom(
      `{"query":"mutation { createUser(input: {name: \\"x\\", initialPassword: \\"${MARKER}\\"}) { id } }"`,
      `{"query":"{ ping }","variables":{"password":"${MARKER}"`,
      `${MARKER}{"query":"{ ping }"}`,
      `{"query":'{ ping }',"password":"${MARKER}"}`,
      `{"password":"${MARKER}",}`,
      `{"password":"${MARKER}" "query":"{ ping }"}`,
    ),
    fc.string({ maxLength: 20 }),
    fc.nat({ max: 19 }),
  )
  .map(([text, noise, cut]): BodyRecipe => {
    const at = text.indexOf(MARKER) + MARKER.length + cut;
    return { text: text.slice(0, at) + noise };
  });

const primitives = fc
  .constantFrom('1', '-0', 'true', 'false', 'null', `"${MARKER}"`, '[]', '[1,2]', '{}', '""', ' ')
  .map((text): BodyRecipe => ({ text }));

/** Requests that are nearly right: batches, wrong field types, extra fields, valid ones. */
const nearValid = fc
  .oneof(
    fc.constant(JSON.stringify({ query: '{ ping }' })),
    fc.constant(JSON.stringify([{ query: '{ ping }' }, { query: '{ ping }' }])),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: value })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: '{ ping }', variables: value })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: '{ ping }', operationName: value })),
    fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify({ query: '{ ping }', extensions: value })),
    fc
      .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
      .map((value) => JSON.stringify({ ...value, password: MARKER })),
    fc.constant(`query=${encodeURIComponent('{ ping }')}&password=${MARKER}`),
  )
  .map((text): BodyRecipe => ({ text }));

/** A valid request carrying the marker in a variable. */
const validRequest = fc.constant<BodyRecipe>({
  text: JSON.stringify({ query: 'query($password: String) { ping }', variables: { password: MARKER } }),
});

const anyBody: fc.Arbitrary<BodyRecipe> = fc.oneof(
  malformedJson,
  primitives,
  nearValid,
  fc.string({ maxLength: 100 }).map((text) => ({ text: MARKER + text })),
  fc.array(fc.nat({ max: 255 }), { maxLength: 100 }).map((bytes) => ({ bytes })),
);

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'application/json; charset=nonsense',
  'application/graphql',
  'application/graphql-response+json',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/*',
  'no/such',
  undefined,
);

/** Sends a request (with the viewer's token, or a fake one carrying the marker) and answers what is wrong. */
async function send(gateway: AbuseGateway, request: FuzzRequest, token: string): Promise<string[]> {
  const headers: Record<string, string> = {
    authorization: `Bearer ${request.fakeToken ? MARKER : token}`,
  };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  if (request.encoding !== undefined) headers['content-encoding'] = request.encoding;
  let body = request.body && request.method !== 'GET' ? build(request.body) : undefined;
  if (body !== undefined && request.gzipped) body = gzipSync(body);
  const response = await fetch(`${gateway.origin()}${request.path}`, {
    method: request.method,
    headers,
    body: body ?? null,
  });
  return graphQLAnswerProblems(await readAnswer(response));
}

const post = (
  body: fc.Arbitrary<BodyRecipe>,
  contentType = fc.constant<string | undefined>('application/json'),
) =>
  fc.record({
    method: fc.constant('POST'),
    path: fc.constant('/graphql'),
    contentType,
    body,
    fakeToken: fc.boolean(),
  });

/** The kinds of input, each one property. */
const kinds: [string, fc.Arbitrary<FuzzRequest>][] = [
  ['malformed JSON', post(fc.oneof(malformedJson, anyBody))],
  ['primitive and nearly valid JSON bodies', post(fc.oneof(primitives, nearValid))],
  [
    'wrong content types and charsets',
    post(validRequest, contentTypes).map((r) => ({ ...r, contentType: r.contentType })),
  ],
  [
    'content encodings, real and claimed',
    fc
      .record({
        request: post(validRequest),
        encoding: fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'x-nope', 'gzip, gzip'),
        gzipped: fc.boolean(),
      })
      .map(({ request, encoding, gzipped }) => ({
        ...request,
        encoding,
        gzipped: gzipped && encoding === 'gzip',
      })),
  ],
  [
    'bodies over BODY_LIMIT',
    post(
      fc.record({
        huge: fc.integer({ min: BODY_LIMIT_BYTES + 1, max: 3 * 1024 * 1024 }),
        shape: fc.constantFrom('variable', 'comment', 'filler'),
      }),
      fc.constantFrom('application/json', 'text/plain', undefined),
    ),
  ],
  [
    'bodies nested thousands deep',
    post(
      fc.record({
        deep: fc.integer({ min: 500, max: 15_000 }),
        arrays: fc.boolean(),
      }),
    ),
  ],
  [
    'unknown paths and methods',
    fc
      .record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        path: fc.oneof(
          fc.constantFrom(
            '/',
            '/graphql/',
            '/graphql/x',
            '/healthz',
            '/metrics',
            '/readyz',
            '/%',
            '/graphql?%',
          ),
          fc
            .webPath()
            .filter((path) => path !== '/graphql' && !path.startsWith('/webhooks'))
            .map((path) => (path.startsWith('/') ? path : `/${path}`)),
        ),
        contentType: contentTypes,
        body: anyBody,
        fakeToken: fc.boolean(),
      })
      // What the operator routes answer to GET is theirs (health, readiness, metrics), not a GraphQL answer.
      .filter((r) => !(r.method === 'GET' && OPERATOR_ROUTES.has(r.path))),
  ],
  [
    'GET requests with broken query strings',
    fc
      .record(
        {
          query: fc.oneof(
            fc.constant('{ ping }'),
            fc.constant('mutation { noop }'),
            fc.string({ maxLength: 40 }),
          ),
          variables: fc.oneof(fc.constant(`{"password":"${MARKER}"`), fc.string({ maxLength: 40 })),
          operationName: fc.string({ maxLength: 10 }),
          extensions: fc.string({ maxLength: 20 }),
        },
        { requiredKeys: [] },
      )
      .chain((search) =>
        fc.record({
          method: fc.constant('GET'),
          path: fc.constant(`/graphql?${new URLSearchParams(search)}`),
          contentType: contentTypes,
          fakeToken: fc.boolean(),
        }),
      ),
  ],
];

describe.each<GatewayMode>(['production', 'development'])('HTTP abuse of a %s gateway', (mode) => {
  const gateway = useAbuseGateway(mode);
  let heapBefore = 0;
  let alice = '';
  let runs = 0;

  beforeAll(async () => {
    alice = await gateway.tokenFor('alice');
    // Warm up, so that the heap baseline holds what the first requests load once.
    const ping: FuzzRequest = {
      method: 'POST',
      path: '/graphql',
      contentType: 'application/json',
      body: { text: '{"query":"{ ping }"}' },
    };
    for (let i = 0; i < 20; i++) expect(await send(gateway, ping, alice)).toEqual([]);
    heapBefore = heapAfterGc();
  });

  it.each(kinds)(
    '%s: JSON with a code, never a 5xx',
    async (_kind, requests) => {
      await fc.assert(
        fc.asyncProperty(requests, async (request) => {
          const problems = await send(gateway, request, alice);
          if (++runs % 50 === 0) await gateway.expectAlive();
          expect(problems).toEqual([]);
        }),
        fuzzBudget(BUDGET_MS[mode]),
      );
      await gateway.expectAlive();
    },
    timeoutFor(BUDGET_MS[mode]),
  );

  it('never logs a body, a variable or a token (the marker planted in them)', () => {
    expectMarkerNeverLogged(gateway);
  });

  it('the capture sees the log, stderr and the console (so the marker check is not vacuous)', () => {
    process.stderr.write('abuse suite: a probe written to stderr\n');
    console.error('abuse suite: a probe written to the console');
    expect(gateway.stderrText()).toContain('a probe written to stderr');
    expect(gateway.stderrText()).toContain('a probe written to the console');
    expect(gateway.logText()).toContain('"msg":"gateway listening"');
  });

  it('stays up with a bounded heap', async () => {
    await gateway.expectAlive();
    expectHeapGrowthBelow(heapBefore);
  });
});
