import {
  type ConferenceInfo,
  conferenceDetailSchema,
  conferenceInfoListSchema,
  conferencePageSchema,
  startMeetingResponseSchema,
} from '@hwmeeting/client/wire';
import { present } from '@hwmeeting/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../server.js';
import { formatDate, formatMeetingTime } from '../state/meetingTime.js';
import type { StoreChange } from '../state/store.js';
import { expectError, loginAs, type RawAnswer, type RawInit, rawCall } from '../testing/rawHttp.js';

const CONFERENCES = '/v1/mmc/management/conferences';
const CYCLE = '/v1/mmc/management/cycleconferences';
const SUB = '/v1/mmc/management/conferences/cyclesubconf';
const DAY_MS = 86_400_000;

let sim: Simulator;
const tokens = new Map<string, string>();
const changes: StoreChange[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 'demo' });
  sim.store.events.on('change', (change) => changes.push(change));
});
afterAll(async () => {
  await sim.close();
});

/** Logs in through the published App ID path once per user; `admin` is the enterprise default administrator. */
async function tokenOf(who: string): Promise<string> {
  const cached = tokens.get(who);
  if (cached) return cached;
  const token = await loginAs(sim, who === 'admin' ? undefined : who);
  tokens.set(who, token);
  return token;
}

/** Sends one request as `as` (a seeded user, or `null` for no token). */
async function call(as: string | null, method: string, path: string, init: RawInit = {}): Promise<RawAnswer> {
  return rawCall(sim, method, path, { ...init, token: as === null ? undefined : await tokenOf(as) });
}

function one(answer: RawAnswer): ConferenceInfo {
  expect(answer.status).toBe(200);
  const list = conferenceInfoListSchema.parse(answer.json);
  expect(list).toHaveLength(1);
  return list[0] as ConferenceInfo;
}

const inHours = (hours: number) =>
  formatMeetingTime(Math.ceil(sim.clock.now() / 3_600_000) * 3_600_000 + hours * 3_600_000);

async function schedule(as: string, body: Record<string, unknown> = {}): Promise<ConferenceInfo> {
  return one(
    await call(as, 'POST', CONFERENCES, {
      body: { subject: 'Planning', mediaTypes: 'HDVideo', startTime: inHours(3), length: 60, ...body },
    }),
  );
}

function seeded(subject: string) {
  const meeting = [...sim.store.meetings.values()].find((m) => m.subject === subject);
  if (!meeting) throw new Error(`no seeded meeting ${subject}`);
  return meeting;
}

describe('M1 create meeting', () => {
  it('schedules a meeting with generated IDs, passwords and invitee counts', async () => {
    const startTime = inHours(5);
    const meeting = await schedule('alice', {
      startTime,
      length: 90,
      attendees: [
        { accountId: 'bob', name: 'Bob Wang', role: 1 },
        { name: 'Room 1', phone: '+99111000000001', type: 'terminal' },
      ],
    });
    expect(meeting.conferenceID).toMatch(/^\d{9}$/);
    expect(meeting).toMatchObject({
      subject: 'Planning',
      startTime,
      endTime: formatMeetingTime(Date.parse(`${startTime.replace(' ', 'T')}:00Z`) + 90 * 60_000),
      conferenceState: 'Schedule',
      confType: 'FUTURE',
      conferenceType: 0,
      accessNumber: '+991117',
      timeZoneID: '56',
      language: 'zh-CN',
      mediaTypes: 'Data,Voice,HDVideo',
      size: 2,
      normalCount: 1,
      terminlCount: 1,
      scheduserName: 'Alice Li',
    });
    expect(meeting.confUUID).toBeUndefined();
    expect(meeting.passwordEntry?.map((p) => p.conferenceRole)).toEqual(['chair', 'general']);
    for (const entry of meeting.passwordEntry ?? []) expect(entry.password).toMatch(/^\d{6}$/);
    expect(meeting.chairJoinUri).toContain(`/j/${meeting.conferenceID}/`);
    expect(meeting.partAttendeeInfo).toHaveLength(2);
    expect(changes).toContainEqual({ kind: 'meeting.created', conferenceID: meeting.conferenceID });
  });

  it('starts an immediate meeting at once and returns its confUUID', async () => {
    const meeting = one(
      await call('bob', 'POST', CONFERENCES, { body: { mediaTypes: 'Voice', startTime: '' } }),
    );
    expect(meeting).toMatchObject({
      confType: 'IMMEDIATELY',
      conferenceState: 'Created',
      mediaTypes: 'Data,Voice',
    });
    expect(meeting.confUUID).toMatch(/^[0-9a-f]{32}$/);
    expect(sim.store.meetings.get(meeting.conferenceID)?.live).toBeDefined();
  });

  it('refuses a start in the past, too far ahead, and bodies that break the schema', async () => {
    const past = formatMeetingTime(sim.clock.now() - 2 * 3_600_000);
    expectError(
      await call('alice', 'POST', CONFERENCES, { body: { mediaTypes: 'HDVideo', startTime: past } }),
      400,
      'MMC.111070001',
      'body.startTime',
    );
    const farAhead = formatMeetingTime(sim.clock.now() + 400 * DAY_MS);
    expectError(
      await call('alice', 'POST', CONFERENCES, { body: { mediaTypes: 'HDVideo', startTime: farAhead } }),
      400,
      'MMC.111071014',
    );
    expectError(
      await call('alice', 'POST', CONFERENCES, { body: { subject: 'x' } }),
      400,
      'MMC.111070001',
      'body.mediaTypes',
    );
    expectError(
      await call('alice', 'POST', CONFERENCES, { body: { mediaTypes: 'HDVideo', length: 10 } }),
      400,
      'MMC.111070001',
      'body.length',
    );
    expectError(
      await call('alice', 'POST', CONFERENCES, {
        body: { mediaTypes: 'HDVideo', startTime: '2030/01/01 10:00' },
      }),
      400,
      'MMC.111070001',
      'body.startTime',
    );
    expectError(
      await call('alice', 'POST', CONFERENCES, { body: '{"mediaTypes":' }),
      400,
      'MMC.111070001',
      'body',
    );
  });

  it('requires a valid access token and the published method', async () => {
    expectError(
      await call(null, 'POST', CONFERENCES, { body: { mediaTypes: 'Voice' } }),
      401,
      'USG.000000004',
    );
    expectError(
      await call(null, 'GET', CONFERENCES, { headers: { 'X-Access-Token': 'not-a-token' } }),
      401,
      'USG.000000004',
    );
    expect((await call('alice', 'POST', `${CONFERENCES}/confDetail`, { body: {} })).status).toBe(405);
    expect((await call('alice', 'PATCH', CONFERENCES, { body: {} })).status).toBe(405);
  });
});

