import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
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
  webSocketToken,
} from '../testing/pushClient.js';
import { loginAs, rawCall } from '../testing/rawHttp.js';
import { PUSH_PATH } from './socketServer.js';

let sim: Simulator;
const clients: PushTestClient[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 30 });
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(async () => {
  await sim.close();
});

async function open(url: string): Promise<PushTestClient> {
  const client = await PushTestClient.open(url);
  clients.push(client);
  return client;
}

/** A running meeting, a host control token and a fresh WebSocket token. */
async function ready(target: Simulator = sim) {
  const meeting = await createRunningMeeting(target);
  const access = await controlAccess(target, meeting.conferenceID, meeting.chairPassword);
  const tmpToken = await webSocketToken(target, meeting.conferenceID, access.token);
  return { meeting, id: meeting.conferenceID, access, tmpToken };
}

function heartBeat(sequence: string) {
  return JSON.stringify({ sequence: sequence.padStart(30, '0'), action: 'HeartBeat' });
}

describe('connecting', () => {
  it('answers HTTP 404 to an upgrade on any other path', async () => {
    const { id, access, tmpToken } = await ready();
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(
        `${access.wsURL}/cms/open/websocket/other?confID=${id}&tmpToken=${tmpToken}`,
      );
      socket.once('unexpected-response', (_req, res) => {
        resolve(res.statusCode ?? 0);
        socket.terminate();
      });
      socket.once('open', () => reject(new Error('opened')));
      socket.once('error', () => {});
    });
    expect(status).toBe(404);
    // The token was not spent on the wrong path.
    const client = await open(pushURL(access.wsURL, id, tmpToken));
    client.send(heartBeat('1'));
    await client.takeAction('HeartBeat');
  });

  it('closes with 1008 for an unknown tmpToken, a reused one, an expired one and another meeting’s', async () => {
    const { id, access, tmpToken } = await ready();
    const unknown = await open(pushURL(access.wsURL, id, 'no-such-token'));
    expect(await unknown.waitClosed()).toMatchObject({ code: 1008 });

    const first = await open(pushURL(access.wsURL, id, tmpToken));
    const reused = await open(pushURL(access.wsURL, id, tmpToken));
    expect(await reused.waitClosed()).toMatchObject({ code: 1008 });
    first.send(heartBeat('2'));
    await first.takeAction('HeartBeat');

    const stale = await webSocketToken(sim, id, access.token);
    expect((await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 61_000 } })).status).toBe(200);
    const expired = await open(pushURL(access.wsURL, id, stale));
    expect(await expired.waitClosed()).toMatchObject({ code: 1008 });

    const other = await ready();
    const wrongMeeting = await open(pushURL(access.wsURL, id, other.tmpToken));
    expect(await wrongMeeting.waitClosed()).toMatchObject({ code: 1008 });
  });

  it('accepts the tmpWsToken of the control-token answer, once', async () => {
    const { id, access } = await ready();
    const client = await open(pushURL(access.wsURL, id, access.tmpWsToken));
    client.send(subscribeFrame(['ConfDynamicInfoNotify'], access.token));
    expect((await client.takeAction('Subscribe')).data.returnCode).toBe(0);
    const again = await open(pushURL(access.wsURL, id, access.tmpWsToken));
    expect(await again.waitClosed()).toMatchObject({ code: 1008 });
  });

  it('closes with 1008 when the meeting is not in progress', async () => {
    const { id, access, tmpToken } = await ready();
    expect((await controlCall(sim, 'PUT', '/stop', access.token, { conferenceID: id })).status).toBe(200);
    const client = await open(pushURL(access.wsURL, id, tmpToken));
    expect(await client.waitClosed()).toMatchObject({ code: 1008 });
  });
});

