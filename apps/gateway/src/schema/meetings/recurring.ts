import type { ConferenceInfo, RestScheduleConf, RestScheduleCycleConf } from '@hwmeeting/client';
import { lineText, multiLineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';
import { fromMeetingTime, toMeetingTime } from '../common/dateTime.js';
import { type MeetingNode, meetingIdSchema, meetingMedia } from '../common/meeting.js';
import { type MeetingIdArgs, meetingIdArgument, meetingIdArguments } from '../common/meetingArgument.js';
import { cycleParams, isSeries, recurrenceSchema, unchangedCycleParams } from './recurrence.js';
import {
  createMeetingInputSchema,
  minutesBetween,
  optionalSubject,
  scheduleBody,
  unchangedMedia,
  untold,
} from './scheduling.js';

/** Recurring meetings: scheduling, editing and cancelling a series or one of its occurrences. */
export const recurringTypeDefs = /* GraphQL */ `
  "A recurring meeting to schedule."
  input CreateRecurringMeetingInput {
    "Subject, 1 to 128 characters."
    subject: String!
    "Start of the first occurrence; its time of day is the time of every occurrence."
    startTime: DateTime!
    "Length of each occurrence in minutes, 15 to 1440."
    durationMinutes: Int = 30
    "Audio only or video."
    media: MeetingMedia = VIDEO
    "People to invite to every occurrence."
    invitees: [InviteeInput!]
    "Time zone of the recurrence's dates and of the notifications, as an IANA name (e.g. Europe/Berlin); the meeting server's default when omitted. A zone the meeting server does not list goes as one of its zones with the same UTC offset at startTime (it reads back as that zone); no such zone, or a name that is not an IANA time zone, is BAD_USER_INPUT."
    timeZone: String
    "The meeting server's numeric time-zone ID (e.g. 56); not with timeZone."
    timeZoneId: String @deprecated(reason: "Use timeZone, an IANA time zone name.")
    "Participants wait to be admitted."
    waitingRoom: Boolean
    "Participants join muted."
    muteOnJoin: Boolean
    "How it repeats."
    recurrence: RecurrenceInput!
  }

  "Changes to a whole recurring series; absent fields keep their value. A new rule, start or length rebuilds its occurrences (with new IDs)."
  input UpdateRecurringMeetingInput {
    "New subject."
    subject: String
    "New start (its time of day applies to every occurrence)."
    startTime: DateTime
    "New length of each occurrence in minutes, 15 to 1440."
    durationMinutes: Int
    "Audio only or video, for every occurrence."
    media: MeetingMedia
    "A new rule."
    recurrence: RecurrenceInput
  }

  "Changes to one occurrence; absent fields keep their value."
  input UpdateOccurrenceInput {
    "New start of this occurrence."
    startTime: DateTime
    "New length in minutes, 15 to 1440."
    durationMinutes: Int
    "Audio only or video."
    media: MeetingMedia
    "Free-text description, at most 200 characters."
    description: String
    "Participants of this occurrence wait to be admitted."
    waitingRoom: Boolean
  }

  extend type Mutation {
    "Schedules a recurring meeting."
    createRecurringMeeting("The series to schedule." input: CreateRecurringMeetingInput!): Meeting!
    "Changes a whole recurring series."
    updateRecurringMeeting(${meetingIdArguments('Meeting ID of the series.')}, "The changes." input: UpdateRecurringMeetingInput!): Meeting!
    "Cancels a whole recurring series; endIfRunning also ends an occurrence in progress."
    cancelRecurringMeeting(
      ${meetingIdArguments('Meeting ID of the series.')}
      "Also end an occurrence in progress."
      endIfRunning: Boolean = false
    ): Boolean!
    "Changes one occurrence of a recurring series; answers the series."
    updateOccurrence(
      "Meeting ID of the series."
      meetingId: ID!
      "The occurrence to change."
      occurrenceId: ID!
      "The changes."
      input: UpdateOccurrenceInput!
    ): Meeting!
    "Cancels occurrences of a recurring series; cancelling the last one removes the series."
    cancelOccurrences(
      "Meeting ID of the series."
      meetingId: ID!
      "The occurrences to cancel (at most 100)."
      occurrenceIds: [ID!]!
      "Also end an occurrence in progress."
      endIfRunning: Boolean = false
    ): Boolean!
  }
`;

const futureSchema = z
  .date()
  .refine((d) => d.getTime() > Date.now() - 60_000, { error: 'must not be in the past' });
const durationSchema = z.number().int().min(15).max(1440);
const mediaSchema = meetingMedia.schema();

const createSchema = createMeetingInputSchema.extend({
  startTime: futureSchema,
  recurrence: recurrenceSchema,
});

const updateSchema = z
  .object({
    subject: lineText().trim().min(1).max(128).nullish(),
    startTime: futureSchema.nullish(),
    durationMinutes: durationSchema.nullish(),
    media: mediaSchema.nullish(),
    recurrence: recurrenceSchema.nullish(),
  })
  .refine((input) => Object.values(input).some((value) => value != null), {
    error: 'give at least one change',
  });

const occurrenceUpdateSchema = z
  .object({
    startTime: futureSchema.nullish(),
    durationMinutes: durationSchema.nullish(),
    media: mediaSchema.nullish(),
    description: multiLineText().max(200).nullish(),
    waitingRoom: z.boolean().nullish(),
  })
  .refine((input) => Object.values(input).some((value) => value != null), {
    error: 'give at least one change',
  });

const occurrenceIdSchema = lineText().trim().min(1).max(64);
const occurrenceIdsSchema = z.array(occurrenceIdSchema).min(1).max(100);
/** The meeting as a series, or BAD_USER_INPUT naming the argument when it is a single meeting. */
async function requireSeries(id: string, argument: string, context: GatewayContext): Promise<ConferenceInfo> {
  const info = await context.loaders.meeting.load(id);
  if (!isSeries(info))
    throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, `${argument}: not a recurring meeting`, {
      field: argument,
    });
  return info;
}

