import { type ConferenceInfo, MeetingApiError, type RestScheduleConf } from '@hwmeeting/client';
import { lineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, namingArguments, parseInput, upstreamError } from '../../errors.js';
import { fromMeetingTime, toMeetingTime } from '../common/dateTime.js';
import { type MeetingMediaValue, type MeetingNode, meetingMedia, meetingStateOf } from '../common/meeting.js';
import { type MeetingIdArgs, meetingIdArgument, meetingIdArguments } from '../common/meetingArgument.js';
import { huaweiTimeZoneOf } from '../common/timeZones.js';

/** Scheduling: create, edit, cancel and start a meeting. */
export const schedulingTypeDefs = /* GraphQL */ `
  "Someone to invite when scheduling."
  input InviteeInput {
    "Display name."
    name: String!
    "Third-party user ID of an enterprise user."
    userId: String
    "SIP or phone number."
    phone: String
    "Email address the invitation goes to."
    email: String
    "Make them a host."
    host: Boolean = false
  }

  "A meeting to schedule (or to start now, without startTime)."
  input CreateMeetingInput {
    "Subject, 1 to 128 characters."
    subject: String!
    "Start; omitted starts the meeting now."
    startTime: DateTime
    "Length in minutes, 15 to 1440."
    durationMinutes: Int = 30
    "Audio only or video."
    media: MeetingMedia = VIDEO
    "People to invite (at most 500)."
    invitees: [InviteeInput!]
    "Time zone the notifications show times in, as an IANA name (e.g. Europe/Berlin); the meeting server's default when omitted. A zone the meeting server does not list goes as one of its zones with the same UTC offset at the meeting's start (it reads back as that zone); no such zone, or a name that is not an IANA time zone, is BAD_USER_INPUT."
    timeZone: String
    "The meeting server's numeric time-zone ID (e.g. 56); not with timeZone."
    timeZoneId: String @deprecated(reason: "Use timeZone, an IANA time zone name.")
    "Participants wait to be admitted."
    waitingRoom: Boolean
    "Participants join muted."
    muteOnJoin: Boolean
  }

  "Changes to a scheduled meeting; absent fields keep their value."
  input UpdateMeetingInput {
    "New subject, 1 to 128 characters."
    subject: String
    "New start."
    startTime: DateTime
    "New length in minutes, 15 to 1440."
    durationMinutes: Int
    "Audio only or video."
    media: MeetingMedia
  }

  extend type Mutation {
    "Schedules a meeting, or starts one now when startTime is omitted."
    createMeeting("The meeting." input: CreateMeetingInput!): Meeting!
    "Edits a scheduled meeting; one in progress is MEETING_IN_PROGRESS."
    updateMeeting(${meetingIdArguments()}, "What changes." input: UpdateMeetingInput!): Meeting!
    "Cancels a meeting; endIfRunning also ends one in progress (without it, a meeting in progress is MEETING_IN_PROGRESS)."
    cancelMeeting(${meetingIdArguments()}, "Also end the meeting if it is in progress (otherwise it is refused)." endIfRunning: Boolean = false): Boolean!
    "Starts (activates) a scheduled meeting now; one already in progress is MEETING_IN_PROGRESS."
    startMeeting(${meetingIdArguments()}, "The meeting password to start with (the host password, or the guest password when guests may start the meeting), for a viewer given it; omitted, the password the viewer's meeting details hold. A wrong one is WRONG_PASSWORD naming password." password: String): Meeting!
  }
`;

// M10's refusal of a wrong password, the same code as an unknown meeting (rest-api.md, error codes).
const CONF_AUTH_FAILED = 'MMC.111072065';
const passwordSchema = lineText().min(1).max(64);

