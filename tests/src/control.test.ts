import {
  ControlApi,
  type RealTimeInfoResponse,
  type RestAttendee,
  type TransportEvent,
} from '@hwmeeting/client';
import { createMeeting } from '@hwmeeting/client/wire';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { failure, simControl, useClient, useSimulator } from './support.js';

const ANSWER_DELAY_MS = 50;
const CONF_TOKEN_PATH = '/v1/mmc/control/conferences/token';

/** The client's clock runs ahead of the simulator's by this much (keep-alive tests move it). */
let clientAheadMs = 0;
const events: TransportEvent[] = [];
const sim = useSimulator({ seed: 'demo', answerDelayMs: ANSWER_DELAY_MS });
const core = useClient(
  sim,
  {},
  { now: () => Date.now() + clientAheadMs, onEvent: (event) => events.push(event), retry: false },
);
let api: ControlApi;
beforeAll(() => {
  api = new ControlApi(core());
});

interface Meeting {
  id: string;
  chair: string;
  guest: string;
}

/** Alice schedules an immediate meeting (running at once) through the published API. */
async function runningMeeting(attendees?: RestAttendee[]): Promise<Meeting> {
  const [info] = await core().call(
    createMeeting,
    { body: { subject: 'Control', mediaTypes: 'HDVideo', ...(attendees ? { attendees } : {}) } },
    { userId: 'alice' },
  );
  if (!info) throw new Error('createMeeting answered no meeting');
  const password = (role: string) =>
    info.passwordEntry?.find((p) => p.conferenceRole === role)?.password ?? '';
  return { id: info.conferenceID, chair: password('chair'), guest: password('general') };
}

/** A participant joins through test control. */
function join(id: string, body: Record<string, unknown>) {
  return simControl<{ pid: string; number: string }>(sim(), 'POST', `/meetings/${id}/participants`, body);
}

/** A meeting with a host and two guests in it. */
async function room() {
  const meeting = await runningMeeting();
  const host = await join(meeting.id, { userId: 'alice', role: 1 });
  const bob = await join(meeting.id, { userId: 'bob' });
  const carol = await join(meeting.id, { userId: 'carol' });
  return { ...meeting, host: host.pid, bob: bob.pid, carol: carol.pid };
}

const as = { userId: 'alice' } as const;

function participant(info: RealTimeInfoResponse, pid: string) {
  return info.participants.find((p) => p.pid === pid);
}

function confTokenCalls(): number {
  return events.filter((e) => e.operation === 'createConfToken').length;
}

function liveOf(id: string) {
  const live = sim().store.meetings.get(id)?.live;
  if (!live) throw new Error(`meeting ${id} is not running`);
  return live;
}