describe('M2 edit and M3 cancel', () => {
  it('lets the owner and an administrator edit, and refuses everyone else', async () => {
    const meeting = await schedule('alice');
    const path = `${CONFERENCES}?conferenceID=${meeting.conferenceID}`;
    const edited = one(
      await call('alice', 'PUT', path, { body: { subject: 'Planning v2', mediaTypes: 'Voice', length: 45 } }),
    );
    expect(edited).toMatchObject({
      subject: 'Planning v2',
      mediaTypes: 'Data,Voice',
      startTime: meeting.startTime,
    });
    expect(changes).toContainEqual({ kind: 'meeting.updated', conferenceID: meeting.conferenceID });
    expectError(
      await call('bob', 'PUT', path, { body: { subject: 'mine', mediaTypes: 'Voice' } }),
      400,
      'MMC.111070005',
    );
    expect(
      one(await call('ops', 'PUT', path, { body: { subject: 'by ops', mediaTypes: 'Voice' } })).subject,
    ).toBe('by ops');
    expectError(
      await call('alice', 'PUT', `${CONFERENCES}?conferenceID=999999999`, { body: { mediaTypes: 'Voice' } }),
      400,
      'MMC.111070005',
    );
    expectError(
      await call('alice', 'PUT', CONFERENCES, { body: { mediaTypes: 'Voice' } }),
      400,
      'MMC.111070001',
      'query.conferenceID',
    );
    expectError(
      await call('alice', 'PUT', path, {
        body: { mediaTypes: 'Voice', startTime: formatMeetingTime(sim.clock.now() - DAY_MS) },
      }),
      400,
      'MMC.111070001',
      'body.startTime',
    );
  });

  it('cancels a scheduled meeting, and a running one only with type=1', async () => {
    const scheduled = await schedule('alice');
    expectError(
      await call('bob', 'DELETE', `${CONFERENCES}?conferenceID=${scheduled.conferenceID}`),
      400,
      'MMC.111070005',
    );
    const cancelled = await call('alice', 'DELETE', `${CONFERENCES}?conferenceID=${scheduled.conferenceID}`);
    expect(cancelled.status).toBe(200);
    expect(sim.store.meetings.has(scheduled.conferenceID)).toBe(false);
    expect(changes).toContainEqual({ kind: 'meeting.cancelled', conferenceID: scheduled.conferenceID });

    const running = one(await call('alice', 'POST', CONFERENCES, { body: { mediaTypes: 'HDVideo' } }));
    const path = `${CONFERENCES}?conferenceID=${running.conferenceID}`;
    expectError(await call('alice', 'DELETE', path), 400, 'MMC.111071067');
    expectError(await call('alice', 'DELETE', `${path}&type=2`), 400, 'MMC.111070001', 'query.type');
    expect((await call('alice', 'DELETE', `${path}&type=1`)).status).toBe(200);
    expect(sim.store.meetings.has(running.conferenceID)).toBe(false);
    expect(changes).toContainEqual({ kind: 'meeting.ended', conferenceID: running.conferenceID });
    expectError(await call('alice', 'DELETE', path), 400, 'MMC.111070005');
  });
});

