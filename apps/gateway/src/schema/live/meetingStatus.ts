import type { MeetingStatusView } from '@hwmeeting/events';
import type { GatewayContext } from '../../context.js';
import { wireEnum } from '../common/enums.js';
import { joinRestriction, meetingStateOf } from '../common/meeting.js';
import { audienceJoinRestriction, chatPermission, localRecordingMode } from '../common/meetingSettings.js';
import { epochDate } from './pushedState.js';

/**
 * `LiveMeetingStatus`: a meeting's pushed dynamic status (B.5.2), with every in-meeting setting a host can set
 * through the control mutations, as the meeting server pushes it back. The meetingStatus subscription carries
 * it, and liveMeeting's `liveStatus` reads it.
 */
export const meetingStatusTypeDefs = /* GraphQL */ `
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

  "The dynamic status of a meeting and its in-meeting settings, as the meeting server pushes them; a null field is not known yet (not the same as off)."
  type LiveMeetingStatus {
    "Where the meeting is in its life."
    state: MeetingState
    "When the meeting is due to end (extendMeeting moves it)."
    endTime: DateTime
    "How the video is switched (cancelBroadcast sets FREE)."
    mode: BroadcastMode
    "Voice-activated switching."
    voiceActivated: Boolean
    "Nobody else may join (lockMeeting, or locked of updateMeetingSettings)."
    locked: Boolean
    "Everyone is muted (newcomers join muted): muteAll."
    muteAll: Boolean
    "Only the current sharer may share (lockSharing of updateMeetingSettings)."
    lockSharing: Boolean
    "Participants may unmute themselves while muted (setSelfUnmute, allowSelfUnmute of muteAll and of updateMeetingSettings)."
    canUnmute: Boolean
    "The host's polling view runs."
    chairView: Boolean
    "Being recorded in the cloud now (setRecording)."
    recording: Boolean
    "Recorded at some point."
    recordedBefore: Boolean
    "Chat is forbidden altogether (chat DISABLED); chat says what is allowed."
    chatForbidden: Boolean
    "Live captions are on (setSubtitles)."
    subtitles: Boolean
    "Pictures in the multi-picture."
    picNum: Int
    "Participants shown in gallery view."
    partViewNum: Int
    "Most participants gallery view can show."
    maxPartViewNum: Int
    "The in-meeting chat group."
    chatGroupId: String
    "Who may join (whoCanJoin of updateMeetingSettings)."
    whoCanJoin: JoinRestriction
    "Who of a webinar's audience may join (audienceWhoCanJoin of updateMeetingSettings)."
    audienceWhoCanJoin: AudienceJoinRestriction
    "What participants may chat (chat of updateMeetingSettings). The published push does not list it: null when the meeting server does not send it."
    chat: ChatPermission
    "Who may record locally (localRecording of updateMeetingSettings)."
    localRecording: LocalRecordingMode
    "Participants may turn their camera on (allowCamera of updateMeetingSettings). The published push does not list it: null when the meeting server does not send it."
    allowCamera: Boolean
    "Participants may rename themselves (allowRename of updateMeetingSettings). The published push does not list it: null when the meeting server does not send it."
    allowRename: Boolean
    "Anyone may take over sharing, not only host and co-hosts (anyoneMayTakeOverSharing of updateMeetingSettings). The published push does not list it: null when the meeting server does not send it."
    anyoneMayTakeOverSharing: Boolean
    "Live streaming runs (setLiveStreaming). The published push has no live flag: null when the meeting server does not send one."
    liveStreaming: Boolean
  }

  extend type LiveMeeting {
    "The meeting's status and in-meeting settings from the pushed state (the same object the meetingStatus subscription carries); null unless the meeting is in progress and its push state is available. Right after a control mutation it may not show the change yet: it does once the meeting server has pushed it (the meetingStatus subscription tells when)."
    liveStatus: LiveMeetingStatus
  }
`;

/**
 * The `LiveMeetingStatus` field that shows each status view field, or null for one it does not show. Typed
 * over every view field, so a field added to the view cannot be forgotten here (nor in `changedFields`).
 */
export const STATUS_FIELD_NAMES: Readonly<Record<keyof MeetingStatusView, string | null>> = {
  state: 'state',
  endTime: 'endTime',
  mode: 'mode',
  voiceActivated: 'voiceActivated',
  locked: 'locked',
  muteAll: 'muteAll',
  lockSharing: 'lockSharing',
  canUnmute: 'canUnmute',
  chairView: 'chairView',
  recording: 'recording',
  recordedBefore: 'recordedBefore',
  chatForbidden: 'chatForbidden',
  subtitles: 'subtitles',
  picNum: 'picNum',
  partViewNum: 'partViewNum',
  maxPartViewNum: 'maxPartViewNum',
  chatGroupId: 'chatGroupId',
  callInRestriction: 'whoCanJoin',
  audienceCallInRestriction: 'audienceWhoCanJoin',
  chatPermission: 'chat',
  clientRecMode: 'localRecording',
  allowOpenCamera: 'allowCamera',
  allowRename: 'allowRename',
  freeShare: 'anyoneMayTakeOverSharing',
  liveStreaming: 'liveStreaming',
  // Not shown: the multi-picture layout, and pushed fields the view does not map.
  multiPic: null,
  extra: null,
};

/** The `LiveMeetingStatus` fields that status view fields name (those it does not show are left out). */
export const statusFieldsOf = (viewFields: readonly string[]): string[] =>
  viewFields.flatMap((field) => {
    const name = Object.hasOwn(STATUS_FIELD_NAMES, field)
      ? STATUS_FIELD_NAMES[field as keyof MeetingStatusView]
      : null;
    return name ? [name] : [];
  });

/** `BroadcastMode`: the pushed status' `mode`. */
const broadcastMode = wireEnum({
  FREE: 'FREE',
  FIXED: 'FIXED',
  ROLL_CALL: 'ROLLCALL',
  BROADCAST: 'BROADCAST',
});

/** Resolvers of `LiveMeetingStatus` and of liveMeeting's `liveStatus`. */
export const meetingStatusResolvers = {
  BroadcastMode: broadcastMode.values,
  LiveMeetingStatus: {
    // Not pushed yet: null (not known), as every field of the status.
    state: (status: MeetingStatusView) => (status.state === undefined ? null : meetingStateOf(status.state)),
    endTime: (status: MeetingStatusView) => epochDate(status.endTime),
    mode: (status: MeetingStatusView) => broadcastMode.read(status.mode),
    whoCanJoin: (status: MeetingStatusView) => joinRestriction.read(status.callInRestriction),
    audienceWhoCanJoin: (status: MeetingStatusView) =>
      audienceJoinRestriction.read(status.audienceCallInRestriction),
    chat: (status: MeetingStatusView) => chatPermission.read(status.chatPermission),
    localRecording: (status: MeetingStatusView) => localRecordingMode.read(status.clientRecMode),
    allowCamera: (status: MeetingStatusView) => status.allowOpenCamera ?? null,
    anyoneMayTakeOverSharing: (status: MeetingStatusView) => status.freeShare ?? null,
  },
  LiveMeeting: {
    liveStatus: async (m: { meetingId: string; status: string }, _: unknown, context: GatewayContext) =>
      m.status === 'IN_PROGRESS' ? ((await context.live.pushedSnapshot(m.meetingId))?.status ?? null) : null,
  },
};
