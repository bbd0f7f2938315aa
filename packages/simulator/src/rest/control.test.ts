import { confTokenResponseSchema, realTimeInfoResponseSchema } from '@hwmeeting/client/wire';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import type { MeetingRecord } from '../state/meetings.js';
import type { StoreChange } from '../state/store.js';
import { type AddMeetingOptions, addAlicesMeeting, CHAIR, GUEST } from '../testing/meetings.js';
import { expectError, type Loose, rawCall } from '../testing/rawHttp.js';

const ANSWER_DELAY_MS = 40;
const BASE = '/v1/mmc/control/conferences';

let sim: Simulator;
const changes: StoreChange[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: ANSWER_DELAY_MS });
  sim.store.events.on('change', (change) => changes.push(change));
});
afterAll(async () => {
  await sim.close();
});

/** Puts a meeting of alice's into the store, running unless `scheduled`. */
const addMeeting = (options: AddMeetingOptions = {}): MeetingRecord => addAlicesMeeting(sim.store, options);

function confToken(conferenceID: string, headers: Record<string, string>) {
  return rawCall(sim, 'GET', `${BASE}/token?conferenceID=${conferenceID}`, { headers });
}

async function tokenFor(conferenceID: string, password = CHAIR): Promise<string> {
  const answer = await confToken(conferenceID, { 'X-Password': password, 'X-Login-Type': '1' });
  expect(answer.status).toBe(200);
  return answer.json.data.token as string;
}

/** A control call with the token in X-Conference-Authorization. */
function control(
  method: string,
  path: string,
  token: string | undefined,
  query: Record<string, string>,
  body?: unknown,
) {
  const search = new URLSearchParams(query).toString();
  return rawCall(sim, method, `${BASE}${path}?${search}`, {
    headers: token === undefined ? {} : { 'X-Conference-Authorization': token },
    body,
  });
}

