import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

const DAY_MS = 86_400_000;
/** A UTC calendar day `days` from today, as YYYY-MM-DD. */
const day = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);
// Time zone 56 is UTC+8: 02:00Z is 10:00 local on the same calendar day.
const START_DATE = day(2);
const END_DATE = day(22);
const START_TIME = `${START_DATE}T02:00:00.000Z`;

const SERIES = `id subject kind state startTime endTime
  recurrence { frequency interval weekdays monthDays startDate endDate remindDaysBefore }
  occurrences { id startTime endTime media description autoRecord waitingRoom }`;
const CREATE = `mutation($input: CreateRecurringMeetingInput!) { createRecurringMeeting(input: $input) { ${SERIES} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRecurringMeetingInput!) {
  updateRecurringMeeting(meetingId: $id, input: $input) { ${SERIES} } }`;
const MEETING = `query($id: ID!) { meeting(meetingId: $id) { ${SERIES} } }`;
const UPDATE_OCCURRENCE = `mutation($meetingId: ID!, $occurrenceId: ID!, $input: UpdateOccurrenceInput!) {
  updateOccurrence(meetingId: $meetingId, occurrenceId: $occurrenceId, input: $input) { ${SERIES} } }`;
const CANCEL_OCCURRENCES = `mutation($meetingId: ID!, $ids: [ID!]!) {
  cancelOccurrences(meetingId: $meetingId, occurrenceIds: $ids) }`;
const CANCEL = 'mutation($id: ID!) { cancelRecurringMeeting(meetingId: $id) }';

const weekly = {
  frequency: 'WEEKLY',
  weekdays: ['MONDAY', 'WEDNESDAY'],
  startDate: START_DATE,
  endDate: END_DATE,
};
const seriesInput = (recurrence: Record<string, unknown> = weekly) => ({
  subject: 'Stand-up',
  startTime: START_TIME,
  durationMinutes: 15,
  timeZone: 'Asia/Shanghai',
  recurrence,
});

type Occurrence = { id: string; startTime: string; endTime: string; description: string | null };
const ids = (occurrences: Occurrence[]) => occurrences.map((o) => o.id);

async function createSeries(token: string, recurrence?: Record<string, unknown>) {
  return data(await gql(token, CREATE, { input: seriesInput(recurrence) })).createRecurringMeeting;
}

