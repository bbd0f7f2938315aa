import { parseServerFrame, SUBSCRIBE_TYPES } from '@hwmeeting/events/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import {
  controlAccess,
  controlCall,
  createRunningMeeting,
  type Frame,
  join,
  PushTestClient,
  pushURL,
  subscribedClient,
  subscribeFrame,
  type TestMeeting,
  webSocketToken,
} from '../testing/pushClient.js';
import { rawCall } from '../testing/rawHttp.js';
import { SUBSCRIBE_AUTH_FAILED } from './connection.js';

const ANSWER_DELAY_MS = 30;
const ALL_TYPES = [...SUBSCRIBE_TYPES];
/** Types the state of a running meeting always has a full frame for. */
const STATEFUL_TYPES = SUBSCRIBE_TYPES.filter(
  (t) => t !== 'InviteResultNotify' && t !== 'RealTimeSubtitleNotify',
);
const PINFO_KEYS = [
  'NAME',
  'TEL',
  'ROLE',
  'STATE',
  'MUTE',
  'HAND',
  'VIDEO',
  'CAMERASTATE',
  'SHARE',
  'BROADCAST',
  'ROLLCALL',
  'ADDTIME',
  'IS_COHOST',
  'ACCOUNT',
  'ACCOUNT_ID',
  'THIRDACCOUNT',
  'CLIENT_LOGIN_TYPE',
  'ALLOW_CLIENT_REC',
];

let sim: Simulator;
const clients: PushTestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: ANSWER_DELAY_MS });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await sim.close();
});

/** A running meeting with alice as host and bob as guest. */
async function room(extra: Record<string, unknown> = {}) {
  const meeting = await createRunningMeeting(sim, extra);
  const host = await join(sim, meeting.conferenceID, { userId: 'alice', role: 1 });
  const bob = await join(sim, meeting.conferenceID, { userId: 'bob' });
  return { meeting, id: meeting.conferenceID, host, bob };
}

async function subscribe(meeting: TestMeeting, types: readonly string[] = ALL_TYPES) {
  const subscribed = await subscribedClient(sim, meeting, types);
  clients.push(subscribed.client);
  return subscribed;
}

function expectParses(frame: Frame): void {
  const parsed = parseServerFrame(JSON.stringify(frame));
  expect(parsed.ok && parsed.frame.kind).toBe('message');
}