/** MEETING_IN_PROGRESS naming `field` when the meeting runs: `action` needs one that has not started. */
function requireNotInProgress(info: ConferenceInfo, field: string, message: string): void {
  if (meetingStateOf(info.conferenceState) === 'IN_PROGRESS') {
    throw gatewayError(GatewayErrorCode.MEETING_IN_PROGRESS, `${field}: ${message}`, { field });
  }
}
const subjectSchema = lineText().trim().min(1).max(128);
const durationSchema = z.number().int().min(15).max(1440);
const timeZoneSchema = z.string().regex(/^\d{1,2}$/, { error: 'must be a numeric time-zone ID, e.g. 56' });
const inviteeSchema = z.object({
  name: lineText().trim().min(1).max(96),
  userId: lineText().min(1).max(256).nullish(),
  phone: z
    .string()
    .regex(/^\+?\d{3,32}$/)
    .nullish(),
  email: z.email().nullish(),
  host: z.boolean().nullish(),
});
const createSchema = z.object({
  subject: subjectSchema,
  startTime: z
    .date()
    .refine((d) => d.getTime() > Date.now() - 60_000, { error: 'must not be in the past' })
    .nullish(),
  durationMinutes: durationSchema.default(30),
  media: meetingMedia.schema().default(meetingMedia.of('VIDEO')),
  invitees: z.array(inviteeSchema).max(500).nullish(),
  timeZone: z.string().max(64).nullish(),
  timeZoneId: timeZoneSchema.nullish(),
  waitingRoom: z.boolean().nullish(),
  muteOnJoin: z.boolean().nullish(),
});
const updateSchema = z.object({
  subject: subjectSchema.nullish(),
  startTime: z.date().nullish(),
  durationMinutes: durationSchema.nullish(),
  media: meetingMedia.schema().nullish(),
});

/**
 * BAD_USER_INPUT naming the input `field` of an edit that must send a value whole (media, start, length) when
 * the meeting server's record does not say its current one: asking beats a guess that would change the meeting
 * (a video meeting made audio, a two-hour meeting cut to thirty minutes).
 */
export function untold(field: string, what: string) {
  return gatewayError(
    GatewayErrorCode.BAD_USER_INPUT,
    `${field}: the meeting server did not say ${what}; give it`,
    { field },
  );
}

/** `subject` for an edit body when there is one to send. */
export function optionalSubject(subject: string | null | undefined): { subject?: string } {
  return subject ? { subject } : {};
}

/** The media to send back unchanged with an edit, as a request names it; see {@link untold}. */
export function unchangedMedia(current: string | undefined, field: string): MeetingMediaValue {
  if (!current) throw untold(field, 'the current media');
  return meetingMedia.of(current.includes('Video') ? 'VIDEO' : 'AUDIO');
}

/**
 * The `timeZoneID` of a new meeting: its IANA `timeZone` as the meeting server's ID at the meeting's start (now,
 * for a meeting starting now), or the deprecated numeric `timeZoneId`; BAD_USER_INPUT when both are given.
 */
function requestTimeZone(input: z.output<typeof createSchema>): string | undefined {
  if (input.timeZone != null && input.timeZoneId != null) {
    throw gatewayError(
      GatewayErrorCode.BAD_USER_INPUT,
      'input.timeZone: give timeZone only (timeZoneId is its deprecated numeric form)',
      { field: 'input.timeZone' },
    );
  }
  if (input.timeZone != null)
    return huaweiTimeZoneOf(input.timeZone, input.startTime ?? new Date(), 'input.timeZone');
  return input.timeZoneId ?? undefined;
}

/** The upstream body of a new or edited meeting. */
export function scheduleBody(
  input: z.output<typeof createSchema>,
  appId: string | undefined,
): RestScheduleConf {
  const body: RestScheduleConf = {
    subject: input.subject,
    mediaTypes: input.media,
    length: input.durationMinutes,
  };
  if (input.startTime) body.startTime = toMeetingTime(input.startTime);
  const timeZoneID = requestTimeZone(input);
  if (timeZoneID) body.timeZoneID = timeZoneID;
  if (input.invitees?.length) {
    body.attendees = input.invitees.map((invitee) => ({
      name: invitee.name,
      role: invitee.host ? 1 : 0,
      ...(invitee.userId ? { accountId: invitee.userId, ...(appId ? { appId } : {}) } : {}),
      ...(invitee.phone ? { phone: invitee.phone } : {}),
      ...(invitee.email ? { email: invitee.email } : {}),
    }));
  }
  const config: NonNullable<RestScheduleConf['confConfigInfo']> = {};
  if (input.waitingRoom != null) config.enableWaitingRoom = input.waitingRoom;
  if (input.muteOnJoin != null) config.isAutoMute = input.muteOnJoin;
  if (Object.keys(config).length > 0) body.confConfigInfo = config;
  return body;
}

