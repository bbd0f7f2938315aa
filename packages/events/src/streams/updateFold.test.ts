import { describe, expect, it } from 'vitest';
import { MeetingStateReducer } from '../state/reducer.js';
import type { MeetingSnapshot } from '../state/snapshot.js';
import { type ParticipantView, participantView } from '../state/views/index.js';
import type { WatchedEvent } from './streamEvent.js';
import { MeetingUpdateFold, type ParticipantsUpdate, type PositionedUpdate } from './updateFold.js';

const ID = '900100200';
const person = (pid: string, name: string, muted = false): ParticipantView =>
  participantView(pid, { NAME: name, MUTE: muted ? '1' : '0' });
const snapshot = (participants: ParticipantView[]): WatchedEvent => ({
  type: 'snapshot',
  conferenceID: ID,
  cursor: 'e1:1',
  snapshot: { ...new MeetingStateReducer(ID).snapshot(), participants } as MeetingSnapshot,
});
const participantsOf = (updates: ReturnType<MeetingUpdateFold['next']>) =>
  updates.filter((u): u is ParticipantsUpdate & PositionedUpdate => u.type === 'participants');

describe('MeetingUpdateFold', () => {
  it('answers every view on the first snapshot, then RESYNC with the difference on later ones', () => {
    const fold = new MeetingUpdateFold(ID);
    const first = fold.next(snapshot([person('1', 'Ann'), person('2', 'Ben')]));
    expect(first.map((u) => u.type)).toEqual([
      'info',
      'status',
      'participants',
      'speakers',
      'waitingList',
      'subtitles',
      'inviteResults',
    ]);
    expect(participantsOf(first)[0]).toMatchObject({ reason: 'SNAPSHOT', removed: [] });
    expect(participantsOf(first)[0]?.changed.map((p) => p.participantId)).toEqual(['1', '2']);

    const again = participantsOf(fold.next(snapshot([person('2', 'Ben', true), person('3', 'Cy')])))[0];
    expect(again?.reason).toBe('RESYNC');
    expect(again?.participants.map((p) => p.participantId)).toEqual(['2', '3']);
    expect(again?.changed.map((p) => p.participantId)).toEqual(['2', '3']);
    expect(again?.removed).toEqual(['1']);
  });

  it('merges the changes of one event into one update per list, with the whole list after it', () => {
    const fold = new MeetingUpdateFold(ID);
    fold.next(snapshot([person('1', 'Ann')]));
    const ann = person('1', 'Ann', true);
    const dan = person('4', 'Dan');
    const updates = fold.next({
      type: 'changes',
      conferenceID: ID,
      cursor: 'e1:2',
      changes: [
        { kind: 'upsert', view: 'participants', key: '4', item: dan, added: true, fields: [] },
        { kind: 'upsert', view: 'participants', key: '1', item: ann, added: false, fields: ['muted'] },
        { kind: 'remove', view: 'participants', key: '4' },
      ],
    });
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({
      type: 'participants',
      reason: 'CHANGE',
      changed: [ann],
      removed: ['4'],
    });
    expect((updates[0] as ParticipantsUpdate).participants).toEqual([ann]);
  });

  it('reads a full list frame as RESYNC and says who is gone', () => {
    const fold = new MeetingUpdateFold(ID);
    fold.next(snapshot([person('1', 'Ann'), person('2', 'Ben')]));
    const ben = person('2', 'Ben');
    const [update] = participantsOf(
      fold.next({
        type: 'changes',
        conferenceID: ID,
        cursor: 'e1:3',
        changes: [{ kind: 'reset', view: 'participants', items: [ben, person('5', 'Eve')] }],
      }),
    );
    expect(update?.reason).toBe('RESYNC');
    // Ben is unchanged (an equal view is not reported again); Ann is gone; Eve is new.
    expect(update?.changed.map((p) => p.participantId)).toEqual(['5']);
    expect(update?.removed).toEqual(['1']);
  });

  it('passes captions, invite results and stream states through as they come', () => {
    const fold = new MeetingUpdateFold(ID);
    fold.next(snapshot([]));
    const subtitle = { participantId: '1', isFinal: true, timestamp: 1, beginTime: 1, endTime: 2, msgs: [] };
    expect(
      fold.next({
        type: 'event',
        conferenceID: ID,
        cursor: 'e1:7',
        event: { kind: 'subtitle', at: 5, subtitle },
      }),
    ).toEqual([
      {
        type: 'subtitles',
        meetingId: ID,
        reason: 'CHANGE',
        enabled: undefined,
        subtitle,
        at: 5,
        cursor: 'e1:7',
      },
    ]);
    expect(fold.next({ type: 'status', conferenceID: ID, status: 'reconnecting', cursor: 'e1:8' })).toEqual([
      { type: 'stream', meetingId: ID, state: 'reconnecting', detail: undefined, cursor: 'e1:8' },
    ]);
  });
});