describe('M4 and M5 lists', () => {
  it('lists the caller’s own and invited scheduled and running meetings; admins see all with queryAll', async () => {
    const mine = conferencePageSchema.parse(
      (await call('alice', 'GET', `${CONFERENCES}?queryAll=true`)).json,
    );
    // Her own, and bob's series she is invited to (published-behaviour.md §1); queryAll means nothing to members.
    expect(mine.data.filter((m) => m.scheduserName !== 'Alice Li').map((m) => m.subject)).toEqual([
      'Weekly sync',
    ]);
    expect(mine.data.map((m) => m.subject)).toContain('Design review');
    expect(mine.data.map((m) => m.subject)).not.toContain('Sprint retrospective');

    const all = conferencePageSchema.parse(
      (await call('admin', 'GET', `${CONFERENCES}?queryAll=true&limit=500`)).json,
    );
    const subjects = all.data.map((m) => m.subject);
    expect(subjects).toEqual(expect.arrayContaining(['Design review', 'All hands', 'Weekly sync']));
    expect(subjects).not.toContain('Sprint retrospective');
    expect(all.count).toBe(all.data.length);
    const weekly = all.data.find((m) => m.subject === 'Weekly sync');
    expect(weekly).toMatchObject({ conferenceType: 2, confType: 'CYCLE' });

    const own = conferencePageSchema.parse((await call('admin', 'GET', CONFERENCES)).json);
    expect(own.data.map((m) => m.subject)).toEqual(['All hands']);
  });

  it('filters by searchKey and queryConfMode, sorts and pages', async () => {
    const admin = (query: string) => call('admin', 'GET', `${CONFERENCES}?queryAll=true&${query}`);
    const searched = conferencePageSchema.parse((await admin('searchKey=design')).json);
    expect(searched.data.map((m) => m.subject)).toEqual(['Design review']);
    const byId = conferencePageSchema.parse(
      (await admin(`searchKey=${seeded('Design review').conferenceID}`)).json,
    );
    expect(byId.count).toBe(1);

    const farAway = await schedule('carol', { subject: 'Far away', startTime: inHours(24 * 10) });
    const aDay = conferencePageSchema.parse((await admin('queryConfMode=ADAY&limit=500')).json);
    expect(aDay.data.map((m) => m.conferenceID)).not.toContain(farAway.conferenceID);
    expect(aDay.data.map((m) => m.subject)).toContain('All hands');
    const aMonth = conferencePageSchema.parse((await admin('queryConfMode=AMONTH&limit=500')).json);
    expect(aMonth.data.map((m) => m.conferenceID)).toContain(farAway.conferenceID);

    const asc = conferencePageSchema.parse((await admin('sortType=ASC_StartTIME&limit=500')).json).data;
    const dsc = conferencePageSchema.parse((await admin('sortType=DSC_StartTIME&limit=500')).json).data;
    expect(dsc.map((m) => m.conferenceID)).toEqual(asc.map((m) => m.conferenceID).reverse());
    const starts = asc.map((m) => m.startTime);
    expect([...starts].sort()).toEqual(starts);

    const second = conferencePageSchema.parse((await admin('sortType=ASC_StartTIME&offset=1&limit=1')).json);
    expect(second).toMatchObject({ offset: 1, limit: 1, count: asc.length });
    expect(second.data[0]?.conferenceID).toBe(asc[1]?.conferenceID);

    expectError(await admin('sortType=START'), 400, 'MMC.111070001', 'query.sortType');
    // Above the maximum is clamped, not refused (published-behaviour.md §2).
    expect(conferencePageSchema.parse((await admin('limit=501')).json).limit).toBe(500);
    expectError(await admin('queryAll=yes'), 400, 'MMC.111070001', 'query.queryAll');
  });

  it('lists only running meetings online, counting participants in the meeting', async () => {
    const allHands = seeded('All hands');
    const live = allHands.live;
    if (!live) throw new Error('All hands should be running');
    const base = {
      name: 'p',
      number: '+99111',
      role: 0 as const,
      video: 1 as const,
      cameraOn: true,
      muted: false,
      handUp: false,
      sharing: false,
      coHost: false,
      joinedAtMs: sim.clock.now(),
      clientType: 'Desktop' as const,
    };
    live.participants.set('t1', { ...base, pid: 't1', state: 0, waiting: false });
    live.participants.set('t2', { ...base, pid: 't2', state: 1, waiting: false });
    live.participants.set('t3', { ...base, pid: 't3', state: 0, waiting: true });
    try {
      const online = conferencePageSchema.parse(
        (await call('admin', 'GET', `${CONFERENCES}/online?queryAll=true`)).json,
      );
      expect(online.data.every((m) => m.conferenceState === 'Created')).toBe(true);
      const entry = online.data.find((m) => m.conferenceID === allHands.conferenceID);
      expect(entry?.onlineAttendeeAmount).toBe(1);
      expect(online.data.map((m) => m.subject)).not.toContain('Design review');
      const alices = conferencePageSchema.parse(
        (await call('alice', 'GET', `${CONFERENCES}/online?queryAll=true`)).json,
      );
      expect(alices.data.map((m) => m.conferenceID)).not.toContain(allHands.conferenceID);
    } finally {
      live.participants.clear();
    }
  });
});