describe('control tokens', () => {
  it('reads the host password from the meeting details, caches the token and shares one request', async () => {
    const { id } = await runningMeeting();
    const before = confTokenCalls();
    const tokens = await Promise.all([1, 2, 3, 4].map(() => api.token(id, as)));
    expect(new Set(tokens.map((t) => t.token)).size).toBe(1);
    expect(confTokenCalls() - before).toBe(1);
    expect(tokens[0]).toMatchObject({ conferenceID: id, role: 1 });
    expect(tokens[0]?.answer.data.wsURL).toBe(`ws://127.0.0.1:${sim().port}`);
    expect(tokens[0]).not.toHaveProperty('password');
    await api.realTimeInfo(id, as);
    expect(confTokenCalls() - before).toBe(1);
  });

  it('keeps the token alive before its 30 minutes run out, with the current token', async () => {
    const { id } = await runningMeeting();
    const first = await api.token(id, as);
    const serverBefore = sim().store.controlTokens.get(first.token)?.expiresAtMs ?? 0;
    const before = confTokenCalls();
    clientAheadMs += 26 * 60_000;
    try {
      await api.realTimeInfo(id, as);
    } finally {
      clientAheadMs -= 26 * 60_000;
    }
    expect(confTokenCalls() - before).toBe(1);
    const renewed = await api.token(id, as);
    // The simulator extends the same token; the client took the answer's expiry.
    expect(renewed.token).toBe(first.token);
    expect(sim().store.controlTokens.get(first.token)?.expiresAtMs).toBeGreaterThanOrEqual(serverBefore);
    expect(renewed.expiresAtMs).toBeGreaterThan(first.expiresAtMs);
  });

  it('falls back to the password when keep-alive is refused', async () => {
    const { id } = await runningMeeting();
    const first = await api.token(id, as);
    sim().faults.add({
      kind: 'status',
      status: 400,
      errorCode: 'MMC.111072065',
      pathPrefix: CONF_TOKEN_PATH,
    });
    const before = confTokenCalls();
    clientAheadMs += 27 * 60_000;
    let second: Awaited<ReturnType<typeof api.token>>;
    try {
      second = await api.token(id, as);
    } finally {
      clientAheadMs -= 27 * 60_000;
    }
    expect(confTokenCalls() - before).toBe(2);
    expect(second.token).not.toBe(first.token);
    expect(sim().store.controlTokens.get(second.token)?.role).toBe(1);
  });

  // published-behaviour.md §3: a stale or unknown control token is answered HTTP 400 MMC.111072065 (not 401).
  it('renews a token the server refuses (400 MMC.111072065) once, and the call then succeeds', async () => {
    const { host, id } = await room();
    const first = await api.token(id, as);
    const before = confTokenCalls();
    sim().store.controlTokens.delete(first.token);
    await api.mute(id, host, true, as);
    expect(
      events
        .filter((e) => e.operation === 'muteParticipant')
        .map((e) => e.httpStatus)
        .slice(-2),
    ).toEqual([400, 200]);
    expect(confTokenCalls() - before).toBe(1);
    const second = await api.token(id, as);
    expect(second.token).not.toBe(first.token);
    expect(liveOf(id).participants.get(host)?.muted).toBe(true);
  });

  it('passes a second refusal, of the renewed token, to the caller', async () => {
    const { host, id } = await room();
    await api.token(id, as);
    const before = confTokenCalls();
    const mutedBefore = liveOf(id).participants.get(host)?.muted;
    sim().faults.add({
      kind: 'status',
      status: 400,
      errorCode: 'MMC.111072065',
      count: 2,
      pathPrefix: '/v1/mmc/control/conferences/participants/mute',
    });
    const refused = await failure(api.mute(id, host, !mutedBefore, as));
    expect(refused).toMatchObject({ httpStatus: 400, code: 'MMC.111072065', operation: 'muteParticipant' });
    expect(confTokenCalls() - before).toBe(1);
    expect(sim().faults.pending()).toEqual([]);
    expect(liveOf(id).participants.get(host)?.muted).toBe(mutedBefore);
  });

  it('keeps one token per identity and meeting', async () => {
    const { id } = await runningMeeting();
    const alice = await api.token(id, as);
    const admin = await api.token(id);
    expect(admin.token).not.toBe(alice.token);
    expect(admin.role).toBe(1);
  });

  it('uses a given host password; a guest password gives a guest token that host-only calls refuse', async () => {
    const { id, guest, chair } = await room();
    const guestApi = new ControlApi(core());
    const token = await guestApi.token(id, { userId: 'bob', hostPassword: guest });
    expect(token.role).toBe(0);
    const refused = await failure(guestApi.lock(id, true, { userId: 'bob', hostPassword: guest }));
    expect(refused).toMatchObject({ httpStatus: 403, code: 'MMC.111070002', operation: 'lockMeeting' });
    const info = await guestApi.realTimeInfo(id, { userId: 'bob', hostPassword: guest });
    expect(info.participants).toHaveLength(3);
    const wrong = await failure(api.token(id, { userId: 'dave', hostPassword: `${chair}0` }));
    expect(wrong).toMatchObject({ httpStatus: 400, code: 'MMC.111072065', operation: 'createConfToken' });
    expect(wrong.message).not.toContain(chair);
  });

  it('asks for hostPassword when the identity cannot see the chair password', async () => {
    const { id } = await runningMeeting([
      { accountId: 'bob', appId: sim().appId, name: 'Bob Wang', role: 0 },
    ]);
    const invited = await failure(api.token(id, { userId: 'bob' }));
    expect(invited).toMatchObject({ code: 'NOT_CONFIGURED', field: 'hostPassword' });
    expect(invited.message).toContain('hostPassword');
    // Someone who may not even see the meeting gets the server's refusal.
    const stranger = await failure(api.token(id, { userId: 'carol' }));
    expect(stranger).toMatchObject({ httpStatus: 400, code: 'MMC.111070010' });
  });

  it('refuses a meeting that is not in progress', async () => {
    const error = await failure(api.token('999999999', { hostPassword: '123456' }));
    expect(error).toMatchObject({ httpStatus: 400, code: 'MMC.111070005' });
  });
});