async function join(conferenceID: string, body: Record<string, unknown>): Promise<Loose> {
  const answer = await rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/participants`, { body });
  expect(answer.status).toBe(200);
  return answer.json;
}

async function realTime(conferenceID: string, token: string) {
  const answer = await control('GET', '/realTimeInfo', token, { conferenceID });
  expect(answer.status).toBe(200);
  return realTimeInfoResponseSchema.parse(answer.json);
}

function participantOf(info: Loose, pid: string) {
  return info.participants.find((p: { pid: string }) => p.pid === pid);
}

/** A running meeting with a host, two guests and a host control token. */
async function room() {
  const meeting = addMeeting();
  const id = meeting.conferenceID;
  const host = await join(id, { userId: 'alice', role: 1 });
  const bob = await join(id, { userId: 'bob' });
  const carol = await join(id, { name: 'Carol', number: '+8613900000003' });
  const token = await tokenFor(id);
  return { meeting, id, host: host.pid as string, bob: bob.pid as string, carol: carol.pid as string, token };
}

describe('createConfToken (A.1)', () => {
  it('issues a 30-minute host token for the chair password, with wsURL and push types', async () => {
    const { conferenceID } = addMeeting();
    const now = sim.store.clock.now();
    const answer = await confToken(conferenceID, { 'X-Password': CHAIR, 'X-Login-Type': '1' });
    expect(answer.status).toBe(200);
    const parsed = confTokenResponseSchema.parse(answer.json);
    expect(parsed.data).toMatchObject({
      role: 1,
      confTokenExpireTime: 1800,
      wsURL: `ws://127.0.0.1:${sim.port}`,
      orgID: sim.store.corp.id,
    });
    expect(parsed.data.expireTime).toBeGreaterThanOrEqual(now + 1_800_000);
    expect(parsed.data.expireTime).toBeLessThan(now + 1_800_000 + 5_000);
    expect(parsed.data.supportNotifyType).toContain('ParticipantsNotify');
    expect(typeof parsed.gloablPublicIP).toBe('string');
    expect(sim.store.controlTokens.get(parsed.data.token)).toMatchObject({ conferenceID, role: 1 });
  });

  it('issues a guest token (role 0) for the guest password', async () => {
    const { conferenceID } = addMeeting();
    const answer = await confToken(conferenceID, { 'X-Password': GUEST, 'X-Login-Type': '1' });
    expect(answer.status).toBe(200);
    expect(answer.json.data.role).toBe(0);
  });

  it('refuses a wrong password with 400 MMC.111072065', async () => {
    const { conferenceID } = addMeeting();
    const answer = await confToken(conferenceID, { 'X-Password': '000000', 'X-Login-Type': '1' });
    expectError(answer, 400, 'MMC.111072065');
    expect(JSON.stringify(answer.json)).not.toContain(CHAIR);
  });

  it('refuses a missing X-Password or a wrong X-Login-Type, naming the header', async () => {
    const { conferenceID } = addMeeting();
    expectError(await confToken(conferenceID, { 'X-Login-Type': '1' }), 400, 'MMC.111070001', 'X-Password');
    expectError(
      await confToken(conferenceID, { 'X-Password': CHAIR, 'X-Login-Type': '2' }),
      400,
      'MMC.111070001',
      'X-Login-Type',
    );
  });

  it('refuses unknown, not-started and ended meetings', async () => {
    const headers = { 'X-Password': CHAIR, 'X-Login-Type': '1' };
    expectError(await confToken('999999999', headers), 400, 'MMC.111070005');
    const scheduled = addMeeting({ scheduled: true });
    expectError(await confToken(scheduled.conferenceID, headers), 400, 'MMC.111072005');
    expectError(
      await rawCall(sim, 'GET', `${BASE}/token`, { headers }),
      400,
      'MMC.111070001',
      'conferenceID',
    );
  });

  it('answers 405 to a wrong method', async () => {
    const { conferenceID } = addMeeting();
    const answer = await rawCall(sim, 'POST', `${BASE}/token?conferenceID=${conferenceID}`, { body: {} });
    expect(answer.status).toBe(405);
  });

  it('keeps a live token alive without checking the password (raw and Basic forms)', async () => {
    const { conferenceID } = addMeeting();
    const token = await tokenFor(conferenceID);
    const before = sim.store.controlTokens.get(token)?.expiresAtMs ?? 0;
    sim.clock.advance(20 * 60_000);
    const raw = await confToken(conferenceID, {
      'X-Password': 'not-checked',
      'X-Login-Type': '1',
      'X-Conference-Authorization': token,
    });
    expect(raw.status).toBe(200);
    expect(raw.json.data.token).toBe(token);
    expect(raw.json.data.expireTime).toBeGreaterThanOrEqual(before + 20 * 60_000);
    const basic = await confToken(conferenceID, {
      'X-Password': 'not-checked',
      'X-Login-Type': '1',
      'X-Conference-Authorization': `Basic ${Buffer.from(token).toString('base64')}`,
    });
    expect(basic.json.data.token).toBe(token);
  });

  it('re-authenticates with the password when the token to keep alive has expired', async () => {
    const { conferenceID } = addMeeting();
    const token = await tokenFor(conferenceID);
    sim.clock.advance(31 * 60_000);
    const stale = { 'X-Login-Type': '1', 'X-Conference-Authorization': token };
    expectError(await confToken(conferenceID, { ...stale, 'X-Password': 'wrong' }), 400, 'MMC.111072065');
    const fresh = await confToken(conferenceID, { ...stale, 'X-Password': CHAIR });
    expect(fresh.status).toBe(200);
    expect(fresh.json.data.token).not.toBe(token);
    // The expired token no longer authenticates control calls.
    expectError(await control('GET', '/realTimeInfo', token, { conferenceID }), 400, 'MMC.111072065');
  });
});

