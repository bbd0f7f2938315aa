import { type ConferenceInfo, MeetingApiError, type RestScheduleConf } from '@hwmeeting/client';
import { lineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { GatewayErrorCode, gatewayError, parseInput, upstreamError } from '../errors.js';
import { connection, fromMeetingTime, lookup, pageWindow, toMeetingTime } from './common.js';

/** Meetings: queries, scheduling mutations, and the Meeting type as front ends see it. */
export const meetingTypeDefs = /* GraphQL */ `
  "Where a meeting is in its life."
  enum MeetingState {
    "Scheduled, not started."
    SCHEDULED
    "In progress."
    IN_PROGRESS
    "Ended."
    ENDED
    "A state the meeting server answered that this gateway does not know yet, or a record that gives none."
    UNKNOWN
  }

  "How a meeting was created."
  enum MeetingKind {
    "Scheduled for a later time."
    SCHEDULED
    "Started at once."
    INSTANT
    "A recurring series."
    RECURRING
  }

  "Media of a meeting."
  enum MediaType {
    AUDIO
    VIDEO
    HD_VIDEO
    DATA
  }

  "What a new meeting carries: audio only or video."
  enum MeetingMedia {
    AUDIO
    VIDEO
  }

  "Time window of the meetings list."
  enum MeetingRange {
    DAY
    WEEK
    MONTH
    ALL
  }

  "The viewer's own role in a meeting."
  enum MeetingRole {
    HOST
    GUEST
    AUDIENCE
  }

  "Meeting passwords; only the meeting's owner or host ever sees them."
  type MeetingPasswords {
    host: String
    guest: String
  }

  "Who scheduled a meeting."
  type MeetingOwner {
    "Upstream user UUID."
    id: ID
    name: String
  }

  "A meeting (single, instant or a recurring series)."
  type Meeting {
    "Meeting ID (the number people dial)."
    id: ID!
    subject: String
    state: MeetingState!
    kind: MeetingKind
    startTime: DateTime
    endTime: DateTime
    "The meeting's media; empty when the meeting server's record does not say (or names only media this gateway does not know)."
    media: [MediaType!]!
    "Numeric time-zone ID used in notifications (e.g. 56 for Beijing)."
    timeZoneId: String
    language: String
    accessNumber: String
    owner: MeetingOwner!
    "Join link for guests."
    guestJoinUrl: String
    "Join link for the host; only for the owner or host."
    hostJoinUrl: String
    "Passwords; null unless the viewer owns or hosts the meeting."
    passwords: MeetingPasswords
    "ID of this run of the meeting (history and details)."
    instanceId: String
    "Participants online now (online lists only)."
    onlineParticipantCount: Int
    "Invitees at scheduling time."
    inviteeCount: Int
    "A recording exists (history only)."
    hasRecording: Boolean
    "The viewer's own role, the same in lists and details: HOST for the owner and invited hosts, GUEST for invited guests, AUDIENCE for a webinar's audience."
    viewerRole: MeetingRole
    "The viewer scheduled the meeting (administrators: the account the gateway acts as); false for a meeting they are invited to; null when the record does not name its owner."
    viewerIsOwner: Boolean
    "Participants must wait to be admitted."
    waitingRoom: Boolean
  }

  type MeetingEdge {
    cursor: String!
    node: Meeting!
  }

  type MeetingConnection {
    edges: [MeetingEdge!]!
    pageInfo: PageInfo!
    totalCount: Int!
  }

  "Filters of the meetings list."
  input MeetingFilter {
    "Matches subject, scheduler or meeting ID."
    search: String
    range: MeetingRange = ALL
    "Administrators: every user's meetings, not only their own."
    allUsers: Boolean = false
  }

  "Someone to invite when scheduling."
  input InviteeInput {
    "Display name."
    name: String!
    "Third-party user ID of an enterprise user."
    userId: String
    "SIP or phone number."
    phone: String
    email: String
    "Make them a host."
    host: Boolean = false
  }

  "A meeting to schedule (or to start now, without startTime)."
  input CreateMeetingInput {
    subject: String!
    "Start; omitted starts the meeting now."
    startTime: DateTime
    durationMinutes: Int = 30
    media: MeetingMedia = VIDEO
    invitees: [InviteeInput!]
    timeZoneId: String
    waitingRoom: Boolean
    muteOnJoin: Boolean
  }

  "Changes to a scheduled meeting; absent fields keep their value."
  input UpdateMeetingInput {
    subject: String
    startTime: DateTime
    durationMinutes: Int
    media: MeetingMedia
  }

  extend type Query {
    "One meeting by ID, as the viewer may see it."
    meeting(id: ID!): Meeting
    "Scheduled and ongoing meetings the viewer scheduled or is invited to (viewerIsOwner tells which); administrators see everyone's with filter.allUsers."
    meetings(first: Int = 20, after: String, filter: MeetingFilter): MeetingConnection!
    "Meetings in progress now that the viewer scheduled or is invited to (administrators: everyone's with allUsers)."
    onlineMeetings(first: Int = 20, after: String, search: String, allUsers: Boolean = false): MeetingConnection!
    "Ended meetings whose start lies between from and to, that the viewer scheduled or was invited to (administrators: everyone's with allUsers)."
    meetingHistory(from: DateTime!, to: DateTime!, first: Int = 20, after: String, search: String, allUsers: Boolean = false): MeetingConnection!
  }

  extend type Mutation {
    "Schedules a meeting, or starts one now when startTime is omitted."
    createMeeting(input: CreateMeetingInput!): Meeting!
    "Edits a scheduled meeting."
    updateMeeting(id: ID!, input: UpdateMeetingInput!): Meeting!
    "Cancels a meeting; endIfRunning also ends one in progress."
    cancelMeeting(id: ID!, endIfRunning: Boolean = false): Boolean!
    "Starts (activates) a scheduled meeting now."
    startMeeting(id: ID!): Meeting!
  }
`;

/** A meeting as the API returns it, with what the field resolvers need to decide on secrets. */
export interface MeetingNode {
  info: ConferenceInfo;
}

/** A meeting's `MeetingState`: scheduled, in progress or ended, or UNKNOWN for a state not published yet. */
export type MeetingState = 'SCHEDULED' | 'IN_PROGRESS' | 'ENDED' | 'UNKNOWN';

const STATE: Readonly<Record<string, MeetingState>> = {
  Schedule: 'SCHEDULED',
  Creating: 'IN_PROGRESS',
  Created: 'IN_PROGRESS',
  Destroyed: 'ENDED',
};

/**
 * The `MeetingState` of an upstream `conferenceState`; a value not published (the service may add some:
 * published-behaviour.md §2) reads as UNKNOWN rather than as a state it may not be, and so does a record
 * without one (every field but the ID is optional): `state` stays non-null, with one value for "not known".
 */
export const meetingStateOf = (conferenceState: string | undefined): MeetingState =>
  lookup(STATE, conferenceState) ?? 'UNKNOWN';
const KIND: Record<string, string> = { FUTURE: 'SCHEDULED', IMMEDIATELY: 'INSTANT', CYCLE: 'RECURRING' };
const ROLE: Record<string, ViewerRole> = { chair: 'HOST', general: 'GUEST', audience: 'AUDIENCE' };
const MEDIA: Record<string, string> = { Voice: 'AUDIO', Video: 'VIDEO', HDVideo: 'HD_VIDEO', Data: 'DATA' };

/** The `MediaType` lists of the `mediaTypes` values met so far: a handful in practice, bounded all the same. */
const mediaLists = new Map<string, readonly string[]>();
const MEDIA_LISTS_KEPT = 256;

/** The `MediaType`s of an upstream `mediaTypes` list; none when the record leaves it out. */
function mediaOf(mediaTypes: string | undefined): readonly string[] {
  const text = mediaTypes ?? '';
  let media = mediaLists.get(text);
  if (!media) {
    media = text.split(',').flatMap((t) => lookup(MEDIA, t.trim()) ?? []);
    if (mediaLists.size < MEDIA_LISTS_KEPT) mediaLists.set(text, media);
  }
  return media;
}

/**
 * BAD_USER_INPUT naming the input `field` of an edit that must send a value whole (media, start, length) when
 * the meeting server's record does not say its current one: asking beats a guess that would change the meeting
 * (a video meeting made audio, a two-hour meeting cut to thirty minutes).
 */
function untold(field: string, what: string) {
  return gatewayError(
    GatewayErrorCode.BAD_USER_INPUT,
    `${field}: the meeting server did not say ${what}; give it`,
    { field },
  );
}

/** `subject` for an edit body when there is one to send. */
function optionalSubject(subject: string | null | undefined): { subject?: string } {
  return subject ? { subject } : {};
}

/** The media to send back unchanged with an edit, as a request names it; see {@link untold}. */
function unchangedMedia(current: string | undefined, field: string): 'Voice' | 'HDVideo' {
  if (!current) throw untold(field, 'the current media');
  return current.includes('Video') ? 'HDVideo' : 'Voice';
}

/** A meeting role of the viewer. */
type ViewerRole = 'HOST' | 'GUEST' | 'AUDIENCE';

/** `value`, or what `use` makes of it: at once when it is at hand, after it resolves when it is a promise. */
function then<T, U>(value: T | Promise<T>, use: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(use) : use(value);
}

/**
 * What `use` makes of the upstream user ID of the viewer's identity: at once when the request has resolved it
 * already (a list resolves it once for its page, see {@link knowViewer}), so that a page's items need no
 * promise each; else after resolving it.
 */
function withUpstreamUser<T>(context: GatewayContext, use: (me: string | undefined) => T): T | Promise<T> {
  const known = context.knownUpstreamUserId?.();
  return known ? use(known.id) : context.upstreamUserId().then(use);
}

/**
 * Resolves the viewer's upstream user ID alongside a list's upstream call (the token is the call's own, so
 * this is a cache hit): its items' viewer fields then read it without a promise each. A failure is not this
 * list's: the fields that need the ID ask again, get the same failure and report it as before.
 */
function knowViewer(context: GatewayContext): Promise<void> {
  return context.upstreamUserId().then(
    () => undefined,
    () => undefined,
  );
}

/** Whether `me` scheduled the meeting; undefined when the record names no owner. */
function ownedBy(info: ConferenceInfo, me: string | undefined): boolean | undefined {
  if (!info.userUUID) return undefined;
  return me !== undefined && info.userUUID === me;
}

/**
 * The viewer's role as the record itself tells it: its `role` (details carry it), else the passwords it gives
 * the viewer (published-behaviour.md §2: the scheduler gets both, a host the host password, a guest the guest
 * password); undefined when it tells nothing (then ownership decides).
 */
function statedRole(info: ConferenceInfo): ViewerRole | null | undefined {
  if (info.role !== undefined) return lookup(ROLE, info.role);
  const entries = info.passwordEntry;
  if (!entries || entries.length === 0) return undefined;
  const given = (role: string) => entries.some((entry) => entry.conferenceRole === role);
  if (given('chair')) return 'HOST';
  if (given('general')) return 'GUEST';
  if (given('audience')) return 'AUDIENCE';
  return undefined;
}

/**
 * The viewer's role in a meeting, read the same way from a list record and from details: what the record
 * tells ({@link statedRole}), else ownership (the scheduler hosts).
 */
function viewerRoleOf(
  info: ConferenceInfo,
  context: GatewayContext,
): ViewerRole | null | Promise<ViewerRole | null> {
  const stated = statedRole(info);
  if (stated !== undefined) return stated;
  if (!info.userUUID) return null;
  return withUpstreamUser(context, (me) => (ownedBy(info, me) ? 'HOST' : null));
}

/** Whether the viewer's upstream identity scheduled the meeting; undefined when the record names no owner. */
function viewerIsOwner(
  info: ConferenceInfo,
  context: GatewayContext,
): boolean | undefined | Promise<boolean | undefined> {
  if (!info.userUUID) return undefined;
  return withUpstreamUser(context, (me) => ownedBy(info, me));
}

/** True when the viewer owns or hosts the meeting (at once when the viewer's upstream ID is known). */
function hostsOrOwns(info: ConferenceInfo, context: GatewayContext): boolean | Promise<boolean> {
  if (statedRole(info) === 'HOST') return true;
  if (!info.userUUID) return false;
  return withUpstreamUser(context, (me) => ownedBy(info, me) === true);
}

/** True when the viewer owns or hosts the meeting: only then are passwords and host links shown. */
export async function mayHost(info: ConferenceInfo, context: GatewayContext): Promise<boolean> {
  return hostsOrOwns(info, context);
}

// M10's refusal of a wrong password, the same code as an unknown meeting (rest-api.md, error codes).
const CONF_AUTH_FAILED = 'MMC.111072065';

const idSchema = z.string().regex(/^\d{1,20}$/, { error: 'must be a numeric meeting ID' });
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
  media: z.enum(['AUDIO', 'VIDEO']).default('VIDEO'),
  invitees: z.array(inviteeSchema).max(500).nullish(),
  timeZoneId: timeZoneSchema.nullish(),
  waitingRoom: z.boolean().nullish(),
  muteOnJoin: z.boolean().nullish(),
});
const updateSchema = z.object({
  subject: subjectSchema.nullish(),
  startTime: z.date().nullish(),
  durationMinutes: durationSchema.nullish(),
  media: z.enum(['AUDIO', 'VIDEO']).nullish(),
});
const filterSchema = z.object({
  search: lineText().trim().min(1).max(128).nullish(),
  range: z.enum(['DAY', 'WEEK', 'MONTH', 'ALL']).nullish(),
  allUsers: z.boolean().nullish(),
});
const searchSchema = lineText().trim().min(1).max(128).nullish();

