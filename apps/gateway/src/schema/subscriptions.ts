import type { ConferenceInfo } from '@hwmeeting/client';
import {
  cursorSchema,
  filter,
  type InviteResultView,
  type LiveUpdate,
  type LiveUpdateType,
  type MeetingBasicView,
  type MeetingStatusView,
  type MeetingStreamStatus,
  pipe,
  type SpeakerView,
  type SubtitleView,
  type WaitingEntryView,
  type WebhookEvent,
} from '@hwmeeting/events';
import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { GatewayErrorCode, gatewayError, parseInput, toGraphQLError } from '../errors.js';
import { lookup } from './common.js';
import { mayHost, meetingIdSchema } from './meetings.js';

/** Live subscriptions: a meeting's pushed state and events, and the enterprise's webhook events. */
export const subscriptionTypeDefs = /* GraphQL */ `
  "Why a live update was sent."
  enum LiveUpdateReason {
    "The state as it stands: the first update of every subscription. While the gateway is still connecting to the meeting it may be empty; a RESYNC with the whole state follows."
    SNAPSHOT
    "Part of the state changed; the update says what (and carries the whole value or list as it now stands)."
    CHANGE
    "The whole state was sent again (the gateway connected or reconnected to the meeting, or recovered a missed change): replace what you hold."
    RESYNC
    "The subscription passed a cursor as after that is no longer retained (too old, or from before the event store was reset): this is the whole state as it stands; replace what you hold."
    CURSOR_EXPIRED
  }

  "Where the gateway's connection to a meeting's live feed is."
  enum LiveStreamState {
    "Connecting to the meeting."
    CONNECTING
    "Receiving changes."
    LIVE
    "Connected, but the meeting server has sent nothing (not even a heartbeat answer) for longer than a heartbeat interval: changes may be held up. LIVE follows with the next message; if the silence goes on, the gateway drops the connection and reconnects (RECONNECTING)."
    STALE
    "A change was missed; the whole state is being fetched again."
    RESYNCING
    "The connection dropped; reconnecting (changes made meanwhile follow once connected)."
    RECONNECTING
    "The meeting ended (or the gateway is shutting down); the subscription completes."
    ENDED
  }

  "How the meeting's video is switched."
  enum BroadcastMode {
    "Free: voice-activated or as each participant chooses."
    FREE
    "A fixed picture or multi-picture is broadcast."
    FIXED
    "Roll call."
    ROLL_CALL
    "One site is broadcast."
    BROADCAST
  }

  "Recording and live streaming of a meeting."
  enum RecordingMode {
    "Neither."
    DISABLED
    "Recording."
    RECORDING
    "Recording and live streaming."
    RECORDING_AND_LIVE
    "Live streaming only."
    LIVE_ONLY
  }

  "Where a waiting-room member is."
  enum WaitingRoomState {
    "Waiting to be admitted."
    WAITING
    "Admitted, joining."
    ADMITTED
  }

  "Basic information of a meeting in progress, as the meeting server pushes it."
  type LiveMeetingInfo {
    "Meeting ID."
    id: ID!
    "The ID people dial (the fixed meeting ID when one is used)."
    displayId: String
    "Subject."
    subject: String
    "When the meeting started."
    startTime: DateTime
    "When the meeting was scheduled to start."
    scheduledStartTime: DateTime
    "Audio only or video."
    media: MeetingMedia
    "Recording and live streaming."
    recordingMode: RecordingMode
    "The scheduler's name."
    ownerName: String
    "The scheduler's upstream user UUID."
    ownerId: ID
    "Join link for guests."
    guestJoinUrl: String
    "Who may join."
    joinRestriction: JoinRestriction
    "Live captions are available."
    subtitlesSupported: Boolean
    "Shared content carries a watermark."
    watermark: Boolean
    "Passwords; null unless the viewer owns or hosts the meeting (they are never part of the shared live feed)."
    passwords: MeetingPasswords
  }

  "The dynamic status of a meeting; a null field is not known yet (not the same as off)."
  type LiveMeetingStatus {
    "Where the meeting is in its life."
    state: MeetingState
    "When the meeting is due to end."
    endTime: DateTime
    "How the video is switched."
    mode: BroadcastMode
    "Voice-activated switching."
    voiceActivated: Boolean
    "Nobody else may join."
    locked: Boolean
    "Everyone is muted (newcomers join muted)."
    muteAll: Boolean
    "Only the host may share."
    lockSharing: Boolean
    "While everyone is muted, participants may unmute themselves."
    canUnmute: Boolean
    "The host's polling view runs."
    chairView: Boolean
    "Being recorded now."
    recording: Boolean
    "Recorded at some point."
    recordedBefore: Boolean
    "Chat is forbidden."
    chatForbidden: Boolean
    "Live captions are on."
    subtitles: Boolean
    "Pictures in the multi-picture."
    picNum: Int
    "Participants shown in gallery view."
    partViewNum: Int
    "Most participants gallery view can show."
    maxPartViewNum: Int
    "The in-meeting chat group."
    chatGroupId: String
  }

  "One of the loudest speakers."
  type Speaker {
    "Participant ID."
    participantId: ID!
    "Display name."
    name: String
    "Speaking volume, as the meeting server measures it."
    volume: Int!
  }

  "Someone in the waiting room."
  type WaitingRoomMember {
    "Participant ID; what the admit mutation takes."
    participantId: ID!
    "Display name."
    name: String
    "SIP or phone number."
    number: String
    "Waiting or admitted."
    state: WaitingRoomState!
    "Joined without an account."
    anonymous: Boolean!
    "When they arrived."
    arrivedAt: DateTime
    "Upstream account."
    account: String
    "Upstream user UUID."
    userId: ID
  }

  "One caption line in one language."
  type SubtitleText {
    "Original, Mandarin, English ..."
    language: String
    "The text."
    text: String!
    "Sentence ID."
    id: String
  }

  "A live caption."
  type Subtitle {
    "Who spoke."
    participantId: ID
    "The sentence ends here (later captions start a new one)."
    final: Boolean!
    "The caption in each language it comes in."
    texts: [SubtitleText!]!
    "Start of the speech, as pushed (unit unpublished)."
    beginTime: Float
    "End of the speech, as pushed (unit unpublished)."
    endTime: Float
  }

  "The outcome of calling an invitee, or why a participant left."
  type InviteResult {
    "The number called."
    callNumber: String
    "0 on success; otherwise the failure or leave-reason code."
    resultCode: String
    "The call succeeded."
    ok: Boolean!
    "The published meaning of a leave-reason code."
    reason: String
  }

  "Anything a meeting's live feed sends (meetingEvents); ask for __typename to tell them apart."
  interface MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
  }

  "Basic information of a meeting changed (or, on SNAPSHOT and RESYNC, as it stands)."
  type MeetingInfoUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "Why this update was sent."
    reason: LiveUpdateReason!
    "The information; null until the meeting server sent it."
    info: LiveMeetingInfo
    "Fields of info that changed (empty on SNAPSHOT and RESYNC)."
    changedFields: [String!]!
  }

  "The meeting's status changed (or, on SNAPSHOT and RESYNC, as it stands)."
  type MeetingStatusUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "Why this update was sent."
    reason: LiveUpdateReason!
    "The status after this update."
    status: LiveMeetingStatus!
    "Fields of status that changed (empty on SNAPSHOT and RESYNC)."
    changedFields: [String!]!
  }

  "Participants online: the whole list after this update, and what the update changed."
  type ParticipantsUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "Why this update was sent."
    reason: LiveUpdateReason!
    "Everyone online after this update, in join order."
    participants: [Participant!]!
    "Participants who joined or changed (all of them on SNAPSHOT)."
    changed: [Participant!]!
    "Participant IDs of those who left."
    removed: [ID!]!
  }

  "The loudest speakers, loudest first."
  type SpeakersUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "Why this update was sent."
    reason: LiveUpdateReason!
    "The loudest speakers now, loudest first (empty when nobody speaks)."
    speakers: [Speaker!]!
  }

  "The waiting room: the whole list after this update, and what the update changed."
  type WaitingListUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "Why this update was sent."
    reason: LiveUpdateReason!
    "Everyone waiting after this update, in arrival order."
    waitingList: [WaitingRoomMember!]!
    "Members who arrived or changed (all of them on SNAPSHOT)."
    changed: [WaitingRoomMember!]!
    "Participant IDs of those who left the waiting room (admitted or gone)."
    removed: [ID!]!
  }

  "Live captions: whether they are on, and each caption as it comes."
  type SubtitlesUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "SNAPSHOT and RESYNC carry no caption (captions are not kept); CHANGE carries a caption or a switch on or off."
    reason: LiveUpdateReason!
    "Captions are on; null when not known yet."
    enabled: Boolean
    "The caption; null when the update only says whether captions are on."
    subtitle: Subtitle
    "When the caption was pushed."
    at: DateTime
  }

  "Results of calling invitees, and leave reasons."
  type InviteResultsUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "SNAPSHOT and RESYNC carry no results (results are events, not kept); CHANGE carries new ones."
    reason: LiveUpdateReason!
    "The results pushed (none on SNAPSHOT and RESYNC)."
    results: [InviteResult!]!
    "When the results were pushed."
    at: DateTime
  }

  "The gateway's connection to the meeting's live feed changed state (meetingEvents only)."
  type StreamStatusUpdate implements MeetingLiveEvent {
    "Meeting ID."
    meetingId: ID!
    "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null before the stream logged anything."
    cursor: String
    "The connection's new state."
    state: LiveStreamState!
    "Why, when known (e.g. the kind of change that was missed)."
    detail: String
  }

  "What an enterprise event is about."
  enum EnterpriseEventType {
    "A meeting was scheduled or started at once (meeting.create)."
    MEETING_CREATED
    "A scheduled meeting was edited (meeting.modify)."
    MEETING_MODIFIED
    "A meeting was cancelled (meeting.cancel)."
    MEETING_CANCELLED
    "A meeting started (meeting.started)."
    MEETING_STARTED
    "A run of the meeting ended; until its scheduled end passes people may join it again (meeting.end)."
    MEETING_ENDED
    "The meeting can no longer be joined: its scheduled end passed, or it was cancelled (meeting.conclude)."
    MEETING_CONCLUDED
    "A recording is ready."
    RECORDING_FINISHED
    "Someone joined a meeting (meeting.join)."
    PARTICIPANT_JOINED
    "Someone left a meeting (meeting.left)."
    PARTICIPANT_LEFT
    "An event this gateway does not know; see name."
    OTHER
  }

  "The meeting of an enterprise event."
  type EnterpriseEventMeeting {
    "Meeting ID."
    id: ID!
    "ID of this run of the meeting."
    instanceId: String
    "Run of a recurring meeting."
    cycleSubId: String
  }

  "The participant of a join or leave event."
  type EnterpriseEventAttendee {
    "Participant ID in the meeting."
    participantId: ID
    "Display name."
    name: String
    "Meeting account."
    account: String
    "Upstream user UUID."
    userId: ID
    "Client, e.g. WeLink-desktop."
    userAgent: String
    "Role as the meeting server names it, e.g. CHAIR."
    role: String
    "SIP or phone number."
    callNumber: String
    "When they joined."
    joinedAt: DateTime
    "Null while still in the meeting."
    leftAt: DateTime
  }

  "An event of the enterprise's meetings, from the meeting server's webhook."
  type EnterpriseEvent {
    "What happened."
    type: EnterpriseEventType!
    "The meeting server's event name, e.g. meeting.create."
    name: String!
    "When it happened."
    occurredAt: DateTime!
    "The meeting it is about."
    meeting: EnterpriseEventMeeting
    "The participant, for join and leave events."
    attendee: EnterpriseEventAttendee
  }

  extend type LiveMeeting {
    "The loudest speakers now, from the pushed state (empty when the push state is not available)."
    speakers: [Speaker!]!
    "Who waits in the waiting room, from the pushed state (empty when the push state is not available)."
    waitingList: [WaitingRoomMember!]!
  }

  "Live updates over graphql-ws. Each meeting subscription first checks, as the viewer, that the meeting server lets the viewer see the meeting (NOT_FOUND or FORBIDDEN otherwise), sends the state as it stands, then every change, and completes when the meeting ends."
  type Subscription {
    "Basic information of a meeting in progress: as it stands, then each change."
    meetingInfo(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): MeetingInfoUpdate!
    "The status of a meeting in progress (lock, mute, recording ...): as it stands, then each change."
    meetingStatus(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): MeetingStatusUpdate!
    "Participants online: the list as it stands, then each change."
    participants(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): ParticipantsUpdate!
    "The loudest speakers: as they stand, then each change."
    speakers(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): SpeakersUpdate!
    "Live captions: whether they are on, then each caption."
    subtitles(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): SubtitlesUpdate!
    "Invite results and leave reasons, as they come."
    inviteResults(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): InviteResultsUpdate!
    "The waiting room: as it stands, then each change."
    waitingList(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): WaitingListUpdate!
    "Everything above in one stream, plus the state of the gateway's connection to the meeting: the whole state first (one update per kind), then every change in order."
    meetingEvents(
      "Meeting ID." meetingId: ID!
      "Resume after this cursor (from an earlier update): what followed it comes instead of the whole state; CURSOR_EXPIRED when it is no longer retained." after: String
    ): MeetingLiveEvent!
    "The enterprise's meeting events (administrators only), from now on; types narrows them."
    enterpriseEvents("Only these types (default: all)." types: [EnterpriseEventType!]): EnterpriseEvent!
  }
`;

