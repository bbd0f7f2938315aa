import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { parseServerFrame, SUBSCRIBE_TYPES } from '../frames/index.js';
import { MeetingStateReducer } from './reducer.js';

// Thousands of cases: generous on a loaded two-core machine, where every package's tests run at once.
vi.setConfig({ testTimeout: 180_000 });

const CONF = '900487914';
const FRAMES = 30_000;

const pidEntry = fc.record(
  {
    pid: fc.oneof(fc.constantFrom('p1', 'p2', 'p3', ''), fc.string(), fc.integer()),
    mode: fc.oneof(fc.constantFrom(0, 1, '0', '1', 2, -1), fc.jsonValue()),
    pinfoMap: fc.oneof(
      fc.dictionary(
        fc.constantFrom(
          'NAME',
          'MUTE',
          'ROLE',
          'STATE',
          'ADDTIME',
          'CLIENT_LOGIN_TYPE',
          '__proto__',
          'toString',
        ),
        fc.oneof(fc.constantFrom('0', '1', '2', 'Desktop'), fc.string(), fc.integer(), fc.boolean()),
      ),
      fc.jsonValue(),
    ),
  },
  { requiredKeys: [] },
);

const attendee = fc.record(
  {
    participantID: fc.oneof(fc.constantFrom('a1', 'a2'), fc.jsonValue()),
    userUUID: fc.constantFrom('u1', 'u2', ''),
    phone: fc.constantFrom('+1', '+2'),
    mode: fc.constantFrom(0, 1, 'x'),
    role: fc.oneof(fc.constantFrom(0, 1, '1'), fc.jsonValue()),
    orgID: fc.string(),
  },
  { requiredKeys: [] },
);

const data = fc.oneof(
  fc.array(pidEntry, { maxLength: 4 }),
  fc.array(attendee, { maxLength: 4 }),
  fc.array(
    fc.record(
      {
        pid: fc.constantFrom('p1', 'p2'),
        participantID: fc.constantFrom('p1', 'p2'),
        speakingVolume: fc.oneof(fc.integer(), fc.string()),
        mode: fc.constantFrom(0, 1),
        groupId: fc.string(),
        callNumber: fc.string(),
        resultCode: fc.oneof(fc.constantFrom('0', '11076010', 'constructor'), fc.integer()),
        errorCode: fc.string(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  ),
  fc.record(
    { msgs: fc.jsonValue(), isFinal: fc.jsonValue(), participantID: fc.jsonValue() },
    { requiredKeys: [] },
  ),
  fc.jsonValue(),
);

// A frame object near the published shape, every field possibly wrong.
const frameObject = fc.record(
  {
    action: fc.oneof(
      fc.constantFrom(...SUBSCRIBE_TYPES),
      fc.constantFrom('HeartBeat', 'Subscribe', 'X'),
      fc.jsonValue(),
    ),
    msgMode: fc.oneof(fc.constantFrom(0, 1, '0', '1'), fc.jsonValue()),
    version: fc.oneof(fc.integer({ min: -2, max: 8 }), fc.constantFrom('3', '1.5', 1e300), fc.jsonValue()),
    confID: fc.oneof(fc.constant(CONF), fc.constant('other'), fc.jsonValue()),
    createTime: fc.oneof(fc.integer(), fc.string()),
    data,
    state: fc.oneof(fc.constantFrom('Created', 'Destroyed', 'Weird'), fc.jsonValue()),
    lock: fc.oneof(fc.constantFrom(0, 1, '1'), fc.jsonValue()),
    multiPic: fc.jsonValue(),
    endTime: fc.oneof(fc.constant('1700000000000'), fc.jsonValue()),
    title: fc.jsonValue(),
    pwds: fc.jsonValue(),
    sequence: fc.string(),
  },
  { requiredKeys: ['action'] },
);

const frameText = fc.oneof(
  { weight: 6, arbitrary: frameObject.map((o) => JSON.stringify(o)) },
  // Malformed text: cut, random or not an object.
  {
    weight: 2,
    arbitrary: fc.tuple(frameObject, fc.nat()).map(([o, n]) => JSON.stringify(o).slice(0, n % 40)),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v) ?? 'undefined') },
);

describe('parseServerFrame + MeetingStateReducer fuzz', () => {
  it(`takes ${FRAMES} random and malformed frames without throwing, counting every refusal`, () => {
    const texts = fc.sample(frameText, { numRuns: FRAMES, seed: 20240415 });
    const reducer = new MeetingStateReducer(CONF);
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

    texts.forEach((text, i) => {
      const parsed = parseServerFrame(text);
      if (!parsed.ok) {
        count(`refused:${parsed.error.reason}`);
        return;
      }
      if (parsed.frame.kind !== 'message') {
        count(`frame:${parsed.frame.kind}`);
        return;
      }
      const result = reducer.apply(parsed.frame.message);
      count(`reducer:${result.kind}`);
      // Now and then, as after a reconnect.
      if (i % 5000 === 4999) reducer.reset({ keepData: i % 10000 === 4999 });
    });

    const total = [...tally.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(FRAMES);
    const stats = reducer.stats;
    expect(stats.applied).toBe(tally.get('reducer:applied') ?? 0);
    expect(stats.duplicates).toBe(tally.get('reducer:duplicate') ?? 0);
    expect(stats.resyncs).toBe(tally.get('reducer:resync') ?? 0);
    expect(stats.refused).toBe(tally.get('reducer:refused') ?? 0);
    expect(stats.events).toBe(tally.get('reducer:event') ?? 0);
    expect(stats.ignored).toBe(tally.get('reducer:ignored') ?? 0);
    // Every path was exercised, refusals included.
    for (const key of [
      'refused:not-json',
      'refused:no-action',
      'refused:schema',
      'frame:unknown',
      'reducer:applied',
      'reducer:duplicate',
      'reducer:resync',
      'reducer:refused',
      'reducer:event',
      'reducer:ignored',
    ]) {
      expect(tally.get(key) ?? 0, key).toBeGreaterThan(0);
    }
    const snapshot = reducer.snapshot();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(structuredClone(snapshot)).toEqual(snapshot);
  });
});
