import { describe, expect, it } from 'vitest';
import { type PushMessage, parseServerFrame } from '../frames/index.js';
import { type ApplyResult, MeetingStateReducer, type StateChange } from './reducer.js';

const CONF = '900487914';
const FULL_VERSION = 1611993595058;

/** A pushed frame as the server sends it, parsed by the public parser. */
function frame(action: string, msgMode: 0 | 1, version: number | undefined, body: object = {}): PushMessage {
  const parsed = parseServerFrame(
    JSON.stringify({ action, msgMode, version, confID: CONF, msgID: 'a'.repeat(32), createTime: 1, ...body }),
  );
  if (!parsed.ok || parsed.frame.kind !== 'message')
    throw new Error(`bad test frame: ${JSON.stringify(parsed)}`);
  return parsed.frame.message;
}
const full = (action: string, body: object = {}, version = FULL_VERSION) => frame(action, 0, version, body);
const inc = (action: string, version: number | undefined, body: object = {}) =>
  frame(action, 1, version, body);
const entry = (pid: string, pinfoMap: Record<string, string> = {}, mode = 0) => ({ pid, mode, pinfoMap });

function changes(result: ApplyResult): readonly StateChange[] {
  if (result.kind !== 'applied') throw new Error(`not applied: ${JSON.stringify(result)}`);
  return result.changes;
}

/** A reducer that has seen the full frame of participants with two people. */
function withParticipants(): MeetingStateReducer {
  const reducer = new MeetingStateReducer(CONF);
  reducer.apply(
    full('ParticipantsNotify', {
      data: [
        entry('p1', { NAME: 'Ann', ROLE: '1', MUTE: '0', HAND: '0' }),
        entry('p2', { NAME: 'Bob', ROLE: '0', MUTE: '1' }),
      ],
    }),
  );
  return reducer;
}