/** Passwords of a meeting, as only its owner or host gets them. */
type Passwords = { host: string | null; guest: string | null };
/** An info update with what this viewer may see beside it. */
type InfoNode = { meetingId: string; view: MeetingBasicView; passwords: Passwords | null };

/**
 * Checks, with the viewer's own identity, that the upstream lets the viewer see the meeting; answers its ID
 * and details. A refusal becomes the subscription's error (NOT_FOUND, FORBIDDEN ...).
 */
async function authorize(
  args: { meetingId: unknown; after?: unknown },
  context: GatewayContext,
): Promise<{ meetingId: string; conference: ConferenceInfo }> {
  const meetingId = parseInput(meetingIdSchema, args.meetingId, 'meetingId');
  try {
    // Not through the context's loader: a subscription's context lives as long as the subscription, and a loader
    // keeps its last batch (and with it the meeting's details) until its next load.
    const detail = await context.client.meetings.get(
      { conferenceID: meetingId },
      undefined,
      context.identity,
    );
    return { meetingId, conference: detail.conferenceData };
  } catch (error) {
    throw toGraphQLError(error);
  }
}

/** The meeting's passwords when the viewer owns or hosts it, otherwise null. */
async function viewerPasswords(
  conference: ConferenceInfo,
  context: GatewayContext,
): Promise<Passwords | null> {
  if (!(await mayHost(conference, context))) return null;
  const find = (role: string) =>
    conference.passwordEntry?.find((entry) => entry.conferenceRole === role)?.password ?? null;
  return { host: find('chair'), guest: find('general') };
}

