import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rawJsonValue, sameSignature, webhookSignature } from './signature.js';

describe('webhookSignature', () => {
  it('is hex HMAC-SHA256 over appID, timestamp, nonce and the eventInfo JSON, keyed by the appkey', () => {
    const eventInfoJson = '{"event":"meeting.started","timestamp":1671523596351}';
    const expected = createHmac('sha256', 'subscriber-key')
      .update(`123456789167152359635160426560${eventInfoJson}`)
      .digest('hex');
    const parts = { appID: '123456789', timestamp: 1671523596351, nonce: '60426560', eventInfoJson };
    expect(webhookSignature(parts, 'subscriber-key')).toBe(expected);
    expect(sameSignature(expected, expected.toUpperCase())).toBe(true);
    const flipped = `${expected.slice(0, 63)}${expected.endsWith('0') ? '1' : '0'}`;
    expect(sameSignature(expected, flipped)).toBe(false);
    expect(sameSignature(expected, 'zz')).toBe(false);
  });
});

describe('rawJsonValue', () => {
  it('returns the exact text of a top-level value, nested keys and strings notwithstanding', () => {
    const text = '{ "a" : {"eventInfo":1}, "eventInfo" : {"event":"x","s":"}\\"{"} , "b":[1,2]}';
    expect(rawJsonValue(text, 'eventInfo')).toBe('{"event":"x","s":"}\\"{"}');
    expect(rawJsonValue(text, 'b')).toBe('[1,2]');
    expect(rawJsonValue('{"n": 12 }', 'n')).toBe('12');
    expect(rawJsonValue('{"s":"v"}', 's')).toBe('"v"');
    expect(rawJsonValue('{"x":1}', 'eventInfo')).toBeUndefined();
    expect(rawJsonValue('{"eventInfo":{"a":', 'eventInfo')).toBeUndefined();
  });

  it('agrees with JSON.parse on any JSON object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 })), (object) => {
        const text = JSON.stringify(object);
        for (const key of Object.keys(object)) {
          const raw = rawJsonValue(text, key);
          expect(raw === undefined ? undefined : JSON.parse(raw)).toEqual(JSON.parse(text)[key]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
