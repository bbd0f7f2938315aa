// Abuse suite, the webhook route: unsigned, badly signed, deeply nested, huge and wrongly typed bodies, under any
// content type and encoding. Every answer is below 500; every refusal is the route's own JSON with a code
// (`{"error": code, "message"}`); correctly signed deliveries are taken; nothing sent reaches the log.
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type AbuseGateway,
  expectHeapGrowthBelow,
  expectMarkerNeverLogged,
  fuzzBudget,
  heapAfterGc,
  MARKER,
  type RawAnswer,
  readAnswer,
  timeoutFor,
  useAbuseGateway,
  WEBHOOK,
  webhookAnswerProblems,
} from '../testing/abuse.js';

const BUDGET_MS = 1000;
/** The gateway's webhook body limit (64 KiB). */
const WEBHOOK_LIMIT_BYTES = 64 * 1024;

const gateway: AbuseGateway = useAbuseGateway('production');
let heapBefore = 0;

/** Signs as the meeting server does: HMAC-SHA256 over appID, timestamp, nonce and the eventInfo JSON text. */
function sign(appID: string, timestamp: number, nonce: string, eventInfoJson: string, key: string): string {
  return createHmac('sha256', key).update(`${appID}${timestamp}${nonce}${eventInfoJson}`).digest('hex');
}

/** A correctly signed delivery of `eventInfo` (an object, or its JSON text as signed). */
function signedBody(eventInfo: unknown, nonce = 'n0nce-0001'): string {
  const timestamp = Date.now();
  const json = typeof eventInfo === 'string' ? eventInfo : JSON.stringify(eventInfo);
  const signature = sign(WEBHOOK.subscriberId, timestamp, nonce, json, WEBHOOK.subscriberKey);
  return `{"appID":${JSON.stringify(WEBHOOK.subscriberId)},"timestamp":${timestamp},"nonce":${JSON.stringify(nonce)},"signature":"${signature}","eventInfo":${json}}`;
}

/** A body as the fuzzer describes it (built when sent, so that a counterexample prints short). */
type Recipe =
  | { text: string }
  | { signed: unknown; nonce: string }
  | { badlySigned: unknown; flip: number }
  | { deep: number; arrays: boolean; signed: boolean }
  | { huge: number; signed: boolean }
  | { field: 'appID' | 'timestamp' | 'nonce' | 'signature' | 'eventInfo'; value: unknown };

function build(recipe: Recipe): string {
  if ('text' in recipe) return recipe.text;
  if ('badlySigned' in recipe) {
    const body = JSON.parse(signedBody(recipe.badlySigned)) as { signature: string };
    const i = recipe.flip % body.signature.length;
    const flipped = body.signature[i] === '0' ? '1' : '0';
    body.signature = body.signature.slice(0, i) + flipped + body.signature.slice(i + 1);
    return JSON.stringify(body);
  }
  if ('deep' in recipe) {
    const open = recipe.arrays ? '[' : '{"a":';
    const close = recipe.arrays ? ']' : '}';
    // Text, not objects: JSON.stringify itself overflows the stack at these depths.
    const eventInfo = `{"event":"meeting.started","timestamp":1,"payload":${open.repeat(recipe.deep)}"${MARKER}"${close.repeat(recipe.deep)}}`;
    return recipe.signed
      ? signedBody(eventInfo)
      : `{"appID":"${WEBHOOK.subscriberId}","timestamp":${Date.now()},"nonce":"x","signature":"${'0'.repeat(64)}","eventInfo":${eventInfo}}`;
  }
  if ('huge' in recipe) {
    const eventInfo = { event: 'meeting.started', timestamp: 1, note: MARKER + 'h'.repeat(recipe.huge) };
    return recipe.signed ? signedBody(eventInfo) : JSON.stringify({ appID: MARKER, eventInfo });
  }
  if ('signed' in recipe) return signedBody(recipe.signed, recipe.nonce);
  const body = JSON.parse(signedBody({ event: 'meeting.started', timestamp: Date.now() })) as Record<
    string,
    unknown
  >;
  body[recipe.field] = recipe.value;
  return JSON.stringify(body);
}

