// published-behaviour.md §1 "Who may call what", through the published REST paths.
import { conferencePageSchema } from '@hwmeeting/client/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { formatMeetingTime } from '../state/meetingTime.js';
import { expectError, loginAs, rawCall } from '../testing/rawHttp.js';

const CONFERENCES = '/v1/mmc/management/conferences';
const FORBIDDEN = 'USG.000000403';

let sim: Simulator;
let admin: string;
let alice: string;
let bob: string;
let carol: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  [admin, alice, bob, carol] = await Promise.all([
    loginAs(sim),
    loginAs(sim, 'alice'),
    loginAs(sim, 'bob'),
    loginAs(sim, 'carol'),
  ]);
});
afterAll(async () => {
  await sim.close();
});

const inHours = (hours: number) =>
  formatMeetingTime(Math.ceil(sim.clock.now() / 3_600_000) * 3_600_000 + hours * 3_600_000);

describe('administrator-only reads refuse a member with 403 USG.000000403', () => {
  const adminOnly: Array<[string, string]> = [
    ['U2 query users', '/v1/usg/dcs/corp/member'],
    ['U3 user details', '/v1/usg/dcs/corp/member/bob?accountType=1'],
    ['D5 department and its children', '/v1/usg/dcs/member/dept/1'],
    ['D6 departments by name', '/v1/usg/dcs/member/dept?deptName=Eng'],
  ];

  it.each(adminOnly)('%s', async (_, path) => {
    expectError(await rawCall(sim, 'GET', path, { token: alice }), 403, FORBIDDEN);
    expect((await rawCall(sim, 'GET', path, { token: admin })).status).toBe(200);
  });
});

describe('open reads answer every member', () => {
  const open: Array<[string, string]> = [
    ['D4 department by code', '/v1/usg/abs/departments/1'],
    ['U8 corporate directory', '/v1/usg/abs/users'],
    ['U10 my info', '/v1/usg/dcs/member'],
  ];

  it.each(open)('%s', async (_, path) => {
    expect((await rawCall(sim, 'GET', path, { token: alice })).status).toBe(200);
  });
});

describe('M4, M5 and M8 for a member include the meetings they are invited to', () => {
  it('M4 lists the seeded review bob is invited to, next to his own series', async () => {
    const review = [...sim.store.meetings.values()].find((m) => m.subject === 'Design review');
    const page = conferencePageSchema.parse((await rawCall(sim, 'GET', CONFERENCES, { token: bob })).json);
    const subjects = page.data.map((m) => m.subject);
    expect(subjects).toContain('Weekly sync');
    expect(page.data.map((m) => m.conferenceID)).toContain(review?.conferenceID);
    // Dave is invited to nothing of alice's: her review is not his.
    const dave = await loginAs(sim, 'dave');
    const daves = conferencePageSchema.parse((await rawCall(sim, 'GET', CONFERENCES, { token: dave })).json);
    expect(daves.data.map((m) => m.subject)).toEqual(['Weekly sync']);
  });

  it('M5 lists a running meeting the member is invited to', async () => {
    const created = await rawCall(sim, 'POST', CONFERENCES, {
      token: admin,
      body: {
        subject: 'Running with carol',
        mediaTypes: 'HDVideo',
        length: 60,
        attendees: [{ accountId: 'carol', name: 'Carol Zhang', type: 'normal' }],
      },
    });
    expect(created.status).toBe(200);
    const id = created.json[0].conferenceID as string;
    const online = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', `${CONFERENCES}/online`, { token: carol })).json,
    );
    expect(online.data.map((m) => m.conferenceID)).toContain(id);
    const alices = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', `${CONFERENCES}/online`, { token: alice })).json,
    );
    expect(alices.data.map((m) => m.conferenceID)).not.toContain(id);
  });

  it('M8 lists an ended meeting the member was invited to', async () => {
    const now = sim.clock.now();
    const range = `startDate=${now - 7 * 86_400_000}&endDate=${now + 86_400_000}`;
    const history = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', `${CONFERENCES}/history?${range}`, { token: bob })).json,
    );
    // The seeded retrospective is alice's; bob was invited to it.
    expect(history.data.map((m) => m.subject)).toContain('Sprint retrospective');
    const daves = conferencePageSchema.parse(
      (await rawCall(sim, 'GET', `${CONFERENCES}/history?${range}`, { token: await loginAs(sim, 'dave') }))
        .json,
    );
    expect(daves.data.map((m) => m.subject)).not.toContain('Sprint retrospective');
  });
});

describe('M3 cancel someone else’s meeting', () => {
  async function scheduleAs(token: string, attendees: unknown[] = []): Promise<string> {
    const answer = await rawCall(sim, 'POST', CONFERENCES, {
      token,
      body: { subject: 'To cancel', mediaTypes: 'HDVideo', startTime: inHours(5), length: 30, attendees },
    });
    expect(answer.status).toBe(200);
    return answer.json[0].conferenceID;
  }

  it('an administrator cancels any meeting of the enterprise', async () => {
    const id = await scheduleAs(alice);
    expect((await rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${id}`, { token: admin })).status).toBe(
      200,
    );
    expect(sim.store.meetings.has(id)).toBe(false);
  });

  it('a member cancels only their own, not one they are invited to even as host', async () => {
    const id = await scheduleAs(alice, [{ accountId: 'bob', name: 'Bob Wang', role: 1, type: 'normal' }]);
    expectError(
      await rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${id}`, { token: bob }),
      400,
      'MMC.111070005',
    );
    expectError(
      await rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${id}`, { token: carol }),
      400,
      'MMC.111070005',
    );
    expect(sim.store.meetings.has(id)).toBe(true);
    expect((await rawCall(sim, 'DELETE', `${CONFERENCES}?conferenceID=${id}`, { token: alice })).status).toBe(
      200,
    );
  });
});
