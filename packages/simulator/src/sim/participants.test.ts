import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { SEED_ACCOUNTS } from '../state/seed.js';
import type { StoreChange } from '../state/store.js';
import { addAlicesMeeting } from '../testing/meetings.js';
import { expectError, type Loose, rawCall } from '../testing/rawHttp.js';

let sim: Simulator;
const changes: StoreChange[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo', answerDelayMs: 40 });
  sim.store.events.on('change', (change) => changes.push(change));
});
afterAll(async () => {
  await sim.close();
});

const addMeeting = (options: { scheduled?: boolean } = {}) => addAlicesMeeting(sim.store, options);

async function join(conferenceID: string, body: Record<string, unknown>): Promise<Loose> {
  const answer = await rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/participants`, { body });
  expect(answer.status).toBe(200);
  return answer.json;
}

describe('test control (/__sim/meetings/{id}/participants)', () => {
  it('a first participant starts a scheduled meeting; others join, speak, raise hands, leave', async () => {
    const meeting = addMeeting({ scheduled: true });
    const id = meeting.conferenceID;
    const first = await join(id, { userId: 'bob' });
    expect(meeting.state).toBe('Created');
    expect(first).toMatchObject({ name: SEED_ACCOUNTS.bob.name, state: 0, role: 0 });
    const second = await join(id, { name: 'Zed', number: '+8613000000000', video: 0 });
    expect(second.pid).not.toBe(first.pid);
    changes.length = 0;
    expect(
      (
        await rawCall(sim, 'POST', `/__sim/meetings/${id}/participants/${second.pid}/speak`, {
          body: { volume: 80 },
        })
      ).status,
    ).toBe(200);
    expect(changes).toContainEqual({
      kind: 'participant.speaking',
      conferenceID: id,
      detail: { pid: second.pid, volume: 80 },
    });
    expect(
      (
        await rawCall(sim, 'POST', `/__sim/meetings/${id}/participants/${second.pid}/hand`, {
          body: { up: true },
        })
      ).json.handUp,
    ).toBe(true);
    const listed = await rawCall(sim, 'GET', `/__sim/meetings/${id}/participants`);
    expect(listed.json.participants.map((p: { pid: string }) => p.pid)).toEqual([first.pid, second.pid]);
    expect((await rawCall(sim, 'DELETE', `/__sim/meetings/${id}/participants/${first.pid}`)).status).toBe(
      200,
    );
    expect((await rawCall(sim, 'DELETE', `/__sim/meetings/${id}/participants/${first.pid}`)).status).toBe(
      400,
    );
    expect((await rawCall(sim, 'GET', `/__sim/meetings/${id}/participants`)).json.participants).toHaveLength(
      1,
    );
  });

  it('refuses unknown users, nameless joins and unknown meetings', async () => {
    const { conferenceID } = addMeeting();
    expectError(
      await rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/participants`, {
        body: { userId: 'nobody' },
      }),
      400,
      'USG.201040000',
    );
    expectError(
      await rawCall(sim, 'POST', `/__sim/meetings/${conferenceID}/participants`, { body: {} }),
      400,
      'MMC.111070001',
      'name',
    );
    expectError(
      await rawCall(sim, 'POST', '/__sim/meetings/1/participants', { body: { name: 'A' } }),
      400,
      'MMC.111070005',
    );
  });
});
