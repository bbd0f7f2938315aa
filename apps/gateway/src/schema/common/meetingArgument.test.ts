// One argument name for the meeting in every operation: meetingId, with the former id still accepted, deprecated.
import { getIntrospectionQuery, type IntrospectionInputValue, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { data, expectError, useGateway } from '../../testing/harness.js';

const { gql, tokenFor } = useGateway();

/** The operations that named the meeting `id` before meetingId became the one name. */
const RENAMED = [
  'Query.meeting',
  'Query.liveMeeting',
  'Mutation.updateMeeting',
  'Mutation.cancelMeeting',
  'Mutation.startMeeting',
  'Mutation.updateRecurringMeeting',
  'Mutation.cancelRecurringMeeting',
];

/** Alice schedules a meeting for tomorrow; answers its ID. */
async function schedule(subject: string): Promise<string> {
  const created = data(
    await gql(
      await tokenFor('alice'),
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id } }',
      { input: { subject, startTime: new Date(Date.now() + 24 * 3_600_000).toISOString() } },
    ),
  );
  return created.createMeeting.id;
}

describe('the meeting argument', () => {
  it('is meetingId on every root field that acts on a meeting; a remaining id is deprecated', async () => {
    const answer = data(
      await gql(await tokenFor('alice'), getIntrospectionQuery({ inputValueDeprecation: true })),
    );
    const schema = (answer as IntrospectionQuery).__schema;
    const roots = [schema.queryType?.name, schema.mutationType?.name, schema.subscriptionType?.name];
    const byCoordinate = new Map<string, readonly IntrospectionInputValue[]>();
    for (const type of schema.types) {
      if (type.kind !== 'OBJECT' || !roots.includes(type.name)) continue;
      for (const field of type.fields) byCoordinate.set(`${type.name}.${field.name}`, field.args);
    }
    for (const coordinate of RENAMED) {
      const args = byCoordinate.get(coordinate) ?? [];
      expect(args.find((a) => a.name === 'meetingId')?.isDeprecated, coordinate).toBe(false);
      expect(args.find((a) => a.name === 'id')?.isDeprecated, coordinate).toBe(true);
    }
    // Any argument documented as a meeting ID is called meetingId (or is a deprecated former name).
    const misnamed = [...byCoordinate].flatMap(([coordinate, args]) =>
      args
        .filter((a) => /^Meeting ID/.test(a.description ?? '') && a.name !== 'meetingId' && !a.isDeprecated)
        .map((a) => `${coordinate}(${a.name}:)`),
    );
    expect(misnamed).toEqual([]);
  });

  it('reads a meeting by meetingId, and still by the deprecated id', async () => {
    const alice = await tokenFor('alice');
    const id = await schedule('Named either way');
    const query = 'query($meetingId: ID, $id: ID) { meeting(meetingId: $meetingId, id: $id) { id subject } }';
    expect(data(await gql(alice, query, { meetingId: id })).meeting).toEqual({
      id,
      subject: 'Named either way',
    });
    expect(data(await gql(alice, query, { id })).meeting.id).toBe(id);
    // An old client's operation, unchanged, still validates and runs.
    expect(data(await gql(alice, 'query($id: ID!) { meeting(id: $id) { id } }', { id })).meeting.id).toBe(id);
    expect(data(await gql(alice, query, { meetingId: id, id })).meeting.id).toBe(id);
  });

  it('is BAD_USER_INPUT naming both names when neither is given, or two different ones', async () => {
    const alice = await tokenFor('alice');
    const id = await schedule('Named twice');
    const neither = expectError(await gql(alice, '{ meeting { id } }'), 'BAD_USER_INPUT', 'meetingId');
    expect(neither.message).toMatch(/meetingId.*\bid\b/);
    const both = expectError(
      await gql(alice, 'mutation($a: ID, $b: ID) { cancelMeeting(meetingId: $a, id: $b) }', {
        a: id,
        b: '123456',
      }),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expect(both.message).toMatch(/meetingId.*\bid\b/);
    // The refused cancellation did nothing: the meeting is still there, and meetingId cancels it.
    expect(
      data(await gql(alice, 'mutation($m: ID) { cancelMeeting(meetingId: $m) }', { m: id })).cancelMeeting,
    ).toBe(true);
  });

  it('checks the value under the name it came in', async () => {
    const alice = await tokenFor('alice');
    expectError(
      await gql(alice, '{ liveMeeting(meetingId: "12ab") { status } }'),
      'BAD_USER_INPUT',
      'meetingId',
    );
    expectError(await gql(alice, '{ liveMeeting(id: "12ab") { status } }'), 'BAD_USER_INPUT', 'id');
  });
});
