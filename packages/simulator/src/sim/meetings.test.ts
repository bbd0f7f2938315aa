import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { addAlicesMeeting } from '../testing/meetings.js';
import { expectError, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
});
afterAll(async () => {
  await sim.close();
});

const end = (conferenceID: string, body?: unknown) =>
  rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/end`, body === undefined ? {} : { body });

describe('/__sim/meetings/{id}/end', () => {
  it('ends a running meeting into history, with a recording when asked', async () => {
    const meeting = addAlicesMeeting(sim.store);
    const answer = await end(meeting.conferenceID, { hasRecordFile: true });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ conferenceID: meeting.conferenceID, confUUID: expect.any(String) });
    expect(meeting.state).toBe('Destroyed');
    const run = sim.store.history.find((entry) => entry.confUUID === answer.json.confUUID);
    expect(run).toMatchObject({ conferenceID: meeting.conferenceID, hasRecordFile: true });
  });

  it('refuses a meeting not in progress, an unknown meeting and a bad body', async () => {
    const scheduled = addAlicesMeeting(sim.store, { scheduled: true });
    expectError(await end(scheduled.conferenceID), 400, 'MMC.111072005');
    expectError(await end('123456789'), 400, 'MMC.111070005');
    const running = addAlicesMeeting(sim.store);
    expectError(
      await end(running.conferenceID, { hasRecordFile: 'yes' }),
      400,
      'MMC.111070001',
      'hasRecordFile',
    );
  });
});
