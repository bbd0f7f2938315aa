import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';
import { meetingIdSchema } from './meeting.js';

// Every operation on a meeting names it `meetingId`. Those that called it `id` before still accept `id`,
// deprecated, so existing clients keep working until they move; the schema can then drop it.

/** The reason shown on the deprecated `id` arguments. */
const ID_DEPRECATION = 'Use meetingId: every operation on a meeting names it so.';

/**
 * The SDL of the meeting arguments of an operation that used to take `id`: `meetingId`, documented, and `id`
 * deprecated. Both are nullable (one of the two must be given), so queries that declare `$id: ID!` still validate.
 */
export function meetingIdArguments(description = 'Meeting ID (the number people dial).'): string {
  return `"${description} Required: omitted only by clients still sending the deprecated id." meetingId: ID, "Former name of meetingId." id: ID @deprecated(reason: "${ID_DEPRECATION}")`;
}

/** Arguments naming a meeting by `meetingId` or by its deprecated former name `id`. */
export type MeetingIdArgs = { meetingId?: string | null; id?: string | null };

/**
 * The checked meeting ID of the arguments: `meetingId`, or the deprecated `id`. Neither, or two different ones,
 * is BAD_USER_INPUT naming both (the same value twice is accepted).
 */
export function meetingIdArgument(args: MeetingIdArgs): string {
  const { meetingId, id } = args;
  if (meetingId != null && id != null && meetingId !== id) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      'meetingId, id: two different meeting IDs; give meetingId only (id is its deprecated former name)',
      { field: 'meetingId' },
    );
  }
  if (meetingId == null && id == null) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      'meetingId: is required (id, its deprecated former name, was not given either)',
      { field: 'meetingId' },
    );
  }
  return meetingId != null
    ? parseInput(meetingIdSchema, meetingId, 'meetingId')
    : parseInput(meetingIdSchema, id, 'id');
}
