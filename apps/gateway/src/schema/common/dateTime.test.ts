// The DateTime scalar: impossible calendar dates and times are refused, never rolled over into the next month.
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectError, useGateway } from '../../testing/harness.js';
import { dateTimeScalar } from './dateTime.js';

const { gql, tokenFor, sim } = useGateway();

/** The code of what parsing a DateTime variable value throws, or the ISO text it parses to. */
function parse(value: unknown): string {
  try {
    return (dateTimeScalar.parseValue(value) as Date).toISOString();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return String((error as GraphQLError).extensions.code);
  }
}

describe('DateTime', () => {
  it('refuses dates and times that do not exist with BAD_USER_INPUT', () => {
    for (const value of [
      '2027-02-30T10:00:00Z',
      '2027-02-29T10:00:00Z',
      '2027-04-31T00:00:00Z',
      '2027-13-01T00:00:00Z',
      '2027-00-10T10:00Z',
      '2027-01-00T10:00Z',
      '2027-01-01T24:00:00Z',
      '2027-01-01T23:60:00Z',
      '2027-01-01T10:00:00+24:00',
      '2027-01-01T10:00:00-00:60',
    ]) {
      expect(parse(value), value).toBe('BAD_USER_INPUT');
    }
  });

  it('takes real dates, leap days included, in any offset', () => {
    expect(parse('2028-02-29T10:00:00Z')).toBe('2028-02-29T10:00:00.000Z');
    expect(parse('2027-12-31T23:59:59.999Z')).toBe('2027-12-31T23:59:59.999Z');
    expect(parse('2027-03-01T01:30:00+08:00')).toBe('2027-02-28T17:30:00.000Z');
    expect(parse('2000-02-29T00:00Z')).toBe('2000-02-29T00:00:00.000Z');
  });

  it('refuses 30 February in a variable over HTTP, naming the variable and field, and creates nothing', async () => {
    const alice = await tokenFor('alice');
    const before = sim().store.meetings.size;
    const created = await gql(
      alice,
      'mutation($input: CreateMeetingInput!) { createMeeting(input: $input) { id startTime } }',
      { input: { subject: 'Leap of faith', startTime: '2027-02-30T10:00:00Z' } },
    );
    const error = expectError(created, 'BAD_USER_INPUT');
    expect(error.message).toContain('"$input"');
    expect(error.message).toContain('"input.startTime"');
    expect(error.message).toContain('2027-02-30T10:00:00Z');
    expect(created.body.data).toBeUndefined();
    expect(sim().store.meetings.size).toBe(before);

    const history = await gql(
      alice,
      'query($from: DateTime!, $to: DateTime!) { meetingHistory(from: $from, to: $to) { totalCount } }',
      { from: '2027-02-29T00:00:00Z', to: '2027-03-31T00:00:00Z' },
    );
    expect(expectError(history, 'BAD_USER_INPUT').message).toContain('"$from"');
  });

  it('refuses 30 February written into the document, pointing at the literal', async () => {
    const answer = await gql(
      await tokenFor('alice'),
      'query { meetingHistory(from: "2027-02-30T00:00:00Z", to: "2027-03-31T00:00:00Z") { totalCount } }',
    );
    // An invalid literal makes the document invalid: Apollo answers it as a validation failure.
    expect(answer.status).toBe(400);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toMatchObject([
      {
        message: 'DateTime 2027-02-30T00:00:00Z is not a calendar date',
        locations: [{ line: 1, column: 30 }],
      },
    ]);
  });
});