describe('M6 and M7 details', () => {
  it('shows the meeting and its invitees with the caller’s role and passwords', async () => {
    const review = seeded('Design review');
    const path = `${CONFERENCES}/confDetail?conferenceID=${review.conferenceID}`;
    const owner = conferenceDetailSchema.parse((await call('alice', 'GET', path)).json);
    expect(owner.conferenceData).toMatchObject({ conferenceID: review.conferenceID, role: 'chair' });
    expect(owner.conferenceData.passwordEntry).toHaveLength(2);
    const invitees = present(owner.data, 'the invitees');
    expect(invitees).toMatchObject({ offset: 0, limit: 20, count: 3 });
    expect(invitees.data.every((p) => p.state === 'MEETTING')).toBe(true);
    expect(invitees.data[0]).toMatchObject({
      accountId: 'bob',
      name: 'Bob Wang',
      role: 1,
      attendeeType: 'normal',
    });

    const host = conferenceDetailSchema.parse((await call('bob', 'GET', path)).json);
    expect(host.conferenceData.role).toBe('chair');
    const guest = conferenceDetailSchema.parse((await call('carol', 'GET', path)).json);
    expect(guest.conferenceData.role).toBe('general');
    expect(guest.conferenceData.passwordEntry?.map((p) => p.conferenceRole)).toEqual(['general']);
    expectError(await call('dave', 'GET', path), 400, 'MMC.111070010');
    const admin = conferenceDetailSchema.parse((await call('admin', 'GET', path)).json);
    expect(admin.conferenceData.passwordEntry).toHaveLength(2);
  });

  it('splits, searches and pages the invitees', async () => {
    const review = seeded('Design review');
    const path = `${CONFERENCES}/confDetail?conferenceID=${review.conferenceID}`;
    const terminals = conferenceDetailSchema.parse(
      (await call('alice', 'GET', path, { headers: { 'X-Type': '2', 'X-Query-Type': '1' } })).json,
    );
    expect(present(terminals.data, 'the invitees').data.map((p) => p.attendeeType)).toEqual(['terminal']);
    const people = conferenceDetailSchema.parse(
      (await call('alice', 'GET', path, { headers: { 'X-Type': '2' } })).json,
    );
    expect(present(people.data, 'the invitees').count).toBe(2);
    const paged = conferenceDetailSchema.parse((await call('alice', 'GET', `${path}&offset=1&limit=1`)).json);
    const page = present(paged.data, 'the invitees');
    expect(page).toMatchObject({ offset: 1, limit: 1, count: 3 });
    expect(page.data).toHaveLength(1);
    const searched = conferenceDetailSchema.parse(
      (await call('alice', 'GET', `${path}&searchKey=carol`)).json,
    );
    expect(present(searched.data, 'the invitees').data.map((p) => p.name)).toEqual(['Carol Zhang']);
    expectError(
      await call('alice', 'GET', path, { headers: { 'X-Type': '7' } }),
      400,
      'MMC.111070001',
      'headers.X-Type',
    );
    expectError(
      await call('alice', 'GET', `${CONFERENCES}/confDetail`),
      400,
      'MMC.111070001',
      'query.conferenceID',
    );
    expectError(
      await call('alice', 'GET', `${CONFERENCES}/confDetail?conferenceID=123456789`),
      400,
      'MMC.111070005',
    );
  });

  it('shows online details only for a meeting in progress', async () => {
    const online = `${CONFERENCES}/online/confDetail?conferenceID=`;
    expectError(
      await call('alice', 'GET', `${online}${seeded('Design review').conferenceID}`),
      400,
      'MMC.111072005',
    );
    const running = conferenceDetailSchema.parse(
      (await call('admin', 'GET', `${online}${seeded('All hands').conferenceID}`)).json,
    );
    expect(running.conferenceData).toMatchObject({ conferenceState: 'Created', role: 'chair' });
    expect(running.conferenceData.confUUID).toMatch(/^[0-9a-f]{32}$/);
    expectError(
      await call('dave', 'GET', `${online}${seeded('All hands').conferenceID}`),
      400,
      'MMC.111070010',
    );
  });
});

