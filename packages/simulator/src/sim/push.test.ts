import { parseServerFrame } from '@hwmeeting/events/wire';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SimErrorCode } from '../http/errors.js';
import { type Simulator, startSimulator } from '../server.js';
import {
  type ControlAccess,
  controlCall,
  createRunningMeeting,
  join,
  type PushTestClient,
  subscribedClient,
  type TestMeeting,
} from '../testing/pushClient.js';
import { expectError, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;
const clients: PushTestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await sim.close();
});

interface Room {
  meeting: TestMeeting;
  id: string;
  bob: string;
  client: PushTestClient;
  access: ControlAccess;
}

/** A running meeting with bob in it and a client subscribed to participants and status. */
async function room(): Promise<Room> {
  const meeting = await createRunningMeeting(sim);
  const bob = await join(sim, meeting.conferenceID, { userId: 'bob' });
  const { client, access } = await subscribedClient(sim, meeting, [
    'ParticipantsNotify',
    'ConfDynamicInfoNotify',
  ]);
  clients.push(client);
  await client.takeAction('ParticipantsNotify', 0);
  await client.takeAction('ConfDynamicInfoNotify', 0);
  return { meeting, id: meeting.conferenceID, bob, client, access };
}

function mute({ id, bob, access }: Room, isMute: 0 | 1) {
  return controlCall(
    sim,
    'PUT',
    '/participants/mute',
    access.token,
    { conferenceID: id, participantID: bob },
    { isMute },
  );
}

const push = (id: string, action: string) => `/__sim/meetings/${id}/push/${action}`;

describe('push test control', () => {
  it('lists open push connections with what they subscribed and how far they counted', async () => {
    const r = await room();
    await mute(r, 1);
    await r.client.takeAction('ParticipantsNotify', 1);
    const listed = await rawCall(sim, 'GET', `/__sim/push/connections?conferenceID=${r.id}`);
    expect(listed.status).toBe(200);
    expect(listed.json.connections).toEqual([
      expect.objectContaining({
        conferenceID: r.id,
        subscribed: ['ParticipantsNotify', 'ConfDynamicInfoNotify'],
        increments: { ParticipantsNotify: 1, ConfDynamicInfoNotify: 0 },
        answersHeartbeats: true,
        silent: false,
      }),
    ]);
    // No token ever appears in the listing.
    expect(JSON.stringify(listed.json)).not.toContain(r.access.token);
    const all = await rawCall(sim, 'GET', '/__sim/push/connections');
    expect(all.json.connections.length).toBeGreaterThanOrEqual(1);
  });

  it('drops the meeting’s sockets without a closing frame', async () => {
    const r = await room();
    const dropped = await rawCall(sim, 'POST', push(r.id, 'drop'));
    expect(dropped.json).toEqual({ dropped: 1 });
    expect((await r.client.waitClosed()).code).toBe(1006);
    const listed = await rawCall(sim, 'GET', `/__sim/push/connections?conferenceID=${r.id}`);
    expect(listed.json.connections).toEqual([]);
    // A fresh connection works and gets a fresh snapshot.
    const again = await subscribedClient(sim, r.meeting, ['ParticipantsNotify']);
    clients.push(again.client);
    expect((await again.client.takeAction('ParticipantsNotify', 0)).data).toHaveLength(1);
  });

  it('skips the next increment number of one type only', async () => {
    const r = await room();
    const skip = await rawCall(sim, 'POST', push(r.id, 'skip'), { body: { type: 'ParticipantsNotify' } });
    expect(skip.json).toEqual({ affected: 1 });
    await mute(r, 1);
    await mute(r, 0);
    await controlCall(sim, 'PUT', '/lock', r.access.token, { conferenceID: r.id }, { isLock: 1 });
    expect((await r.client.takeAction('ParticipantsNotify', 1)).version).toBe(2);
    expect((await r.client.takeAction('ParticipantsNotify', 1)).version).toBe(3);
    expect((await r.client.takeAction('ConfDynamicInfoNotify', 1)).version).toBe(1);
  });

  it.each([
    ['not-json', 'not-json'],
    ['no-action', 'no-action'],
    ['schema', 'schema'],
  ] as const)('sends a malformed frame of kind %s', async (kind, reason) => {
    const r = await room();
    const sent = await rawCall(sim, 'POST', push(r.id, 'malformed'), { body: { kind } });
    expect(sent.json).toEqual({ sent: 1, kind });
    await r.client.take(() => true, 'the malformed frame');
    const text = r.client.texts.at(-1) ?? '';
    const parsed = parseServerFrame(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.reason).toBe(reason);
  });

  it('sends a binary frame, and a not-JSON one by default', async () => {
    const r = await room();
    await rawCall(sim, 'POST', push(r.id, 'malformed'), { body: { kind: 'binary' } });
    expect(await r.client.take(() => true, 'the binary frame')).toBe('<binary>');
    await rawCall(sim, 'POST', push(r.id, 'malformed'));
    await r.client.take(() => true, 'the default malformed frame');
    expect(() => JSON.parse(r.client.texts.at(-1) ?? '')).toThrow();
  });

  it('stops answering heartbeats, and with silent also withholds pushes, until told otherwise', async () => {
    const r = await room();
    const stop = await rawCall(sim, 'PUT', push(r.id, 'heartbeats'), {
      body: { answer: false, silent: true },
    });
    expect(stop.json).toEqual({ affected: 1, answer: false, silent: true });
    r.client.send({ action: 'HeartBeat', sequence: '000000000000000000000000000001' });
    // Wait until the server has read it, then change the state while the socket is silent.
    await expect
      .poll(async () => {
        const listed = await rawCall(sim, 'GET', `/__sim/push/connections?conferenceID=${r.id}`);
        return listed.json.connections[0]?.heartbeatsReceived;
      })
      .toBe(1);
    await mute(r, 1);
    const resume = await rawCall(sim, 'PUT', push(r.id, 'heartbeats'), { body: { answer: true } });
    expect(resume.json).toEqual({ affected: 1, answer: true, silent: false });
    r.client.send({ action: 'HeartBeat', sequence: '000000000000000000000000000002' });
    expect((await r.client.takeAction('HeartBeat')).sequence).toBe('000000000000000000000000000002');
    await mute(r, 0);
    // The increment sent while silent never arrived: the client sees a gap (2 after the full frame).
    expect((await r.client.takeAction('ParticipantsNotify', 1)).version).toBe(2);
    expect(r.client.all('HeartBeat')).toHaveLength(1);
  });

  it('refuses bad bodies and unknown meetings in the published error shape', async () => {
    const r = await room();
    expectError(
      await rawCall(sim, 'POST', push(r.id, 'skip'), { body: { type: 'NoSuchNotify' } }),
      400,
      SimErrorCode.MMC_BAD_REQUEST,
      'body.type',
    );
    expectError(
      await rawCall(sim, 'PUT', push(r.id, 'heartbeats'), { body: { answer: 'no' } }),
      400,
      SimErrorCode.MMC_BAD_REQUEST,
      'body.answer',
    );
    expectError(
      await rawCall(sim, 'POST', push('999999999', 'drop')),
      400,
      SimErrorCode.MMC_MEETING_NOT_FOUND,
    );
    expectError(
      await rawCall(sim, 'POST', push(r.id, 'speak'), { body: { pid: 'nobody' } }),
      400,
      SimErrorCode.MMC_PARTICIPANT_NOT_FOUND,
    );
  });
});