/** Builds the recurring-meeting resolvers; `appId` is set in App ID mode (invitees by third-party ID need it). */ export function recurringResolvers(
  appId: string | undefined,
) {
  const node = (info: ConferenceInfo): MeetingNode => ({ info });
  return {
    Mutation: {
      async createRecurringMeeting(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        const body: RestScheduleConf = {
          ...scheduleBody(input, appId),
          cycleParams: cycleParams(input.recurrence),
        };
        return node(await context.client.meetings.createRecurring(body, context.identity));
      },
      async updateRecurringMeeting(
        _: unknown,
        args: MeetingIdArgs & { input: unknown },
        context: GatewayContext,
      ) {
        const id = meetingIdArgument(args);
        const changes = parseInput(updateSchema, args.input, 'input');
        const current = await requireSeries(id, 'meetingId', context);
        const rule = changes.recurrence
          ? cycleParams(changes.recurrence)
          : unchangedCycleParams(current.cycleParams);
        if (!rule)
          throw gatewayError(
            GatewayErrorCode.BAD_USER_INPUT,
            'input.recurrence: the series has no readable rule; give one',
            { field: 'input.recurrence' },
          );
        // UNVERIFIED: only cycleParams is published as required for R2; start and length are sent only when they
        // change, because the upstream rebuilds every occurrence (new IDs) when either differs.
        const body: RestScheduleConf = {
          ...optionalSubject(changes.subject ?? current.subject),
          mediaTypes: changes.media ?? unchangedMedia(current.mediaTypes, 'input.media'),
          ...(changes.startTime ? { startTime: toMeetingTime(changes.startTime) } : {}),
          ...(changes.durationMinutes ? { length: changes.durationMinutes } : {}),
          cycleParams: rule,
        };
        const updated = await context.client.meetings.updateRecurring(id, body, context.identity);
        context.loaders.meeting.clear(id);
        return node(updated);
      },
      async cancelRecurringMeeting(
        _: unknown,
        args: MeetingIdArgs & { endIfRunning?: boolean },
        context: GatewayContext,
      ) {
        const id = meetingIdArgument(args);
        await context.client.meetings.cancelRecurring(
          { conferenceID: id, ...(args.endIfRunning ? { type: 1 } : {}) },
          context.identity,
        );
        context.loaders.meeting.clear(id);
        return true;
      },
      async updateOccurrence(
        _: unknown,
        args: { meetingId: string; occurrenceId: string; input: unknown },
        context: GatewayContext,
      ) {
        const id = parseInput(meetingIdSchema, args.meetingId, 'meetingId');
        const occurrenceId = parseInput(occurrenceIdSchema, args.occurrenceId, 'occurrenceId');
        const changes = parseInput(occurrenceUpdateSchema, args.input, 'input');
        const series = await requireSeries(id, 'meetingId', context);
        const occurrence = series.subConfs?.find((sub) => sub.cycleSubConfID === occurrenceId);
        if (!occurrence) {
          throw gatewayError(GatewayErrorCode.NOT_FOUND, 'occurrenceId: no such occurrence of this meeting', {
            field: 'occurrenceId',
          });
        }
        // R4 takes the whole occurrence: media, start and length are required, so unchanged ones are sent back.
        const start = changes.startTime ?? fromMeetingTime(occurrence.startTime);
        if (!start) throw untold('input.startTime', 'when this occurrence starts');
        const length = changes.durationMinutes ?? minutesBetween(occurrence.startTime, occurrence.endTime);
        if (length === undefined) throw untold('input.durationMinutes', 'how long this occurrence is');
        const body: RestScheduleCycleConf = {
          cycleSubConfID: occurrenceId,
          // An occurrence without its own media has the series'.
          mediaTypes:
            changes.media ?? unchangedMedia(occurrence.mediaType ?? series.mediaTypes, 'input.media'),
          startTime: toMeetingTime(start),
          length,
          ...(changes.description != null ? { description: changes.description } : {}),
          // UNVERIFIED: whether R4 merges or replaces confConfigInfo; only the one option asked for is sent.
          ...(changes.waitingRoom != null
            ? { confConfigInfo: { enableWaitingRoom: changes.waitingRoom } }
            : {}),
        };
        await context.client.meetings.updateSubMeeting(id, body, context.identity);
        context.loaders.meeting.clear(id);
        return node(await context.loaders.meeting.load(id));
      },
      async cancelOccurrences(
        _: unknown,
        args: { meetingId: string; occurrenceIds: string[]; endIfRunning?: boolean },
        context: GatewayContext,
      ) {
        const id = parseInput(meetingIdSchema, args.meetingId, 'meetingId');
        const ids = parseInput(occurrenceIdsSchema, args.occurrenceIds, 'occurrenceIds');
        await context.client.meetings.cancelSubMeetings(
          { conferenceID: id, ...(args.endIfRunning ? { type: 1 } : {}) },
          ids,
          context.identity,
        );
        context.loaders.meeting.clear(id);
        return true;
      },
    },
  };
}
