import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWebhookReceiver, type WebhookEvent } from './receiver.js';
import { webhookSignature } from './signature.js';

const APP_ID = 'fuzz-app';
const APP_KEY = 'fuzz-key';
const NOW = 1_700_000_000_000;

/** A correctly signed body, the material the mutations start from. */
function validBody(eventInfo: unknown, nonce: string, timestamp = NOW): string {
  const eventInfoJson = JSON.stringify(eventInfo);
  const signature = webhookSignature({ appID: APP_ID, timestamp, nonce, eventInfoJson }, APP_KEY);
  return JSON.stringify({ appID: APP_ID, timestamp, nonce, signature, eventInfo });
}

const eventInfoArb = fc.record({
  event: fc.constantFrom('meeting.started', 'meeting.join', 'meeting.left', 'meeting.verify', 'other.thing'),
  timestamp: fc.integer({ min: 0, max: NOW }),
  payload: fc.option(
    fc.record({
      meetingInfo: fc.record({ meetingID: fc.string({ minLength: 1, maxLength: 9 }) }),
      attendeeInfo: fc.option(fc.record({ participantID: fc.string({ maxLength: 8 }) }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
});

/** Malformed bodies: random text, random JSON, signed bodies with one mutation (byte, field, type). */
const malformedArb = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 4 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify({ appID: APP_ID, timestamp: NOW, eventInfo: v })),
  fc.tuple(eventInfoArb, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([info, at, byte]) => {
    const text = validBody(info, '12345678');
    const i = at % text.length;
    return text.slice(0, i) + String.fromCharCode(byte) + text.slice(i + 1);
  }),
  fc
    .tuple(
      eventInfoArb,
      fc.constantFrom('appID', 'timestamp', 'nonce', 'signature', 'eventInfo'),
      fc.jsonValue(),
    )
    .map(([info, key, value]) => {
      const body = JSON.parse(validBody(info, '87654321')) as Record<string, unknown>;
      body[key] = value;
      return JSON.stringify(body);
    }),
  fc.tuple(eventInfoArb, fc.nat()).map(([info, cut]) => {
    const text = validBody(info, '11223344');
    return text.slice(0, cut % text.length);
  }),
);

describe('webhook receiver fuzz', () => {
  it('answers tens of thousands of malformed bodies with 4xx or a valid event, never throwing', async () => {
    const events: WebhookEvent[] = [];
    const errors: unknown[] = [];
    const receiver = createWebhookReceiver({
      subscribers: [{ appID: APP_ID, appKey: APP_KEY }],
      now: () => NOW,
      onEvent: (event) => {
        events.push(event);
      },
      onError: (error) => errors.push(error),
    });
    let ok = 0;
    let refused = 0;
    fc.assert(
      fc.property(malformedArb, fc.boolean(), (text, asBuffer) => {
        const answer = receiver.handle({ rawBody: asBuffer ? Buffer.from(text) : text });
        if (answer.status === 200) ok++;
        else {
          expect(answer.status).toBeGreaterThanOrEqual(400);
          expect(answer.status).toBeLessThan(500);
          expect(() => JSON.parse(answer.body)).not.toThrow();
          refused++;
        }
      }),
      { numRuns: 30_000, seed: 20_260_404 },
    );
    await new Promise((resolve) => setImmediate(resolve));
    const stats = receiver.stats();
    const refusedCount = Object.values(stats.refused).reduce((a, b) => a + b, 0);
    expect(stats.received).toBe(30_000);
    expect(refusedCount).toBe(refused);
    expect(stats.accepted + stats.duplicates).toBe(ok);
    expect(events).toHaveLength(stats.accepted);
    expect(errors).toEqual([]);
    // Whatever got through is a correctly signed, typed event.
    for (const event of events) {
      expect(event.appID).toBe(APP_ID);
      expect(typeof event.timestamp).toBe('number');
    }
    // The mutations must have exercised every path that a body can take.
    expect(stats.refused['not-json']).toBeGreaterThan(0);
    expect(stats.refused['invalid-body']).toBeGreaterThan(0);
    expect(stats.refused['bad-signature']).toBeGreaterThan(0);
  }, 120_000);
});
