// The meeting server may answer enum values it has not published yet (published-behaviour.md §2): the gateway
// answers them as UNKNOWN (or null where the field is nullable) instead of a wrong value or an error.
import type { GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { expectError, useGateway } from '../../testing/harness.js';
import { buildSchema } from '../index.js';
import { frequencyOf } from '../meetings/recurrence.js';
import { meetingStateOf } from './meeting.js';

const { gql, tokenFor } = useGateway();

// A resolver answers an enum's internal value (the upstream's own); front ends read the name it serialises to.
const frequencies = buildSchema({ appId: undefined }).getType('RecurrenceFrequency') as GraphQLEnumType;
const frequencyAsServed = (cycle: string) => frequencies.serialize(frequencyOf(cycle));

describe('enum values the gateway does not know', () => {
  it('reads an unpublished conferenceState as UNKNOWN, not as scheduled', () => {
    expect(['Schedule', 'Creating', 'Created', 'Destroyed'].map(meetingStateOf)).toEqual([
      'SCHEDULED',
      'IN_PROGRESS',
      'IN_PROGRESS',
      'ENDED',
    ]);
    expect(meetingStateOf('Paused')).toBe('UNKNOWN');
    // Names every object inherits are values like any other, not entries of the gateway's tables.
    expect(['constructor', 'toString', '__proto__'].map(meetingStateOf)).toEqual([
      'UNKNOWN',
      'UNKNOWN',
      'UNKNOWN',
    ]);
  });

  it('reads an unpublished cycle as UNKNOWN instead of failing the non-null frequency', () => {
    expect(['Day', 'Week', 'Month'].map(frequencyAsServed)).toEqual(['DAILY', 'WEEKLY', 'MONTHLY']);
    expect(frequencyAsServed('Year')).toBe('UNKNOWN');
    expect(['constructor', 'hasOwnProperty'].map(frequencyAsServed)).toEqual(['UNKNOWN', 'UNKNOWN']);
  });

  it('never takes UNKNOWN as input', async () => {
    const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const answer = await gql(
      await tokenFor('alice'),
      'mutation($input: CreateRecurringMeetingInput!) { createRecurringMeeting(input: $input) { id } }',
      {
        input: {
          subject: 'Never',
          startTime: `${day(2)}T02:00:00.000Z`,
          durationMinutes: 15,
          timeZone: 'Asia/Shanghai',
          recurrence: { frequency: 'UNKNOWN', startDate: day(2), endDate: day(9) },
        },
      },
    );
    expectError(answer, 'BAD_USER_INPUT', 'input.recurrence.frequency');
  });
});