describe('M8 and M9 history', () => {
  const history = (query: string) => `${CONFERENCES}/history?${query}`;
  const window = () => `startDate=${sim.clock.now() - 7 * DAY_MS}&endDate=${sim.clock.now() + DAY_MS}`;

  it('lists ended meetings by start time with isHasRecordFile, and requires the date range', async () => {
    const listed = conferencePageSchema.parse((await call('alice', 'GET', history(window()))).json);
    const retro = listed.data.find((m) => m.subject === 'Sprint retrospective');
    expect(retro).toMatchObject({ conferenceState: 'Destroyed', isHasRecordFile: true });
    expect(retro?.confUUID).toMatch(/^[0-9a-f]{32}$/);
    const old = `startDate=0&endDate=${sim.clock.now() - 30 * DAY_MS}`;
    expect(conferencePageSchema.parse((await call('alice', 'GET', history(old))).json).count).toBe(0);
    expect(conferencePageSchema.parse((await call('dave', 'GET', history(window()))).json).count).toBe(0);
    expectError(await call('alice', 'GET', history('endDate=1')), 400, 'MMC.111070001', 'query.startDate');
    expectError(
      await call('alice', 'GET', history('startDate=5&endDate=1')),
      400,
      'MMC.111070001',
      'query.endDate',
    );
    expectError(
      await call('alice', 'GET', history(`${window()}&sortType=ASC_Record`)),
      400,
      'MMC.111070001',
      'query.sortType',
    );
  });

  it('sorts recorded meetings first with the RecordTYPE orders', async () => {
    const quick = one(
      await call('alice', 'POST', CONFERENCES, { body: { subject: 'Quick call', mediaTypes: 'Voice' } }),
    );
    const ended = await fetch(`${sim.url}/__sim/meetings/${quick.conferenceID}/end`, { method: 'POST' });
    expect(ended.status).toBe(200);
    const asc = conferencePageSchema.parse(
      (await call('alice', 'GET', history(`${window()}&sortType=ASC_StartTIME`))).json,
    );
    expect(asc.data.map((m) => m.subject)).toEqual(['Sprint retrospective', 'Quick call']);
    const dsc = conferencePageSchema.parse(
      (await call('alice', 'GET', history(`${window()}&sortType=DSC_StartTIME`))).json,
    );
    expect(dsc.data.map((m) => m.subject)).toEqual(['Quick call', 'Sprint retrospective']);
    const recorded = conferencePageSchema.parse(
      (await call('alice', 'GET', history(`${window()}&sortType=DSC_RecordTYPE`))).json,
    );
    expect(recorded.data.map((m) => m.isHasRecordFile)).toEqual([true, false]);
  });

  it('shows an ended meeting by confUUID to those who may view it', async () => {
    const retro = seeded('Sprint retrospective');
    const path = `${CONFERENCES}/history/confDetail?confUUID=${retro.confUUID}`;
    const detail = conferenceDetailSchema.parse(
      (await call('alice', 'GET', path, { headers: { 'X-Type': '1' } })).json,
    );
    expect(detail.conferenceData).toMatchObject({
      subject: 'Sprint retrospective',
      isHasRecordFile: true,
      role: 'chair',
    });
    expect(present(detail.data, 'the invitees').data.map((p) => p.accountId)).toEqual(['bob']);
    expectError(await call('dave', 'GET', path), 400, 'MMC.111070010');
    expectError(
      await call('alice', 'GET', `${CONFERENCES}/history/confDetail?confUUID=ffff`),
      400,
      'MMC.111070005',
    );
    expectError(
      await call('alice', 'GET', path, { headers: { 'X-Type': 'two' } }),
      400,
      'MMC.111070001',
      'headers.X-Type',
    );
  });
});