/** The upstream body of a new or edited meeting. */
function scheduleBody(input: z.output<typeof createSchema>, appId: string | undefined): RestScheduleConf {
  const body: RestScheduleConf = {
    subject: input.subject,
    mediaTypes: input.media === 'AUDIO' ? 'Voice' : 'HDVideo',
    length: input.durationMinutes,
  };
  if (input.startTime) body.startTime = toMeetingTime(input.startTime);
  if (input.timeZoneId) body.timeZoneID = input.timeZoneId;
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

/** Builds the meeting resolvers; `appId` is set in App ID mode (invitees by third-party ID need it). */
export function meetingResolvers(appId: string | undefined) {
  const node = (info: ConferenceInfo): MeetingNode => ({ info });
  return {
    Query: {
      async meeting(_: unknown, args: { id: string }, context: GatewayContext) {
        const id = parseInput(idSchema, args.id, 'id');
        return node(await context.loaders.meeting.load(id));
      },
      async meetings(
        _: unknown,
        args: { first?: number; after?: string; filter?: unknown },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const filter = parseInput(filterSchema, args.filter ?? {}, 'filter');
        const viewer = knowViewer(context);
        const page = await context.client.meetings.list(
          {
            offset,
            limit,
            ...(filter.search ? { searchKey: filter.search } : {}),
            ...(filter.range
              ? {
                  queryConfMode:
                    filter.range === 'DAY'
                      ? 'ADAY'
                      : filter.range === 'WEEK'
                        ? 'AWEEK'
                        : filter.range === 'MONTH'
                          ? 'AMONTH'
                          : 'ALL',
                }
              : {}),
            ...(filter.allUsers && context.viewer.isAdmin ? { queryAll: true } : {}),
          },
          context.identity,
        );
        await viewer;
        return connection(page.data.map(node), offset, page.count, page.skipped);
      },
      async onlineMeetings(
        _: unknown,
        args: { first?: number; after?: string; search?: string; allUsers?: boolean },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const search = parseInput(searchSchema, args.search, 'search');
        const viewer = knowViewer(context);
        const page = await context.client.meetings.listOnline(
          {
            offset,
            limit,
            ...(search ? { searchKey: search } : {}),
            ...(args.allUsers && context.viewer.isAdmin ? { queryAll: true } : {}),
          },
          context.identity,
        );
        await viewer;
        return connection(page.data.map(node), offset, page.count, page.skipped);
      },
      async meetingHistory(
        _: unknown,
        args: { from: Date; to: Date; first?: number; after?: string; search?: string; allUsers?: boolean },
        context: GatewayContext,
      ) {
        const { offset, limit } = pageWindow(args);
        const search = parseInput(searchSchema, args.search, 'search');
        parseInput(
          z
            .object({ from: z.date(), to: z.date() })
            .refine((r) => r.from <= r.to, { error: 'from must not be after to', path: ['to'] }),
          { from: args.from, to: args.to },
          'range',
        );
        const viewer = knowViewer(context);
        const page = await context.client.meetings.listHistory(
          {
            startDate: args.from.getTime(),
            endDate: args.to.getTime(),
            offset,
            limit,
            ...(search ? { searchKey: search } : {}),
            ...(args.allUsers && context.viewer.isAdmin ? { queryAll: true } : {}),
          },
          context.identity,
        );
        await viewer;
        return connection(page.data.map(node), offset, page.count, page.skipped);
      },
    },
    Mutation: {
      async createMeeting(_: unknown, args: { input: unknown }, context: GatewayContext) {
        const input = parseInput(createSchema, args.input, 'input');
        return node(await context.client.meetings.create(scheduleBody(input, appId), context.identity));
      },
      async updateMeeting(_: unknown, args: { id: string; input: unknown }, context: GatewayContext) {
        const id = parseInput(idSchema, args.id, 'id');
        const changes = parseInput(updateSchema, args.input, 'input');
        const current = await context.loaders.meeting.load(id);
        // M2 takes the meeting whole: what does not change is sent back as the record gives it.
        const startTime = changes.startTime ?? fromMeetingTime(current.startTime);
        if (!startTime) throw untold('input.startTime', 'when the meeting starts');
        const length = changes.durationMinutes ?? minutesBetween(current.startTime, current.endTime);
        if (length === undefined) throw untold('input.durationMinutes', 'how long the meeting is');
        const body: RestScheduleConf = {
          // A record without a subject: sent without one, which keeps the current subject (an empty one would clear it).
          ...optionalSubject(changes.subject ?? current.subject),
          mediaTypes: changes.media
            ? changes.media === 'AUDIO'
              ? 'Voice'
              : 'HDVideo'
            : unchangedMedia(current.mediaTypes, 'input.media'),
          startTime: toMeetingTime(startTime),
          length,
        };
        return node(await context.client.meetings.update(id, body, context.identity));
      },
      async cancelMeeting(_: unknown, args: { id: string; endIfRunning?: boolean }, context: GatewayContext) {
        const id = parseInput(idSchema, args.id, 'id');
        await context.client.meetings.cancel(
          { conferenceID: id, ...(args.endIfRunning ? { type: 1 } : {}) },
          context.identity,
        );
        return true;
      },
      async startMeeting(_: unknown, args: { id: string }, context: GatewayContext) {
        const id = parseInput(idSchema, args.id, 'id');
        const current = await context.loaders.meeting.load(id);
        // The host password as the owner or a host sees it; a guest sees only the guest password, which starts
        // the meeting only when it was scheduled with allowGuestStartConf.
        const find = (role: string) =>
          current.passwordEntry?.find((e) => e.conferenceRole === role)?.password;
        const password = find('chair') || find('general');
        if (!password) {
          throw gatewayError(GatewayErrorCode.FORBIDDEN, "only the meeting's owner or a host may start it");
        }
        try {
          await context.client.meetings.start(id, password, context.identity);
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
    Meeting: {
      id: (m: MeetingNode) => m.info.conferenceID,
      subject: (m: MeetingNode) => m.info.subject ?? null,
      state: (m: MeetingNode) => meetingStateOf(m.info.conferenceState),
      kind: (m: MeetingNode) => lookup(KIND, m.info.confType),
      startTime: (m: MeetingNode) => fromMeetingTime(m.info.startTime),
      endTime: (m: MeetingNode) => fromMeetingTime(m.info.endTime),
      media: (m: MeetingNode) => mediaOf(m.info.mediaTypes),
      timeZoneId: (m: MeetingNode) => m.info.timeZoneID ?? null,
      language: (m: MeetingNode) => m.info.language ?? null,
      accessNumber: (m: MeetingNode) => m.info.accessNumber ?? null,
      owner: (m: MeetingNode) => ({ id: m.info.userUUID ?? null, name: m.info.scheduserName ?? null }),
      guestJoinUrl: (m: MeetingNode) => m.info.guestJoinUri ?? null,
      hostJoinUrl: (m: MeetingNode, _: unknown, context: GatewayContext) =>
        then(hostsOrOwns(m.info, context), (may) => (may ? (m.info.chairJoinUri ?? null) : null)),
      passwords: (m: MeetingNode, _: unknown, context: GatewayContext) =>
        then(hostsOrOwns(m.info, context), (may) => {
          if (!may) return null;
          const find = (role: string) =>
            m.info.passwordEntry?.find((e) => e.conferenceRole === role)?.password ?? null;
          return { host: find('chair'), guest: find('general') };
        }),
      instanceId: (m: MeetingNode) => m.info.confUUID ?? null,
      onlineParticipantCount: (m: MeetingNode) => m.info.onlineAttendeeAmount ?? null,
      inviteeCount: (m: MeetingNode) => m.info.size ?? null,
      hasRecording: (m: MeetingNode) => m.info.isHasRecordFile ?? null,
      viewerRole: (m: MeetingNode, _: unknown, context: GatewayContext) => viewerRoleOf(m.info, context),
      viewerIsOwner: (m: MeetingNode, _: unknown, context: GatewayContext) =>
        then(viewerIsOwner(m.info, context), (owner) => owner ?? null),
      waitingRoom: (m: MeetingNode) => m.info.confConfigInfo?.enableWaitingRoom ?? null,
    },
  };
}

function minutesBetween(start: string | undefined, end: string | undefined): number | undefined {
  const from = fromMeetingTime(start);
  const to = fromMeetingTime(end);
  return from && to ? Math.max(15, Math.round((to.getTime() - from.getTime()) / 60_000)) : undefined;
}

/** Shared with recurring meetings (schema/recurring.ts): the meeting inputs, their upstream body, media names. */
export {
  createSchema as createMeetingInputSchema,
  idSchema as meetingIdSchema,
  MEDIA as mediaFromWire,
  minutesBetween,
  optionalSubject,
  scheduleBody,
  unchangedMedia,
  untold,
};