describe('Subscribe', () => {
  it('answers SUCCESS, then one full frame per subscribed type the state can produce', async () => {
    const { meeting, id, host, bob } = await room();
    const before = sim.store.clock.now();
    const { client } = await subscribe(meeting);
    for (const type of STATEFUL_TYPES) {
      const frame = await client.takeAction(type);
      expect(frame).toMatchObject({ action: type, msgMode: 0, confID: id });
      expect(frame.version).toBeGreaterThanOrEqual(before);
      expect(frame.createTime).toBe(frame.version);
      expect(frame.msgID).toMatch(/^[0-9a-f]{32}$/);
      expectParses(frame);
    }
    // The Subscribe answer came first, the full frames right after it.
    expect(client.frames[0]).toEqual({
      action: 'Subscribe',
      sequence: expect.any(String),
      data: { returnCode: 0, returnDesc: 'SUCCESS' },
    });
    expect(client.frames.slice(1).map((f: Frame) => f.action)).toEqual(STATEFUL_TYPES);

    const participants = client.all('ParticipantsNotify')[0];
    const alice = participants.data.find((e: Frame) => e.pid === host);
    expect(Object.keys(alice.pinfoMap).sort()).toEqual([...PINFO_KEYS].sort());
    expect(alice).toMatchObject({ mode: 0, pinfoMap: { ROLE: '1', STATE: '0', THIRDACCOUNT: 'alice' } });
    for (const value of Object.values(alice.pinfoMap)) expect(typeof value).toBe('string');
    expect(participants.data.map((e: Frame) => e.pid).sort()).toEqual([host, bob].sort());

    const basic = client.all('ConfBasicInfoNotify')[0];
    expect(basic).toMatchObject({ displayID: id, title: 'Push test', confMode: 'RTC' });
    expect(basic.pwds).toEqual([
      { role: 'chair', pwd: meeting.chairPassword },
      { role: 'general', pwd: meeting.guestPassword },
    ]);
    expect(client.all('ConfDynamicInfoNotify')[0]).toMatchObject({ state: 'Created', lock: 0, mode: 'FREE' });
    expect(client.all('SpeakerChangeNotify')[0].data).toBeUndefined();
    expect(client.all('WaitingListNotify')[0].data).toEqual([]);
    expect(
      client
        .all('NetConditionNotify')[0]
        .data.map((e: Frame) => e.participantID)
        .sort(),
    ).toEqual([host, bob].sort());
  });

  it('gives a guest-token subscriber no host password', async () => {
    const { meeting, id } = await room();
    const access = await controlAccess(sim, id, meeting.guestPassword);
    const client = await PushTestClient.open(
      pushURL(access.wsURL, id, await webSocketToken(sim, id, access.token)),
    );
    clients.push(client);
    client.send(subscribeFrame(['ConfBasicInfoNotify'], access.token));
    const basic = await client.takeAction('ConfBasicInfoNotify');
    expect(basic.pwds).toEqual([{ role: 'general', pwd: meeting.guestPassword }]);
  });

  it('accepts data as an object and the raw control token; ignores unknown type names', async () => {
    const { meeting, id } = await room();
    const access = await controlAccess(sim, id, meeting.chairPassword);
    const client = await PushTestClient.open(
      pushURL(access.wsURL, id, await webSocketToken(sim, id, access.token)),
    );
    clients.push(client);
    client.send({
      action: 'Subscribe',
      sequence: '42',
      data: { subscribeType: ['NoSuchNotify', 'ConfDynamicInfoNotify'], confToken: access.token },
    });
    expect((await client.takeAction('Subscribe')).data).toEqual({ returnCode: 0, returnDesc: 'SUCCESS' });
    await client.takeAction('ConfDynamicInfoNotify', 0);
    // Proof that nothing else was sent in between: the next frame is the lock increment.
    expect(
      (await controlCall(sim, 'PUT', '/lock', access.token, { conferenceID: id }, { isLock: 1 })).status,
    ).toBe(200);
    const lock = await client.takeAction('ConfDynamicInfoNotify', 1);
    expect(lock).toMatchObject({ version: 1, lock: 1 });
    expect(client.frames.map((f: Frame) => f.action)).toEqual([
      'Subscribe',
      'ConfDynamicInfoNotify',
      'ConfDynamicInfoNotify',
    ]);
  });

  it.each([
    ['an unknown token', () => 'not-a-token'],
    ['a token of another meeting', (other: string) => other],
  ])('answers a failed Subscribe for %s, then closes with 1008', async (_, pick) => {
    const { meeting, id } = await room();
    const other = await createRunningMeeting(sim);
    const otherToken = (await controlAccess(sim, other.conferenceID, other.chairPassword)).token;
    const access = await controlAccess(sim, id, meeting.chairPassword);
    const client = await PushTestClient.open(
      pushURL(access.wsURL, id, await webSocketToken(sim, id, access.token)),
    );
    clients.push(client);
    client.send(subscribeFrame(['ParticipantsNotify'], pick(otherToken), '7'));
    const answer = await client.takeAction('Subscribe');
    expect(answer.data.returnCode).toBe(SUBSCRIBE_AUTH_FAILED);
    expect(answer.data.returnDesc).toEqual(expect.any(String));
    expect(await client.waitClosed()).toMatchObject({ code: 1008 });
    expect(client.all('ParticipantsNotify')).toEqual([]);
  });

  it('re-sends full frames on a second Subscribe and restarts the numbering', async () => {
    const { meeting, id, bob } = await room();
    const { client, access } = await subscribe(meeting, ['ParticipantsNotify']);
    await client.takeAction('ParticipantsNotify', 0);
    const mute = (isMute: number) =>
      controlCall(
        sim,
        'PUT',
        '/participants/mute',
        access.token,
        { conferenceID: id, participantID: bob },
        { isMute },
      );
    await mute(1);
    await mute(0);
    expect((await client.takeAction('ParticipantsNotify', 1)).version).toBe(1);
    expect((await client.takeAction('ParticipantsNotify', 1)).version).toBe(2);
    client.send(subscribeFrame(['ParticipantsNotify'], access.token, '2'));
    expect((await client.takeAction('Subscribe')).data.returnCode).toBe(0);
    const full = await client.takeAction('ParticipantsNotify', 0);
    expect(full.data.find((e: Frame) => e.pid === bob).pinfoMap.MUTE).toBe('0');
    await mute(1);
    expect(await client.takeAction('ParticipantsNotify', 1)).toMatchObject({
      version: 1,
      data: [{ pid: bob, mode: 0, pinfoMap: { MUTE: '1' } }],
    });
  });
});

