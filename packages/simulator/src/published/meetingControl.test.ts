// published-behaviour.md §3 "Meeting control", through the published control REST paths and the push socket.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import {
  controlAccess,
  controlCall,
  createRunningMeeting,
  type Frame,
  join,
  subscribedClient,
  type TestMeeting,
} from '../testing/pushClient.js';
import { expectError, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;
let meeting: TestMeeting;
let token: string;

beforeEach(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 5 });
  meeting = await createRunningMeeting(sim, { confConfigInfo: { enableWaitingRoom: true } });
  token = (await controlAccess(sim, meeting.conferenceID, meeting.chairPassword)).token;
});
afterEach(async () => {
  await sim.close();
});

const query = () => ({ conferenceID: meeting.conferenceID });
const participants = async () =>
  (await rawCall(sim, 'GET', `/__sim/meetings/${meeting.conferenceID}/participants`)).json
    .participants as Frame[];

describe('invite participants', () => {
  const full = { name: 'Erin', phone: '+8613900000005', type: 'mobile' };

  it.each(['name', 'phone', 'type'])('refuses an attendee without %s, inviting nobody', async (field) => {
    const attendee: Record<string, unknown> = { ...full };
    delete attendee[field];
    expectError(
      await controlCall(sim, 'POST', '/participants', token, query(), { attendees: [full, attendee] }),
      400,
      'MMC.111070001',
      `body.attendees.1.${field}`,
    );
    expect(await participants()).toEqual([]);
  });

  it('invites an attendee with name, phone and type', async () => {
    const answer = await controlCall(sim, 'POST', '/participants', token, query(), { attendees: [full] });
    expect(answer.status).toBe(200);
    expect((await participants()).map((p) => p.number)).toEqual([full.phone]);
  });
});

describe('admit from the waiting room', () => {
  it('takes participantID without allowAll', async () => {
    const pid = await join(sim, meeting.conferenceID, { name: 'Waiting Wu', waiting: true });
    const answer = await controlCall(sim, 'PUT', '/allowWaitingParticipant', token, query(), {
      participantID: pid,
    });
    expect(answer.status).toBe(200);
    expect((await participants()).find((p) => p.pid === pid)?.waiting).toBe(false);
  });

  it('takes allowAll without participantID', async () => {
    await join(sim, meeting.conferenceID, { name: 'Waiting A', waiting: true });
    await join(sim, meeting.conferenceID, { name: 'Waiting B', waiting: true });
    const answer = await controlCall(sim, 'PUT', '/allowWaitingParticipant', token, query(), {
      allowAll: true,
    });
    expect(answer.status).toBe(200);
    expect((await participants()).every((p) => !p.waiting)).toBe(true);
  });

  it('still says what is missing when the body names nobody', async () => {
    expectError(
      await controlCall(sim, 'PUT', '/allowWaitingParticipant', token, query(), {}),
      400,
      'MMC.111070001',
      'body.participantID',
    );
  });
});

describe('a stale, expired or unknown control token', () => {
  const PUBLISHED = { error_code: 'MMC.111072065', error_msg: 'CONF_NOT_FOUND_OR_AUTH_FAILED' };

  async function expectConfAuthFailed(controlToken: string | undefined): Promise<void> {
    const answer = await rawCall(
      sim,
      'GET',
      `/v1/mmc/control/conferences/realTimeInfo?conferenceID=${meeting.conferenceID}`,
      controlToken === undefined ? {} : { headers: { 'X-Conference-Authorization': controlToken } },
    );
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ ...PUBLISHED, request_id: expect.any(String) });
  }

  it('answers HTTP 400 MMC.111072065 for an unknown or missing token', async () => {
    await expectConfAuthFailed('not-a-token');
    await expectConfAuthFailed(`Basic ${Buffer.from('not-a-token').toString('base64')}`);
    await expectConfAuthFailed(undefined);
  });

  it('answers HTTP 400 MMC.111072065 for an expired token', async () => {
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 31 * 60_000 } });
    await expectConfAuthFailed(token);
  });

  it('answers HTTP 400 MMC.111072065 once the meeting ended and its tokens with it', async () => {
    const ended = await controlCall(sim, 'PUT', '/stop', token, query());
    expect(ended.status).toBe(200);
    await expectConfAuthFailed(token);
  });
});