describe('heartbeats', () => {
  it('echoes the same HeartBeat frame, before and after Subscribe', async () => {
    const { id, access, tmpToken } = await ready();
    const client = await open(pushURL(access.wsURL, id, tmpToken));
    client.send(heartBeat('1611993655770'));
    await client.takeAction('HeartBeat');
    expect(client.texts[0]).toBe(heartBeat('1611993655770'));
    client.send(subscribeFrame(['ConfDynamicInfoNotify'], access.token));
    await client.takeAction('ConfDynamicInfoNotify');
    client.send(heartBeat('1611993655771'));
    expect(await client.takeAction('HeartBeat')).toEqual(JSON.parse(heartBeat('1611993655771')));
  });

  it('closes with 4000 when no heartbeat arrives in time, and heartbeats keep a socket open', async () => {
    const quick = await startSimulator({ seed: 'demo', heartbeatTimeoutMs: 150 });
    try {
      const silent = await ready(quick);
      const lively = await ready(quick);
      const started = Date.now();
      const idle = await open(pushURL(silent.access.wsURL, silent.id, silent.tmpToken));
      const alive = await open(pushURL(lively.access.wsURL, lively.id, lively.tmpToken));
      let beat = 0;
      const beating = setInterval(() => alive.send(heartBeat(String(++beat))), 30);
      try {
        expect(await idle.waitClosed()).toMatchObject({ code: 4000 });
        expect(Date.now() - started).toBeGreaterThanOrEqual(140);
        // Well past the timeout, the socket that beats is still open and answered.
        await alive.take((f) => f.action === 'HeartBeat' && Number(f.sequence) >= 12, 'the twelfth echo');
        expect(alive.socket.readyState).toBe(WebSocket.OPEN);
      } finally {
        clearInterval(beating);
      }
    } finally {
      await quick.close();
    }
  });

  it('counts the simulated clock too: advancing it past the timeout closes with 4000', async () => {
    const { id, access, tmpToken } = await ready();
    const client = await open(pushURL(access.wsURL, id, tmpToken));
    client.send(heartBeat('1'));
    await client.takeAction('HeartBeat');
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 120_000 } });
    client.send(heartBeat('2'));
    await client.takeAction('HeartBeat');
    // 120 s + 120 s of simulated time, but never 180 s without a heartbeat.
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 120_000 } });
    client.send(heartBeat('3'));
    await client.takeAction('HeartBeat');
    await rawCall(sim, 'POST', '/__sim/clock/advance', { body: { ms: 181_000 } });
    expect(await client.waitClosed()).toMatchObject({ code: 4000 });
  });
});

describe('meeting end', () => {
  it('pushes state "Destroyed" as the next increment, then closes with 1001', async () => {
    const meeting = await createRunningMeeting(sim);
    const { client, access } = await subscribedClient(sim, meeting, ['ConfDynamicInfoNotify']);
    clients.push(client);
    const id = meeting.conferenceID;
    await client.takeAction('ConfDynamicInfoNotify', 0);
    await controlCall(sim, 'PUT', '/lock', access.token, { conferenceID: id }, { isLock: 1 });
    expect((await client.takeAction('ConfDynamicInfoNotify', 1)).version).toBe(1);
    expect((await controlCall(sim, 'PUT', '/stop', access.token, { conferenceID: id })).status).toBe(200);
    const destroyed = await client.takeAction('ConfDynamicInfoNotify', 1);
    expect(destroyed).toMatchObject({
      version: 2,
      state: 'Destroyed',
      confID: id,
      endTime: expect.any(String),
    });
    expect(await client.waitClosed()).toMatchObject({ code: 1001 });
  });

  it('closes with 1001 when a running meeting is cancelled', async () => {
    const meeting = await createRunningMeeting(sim);
    const { client } = await subscribedClient(sim, meeting, ['ParticipantsNotify']);
    clients.push(client);
    const cancel = await rawCall(
      sim,
      'DELETE',
      `/v1/mmc/management/conferences?conferenceID=${meeting.conferenceID}&type=1`,
      {
        token: await loginAs(sim),
      },
    );
    expect(cancel.status).toBe(200);
    expect(await client.waitClosed()).toMatchObject({ code: 1001 });
  });

  it('drops every push socket when the simulator closes', async () => {
    const own = await startSimulator({ seed: 'demo' });
    const { id, access, tmpToken } = await ready(own);
    const client = await open(pushURL(access.wsURL, id, tmpToken));
    await own.close();
    expect((await client.waitClosed()).code).toBe(1006);
  });
});