describe('increments follow the REST side', () => {
  it('numbers increments 1, 2, 3 per type, with only the changed keys', async () => {
    const { meeting, id, bob } = await room();
    const { client, access } = await subscribe(meeting, ['ParticipantsNotify', 'ConfDynamicInfoNotify']);
    await client.takeAction('ParticipantsNotify', 0);
    await client.takeAction('ConfDynamicInfoNotify', 0);
    const call = (path: string, body: unknown, query: Record<string, string> = {}) =>
      controlCall(sim, 'PUT', path, access.token, { conferenceID: id, ...query }, body);
    expect((await call('/participants/mute', { isMute: 1 }, { participantID: bob })).status).toBe(200);
    expect((await call('/participants/hands', { handsState: 1 }, { participantID: bob })).status).toBe(200);
    expect((await call('/lock', { isLock: 1 })).status).toBe(200);
    expect((await call('/participants/mute', { isMute: 0 }, { participantID: bob })).status).toBe(200);
    expect((await call('/record', { isRecord: 1 })).status).toBe(200);

    const participants = [1, 2, 3].map(() => client.takeAction('ParticipantsNotify', 1));
    expect(await Promise.all(participants)).toMatchObject([
      { version: 1, data: [{ pid: bob, mode: 0, pinfoMap: { MUTE: '1' } }] },
      { version: 2, data: [{ pid: bob, mode: 0, pinfoMap: { HAND: '1' } }] },
      { version: 3, data: [{ pid: bob, mode: 0, pinfoMap: { MUTE: '0' } }] },
    ]);
    for (const frame of client.all('ParticipantsNotify').slice(1)) {
      expect(Object.keys(frame.data[0].pinfoMap)).toHaveLength(1);
      expectParses(frame);
    }
    const lock = await client.takeAction('ConfDynamicInfoNotify', 1);
    expect(lock).toMatchObject({ version: 1, lock: 1, confID: id });
    expect(lock.state).toBeUndefined();
    const record = await client.takeAction('ConfDynamicInfoNotify', 1);
    expect(record).toMatchObject({ version: 2, recState: 1, recOccurred: 1 });
  });

  it('streams joins and leaves, with leave reasons in InviteResultNotify', async () => {
    const { meeting, id, host } = await room();
    const { client, access } = await subscribe(meeting, [
      'ParticipantsNotify',
      'InviteResultNotify',
      'NetConditionNotify',
    ]);
    await client.takeAction('ParticipantsNotify', 0);
    const carol = await join(sim, id, { name: 'Carol', number: '+8613900000003', clientType: 'Mobile' });
    const joined = await client.takeAction('ParticipantsNotify', 1);
    expect(joined).toMatchObject({
      version: 1,
      data: [
        {
          pid: carol,
          mode: 0,
          pinfoMap: { NAME: 'Carol', TEL: '+8613900000003', CLIENT_LOGIN_TYPE: 'Mobile' },
        },
      ],
    });
    expect((await client.takeAction('NetConditionNotify', 1)).data).toMatchObject([
      { participantID: carol, mode: 0, netInfo: 'good' },
    ]);

    expect((await rawCall(sim, 'DELETE', `/__sim/meetings/${id}/participants/${carol}`)).status).toBe(200);
    expect(await client.takeAction('ParticipantsNotify', 1)).toMatchObject({
      version: 2,
      data: [{ pid: carol, mode: 1 }],
    });
    // Invite results are events outside the increment numbering (published-behaviour.md §5).
    const left = await client.takeAction('InviteResultNotify', 0);
    expect(left.version).toBe(left.createTime);
    expect(left.data).toEqual([
      { callNumber: '+8613900000003', errorCode: '11076010', resultCode: '11076010' },
    ]);
    expect((await client.takeAction('NetConditionNotify', 1)).data).toEqual([
      { participantID: carol, mode: 1 },
    ]);

    const dave = await join(sim, id, { name: 'Dave', number: '+8613900000004' });
    await client.takeAction('ParticipantsNotify', 1);
    const hangUp = await controlCall(
      sim,
      'POST',
      '/participants/delete',
      access.token,
      { conferenceID: id },
      { bulkHangUpParticipants: [dave] },
    );
    expect(hangUp.status).toBe(200);
    expect((await client.takeAction('InviteResultNotify', 0)).data).toEqual([
      { callNumber: '+8613900000004', errorCode: '11076002', resultCode: '11076002' },
    ]);
    expect(client.all('ParticipantsNotify').at(-1)?.data).toEqual([{ pid: dave, mode: 1 }]);
    expect(host).toBeTruthy();
  });

  it('shows an invite: being called, then answered with result "0"; the invitee list grows', async () => {
    const { meeting, id } = await room();
    const { client, access } = await subscribe(meeting, [
      'ParticipantsNotify',
      'InviteResultNotify',
      'AttendeesNotify',
    ]);
    await client.takeAction('ParticipantsNotify', 0);
    const attendeesFull = await client.takeAction('AttendeesNotify', 0);
    const invite = await controlCall(
      sim,
      'POST',
      '/participants',
      access.token,
      { conferenceID: id },
      { attendees: [{ name: 'Erin', phone: '+8613900000005', type: 'mobile' }] },
    );
    expect(invite.status).toBe(200);
    const calling = await client.takeAction('ParticipantsNotify', 1);
    expect(calling.data).toMatchObject([{ mode: 0, pinfoMap: { NAME: 'Erin', STATE: '1' } }]);
    const pid = calling.data[0].pid;
    const answered = await client.takeAction('ParticipantsNotify', 1);
    expect(answered.data).toEqual([{ pid, mode: 0, pinfoMap: expect.objectContaining({ STATE: '0' }) }]);
    expect((await client.takeAction('InviteResultNotify', 0)).data).toEqual([
      { callNumber: '+8613900000005', errorCode: '0', resultCode: '0' },
    ]);
    const attendees = await client.takeAction('AttendeesNotify', 1);
    expect(attendees.data).toEqual([
      expect.objectContaining({ mode: 0, name: 'Erin', phone: '+8613900000005' }),
    ]);
    expect(attendeesFull.data.some((a: Frame) => a.phone === '+8613900000005')).toBe(false);
    expectParses(attendees);

    const removed = await controlCall(
      sim,
      'POST',
      '/attendees/delete',
      access.token,
      { conferenceID: id },
      { bulkDelAttendInfo: [{ number: '+8613900000005', participantID: pid }] },
    );
    expect(removed.status).toBe(200);
    const gone = await client.take(
      (f) => f.action === 'AttendeesNotify' && f.data?.some((a: Frame) => a.mode === 1),
      'an attendee removal',
    );
    expect(gone.data).toContainEqual({ mode: 1, phone: '+8613900000005', name: 'Erin' });
  });

  it('moves people to and from the waiting room', async () => {
    const { meeting, id, bob } = await room();
    const { client, access } = await subscribe(meeting, ['ParticipantsNotify', 'WaitingListNotify']);
    await client.takeAction('ParticipantsNotify', 0);
    await client.takeAction('WaitingListNotify', 0);
    const move = await controlCall(
      sim,
      'PUT',
      '/moveToWaitingRoom',
      access.token,
      { conferenceID: id },
      { participantID: bob },
    );
    expect(move.status).toBe(200);
    expect((await client.takeAction('ParticipantsNotify', 1)).data).toEqual([{ pid: bob, mode: 1 }]);
    const waiting = await client.takeAction('WaitingListNotify', 1);
    expect(waiting).toMatchObject({
      version: 1,
      data: [{ pid: bob, mode: 0, pinfoMap: { WAITINGSTATE: '0', ANONYMOUS: '0', THIRDACCOUNT: 'bob' } }],
    });
    expectParses(waiting);
    const admit = await controlCall(
      sim,
      'PUT',
      '/allowWaitingParticipant',
      access.token,
      { conferenceID: id },
      { participantID: bob, allowAll: false },
    );
    expect(admit.status).toBe(200);
    expect((await client.takeAction('WaitingListNotify', 1)).data).toEqual([{ pid: bob, mode: 1 }]);
    expect((await client.takeAction('ParticipantsNotify', 1)).data).toMatchObject([
      { pid: bob, mode: 0, pinfoMap: { NAME: expect.any(String), MUTE: expect.any(String) } },
    ]);
  });

  it('shows a broadcast in the status and on the participant', async () => {
    const { meeting, id, bob } = await room();
    const { client, access } = await subscribe(meeting, ['ParticipantsNotify', 'ConfDynamicInfoNotify']);
    await client.takeAction('ParticipantsNotify', 0);
    await client.takeAction('ConfDynamicInfoNotify', 0);
    const broadcast = await controlCall(sim, 'PUT', '/participants/broadcast', access.token, {
      conferenceID: id,
      participantID: bob,
    });
    expect(broadcast.status).toBe(200);
    expect(await client.takeAction('ConfDynamicInfoNotify', 1)).toMatchObject({ mode: 'BROADCAST', vas: 0 });
    expect((await client.takeAction('ParticipantsNotify', 1)).data).toEqual([
      { pid: bob, mode: 0, pinfoMap: { BROADCAST: '1' } },
    ]);
  });

  it('replaces the speaker list on each change; silent speakers drop out', async () => {
    const { meeting, id, host, bob } = await room();
    const { client } = await subscribe(meeting, ['SpeakerChangeNotify']);
    expect((await client.takeAction('SpeakerChangeNotify')).data).toBeUndefined();
    const speak = (pid: string, volume: number) =>
      rawCall(sim, 'POST', `/__sim/meetings/${id}/participants/${pid}/speak`, { body: { volume } });
    expect((await speak(bob, 40)).status).toBe(200);
    expect(await client.takeAction('SpeakerChangeNotify')).toMatchObject({
      msgMode: 0,
      data: [{ pid: bob, speakingVolume: 40, name: expect.any(String) }],
    });
    await speak(host, 70);
    expect((await client.takeAction('SpeakerChangeNotify')).data.map((s: Frame) => s.pid)).toEqual([
      host,
      bob,
    ]);
    expect((await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 5000 } })).status).toBe(200);
    await speak(bob, 30);
    expect((await client.takeAction('SpeakerChangeNotify')).data).toEqual([
      { pid: bob, speakingVolume: 30, name: expect.any(String) },
    ]);
    expectParses(client.all('SpeakerChangeNotify').at(-1));
  });

  it('pushes interpreter groups as a full replacement, with the push spelling groupId', async () => {
    const { meeting, id } = await room();
    const { client } = await subscribe(meeting, ['InterpreterGroupNotify']);
    expect((await client.takeAction('InterpreterGroupNotify')).data).toEqual([]);
    const set = await rawCall(sim, 'PUT', `/__sim/meetings/${id}/push/interpreterGroups`, {
      body: {
        interpreterGroups: [{ groupID: 'g1', groupName: 'EN-ZH', firstLanguage: 'en', secondLanguage: 'zh' }],
      },
    });
    expect(set.status).toBe(200);
    const frame = await client.takeAction('InterpreterGroupNotify');
    expect(frame).toMatchObject({ msgMode: 0, data: [{ groupId: 'g1', groupName: 'EN-ZH' }] });
    expect(frame.data[0].groupID).toBeUndefined();
    expectParses(frame);
  });
});

