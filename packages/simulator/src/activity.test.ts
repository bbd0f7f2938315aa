import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityAction, ActivityStatus } from './activity.js';
import { type Simulator, type SimulatorOptions, startSimulator } from './server.js';
import type { StoreChange } from './state/store.js';
import { type Loose, rawCall } from './testing/rawHttp.js';

const open: Simulator[] = [];

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({ seed: 'demo', ...options });
  open.push(sim);
  return sim;
}

afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

async function control(sim: Simulator, method: string, path: string, body?: unknown): Promise<Loose> {
  const answer = await rawCall(sim, method, `/__sim${path}`, body === undefined ? {} : { body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  return answer.json;
}

const step = async (sim: Simulator, body: unknown): Promise<ActivityAction[]> =>
  (await control(sim, 'POST', '/activity/step', body)).actions;

/** The running demo meeting ("All hands"). */
function allHands(sim: Simulator) {
  const meeting = [...sim.store.meetings.values()].find((m) => m.subject === 'All hands');
  if (!meeting?.live) throw new Error('the demo seed has All hands in progress');
  return meeting as typeof meeting & { live: NonNullable<typeof meeting.live> };
}

/** Polls `ready` until it holds (bounded). */
async function until(ready: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('activity driver', () => {
  it('is off by default', async () => {
    const sim = await simulator();
    const status: ActivityStatus = await control(sim, 'GET', '/activity');
    expect(status).toEqual({ running: false, steps: 0, intervalMs: 1500, seed: 'activity' });
    expect(allHands(sim).live.participants.size).toBe(0);
  });

  it('steps deterministically with a seed', async () => {
    const a = await simulator();
    const b = await simulator();
    const first = await step(a, { count: 60, seed: 'fixed' });
    const second = await step(b, { count: 60, seed: 'fixed' });
    expect(first).toHaveLength(60);
    expect(second).toEqual(first);
    const other = await simulator();
    expect(await step(other, { count: 60, seed: 'another' })).not.toEqual(first);
  });

  it('brings people in, makes them speak (with captions text), raise hands, mute and leave, within bounds', async () => {
    const sim = await simulator();
    const changes: StoreChange[] = [];
    sim.store.events.on('change', (change) => changes.push(change));
    const actions = await step(sim, { count: 300, seed: 'busy' });
    const kinds = new Set(actions.map((a) => a.kind));
    expect(kinds).toEqual(new Set(['join', 'leave', 'speak', 'hand', 'mute']));
    const meeting = allHands(sim);
    const present = [...meeting.live.participants.values()];
    expect(present.length).toBeGreaterThanOrEqual(2);
    expect(present.length).toBeLessThanOrEqual(8);
    expect(present.filter((p) => p.role === 1)).toHaveLength(1);
    // What the actions say happened is what the state announced.
    const count = (kind: string) => changes.filter((c) => c.kind === kind).length;
    expect(count('participant.joined')).toBe(actions.filter((a) => a.kind === 'join' && !a.refused).length);
    expect(count('participant.left')).toBe(actions.filter((a) => a.kind === 'leave').length);
    const speaking = changes.filter((c) => c.kind === 'participant.speaking');
    expect(speaking).toHaveLength(actions.filter((a) => a.kind === 'speak').length);
    for (const change of speaking) {
      expect(change.conferenceID).toBe(meeting.conferenceID);
      expect(change.detail).toEqual({
        pid: expect.any(String),
        volume: expect.any(Number),
        text: expect.any(String),
      });
    }
    // The participants the test-control route lists are the ones the driver left in.
    const listed = await control(sim, 'GET', `/meetings/${meeting.conferenceID}/participants`);
    expect(listed.participants.map((p: { pid: string }) => p.pid).sort()).toEqual(
      present.map((p) => p.pid).sort(),
    );
    expect((await control(sim, 'GET', '/activity')).steps).toBe(300);
  });

  it('respects configured bounds', async () => {
    const sim = await simulator({
      activity: { minParticipants: 4, maxParticipants: 4, intervalMs: 3_600_000 },
    });
    await step(sim, { count: 100 });
    expect(allHands(sim).live.participants.size).toBe(4);
  });

  it('idles when no meeting is in progress', async () => {
    const sim = await simulator({ seed: 'empty' });
    expect(await step(sim, { count: 3 })).toEqual([{ kind: 'idle' }, { kind: 'idle' }, { kind: 'idle' }]);
  });

  it('runs at its pace when started, and stops', async () => {
    const sim = await simulator();
    const started: ActivityStatus = await control(sim, 'POST', '/activity/start', { intervalMs: 10 });
    expect(started.running).toBe(true);
    expect(started.intervalMs).toBe(10);
    await until(async () => (await control(sim, 'GET', '/activity')).steps >= 5);
    const stopped: ActivityStatus = await control(sim, 'POST', '/activity/stop');
    expect(stopped.running).toBe(false);
    await new Promise((r) => setTimeout(r, 50));
    expect((await control(sim, 'GET', '/activity')).steps).toBe(stopped.steps);
    expect(allHands(sim).live.participants.size).toBeGreaterThanOrEqual(2);
  });

  it('starts with the simulator when asked', async () => {
    const sim = await simulator({ activity: { intervalMs: 10, seed: 'boot' } });
    expect(await control(sim, 'GET', '/activity')).toMatchObject({
      running: true,
      seed: 'boot',
      intervalMs: 10,
    });
    await until(() => allHands(sim).live.participants.size >= 2);
  });
});