describe('MeetingStateReducer: message types', () => {
  it('ConfBasicInfoNotify replaces basic info, without the passwords', () => {
    const reducer = new MeetingStateReducer(CONF);
    const result = reducer.apply(
      full('ConfBasicInfoNotify', {
        title: 'Weekly',
        displayID: '123',
        pwds: [{ role: 'chair', pwd: '123456' }],
        confMode: 'RTC',
        orgID: 'org-1',
      }),
    );
    expect(changes(result)).toEqual([
      {
        kind: 'replace',
        view: 'basic',
        value: { title: 'Weekly', displayID: '123', confMode: 'RTC', orgID: 'org-1' },
        fields: ['displayID', 'title', 'confMode', 'orgID'],
      },
    ]);
    expect(reducer.snapshot().basic).toEqual({
      title: 'Weekly',
      displayID: '123',
      confMode: 'RTC',
      orgID: 'org-1',
    });
    expect(JSON.stringify(reducer.snapshot())).not.toContain('123456');
    reducer.apply(full('ConfBasicInfoNotify', { title: 'Renamed' }, FULL_VERSION + 1));
    expect(reducer.snapshot().basic).toEqual({ title: 'Renamed' });
  });

  it('ConfDynamicInfoNotify: a full frame sets the status, increments merge the fields they carry', () => {
    const reducer = new MeetingStateReducer(CONF);
    reducer.apply(
      full('ConfDynamicInfoNotify', { state: 'Created', lock: 0, mute: 0, recState: 0, mode: 'FREE' }),
    );
    expect(reducer.snapshot().status).toMatchObject({ state: 'inProgress', locked: false, recording: false });
    const locked = reducer.apply(inc('ConfDynamicInfoNotify', 1, { lock: 1 }));
    expect(changes(locked)).toMatchObject([{ kind: 'replace', view: 'status', fields: ['locked'] }]);
    expect(reducer.snapshot().status).toMatchObject({
      state: 'inProgress',
      locked: true,
      muteAll: false,
      mode: 'FREE',
    });
    expect(changes(reducer.apply(inc('ConfDynamicInfoNotify', 2, { lock: 1 })))).toEqual([]);
    reducer.apply(inc('ConfDynamicInfoNotify', 3, { state: 'Destroyed', recState: 1 }));
    expect(reducer.snapshot().status).toMatchObject({ state: 'ended', recording: true, locked: true });
    reducer.apply(full('ConfDynamicInfoNotify', { state: 'Created' }, FULL_VERSION + 9));
    expect(reducer.snapshot().status.locked).toBeUndefined();
  });

  it('ParticipantsNotify: a full frame resets the list in order', () => {
    const reducer = withParticipants();
    const snapshot = reducer.snapshot();
    expect(snapshot.participants.map((p) => [p.participantId, p.name, p.role, p.muted])).toEqual([
      ['p1', 'Ann', 'host', false],
      ['p2', 'Bob', 'guest', true],
    ]);
    const reset = reducer.apply(
      full('ParticipantsNotify', { data: [entry('p3', { NAME: 'Cy' })] }, FULL_VERSION + 1),
    );
    expect(changes(reset)).toMatchObject([
      { kind: 'reset', view: 'participants', items: [{ participantId: 'p3' }] },
    ]);
    expect(reducer.snapshot().participants.map((p) => p.participantId)).toEqual(['p3']);
  });

  it('ParticipantsNotify increments merge pinfoMap key by key', () => {
    const reducer = withParticipants();
    const result = reducer.apply(
      inc('ParticipantsNotify', 1, { data: [entry('p1', { MUTE: '1', HAND: '1' })] }),
    );
    expect(changes(result)).toMatchObject([
      {
        kind: 'upsert',
        view: 'participants',
        key: 'p1',
        added: false,
        fields: ['muted', 'handUp'],
        item: { participantId: 'p1', name: 'Ann', role: 'host', muted: true, handUp: true },
      },
    ]);
    expect(reducer.participant('p1')).toMatchObject({ name: 'Ann', role: 'host', muted: true, handUp: true });
    reducer.apply(inc('ParticipantsNotify', 2, { data: [entry('p1', { NAME: 'Anne', CUSTOM: 'v' })] }));
    expect(reducer.participant('p1')).toMatchObject({ name: 'Anne', muted: true, extra: { CUSTOM: 'v' } });
  });

  it('ParticipantsNotify increments add and remove (mode 1) participants', () => {
    const reducer = withParticipants();
    const added = reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p3', { NAME: 'Cy' })] }));
    expect(changes(added)).toMatchObject([{ kind: 'upsert', key: 'p3', added: true }]);
    const removed = reducer.apply(
      inc('ParticipantsNotify', 2, { data: [entry('p1', {}, 1), entry('ghost', {}, 1)] }),
    );
    expect(changes(removed)).toEqual([{ kind: 'remove', view: 'participants', key: 'p1' }]);
    expect(reducer.snapshot().participants.map((p) => p.participantId)).toEqual(['p2', 'p3']);
    const same = reducer.apply(inc('ParticipantsNotify', 3, { data: [entry('p2', { MUTE: '1' })] }));
    expect(changes(same)).toEqual([]);
  });

  it('AttendeesNotify keys invitees by participantID, else userUUID, else phone', () => {
    const reducer = new MeetingStateReducer(CONF);
    reducer.apply(
      full('AttendeesNotify', {
        data: [
          { participantID: 'pa', userUUID: 'ua', name: 'A', role: 1 },
          { userUUID: 'ub', name: 'B', orgID: 'org' },
          { phone: '+3', name: 'C' },
          { name: 'no key' },
        ],
      }),
    );
    expect(reducer.snapshot().attendees.map((a) => a.key)).toEqual(['pa', 'ub', '+3']);
    expect(reducer.snapshot().attendees[1]).toEqual({ key: 'ub', userUUID: 'ub', name: 'B', orgId: 'org' });
    const result = reducer.apply(
      inc('AttendeesNotify', 1, {
        data: [
          { userUUID: 'ub', isMute: 1 },
          { phone: '+3', mode: 1 },
          { phone: '+4', name: 'D' },
        ],
      }),
    );
    expect(changes(result)).toMatchObject([
      { kind: 'upsert', view: 'attendees', key: 'ub', added: false, fields: ['isMute'] },
      { kind: 'remove', view: 'attendees', key: '+3' },
      { kind: 'upsert', view: 'attendees', key: '+4', added: true },
    ]);
    expect(reducer.snapshot().attendees).toEqual([
      { key: 'pa', participantID: 'pa', userUUID: 'ua', name: 'A', role: 1 },
      { key: 'ub', userUUID: 'ub', name: 'B', orgId: 'org', isMute: 1 },
      { key: '+4', phone: '+4', name: 'D' },
    ]);
  });

  it('SpeakerChangeNotify replaces the speakers every time; no data is silence', () => {
    const reducer = new MeetingStateReducer(CONF);
    reducer.apply(full('SpeakerChangeNotify', { data: [{ pid: 'p1', speakingVolume: 45, name: 'Ann' }] }));
    expect(reducer.snapshot().speakers).toEqual([{ participantId: 'p1', name: 'Ann', speakingVolume: 45 }]);
    const silent = reducer.apply(full('SpeakerChangeNotify', {}, FULL_VERSION + 1));
    expect(changes(silent)).toEqual([{ kind: 'replace', view: 'speakers', value: [], fields: [] }]);
    expect(reducer.snapshot().speakers).toEqual([]);
  });

  it('NetConditionNotify: full list, then upserts and removals by participantID', () => {
    const reducer = new MeetingStateReducer(CONF);
    reducer.apply(
      full('NetConditionNotify', {
        data: [
          { participantID: 'p1', mode: 0, netInfo: 'good', delay: '10' },
          { participantID: 'p2', mode: 0, netInfo: 'bad' },
        ],
      }),
    );
    reducer.apply(
      inc('NetConditionNotify', 1, {
        data: [
          { participantID: 'p1', mode: 0, netInfo: 'poor' },
          { participantID: 'p2', mode: 1 },
        ],
      }),
    );
    expect(reducer.snapshot().netConditions).toEqual([{ participantID: 'p1', netInfo: 'poor', delay: '10' }]);
  });

  it('WaitingListNotify: keyed by pid, merged key by key, removed by mode 1', () => {
    const reducer = new MeetingStateReducer(CONF);
    reducer.apply(full('WaitingListNotify', { data: [entry('w1', { NAME: 'Guest', WAITINGSTATE: '0' })] }));
    reducer.apply(
      inc('WaitingListNotify', 1, {
        data: [entry('w1', { WAITINGSTATE: '1' }), entry('w2', { NAME: 'Two' })],
      }),
    );
    expect(reducer.snapshot().waitingList).toMatchObject([
      { participantId: 'w1', name: 'Guest', state: 'admitted' },
      { participantId: 'w2', name: 'Two', state: 'waiting' },
    ]);
    reducer.apply(inc('WaitingListNotify', 2, { data: [entry('w1', {}, 1)] }));
    expect(reducer.snapshot().waitingList.map((w) => w.participantId)).toEqual(['w2']);
  });

  it('InterpreterGroupNotify replaces the groups', () => {
    const reducer = new MeetingStateReducer(CONF);
    const groups = [
      { groupId: 'g1', firstLanguage: 'zh', secondLanguage: 'en', interpreters: [{ name: 'I' }] },
    ];
    reducer.apply(full('InterpreterGroupNotify', { data: groups }));
    expect(reducer.snapshot().interpreterGroups).toEqual(groups);
    reducer.apply(full('InterpreterGroupNotify', { data: [] }, FULL_VERSION + 1));
    expect(reducer.snapshot().interpreterGroups).toEqual([]);
  });

  it('InviteResultNotify and RealTimeSubtitleNotify come out as events and are not accumulated', () => {
    const reducer = new MeetingStateReducer(CONF);
    const before = reducer.snapshot();
    const invite = reducer.apply(
      full('InviteResultNotify', {
        data: [
          { callNumber: '+1', resultCode: '0' },
          { callNumber: '+2', errorCode: '11076002' },
        ],
      }),
    );
    expect(invite).toEqual({
      kind: 'event',
      event: {
        kind: 'inviteResult',
        at: 1,
        results: [
          { callNumber: '+1', resultCode: '0', ok: true, reason: undefined },
          { callNumber: '+2', resultCode: '11076002', ok: false, reason: 'hung up by the host' },
        ],
      },
    });
    const caption = reducer.apply(
      full('RealTimeSubtitleNotify', {
        data: { msgs: [{ subtitleLang: 'Original', translateText: 'hello', id: '1' }], isFinal: true },
      }),
    );
    expect(caption).toMatchObject({
      kind: 'event',
      event: { kind: 'subtitle', subtitle: { isFinal: true, msgs: [{ translateText: 'hello' }] } },
    });
    expect(reducer.snapshot()).toBe(before);
    expect(reducer.stats.events).toBe(2);
  });

  it('ignores frames of another meeting', () => {
    const reducer = new MeetingStateReducer('other');
    expect(reducer.apply(full('ParticipantsNotify', { data: [entry('p1')] }))).toEqual({
      kind: 'ignored',
      confID: CONF,
    });
    expect(reducer.snapshot().participants).toEqual([]);
    expect(reducer.stats.ignored).toBe(1);
  });
});

