// Records as the meeting server may answer them (published-behaviour.md §2): every field but the identifying one
// optional, enum values it has not published, now and then a record the client cannot read at all. One odd
// record never fails a GraphQL answer: a missing field reads as null (or UNKNOWN, or an empty list), an
// unreadable record leaves its list without breaking the paging, and an edit that must send back a value the
// record does not give asks for it (BAD_USER_INPUT naming the field) instead of guessing.
// The answers are the simulator's own, modified and served once through its `/__sim/` faults (`malformed` with
// a body): everything else is the real simulator.
import { createMeetingClient, type MeetingClient } from '@hwmeeting/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from './schema/common/paging.js';
import { data, expectError, useGateway } from './testing/harness.js';

const { gql, tokenFor, sim } = useGateway();

const CONFERENCES = '/v1/mmc/management/conferences';
const DETAIL = `${CONFERENCES}/confDetail`;

let client: MeetingClient;
beforeAll(() => {
  client = createMeetingClient({
    endpoint: sim().url,
    credentials: { appId: sim().appId, appKey: sim().appKey },
  });
});
afterAll(() => client.dispose());
afterEach(() => sim().faults.clear());

/** Serves `body` (JSON) as the answer of the next call (GET unless told) whose path starts with `pathPrefix`. */
async function answerOnce(pathPrefix: string, body: unknown, method = 'GET'): Promise<void> {
  const response = await fetch(`${sim().url}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'malformed', method, pathPrefix, body: JSON.stringify(body) }),
  });
  expect(response.status).toBeLessThan(300);
}

/** A meeting's details (M6) as the simulator answers them to `userId`, to modify. */
async function detailOf(id: string, userId: string) {
  return client.meetings.get({ conferenceID: id }, undefined, { userId });
}

/** `record` without the named fields. */
function without<T extends object>(record: T, ...keys: string[]): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !keys.includes(key))) as Partial<T>;
}

describe('a page with odd records', () => {
  it('answers the good records, null or UNKNOWN for what the odd ones lack, and pages past an unreadable one', async () => {
    const real = await client.meetings.list({ offset: 0, limit: 20 }, { userId: 'alice' });
    const [first, second] = real.data;
    if (!first || !second) throw new Error('alice should see two meetings of the demo seed');
    await answerOnce(CONFERENCES, {
      offset: 0,
      limit: 20,
      count: 4,
      data: [
        first,
        // Only what identifies it: every other field is optional in the official SDK.
        { conferenceID: '900000001' },
        // A state, a type and a medium the gateway does not know (names every object inherits among them).
        { ...second, conferenceState: 'Paused', confType: 'constructor', mediaTypes: 'toString,Voice' },
        // Nothing that identifies it: the client leaves it out of the list.
        { subject: 'no conferenceID' },
      ],
    });

    const answer = await gql(
      await tokenFor('alice'),
      `{ meetings(first: 20) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node {
            id subject state kind startTime endTime media owner { id name } passwords { host }
            viewerRole viewerIsOwner inviteeCount waitingRoom recurrence { frequency } occurrences { id }
          } }
        } }`,
    );

    const meetings = data(answer).meetings;
    expect(meetings.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([
      first.conferenceID,
      '900000001',
      second.conferenceID,
    ]);
    const [good, bare, paused] = meetings.edges.map((edge: { node: unknown }) => edge.node);
    expect(good).toMatchObject({ subject: first.subject, state: 'SCHEDULED' });
    expect(good.media.length).toBeGreaterThan(0);
    expect(bare).toEqual({
      id: '900000001',
      subject: null,
      state: 'UNKNOWN',
      kind: null,
      startTime: null,
      endTime: null,
      media: [],
      owner: { id: null, name: null },
      passwords: null,
      viewerRole: null,
      viewerIsOwner: null,
      inviteeCount: null,
      waitingRoom: null,
      recurrence: null,
      occurrences: null,
    });
    expect(paused).toMatchObject({
      id: second.conferenceID,
      subject: second.subject,
      state: 'UNKNOWN',
      kind: null,
      media: ['AUDIO'],
    });
    // Four records answered, three read: the page covered all four, so nothing follows it.
    expect(meetings.totalCount).toBe(4);
    expect(meetings.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(3) });
  });

  it('reads users without a name or with a status it does not know as null', async () => {
    const real = await client.users.list({ offset: 0, limit: 2 }, {});
    const [first, second] = real.data;
    if (!first || !second) throw new Error('the demo seed should have two users');
    await answerOnce('/v1/usg/dcs/corp/member', {
      offset: 0,
      limit: 2,
      count: 2,
      data: [without(first, 'name', 'status'), { ...second, status: 7 }],
    });

    const users = data(
      await gql(
        await tokenFor('admin', ['admin']),
        '{ users(first: 2) { edges { node { id account name status hidePhone isAdmin } } } }',
      ),
    ).users.edges.map((edge: { node: unknown }) => edge.node);

    expect(users).toEqual([
      expect.objectContaining({ id: first.id, account: first.userAccount, name: null, status: null }),
      expect.objectContaining({ id: second.id, name: second.name, status: null }),
    ]);
  });

  it("keeps a member's department place when a department on the way has no name", async () => {
    await answerOnce('/v1/usg/abs/departments/1', {
      deptCode: '1',
      childDepts: [
        { deptCode: 'eng', deptName: 'Engineering', isLeafNodes: false },
        { deptCode: 'sales', deptName: 'Sales', isLeafNodes: true },
      ],
    });

    const answer = data(
      await gql(
        await tokenFor('alice'),
        `{ root: department(code: "1") { code name }
           eng: department(code: "eng") { code name level codePath parentCode namePath } }`,
      ),
    );

    expect(answer.root).toEqual({ code: '1', name: null });
    expect(answer.eng).toEqual({
      code: 'eng',
      name: 'Engineering',
      level: 2,
      codePath: '1/eng',
      parentCode: '1',
      namePath: null,
    });
  });

  it('answers an invitation whose answer does not say whether the contact was registered', async () => {
    // U7's answer without `userExist`.
    await answerOnce('/v1/usg/dcs/corp/member/add', {}, 'POST');
    const answer = await gql(
      await tokenFor('admin', ['admin']),
      'mutation($input: InviteUserInput!) { inviteUser(input: $input) { alreadyRegistered } }',
      { input: { name: 'Erin Odd', contact: 'erin.odd@demo.example' } },
    );
    expect(data(answer).inviteUser).toEqual({ alreadyRegistered: null });
  });
});

describe('an edit of a record that lacks what the edit must send back', () => {
  it('asks for the media of a meeting whose record does not give it, and changes nothing', async () => {
    const created = data(
      await gql(
        await tokenFor('alice'),
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id subject } }',
        { input: { subject: 'Odd media', startTime: new Date(Date.now() + 3 * 3_600_000).toISOString() } },
      ),
    ).createMeeting;
    const detail = await detailOf(created.id, 'alice');
    await answerOnce(DETAIL, { ...detail, conferenceData: without(detail.conferenceData, 'mediaTypes') });

    const answer = await gql(
      await tokenFor('alice'),
      'mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(meetingId: $id, input: $input) { id } }',
      { id: created.id, input: { subject: 'Renamed' } },
    );

    expectError(answer, 'BAD_USER_INPUT', 'input.media');
    expect((await detailOf(created.id, 'alice')).conferenceData.subject).toBe('Odd media');
  });

  it('keeps the subject of a meeting whose record does not give it (an empty one would clear it)', async () => {
    const created = data(
      await gql(
        await tokenFor('alice'),
        'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
        { input: { subject: 'Kept subject', startTime: new Date(Date.now() + 3 * 3_600_000).toISOString() } },
      ),
    ).createMeeting;
    const detail = await detailOf(created.id, 'alice');
    await answerOnce(DETAIL, { ...detail, conferenceData: without(detail.conferenceData, 'subject') });

    const answer = await gql(
      await tokenFor('alice'),
      'mutation($id: ID!, $input: UpdateMeetingInput!) { updateMeeting(meetingId: $id, input: $input) { subject } }',
      { id: created.id, input: { durationMinutes: 45 } },
    );

    expect(data(answer).updateMeeting).toEqual({ subject: 'Kept subject' });
  });

  it("asks for a series' rule when its record gives no dates, and reads the missing dates as null", async () => {
    const bob = await tokenFor('bob');
    const listed = data(await gql(bob, '{ meetings(first: 100) { edges { node { id kind } } } }')).meetings
      .edges;
    const series = listed.find((edge: { node: { kind: string } }) => edge.node.kind === 'RECURRING')?.node;
    if (!series) throw new Error('bob should own the weekly series of the demo seed');
    const detail = await detailOf(series.id, 'bob');
    const cycleParams = detail.conferenceData.cycleParams;
    if (!cycleParams) throw new Error('the series should have its rule');
    const odd = {
      ...detail,
      conferenceData: { ...detail.conferenceData, cycleParams: without(cycleParams, 'startDate', 'endDate') },
    };

    await answerOnce(DETAIL, odd);
    const read = await gql(
      bob,
      'query($id: ID!) { meeting(meetingId: $id) { recurrence { frequency startDate endDate } } }',
      {
        id: series.id,
      },
    );
    expect(data(read).meeting.recurrence).toEqual({ frequency: 'WEEKLY', startDate: null, endDate: null });

    await answerOnce(DETAIL, odd);
    const edit = await gql(
      bob,
      'mutation($id: ID!, $input: UpdateRecurringMeetingInput!) { updateRecurringMeeting(meetingId: $id, input: $input) { id } }',
      { id: series.id, input: { subject: 'Weekly, renamed' } },
    );
    expectError(edit, 'BAD_USER_INPUT', 'input.recurrence');
  });

  it('asks for the start of an occurrence whose record does not give it', async () => {
    const bob = await tokenFor('bob');
    const listed = data(await gql(bob, '{ meetings(first: 100) { edges { node { id kind } } } }')).meetings
      .edges;
    const series = listed.find((edge: { node: { kind: string } }) => edge.node.kind === 'RECURRING')?.node;
    if (!series) throw new Error('bob should own the weekly series of the demo seed');
    const detail = await detailOf(series.id, 'bob');
    const [occurrence, ...others] = detail.conferenceData.subConfs ?? [];
    if (!occurrence) throw new Error('the series should have occurrences');
    await answerOnce(DETAIL, {
      ...detail,
      conferenceData: { ...detail.conferenceData, subConfs: [without(occurrence, 'startTime'), ...others] },
    });

    const answer = await gql(
      bob,
      `mutation($meetingId: ID!, $occurrenceId: ID!, $input: UpdateOccurrenceInput!) {
        updateOccurrence(meetingId: $meetingId, occurrenceId: $occurrenceId, input: $input) { id } }`,
      { meetingId: series.id, occurrenceId: occurrence.cycleSubConfID, input: { description: 'odd' } },
    );

    expectError(answer, 'BAD_USER_INPUT', 'input.startTime');
  });
});
