import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeControlError } from './controlError';

const graphQLError = (message: string, extensions?: Record<string, unknown>) =>
  new CombinedGraphQLErrors({ data: null, errors: [extensions ? { message, extensions } : { message }] });

describe('describeControlError', () => {
  it('reads a known code in words', () => {
    const error = graphQLError('participant 7 is not in the meeting', {
      code: 'PARTICIPANT_NOT_FOUND',
      participantIds: ['7'],
    });
    expect(describeControlError(error)).toBe('they left the meeting');
    expect(describeControlError(graphQLError('no', { code: 'MEETING_NOT_IN_PROGRESS' }))).toBe(
      'the meeting is not in progress',
    );
  });

  it('says when to retry a rate-limited control', () => {
    expect(
      describeControlError(graphQLError('slow down', { code: 'RATE_LIMITED', retryAfterSeconds: 2.5 })),
    ).toBe('too many requests; try again in 3 s');
    expect(describeControlError(graphQLError('slow down', { code: 'RATE_LIMITED' }))).toBe(
      'too many requests; wait a moment',
    );
  });

  it('keeps the message of a bad input (it names the field) and of an unknown or missing code', () => {
    const badName = 'name: must be 1 to 96 characters';
    expect(describeControlError(graphQLError(badName, { code: 'BAD_USER_INPUT', field: 'name' }))).toBe(
      badName,
    );
    expect(describeControlError(graphQLError('something new', { code: 'NEW_CODE' }))).toBe('something new');
    expect(describeControlError(graphQLError('no extensions'))).toBe('no extensions');
  });

  it('reads an error that is not GraphQL by its message', () => {
    expect(describeControlError(new Error('Failed to fetch'))).toBe('Failed to fetch');
    expect(describeControlError('plain')).toBe('plain');
  });
});