const eventInfo = fc.record(
  {
    event: fc.oneof(
      fc.constantFrom(
        'meeting.started',
        'meeting.join',
        'meeting.left',
        'meeting.verify',
        'meeting.end',
        'x.y',
      ),
      fc.string({ maxLength: 10 }),
    ),
    timestamp: fc.oneof(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.constant('1')),
    payload: fc.record(
      {
        meetingInfo: fc.record({ meetingID: fc.oneof(fc.string({ maxLength: 9 }), fc.constant(MARKER)) }),
        attendeeInfo: fc.record({
          participantID: fc.string({ maxLength: 8 }),
          displayName: fc.constant(MARKER),
        }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: ['event'] },
);

const recipes: [string, fc.Arbitrary<Recipe>][] = [
  [
    'unsigned and random bodies',
    fc
      .oneof(
        fc.string({ maxLength: 60 }).map((text) => MARKER + text),
        fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
        eventInfo.map((info) =>
          JSON.stringify({ appID: WEBHOOK.subscriberId, eventInfo: info, password: MARKER }),
        ),
        fc.constantFrom('', '{', 'null', '[]', `{"appID":"${MARKER}"`),
      )
      .map((text) => ({ text })),
  ],
  ['badly signed bodies', fc.record({ badlySigned: eventInfo, flip: fc.nat() })],
  [
    'fields of the wrong type',
    fc.record({
      field: fc.constantFrom('appID', 'timestamp', 'nonce', 'signature', 'eventInfo'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(MARKER)),
    }),
  ],
  [
    'bodies nested thousands deep',
    fc.record({ deep: fc.integer({ min: 100, max: 10_000 }), arrays: fc.boolean(), signed: fc.boolean() }),
  ],
  [
    'bodies over the webhook limit',
    fc.record({ huge: fc.integer({ min: WEBHOOK_LIMIT_BYTES, max: 2 * 1024 * 1024 }), signed: fc.boolean() }),
  ],
];

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  undefined,
);
const encodings = fc.constantFrom('gzip', 'deflate', 'br', 'x-nope');

/** Posts a body to the webhook route. */
async function deliver(body: string, contentType?: string, encoding?: string): Promise<RawAnswer> {
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  if (encoding) headers['content-encoding'] = encoding;
  const response = await fetch(`${gateway.origin()}${WEBHOOK_PATH}`, { method: 'POST', headers, body });
  return readAnswer(response);
}
const WEBHOOK_PATH = '/webhooks/meeting';

beforeAll(async () => {
  for (let i = 0; i < 10; i++)
    await deliver(signedBody({ event: 'meeting.started', timestamp: Date.now() }, `warm${i}`));
  heapBefore = heapAfterGc();
});

describe('the webhook route', () => {
  it('takes a correctly signed delivery (the fuzz below starts from such bodies)', async () => {
    const answer = await deliver(
      signedBody({
        event: 'meeting.started',
        timestamp: Date.now(),
        payload: { meetingInfo: { meetingID: '1' } },
      }),
      'application/json',
    );
    expect(answer.status).toBe(200);
  });

  it.each(recipes)(
    '%s: below 500, refusals JSON with a code',
    async (_kind, bodies) => {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(bodies, contentTypes, async (recipe, contentType) => {
          const answer = await deliver(build(recipe), contentType);
          if (++runs % 50 === 0) await gateway.expectAlive();
          expect(webhookAnswerProblems(answer)).toEqual([]);
        }),
        fuzzBudget(BUDGET_MS),
      );
      await gateway.expectAlive();
    },
    timeoutFor(BUDGET_MS),
  );

  it(
    'content encodings claimed but not used: below 500, refusals JSON with a code',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(...recipes.map(([, bodies]) => bodies)),
          encodings,
          async (recipe, encoding) => {
            const answer = await deliver(build(recipe), 'application/json', encoding);
            expect(webhookAnswerProblems(answer)).toEqual([]);
          },
        ),
        fuzzBudget(BUDGET_MS),
      );
      await gateway.expectAlive();
    },
    timeoutFor(BUDGET_MS),
  );

  it('never logs a body (the marker planted in them)', () => {
    expectMarkerNeverLogged(gateway);
  });

  it('stays up with a bounded heap', async () => {
    await gateway.expectAlive();
    expectHeapGrowthBelow(heapBefore);
  });
});
