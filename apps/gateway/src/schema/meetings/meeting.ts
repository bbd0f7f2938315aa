import type { GatewayContext } from '../../context.js';
import { fromMeetingTime } from '../common/dateTime.js';
import { wireEnum } from '../common/enums.js';
import { type MeetingNode, meetingStateOf } from '../common/meeting.js';
import { ianaTimeZoneOf } from '../common/timeZones.js';
import { andThen, hostsOrOwns, meetingRole, viewerIsOwner, viewerRoleOf } from '../common/viewerRole.js';

/** The Meeting type as front ends see it, in lists and details alike. */
export const meetingTypeDefs = /* GraphQL */ `
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
    "Audio."
    AUDIO
    "Standard-definition video."
    VIDEO
    "HD video."
    HD_VIDEO
    "Data conferencing (screen and document sharing)."
    DATA
  }

  "The viewer's own role in a meeting."
  enum MeetingRole {
    "Host (chair): may control the meeting."
    HOST
    "Guest (ordinary participant)."
    GUEST
    "Audience of a webinar: watches and listens only."
    AUDIENCE
  }

  "Who scheduled a meeting."
  type MeetingOwner {
    "Upstream user UUID."
    id: ID
    "Display name of the scheduler; null when the record does not give it."
    name: String
  }

  "A meeting (single, instant or a recurring series)."
  type Meeting {
    "Meeting ID (the number people dial)."
    id: ID!
    "Subject; null when the meeting server's record does not give one."
    subject: String
    "Scheduled, in progress or ended; UNKNOWN for a state this gateway does not know."
    state: MeetingState!
    "Scheduled, instant or recurring; null when the record does not say."
    kind: MeetingKind
    "Scheduled start (for a recurring series: of the series)."
    startTime: DateTime
    "Scheduled end, as the meeting server's record gives it."
    endTime: DateTime
    "The meeting's media; empty when the meeting server's record does not say (or names only media this gateway does not know)."
    media: [MediaType!]!
    "Time zone of the notifications (and of a series' dates), as an IANA name (e.g. Europe/Berlin); null when the meeting server gives none, or an ID this gateway cannot name (timeZoneId still has it)."
    timeZone: String
    "The meeting server's own numeric time-zone ID, as it gave it (e.g. 56); timeZone names it."
    timeZoneId: String
    "Language of the notifications, zh-CN or en-US."
    language: String
    "SIP access number of the meeting server that phones and terminals dial (e.g. +991117)."
    accessNumber: String
    "Who scheduled the meeting; its fields are null when the record does not name them."
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

  "One meeting in a list."
  type MeetingEdge {
    "Cursor of this meeting: pass it as after for the next page."
    cursor: String!
    "The meeting."
    node: Meeting!
  }

  "A page of meetings."
  type MeetingConnection {
    "The meetings of this page."
    edges: [MeetingEdge!]!
    "Paging information."
    pageInfo: PageInfo!
    "Meetings matching the query, on every page."
    totalCount: Int!
  }
`;

/** `MeetingKind`: the upstream `confType`. */
const meetingKind = wireEnum({ SCHEDULED: 'FUTURE', INSTANT: 'IMMEDIATELY', RECURRING: 'CYCLE' });
/** `MediaType`: one name of the upstream `mediaTypes` list (and of an occurrence's `mediaType`). */
export const mediaType = wireEnum({ AUDIO: 'Voice', VIDEO: 'Video', HD_VIDEO: 'HDVideo', DATA: 'Data' });

/** The `MediaType` lists of the `mediaTypes` values met so far: a handful in practice, bounded all the same. */
const mediaLists = new Map<string, readonly string[]>();
const MEDIA_LISTS_KEPT = 256;

/** The `MediaType`s of an upstream `mediaTypes` list; none when the record leaves it out. */
function mediaOf(mediaTypes: string | undefined): readonly string[] {
  const text = mediaTypes ?? '';
  let media = mediaLists.get(text);
  if (!media) {
    media = text.split(',').flatMap((t) => mediaType.read(t.trim()) ?? []);
    if (mediaLists.size < MEDIA_LISTS_KEPT) mediaLists.set(text, media);
  }
  return media;
}

/** Field resolvers of the Meeting type. */
export function meetingResolvers(_appId?: string | undefined) {
  return {
    MeetingKind: meetingKind.values,
    MediaType: mediaType.values,
    MeetingRole: meetingRole.values,
    Meeting: {
      id: (m: MeetingNode) => m.info.conferenceID,
      subject: (m: MeetingNode) => m.info.subject ?? null,
      state: (m: MeetingNode) => meetingStateOf(m.info.conferenceState),
      kind: (m: MeetingNode) => meetingKind.read(m.info.confType),
      startTime: (m: MeetingNode) => fromMeetingTime(m.info.startTime),
      endTime: (m: MeetingNode) => fromMeetingTime(m.info.endTime),
      media: (m: MeetingNode) => mediaOf(m.info.mediaTypes),
      timeZone: (m: MeetingNode) => ianaTimeZoneOf(m.info.timeZoneID),
      timeZoneId: (m: MeetingNode) => m.info.timeZoneID ?? null,
      language: (m: MeetingNode) => m.info.language ?? null,
      accessNumber: (m: MeetingNode) => m.info.accessNumber ?? null,
      owner: (m: MeetingNode) => ({ id: m.info.userUUID ?? null, name: m.info.scheduserName ?? null }),
      guestJoinUrl: (m: MeetingNode) => m.info.guestJoinUri ?? null,
      hostJoinUrl: (m: MeetingNode, _: unknown, context: GatewayContext) =>
        andThen(hostsOrOwns(m.info, context), (may) => (may ? (m.info.chairJoinUri ?? null) : null)),
      passwords: (m: MeetingNode, _: unknown, context: GatewayContext) =>
        andThen(hostsOrOwns(m.info, context), (may) => {
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
        andThen(viewerIsOwner(m.info, context), (owner) => owner ?? null),
      waitingRoom: (m: MeetingNode) => m.info.confConfigInfo?.enableWaitingRoom ?? null,
    },
  };
}
