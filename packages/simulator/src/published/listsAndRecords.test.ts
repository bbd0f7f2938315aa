// published-behaviour.md §2 "Lists and records", through the published REST paths.
import {
  conferenceDetailSchema,
  conferencePageSchema,
  corpDirPageSchema,
  searchUsersPageSchema,
  userDetailSchema,
} from '@hwmeeting/client/wire';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { expectError, loginAs, rawCall } from '../testing/rawHttp.js';

const CONFERENCES = '/v1/mmc/management/conferences';
const MEMBER = '/v1/usg/dcs/corp/member';
const LIST = '/v1/usg/abs/users/list';

let sim: Simulator;
let admin: string;

beforeEach(async () => {
  // A fresh enterprise per test: some of these delete users.
  sim = await startSimulator({ seed: 'demo' });
  admin = await loginAs(sim);
});
afterEach(async () => {
  await sim.close();
});

describe('conferenceState in lists', () => {
  it('answers only Created or Schedule in M4 and M5, while history keeps Destroyed', async () => {
    const allHands = [...sim.store.meetings.values()].find((m) => m.subject === 'All hands');
    if (!allHands) throw new Error('the demo seed has All hands');
    // A meeting being set up: the server's own transient state.
    allHands.state = 'Creating';
    const page = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', `${CONFERENCES}?queryAll=true`, { token: admin })).json,
    );
    expect(page.count).toBeGreaterThan(0);
    for (const meeting of page.data) expect(['Created', 'Schedule']).toContain(meeting.conferenceState);
    expect(page.data.find((m) => m.conferenceID === allHands.conferenceID)?.conferenceState).toBe('Created');
    allHands.state = 'Created';
    const now = sim.clock.now();
    const history = conferencePageSchema.parse(
      (
        await rawCall(
          sim,
          'GET',
          `${CONFERENCES}/history?queryAll=true&startDate=${now - 7 * 86_400_000}&endDate=${now}`,
          { token: admin },
        )
      ).json,
    );
    expect(history.data.map((m) => m.conferenceState)).toContain('Destroyed');
  });
});

describe('limit above 500', () => {
  it('is clamped to 500, not refused, in the meeting lists', async () => {
    const now = sim.clock.now();
    for (const path of [
      `${CONFERENCES}?limit=1000`,
      `${CONFERENCES}/online?limit=501`,
      `${CONFERENCES}/history?startDate=${now - 86_400_000 * 7}&endDate=${now}&limit=100000`,
    ]) {
      const answer = await rawCall(sim, 'GET', path, { token: admin });
      expect(answer.status, path).toBe(200);
      expect(conferencePageSchema.parse(answer.json).limit).toBe(500);
    }
  });

  it('is clamped to 500 in the user lists', async () => {
    const users = await rawCall(sim, 'GET', `${MEMBER}?limit=600`, { token: admin });
    expect(searchUsersPageSchema.parse(users.json).limit).toBe(500);
    const directory = await rawCall(sim, 'GET', '/v1/usg/abs/users?limit=9999', { token: admin });
    expect(corpDirPageSchema.parse(directory.json).limit).toBe(500);
  });

  it('still refuses a limit that is not a positive number', async () => {
    for (const limit of ['0', '-1', 'lots']) {
      expectError(
        await rawCall(sim, 'GET', `${CONFERENCES}?limit=${limit}`, { token: admin }),
        400,
        'MMC.111070001',
        'query.limit',
      );
    }
  });
});

describe('U5 batch delete is all or nothing', () => {
  it('refuses the whole batch for one unknown account and deletes nobody', async () => {
    const before = sim.store.users.size;
    expectError(
      await rawCall(sim, 'POST', `${MEMBER}/delete?accountType=1`, {
        token: admin,
        body: ['carol', 'nobody-here', 'dave'],
      }),
      400,
      'USG.201040000',
      'nobody-here',
    );
    expect(sim.store.users.size).toBe(before);
    expect(sim.store.userByThirdAccount('carol')).toBeDefined();
    expect(sim.store.userByThirdAccount('dave')).toBeDefined();
    const deleted = await rawCall(sim, 'POST', `${MEMBER}/delete?accountType=1`, {
      token: admin,
      body: ['carol', 'dave'],
    });
    expect(deleted.status).toBe(200);
    expect(sim.store.users.size).toBe(before - 2);
  });
});