describe('recurring meetings', () => {
  it('schedules a weekly series with its rule and occurrences', async () => {
    const alice = await tokenFor('alice');
    const series = await createSeries(alice);
    expect(series).toMatchObject({
      subject: 'Stand-up',
      kind: 'RECURRING',
      state: 'SCHEDULED',
      recurrence: {
        frequency: 'WEEKLY',
        interval: 1,
        weekdays: ['MONDAY', 'WEDNESDAY'],
        monthDays: null,
        startDate: START_DATE,
        remindDaysBefore: 1,
      },
    });
    expect(series.recurrence.endDate <= END_DATE).toBe(true);
    // 21 days hold three Mondays and three Wednesdays at least, at most four of either.
    expect(series.occurrences.length).toBeGreaterThanOrEqual(5);
    expect(series.occurrences.length).toBeLessThanOrEqual(7);
    for (const occurrence of series.occurrences as Occurrence[]) {
      const start = new Date(occurrence.startTime);
      expect([1, 3]).toContain(start.getUTCDay());
      expect(start.getUTCHours()).toBe(2);
      expect(Date.parse(occurrence.endTime) - start.getTime()).toBe(15 * 60_000);
      expect(occurrence).toMatchObject({ media: ['HD_VIDEO'], autoRecord: false });
    }
    const starts = series.occurrences.map((o: Occurrence) => o.startTime);
    expect([...starts].sort()).toEqual(starts);

    // The same from the details and from the list.
    const detail = data(await gql(alice, MEETING, { id: series.id })).meeting;
    expect(detail.recurrence).toEqual(series.recurrence);
    expect(ids(detail.occurrences)).toEqual(ids(series.occurrences));
    const listed = data(
      await gql(
        alice,
        '{ meetings(first: 50) { edges { node { id recurrence { frequency } occurrences { id } } } } }',
      ),
    ).meetings.edges.map((e: { node: { id: string } }) => e.node);
    expect(listed.find((m: { id: string }) => m.id === series.id)).toMatchObject({
      recurrence: { frequency: 'WEEKLY' },
    });
    const single = listed.find((m: { recurrence: unknown }) => m.recurrence === null);
    expect(single.occurrences).toBeNull();
  });

  it('schedules daily and monthly series', async () => {
    const alice = await tokenFor('alice');
    const daily = await createSeries(alice, {
      frequency: 'DAILY',
      interval: 3,
      startDate: START_DATE,
      endDate: END_DATE,
      remindDaysBefore: 0,
    });
    expect(daily.recurrence).toMatchObject({
      frequency: 'DAILY',
      interval: 3,
      weekdays: null,
      remindDaysBefore: 0,
    });
    expect(daily.occurrences).toHaveLength(7); // days 0, 3, ..., 18 of the 21
    const gap = Date.parse(daily.occurrences[1].startTime) - Date.parse(daily.occurrences[0].startTime);
    expect(gap).toBe(3 * DAY_MS);
    const monthDay = Number(START_DATE.slice(8, 10));
    const monthly = await createSeries(alice, {
      frequency: 'MONTHLY',
      monthDays: [monthDay],
      startDate: START_DATE,
      endDate: day(70),
    });
    expect(monthly.recurrence).toMatchObject({ frequency: 'MONTHLY', monthDays: [monthDay] });
    expect(monthly.occurrences.length).toBeGreaterThanOrEqual(2);
  });

  it('edits a series: other fields keep the occurrences, a new rule rebuilds them', async () => {
    const alice = await tokenFor('alice');
    const series = await createSeries(alice);
    const renamed = data(
      await gql(alice, UPDATE, { id: series.id, input: { subject: 'Daily sync' } }),
    ).updateRecurringMeeting;
    expect(renamed.subject).toBe('Daily sync');
    expect(renamed.recurrence).toEqual(series.recurrence);
    expect(ids(renamed.occurrences)).toEqual(ids(series.occurrences));

    const audio = data(
      await gql(alice, UPDATE, { id: series.id, input: { media: 'AUDIO' } }),
    ).updateRecurringMeeting;
    expect(audio.occurrences[0].media).toEqual(['AUDIO']);
    expect(ids(audio.occurrences)).toEqual(ids(series.occurrences));

    const rebuilt = data(
      await gql(alice, UPDATE, {
        id: series.id,
        input: { recurrence: { ...weekly, weekdays: ['FRIDAY'] }, durationMinutes: 45 },
      }),
    ).updateRecurringMeeting;
    expect(rebuilt.recurrence.weekdays).toEqual(['FRIDAY']);
    for (const occurrence of rebuilt.occurrences as Occurrence[]) {
      expect(new Date(occurrence.startTime).getUTCDay()).toBe(5);
      expect(Date.parse(occurrence.endTime) - Date.parse(occurrence.startTime)).toBe(45 * 60_000);
    }
    expect(ids(rebuilt.occurrences)).not.toContain(series.occurrences[0].id);
  });

  it('edits and cancels single occurrences', async () => {
    const alice = await tokenFor('alice');
    const series = await createSeries(alice);
    const [first, second] = series.occurrences as Occurrence[];
    if (!first || !second) throw new Error('expected at least two occurrences');
    const edited = data(
      await gql(alice, UPDATE_OCCURRENCE, {
        meetingId: series.id,
        occurrenceId: second.id,
        input: { durationMinutes: 60, description: 'Demo day', waitingRoom: true },
      }),
    ).updateOccurrence;
    const after = edited.occurrences.find((o: Occurrence) => o.id === second.id);
    expect(after).toMatchObject({ startTime: second.startTime, description: 'Demo day', waitingRoom: true });
    expect(Date.parse(after.endTime) - Date.parse(after.startTime)).toBe(60 * 60_000);

    const moved = new Date(Date.parse(second.startTime) + 3_600_000).toISOString();
    const movedSeries = data(
      await gql(alice, UPDATE_OCCURRENCE, {
        meetingId: series.id,
        occurrenceId: second.id,
        input: { startTime: moved },
      }),
    ).updateOccurrence;
    expect(movedSeries.occurrences.find((o: Occurrence) => o.id === second.id)).toMatchObject({
      startTime: moved,
      description: 'Demo day',
    });

    expect(
      data(await gql(alice, CANCEL_OCCURRENCES, { meetingId: series.id, ids: [first.id] })).cancelOccurrences,
    ).toBe(true);
    const remaining = data(await gql(alice, MEETING, { id: series.id })).meeting.occurrences;
    expect(ids(remaining)).not.toContain(first.id);
    expect(remaining).toHaveLength(series.occurrences.length - 1);
  });

  it('cancels a whole series', async () => {
    const alice = await tokenFor('alice');
    const series = await createSeries(alice);
    expect(data(await gql(alice, CANCEL, { id: series.id })).cancelRecurringMeeting).toBe(true);
    expectError(await gql(alice, MEETING, { id: series.id }), 'NOT_FOUND');
    expectError(await gql(alice, CANCEL, { id: series.id }), 'NOT_FOUND');
  });

  it('validates recurring input before any upstream call, naming the field', async () => {
    const alice = await tokenFor('alice');
    const before = sim().store.meetings.size;
    const bad = async (recurrence: Record<string, unknown>, field: string, input = seriesInput(recurrence)) =>
      expectError(await gql(alice, CREATE, { input }), 'BAD_USER_INPUT', field);
    await bad({ ...weekly, interval: 6 }, 'input.recurrence.interval');
    await bad({ ...weekly, frequency: 'DAILY' }, 'input.recurrence.weekdays');
    await bad({ ...weekly, monthDays: [1] }, 'input.recurrence.monthDays');
    await bad(
      { frequency: 'MONTHLY', monthDays: [32], startDate: START_DATE, endDate: END_DATE },
      'input.recurrence.monthDays.0',
    );
    await bad({ ...weekly, startDate: '2027-02-30' }, 'input.recurrence.startDate');
    await bad({ ...weekly, endDate: '20270101' }, 'input.recurrence.endDate');
    await bad({ ...weekly, endDate: day(1) }, 'input.recurrence.endDate');
    await bad({ ...weekly, endDate: day(400) }, 'input.recurrence.endDate');
    await bad({ ...weekly, remindDaysBefore: 31 }, 'input.recurrence.remindDaysBefore');
    await bad(weekly, 'input.startTime', { ...seriesInput(), startTime: '2020-01-01T00:00:00Z' });
    await bad(weekly, 'input.durationMinutes', { ...seriesInput(), durationMinutes: 5 });
    await bad(weekly, 'input.subject', { ...seriesInput(), subject: '' });
    expect(sim().store.meetings.size).toBe(before);

    const series = await createSeries(alice);
    expectError(await gql(alice, UPDATE, { id: series.id, input: {} }), 'BAD_USER_INPUT', 'input');
    expectError(
      await gql(alice, UPDATE, { id: 'abc', input: { subject: 'x' } }),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expectError(
      await gql(alice, UPDATE_OCCURRENCE, { meetingId: series.id, occurrenceId: 'x', input: {} }),
      'BAD_USER_INPUT',
      'input',
    );
    expectError(
      await gql(alice, CANCEL_OCCURRENCES, { meetingId: series.id, ids: [] }),
      'BAD_USER_INPUT',
      'occurrenceIds',
    );
  });

  it('answers unknown occurrences with NOT_FOUND and single meetings with BAD_USER_INPUT', async () => {
    const alice = await tokenFor('alice');
    const series = await createSeries(alice);
    expectError(
      await gql(alice, UPDATE_OCCURRENCE, {
        meetingId: series.id,
        occurrenceId: 'nope',
        input: { description: 'x' },
      }),
      'NOT_FOUND',
      'occurrenceId',
    );
    expectError(await gql(alice, CANCEL_OCCURRENCES, { meetingId: series.id, ids: ['nope'] }), 'NOT_FOUND');
    expectError(await gql(alice, UPDATE, { id: '999999999', input: { subject: 'x' } }), 'NOT_FOUND');
    const single = data(
      await gql(alice, 'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }', {
        input: { subject: 'One-off', startTime: START_TIME },
      }),
    ).createMeeting;
    expectError(
      await gql(alice, UPDATE, { id: single.id, input: { subject: 'x' } }),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expectError(
      await gql(alice, UPDATE_OCCURRENCE, {
        meetingId: single.id,
        occurrenceId: 'x',
        input: { description: 'x' },
      }),
      'BAD_USER_INPUT',
      'meetingId',
    );
  });

  it("refuses changes to somebody else's series", async () => {
    const series = await createSeries(await tokenFor('alice'));
    const bob = await tokenFor('bob');
    expectError(await gql(bob, UPDATE, { id: series.id, input: { subject: 'Mine' } }), 'NOT_FOUND');
    expectError(await gql(bob, CANCEL, { id: series.id }), 'NOT_FOUND');
    expectError(
      await gql(bob, CANCEL_OCCURRENCES, { meetingId: series.id, ids: [series.occurrences[0].id] }),
      'NOT_FOUND',
    );
    expect(data(await gql(await tokenFor('alice'), MEETING, { id: series.id })).meeting.subject).toBe(
      'Stand-up',
    );
  });
});