describe('control authentication', () => {
  it('refuses a missing, unknown or expired token with 400 MMC.111072065 and another meeting with 403', async () => {
    const a = addMeeting();
    const b = addMeeting();
    const tokenA = await tokenFor(a.conferenceID);
    expectError(
      await control('GET', '/realTimeInfo', undefined, { conferenceID: a.conferenceID }),
      400,
      'MMC.111072065',
    );
    expectError(
      await control('GET', '/realTimeInfo', 'nope', { conferenceID: a.conferenceID }),
      400,
      'MMC.111072065',
    );
    expectError(
      await control('GET', '/realTimeInfo', tokenA, { conferenceID: b.conferenceID }),
      403,
      'MMC.111070002',
    );
    const basic = `Basic ${Buffer.from(tokenA).toString('base64')}`;
    expect((await control('GET', '/realTimeInfo', basic, { conferenceID: a.conferenceID })).status).toBe(200);
    sim.clock.advance(30 * 60_000 + 1);
    expectError(
      await control('GET', '/realTimeInfo', tokenA, { conferenceID: a.conferenceID }),
      400,
      'MMC.111072065',
    );
  });

  it('refuses host-only operations to a guest token with 403 MMC.111070002', async () => {
    const { id, bob } = await room();
    const guest = await tokenFor(id, GUEST);
    const refusals = [
      control('PUT', '/participants/mute', guest, { conferenceID: id, participantID: bob }, { isMute: 1 }),
      control('PUT', '/mute', guest, { conferenceID: id }, { isMute: 1 }),
      control('PUT', '/lock', guest, { conferenceID: id }, { isLock: 1 }),
      control('PUT', '/stop', guest, { conferenceID: id }),
      control(
        'POST',
        '/participants',
        guest,
        { conferenceID: id },
        // A complete invitee (name, phone and type: published-behaviour.md §3), so that only the role refuses it.
        { attendees: [{ name: 'X', phone: '+1', type: 'normal' }] },
      ),
      control(
        'PUT',
        '/participants/role',
        guest,
        { conferenceID: id, participantID: bob },
        { applyChair: 0 },
      ),
    ];
    for (const answer of await Promise.all(refusals)) expectError(answer, 403, 'MMC.111070002');
    // Guests may read the meeting and raise hands.
    expect((await control('GET', '/realTimeInfo', guest, { conferenceID: id })).status).toBe(200);
    const raise = await control(
      'PUT',
      '/participants/hands',
      guest,
      { conferenceID: id, participantID: bob },
      { handsState: 1 },
    );
    expect(raise.status).toBe(200);
  });
});

describe('createWebSocketToken (A.2)', () => {
  it('issues a one-minute WebSocket token for the meeting', async () => {
    const { id, token } = await room();
    const answer = await control('GET', '/wsToken', token, { conferenceID: id });
    expect(answer.status).toBe(200);
    const record = sim.store.wsTokens.get(answer.json.webSocketToken);
    expect(record?.conferenceID).toBe(id);
    expect((record?.expiresAtMs ?? 0) - sim.store.clock.now()).toBeLessThanOrEqual(60_000);
    expect(await control('PUT', '/wsToken', token, { conferenceID: id })).toMatchObject({ status: 405 });
  });
});

