import { type ConferenceInfo, MeetingsApi } from '@hwmeeting/client';
import { present } from '@hwmeeting/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, simControl, useClient, useSimulator } from './support.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const sim = useSimulator({ seed: 'demo' });
const core = useClient(sim);
let meetings: MeetingsApi;
beforeAll(() => {
  meetings = new MeetingsApi(core());
});

const as = (userId: string) => ({ userId });
/** UTC `yyyy-MM-dd HH:mm`, `hours` after the next full hour. */
const inHours = (hours: number) =>
  new Date(Math.ceil(Date.now() / HOUR_MS) * HOUR_MS + hours * HOUR_MS)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
/** A calendar date in Beijing time (`timeZoneID` 56, the default), `days` from today. */
const beijingDate = (days: number) =>
  new Date(Date.now() + 8 * HOUR_MS + days * DAY_MS).toISOString().slice(0, 10);

function chairPassword(meeting: ConferenceInfo): string {
  const entry = meeting.passwordEntry?.find((p) => p.conferenceRole === 'chair');
  if (!entry?.password) throw new Error('the chair password should be visible to the scheduler');
  return entry.password;
}

describe('MeetingsApi: single meetings', () => {
  it('creates, edits, shows, lists and cancels a scheduled meeting', async () => {
    const created = await meetings.create(
      {
        subject: 'Roadmap',
        mediaTypes: 'HDVideo',
        startTime: inHours(4),
        length: 60,
        attendees: [
          { accountId: 'carol', name: 'Carol Zhang', role: 0 },
          { name: 'Room 7', phone: '+99111000000007', type: 'terminal' },
        ],
      },
      as('alice'),
    );
    expect(created).toMatchObject({
      subject: 'Roadmap',
      conferenceState: 'Schedule',
      confType: 'FUTURE',
      size: 2,
    });
    expect(created.conferenceID).toMatch(/^\d{9}$/);

    const updated = await meetings.update(
      created.conferenceID,
      { subject: 'Roadmap 2026', mediaTypes: 'HDVideo', length: 90 },
      as('alice'),
    );
    expect(updated).toMatchObject({ subject: 'Roadmap 2026', startTime: created.startTime });

    const detail = await meetings.get(
      { conferenceID: created.conferenceID },
      { 'X-Type': '2', 'X-Query-Type': '1' },
      as('alice'),
    );
    expect(detail.conferenceData).toMatchObject({ role: 'chair', subject: 'Roadmap 2026' });
    expect(present(detail.data, 'the invitees').data.map((p) => p.attendeeType)).toEqual(['terminal']);
    const asGuest = await meetings.get(
      { conferenceID: created.conferenceID, limit: 1 },
      undefined,
      as('carol'),
    );
    expect(asGuest.conferenceData.role).toBe('general');
    expect(asGuest.conferenceData.passwordEntry?.map((p) => p.conferenceRole)).toEqual(['general']);
    expect(asGuest.data).toMatchObject({ limit: 1, count: 2 });

    const listed = await meetings.list({ searchKey: 'Roadmap', sortType: 'ASC_StartTIME' }, as('alice'));
    expect(listed.data.map((m) => m.conferenceID)).toEqual([created.conferenceID]);
    const everyone = await meetings.list({ queryAll: true, limit: 500 });
    expect(everyone.data.map((m) => m.conferenceID)).toContain(created.conferenceID);

    await meetings.cancel({ conferenceID: created.conferenceID }, as('alice'));
    const gone = await failure(meetings.get({ conferenceID: created.conferenceID }, undefined, as('alice')));
    expect(gone).toMatchObject({ code: 'MMC.111070005', httpStatus: 400, operation: 'showMeetingDetail' });
  });

  it('runs an immediate meeting: online list and details, then cancel with type 1', async () => {
    const running = await meetings.create({ subject: 'Incident bridge', mediaTypes: 'Voice' }, as('bob'));
    expect(running).toMatchObject({ confType: 'IMMEDIATELY', conferenceState: 'Created' });
    expect(running.confUUID).toMatch(/^[0-9a-f]{32}$/);

    const online = await meetings.listOnline({ searchKey: 'Incident' }, as('bob'));
    expect(online.data).toHaveLength(1);
    expect(online.data[0]).toMatchObject({ conferenceID: running.conferenceID, onlineAttendeeAmount: 0 });
    const detail = await meetings.getOnline({ conferenceID: running.conferenceID }, undefined, as('bob'));
    expect(detail.conferenceData.conferenceState).toBe('Created');

    const refused = await failure(meetings.cancel({ conferenceID: running.conferenceID }, as('bob')));
    expect(refused).toMatchObject({ code: 'MMC.111071067', httpStatus: 400 });
    await meetings.cancel({ conferenceID: running.conferenceID, type: 1 }, as('bob'));
    expect((await meetings.listOnline({ searchKey: 'Incident' }, as('bob'))).count).toBe(0);
  });

  it('starts a scheduled meeting with its host password, then finds it in history once ended', async () => {
    const scheduled = await meetings.create(
      {
        subject: 'Launch review',
        mediaTypes: 'HDVideo',
        startTime: inHours(2),
        attendees: [{ accountId: 'dave' }],
      },
      as('alice'),
    );
    const wrong = await failure(meetings.start(scheduled.conferenceID, '000000', as('dave')));
    expect(wrong).toMatchObject({ code: 'MMC.111072065', httpStatus: 400, operation: 'startMeeting' });
    const started = await meetings.start(scheduled.conferenceID, chairPassword(scheduled), as('dave'));
    expect(started.regionIP).toBeTruthy();
    const online = await meetings.getOnline({ conferenceID: scheduled.conferenceID }, undefined, as('alice'));
    expect(online.conferenceData.confUUID).toBe(started.uuid);

    await simControl(sim(), 'POST', `/meetings/${scheduled.conferenceID}/end`, { hasRecordFile: true });

    const history = await meetings.listHistory(
      { startDate: Date.now() - DAY_MS, endDate: Date.now() + DAY_MS, sortType: 'DSC_RecordTYPE' },
      as('alice'),
    );
    const entry = history.data.find((m) => m.conferenceID === scheduled.conferenceID);
    expect(entry).toMatchObject({
      conferenceState: 'Destroyed',
      isHasRecordFile: true,
      confUUID: started.uuid,
    });

    const detail = await meetings.getHistory(
      { confUUID: started.uuid ?? '' },
      { 'X-Type': 2, 'X-Query-Type': 0 },
      as('dave'),
    );
    expect(detail.conferenceData).toMatchObject({ subject: 'Launch review', role: 'general' });
    expect(present(detail.data, 'the invitees').data.map((p) => p.accountId)).toEqual(['dave']);
  });

  it('reports refusals and invalid input as MeetingApiError', async () => {
    const review = (await meetings.list({ queryAll: true, searchKey: 'Design review' })).data[0];
    if (!review) throw new Error('the demo seed schedules "Design review"');
    const hidden = await failure(meetings.get({ conferenceID: review.conferenceID }, undefined, as('dave')));
    expect(hidden).toMatchObject({ code: 'MMC.111070010', httpStatus: 400 });
    const notStarted = await failure(
      meetings.getOnline({ conferenceID: review.conferenceID }, undefined, as('alice')),
    );
    expect(notStarted.code).toBe('MMC.111072005');

    const invalid = await failure(meetings.create({ mediaTypes: 'HDVideo', length: 5 }, as('alice')));
    expect(invalid).toMatchObject({ code: 'INVALID_INPUT', field: 'body.length' });
    const past = await failure(
      meetings.create({ mediaTypes: 'HDVideo', startTime: '2020-01-01 10:00' }, as('alice')),
    );
    expect(past).toMatchObject({ code: 'MMC.111070001', httpStatus: 400 });
  });
});

