// Abuse suite, GraphQL documents and variables, sent alike over HTTP and graphql-ws: random operations built from
// the schema, documents at and over each limit (depth, width, aliases, tokens, directives, fragment cycles),
// syntax errors, and variables of the wrong type, missing, huge or full of control characters. Every answer is
// coded and never a 5xx or INTERNAL_SERVER_ERROR; a document refused on one transport is refused on the other
// (one set of limits for both); nothing planted in a document or variable reaches the log.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../schema/index.js';
import {
  type AbuseGateway,
  codesOf,
  expectHeapGrowthBelow,
  expectMarkerNeverLogged,
  fuzzBudget,
  graphQLAnswerProblems,
  heapAfterGc,
  MARKER,
  readAnswer,
  timeoutFor,
  useAbuseGateway,
  type WsOutcome,
  WsSession,
  wsOutcomeProblems,
  wsRefused,
} from '../testing/abuse.js';
import {
  brokenDocument,
  hostileString,
  limitDocument,
  limitRecipe,
  schemaOperation,
} from '../testing/abuseDocuments.js';

const BUDGET_MS = 1000;
const who = fc.constantFrom<'alice' | 'admin'>('alice', 'alice', 'admin');
const schema = buildSchema({ appId: 'abuse' });

/** An operation as both transports get it. */
interface Operation {
  query: string;
  variables?: unknown;
}

/** What both transports answered, and what is wrong with it. */
interface BothAnswers {
  problems: string[];
  httpRefused: boolean;
  wsRefused: boolean;
  http: string;
  ws: WsOutcome;
}

const gateway: AbuseGateway = useAbuseGateway('production');
const sessions = new Map<string, WsSession>();
const tokens: Record<'alice' | 'admin', string> = { alice: '', admin: '' };
let heapBefore = 0;
let runs = 0;

/** Sends the operation over HTTP and over graphql-ws as `who`. */
async function sendBoth(operation: Operation, who: 'alice' | 'admin' = 'alice'): Promise<BothAnswers> {
  const response = await fetch(gateway.gateway().url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: JSON.stringify({ query: operation.query, variables: operation.variables }),
  });
  const http = await readAnswer(response);
  let session = sessions.get(who);
  if (!session) {
    session = new WsSession(gateway, tokens[who]);
    sessions.set(who, session);
  }
  const ws = await session.operation({ query: operation.query, variables: operation.variables });
  let body: unknown;
  try {
    body = JSON.parse(http.text);
  } catch {
    body = undefined;
  }
  const problems = [
    ...graphQLAnswerProblems(http).map((p) => `HTTP: ${p}`),
    ...wsOutcomeProblems(ws).map((p) => `graphql-ws: ${p}`),
  ];
  if (++runs % 50 === 0) await gateway.expectAlive();
  return {
    problems,
    httpRefused: body === undefined || !('data' in (body as object)),
    wsRefused: wsRefused(ws),
    http: `${http.status} ${codesOf(body).join(',')}`,
    ws,
  };
}

/** The two transports refused the operation alike (one set of limits for both): empty, or what differs. */
function difference(answers: BothAnswers): string[] {
  if (answers.httpRefused === answers.wsRefused) return [];
  const ws = JSON.stringify(answers.ws).slice(0, 300);
  return [
    `refused on ${answers.httpRefused ? 'HTTP' : 'graphql-ws'} only: HTTP ${answers.http}, graphql-ws ${ws}`,
  ];
}

beforeAll(async () => {
  tokens.alice = await gateway.tokenFor('alice');
  tokens.admin = await gateway.tokenFor('admin', ['admin']);
  for (let i = 0; i < 10; i++) expect((await sendBoth({ query: '{ ping }' })).problems).toEqual([]);
  heapBefore = heapAfterGc();
});
afterAll(() => {
  for (const session of sessions.values()) session.close();
});

/** Operations with variables, covering the argument types of the schema. */
const withVariables = [
  'query($id: ID!) { meeting(meetingId: $id) { id subject } }',
  'query($first: Int, $after: String, $filter: MeetingFilter) { meetings(first: $first, after: $after, filter: $filter) { totalCount } }',
  'query($from: DateTime!, $to: DateTime!) { meetingHistory(from: $from, to: $to) { totalCount } }',
  'query($name: String!) { departmentsByName(name: $name) { code } }',
  'query($code: String!) { department(code: $code) { code name } }',
  'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id subject } }',
  'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
  'mutation($id: ID!, $pid: ID!, $muted: Boolean!) { muteParticipant(meetingId: $id, participantId: $pid, muted: $muted) { ok } }',
];