describe('R1-R5 recurring meetings', () => {
  const today = () => formatDate(sim.clock.now() + 8 * 3_600_000);
  const later = (days: number) => formatDate(sim.clock.now() + 8 * 3_600_000 + days * DAY_MS);

  async function weekly(as = 'carol') {
    return one(
      await call(as, 'POST', CYCLE, {
        body: {
          subject: 'Standup',
          mediaTypes: 'HDVideo',
          startTime: inHours(2),
          length: 15,
          cycleParams: {
            startDate: today(),
            endDate: later(27),
            cycle: 'Week',
            point: [1, 3],
            preRemindDays: 1,
          },
        },
      }),
    );
  }

  it('creates a series with its sub-meetings', async () => {
    const series = await weekly();
    expect(series).toMatchObject({ conferenceType: 2, confType: 'CYCLE', conferenceState: 'Schedule' });
    expect(series.cycleParams).toMatchObject({ cycle: 'Week', point: [1, 3] });
    const subs = series.subConfs ?? [];
    expect(subs.length).toBeGreaterThanOrEqual(7);
    expect(subs.length).toBeLessThanOrEqual(8);
    expect(series.cycleSubConfID).toBe(subs[0]?.cycleSubConfID);
    for (const sub of subs) {
      const weekday = new Date(
        Date.parse(`${present(sub.startTime, 'startTime').replace(' ', 'T')}:00Z`) + 8 * 3_600_000,
      ).getUTCDay();
      expect([1, 3]).toContain(weekday);
    }
    expect(series.startTime).toBe(subs[0]?.startTime);
  });

  it('caps a series at 50 sub-meetings and pulls in its end date', async () => {
    const series = one(
      await call('carol', 'POST', CYCLE, {
        body: {
          mediaTypes: 'Voice',
          startTime: inHours(2),
          cycleParams: { startDate: later(1), endDate: later(300), cycle: 'Day', preRemindDays: 0 },
        },
      }),
    );
    expect(series.subConfs).toHaveLength(50);
    expect(series.cycleParams?.endDate).toBe(later(50));
  });

  it('refuses a series without a recurrence or with rules out of range', async () => {
    const body = { mediaTypes: 'HDVideo', startTime: inHours(2) };
    expectError(await call('carol', 'POST', CYCLE, { body }), 400, 'MMC.111070001', 'body.cycleParams');
    const cycle = { startDate: today(), endDate: later(30), preRemindDays: 1 };
    expectError(
      await call('carol', 'POST', CYCLE, {
        body: { ...body, cycleParams: { ...cycle, cycle: 'Week', interval: 6 } },
      }),
      400,
      'MMC.111070001',
      'body.cycleParams.interval',
    );
    expectError(
      await call('carol', 'POST', CYCLE, {
        body: { ...body, cycleParams: { ...cycle, cycle: 'Week', point: [7] } },
      }),
      400,
      'MMC.111070001',
      'body.cycleParams.point',
    );
    expectError(
      await call('carol', 'POST', CYCLE, {
        body: { ...body, cycleParams: { ...cycle, startDate: later(-3), cycle: 'Day' } },
      }),
      400,
      'MMC.111070001',
      'body.cycleParams.startDate',
    );
    expectError(
      await call('carol', 'POST', CYCLE, {
        body: { ...body, cycleParams: { ...cycle, endDate: later(400), cycle: 'Day' } },
      }),
      400,
      'MMC.111070001',
      'body.cycleParams.endDate',
    );
  });

  it('edits a series, rebuilding its sub-meetings, and keeps it apart from single meetings', async () => {
    const series = await weekly();
    const path = `${CYCLE}?conferenceID=${series.conferenceID}`;
    const edited = one(
      await call('carol', 'PUT', path, {
        body: {
          subject: 'Daily standup',
          mediaTypes: 'HDVideo',
          cycleParams: { startDate: later(1), endDate: later(5), cycle: 'Day', preRemindDays: 1 },
        },
      }),
    );
    expect(edited.subject).toBe('Daily standup');
    expect(edited.subConfs).toHaveLength(5);
    expect(changes).toContainEqual({ kind: 'meeting.updated', conferenceID: series.conferenceID });
    expectError(await call('dave', 'PUT', path, { body: { mediaTypes: 'Voice' } }), 400, 'MMC.111070005');
    expectError(
      await call('carol', 'PUT', `${CONFERENCES}?conferenceID=${series.conferenceID}`, {
        body: { mediaTypes: 'Voice' },
      }),
      400,
      'MMC.111070001',
    );
    const single = await schedule('carol');
    expectError(
      await call('carol', 'PUT', `${CYCLE}?conferenceID=${single.conferenceID}`, {
        body: { mediaTypes: 'Voice' },
      }),
      400,
      'MMC.111070001',
    );
  });

  it('edits one sub-meeting', async () => {
    const series = await weekly();
    const second = series.subConfs?.[1];
    if (!second) throw new Error('the series should have a second sub-meeting');
    const moved = formatMeetingTime(
      Date.parse(`${present(second.startTime, 'startTime').replace(' ', 'T')}:00Z`) + 3_600_000,
    );
    const path = `${SUB}?conferenceID=${series.conferenceID}`;
    const answer = await call('carol', 'PUT', path, {
      body: {
        cycleSubConfID: second.cycleSubConfID,
        mediaTypes: 'Voice',
        startTime: moved,
        length: 30,
        description: 'moved',
      },
    });
    expect(answer.status).toBe(200);
    const detail = conferenceDetailSchema.parse(
      (await call('carol', 'GET', `${CONFERENCES}/confDetail?conferenceID=${series.conferenceID}`)).json,
    );
    const sub = detail.conferenceData.subConfs?.find((s) => s.cycleSubConfID === second.cycleSubConfID);
    expect(sub).toMatchObject({ startTime: moved, mediaType: 'Voice', description: 'moved' });
    expectError(
      await call('carol', 'PUT', path, {
        body: { cycleSubConfID: 'nope', mediaTypes: 'Voice', startTime: moved, length: 30 },
      }),
      400,
      'MMC.111070005',
      'body.cycleSubConfID',
    );
    expectError(
      await call('carol', 'PUT', path, {
        body: { cycleSubConfID: second.cycleSubConfID, mediaTypes: 'Voice', startTime: moved },
      }),
      400,
      'MMC.111070001',
      'body.length',
    );
  });

  it('cancels sub-meetings with a DELETE body, and the series with the last of them', async () => {
    const series = await weekly();
    const ids = (series.subConfs ?? []).map((s) => s.cycleSubConfID);
    const path = `${SUB}?conferenceID=${series.conferenceID}`;
    expectError(await call('carol', 'DELETE', path), 400, 'MMC.111070001', 'body');
    expectError(
      await call('carol', 'DELETE', path, { body: { cycleSubConfIDs: [] } }),
      400,
      'MMC.111070001',
      'body.cycleSubConfIDs',
    );
    expect((await call('carol', 'DELETE', path, { body: { cycleSubConfIDs: [ids[0]] } })).status).toBe(200);
    const after = sim.store.meetings.get(series.conferenceID);
    expect(after?.subConfs.filter((s) => !s.cancelled)).toHaveLength(ids.length - 1);
    expectError(
      await call('carol', 'DELETE', path, { body: { cycleSubConfIDs: [ids[0]] } }),
      400,
      'MMC.111070005',
    );
    expect((await call('carol', 'DELETE', path, { body: { cycleSubConfIDs: ids.slice(1) } })).status).toBe(
      200,
    );
    expect(sim.store.meetings.has(series.conferenceID)).toBe(false);
  });

  it('cancels a whole series', async () => {
    const series = await weekly();
    expectError(
      await call('carol', 'DELETE', `${CONFERENCES}?conferenceID=${series.conferenceID}`),
      400,
      'MMC.111070001',
    );
    expect((await call('carol', 'DELETE', `${CYCLE}?conferenceID=${series.conferenceID}`)).status).toBe(200);
    expect(sim.store.meetings.has(series.conferenceID)).toBe(false);
    expectError(
      await call('carol', 'DELETE', `${CYCLE}?conferenceID=${series.conferenceID}`),
      400,
      'MMC.111070005',
    );
  });
});

