import type { InviteResultView, LiveUpdate, LiveUpdateType, MeetingStreamStatus } from '@hwmeeting/events';
import { wireEnum } from '../common/enums.js';
import { pushedParticipant, type ViewerSelf } from '../common/participant.js';
import { statusFieldsOf } from './meetingStatus.js';
import { epochDate } from './pushedState.js';

/** Where an update sits in its meeting's stream; said once, for the interfaces and every type that implements them. */
export const CURSOR_DESCRIPTION =
  "Position of this update in the meeting's stream: pass the last one you received as after when you subscribe again (to any gateway replica) to receive only what followed. Null only on WAITING updates (the meeting has no stream yet).";

/** The fields of `MeetingLiveEvent`: every type that implements it repeats them (GraphQL wants them spelt out). */
const liveEventFields = `
    "Meeting ID."
    meetingId: ID!
    "${CURSOR_DESCRIPTION}"
    cursor: String`;

/** The fields of `LiveUpdate`; `reason` may say more for one type (what SNAPSHOT carries there). */
const liveUpdateFields = (reason = 'Why this update was sent.') => `${liveEventFields}
    "${reason}"
    reason: LiveUpdateReason!`;

/** A meeting update type: the `LiveUpdate` fields, then its own. */
const updateType = (name: string, description: string, fields: string, reason?: string) => `
  "${description}"
  type ${name} implements MeetingLiveEvent & LiveUpdate {${liveUpdateFields(reason)}${fields}  }`;

/** The update types of the meeting subscriptions and the interfaces they share. */
export const updateTypeDefs = /* GraphQL */ `
  "Why a live update was sent."
  enum LiveUpdateReason {
    "The meeting server's state as it stands: the first update of a subscription once that state is in (the gateway waits up to FIRST_UPDATE_WAIT_MS for it)."
    SNAPSHOT
    "First update while the gateway is still connecting to the meeting: the state is not known yet, so the update is empty (info null, status fields null, lists empty), which does not mean nobody is there. The next update of every state kind is a RESYNC with the whole state, as soon as it arrives."
    CONNECTING
    "First update while the meeting has not started: empty, with no cursor. The subscription stays open and, once the meeting starts, goes on as a new subscription would (SNAPSHOT, or CONNECTING then RESYNC); it ends with NOT_FOUND (extensions.reason MEETING_CANCELLED) if the meeting is cancelled, or TIMEOUT (extensions.reason MEETING_NOT_STARTED) if it has not started by its scheduled start plus LOBBY_GRACE_SECONDS."
    WAITING
    "Part of the state changed; the update says what (and carries the whole value or list as it now stands)."
    CHANGE
    "The whole state was sent again (the gateway connected or reconnected to the meeting and received its state, or recovered a missed change): replace what you hold. Every state kind gets one, from the same stream event."
    RESYNC
    "The subscription passed a cursor as after that is no longer retained (too old, or from before the event store was reset): this is the whole state as it stands; replace what you hold."
    CURSOR_EXPIRED
  }

  "Where the gateway's connection to a meeting's live feed is."
  enum LiveStreamState {
    "Connecting to the meeting (LIVE follows once its state is in)."
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

  "Anything a meeting's live feed sends (meetingEvents); ask for __typename to tell them apart."
  interface MeetingLiveEvent {${liveEventFields}
  }

  "An update of a meeting subscription: what every update type carries (StreamStatusUpdate, which is about the gateway's connection, is not one)."
  interface LiveUpdate implements MeetingLiveEvent {${liveUpdateFields()}
  }
  ${updateType(
    'MeetingInfoUpdate',
    'Basic information of a meeting changed (or, on SNAPSHOT and RESYNC, as it stands).',
    `
    "The information; null until the meeting server sent it."
    info: LiveMeetingInfo
    "Fields of info that changed: at least one on CHANGE (a change of nothing info shows is not sent); empty on SNAPSHOT and RESYNC."
    changedFields: [String!]!`,
  )}
  ${updateType(
    'MeetingStatusUpdate',
    "The meeting's status changed (or, on SNAPSHOT and RESYNC, as it stands).",
    `
    "The status after this update."
    status: LiveMeetingStatus!
    "Fields of status that changed: at least one on CHANGE (a change of nothing status shows is not sent); empty on SNAPSHOT and RESYNC."
    changedFields: [String!]!`,
  )}
  ${updateType(
    'ParticipantsUpdate',
    'Participants online: the whole list after this update, and what the update changed.',
    `
    "Everyone online after this update, in join order."
    participants: [Participant!]!
    "Participants who joined or changed (all of them on SNAPSHOT)."
    changed: [Participant!]!
    "Participant IDs of those who left."
    removed: [ID!]!`,
  )}
  ${updateType(
    'SpeakersUpdate',
    'The loudest speakers, loudest first.',
    `
    "The loudest speakers now, loudest first (empty when nobody speaks)."
    speakers: [Speaker!]!`,
  )}
  ${updateType(
    'WaitingListUpdate',
    'The waiting room: the whole list after this update, and what the update changed.',
    `
    "Everyone waiting after this update, in arrival order."
    waitingList: [WaitingRoomMember!]!
    "Members who arrived or changed (all of them on SNAPSHOT)."
    changed: [WaitingRoomMember!]!
    "Participant IDs of those who left the waiting room (admitted or gone)."
    removed: [ID!]!`,
  )}
  ${updateType(
    'SubtitlesUpdate',
    'Live captions: whether they are on, and each caption as it comes.',
    `
    "Captions are on; null when not known yet."
    enabled: Boolean
    "The caption; null when the update only says whether captions are on."
    subtitle: Subtitle
    "When the caption was pushed."
    at: DateTime`,
    'Only CHANGE carries a caption or a switch on or off; the other reasons carry none (captions are not kept).',
  )}
  ${updateType(
    'InviteResultsUpdate',
    'Results of calling invitees, and leave reasons.',
    `
    "The results pushed (none on SNAPSHOT and RESYNC)."
    results: [InviteResult!]!
    "When the results were pushed."
    at: DateTime`,
    'Only CHANGE carries results (new ones); the other reasons carry none (results are events, not kept).',
  )}

  "The gateway's connection to the meeting's live feed changed state (meetingEvents only)."
  type StreamStatusUpdate implements MeetingLiveEvent {${liveEventFields}
    "The connection's new state."
    state: LiveStreamState!
    "Why, when known (e.g. the kind of change that was missed)."
    detail: String
  }
`;

