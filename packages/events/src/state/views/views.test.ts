import { onlineParticipantsFrom } from '@hwmeeting/client';
import { describe, expect, it } from 'vitest';
import {
  attendeeView,
  inviteResultViews,
  meetingStatusView,
  participantView,
  speakerViews,
  subtitleView,
  waitingEntryView,
} from './index.js';

describe('participantView', () => {
  it('maps every published pinfoMap key (A.8)', () => {
    const view = participantView('p1', {
      NAME: '张三',
      TEL: '+8657100',
      ROLE: '1',
      IS_COHOST: '1',
      STATE: '0',
      MUTE: '1',
      HAND: '1',
      VIDEO: '1',
      CAMERASTATE: '1',
      SHARE: '1',
      BROADCAST: '1',
      ROLLCALL: '1',
      ADDTIME: '1611988486336',
      ACCOUNT: 'zhangsan',
      ACCOUNT_ID: 'uuid-1',
      THIRDACCOUNT: 'third-1',
      CLIENT_LOGIN_TYPE: 'Desktop',
      LOCKED_VIEW: '0',
      M: '12',
    });
    expect(view).toEqual({
      participantId: 'p1',
      name: '张三',
      number: '+8657100',
      role: 'host',
      coHost: true,
      state: 'inMeeting',
      muted: true,
      handUp: true,
      video: true,
      cameraOn: true,
      sharing: true,
      broadcast: true,
      rollCall: true,
      joinedAt: 1611988486336,
      account: 'zhangsan',
      userUUID: 'uuid-1',
      thirdAccount: 'third-1',
      clientType: 'Desktop',
      extra: { LOCKED_VIEW: '0', M: '12' },
    });
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.isFrozen(view.extra)).toBe(true);
  });

  it('reads "0" flags as false and the defaults of absent keys', () => {
    const off = participantView('p2', {
      IS_COHOST: '0',
      MUTE: '0',
      HAND: '0',
      VIDEO: '0',
      CAMERASTATE: '0',
      SHARE: '0',
      BROADCAST: '0',
      ROLLCALL: '0',
    });
    expect(off).toMatchObject({
      coHost: false,
      muted: false,
      handUp: false,
      video: false,
      cameraOn: false,
      sharing: false,
      broadcast: false,
      rollCall: false,
    });
    const bare = participantView('p3', {});
    expect(bare).toEqual({
      participantId: 'p3',
      name: undefined,
      number: undefined,
      role: 'guest',
      coHost: false,
      state: 'inMeeting',
      muted: false,
      handUp: false,
      video: undefined,
      cameraOn: undefined,
      sharing: false,
      broadcast: false,
      rollCall: false,
      joinedAt: undefined,
      account: undefined,
      userUUID: undefined,
      thirdAccount: undefined,
      clientType: undefined,
      extra: {},
    });
  });

  it('maps every ROLE, STATE and CLIENT_LOGIN_TYPE value, and the misspelt key of the doc table', () => {
    expect(['0', '1', '2'].map((ROLE) => participantView('p', { ROLE }).role)).toEqual([
      'guest',
      'host',
      'audience',
    ]);
    expect(['0', '1', '2'].map((STATE) => participantView('p', { STATE }).state)).toEqual([
      'inMeeting',
      'calling',
      'joining',
    ]);
    for (const type of ['Desktop', 'Mobile', 'Pad', 'OtherType']) {
      expect(participantView('p', { CLIENT_LOGIN_TYPE: type }).clientType).toBe(type);
      const typo = participantView('p', { CLICENT_LOGIN_TYPE: type });
      expect(typo.clientType).toBe(type);
      expect(typo.extra).toEqual({});
    }
  });

  it('keeps unpublished values of known keys in extra and falls back to the default', () => {
    const view = participantView('p', {
      ROLE: '7',
      STATE: '9',
      MUTE: 'yes',
      VIDEO: '2',
      ADDTIME: 'soon',
      CLIENT_LOGIN_TYPE: 'Watch',
      CLICENT_LOGIN_TYPE: 'Tv',
    });
    expect(view).toMatchObject({
      role: 'guest',
      state: 'inMeeting',
      muted: false,
      video: undefined,
      joinedAt: undefined,
      clientType: undefined,
    });
    expect(view.extra).toEqual({
      ROLE: '7',
      STATE: '9',
      MUTE: 'yes',
      VIDEO: '2',
      ADDTIME: 'soon',
      CLIENT_LOGIN_TYPE: 'Watch',
      CLICENT_LOGIN_TYPE: 'Tv',
    });
  });

  it('keeps a key named __proto__ as plain data', () => {
    const map = JSON.parse('{"__proto__":"1","NAME":"A"}') as Record<string, string>;
    const view = participantView('p', map);
    expect(Object.keys(view.extra)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(view.extra)).toBe(Object.prototype);
    const status = meetingStatusView(JSON.parse('{"__proto__":{"polluted":true},"lock":1}'));
    expect(Object.keys(status.extra)).toEqual(['__proto__']);
    expect((status.extra as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('uses the field names of the client REST view for the fields they share', () => {
    const [rest] = onlineParticipantsFrom({
      attendees: [],
      participants: [{ pid: 'p1', name: 'A', phone: '1', state: 0, video: 1, mute: 1, hand: 0 }],
      confInfo: { chairID: 'p1', coHosts: [] },
    });
    const push = participantView('p1', { NAME: 'A', TEL: '1', ROLE: '1', VIDEO: '1', MUTE: '1', HAND: '0' });
    const restKeys = Object.keys(rest ?? {});
    expect(restKeys.length).toBeGreaterThan(5);
    for (const key of restKeys) expect(push).toHaveProperty(key);
    const shared = ['participantId', 'name', 'number', 'role', 'coHost', 'muted', 'handUp', 'video'] as const;
    for (const key of shared) expect(push[key]).toEqual(rest?.[key]);
  });
});

describe('waitingEntryView', () => {
  it('maps the waiting-list keys (B.5.9)', () => {
    const view = waitingEntryView('w1', {
      NAME: 'Guest',
      TEL: '+1',
      ADDTIME: '1700000000000',
      ANONYMOUS: '1',
      CLIENT_LOGIN_TYPE: 'Mobile',
      ORG_ID: 'org',
      ACCOUNT_ID: 'uuid',
      ACCOUNT: 'acc',
      THIRDACCOUNT: 'third',
      WAITINGSTATE: '1',
      OTHER: 'x',
    });
    expect(view).toEqual({
      participantId: 'w1',
      name: 'Guest',
      number: '+1',
      state: 'admitted',
      anonymous: true,
      joinedAt: 1700000000000,
      account: 'acc',
      userUUID: 'uuid',
      thirdAccount: 'third',
      orgId: 'org',
      clientType: 'Mobile',
      extra: { OTHER: 'x' },
    });
    expect(waitingEntryView('w2', { WAITINGSTATE: '0', ANONYMOUS: '0' })).toMatchObject({
      state: 'waiting',
      anonymous: false,
    });
    expect(waitingEntryView('w3', {}).state).toBe('waiting');
  });
});

describe('meetingStatusView', () => {
  it('maps every status field (B.5.2) and keeps the rest in extra', () => {
    const view = meetingStatusView({
      state: 'Created',
      endTime: '1700000000000',
      mode: 'ROLLCALL',
      vas: 1,
      lock: 1,
      mute: 1,
      lockSharing: 1,
      canUnmute: 0,
      chairView: 1,
      recState: 1,
      recOccurred: 1,
      forbiddenChat: 1,
      realTimeSubtitle: 2,
      picNum: 16,
      partViewNum: 2,
      maxPartViewNum: 4,
      multiPic: { picNum: 1, picInfos: [{ index: 0, id: ['p1'] }] },
      confIMGroupId: 'g1',
      waitingRoomState: 1,
      lanChannels: ['zh'],
    });
    expect(view).toEqual({
      state: 'inProgress',
      endTime: 1700000000000,
      mode: 'ROLLCALL',
      voiceActivated: true,
      locked: true,
      muteAll: true,
      lockSharing: true,
      canUnmute: false,
      chairView: true,
      recording: true,
      recordedBefore: true,
      chatForbidden: true,
      subtitles: true,
      picNum: 16,
      partViewNum: 2,
      maxPartViewNum: 4,
      multiPic: { picNum: 1, picInfos: [{ index: 0, id: ['p1'] }] },
      chatGroupId: 'g1',
      extra: { waitingRoomState: 1, lanChannels: ['zh'] },
    });
    expect(Object.isFrozen(view.multiPic?.picInfos)).toBe(true);
  });

  it('maps every state and mode, and keeps unpublished ones in extra', () => {
    expect(['Schedule', 'Created', 'Destroyed'].map((state) => meetingStatusView({ state }).state)).toEqual([
      'scheduled',
      'inProgress',
      'ended',
    ]);
    for (const mode of ['FREE', 'FIXED', 'ROLLCALL', 'BROADCAST']) {
      expect(meetingStatusView({ mode }).mode).toBe(mode);
    }
    const odd = meetingStatusView({ state: 'Paused', mode: 'GRID', endTime: 'later', lock: 0 });
    expect(odd).toMatchObject({ state: undefined, mode: undefined, endTime: undefined, locked: false });
    expect(odd.extra).toEqual({ state: 'Paused', mode: 'GRID', endTime: 'later' });
  });

  it('maps the in-meeting settings the status carries (A.4.11 names)', () => {
    const view = meetingStatusView({
      callInRestriction: 3,
      audienceCallInRestriction: 2,
      clientRecMode: 1,
      chatPermission: 2,
      allowOpenCamera: 0,
      allowRename: 1,
      freeShare: 1,
      liveState: 1,
    });
    expect(view).toMatchObject({
      callInRestriction: 3,
      audienceCallInRestriction: 2,
      clientRecMode: 1,
      chatPermission: 2,
      allowOpenCamera: false,
      allowRename: true,
      freeShare: true,
      liveStreaming: true,
    });
    expect(view.extra).toEqual({});
  });

  it('leaves what was never sent unknown', () => {
    const view = meetingStatusView({});
    expect(view.locked).toBeUndefined();
    expect(view.canUnmute).toBeUndefined();
    expect(view.state).toBeUndefined();
  });
});

describe('other views', () => {
  it('folds orgID into orgId and drops mode from attendees', () => {
    const view = attendeeView('u1', { userUUID: 'u1', mode: 0, orgID: 'org', name: 'A', role: 1 });
    expect(view).toEqual({ userUUID: 'u1', name: 'A', role: 1, orgId: 'org', key: 'u1' });
    expect(attendeeView('u2', { orgId: 'a', orgID: 'b' }).orgId).toBe('a');
  });

  it('maps speakers, invite results and captions', () => {
    expect(speakerViews([{ pid: 'p1', speakingVolume: 45, name: 'A' }])).toEqual([
      { participantId: 'p1', name: 'A', speakingVolume: 45 },
    ]);
    expect(
      inviteResultViews([
        { callNumber: '+1', resultCode: '0' },
        { callNumber: '+2', resultCode: '11076010' },
        { callNumber: '+3', resultCode: 'toString' },
        { callNumber: '+4', resultCode: undefined },
      ]),
    ).toEqual([
      { callNumber: '+1', resultCode: '0', ok: true, reason: undefined },
      { callNumber: '+2', resultCode: '11076010', ok: false, reason: 'the participant hung up or left' },
      { callNumber: '+3', resultCode: 'toString', ok: false, reason: undefined },
      { callNumber: '+4', resultCode: undefined, ok: false, reason: undefined },
    ]);
    expect(
      subtitleView({
        msgs: [{ subtitleLang: 'Original', translateText: 'hi', id: '1' }],
        isFinal: true,
        timestamp: 5,
        participantID: 'p1',
      }),
    ).toEqual({
      participantId: 'p1',
      isFinal: true,
      timestamp: 5,
      beginTime: undefined,
      endTime: undefined,
      msgs: [{ subtitleLang: 'Original', translateText: 'hi', id: '1' }],
    });
    expect(subtitleView(undefined)).toMatchObject({ isFinal: false, msgs: [] });
  });
});