describe('participants (A.3)', () => {
  it('invites: the invitee is called (state 1), answers after the delay (state 0) and is listed', async () => {
    const { id, token } = await room();
    changes.length = 0;
    // Long enough that the call still rings when real-time info is read right after the invite.
    sim.store.settings.answerDelayMs = 400;
    const answer = await control(
      'POST',
      '/participants',
      token,
      { conferenceID: id },
      {
        attendees: [{ name: 'Dave', phone: '+8613900000099', type: 'mobile' }],
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    let info = await realTime(id, token);
    const called = info.participants.find((p) => p.phone === '+8613900000099');
    expect(called).toMatchObject({ name: 'Dave', state: 1 });
    expect(info.attendees).toContainEqual(expect.objectContaining({ name: 'Dave', phone: '+8613900000099' }));
    await vi.waitFor(
      async () => {
        info = await realTime(id, token);
        expect(participantOf(info, called?.pid ?? '')).toMatchObject({ state: 0 });
      },
      { timeout: 3_000, interval: 50 },
    );
    sim.store.settings.answerDelayMs = ANSWER_DELAY_MS;
    expect(changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining(['participant.invited', 'participant.joined', 'attendees.updated']),
    );
  });

  it('refuses an invite without attendees or with a nameless attendee, naming the field', async () => {
    const { id, token } = await room();
    expectError(
      await control('POST', '/participants', token, { conferenceID: id }, { attendees: [] }),
      400,
      'MMC.111070001',
      'body.attendees',
    );
    expectError(
      await control('POST', '/participants', token, { conferenceID: id }, { attendees: [{ phone: '+1' }] }),
      400,
      'MMC.111070001',
      'body.attendees.0.name',
    );
    expectError(
      await control(
        'POST',
        '/participants',
        token,
        { conferenceID: id },
        { attendees: [{ name: 'A', phone: '+8613900000009', type: 'fax' }] },
      ),
      400,
      'MMC.111070001',
      'body.attendees.0.type',
    );
  });

  it('hangs up participants; an unknown pid changes nothing (400)', async () => {
    const { id, token, bob, carol } = await room();
    expectError(
      await control(
        'POST',
        '/participants/delete',
        token,
        { conferenceID: id },
        { bulkHangUpParticipants: [bob, 'ghost'] },
      ),
      400,
      'MMC.111070001',
    );
    expect(participantOf(await realTime(id, token), bob)).toBeDefined();
    const answer = await control(
      'POST',
      '/participants/delete',
      token,
      { conferenceID: id },
      {
        bulkHangUpParticipants: [bob, carol],
      },
    );
    expect(answer.status).toBe(200);
    const info = await realTime(id, token);
    expect(participantOf(info, bob)).toBeUndefined();
    expect(participantOf(info, carol)).toBeUndefined();
  });

  it('removes invitees from the list (and hangs up the joined one named by participantID)', async () => {
    const meeting = addMeeting({ schedule: { attendees: [{ name: 'Sched', phone: '+8611100000001' }] } });
    const id = meeting.conferenceID;
    const host = await join(id, { userId: 'alice', role: 1 });
    const token = await tokenFor(id);
    await control(
      'POST',
      '/participants',
      token,
      { conferenceID: id },
      { attendees: [{ name: 'Eve', phone: '+8611100000002', type: 'mobile' }] },
    );
    let info = await realTime(id, token);
    expect(info.attendees.map((a) => a.name)).toEqual(['Sched', 'Eve']);
    const eve = info.participants.find((p) => p.name === 'Eve');
    expectError(
      await control(
        'POST',
        '/attendees/delete',
        token,
        { conferenceID: id },
        { bulkDelAttendInfo: [{ number: '+0000' }] },
      ),
      400,
      'MMC.111070001',
    );
    const answer = await control(
      'POST',
      '/attendees/delete',
      token,
      { conferenceID: id },
      {
        bulkDelAttendInfo: [
          { number: '+8611100000001' },
          { number: '+8611100000002', participantID: eve?.pid },
        ],
      },
    );
    expect(answer.status).toBe(200);
    info = await realTime(id, token);
    expect(info.attendees).toEqual([]);
    expect(info.participants.map((p) => p.pid)).toEqual([host.pid]);
  });

  it('renames a participant by pid and an invitee by number', async () => {
    const meeting = addMeeting({ schedule: { attendees: [{ name: 'Old', phone: '+8611100000005' }] } });
    const id = meeting.conferenceID;
    const guest = await join(id, { name: 'Guest' });
    const token = await tokenFor(id);
    const byPid = await control(
      'PUT',
      '/participants/name',
      token,
      { conferenceID: id },
      {
        participantID: guest.pid,
        number: guest.number,
        newName: 'Renamed',
      },
    );
    expect(byPid.status).toBe(200);
    const byNumber = await control(
      'PUT',
      '/participants/name',
      token,
      { conferenceID: id },
      {
        number: '+8611100000005',
        newName: 'New',
      },
    );
    expect(byNumber.status).toBe(200);
    const info = await realTime(id, token);
    expect(participantOf(info, guest.pid).name).toBe('Renamed');
    expect(info.attendees.map((a) => a.name)).toEqual(['New']);
    expectError(
      await control('PUT', '/participants/name', token, { conferenceID: id }, { number: '+1', newName: 'X' }),
      400,
      'MMC.111070001',
    );
    expectError(
      await control('PUT', '/participants/name', token, { conferenceID: id }, { number: '+1' }),
      400,
      'MMC.111070001',
      'body.newName',
    );
  });

  it('mutes and unmutes one participant; refuses unknown pids, a missing participantID and bad flags', async () => {
    const { id, token, bob } = await room();
    changes.length = 0;
    expect(
      (
        await control(
          'PUT',
          '/participants/mute',
          token,
          { conferenceID: id, participantID: bob },
          { isMute: 1 },
        )
      ).status,
    ).toBe(200);
    expect(participantOf(await realTime(id, token), bob).mute).toBe(1);
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'participant.updated',
        conferenceID: id,
        detail: expect.objectContaining({ pid: bob, muted: true }),
      }),
    );
    await control(
      'PUT',
      '/participants/mute',
      token,
      { conferenceID: id, participantID: bob },
      { isMute: 0 },
    );
    expect(participantOf(await realTime(id, token), bob).mute).toBe(0);
    expectError(
      await control(
        'PUT',
        '/participants/mute',
        token,
        { conferenceID: id, participantID: 'ghost' },
        { isMute: 1 },
      ),
      400,
      'MMC.111070001',
    );
    expectError(
      await control('PUT', '/participants/mute', token, { conferenceID: id }, { isMute: 1 }),
      400,
      'MMC.111070001',
      'participantID',
    );
    expectError(
      await control(
        'PUT',
        '/participants/mute',
        token,
        { conferenceID: id, participantID: bob },
        { isMute: true },
      ),
      400,
      'MMC.111070001',
      'body.isMute',
    );
  });

  it('raises and lowers hands, one and in batch', async () => {
    const { id, token, bob, carol } = await room();
    await control(
      'PUT',
      '/participants/hands',
      token,
      { conferenceID: id, participantID: bob },
      { handsState: 1 },
    );
    expect(participantOf(await realTime(id, token), bob).hand).toBe(1);
    const batch = await control(
      'PUT',
      '/participants/batch/hands',
      token,
      { conferenceID: id },
      { handsState: 1, pids: [bob, carol] },
    );
    expect(batch.status).toBe(200);
    let info = await realTime(id, token);
    expect([participantOf(info, bob).hand, participantOf(info, carol).hand]).toEqual([1, 1]);
    expectError(
      await control(
        'PUT',
        '/participants/batch/hands',
        token,
        { conferenceID: id },
        { handsState: 0, pids: [bob, 'ghost'] },
      ),
      400,
      'MMC.111070001',
    );
    await control(
      'PUT',
      '/participants/batch/hands',
      token,
      { conferenceID: id },
      { handsState: 0, pids: [bob, carol] },
    );
    info = await realTime(id, token);
    expect([participantOf(info, bob).hand, participantOf(info, carol).hand]).toEqual([0, 0]);
  });

  it('hands the host role over, lets a guest token apply with the host password, and releases it', async () => {
    const { id, token, host, bob, carol } = await room();
    expect((await realTime(id, token)).confInfo.chairID).toBe(host);
    expect(
      (
        await control(
          'PUT',
          '/participants/role',
          token,
          { conferenceID: id, participantID: bob },
          { applyChair: 1 },
        )
      ).status,
    ).toBe(200);
    expect((await realTime(id, token)).confInfo.chairID).toBe(bob);
    const guest = await tokenFor(id, GUEST);
    expectError(
      await control(
        'PUT',
        '/participants/role',
        guest,
        { conferenceID: id, participantID: carol },
        { applyChair: 1, chairmanPwd: 'wrong' },
      ),
      400,
      'MMC.111072065',
    );
    expectError(
      await control(
        'PUT',
        '/participants/role',
        guest,
        { conferenceID: id, participantID: carol },
        { applyChair: 1 },
      ),
      400,
      'MMC.111072065',
    );
    const applied = await control(
      'PUT',
      '/participants/role',
      guest,
      { conferenceID: id, participantID: carol },
      {
        applyChair: 1,
        chairmanPwd: CHAIR,
      },
    );
    expect(applied.status).toBe(200);
    expect((await realTime(id, token)).confInfo.chairID).toBe(carol);
    expectError(
      await control(
        'PUT',
        '/participants/role',
        token,
        { conferenceID: id, participantID: bob },
        { applyChair: 0 },
      ),
      400,
      'MMC.111070001',
    );
    expect(
      (
        await control(
          'PUT',
          '/participants/role',
          token,
          { conferenceID: id, participantID: carol },
          { applyChair: 0 },
        )
      ).status,
    ).toBe(200);
    expect((await realTime(id, token)).confInfo.chairID).toBeUndefined();
  });

  it('sets and revokes co-hosts; the host cannot be co-host', async () => {
    const { id, token, host, bob } = await room();
    await control(
      'PUT',
      '/participants/cohost',
      token,
      { conferenceID: id, participantID: bob },
      { isCohost: 1 },
    );
    expect((await realTime(id, token)).confInfo.coHosts).toEqual([bob]);
    expectError(
      await control(
        'PUT',
        '/participants/cohost',
        token,
        { conferenceID: id, participantID: host },
        { isCohost: 1 },
      ),
      400,
      'MMC.111070001',
    );
    await control(
      'PUT',
      '/participants/cohost',
      token,
      { conferenceID: id, participantID: bob },
      { isCohost: 0 },
    );
    expect((await realTime(id, token)).confInfo.coHosts).toEqual([]);
  });

  it('roll call unmutes the named participant and mutes everyone else but the host', async () => {
    const { id, token, host, bob, carol, meeting } = await room();
    await control(
      'PUT',
      '/participants/mute',
      token,
      { conferenceID: id, participantID: bob },
      { isMute: 1 },
    );
    const answer = await control('PUT', '/participants/rollCall', token, {
      conferenceID: id,
      participantID: bob,
    });
    expect(answer.status).toBe(200);
    const info = await realTime(id, token);
    expect([host, bob, carol].map((pid) => participantOf(info, pid).mute)).toEqual([0, 0, 1]);
    expect(meeting.live?.rollCallPid).toBe(bob);
  });

  it('broadcasts a participant and cancels the broadcast', async () => {
    const { id, token, bob, meeting } = await room();
    await control('PUT', '/participants/rollCall', token, { conferenceID: id, participantID: bob });
    expect(
      (await control('PUT', '/participants/broadcast', token, { conferenceID: id, participantID: bob }))
        .status,
    ).toBe(200);
    expect(meeting.live?.broadcastPid).toBe(bob);
    expectError(
      await control('PUT', '/participants/broadcast', token, { conferenceID: id, participantID: 'ghost' }),
      400,
      'MMC.111070001',
    );
    expect((await control('PUT', '/cancelBroadcast', token, { conferenceID: id })).status).toBe(200);
    expect(meeting.live?.broadcastPid).toBeUndefined();
    expect(meeting.live?.rollCallPid).toBeUndefined();
  });
});