describe('live captions', () => {
  function subtitleControl(id: string, confToken: string, isSubtitle: string) {
    return {
      sequence: '000000000000000002611382273463',
      action: 'ConfControl',
      type: 'REALTIMESUBTITLE',
      data: JSON.stringify({ conferenceID: id, confToken, isSubtitle, subtitleType: '0' }),
    };
  }

  it('sends captions only after the ConfControl REALTIMESUBTITLE frame, then one per speaking event', async () => {
    const { meeting, id, bob } = await room();
    const { client, access } = await subscribe(meeting, [
      'RealTimeSubtitleNotify',
      'ConfDynamicInfoNotify',
      'ParticipantsNotify',
    ]);
    await client.takeAction('ConfDynamicInfoNotify', 0);
    const speak = (body: Record<string, unknown>) =>
      rawCall(sim, 'POST', `/__sim/meetings/${id}/push/speak`, { body: { pid: bob, ...body } });
    expect((await speak({ text: 'too early' })).status).toBe(200);
    // A later frame proves the speaking event was handled without a caption.
    await controlCall(
      sim,
      'PUT',
      '/participants/hands',
      access.token,
      { conferenceID: id, participantID: bob },
      {
        handsState: 1,
      },
    );
    await client.takeAction('ParticipantsNotify', 1);
    expect(client.all('RealTimeSubtitleNotify')).toEqual([]);

    // A bad token switches nothing on.
    client.send(subtitleControl(id, 'Basic bm9wZQ==', '1'));
    client.send(subtitleControl(id, `Basic ${Buffer.from(access.token).toString('base64')}`, '1'));
    expect(await client.takeAction('ConfDynamicInfoNotify', 1)).toMatchObject({
      version: 1,
      realTimeSubtitle: 1,
    });
    expect((await speak({ text: 'Hello from Bob' })).status).toBe(200);
    const caption = await client.takeAction('RealTimeSubtitleNotify');
    expect(caption).toMatchObject({
      confID: id,
      msgMode: 0,
      version: expect.any(String),
      createTime: expect.any(String),
      data: {
        msgs: [{ subtitleLang: 'Original', translateText: 'Hello from Bob' }],
        isFinal: true,
        participantID: bob,
      },
    });
    expectParses(caption);
    const viaControlRoute = await rawCall(sim, 'POST', `/__sim/meetings/${id}/participants/${bob}/speak`, {
      body: {},
    });
    expect(viaControlRoute.status).toBe(200);
    const generated = await client.takeAction('RealTimeSubtitleNotify');
    expect(generated.data.msgs[0].translateText.length).toBeGreaterThan(0);
  });
});