describe('ControlApi operations', () => {
  it('issues WebSocket tokens', async () => {
    const { id } = await runningMeeting();
    const token = await api.webSocketToken(id, as);
    expect(sim().store.wsTokens.get(token)?.conferenceID).toBe(id);
  });

  it('invites: the invitee is called, answers and joins', async () => {
    const { id } = await room();
    sim().store.settings.answerDelayMs = 300;
    try {
      // name, phone and type are mandatory (published-behaviour.md §3): Dave's soft client by his SIP number.
      const phone = sim().store.userByThirdAccount('dave')?.sipNum ?? '';
      await api.invite(id, [{ name: 'Dave Chen', accountId: 'dave', phone, type: 'normal' }], as);
      const calling = (await api.realTimeInfo(id, as)).participants.find((p) => p.name === 'Dave Chen');
      expect(calling?.state).toBe(1);
      await vi.waitFor(
        async () => {
          const joined = participant(await api.realTimeInfo(id, as), calling?.pid ?? '');
          expect(joined?.state).toBe(0);
        },
        { timeout: 3_000, interval: 50 },
      );
      const info = await api.realTimeInfo(id, as);
      const dave = sim().store.userByThirdAccount('dave');
      expect(participant(info, calling?.pid ?? '')?.phone).toBe(dave?.sipNum);
      expect(info.attendees).toContainEqual(expect.objectContaining({ name: 'Dave Chen' }));
    } finally {
      sim().store.settings.answerDelayMs = ANSWER_DELAY_MS;
    }
  });

  it('refuses invalid input before sending anything', async () => {
    const { id } = await runningMeeting();
    await api.token(id, as);
    const before = events.length;
    const error = await failure(api.invite(id, [], as));
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'body.attendees' });
    expect(events.length).toBe(before);
  });

  it('hangs up participants and removes invitees', async () => {
    const { id, bob } = await room();
    await api.invite(id, [{ name: 'Eve', phone: '+8613700000001', type: 'mobile' }], as);
    let info = await api.realTimeInfo(id, as);
    const eve = info.participants.find((p) => p.name === 'Eve');
    await api.hangUp(id, [bob], as);
    await api.removeAttendees(id, [{ number: '+8613700000001', participantID: eve?.pid }], as);
    info = await api.realTimeInfo(id, as);
    expect(participant(info, bob)).toBeUndefined();
    expect(participant(info, eve?.pid ?? '')).toBeUndefined();
    expect(info.attendees.find((a) => a.name === 'Eve')).toBeUndefined();
    const unknown = await failure(api.hangUp(id, ['ghost'], as));
    expect(unknown).toMatchObject({ httpStatus: 400, code: 'MMC.111070001' });
  });

  it('renames, mutes one and all, and governs self-unmute', async () => {
    const { id, host, bob, carol } = await room();
    const bobNumber = liveOf(id).participants.get(bob)?.number ?? '';
    await api.rename(id, { participantID: bob, number: bobNumber }, 'Robert', as);
    await api.mute(id, carol, true, as);
    let info = await api.realTimeInfo(id, as);
    expect(participant(info, bob)?.name).toBe('Robert');
    expect(participant(info, carol)?.mute).toBe(1);
    await api.mute(id, carol, false, as);
    await api.muteAll(id, { muted: true, allowSelfUnmute: false }, as);
    info = await api.realTimeInfo(id, as);
    expect([host, bob, carol].map((pid) => participant(info, pid)?.mute)).toEqual([0, 1, 1]);
    expect(liveOf(id).allowUnmuteByOneself).toBe(false);
    await api.allowSelfUnmute(id, true, as);
    expect(liveOf(id).allowUnmuteByOneself).toBe(true);
    await api.muteAll(id, { muted: false }, as);
    info = await api.realTimeInfo(id, as);
    expect(info.participants.every((p) => p.mute === 0)).toBe(true);
  });

  it('locks, records, streams and extends', async () => {
    const { id } = await room();
    await api.lock(id, true, as);
    await api.record(id, true, as);
    await api.live(id, true, as);
    await api.extend(id, { minutes: 20 }, as);
    await api.extend(id, { auto: true }, as);
    expect(liveOf(id)).toMatchObject({ locked: true, recording: true, living: true, extendedMinutes: 35 });
    await api.lock(id, false, as);
    await api.record(id, false, as);
    await api.live(id, false, as);
    expect(liveOf(id)).toMatchObject({ locked: false, recording: false, living: false });
  });

  it('hands the host role over and back, sets co-hosts, and normalizes participants', async () => {
    const { id, host, bob, carol } = await room();
    await api.setHost(id, bob, as);
    expect((await api.realTimeInfo(id, as)).confInfo.chairID).toBe(bob);
    await api.releaseHost(id, bob, as);
    expect((await api.realTimeInfo(id, as)).confInfo.chairID).toBeUndefined();
    await api.setHost(id, host, as);
    await api.setCoHost(id, carol, true, as);
    const online = await api.participants(id, as);
    expect(online.find((p) => p.participantId === host)).toMatchObject({ role: 'host', coHost: false });
    expect(online.find((p) => p.participantId === carol)).toMatchObject({
      role: 'guest',
      coHost: true,
      muted: false,
      handUp: false,
      state: 0,
      video: true,
    });
    await api.setCoHost(id, carol, false, as);
    expect((await api.realTimeInfo(id, as)).confInfo.coHosts).toEqual([]);
  });

  it('raises and lowers hands, one and several', async () => {
    const { id, bob, carol } = await room();
    await api.raiseHand(id, bob, as);
    expect(participant(await api.realTimeInfo(id, as), bob)?.hand).toBe(1);
    await api.raiseHand(id, [bob, carol], as);
    expect(participant(await api.realTimeInfo(id, as), carol)?.hand).toBe(1);
    await api.lowerHand(id, bob, as);
    expect(participant(await api.realTimeInfo(id, as), bob)?.hand).toBe(0);
    await api.lowerHand(id, [bob, carol], as);
    const info = await api.realTimeInfo(id, as);
    expect([bob, carol].map((pid) => participant(info, pid)?.hand)).toEqual([0, 0]);
  });

  it('rolls call, broadcasts and cancels the broadcast', async () => {
    const { id, host, bob, carol } = await room();
    await api.rollCall(id, bob, as);
    const info = await api.realTimeInfo(id, as);
    expect([host, bob, carol].map((pid) => participant(info, pid)?.mute)).toEqual([0, 0, 1]);
    await api.broadcast(id, carol, as);
    expect(liveOf(id)).toMatchObject({ rollCallPid: bob, broadcastPid: carol });
    await api.cancelBroadcast(id, as);
    expect(liveOf(id)).toMatchObject({ rollCallPid: undefined, broadcastPid: undefined });
  });

  it('moves participants to the waiting room and admits them', async () => {
    const { id, host, bob, carol } = await room();
    await api.moveToWaitingRoom(id, bob, as);
    expect(participant(await api.realTimeInfo(id, as), bob)).toBeUndefined();
    await api.admitFromWaitingRoom(id, bob, as);
    expect(participant(await api.realTimeInfo(id, as), bob)).toBeDefined();
    await api.moveToWaitingRoom(id, [bob, carol], as);
    expect((await api.realTimeInfo(id, as)).participants.map((p) => p.pid)).toEqual([host]);
    await api.admitFromWaitingRoom(id, 'all', as);
    expect((await api.realTimeInfo(id, as)).participants).toHaveLength(3);
  });

  it('updates in-meeting settings, sending only those given as 0/1', async () => {
    const { id } = await room();
    await api.updateSettings(
      id,
      { locked: true, allowSelfUnmute: false, chatPermission: 3, freeShare: true },
      as,
    );
    expect(liveOf(id).settings).toEqual({
      isLock: 1,
      allowUnmuteByOneself: 0,
      chatPermission: 3,
      freeShare: 1,
    });
    expect(liveOf(id)).toMatchObject({ locked: true, allowUnmuteByOneself: false });
  });

  it('ends the meeting and forgets its tokens', async () => {
    const { id, chair } = await room();
    await api.token(id, as);
    const cachedBefore = api.tokens.size;
    await api.end(id, as);
    expect(sim().store.meetings.get(id)?.state).toBe('Destroyed');
    expect(api.tokens.size).toBe(cachedBefore - 1);
    const after = await failure(api.realTimeInfo(id, { ...as, hostPassword: chair }));
    expect(after).toMatchObject({ httpStatus: 400, code: 'MMC.111072005', operation: 'createConfToken' });
  });
});