/** `after` of the meeting subscriptions: a cursor, or nothing. */
const afterSchema = cursorSchema.nullish();

type InfoUpdate = Extract<LiveUpdate, { type: 'info' }>;
/** Info updates as viewers without the passwords receive them: one per update, shared by all those viewers. */
const sharedInfo = new WeakMap<InfoUpdate, object>();

/** An info update with what this viewer may see beside it (the shared feed never carries passwords). */
function infoFor(update: InfoUpdate, passwords: Passwords | null): object {
  const node = (): object => {
    const info: InfoNode | null = update.info
      ? { meetingId: update.meetingId, view: update.info, passwords }
      : null;
    return { ...update, info };
  };
  if (passwords !== null) return node();
  let shared = sharedInfo.get(update);
  if (!shared) {
    shared = node();
    sharedInfo.set(update, shared);
  }
  return shared;
}

/** A subscription to the updates of the given types of one meeting, for a viewer the upstream lets see it. */
function meetingSubscription(keep: (update: LiveUpdate) => boolean) {
  // What every viewer without the passwords keeps: one function, and the same objects, for all of them (so their
  // results are executed and serialised once).
  const withoutPasswords = (update: LiveUpdate) =>
    !keep(update) ? undefined : update.type === 'info' ? infoFor(update, null) : update;
  return {
    async subscribe(_: unknown, args: { meetingId: unknown; after?: unknown }, context: GatewayContext) {
      const after = parseInput(afterSchema, args.after, 'after') ?? undefined;
      const { meetingId, conference } = await authorize(args, context);
      if (after) await context.live.checkCursor(meetingId, after);
      const passwords = await viewerPasswords(conference, context);
      const select =
        passwords === null
          ? withoutPasswords
          : (update: LiveUpdate) =>
              !keep(update) ? undefined : update.type === 'info' ? infoFor(update, passwords) : update;
      const updates = context.live.watchMeeting(meetingId, select, after);
      // Access is asked again now and then: a viewer whose invitation is withdrawn stops receiving.
      const key = `${context.identity.userId ?? '(admin)'}\u0000${meetingId}`;
      return context.live.revocable(updates, key, async () => {
        await authorize({ meetingId }, context);
      });
    },
    resolve: (payload: unknown) => payload,
  };
}

