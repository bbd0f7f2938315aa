import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';
import { z } from 'zod';

// What the console reads of a gateway error's extensions (apps/gateway/src/errors.ts); anything else is ignored.
const extensionsSchema = z.object({
  code: z.string(),
  retryAfterSeconds: z.number().nonnegative().optional(),
});

// The gateway's stable codes a meeting control can meet, in words for the person who pressed the button.
const readable: Record<string, string> = {
  PARTICIPANT_NOT_FOUND: 'they left the meeting',
  MEETING_NOT_IN_PROGRESS: 'the meeting is not in progress',
  FORBIDDEN: 'only the meeting’s hosts may do that',
  NOT_FOUND: 'the meeting no longer exists',
  WRONG_PASSWORD: 'the meeting server refused the meeting’s password',
  UPSTREAM_UNAVAILABLE: 'the meeting server cannot be reached; try again',
  TIMEOUT: 'the meeting server took too long; try again',
  SHUTTING_DOWN: 'the gateway is restarting; try again',
  LIMIT_EXCEEDED: 'a limit of the gateway refused it',
  INTERNAL_SERVER_ERROR: 'the gateway failed; try again',
};

/** Says in words why a meeting control failed, from the GraphQL error's `extensions.code`. */
export function describeControlError(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const [first] = error.errors;
    return first ? describeGraphQLError(first) : error.message;
  }
  if (ServerError.is(error)) return `the gateway answered HTTP ${error.statusCode}; try again`;
  return error instanceof Error ? error.message : String(error);
}

function describeGraphQLError(error: GraphQLFormattedError): string {
  const extensions = extensionsSchema.safeParse(error.extensions);
  if (!extensions.success) return error.message;
  const { code, retryAfterSeconds } = extensions.data;
  if (code === 'RATE_LIMITED')
    return retryAfterSeconds === undefined
      ? 'too many requests; wait a moment'
      : `too many requests; try again in ${Math.ceil(retryAfterSeconds)} s`;
  // BAD_USER_INPUT's message names the field and what is wrong with it: that is the readable text.
  return readable[code] ?? error.message;
}