/** The GraphQL type of each kind of update. */
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
/** `LiveStreamState`: the meeting stream's status, as `@hwmeeting/events` names it. */
const streamState = wireEnum({
  CONNECTING: 'connecting',
  LIVE: 'live',
  STALE: 'stale',
  RESYNCING: 'resyncing',
  RECONNECTING: 'reconnecting',
  ENDED: 'ended',
} satisfies Record<string, MeetingStreamStatus>);

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
/** The `LiveMeetingInfo` fields that basic-info view fields (pushed names) name; those it does not show are left out. */
const infoFieldsOf = (viewFields: readonly string[]): string[] =>
  viewFields.flatMap((field) => (Object.hasOwn(INFO_FIELDS, field) ? [INFO_FIELDS[field] as string] : []));

/** Whether an info or status CHANGE names a shown field, per update object (see namesAChange). */
const namingChange = new WeakMap<LiveUpdate, boolean>();

/**
 * False for a CHANGE of info or status that changed nothing the schema shows (only pushed fields it does not
 * map, such as a webinar's audience count): it would reach front ends with empty changedFields, so the
 * subscriptions leave it out. Everything else is true.
 */
export function namesAChange(update: LiveUpdate): boolean {
  if (update.type === 'stream' || update.reason !== 'CHANGE') return true;
  if (update.type !== 'info' && update.type !== 'status') return true;
  // Every subscriber of a meeting asks about the same update object: the fields are mapped once per update.
  let names = namingChange.get(update);
  if (names === undefined) {
    names =
      (update.type === 'info' ? infoFieldsOf(update.changedFields) : statusFieldsOf(update.changedFields))
        .length > 0;
    namingChange.set(update, names);
  }
  return names;
}

/** A participants update, as the viewer's payload may carry it (see viewerSelf.ts). */
type ParticipantsNodes = Extract<LiveUpdate, { type: 'participants' }> & { self?: ViewerSelf };

/** Resolvers of the update types. */
export const updateResolvers = {
  MeetingLiveEvent: {
    __resolveType: (update: LiveUpdate) => UPDATE_TYPENAMES[update.type],
  },
  LiveUpdate: {
    __resolveType: (update: LiveUpdate) => UPDATE_TYPENAMES[update.type],
  },
  MeetingInfoUpdate: {
    changedFields: (update: { changedFields: readonly string[] }) => infoFieldsOf(update.changedFields),
  },
  MeetingStatusUpdate: {
    changedFields: (update: { changedFields: readonly string[] }) => statusFieldsOf(update.changedFields),
  },
  // Pushed views as Participant nodes: with the meeting (for their cache id) and, when the viewer's payload
  // carries it, the viewer (for isSelf).
  ParticipantsUpdate: {
    participants: (update: ParticipantsNodes) =>
      update.participants.map((view) => pushedParticipant(update.meetingId, view, update.self)),
    changed: (update: ParticipantsNodes) =>
      update.changed.map((view) => pushedParticipant(update.meetingId, view, update.self)),
  },
  SubtitlesUpdate: {
    at: (update: { at: number | undefined }) => epochDate(update.at),
  },
  InviteResultsUpdate: {
    at: (update: { at: number | undefined }) => epochDate(update.at),
    results: (update: { results: readonly InviteResultView[] }) => update.results,
  },
  LiveStreamState: streamState.values,
};