const ofType = (type: LiveUpdateType) => (update: LiveUpdate) => update.type === type;

/** The merged stream leaves out what only the dedicated streams need: caption and invite placeholders. */
function inMergedStream(update: LiveUpdate): boolean {
  if (update.type === 'subtitles') return update.subtitle !== undefined;
  if (update.type === 'inviteResults') return update.reason === 'CHANGE';
  return true;
}

const UPDATE_TYPENAMES: Record<LiveUpdateType, string> = {
  info: 'MeetingInfoUpdate',
  status: 'MeetingStatusUpdate',
  participants: 'ParticipantsUpdate',
  waitingList: 'WaitingListUpdate',
  speakers: 'SpeakersUpdate',
  subtitles: 'SubtitlesUpdate',
  inviteResults: 'InviteResultsUpdate',
  stream: 'StreamStatusUpdate',
};

const epochDate = (ms: number | string | undefined): Date | null => {
  if (ms === undefined || ms === '') return null;
  const value = typeof ms === 'number' ? ms : /^\d+$/.test(ms) ? Number(ms) : Number.NaN;
  return Number.isFinite(value) ? new Date(value) : null;
};

const MEETING_STATES: Record<string, string> = {
  scheduled: 'SCHEDULED',
  inProgress: 'IN_PROGRESS',
  ended: 'ENDED',
};
const BROADCAST_MODES: Record<string, string> = {
  FREE: 'FREE',
  FIXED: 'FIXED',
  ROLLCALL: 'ROLL_CALL',
  BROADCAST: 'BROADCAST',
};
const RECORDING_MODES: Record<string, string> = {
  '0': 'DISABLED',
  '1': 'RECORDING',
  '2': 'RECORDING_AND_LIVE',
  '3': 'LIVE_ONLY',
};
const MEDIA: Record<string, string> = { '1': 'AUDIO', '2': 'VIDEO' };
// B.5.1 publishes 0, 2 and 3 (1 is not used). The JoinRestriction enum's internal values are these numbers
// (schema/control.ts), so a resolver answers the number, never the GraphQL name.
const CALL_IN = new Set([0, 2, 3]);
const STREAM_STATES: Record<MeetingStreamStatus, string> = {
  connecting: 'CONNECTING',
  live: 'LIVE',
  stale: 'STALE',
  resyncing: 'RESYNCING',
  reconnecting: 'RECONNECTING',
  ended: 'ENDED',
};