describe('M10 start', () => {
  it('activates a meeting with the host password only', async () => {
    const meeting = await schedule('alice');
    const record = sim.store.meetings.get(meeting.conferenceID);
    if (!record) throw new Error('scheduled meeting missing');
    const start = (password: string) =>
      call('bob', 'POST', `${CONFERENCES}/start`, { body: { conferenceID: meeting.conferenceID, password } });
    expectError(await start(record.guestPassword), 400, 'MMC.111072065');
    expectError(await start('000000x'), 400, 'MMC.111072065');
    const started = await start(record.chairPassword);
    expect(started.status).toBe(200);
    expect(startMeetingResponseSchema.parse(started.json)).toEqual({
      uuid: record.confUUID,
      regionIP: '127.0.0.1',
    });
    expect(record.state).toBe('Created');
    expect(changes).toContainEqual({ kind: 'meeting.started', conferenceID: meeting.conferenceID });
    expectError(
      await call('bob', 'POST', `${CONFERENCES}/start`, {
        body: { conferenceID: '111111111', password: '123456' },
      }),
      400,
      'MMC.111072065',
    );
    expectError(
      await call('bob', 'POST', `${CONFERENCES}/start`, { body: { conferenceID: meeting.conferenceID } }),
      400,
      'MMC.111070001',
      'body.password',
    );
    expectError(
      await call(null, 'POST', `${CONFERENCES}/start`, {
        body: { conferenceID: meeting.conferenceID, password: '1' },
      }),
      401,
      'USG.000000004',
    );
  });

  it('accepts the guest password when guests may start the meeting', async () => {
    const meeting = await schedule('alice', {
      confConfigInfo: { allowGuestStartConf: true, guestPwd: '4321' },
    });
    const started = await call('carol', 'POST', `${CONFERENCES}/start`, {
      body: { conferenceID: meeting.conferenceID, password: '4321' },
    });
    expect(started.status).toBe(200);
    expect(sim.store.meetings.get(meeting.conferenceID)?.state).toBe('Created');
  });
});

