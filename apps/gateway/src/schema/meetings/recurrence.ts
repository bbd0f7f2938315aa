import type { ConferenceInfo, CycleParams, CycleParamsInfo, CycleSubConf } from '@hwmeeting/client';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { calendarDateSchema, fromMeetingTime } from '../common/dateTime.js';
import { wireEnum } from '../common/enums.js';
import type { MeetingNode } from '../common/meeting.js';
import { mediaType } from './meeting.js';

/** The rule and the occurrences of a recurring meeting: how they read, and how a rule is sent. */
export const recurrenceTypeDefs = /* GraphQL */ `
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
`;

/** `Weekday`: a day of the upstream `point` list of a weekly rule (0 is Sunday). */
const weekday = wireEnum({
  SUNDAY: 0,
  MONDAY: 1,
  TUESDAY: 2,
  WEDNESDAY: 3,
  THURSDAY: 4,
  FRIDAY: 5,
  SATURDAY: 6,
});
/** `RecurrenceFrequency`: the upstream `cycle`; UNKNOWN (answers only) for a cycle not published yet, or none. */
const recurrenceFrequency = wireEnum({ DAILY: 'Day', WEEKLY: 'Week', MONTHLY: 'Month', UNKNOWN: 'UNKNOWN' });

/** The `RecurrenceFrequency` of an upstream `cycle`; one not published yet, or none, reads as UNKNOWN. */
export const frequencyOf = (cycle: string | undefined) => recurrenceFrequency.readOr(cycle, 'UNKNOWN');
/** Largest interval per frequency, as the upstream allows. */
const MAX_INTERVAL = { Day: 15, Week: 5, Month: 3 } as const;
const YEAR_MS = 366 * 24 * 3600_000;

/** A rule as a request gives it. */
export const recurrenceSchema = z
  .object({
    frequency: recurrenceFrequency.schema('DAILY', 'WEEKLY', 'MONTHLY'),
    interval: z.number().int().min(1).default(1),
    weekdays: z.array(weekday.schema()).min(1).max(7).nullish(),
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
        message: `must be 1 to ${max} for ${recurrenceFrequency.nameOf(rule.frequency)}`,
      });
    }
    if (rule.weekdays && rule.frequency !== recurrenceFrequency.of('WEEKLY'))
      context.addIssue({ code: 'custom', path: ['weekdays'], message: 'only with frequency WEEKLY' });
    if (rule.monthDays && rule.frequency !== recurrenceFrequency.of('MONTHLY'))
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

/** A validated rule as the upstream's `cycleParams`. */
export function cycleParams(rule: z.output<typeof recurrenceSchema>): CycleParams {
  const point =
    rule.frequency === recurrenceFrequency.of('WEEKLY')
      ? (rule.weekdays ?? undefined)
      : rule.frequency === recurrenceFrequency.of('MONTHLY')
        ? (rule.monthDays ?? undefined)
        : undefined;
  return {
    startDate: rule.startDate,
    endDate: rule.endDate,
    cycle: rule.frequency,
    interval: rule.interval,
    ...(point ? { point } : {}),
    preRemindDays: rule.remindDaysBefore,
  };
}

/** Whether an answered `cycle` is one a request may send. */
export function isPublishedCycle(cycle: string | undefined): cycle is CycleParams['cycle'] {
  const known = recurrenceFrequency.read(cycle);
  return known !== null && known !== recurrenceFrequency.of('UNKNOWN');
}

/**
 * The stored rule, sent back unchanged with an edit (R2 requires `cycleParams`). Same keys in the same order as
 * answered, so that the upstream sees no change of rule and keeps the occurrences' IDs. Undefined when the
 * answer lacks what a request needs (both dates, a published cycle): the caller must then give the rule.
 */
export function unchangedCycleParams(info: CycleParamsInfo | undefined): CycleParams | undefined {
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

/** Whether the meeting is a recurring series. */
export function isSeries(info: ConferenceInfo): boolean {
  return info.confType === 'CYCLE' || info.conferenceType === 2;
}

/** The series details (M6) when a list answer lacks the recurrence or occurrences; null for single meetings. */
export async function seriesInfo(m: MeetingNode, context: GatewayContext): Promise<ConferenceInfo | null> {
  if (!isSeries(m.info)) return null;
  if (m.info.cycleParams && m.info.subConfs) return m.info;
  return context.loaders.meeting.load(m.info.conferenceID);
}

/** Resolvers of a series' rule and occurrences. */
export const recurrenceResolvers = {
  RecurrenceFrequency: recurrenceFrequency.values,
  Weekday: weekday.values,
  Meeting: {
    async recurrence(m: MeetingNode, _: unknown, context: GatewayContext) {
      const rule = (await seriesInfo(m, context))?.cycleParams;
      if (!rule) return null;
      return {
        frequency: frequencyOf(rule.cycle),
        interval: rule.interval ?? 1,
        weekdays:
          rule.cycle === 'Week' && rule.point ? rule.point.flatMap((d) => weekday.read(d) ?? []) : null,
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
      const media = mediaType.read(o.mediaType);
      return media ? [media] : [];
    },
    description: (o: CycleSubConf) => o.description ?? null,
    autoRecord: (o: CycleSubConf) => (o.isAutoRecord === undefined ? null : o.isAutoRecord === 1),
    waitingRoom: (o: CycleSubConf) => o.confConfigInfo?.enableWaitingRoom ?? null,
  },
};