// Pushed field names -> LiveMeetingInfo field names, for changedFields.
const INFO_FIELDS: Record<string, string> = {
  displayID: 'displayId',
  title: 'subject',
  startTime: 'startTime',
  scheduledStartTime: 'scheduledStartTime',
  media: 'media',
  recType: 'recordingMode',
  owner: 'ownerName',
  ownerID: 'ownerId',
  guestJoinUri: 'guestJoinUrl',
  callInRestriction: 'joinRestriction',
  realTimeSubtitle: 'subtitlesSupported',
  supportWatermark: 'watermark',
};
// Status view fields that LiveMeetingStatus shows under the same name.
const STATUS_FIELDS = new Set([
  'state',
  'endTime',
  'mode',
  'voiceActivated',
  'locked',
  'muteAll',
  'lockSharing',
  'canUnmute',
  'chairView',
  'recording',
  'recordedBefore',
  'chatForbidden',
  'subtitles',
  'picNum',
  'partViewNum',
  'maxPartViewNum',
  'chatGroupId',
]);

const ENTERPRISE_TYPES: Record<string, string> = {
  'meeting.create': 'MEETING_CREATED',
  'meeting.modify': 'MEETING_MODIFIED',
  'meeting.cancel': 'MEETING_CANCELLED',
  'meeting.started': 'MEETING_STARTED',
  'meeting.end': 'MEETING_ENDED',
  'meeting.conclude': 'MEETING_CONCLUDED',
  'record.finish': 'RECORDING_FINISHED',
  'meeting.join': 'PARTICIPANT_JOINED',
  'meeting.left': 'PARTICIPANT_LEFT',
};
const enterpriseType = (event: WebhookEvent): string =>
  event.event === 'raw' ? 'OTHER' : (ENTERPRISE_TYPES[event.event] ?? 'OTHER');