describe('U9 batch user details', () => {
  it('requires idType', async () => {
    const alice = sim.store.userByThirdAccount('alice');
    expectError(
      await rawCall(sim, 'POST', LIST, { token: admin, body: [{ id: alice?.id }] }),
      400,
      'USG.000000001',
      'query.idType',
    );
    const ok = await rawCall(sim, 'POST', `${LIST}?idType=USER_ID`, {
      token: admin,
      body: [{ id: alice?.id }],
    });
    expect(ok.status).toBe(200);
    expect(ok.json[0]).toMatchObject({ statusCode: 0, name: 'Alice Li' });
  });

  it('takes at most 200 entries', async () => {
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `user-${i}` }));
    const most = await rawCall(sim, 'POST', `${LIST}?idType=THIRD_ACCOUNT`, {
      token: admin,
      body: entries(200),
    });
    expect(most.status).toBe(200);
    expect(most.json).toHaveLength(200);
    expectError(
      await rawCall(sim, 'POST', `${LIST}?idType=THIRD_ACCOUNT`, { token: admin, body: entries(201) }),
      400,
      'USG.000000001',
      'body',
    );
  });
});

describe('corp in a user detail', () => {
  it('is answered only when users query themselves', async () => {
    const mine = userDetailSchema.parse(
      (await rawCall(sim, 'GET', '/v1/usg/dcs/member', { token: admin })).json,
    );
    expect(mine.corp?.id).toBe(sim.store.corp.id);
    const own = userDetailSchema.parse(
      (await rawCall(sim, 'GET', `${MEMBER}/admin?accountType=1`, { token: admin })).json,
    );
    expect(own.corp?.id).toBe(sim.store.corp.id);
    const other = await rawCall(sim, 'GET', `${MEMBER}/alice?accountType=1`, { token: admin });
    expect(userDetailSchema.parse(other.json).name).toBe('Alice Li');
    expect(other.json).not.toHaveProperty('corp');
    const updated = await rawCall(sim, 'PUT', `${MEMBER}/alice?accountType=1`, {
      token: admin,
      body: { title: 'Lead' },
    });
    expect(updated.status).toBe(200);
    expect(updated.json).not.toHaveProperty('corp');
    const alicesOwn = await rawCall(sim, 'GET', '/v1/usg/dcs/member', { token: await loginAs(sim, 'alice') });
    expect(userDetailSchema.parse(alicesOwn.json).corp?.id).toBe(sim.store.corp.id);
  });
});

describe('passwordEntry by role', () => {
  it('gives the scheduler both, a host the host password, a guest the guest password', async () => {
    const review = [...sim.store.meetings.values()].find((m) => m.subject === 'Design review');
    if (!review) throw new Error('the demo seed has Design review');
    const detail = async (who: string) => {
      const answer = await rawCall(
        sim,
        'GET',
        `${CONFERENCES}/confDetail?conferenceID=${review.conferenceID}`,
        {
          token: await loginAs(sim, who),
        },
      );
      expect(answer.status).toBe(200);
      return conferenceDetailSchema.parse(answer.json).conferenceData.passwordEntry;
    };
    // alice scheduled it; bob is invited as host (role 1); carol as a guest.
    expect(await detail('alice')).toEqual([
      { conferenceRole: 'chair', password: review.chairPassword },
      { conferenceRole: 'general', password: review.guestPassword },
    ]);
    expect(await detail('bob')).toEqual([{ conferenceRole: 'chair', password: review.chairPassword }]);
    expect(await detail('carol')).toEqual([{ conferenceRole: 'general', password: review.guestPassword }]);
    // bob's list entry says the same as his detail.
    const bobs = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', CONFERENCES, { token: await loginAs(sim, 'bob') })).json,
    );
    expect(bobs.data.find((m) => m.conferenceID === review.conferenceID)?.passwordEntry).toEqual([
      { conferenceRole: 'chair', password: review.chairPassword },
    ]);
  });
});
