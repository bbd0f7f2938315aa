import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PushMessage } from '../frames/index.js';
import { parsedFrame } from '../testing/frames.js';
import { SnapshotMirror } from './mirror.js';
import { MeetingStateReducer, type StateChange } from './reducer.js';

const CONF = '42';

const parsed = (frame: object): PushMessage => parsedFrame(CONF, frame);

const pid = fc.constantFrom('p1', 'p2', 'p3', 'p4');
const pinfoEntry = fc.record({
  pid,
  mode: fc.constantFrom(0, 0, 1),
  pinfoMap: fc.dictionary(
    fc.constantFrom('NAME', 'MUTE', 'HAND', 'ROLE', 'WAITINGSTATE', 'ADDTIME'),
    fc.constantFrom('0', '1', 'Ann', '1611988486336'),
    { maxKeys: 3 },
  ),
});
const attendee = fc.record({
  participantID: pid,
  mode: fc.constantFrom(0, 0, 1),
  name: fc.constantFrom('A', 'B'),
  role: fc.constantFrom(0, 1),
});
const net = fc.record({ participantID: pid, mode: fc.constantFrom(0, 0, 1), rtt: fc.nat(300) });
const speakers = fc.array(fc.record({ pid, speakingVolume: fc.nat(100) }), { maxLength: 3 });

/** One push frame of a state type: full (`msgMode` 0) or an increment, numbered by the caller. */
const frameArb = fc.oneof(
  fc.record({
    action: fc.constant('ParticipantsNotify'),
    full: fc.boolean(),
    data: fc.array(pinfoEntry, { maxLength: 3 }),
  }),
  fc.record({
    action: fc.constant('WaitingListNotify'),
    full: fc.boolean(),
    data: fc.array(pinfoEntry, { maxLength: 3 }),
  }),
  fc.record({
    action: fc.constant('AttendeesNotify'),
    full: fc.boolean(),
    data: fc.array(attendee, { maxLength: 3 }),
  }),
  fc.record({
    action: fc.constant('NetConditionNotify'),
    full: fc.boolean(),
    data: fc.array(net, { maxLength: 3 }),
  }),
  fc.record({ action: fc.constant('SpeakerChangeNotify'), full: fc.constant(true), data: speakers }),
);

/** The data views a mirror must match (versioning is the reducer's own business). */
const views = (snapshot: ReturnType<SnapshotMirror['snapshot']>) => {
  const { sync: _sync, resyncNeeded: _resync, ...data } = snapshot;
  return data;
};

describe('SnapshotMirror', () => {
  it('rebuilds the reducer state from its changes, through a JSON round trip, in the same order', () => {
    fc.assert(
      fc.property(fc.array(frameArb, { minLength: 1, maxLength: 40 }), fc.nat(40), (frames, cut) => {
        const reducer = new MeetingStateReducer(CONF);
        const mirror = new SnapshotMirror(CONF);
        const seq = new Map<string, number>();
        let late: SnapshotMirror | undefined;
        frames.forEach((frame, i) => {
          const number = frame.full ? 0 : (seq.get(frame.action) ?? 0) + 1;
          seq.set(frame.action, number);
          const version = frame.full ? 1700000000000 : number;
          const result = reducer.apply(
            parsed({ action: frame.action, msgMode: frame.full ? 0 : 1, version, data: frame.data }),
          );
          if (result.kind !== 'applied') return;
          // As a Redis transport delivers them: serialised, parsed, not frozen.
          const changes = JSON.parse(JSON.stringify(result.changes)) as StateChange[];
          mirror.apply(changes);
          late?.apply(changes);
          // A watcher joining mid-stream starts from a snapshot and goes on with the changes.
          if (i === cut) late = new SnapshotMirror(CONF, JSON.parse(JSON.stringify(reducer.snapshot())));
        });
        expect(views(mirror.snapshot())).toEqual(views(reducer.snapshot()));
        if (late) expect(views(late.snapshot())).toEqual(views(reducer.snapshot()));
      }),
      { numRuns: 300 },
    );
  });

  it('hands out a frozen snapshot that stays the same object until something changes', () => {
    const mirror = new SnapshotMirror(CONF);
    const before = mirror.snapshot();
    expect(Object.isFrozen(before)).toBe(true);
    expect(mirror.snapshot()).toBe(before);
    mirror.apply([]);
    expect(mirror.snapshot()).toBe(before);
    const reducer = new MeetingStateReducer(CONF);
    const result = reducer.apply(
      parsed({
        action: 'ParticipantsNotify',
        msgMode: 0,
        version: 1,
        data: [{ pid: 'p1', pinfoMap: { NAME: 'Ann' } }],
      }),
    );
    if (result.kind !== 'applied') throw new Error('frame not applied');
    mirror.apply(JSON.parse(JSON.stringify(result.changes)));
    const after = mirror.snapshot();
    expect(after).not.toBe(before);
    expect(after.participants.map((p) => p.name)).toEqual(['Ann']);
    expect(Object.isFrozen(after.participants[0])).toBe(true);
  });
});
