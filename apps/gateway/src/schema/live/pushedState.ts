import type { MeetingBasicView, SpeakerView, SubtitleView, WaitingEntryView } from '@hwmeeting/events';
import type { GatewayContext } from '../../context.js';
import { wireEnum } from '../common/enums.js';
import { joinRestriction, meetingMedia } from '../common/meeting.js';

/**
 * The push-to-GraphQL mapping: a meeting's pushed state (the views of `@hwmeeting/events`) as front ends see
 * it, in the subscriptions and in liveMeeting's pushed fields.
 */
export const pushedStateTypeDefs = /* GraphQL */ `
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

  extend type LiveMeeting {
    "The loudest speakers now, from the pushed state (empty when the push state is not available)."
    speakers: [Speaker!]!
    "Who waits in the waiting room, from the pushed state (empty when the push state is not available)."
    waitingList: [WaitingRoomMember!]!
  }
`;

/** Passwords of a meeting, as only its owner or host gets them. */
export type Passwords = { host: string | null; guest: string | null };
/** An info update with what this viewer may see beside it. */
export type InfoNode = { meetingId: string; view: MeetingBasicView; passwords: Passwords | null };

/** An epoch time in milliseconds, as pushed (a number or digits), as a Date; null when absent or unreadable. */
export const epochDate = (ms: number | string | undefined): Date | null => {
  if (ms === undefined || ms === '') return null;
  const value = typeof ms === 'number' ? ms : /^\d+$/.test(ms) ? Number(ms) : Number.NaN;
  return Number.isFinite(value) ? new Date(value) : null;
};

/** `RecordingMode`: the pushed `recType`. */
const recordingMode = wireEnum({ DISABLED: 0, RECORDING: 1, RECORDING_AND_LIVE: 2, LIVE_ONLY: 3 });
/** `WaitingRoomState`: the waiting-room view's state (which reads an unpublished one as waiting). */
const waitingRoomState = wireEnum({ WAITING: 'waiting', ADMITTED: 'admitted' });
// B.5.1 numbers the media; MeetingMedia's internal values are the names a schedule request sends.
const pushedMedia = (media: number | undefined) =>
  media === 1 ? meetingMedia.of('AUDIO') : media === 2 ? meetingMedia.of('VIDEO') : null;

/** Resolvers of the pushed state's types. */
export const pushedStateResolvers = {
  RecordingMode: recordingMode.values,
  WaitingRoomState: waitingRoomState.values,
  LiveMeetingInfo: {
    id: (node: InfoNode) => node.meetingId,
    displayId: (node: InfoNode) => node.view.displayID ?? null,
    subject: (node: InfoNode) => node.view.title ?? null,
    startTime: (node: InfoNode) => epochDate(node.view.startTime),
    scheduledStartTime: (node: InfoNode) => epochDate(node.view.scheduledStartTime),
    media: (node: InfoNode) => pushedMedia(node.view.media),
    recordingMode: (node: InfoNode) => recordingMode.read(node.view.recType),
    ownerName: (node: InfoNode) => node.view.owner ?? null,
    ownerId: (node: InfoNode) => node.view.ownerID ?? null,
    guestJoinUrl: (node: InfoNode) => node.view.guestJoinUri ?? null,
    joinRestriction: (node: InfoNode) => joinRestriction.read(node.view.callInRestriction),
    subtitlesSupported: (node: InfoNode) =>
      node.view.realTimeSubtitle === undefined ? null : node.view.realTimeSubtitle !== 0,
    watermark: (node: InfoNode) =>
      node.view.supportWatermark === undefined ? null : node.view.supportWatermark !== 0,
    passwords: (node: InfoNode) => node.passwords,
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
    state: (member: WaitingEntryView) => waitingRoomState.readOr(member.state, 'WAITING'),
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
};