describe('history of runs', () => {
  const window = () => `startDate=${sim.clock.now() - 7 * DAY_MS}&endDate=${sim.clock.now() + 7 * DAY_MS}`;

  /** Activates a meeting through M10 with its host password; answers the run's confUUID. */
  async function run(conferenceID: string): Promise<string> {
    const record = sim.store.meetings.get(conferenceID);
    if (!record) throw new Error(`meeting ${conferenceID} missing`);
    const started = await call('carol', 'POST', `${CONFERENCES}/start`, {
      body: { conferenceID, password: record.chairPassword },
    });
    expect(started.status).toBe(200);
    const { uuid } = startMeetingResponseSchema.parse(started.json);
    expect(uuid).toMatch(/^[0-9a-f]{32}$/);
    return uuid ?? '';
  }

  async function end(conferenceID: string): Promise<void> {
    expect((await fetch(`${sim.url}/__sim/meetings/${conferenceID}/end`, { method: 'POST' })).status).toBe(
      200,
    );
  }

  async function historyOf(conferenceID: string): Promise<ConferenceInfo[]> {
    const listed = await call('carol', 'GET', `${CONFERENCES}/history?${window()}&sortType=ASC_StartTIME`);
    expect(listed.status).toBe(200);
    return conferencePageSchema.parse(listed.json).data.filter((m) => m.conferenceID === conferenceID);
  }

  async function historyDetail(confUUID: string) {
    const answer = await call('carol', 'GET', `${CONFERENCES}/history/confDetail?confUUID=${confUUID}`);
    expect(answer.status).toBe(200);
    return conferenceDetailSchema.parse(answer.json).conferenceData;
  }

  it('keeps an ended series listed with its next sub-meeting, and its run in history', async () => {
    const series = one(
      await call('carol', 'POST', CYCLE, {
        body: {
          subject: 'Daily check-in',
          mediaTypes: 'HDVideo',
          startTime: inHours(2),
          length: 15,
          cycleParams: {
            startDate: formatDate(sim.clock.now() + 8 * 3_600_000),
            endDate: formatDate(sim.clock.now() + 8 * 3_600_000 + 5 * DAY_MS),
            cycle: 'Day',
            preRemindDays: 1,
          },
        },
      }),
    );
    const [first, second] = series.subConfs ?? [];
    if (!first || !second) throw new Error('the series has at least two sub-meetings');
    const uuid = await run(series.conferenceID);
    await end(series.conferenceID);

    const runs = await historyOf(series.conferenceID);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      confUUID: uuid,
      conferenceState: 'Destroyed',
      startTime: first.startTime,
      cycleSubConfID: first.cycleSubConfID,
      isHasRecordFile: false,
    });
    expect(await historyDetail(uuid)).toMatchObject({ confUUID: uuid, subject: 'Daily check-in' });

    const listed = conferencePageSchema.parse((await call('carol', 'GET', `${CONFERENCES}?limit=500`)).json);
    const again = listed.data.find((m) => m.conferenceID === series.conferenceID);
    expect(again).toMatchObject({
      conferenceState: 'Schedule',
      startTime: second.startTime,
      cycleSubConfID: second.cycleSubConfID,
    });
    expect(again?.confUUID).toBeUndefined();
    // The held sub-meeting is past: it can no longer be edited.
    expectError(
      await call('carol', 'PUT', `${SUB}?conferenceID=${series.conferenceID}`, {
        body: {
          cycleSubConfID: first.cycleSubConfID,
          startTime: inHours(30),
          length: 15,
          mediaTypes: 'HDVideo',
        },
      }),
      400,
      'MMC.111070005',
    );

    // Its next sub-meeting runs as a new instance.
    const next = await run(series.conferenceID);
    expect(next).not.toBe(uuid);
    await end(series.conferenceID);
    const both = await historyOf(series.conferenceID);
    expect(both.map((m) => m.cycleSubConfID)).toEqual([first.cycleSubConfID, second.cycleSubConfID]);
  });

  it('lists a single meeting run twice as two entries, each with its own confUUID', async () => {
    const meeting = await schedule('carol', { subject: 'Run twice' });
    const firstRun = await run(meeting.conferenceID);
    await end(meeting.conferenceID);
    const secondRun = await run(meeting.conferenceID);
    await end(meeting.conferenceID);
    expect(secondRun).not.toBe(firstRun);

    const runs = await historyOf(meeting.conferenceID);
    expect(runs.map((m) => m.confUUID).sort()).toEqual([firstRun, secondRun].sort());
    for (const uuid of [firstRun, secondRun]) {
      expect(await historyDetail(uuid)).toMatchObject({
        confUUID: uuid,
        conferenceID: meeting.conferenceID,
        subject: 'Run twice',
        conferenceState: 'Destroyed',
      });
    }
  });
});