describe('MeetingStateReducer: versioning', () => {
  it('applies increments numbered 1, 2, 3 after a full frame', () => {
    const reducer = withParticipants();
    for (const version of [1, 2, 3]) {
      const result = reducer.apply(
        inc('ParticipantsNotify', version, { data: [entry('p1', { HAND: `${version % 2}` })] }),
      );
      expect(result).toMatchObject({ kind: 'applied', full: false, version });
    }
    expect(reducer.snapshot().sync.ParticipantsNotify).toEqual({
      state: 'synced',
      fullVersion: FULL_VERSION,
      lastSeq: 3,
    });
  });

  it('drops duplicates and stale increments without touching the state', () => {
    const reducer = withParticipants();
    reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p1', { MUTE: '1' })] }));
    reducer.apply(inc('ParticipantsNotify', 2, { data: [entry('p1', { HAND: '1' })] }));
    const before = reducer.snapshot();
    expect(reducer.apply(inc('ParticipantsNotify', 2, { data: [entry('p1', { NAME: 'dup' })] }))).toEqual({
      kind: 'duplicate',
      type: 'ParticipantsNotify',
      version: 2,
      lastSeq: 2,
      stale: false,
    });
    expect(reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p1', {}, 1)] }))).toMatchObject({
      kind: 'duplicate',
      stale: true,
    });
    expect(reducer.apply(inc('ParticipantsNotify', 0, { data: [] }))).toMatchObject({ kind: 'duplicate' });
    expect(reducer.snapshot()).toBe(before);
    expect(reducer.stats.duplicates).toBe(3);
    expect(reducer.apply(inc('ParticipantsNotify', 3, { data: [] }))).toMatchObject({ kind: 'applied' });
  });

  it('reports a gap once, then refuses increments of that type until its next full frame', () => {
    const reducer = withParticipants();
    reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p1', { MUTE: '1' })] }));
    expect(reducer.apply(inc('ParticipantsNotify', 3, { data: [entry('p1', { HAND: '1' })] }))).toEqual({
      kind: 'resync',
      type: 'ParticipantsNotify',
      reason: 'gap',
      expected: 2,
      received: 3,
    });
    expect(reducer.apply(inc('ParticipantsNotify', 2, { data: [entry('p1', { HAND: '1' })] }))).toEqual({
      kind: 'refused',
      type: 'ParticipantsNotify',
      received: 2,
    });
    expect(reducer.participant('p1')?.handUp).toBe(false);
    expect(reducer.snapshot().resyncNeeded).toBe(true);
    expect(reducer.snapshot().sync.ParticipantsNotify.state).toBe('resync-needed');
    expect(reducer.resyncNeeded).toEqual(['ParticipantsNotify']);
    // Other types go on.
    reducer.apply(full('ConfDynamicInfoNotify', { lock: 0 }));
    expect(reducer.apply(inc('ConfDynamicInfoNotify', 1, { lock: 1 }))).toMatchObject({ kind: 'applied' });
    // A fresh full frame recovers, and its increments count from 1 again.
    const recovered = reducer.apply(
      full('ParticipantsNotify', { data: [entry('p1', { NAME: 'Ann', HAND: '1' })] }, FULL_VERSION + 5),
    );
    expect(recovered).toMatchObject({ kind: 'applied', full: true });
    expect(reducer.snapshot().resyncNeeded).toBe(false);
    expect(reducer.snapshot().participants).toMatchObject([
      { participantId: 'p1', handUp: true, muted: false },
    ]);
    expect(
      reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p2', { NAME: 'Bob' })] })),
    ).toMatchObject({
      kind: 'applied',
    });
    expect(reducer.stats).toMatchObject({ resyncs: 1, refused: 1 });
  });

  it('wants the first increment after a full frame to be 1', () => {
    const reducer = withParticipants();
    expect(reducer.apply(inc('ParticipantsNotify', 2, { data: [] }))).toMatchObject({
      kind: 'resync',
      reason: 'gap',
      expected: 1,
      received: 2,
    });
  });

  it('a full frame restarts the numbering of its type', () => {
    const reducer = withParticipants();
    for (const version of [1, 2, 3]) reducer.apply(inc('ParticipantsNotify', version, { data: [] }));
    reducer.apply(full('ParticipantsNotify', { data: [] }, FULL_VERSION + 1));
    expect(reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p9')] }))).toMatchObject({
      kind: 'applied',
    });
    expect(reducer.snapshot().sync.ParticipantsNotify).toMatchObject({
      lastSeq: 1,
      fullVersion: FULL_VERSION + 1,
    });
  });

  it('asks for a resync on increments before any full frame of their type, or without a number', () => {
    const reducer = new MeetingStateReducer(CONF);
    expect(reducer.apply(inc('WaitingListNotify', 1, { data: [entry('w1')] }))).toEqual({
      kind: 'resync',
      type: 'WaitingListNotify',
      reason: 'no-full-frame',
      expected: undefined,
      received: 1,
    });
    expect(reducer.snapshot().waitingList).toEqual([]);
    expect(reducer.apply(inc('WaitingListNotify', 2, { data: [entry('w1')] }))).toMatchObject({
      kind: 'refused',
    });
    reducer.apply(full('AttendeesNotify', { data: [] }));
    expect(reducer.apply(inc('AttendeesNotify', undefined, { data: [] }))).toEqual({
      kind: 'resync',
      type: 'AttendeesNotify',
      reason: 'no-version',
      expected: 1,
      received: undefined,
    });
    expect(reducer.snapshot().sync.AttendeesNotify.state).toBe('resync-needed');
  });

  it('treats replace-only types the same way when they arrive as increments', () => {
    const reducer = new MeetingStateReducer(CONF);
    expect(
      reducer.apply(inc('SpeakerChangeNotify', 1, { data: [{ pid: 'p1', speakingVolume: 3 }] })),
    ).toMatchObject({
      kind: 'resync',
      reason: 'no-full-frame',
    });
    reducer.apply(full('SpeakerChangeNotify', { data: [] }));
    reducer.apply(inc('SpeakerChangeNotify', 1, { data: [{ pid: 'p1', speakingVolume: 3 }] }));
    expect(reducer.snapshot().speakers).toEqual([
      { participantId: 'p1', name: undefined, speakingVolume: 3 },
    ]);
    reducer.apply(full('ConfBasicInfoNotify', { title: 'T', owner: 'O' }));
    reducer.apply(inc('ConfBasicInfoNotify', 1, { title: 'U' }));
    expect(reducer.snapshot().basic).toEqual({ title: 'U', owner: 'O' });
  });

  it('reset() forgets the numbering, keeping the views until full frames replace them', () => {
    const reducer = withParticipants();
    reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p1', { MUTE: '1' })] }));
    reducer.reset();
    const kept = reducer.snapshot();
    expect(kept.participants).toHaveLength(2);
    expect(kept.sync.ParticipantsNotify).toEqual({
      state: 'awaiting-full-frame',
      fullVersion: undefined,
      lastSeq: 0,
    });
    expect(reducer.apply(inc('ParticipantsNotify', 2, { data: [] }))).toMatchObject({
      kind: 'resync',
      reason: 'no-full-frame',
    });
    reducer.apply(full('ParticipantsNotify', { data: [entry('p2', { NAME: 'Bob' })] }));
    expect(reducer.snapshot().participants.map((p) => p.participantId)).toEqual(['p2']);
    expect(reducer.snapshot().resyncNeeded).toBe(false);

    reducer.apply(full('ConfDynamicInfoNotify', { lock: 1 }));
    reducer.reset({ keepData: false });
    const cleared = reducer.snapshot();
    expect(cleared.participants).toEqual([]);
    expect(cleared.status.locked).toBeUndefined();
    expect(cleared.basic).toBeUndefined();
  });
});

