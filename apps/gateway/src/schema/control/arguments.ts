import { type ControlCallOptions, MeetingApiError } from '@hwmeeting/client';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';
import { meetingIdSchema } from '../common/meeting.js';
import { type ControlResultNode, control, upstream } from './liveMeeting.js';

// What the control mutations take: meeting and participant IDs, checked the same way by every mutation.

/** A participant ID (pid). UNVERIFIED: pids are opaque; published samples are 32 lower-case alphanumerics. */
export const participantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a participant ID from liveMeeting or a subscription' });
const participantIdsSchema = z
  .array(participantIdSchema)
  .min(1, { error: 'give at least one participant ID' })
  .max(500)
  .transform((ids) => [...new Set(ids)]);

/** BAD_USER_INPUT naming the argument, like `parseInput` does. */
export function badInput(field: string, message: string) {
  return gatewayError(GatewayErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
}

/** null as undefined (the client leaves undefined out). */
export const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** Arguments naming a meeting. */
export type MeetingArgs = { meetingId: string };
/** Arguments naming a meeting and one participant. */
export type ParticipantArgs = MeetingArgs & { participantId: string };
/** Arguments naming a meeting and participants. */
export type ParticipantsArgs = MeetingArgs & { participantIds: string[] };

/** The checked meeting ID of the arguments. */
export const meetingIdOf = (args: MeetingArgs) => parseInput(meetingIdSchema, args.meetingId, 'meetingId');
/** The checked participant ID of the arguments. */
export const participantIdOf = (args: { participantId?: string | null }) =>
  parseInput(participantIdSchema, args.participantId, 'participantId');
/** The checked participant IDs of the arguments, without repeats. */
export const participantIdsOf = (args: ParticipantsArgs) =>
  parseInput(participantIdsSchema, args.participantIds, 'participantIds');

/** PARTICIPANT_NOT_FOUND naming the argument `field` and listing the participant IDs not in the meeting. */
export function participantNotFound(field: string, missing: readonly string[]) {
  return gatewayError(
    GatewayErrorCode.PARTICIPANT_NOT_FOUND,
    `${field}: not in the meeting (left, or never joined): ${missing.join(', ')}`,
    { field, participantIds: missing },
  );
}

/** Where the participants an operation names must be: in the meeting, or in its waiting room. */
export type ParticipantPlace = 'meeting' | 'waitingRoom';

/** The participant IDs in `place` now; undefined when they cannot be read. */
async function participantIdsIn(
  context: GatewayContext,
  meetingId: string,
  place: ParticipantPlace,
): Promise<Set<string> | undefined> {
  if (place === 'waitingRoom') {
    // The waiting room is only in the pushed state (real-time info leaves it out).
    const waiting = (await context.live.pushedSnapshot(meetingId))?.waitingList;
    return waiting ? new Set(waiting.map((w) => w.participantId)) : undefined;
  }
  const online = await upstream(() => context.client.control.participants(meetingId, context.identity));
  return new Set(online.map((p) => p.participantId));
}

/**
 * Runs a control operation on participants. The meeting server refuses one on a participant who is not there
 * with no code of its own (rest-api.md 5.3 lists none; the simulator answers the generic bad request), so after
 * a refusal the gateway looks: when a participant the operation names is not in `place`, the answer is
 * PARTICIPANT_NOT_FOUND naming `field`; otherwise the refusal stands.
 */
export async function onParticipants<T>(
  context: GatewayContext,
  meetingId: string,
  field: string,
  ids: readonly string[],
  operation: () => Promise<T>,
  place: ParticipantPlace = 'meeting',
): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof MeetingApiError) || error.httpStatus !== 400) throw error;
    // When the look-up fails too, the refusal itself is the answer (it is what the caller asked about).
    const present = await participantIdsIn(context, meetingId, place).catch(() => undefined);
    if (!present) throw error;
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length > 0) throw participantNotFound(field, missing);
    throw error;
  }
}

/** A list of one goes to the single-participant operation, a longer list to the batch one. */
const oneOrMany = (ids: string[]): string | string[] => (ids.length === 1 ? (ids[0] as string) : ids);

/** A control operation on one participant: checks both IDs; the result names the participant. */
export function controlParticipant(
  context: GatewayContext,
  args: ParticipantArgs,
  operation: (meetingId: string, participantId: string, options: ControlCallOptions) => Promise<unknown>,
): Promise<ControlResultNode> {
  const meetingId = meetingIdOf(args);
  const participantId = participantIdOf(args);
  return control(
    context,
    meetingId,
    (o) =>
      onParticipants(context, meetingId, 'participantId', [participantId], () =>
        operation(meetingId, participantId, o),
      ),
    participantId,
  );
}

/** A control operation on a list of participants, sent to the single or the batch call by {@link oneOrMany}. */
export function controlParticipants(
  context: GatewayContext,
  args: ParticipantsArgs,
  operation: (meetingId: string, ids: string | string[], options: ControlCallOptions) => Promise<unknown>,
): Promise<ControlResultNode> {
  const meetingId = meetingIdOf(args);
  const given = participantIdsOf(args);
  const ids = oneOrMany(given);
  return control(context, meetingId, (o) =>
    onParticipants(context, meetingId, 'participantIds', given, () => operation(meetingId, ids, o)),
  );
}