describe('clientRecMode', () => {
  it('0 lets only the host record locally, 1 everyone, 2 some participants', async () => {
    const host = await join(sim, meeting.conferenceID, { name: 'Host', role: 1 });
    const guest = await join(sim, meeting.conferenceID, { name: 'Guest', waiting: false });
    const { client } = await subscribedClient(sim, meeting, ['ConfDynamicInfoNotify', 'ParticipantsNotify']);
    try {
      const dynamic = await client.takeAction('ConfDynamicInfoNotify', 0);
      expect(dynamic.clientRecMode).toBe(0);
      const list = await client.takeAction('ParticipantsNotify', 0);
      const allowed = (frame: Frame, pid: string) =>
        frame.data.find((p: Frame) => p.pid === pid)?.pinfoMap.ALLOW_CLIENT_REC;
      expect(allowed(list, host)).toBe('1');
      expect(allowed(list, guest)).toBe('0');

      const set = (clientRecMode: number) =>
        controlCall(sim, 'PUT', '/updateStartedConfConfig', token, query(), { clientRecMode });
      expect((await set(1)).status).toBe(200);
      expect((await client.takeAction('ConfDynamicInfoNotify', 1)).clientRecMode).toBe(1);
      expect(allowed(await client.takeAction('ParticipantsNotify', 1), guest)).toBe('1');

      expect((await set(2)).status).toBe(200);
      expect((await client.takeAction('ConfDynamicInfoNotify', 1)).clientRecMode).toBe(2);
      expect(allowed(await client.takeAction('ParticipantsNotify', 1), guest)).toBe('0');

      expectError(await set(3), 400, 'MMC.111070001', 'body.clientRecMode');
    } finally {
      client.close();
    }
  });
});

describe('in-meeting settings in the pushed status', () => {
  // Each A.4.11 setting (and live streaming) as the status increment that follows it carries it.
  const cases: Array<[string, string, Record<string, number>, Record<string, number>]> = [
    ['updateStartedConfConfig', '/updateStartedConfConfig', { chatPermission: 2 }, { chatPermission: 2 }],
    ['updateStartedConfConfig', '/updateStartedConfConfig', { chatPermission: 1 }, { forbiddenChat: 1 }],
    ['updateStartedConfConfig', '/updateStartedConfConfig', { allowOpenCamera: 0 }, { allowOpenCamera: 0 }],
    ['updateStartedConfConfig', '/updateStartedConfConfig', { allowRename: 0 }, { allowRename: 0 }],
    ['updateStartedConfConfig', '/updateStartedConfConfig', { freeShare: 1 }, { freeShare: 1 }],
    [
      'updateStartedConfConfig',
      '/updateStartedConfConfig',
      { audienceCallInRestriction: 2 },
      { audienceCallInRestriction: 2 },
    ],
    [
      'updateStartedConfConfig',
      '/updateStartedConfConfig',
      { callInRestriction: 3 },
      { callInRestriction: 3 },
    ],
    ['live', '/live', { isLive: 1 }, { liveState: 1 }],
  ];

  it.each(cases)('%s %j carries %j', async (_, path, body, pushed) => {
    const { client } = await subscribedClient(sim, meeting, ['ConfDynamicInfoNotify']);
    try {
      const full = await client.takeAction('ConfDynamicInfoNotify', 0);
      expect(full).toMatchObject({ chatPermission: 4, allowOpenCamera: 1, allowRename: 1, freeShare: 0 });
      expect((await controlCall(sim, 'PUT', path, token, query(), body)).status).toBe(200);
      expect(await client.takeAction('ConfDynamicInfoNotify', 1)).toMatchObject(pushed);
    } finally {
      client.close();
    }
  });
});