describe('MeetingStateReducer: snapshot', () => {
  it('is deeply frozen, JSON- and structuredClone-safe, and unaffected by later changes', () => {
    const reducer = withParticipants();
    reducer.apply(
      full('ConfDynamicInfoNotify', { state: 'Created', multiPic: { picInfos: [{ index: 0 }] } }),
    );
    reducer.apply(full('AttendeesNotify', { data: [{ userUUID: 'u1', name: 'A' }] }));
    const snapshot = reducer.snapshot();
    expect(Object.isFrozen(snapshot)).toBe(true);
    expect(Object.isFrozen(snapshot.participants)).toBe(true);
    expect(Object.isFrozen(snapshot.participants[0])).toBe(true);
    expect(Object.isFrozen(snapshot.status.multiPic?.picInfos?.[0])).toBe(true);
    expect(Object.isFrozen(snapshot.sync.ParticipantsNotify)).toBe(true);
    expect(() => {
      (snapshot.participants as unknown as unknown[]).push({});
    }).toThrow(TypeError);
    expect(() => {
      (snapshot.participants[0] as { muted: boolean }).muted = true;
    }).toThrow(TypeError);
    expect(structuredClone(snapshot)).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(reducer.snapshot()).toBe(snapshot);

    reducer.apply(inc('ParticipantsNotify', 1, { data: [entry('p2', {}, 1)] }));
    expect(snapshot.participants).toHaveLength(2);
    expect(reducer.snapshot().participants).toHaveLength(1);
    expect(reducer.snapshot().participants[0]).toBe(snapshot.participants[0]);
  });

  it('does not share state with the messages it was given', () => {
    const reducer = new MeetingStateReducer(CONF);
    const message = full('AttendeesNotify', { data: [{ userUUID: 'u1', name: 'A', extra: { deep: 1 } }] });
    reducer.apply(message);
    if (message.action !== 'AttendeesNotify') throw new Error('unexpected');
    const first = message.data[0] as Record<string, unknown>;
    first.name = 'changed';
    (first.extra as Record<string, unknown>).deep = 2;
    expect(Object.isFrozen(first)).toBe(false);
    expect(reducer.snapshot().attendees[0]).toMatchObject({ name: 'A', extra: { deep: 1 } });
  });
});