/** A small seeded generator, so that a failing fuzz run can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Malformed client frames: garbage, wrong shapes, broken JSON, wrong types, truncations of valid frames. */
function malformedFrames(count: number, id: string): Array<string | Buffer> {
  const random = prng(20240607);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const junk = () =>
    Array.from({ length: Math.floor(random() * 40) }, () =>
      String.fromCharCode(Math.floor(random() * 0xffff)),
    ).join('');
  const values: unknown[] = [null, 0, -1, 1.5, '', 'x', true, [], {}, [1, 'a'], { a: { b: [] } }, '{"x":'];
  // A well-formed Subscribe with a bad token would rightly close the socket: it is only ever truncated here.
  const harmless = [
    heartBeat('1'),
    JSON.stringify({ action: 'ConfControl', sequence: '1', type: 'REALTIMESUBTITLE', data: '{}' }),
  ];
  const valid = [...harmless, JSON.stringify(subscribeFrame(['ParticipantsNotify'], 'token'))];
  const makers: Array<() => string | Buffer> = [
    junk,
    () => Buffer.from(Array.from({ length: 16 }, () => Math.floor(random() * 256))),
    () => JSON.stringify(pick(values)),
    () => JSON.stringify({ action: pick(values) }),
    () => JSON.stringify({ action: 'HeartBeat', sequence: pick(values) }),
    // Subscribe frames whose data never parses: not JSON, not an object, no types, no token.
    () =>
      JSON.stringify({ action: 'Subscribe', sequence: '1', data: pick(['{oops', '[]', '1', '""', '{}']) }),
    () =>
      JSON.stringify({
        action: 'Subscribe',
        sequence: pick(values),
        data: { subscribeType: pick([[], 'ParticipantsNotify', [1], null]), confToken: pick(['', 5, null]) },
      }),
    () =>
      JSON.stringify({
        action: 'ConfControl',
        sequence: '1',
        type: pick(['REALTIMESUBTITLE', 'REFRESHTOKEN', '', 7]),
        data: pick(['{', JSON.stringify({ conferenceID: id, confToken: 'nope', isSubtitle: 'x' }), 3, null]),
      }),
    () => {
      const text = pick(valid);
      return text.slice(0, Math.floor(random() * (text.length - 1)));
    },
    () => `${pick(harmless)}${junk()}`,
    () => '['.repeat(Math.floor(random() * 500)),
  ];
  return Array.from({ length: count }, () => (pick(makers) as () => string | Buffer)());
}

describe('fuzz', () => {
  it('survives thousands of malformed client frames; the connection and the server stay usable', async () => {
    const meeting = await createRunningMeeting(sim);
    const id = meeting.conferenceID;
    const bob = await join(sim, id, { userId: 'bob' });
    const { client, access } = await subscribedClient(sim, meeting, ['ParticipantsNotify']);
    clients.push(client);
    await client.takeAction('ParticipantsNotify', 0);
    const frames = malformedFrames(3000, id);
    for (const frame of frames) client.socket.send(frame);
    client.send(heartBeat('424242'));
    await client.take((f: Frame) => f.action === 'HeartBeat' && f.sequence.endsWith('424242'), 'the echo');
    expect(client.socket.readyState).toBe(WebSocket.OPEN);

    // Increments still flow, numbered as before.
    const mute = await controlCall(
      sim,
      'PUT',
      '/participants/mute',
      access.token,
      { conferenceID: id, participantID: bob },
      { isMute: 1 },
    );
    expect(mute.status).toBe(200);
    expect(await client.takeAction('ParticipantsNotify', 1)).toMatchObject({ version: 1 });
    const listed = await rawCall(sim, 'GET', `/__sim/push/connections?conferenceID=${id}`);
    expect(listed.json.connections[0].ignoredFrames).toBeGreaterThan(2500);

    // The server still answers REST and opens new sockets.
    const fresh = await open(pushURL(access.wsURL, id, await webSocketToken(sim, id, access.token)));
    fresh.send(heartBeat('1'));
    await fresh.takeAction('HeartBeat');
    expect(PUSH_PATH).toBe('/cms/open/websocket/confctl/increment/conn');
  });
});