describe('MeetingsApi: recurring series', () => {
  it('creates, edits, reshapes and cancels a series and its sub-meetings', async () => {
    const series = await meetings.createRecurring(
      {
        subject: 'Ops review',
        mediaTypes: 'HDVideo',
        startTime: inHours(3),
        length: 30,
        cycleParams: {
          startDate: beijingDate(1),
          endDate: beijingDate(10),
          cycle: 'Day',
          interval: 2,
          preRemindDays: 1,
        },
      },
      as('ops'),
    );
    expect(series).toMatchObject({ conferenceType: 2, confType: 'CYCLE' });
    expect(series.subConfs).toHaveLength(5);
    expect(series.cycleSubConfID).toBe(series.subConfs?.[0]?.cycleSubConfID);

    const edited = await meetings.updateRecurring(
      series.conferenceID,
      {
        subject: 'Ops review (weekly)',
        mediaTypes: 'HDVideo',
        cycleParams: { startDate: beijingDate(1), endDate: beijingDate(28), cycle: 'Week', preRemindDays: 2 },
      },
      as('ops'),
    );
    expect(edited.subject).toBe('Ops review (weekly)');
    expect(edited.subConfs).toHaveLength(4);

    const [first, second, ...rest] = edited.subConfs ?? [];
    if (!first || !second) throw new Error('the weekly series should have sub-meetings');
    const moved = inHours(24 * 3);
    await meetings.updateSubMeeting(
      series.conferenceID,
      { cycleSubConfID: second.cycleSubConfID, mediaTypes: 'Voice', startTime: moved, length: 45 },
      as('ops'),
    );
    const detail = await meetings.get({ conferenceID: series.conferenceID }, undefined, as('ops'));
    expect(
      detail.conferenceData.subConfs?.find((s) => s.cycleSubConfID === second.cycleSubConfID),
    ).toMatchObject({
      startTime: moved,
      mediaType: 'Voice',
    });

    await meetings.cancelSubMeetings(
      { conferenceID: series.conferenceID },
      [first.cycleSubConfID],
      as('ops'),
    );
    const after = await meetings.get({ conferenceID: series.conferenceID }, undefined, as('ops'));
    expect(after.conferenceData.subConfs?.map((s) => s.cycleSubConfID)).not.toContain(first.cycleSubConfID);
    expect(after.conferenceData.subConfs).toHaveLength(rest.length + 1);

    const unknown = await failure(
      meetings.cancelSubMeetings({ conferenceID: series.conferenceID }, ['no-such-sub'], as('ops')),
    );
    expect(unknown.code).toBe('MMC.111070005');

    await meetings.cancelRecurring({ conferenceID: series.conferenceID }, as('ops'));
    const gone = await failure(meetings.get({ conferenceID: series.conferenceID }, undefined, as('ops')));
    expect(gone.code).toBe('MMC.111070005');
  });

  it('lets a normal user act only on their own series', async () => {
    const weekly = (await meetings.list({ queryAll: true, searchKey: 'Weekly sync' })).data[0];
    if (!weekly) throw new Error('the demo seed schedules "Weekly sync"');
    const refused = await failure(
      meetings.updateRecurring(
        weekly.conferenceID,
        { subject: 'hijacked', mediaTypes: 'Voice' },
        as('carol'),
      ),
    );
    expect(refused).toMatchObject({ code: 'MMC.111070005', operation: 'updateRecurringMeeting' });
    const own = await meetings.list({}, as('bob'));
    expect(own.data.find((m) => m.conferenceID === weekly.conferenceID)?.subConfs?.length).toBeGreaterThan(0);
  });
});