const enterpriseTypesSchema = z
  .array(z.enum([...Object.values(ENTERPRISE_TYPES), 'OTHER']))
  .max(20)
  .nullish();

/** The subscription resolvers. */
export const subscriptionResolvers = {
  Subscription: {
    meetingInfo: meetingSubscription(ofType('info')),
    meetingStatus: meetingSubscription(ofType('status')),
    participants: meetingSubscription(ofType('participants')),
    speakers: meetingSubscription(ofType('speakers')),
    subtitles: meetingSubscription(ofType('subtitles')),
    inviteResults: meetingSubscription(ofType('inviteResults')),
    waitingList: meetingSubscription(ofType('waitingList')),
    meetingEvents: meetingSubscription(inMergedStream),
    enterpriseEvents: {
      subscribe(_: unknown, args: { types?: unknown }, context: GatewayContext) {
        if (!context.viewer.isAdmin) {
          throw gatewayError(GatewayErrorCode.FORBIDDEN, 'enterprise events are for administrators');
        }
        const types = parseInput(enterpriseTypesSchema, args.types, 'types');
        const events = context.live.enterpriseEvents();
        if (!types?.length) return events;
        const wanted = new Set(types);
        return pipe(
          events,
          filter((event: WebhookEvent) => wanted.has(enterpriseType(event))),
        );
      },
      resolve: (payload: unknown) => payload,
    },
  },
  MeetingLiveEvent: {
    __resolveType: (update: LiveUpdate) => UPDATE_TYPENAMES[update.type],
  },
  MeetingInfoUpdate: {
    changedFields: (update: { changedFields: readonly string[] }) =>
      update.changedFields.flatMap((field) => (INFO_FIELDS[field] ? [INFO_FIELDS[field]] : [])),
  },
  MeetingStatusUpdate: {
    changedFields: (update: { changedFields: readonly string[] }) =>
      update.changedFields.filter((field) => STATUS_FIELDS.has(field)),
  },
  LiveMeetingInfo: {
    id: (node: InfoNode) => node.meetingId,
    displayId: (node: InfoNode) => node.view.displayID ?? null,
    subject: (node: InfoNode) => node.view.title ?? null,
    startTime: (node: InfoNode) => epochDate(node.view.startTime),
    scheduledStartTime: (node: InfoNode) => epochDate(node.view.scheduledStartTime),
    media: (node: InfoNode) => lookup(MEDIA, node.view.media),
    recordingMode: (node: InfoNode) => lookup(RECORDING_MODES, node.view.recType),
    ownerName: (node: InfoNode) => node.view.owner ?? null,
    ownerId: (node: InfoNode) => node.view.ownerID ?? null,
    guestJoinUrl: (node: InfoNode) => node.view.guestJoinUri ?? null,
    joinRestriction: (node: InfoNode) => {
      const value = node.view.callInRestriction;
      return value !== undefined && CALL_IN.has(value) ? value : null;
    },
    subtitlesSupported: (node: InfoNode) =>
      node.view.realTimeSubtitle === undefined ? null : node.view.realTimeSubtitle !== 0,
    watermark: (node: InfoNode) =>
      node.view.supportWatermark === undefined ? null : node.view.supportWatermark !== 0,
    passwords: (node: InfoNode) => node.passwords,
  },
  LiveMeetingStatus: {
    state: (status: MeetingStatusView) => lookup(MEETING_STATES, status.state),
    endTime: (status: MeetingStatusView) => epochDate(status.endTime),
    mode: (status: MeetingStatusView) => lookup(BROADCAST_MODES, status.mode),
  },
  Speaker: {
    volume: (speaker: SpeakerView) => speaker.speakingVolume,
  },
  // The pushed part of liveMeeting: read only when selected; the stream's socket then serves later queries.
  LiveMeeting: {
    speakers: async (m: { meetingId: string; status: string }, _: unknown, context: GatewayContext) =>
      m.status === 'IN_PROGRESS' ? ((await context.live.pushedSnapshot(m.meetingId))?.speakers ?? []) : [],
    waitingList: async (m: { meetingId: string; status: string }, _: unknown, context: GatewayContext) =>
      m.status === 'IN_PROGRESS' ? ((await context.live.pushedSnapshot(m.meetingId))?.waitingList ?? []) : [],
  },
  WaitingRoomMember: {
    state: (member: WaitingEntryView) => (member.state === 'admitted' ? 'ADMITTED' : 'WAITING'),
    arrivedAt: (member: WaitingEntryView) => epochDate(member.joinedAt),
    userId: (member: WaitingEntryView) => member.userUUID ?? null,
  },
  Subtitle: {
    final: (subtitle: SubtitleView) => subtitle.isFinal,
    texts: (subtitle: SubtitleView) =>
      subtitle.msgs.map((m) => ({
        language: m.subtitleLang ?? null,
        text: m.translateText,
        id: m.id ?? null,
      })),
  },
  SubtitlesUpdate: {
    at: (update: { at: number | undefined }) => epochDate(update.at),
  },
  InviteResultsUpdate: {
    at: (update: { at: number | undefined }) => epochDate(update.at),
    results: (update: { results: readonly InviteResultView[] }) => update.results,
  },
  StreamStatusUpdate: {
    state: (update: { state: MeetingStreamStatus }) => STREAM_STATES[update.state],
  },
  EnterpriseEvent: {
    type: enterpriseType,
    name: (event: WebhookEvent) => (event.event === 'raw' ? event.name : event.event),
    occurredAt: (event: WebhookEvent) => new Date(event.timestamp),
    meeting: (event: WebhookEvent) => {
      const info = event.eventInfo.payload?.meetingInfo;
      return info
        ? {
            id: info.meetingID,
            instanceId: info.meetingUUID ?? null,
            cycleSubId: info.meetingCycleSubID ?? null,
          }
        : null;
    },
    attendee: (event: WebhookEvent) => {
      const info = event.eventInfo.payload?.attendeeInfo;
      if (!info) return null;
      return {
        participantId: info.participantID ?? null,
        name: info.displayName ?? null,
        account: info.account ?? null,
        userId: info.userUUID ?? null,
        userAgent: info.userAgent ?? null,
        role: info.role ?? null,
        callNumber: info.callNumber ?? null,
        joinedAt: info.joinTime ? new Date(info.joinTime) : null,
        // 0 while still in the meeting.
        leftAt: info.leftTime ? new Date(info.leftTime) : null,
      };
    },
  },
};