/** Minutes from start to end of an upstream record, at least 15; undefined when it gives either not. */
export function minutesBetween(start: string | undefined, end: string | undefined): number | undefined {
  const from = fromMeetingTime(start);
  const to = fromMeetingTime(end);
  return from && to ? Math.max(15, Math.round((to.getTime() - from.getTime()) / 60_000)) : undefined;
}

const node = (info: ConferenceInfo): MeetingNode => ({ info });

/** Builds the scheduling resolvers; `appId` is set in App ID mode (invitees by third-party ID need it). */
export function schedulingResolvers(appId: string | undefined) {
  return {
    Mutation: {
      async createMeeting(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        return node(await context.client.meetings.create(scheduleBody(input, appId), context.identity));
      },
      async updateMeeting(_: unknown, args: MeetingIdArgs & { input: unknown }, context: GatewayContext) {
        const id = meetingIdArgument(args);
        const changes = parseInput(updateSchema, args.input, 'input');
        const current = await context.loaders.meeting.load(id);
        requireNotInProgress(
          current,
          'meetingId',
          'the meeting is in progress; only a meeting that has not started can be edited',
        );
        // M2 takes the meeting whole: what does not change is sent back as the record gives it.
        const startTime = changes.startTime ?? fromMeetingTime(current.startTime);
        if (!startTime) throw untold('input.startTime', 'when the meeting starts');
        const length = changes.durationMinutes ?? minutesBetween(current.startTime, current.endTime);
        if (length === undefined) throw untold('input.durationMinutes', 'how long the meeting is');
        const body: RestScheduleConf = {
          // A record without a subject: sent without one, which keeps the current subject (an empty one would clear it).
          ...optionalSubject(changes.subject ?? current.subject),
          mediaTypes: changes.media ?? unchangedMedia(current.mediaTypes, 'input.media'),
          startTime: toMeetingTime(startTime),
          length,
        };
        return node(
          await namingArguments({ meeting: 'meetingId' }, () =>
            context.client.meetings.update(id, body, context.identity),
          ),
        );
      },
      async cancelMeeting(
        _: unknown,
        args: MeetingIdArgs & { endIfRunning?: boolean },
        context: GatewayContext,
      ) {
        const id = meetingIdArgument(args);
        await namingArguments({ meeting: 'meetingId' }, () =>
          context.client.meetings.cancel(
            { conferenceID: id, ...(args.endIfRunning ? { type: 1 } : {}) },
            context.identity,
          ),
        );
        return true;
      },
      async startMeeting(
        _: unknown,
        args: MeetingIdArgs & { password?: string | null },
        context: GatewayContext,
      ) {
        const id = meetingIdArgument(args);
        const given = parseInput(passwordSchema.nullish(), args.password, 'password');
        const current = await context.loaders.meeting.load(id);
        requireNotInProgress(current, 'meetingId', 'the meeting is already in progress');
        // The host password as the owner or a host sees it; a guest sees only the guest password, which starts
        // the meeting only when it was scheduled with allowGuestStartConf.
        const find = (role: string) =>
          current.passwordEntry?.find((e) => e.conferenceRole === role)?.password;
        const password = given ?? (find('chair') || find('general'));
        if (!password) {
          throw gatewayError(GatewayErrorCode.FORBIDDEN, "only the meeting's owner or a host may start it");
        }
        try {
          // A password the viewer gave and the meeting server refused is WRONG_PASSWORD naming it.
          await namingArguments(given ? { password: 'password' } : {}, () =>
            context.client.meetings.start(id, password, context.identity),
          );
        } catch (error) {
          // The viewer has just read the meeting, so "not found or auth failed" is the password's refusal.
          if (error instanceof MeetingApiError && error.code === CONF_AUTH_FAILED) {
            throw upstreamError(error, GatewayErrorCode.FORBIDDEN);
          }
          throw error;
        }
        context.loaders.meeting.clear(id);
        return node(await context.loaders.meeting.load(id));
      },
    },
  };
}

/** The input of a new meeting, shared with recurring meetings. */
export { createSchema as createMeetingInputSchema };
