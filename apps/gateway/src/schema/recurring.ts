import type {
  ConferenceInfo,
  CycleParams,
  CycleParamsInfo,
  CycleSubConf,
  RestScheduleConf,
  RestScheduleCycleConf,
} from '@hwmeeting/client';
import { lineText, multiLineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../errors.js';
import { calendarDateSchema, fromMeetingTime, lookup, toMeetingTime } from './common.js';
import {
  createMeetingInputSchema,
  type MeetingNode,
  mediaFromWire,
  meetingIdSchema,
  minutesBetween,
  optionalSubject,
  scheduleBody,
  unchangedMedia,
  untold,
} from './meetings.js';

/** Recurring meetings (R1-R5): the series mutations and the Meeting type's recurrence and occurrences. */
export const recurringTypeDefs = /* GraphQL */ `
  "How often a recurring meeting repeats."
  enum RecurrenceFrequency {
    "Every interval days."
    DAILY
    "Every interval weeks, on the given weekdays."
    WEEKLY
    "Every interval months, on the given days of the month."
    MONTHLY
    "A frequency the meeting server answered that this gateway does not know yet, or a rule that gives none (never accepted as input)."
    UNKNOWN
  }

  "A day of the week."
  enum Weekday {
    "Sunday."
    SUNDAY
    "Monday."
    MONDAY
    "Tuesday."
    TUESDAY
    "Wednesday."
    WEDNESDAY
    "Thursday."
    THURSDAY
    "Friday."
    FRIDAY
    "Saturday."
    SATURDAY
  }

  "The rule of a recurring meeting."
  type Recurrence {
    "How often it repeats."
    frequency: RecurrenceFrequency!
    "Repeat every this many days, weeks or months."
    interval: Int!
    "Weekly series: the weekdays it falls on."
    weekdays: [Weekday!]
    "Monthly series: the days of the month it falls on (a day a month lacks means its last day)."
    monthDays: [Int!]
    "First day (YYYY-MM-DD, in the meeting's time zone); null when the meeting server's record does not say."
    startDate: String
    "Last day (YYYY-MM-DD, in the meeting's time zone); null when the meeting server's record does not say."
    endDate: String
    "Invitees are reminded this many days before each occurrence."
    remindDaysBefore: Int
  }

  "One occurrence of a recurring meeting."
  type Occurrence {
    "Occurrence ID (for updateOccurrence and cancelOccurrences)."
    id: ID!
    "When this occurrence starts."
    startTime: DateTime
    "When this occurrence is planned to end."
    endTime: DateTime
    "Media of this occurrence."
    media: [MediaType!]!
    "Free-text description of this occurrence."
    description: String
    "This occurrence is recorded automatically."
    autoRecord: Boolean
    "Participants of this occurrence wait to be admitted."
    waitingRoom: Boolean
  }

  extend type Meeting {
    "The rule of a recurring series; null for single meetings."
    recurrence: Recurrence
    "The occurrences not cancelled of a recurring series, in time order; null for single meetings."
    occurrences: [Occurrence!]
  }

  "The rule of a recurring meeting to create or change."
  input RecurrenceInput {
    "How often it repeats."
    frequency: RecurrenceFrequency!
    "Every this many days (1-15), weeks (1-5) or months (1-3)."
    interval: Int = 1
    "WEEKLY only: the weekdays (default: the weekday of startDate)."
    weekdays: [Weekday!]
    "MONTHLY only: days of the month 1-31 (default: the day of startDate)."
    monthDays: [Int!]
    "First day, YYYY-MM-DD in the meeting's time zone; not before today."
    startDate: String!
    "Last day, YYYY-MM-DD; at most one year after startDate."
    endDate: String!
    "Remind invitees this many days (0-30) before each occurrence."
    remindDaysBefore: Int = 1
  }

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
    "Numeric time-zone ID of the dates (e.g. 56 for Beijing)."
    timeZoneId: String
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
    updateRecurringMeeting("Meeting ID of the series." id: ID!, "The changes." input: UpdateRecurringMeetingInput!): Meeting!
    "Cancels a whole recurring series; endIfRunning also ends an occurrence in progress."
    cancelRecurringMeeting(
      "Meeting ID of the series."
      id: ID!
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

const WEEKDAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;
const CYCLE = { DAILY: 'Day', WEEKLY: 'Week', MONTHLY: 'Month' } as const;
const FREQUENCY: Record<string, string> = { Day: 'DAILY', Week: 'WEEKLY', Month: 'MONTHLY' };

/** The `RecurrenceFrequency` of an upstream `cycle`; one not published yet, or none, reads as UNKNOWN. */
export const frequencyOf = (cycle: string | undefined): string => lookup(FREQUENCY, cycle) ?? 'UNKNOWN';
/** Largest interval per frequency, as the upstream allows. */
const MAX_INTERVAL = { DAILY: 15, WEEKLY: 5, MONTHLY: 3 } as const;
const YEAR_MS = 366 * 24 * 3600_000;

const recurrenceSchema = z
  .object({
    frequency: z.enum(['DAILY', 'WEEKLY', 'MONTHLY']),
    interval: z.number().int().min(1).default(1),
    weekdays: z.array(z.enum(WEEKDAYS)).min(1).max(7).nullish(),
    monthDays: z.array(z.number().int().min(1).max(31)).min(1).max(31).nullish(),
    startDate: calendarDateSchema,
    endDate: calendarDateSchema,
    remindDaysBefore: z.number().int().min(0).max(30).default(1),
  })
  .superRefine((rule, context) => {
    const max = MAX_INTERVAL[rule.frequency];
    if (rule.interval > max) {
      context.addIssue({
        code: 'custom',
        path: ['interval'],
        message: `must be 1 to ${max} for ${rule.frequency}`,
      });
    }
    if (rule.weekdays && rule.frequency !== 'WEEKLY')
      context.addIssue({ code: 'custom', path: ['weekdays'], message: 'only with frequency WEEKLY' });
    if (rule.monthDays && rule.frequency !== 'MONTHLY')
      context.addIssue({ code: 'custom', path: ['monthDays'], message: 'only with frequency MONTHLY' });
    const start = Date.parse(`${rule.startDate}T00:00:00Z`);
    const end = Date.parse(`${rule.endDate}T00:00:00Z`);
    if (end < start)
      context.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    else if (end - start > YEAR_MS)
      context.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'must be at most one year after startDate',
      });
  });

const futureSchema = z
  .date()
  .refine((d) => d.getTime() > Date.now() - 60_000, { error: 'must not be in the past' });
const durationSchema = z.number().int().min(15).max(1440);
const mediaSchema = z.enum(['AUDIO', 'VIDEO']);

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

/** A validated rule as the upstream's `cycleParams`. */
function cycleParams(rule: z.output<typeof recurrenceSchema>): CycleParams {
  const point =
    rule.frequency === 'WEEKLY'
      ? rule.weekdays?.map((day) => WEEKDAYS.indexOf(day))
      : rule.frequency === 'MONTHLY'
        ? (rule.monthDays ?? undefined)
        : undefined;
  return {
    startDate: rule.startDate,
    endDate: rule.endDate,
    cycle: CYCLE[rule.frequency],
    interval: rule.interval,
    ...(point ? { point } : {}),
    preRemindDays: rule.remindDaysBefore,
  };
}

/** Whether an answered `cycle` is one a request may send. */
function isPublishedCycle(cycle: string | undefined): cycle is CycleParams['cycle'] {
  return lookup(FREQUENCY, cycle) !== null;
}

/**
 * The stored rule, sent back unchanged with an edit (R2 requires `cycleParams`). Same keys in the same order as
 * answered, so that the upstream sees no change of rule and keeps the occurrences' IDs. Undefined when the
 * answer lacks what a request needs (both dates, a published cycle): the caller must then give the rule.
 */
function unchangedCycleParams(info: CycleParamsInfo | undefined): CycleParams | undefined {
  if (!info?.startDate || !info.endDate || !isPublishedCycle(info.cycle)) return undefined;
  return {
    startDate: info.startDate,
    endDate: info.endDate,
    cycle: info.cycle,
    ...(info.interval !== undefined ? { interval: info.interval } : {}),
    ...(info.point !== undefined ? { point: info.point } : {}),
    // UNVERIFIED: an answer without preRemindDays is read as the published default, 1.
    preRemindDays: info.preRemindDays ?? 1,
  };
}

function isSeries(info: ConferenceInfo): boolean {
  return info.confType === 'CYCLE' || info.conferenceType === 2;
}

/** The series details (M6) when a list answer lacks the recurrence or occurrences; null for single meetings. */
async function seriesInfo(m: MeetingNode, context: GatewayContext): Promise<ConferenceInfo | null> {
  if (!isSeries(m.info)) return null;
  if (m.info.cycleParams && m.info.subConfs) return m.info;
  return context.loaders.meeting.load(m.info.conferenceID);
}

/** The meeting as a series, or BAD_USER_INPUT naming the argument when it is a single meeting. */
async function requireSeries(id: string, argument: string, context: GatewayContext): Promise<ConferenceInfo> {
  const info = await context.loaders.meeting.load(id);
  if (!isSeries(info))
    throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, `${argument}: not a recurring meeting`, {
      field: argument,
    });
  return info;
}

function wireMedia(media: 'AUDIO' | 'VIDEO'): 'Voice' | 'HDVideo' {
  return media === 'AUDIO' ? 'Voice' : 'HDVideo';
}

/** Builds the recurring-meeting resolvers; `appId` is set in App ID mode (invitees by third-party ID need it). */
export function recurringResolvers(appId: string | undefined) {
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
        args: { id: string; input: unknown },
        context: GatewayContext,
      ) {
        const id = parseInput(meetingIdSchema, args.id, 'id');
        const changes = parseInput(updateSchema, args.input, 'input');
        const current = await requireSeries(id, 'id', context);
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
          mediaTypes: changes.media
            ? wireMedia(changes.media)
            : unchangedMedia(current.mediaTypes, 'input.media'),
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
        args: { id: string; endIfRunning?: boolean },
        context: GatewayContext,
      ) {
        const id = parseInput(meetingIdSchema, args.id, 'id');
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
          mediaTypes: changes.media
            ? wireMedia(changes.media)
            : unchangedMedia(occurrence.mediaType ?? series.mediaTypes, 'input.media'),
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
    Meeting: {
      async recurrence(m: MeetingNode, _: unknown, context: GatewayContext) {
        const rule = (await seriesInfo(m, context))?.cycleParams;
        if (!rule) return null;
        return {
          frequency: frequencyOf(rule.cycle),
          interval: rule.interval ?? 1,
          weekdays: rule.cycle === 'Week' && rule.point ? rule.point.flatMap((d) => WEEKDAYS[d] ?? []) : null,
          monthDays: rule.cycle === 'Month' && rule.point ? rule.point : null,
          startDate: rule.startDate ?? null,
          endDate: rule.endDate ?? null,
          remindDaysBefore: rule.preRemindDays ?? null,
        };
      },
      async occurrences(m: MeetingNode, _: unknown, context: GatewayContext) {
        const info = await seriesInfo(m, context);
        if (!info) return null;
        // Occurrences without a start (the record leaves it out) come last.
        return [...(info.subConfs ?? [])].sort((a, b) =>
          a.startTime === undefined || b.startTime === undefined
            ? Number(a.startTime === undefined) - Number(b.startTime === undefined)
            : a.startTime.localeCompare(b.startTime),
        );
      },
    },
    Occurrence: {
      id: (o: CycleSubConf) => o.cycleSubConfID,
      startTime: (o: CycleSubConf) => fromMeetingTime(o.startTime),
      endTime: (o: CycleSubConf) => fromMeetingTime(o.endTime),
      media: (o: CycleSubConf) => {
        const media = lookup(mediaFromWire, o.mediaType);
        return media ? [media] : [];
      },
      description: (o: CycleSubConf) => o.description ?? null,
      autoRecord: (o: CycleSubConf) => (o.isAutoRecord === undefined ? null : o.isAutoRecord === 1),
      waitingRoom: (o: CycleSubConf) => o.confConfigInfo?.enableWaitingRoom ?? null,
    },
  };
}