/** A string of `length` characters, made only when serialised (a counterexample prints `huge(n)`). */
class HugeString {
  constructor(readonly length: number) {}
  toJSON(): string {
    return `${MARKER}${'v'.repeat(this.length)}`;
  }
  [fc.toStringMethod](): string {
    return `huge(${this.length})`;
  }
}

/** Values of any type, the marker among them, and objects shaped like the inputs with such values. */
const variableValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    // Huge: well under BODY_LIMIT (the message limit too), or well over it, never a few bytes either side (the
    // graphql-ws envelope is a little longer than the HTTP body, so the two limits differ by that much).
    fc
      .oneof(fc.integer({ min: 20_000, max: 60_000 }), fc.integer({ min: 120_000, max: 400_000 }))
      .map((n) => new HugeString(n)),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(
      fc.constantFrom(
        'subject',
        'name',
        'startTime',
        'invitees',
        'initialPassword',
        'state',
        'x',
        '__proto__',
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

const variables = fc.oneof(
  fc.dictionary(
    fc.constantFrom(
      'id',
      'first',
      'after',
      'filter',
      'from',
      'to',
      'name',
      'code',
      'input',
      'pid',
      'muted',
      'extra',
    ),
    variableValue,
    { maxKeys: 5 },
  ),
  variableValue,
);

/** The kinds of operation, each an arbitrary of operations and of who sends them. */
const kinds: [string, fc.Arbitrary<[Operation, 'alice' | 'admin']>][] = [
  [
    'random queries built from the schema',
    fc.tuple(
      schemaOperation(schema, ['query']).map((query) => ({ query })),
      who,
    ),
  ],
  [
    'random mutations built from the schema',
    fc.tuple(
      schemaOperation(schema, ['mutation'], 2).map((query) => ({ query })),
      who,
    ),
  ],
  [
    'documents at and over each limit (depth, width, aliases, tokens, directives, fragment cycles)',
    fc.tuple(
      limitRecipe.map((recipe) => ({
        query: limitDocument(recipe),
        // Printed in a counterexample instead of the long text.
        [fc.toStringMethod]: () => `{ query: limitDocument(${JSON.stringify(recipe)}) }`,
      })),
      who,
    ),
  ],
  [
    'syntax errors',
    fc.tuple(
      brokenDocument(schemaOperation(schema, ['query'], 2)).map((query) => ({ query })),
      who,
    ),
  ],
  [
    'variables: wrong types, missing, huge, control characters, the marker',
    fc.tuple(fc.record({ query: fc.constantFrom(...withVariables), variables }), who),
  ],
];

describe.each(kinds)('%s, over HTTP and graphql-ws', (_kind, operations) => {
  it(
    'are answered with coded errors, never a 5xx or INTERNAL_SERVER_ERROR',
    async () => {
      await fc.assert(
        fc.asyncProperty(operations, async ([operation, sender]) => {
          expect((await sendBoth(operation, sender)).problems).toEqual([]);
        }),
        fuzzBudget(BUDGET_MS),
      );
    },
    timeoutFor(BUDGET_MS),
  );

  it(
    'are refused alike on both transports (one set of limits)',
    async () => {
      await fc.assert(
        fc.asyncProperty(operations, async ([operation, sender]) => {
          expect(difference(await sendBoth(operation, sender))).toEqual([]);
        }),
        fuzzBudget(BUDGET_MS),
      );
    },
    timeoutFor(BUDGET_MS),
  );
});

describe('after the fuzzing', () => {
  it('never logs a document, a variable or a token (the marker planted in them)', () => {
    expectMarkerNeverLogged(gateway);
  });

  it('stays up with a bounded heap', async () => {
    await gateway.expectAlive();
    expectHeapGrowthBelow(heapBefore);
  });

  it('the log was captured (the marker check above is not vacuous)', () => {
    expect(gateway.logText()).toContain('"msg":"gateway listening"');
  });
});