describe('meeting-wide state (A.4)', () => {
  it('mutes everyone but the host, and governs unmuting oneself', async () => {
    const { id, token, host, bob, carol, meeting } = await room();
    const answer = await control(
      'PUT',
      '/mute',
      token,
      { conferenceID: id },
      { isMute: 1, allowUnmuteByOneself: 0 },
    );
    expect(answer.status).toBe(200);
    const info = await realTime(id, token);
    expect([host, bob, carol].map((pid) => participantOf(info, pid).mute)).toEqual([0, 1, 1]);
    expect(meeting.live?.allowUnmuteByOneself).toBe(false);
    const selfUnmute = () =>
      rawCall(sim, 'POST', `/__sim/meetings/${id}/participants/${bob}/mute`, { body: { muted: false } });
    expectError(await selfUnmute(), 403, 'MMC.111070002');
    expect(
      (await control('PUT', '/mute/guestUnMute', token, { conferenceID: id }, { allowUnmuteByOneself: 1 }))
        .status,
    ).toBe(200);
    expect((await selfUnmute()).status).toBe(200);
    expect(participantOf(await realTime(id, token), bob).mute).toBe(0);
    // A newcomer to a muted meeting joins muted.
    const late = await join(id, { name: 'Late' });
    expect(late.muted).toBe(true);
    await control('PUT', '/mute', token, { conferenceID: id }, { isMute: 0 });
    expect(participantOf(await realTime(id, token), carol).mute).toBe(0);
  });

  it('locks the meeting against guests joining and unlocks it', async () => {
    const { id, token, meeting } = await room();
    expect((await control('PUT', '/lock', token, { conferenceID: id }, { isLock: 1 })).status).toBe(200);
    expect(meeting.live?.locked).toBe(true);
    const refused = await rawCall(sim, 'POST', `/__sim/meetings/${id}/participants`, {
      body: { name: 'Door' },
    });
    expectError(refused, 403, 'MMC.111070002');
    expectError(
      await control('PUT', '/lock', token, { conferenceID: id }, {}),
      400,
      'MMC.111070001',
      'body.isLock',
    );
    await control('PUT', '/lock', token, { conferenceID: id }, { isLock: 0 });
    expect(
      (await rawCall(sim, 'POST', `/__sim/meetings/${id}/participants`, { body: { name: 'Door' } })).status,
    ).toBe(200);
  });

  it('starts and stops recording and live streaming, and extends the meeting', async () => {
    const { id, token, meeting } = await room();
    await control('PUT', '/record', token, { conferenceID: id }, { isRecord: 1 });
    await control('PUT', '/live', token, { conferenceID: id }, { isLive: 1 });
    expect(meeting.live).toMatchObject({ recording: true, living: true });
    await control('PUT', '/record', token, { conferenceID: id }, { isRecord: 0 });
    await control('PUT', '/live', token, { conferenceID: id }, { isLive: 0 });
    expect(meeting.live).toMatchObject({ recording: false, living: false });
    await control('PUT', '/duration', token, { conferenceID: id }, { auto: 0, duration: 30 });
    await control('PUT', '/duration', token, { conferenceID: id }, { auto: 1 });
    expect(meeting.live?.extendedMinutes).toBe(45);
    expectError(
      await control('PUT', '/duration', token, { conferenceID: id }, { duration: 30 }),
      400,
      'MMC.111070001',
      'body.auto',
    );
  });

  it('changes in-meeting settings', async () => {
    const { id, token, meeting } = await room();
    const answer = await control(
      'PUT',
      '/updateStartedConfConfig',
      token,
      { conferenceID: id },
      {
        chatPermission: 2,
        isLock: 1,
        allowUnmuteByOneself: 0,
        callInRestriction: 3,
      },
    );
    expect(answer.status).toBe(200);
    expect(meeting.live).toMatchObject({ locked: true, allowUnmuteByOneself: false });
    expect(meeting.live?.settings).toMatchObject({ chatPermission: 2, callInRestriction: 3 });
    expectError(
      await control('PUT', '/updateStartedConfConfig', token, { conferenceID: id }, { callInRestriction: 1 }),
      400,
      'MMC.111070001',
      'body.callInRestriction',
    );
  });

  it('moves participants to the waiting room and admits them, one, several and all', async () => {
    const { id, token, host, bob, carol } = await room();
    expect(
      (await control('PUT', '/moveToWaitingRoom', token, { conferenceID: id }, { participantID: bob }))
        .status,
    ).toBe(200);
    expect(participantOf(await realTime(id, token), bob)).toBeUndefined();
    expectError(
      await control('PUT', '/moveToWaitingRoom', token, { conferenceID: id }, { participantID: host }),
      400,
      'MMC.111070001',
    );
    expectError(
      await control(
        'PUT',
        '/allowWaitingParticipant',
        token,
        { conferenceID: id },
        { participantID: carol, allowAll: false },
      ),
      400,
      'MMC.111070001',
    );
    expectError(
      await control('PUT', '/allowWaitingParticipant', token, { conferenceID: id }, { allowAll: false }),
      400,
      'MMC.111070001',
      'participantID',
    );
    // allowAll may be left out (published-behaviour.md §3).
    const admitted = await control(
      'PUT',
      '/allowWaitingParticipant',
      token,
      { conferenceID: id },
      { participantID: bob },
    );
    expect(admitted.status).toBe(200);
    expect(participantOf(await realTime(id, token), bob)).toBeDefined();
    const batch = await control(
      'PUT',
      '/batchMoveToWaitingRoom',
      token,
      { conferenceID: id },
      { batchParticipants: [bob, carol] },
    );
    expect(batch.status).toBe(200);
    expect((await realTime(id, token)).participants.map((p) => p.pid)).toEqual([host]);
    await control('PUT', '/allowWaitingParticipant', token, { conferenceID: id }, { allowAll: true });
    expect((await realTime(id, token)).participants).toHaveLength(3);
  });

  it('puts guests of a waiting-room meeting in the waiting room on joining', async () => {
    const meeting = addMeeting({ schedule: { confConfigInfo: { enableWaitingRoom: true } } });
    const host = await join(meeting.conferenceID, { userId: 'alice', role: 1 });
    const guest = await join(meeting.conferenceID, { name: 'Waiter' });
    expect([host.waiting, guest.waiting]).toEqual([false, true]);
  });

  it('ends the meeting: later control calls fail, guests may not end it', async () => {
    const { id, token, meeting } = await room();
    const guest = await tokenFor(id, GUEST);
    expectError(await control('PUT', '/stop', guest, { conferenceID: id }), 403, 'MMC.111070002');
    changes.length = 0;
    const stopped = await control('PUT', '/stop', token, { conferenceID: id });
    expect(stopped.status).toBe(200);
    expect(stopped.json).toBeUndefined();
    expect(meeting.state).toBe('Destroyed');
    expect(changes.map((c) => c.kind)).toContain('meeting.ended');
    expectError(await control('GET', '/realTimeInfo', token, { conferenceID: id }), 400, 'MMC.111072065');
    expectError(await confToken(id, { 'X-Password': CHAIR, 'X-Login-Type': '1' }), 400, 'MMC.111072005');
  });
});
