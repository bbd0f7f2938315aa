import { describe, expect, it } from 'vitest';
import { emptyRoom, foldRoomEvent, type RoomEvent, speakingIds } from './roomState';

const participant = (participantId: string, muted = false) => ({
  id: `m:${participantId}`,
  participantId,
  isSelf: false,
  name: `P ${participantId}`,
  role: 'GUEST' as const,
  state: 'IN_MEETING' as const,
  muted,
  handUp: false,
  coHost: false,
  video: null,
});

const subtitle = (text: string, final: boolean, participantId = '1'): RoomEvent => ({
  __typename: 'SubtitlesUpdate',
  cursor: 'e:1',
  meetingId: 'm',
  reason: 'CHANGE',
  enabled: null,
  subtitle: { participantId, final, texts: [{ id: null, language: 'en', text }] },
});

describe('foldRoomEvent', () => {
  it('replaces the roster with each update’s whole list', () => {
    const first = foldRoomEvent(emptyRoom, {
      __typename: 'ParticipantsUpdate',
      cursor: 'e:1',
      meetingId: 'm',
      reason: 'SNAPSHOT',
      participants: [participant('1'), participant('2')],
    });
    const second = foldRoomEvent(first, {
      __typename: 'ParticipantsUpdate',
      cursor: 'e:2',
      meetingId: 'm',
      reason: 'CHANGE',
      participants: [participant('2', true)],
    });
    expect(second.participants).toEqual([participant('2', true)]);
    expect(first.participants).toHaveLength(2);
  });

  it('keeps a sentence’s latest piece until it is final, then starts the next line', () => {
    let room = foldRoomEvent(emptyRoom, subtitle('Shall we', false));
    room = foldRoomEvent(room, subtitle('Shall we start', false));
    room = foldRoomEvent(room, subtitle('Shall we start?', true));
    room = foldRoomEvent(room, subtitle('Yes', false, '2'));
    expect(room.captions).toEqual([
      { participantId: '1', text: 'Shall we start?', final: true },
      { participantId: '2', text: 'Yes', final: false },
    ]);
  });

  it('takes whether captions are on from the update that says so, and keeps it otherwise', () => {
    const on = foldRoomEvent(emptyRoom, {
      __typename: 'SubtitlesUpdate',
      cursor: null,
      meetingId: 'm',
      reason: 'CHANGE',
      enabled: true,
      subtitle: null,
    });
    expect(on.captionsOn).toBe(true);
    expect(foldRoomEvent(on, subtitle('Hi', true)).captionsOn).toBe(true);
  });

  it('follows the feed’s own state and counts only audible speakers as speaking', () => {
    let room = foldRoomEvent(emptyRoom, {
      __typename: 'StreamStatusUpdate',
      cursor: 'e:3',
      meetingId: 'm',
      state: 'RECONNECTING',
      detail: null,
    });
    room = foldRoomEvent(room, {
      __typename: 'SpeakersUpdate',
      cursor: 'e:4',
      meetingId: 'm',
      reason: 'CHANGE',
      speakers: [
        { participantId: '1', name: 'a', volume: 40 },
        { participantId: '2', name: 'b', volume: 0 },
      ],
    });
    expect(room.stream).toBe('RECONNECTING');
    expect([...speakingIds(room)]).toEqual(['1']);
  });

  it('says the state is not known while WAITING or CONNECTING, and known from the next whole state', () => {
    const waiting = foldRoomEvent(emptyRoom, {
      __typename: 'ParticipantsUpdate',
      cursor: null,
      meetingId: 'm',
      reason: 'WAITING',
      participants: [],
    });
    expect(waiting.pending).toBe('WAITING');
    const connecting = foldRoomEvent(waiting, {
      __typename: 'ParticipantsUpdate',
      cursor: 'e:1',
      meetingId: 'm',
      reason: 'CONNECTING',
      participants: [],
    });
    expect(connecting.pending).toBe('CONNECTING');
    const live = foldRoomEvent(connecting, {
      __typename: 'ParticipantsUpdate',
      cursor: 'e:2',
      meetingId: 'm',
      reason: 'RESYNC',
      participants: [participant('1')],
    });
    expect(live.pending).toBeNull();
    expect(live.participants).toHaveLength(1);
  });
});
