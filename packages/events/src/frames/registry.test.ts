import { describe, expect, it } from 'vitest';
import { SnapshotMirror } from '../state/mirror.js';
import { MeetingStateReducer } from '../state/reducer.js';
import { storedSnapshotSchema } from '../state/snapshot.js';
import { parseServerFrame } from './pushFrame.js';
import {
  EVENT_KINDS,
  LIST_TYPES,
  NEWEST_SUBSCRIBE_TYPES,
  PUSH_TYPES,
  pushMessageSchema,
  STATE_MESSAGE_TYPES,
  SUBSCRIBE_TYPES,
  VALUE_TYPES,
} from './registry.js';

const actions = Object.keys(PUSH_TYPES) as (keyof typeof PUSH_TYPES)[];

describe('the push type registry', () => {
  it('names each type by its schema action, and the union and the parser know every one', () => {
    for (const action of actions) {
      const frame = { action, msgMode: 0, version: 1 };
      expect(PUSH_TYPES[action].schema.safeParse(frame).success).toBe(true);
      expect(pushMessageSchema.parse(frame).action).toBe(action);
      const parsed = parseServerFrame(JSON.stringify(frame));
      expect(parsed.ok && parsed.frame.kind).toBe('message');
    }
  });

  it('lists the subscribe types documented first; the newest list leaves NetConditionNotify out (B.2)', () => {
    expect(SUBSCRIBE_TYPES).toEqual(actions);
    expect(SUBSCRIBE_TYPES.at(-1)).toBe('NetConditionNotify');
    expect(NEWEST_SUBSCRIBE_TYPES).toEqual(SUBSCRIBE_TYPES.filter((type) => type !== 'NetConditionNotify'));
    expect(STATE_MESSAGE_TYPES).toEqual(SUBSCRIBE_TYPES.filter((type) => PUSH_TYPES[type].kind !== 'event'));
    expect(EVENT_KINDS).toEqual(['inviteResult', 'subtitle']);
  });

  it('gives the snapshot one field per list and value view, and a stored one is checked view by view', () => {
    const snapshot = new MeetingStateReducer('1').snapshot();
    const views = [...LIST_TYPES, ...VALUE_TYPES].map((type) => type.view).sort();
    const { conferenceID: _id, sync: _sync, resyncNeeded: _resync, ...fields } = snapshot;
    expect(Object.keys(fields).sort()).toEqual(views);
    expect(Object.keys(new SnapshotMirror('1').snapshot()).sort()).toEqual(Object.keys(snapshot).sort());
    const stored = JSON.parse(JSON.stringify(snapshot));
    expect(storedSnapshotSchema.safeParse(stored).success).toBe(true);
    for (const type of LIST_TYPES) {
      const { [type.view]: _list, ...missing } = stored;
      expect(storedSnapshotSchema.safeParse(missing).success).toBe(false);
    }
    expect(storedSnapshotSchema.safeParse({ ...stored, status: 'live' }).success).toBe(false);
  });
});
