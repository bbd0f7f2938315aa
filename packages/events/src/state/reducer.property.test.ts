import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../frames/index.js';
import { parsedFrame } from '../testing/frames.js';
import { MeetingStateReducer } from './reducer.js';
import { meetingStatusView, participantView } from './views/index.js';

const CONF = '42';

const parsed = (frame: object): PushMessage => parsedFrame(CONF, frame);

// The tiny model: participants are an insertion-ordered map of pid to merged pinfoMap; `mode` 1 deletes.
type Op = { pid: string; mode: 0 | 1; pinfoMap: Record<string, string> };
type Model = Map<string, Record<string, string>>;

function applyToModel(model: Model, ops: readonly Op[]): void {
  for (const op of ops) {
    if (op.mode === 1) model.delete(op.pid);
    else model.set(op.pid, { ...model.get(op.pid), ...op.pinfoMap });
  }
}

const modelViews = (model: Model) => [...model].map(([pid, map]) => participantView(pid, map));

const opArb: fc.Arbitrary<Op> = fc.record({
  pid: fc.constantFrom('p1', 'p2', 'p3', 'p4', 'p5'),
  mode: fc.constantFrom<0 | 1>(0, 0, 0, 1),
  pinfoMap: fc.dictionary(
    fc.constantFrom('NAME', 'MUTE', 'HAND', 'ROLE', 'STATE', 'VIDEO', 'SHARE', 'ADDTIME', 'X_CUSTOM'),
    fc.constantFrom('0', '1', '2', 'Ann', '1611988486336', 'odd'),
    { maxKeys: 4 },
  ),
});
const initialArb = fc.array(
  opArb.map((op) => ({ ...op, mode: 0 as const })),
  { maxLength: 5 },
);
const incrementsArb = fc.array(fc.array(opArb, { minLength: 1, maxLength: 3 }), {
  minLength: 1,
  maxLength: 40,
});

const fullFrame = (ops: readonly Op[]) =>
  parsed({ action: 'ParticipantsNotify', msgMode: 0, version: 1700000000000, data: ops });
const increment = (version: number, ops: readonly Op[]) =>
  parsed({ action: 'ParticipantsNotify', msgMode: 1, version, data: ops });

describe('MeetingStateReducer properties', () => {
  it('increments applied in order equal the model', () => {
    fc.assert(
      fc.property(initialArb, incrementsArb, (initial, increments) => {
        const reducer = new MeetingStateReducer(CONF);
        const model: Model = new Map();
        reducer.apply(fullFrame(initial));
        applyToModel(model, initial);
        increments.forEach((ops, i) => {
          expect(reducer.apply(increment(i + 1, ops)).kind).toBe('applied');
          applyToModel(model, ops);
        });
        expect(reducer.snapshot().participants).toEqual(modelViews(model));
        expect(reducer.snapshot().sync.ParticipantsNotify.lastSeq).toBe(increments.length);
      }),
      { numRuns: 300 },
    );
  });

  it('detects any skipped number and keeps the state of the increments before it', () => {
    fc.assert(
      fc.property(initialArb, incrementsArb, fc.nat(), (initial, increments, pick) => {
        const skipped = (pick % increments.length) + 1;
        const reducer = new MeetingStateReducer(CONF);
        const model: Model = new Map();
        reducer.apply(fullFrame(initial));
        applyToModel(model, initial);
        const kinds: string[] = [];
        increments.forEach((ops, i) => {
          // Frames 1 .. skipped-1 keep their numbers; from there on every number is one higher.
          const version = i + 1 < skipped ? i + 1 : i + 2;
          const result = reducer.apply(increment(version, ops));
          kinds.push(result.kind);
          if (i + 1 < skipped) applyToModel(model, ops);
          if (i + 1 === skipped) {
            expect(result).toEqual({
              kind: 'resync',
              type: 'ParticipantsNotify',
              reason: 'gap',
              expected: skipped,
              received: skipped + 1,
            });
          }
        });
        expect(kinds.filter((k) => k === 'resync')).toHaveLength(1);
        expect(kinds.slice(skipped)).toEqual(kinds.slice(skipped).map(() => 'refused'));
        expect(reducer.snapshot().participants).toEqual(modelViews(model));
        expect(reducer.snapshot().resyncNeeded).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('replayed earlier increments change nothing', () => {
    fc.assert(
      fc.property(
        initialArb,
        incrementsArb,
        fc.array(fc.nat(), { maxLength: 10 }),
        (initial, increments, replays) => {
          const reducer = new MeetingStateReducer(CONF);
          const model: Model = new Map();
          reducer.apply(fullFrame(initial));
          applyToModel(model, initial);
          increments.forEach((ops, i) => {
            reducer.apply(increment(i + 1, ops));
            applyToModel(model, ops);
            for (const r of replays) {
              const old = r % (i + 1);
              expect(reducer.apply(increment(old + 1, increments[old] ?? [])).kind).toBe('duplicate');
            }
          });
          expect(reducer.snapshot().participants).toEqual(modelViews(model));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('status increments shallow-merge like Object.assign', () => {
    const fieldsArb = fc.record(
      {
        state: fc.constantFrom('Schedule', 'Created', 'Destroyed'),
        lock: fc.constantFrom(0, 1),
        mute: fc.constantFrom(0, 1),
        canUnmute: fc.constantFrom(0, 1),
        recState: fc.constantFrom(0, 1),
        mode: fc.constantFrom('FREE', 'FIXED', 'ROLLCALL', 'BROADCAST'),
        waitingRoomState: fc.constantFrom(0, 1),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fieldsArb, fc.array(fieldsArb, { maxLength: 20 }), (first, rest) => {
        const reducer = new MeetingStateReducer(CONF);
        reducer.apply(parsed({ action: 'ConfDynamicInfoNotify', msgMode: 0, version: 1, ...first }));
        let model: Record<string, unknown> = { ...first };
        rest.forEach((fields, i) => {
          reducer.apply(parsed({ action: 'ConfDynamicInfoNotify', msgMode: 1, version: i + 1, ...fields }));
          model = { ...model, ...fields };
        });
        expect(reducer.snapshot().status).toEqual(meetingStatusView(model));
      }),
      { numRuns: 200 },
    );
  });
});
