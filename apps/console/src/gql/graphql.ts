/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Who of a webinar's audience may join. */
export type AudienceJoinRestriction =
  /** Users of the enterprise and invited users. */
  | 'ENTERPRISE_AND_INVITED'
  /** Everyone with the link. */
  | 'EVERYONE';

/** What participants may chat. */
export type ChatPermission =
  /** No chat. */
  | 'DISABLED'
  /** Private and public messages. */
  | 'FREE'
  /** Private messages only. */
  | 'PRIVATE_ONLY'
  /** Public messages only. */
  | 'PUBLIC_ONLY';

/** A meeting to schedule (or to start now, without startTime). */
export type CreateMeetingInput = {
  /** Length in minutes, 15 to 1440. */
  durationMinutes?: number | null | undefined;
  /** People to invite (at most 500). */
  invitees?: Array<InviteeInput> | null | undefined;
  /** Audio only or video. */
  media?: MeetingMedia | null | undefined;
  /** Participants join muted. */
  muteOnJoin?: boolean | null | undefined;
  /** Start; omitted starts the meeting now. */
  startTime?: string | null | undefined;
  /** Subject, 1 to 128 characters. */
  subject: string;
  /** Time zone the notifications show times in, as an IANA name (e.g. Europe/Berlin); the meeting server's default when omitted. A zone the meeting server does not list goes as one of its zones with the same UTC offset at the meeting's start (it reads back as that zone); no such zone, or a name that is not an IANA time zone, is BAD_USER_INPUT. */
  timeZone?: string | null | undefined;
  /**
   * The meeting server's numeric time-zone ID (e.g. 56); not with timeZone.
   * @deprecated Use timeZone, an IANA time zone name.
   */
  timeZoneId?: string | null | undefined;
  /** Participants wait to be admitted. */
  waitingRoom?: boolean | null | undefined;
};

/** What an enterprise event is about. */
export type EnterpriseEventType =
  /** A meeting was cancelled (meeting.cancel). */
  | 'MEETING_CANCELLED'
  /** The meeting can no longer be joined: its scheduled end passed, or it was cancelled (meeting.conclude). */
  | 'MEETING_CONCLUDED'
  /** A meeting was scheduled or started at once (meeting.create). */
  | 'MEETING_CREATED'
  /** A run of the meeting ended; until its scheduled end passes people may join it again (meeting.end). */
  | 'MEETING_ENDED'
  /** A scheduled meeting was edited (meeting.modify). */
  | 'MEETING_MODIFIED'
  /** A meeting started (meeting.started). */
  | 'MEETING_STARTED'
  /** An event this gateway does not know; see name. */
  | 'OTHER'
  /** Someone joined a meeting (meeting.join). */
  | 'PARTICIPANT_JOINED'
  /** Someone left a meeting (meeting.left). */
  | 'PARTICIPANT_LEFT'
  /** A recording is ready. */
  | 'RECORDING_FINISHED';

/** What kind of device an invitee is called on. */
export type InviteeDevice =
  /** Smart room board (Maxhub, Hisense, IdeaHub B2). */
  | 'BOARD'
  /** Outside the enterprise. */
  | 'EXTERNAL'
  /** Hardware video terminal. */
  | 'HARD_TERMINAL'
  /** Huawei Vision TV. */
  | 'HWVISION'
  /** IdeaHub. */
  | 'IDEAHUB'
  /** The user's mobile phone (PSTN). */
  | 'MOBILE'
  /** Soft client (desktop or mobile app). */
  | 'SOFT_CLIENT';

/** Someone to invite when scheduling. */
export type InviteeInput = {
  /** Email address the invitation goes to. */
  email?: string | null | undefined;
  /** Make them a host. */
  host?: boolean | null | undefined;
  /** Display name. */
  name: string;
  /** SIP or phone number. */
  phone?: string | null | undefined;
  /** Third-party user ID of an enterprise user. */
  userId?: string | null | undefined;
};

/** Who may join the meeting. */
export type JoinRestriction =
  /** Users of the enterprise only. */
  | 'ENTERPRISE_USERS'
  /** Everyone with the meeting ID. */
  | 'EVERYONE'
  /** Invited users only. */
  | 'INVITED_USERS';

/**
 * Someone to call into a meeting in progress. The meeting server needs a name, a number and a device for every
 * invitee: phone is required (an enterprise user's is their directory sipNumber), device defaults to SOFT_CLIENT.
 */
export type LiveInviteeInput = {
  /** Device the number belongs to (default SOFT_CLIENT). */
  device?: InviteeDevice | null | undefined;
  /** Make them host when they answer. */
  host?: boolean | null | undefined;
  /** Display name. */
  name: string;
  /** Required: the number to call, the SIP number of a soft client or terminal (directory sipNumber) or a mobile number (+ country code, with device MOBILE). */
  phone?: string | null | undefined;
  /** Third-party user ID (or meeting account) of an enterprise user; sent along with phone. */
  userId?: string | null | undefined;
};

/** Where the gateway's connection to a meeting's live feed is. */
export type LiveStreamState =
  /** Connecting to the meeting (LIVE follows once its state is in). */
  | 'CONNECTING'
  /** The meeting ended (or the gateway is shutting down); the subscription completes. */
  | 'ENDED'
  /** Receiving changes. */
  | 'LIVE'
  /** The connection dropped; reconnecting (changes made meanwhile follow once connected). */
  | 'RECONNECTING'
  /** A change was missed; the whole state is being fetched again. */
  | 'RESYNCING'
  /** Connected, but the meeting server has sent nothing (not even a heartbeat answer) for longer than a heartbeat interval: changes may be held up. LIVE follows with the next message; if the silence goes on, the gateway drops the connection and reconnects (RECONNECTING). */
  | 'STALE';

/** Why a live update was sent. */
export type LiveUpdateReason =
  /** Part of the state changed; the update says what (and carries the whole value or list as it now stands). */
  | 'CHANGE'
  /** First update while the gateway is still connecting to the meeting: the state is not known yet, so the update is empty (info null, status fields null, lists empty), which does not mean nobody is there. The next update of every state kind is a RESYNC with the whole state, as soon as it arrives. */
  | 'CONNECTING'
  /** The subscription passed a cursor as after that is no longer retained (too old, or from before the event store was reset): this is the whole state as it stands; replace what you hold. */
  | 'CURSOR_EXPIRED'
  /** The whole state was sent again (the gateway connected or reconnected to the meeting and received its state, or recovered a missed change): replace what you hold. Every state kind gets one, from the same stream event. */
  | 'RESYNC'
  /** The meeting server's state as it stands: the first update of a subscription once that state is in (the gateway waits up to FIRST_UPDATE_WAIT_MS for it). */
  | 'SNAPSHOT'
  /** First update while the meeting has not started: empty, with no cursor. The subscription stays open and, once the meeting starts, goes on as a new subscription would (SNAPSHOT, or CONNECTING then RESYNC); it ends with NOT_FOUND (extensions.reason MEETING_CANCELLED) if the meeting is cancelled, or TIMEOUT (extensions.reason MEETING_NOT_STARTED) if it has not started by its scheduled start plus LOBBY_GRACE_SECONDS. */
  | 'WAITING';

/** Who may record locally (on their own device); the published meanings are terse, see each value. */
export type LocalRecordingMode =
  /** Mode 0, a meeting's default: the later published reading is 'only the host may record locally'. */
  | 'ALL_USERS'
  /** Published as 'everyone may record' (mode 1). */
  | 'EVERYONE'
  /** Published as 'some may record' (mode 2): those the host allows. */
  | 'SELECTED_USERS';

/** What a new meeting carries: audio only or video. */
export type MeetingMedia =
  /** Audio only. */
  | 'AUDIO'
  /** Audio and HD video. */
  | 'VIDEO';

/** The viewer's own role in a meeting. */
export type MeetingRole =
  /** Audience of a webinar: watches and listens only. */
  | 'AUDIENCE'
  /** Guest (ordinary participant). */
  | 'GUEST'
  /** Host (chair): may control the meeting. */
  | 'HOST';

/** In-meeting settings to change; absent fields keep their value. Give at least one. */
export type MeetingSettingsInput = {
  /** Participants may turn their camera on. */
  allowCamera?: boolean | null | undefined;
  /** Participants may rename themselves. */
  allowRename?: boolean | null | undefined;
  /** Participants may unmute themselves. */
  allowSelfUnmute?: boolean | null | undefined;
  /** Anyone may take over sharing (otherwise only host and co-hosts). */
  anyoneMayTakeOverSharing?: boolean | null | undefined;
  /** Who of a webinar's audience may join. */
  audienceWhoCanJoin?: AudienceJoinRestriction | null | undefined;
  /** What participants may chat. */
  chat?: ChatPermission | null | undefined;
  /** Who may record locally. */
  localRecording?: LocalRecordingMode | null | undefined;
  /** Only the current sharer may share (others cannot take over). */
  lockSharing?: boolean | null | undefined;
  /** The meeting is locked (nobody joins without the host). */
  locked?: boolean | null | undefined;
  /** Who may join. */
  whoCanJoin?: JoinRestriction | null | undefined;
};

/** Where a meeting is in its life. */
export type MeetingState =
  /** Ended. */
  | 'ENDED'
  /** In progress. */
  | 'IN_PROGRESS'
  /** Scheduled, not started. */
  | 'SCHEDULED'
  /** A state the meeting server answered that this gateway does not know yet, or a record that gives none. */
  | 'UNKNOWN';

/** A participant's role in a meeting in progress. */
export type ParticipantRole =
  /** Webinar audience. */
  | 'AUDIENCE'
  /** An ordinary participant. */
  | 'GUEST'
  /** Holds the host (chair) role. */
  | 'HOST';

/** Where a participant is on the way into the meeting. */
export type ParticipantState =
  /** Being called (invited, not answered yet). */
  | 'CALLING'
  /** In the meeting. */
  | 'IN_MEETING'
  /** Answered, joining. */
  | 'JOINING';

/** What a user may administer. */
export type UserRole =
  /** An enterprise administrator. */
  | 'ADMIN'
  /** The enterprise's default (super) administrator. */
  | 'DEFAULT_ADMIN'
  /** A member without administration rights. */
  | 'MEMBER';

/** Whether a user may log in. */
export type UserStatus =
  /** The user is disabled: logins are refused and their sessions end. */
  | 'DISABLED'
  /** The user may log in. */
  | 'ENABLED';

/** Where a waiting-room member is. */
export type WaitingRoomState =
  /** Admitted, joining. */
  | 'ADMITTED'
  /** Waiting to be admitted. */
  | 'WAITING';

export type EnterpriseEventsSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type EnterpriseEventsSubscription = { enterpriseEvents: { type: EnterpriseEventType, name: string, occurredAt: string, meeting: { id: string } | null, attendee: { name: string | null } | null } };

export type UsersQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  search?: string | null | undefined;
}>;


export type UsersQuery = { users: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string | null, account: string, thirdPartyId: string | null, email: string | null, role: UserRole | null, status: UserStatus | null, department: { code: string, name: string | null } | null } }> } };

export type MuteParticipantMutationVariables = Exact<{
  meetingId: string | number;
  participantId: string | number;
  muted: boolean;
}>;


export type MuteParticipantMutation = { muteParticipant: { ok: boolean } };

export type MuteAllMutationVariables = Exact<{
  meetingId: string | number;
  muted: boolean;
}>;


export type MuteAllMutation = { muteAll: { ok: boolean } };

export type LockMeetingMutationVariables = Exact<{
  meetingId: string | number;
  locked: boolean;
}>;


export type LockMeetingMutation = { lockMeeting: { ok: boolean } };

export type SetRecordingMutationVariables = Exact<{
  meetingId: string | number;
  recording: boolean;
}>;


export type SetRecordingMutation = { setRecording: { ok: boolean } };

export type SetSubtitlesMutationVariables = Exact<{
  meetingId: string | number;
  on: boolean;
}>;


export type SetSubtitlesMutation = { setSubtitles: { ok: boolean } };

export type AdmitMutationVariables = Exact<{
  meetingId: string | number;
  participantId?: string | number | null | undefined;
  all?: boolean | null | undefined;
}>;


export type AdmitMutation = { admitFromWaitingRoom: { ok: boolean } };

export type InviteMutationVariables = Exact<{
  meetingId: string | number;
  invitees: Array<LiveInviteeInput> | LiveInviteeInput;
}>;


export type InviteMutation = { inviteParticipants: { ok: boolean } };

export type HangUpMutationVariables = Exact<{
  meetingId: string | number;
  participantIds: Array<string | number> | string | number;
}>;


export type HangUpMutation = { hangUp: { ok: boolean } };

export type LowerHandMutationVariables = Exact<{
  meetingId: string | number;
  participantIds: Array<string | number> | string | number;
}>;


export type LowerHandMutation = { lowerHand: { ok: boolean } };

export type EndMeetingMutationVariables = Exact<{
  meetingId: string | number;
}>;


export type EndMeetingMutation = { endMeeting: { ok: boolean } };

export type UpdateMeetingSettingsMutationVariables = Exact<{
  meetingId: string | number;
  input: MeetingSettingsInput;
}>;


export type UpdateMeetingSettingsMutation = { updateMeetingSettings: { ok: boolean } };

export type SetCoHostMutationVariables = Exact<{
  meetingId: string | number;
  participantId: string | number;
  coHost: boolean;
}>;


export type SetCoHostMutation = { setCoHost: { ok: boolean } };

export type SetHostMutationVariables = Exact<{
  meetingId: string | number;
  participantId: string | number;
}>;


export type SetHostMutation = { setHost: { ok: boolean } };

export type RenameParticipantMutationVariables = Exact<{
  meetingId: string | number;
  participantId: string | number;
  name: string;
}>;


export type RenameParticipantMutation = { renameParticipant: { ok: boolean } };

export type MeetingsQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MeetingsQuery = { meetings: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, subject: string | null, state: MeetingState, startTime: string | null, endTime: string | null, viewerIsOwner: boolean | null, viewerRole: MeetingRole | null, owner: { name: string | null } } }> } };

export type MeetingQueryVariables = Exact<{
  id: string | number;
}>;


export type MeetingQuery = { meeting: { id: string, subject: string | null, state: MeetingState, startTime: string | null, viewerIsOwner: boolean | null, viewerRole: MeetingRole | null } | null };

export type CreateMeetingMutationVariables = Exact<{
  input: CreateMeetingInput;
}>;


export type CreateMeetingMutation = { createMeeting: { id: string, subject: string | null, state: MeetingState } };

export type StartMeetingMutationVariables = Exact<{
  id: string | number;
}>;


export type StartMeetingMutation = { startMeeting: { id: string, state: MeetingState } };

export type RoomEventsSubscriptionVariables = Exact<{
  meetingId: string | number;
  after?: string | null | undefined;
}>;


export type RoomEventsSubscription = { meetingEvents:
    | { __typename: 'InviteResultsUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, results: Array<{ callNumber: string | null, ok: boolean, reason: string | null }> }
    | { __typename: 'MeetingInfoUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, info: { subject: string | null, ownerName: string | null, subtitlesSupported: boolean | null } | null }
    | { __typename: 'MeetingStatusUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, status: { state: MeetingState | null, locked: boolean | null, muteAll: boolean | null, recording: boolean | null, subtitles: boolean | null, canUnmute: boolean | null, whoCanJoin: JoinRestriction | null, chat: ChatPermission | null, allowCamera: boolean | null, allowRename: boolean | null, lockSharing: boolean | null, localRecording: LocalRecordingMode | null, anyoneMayTakeOverSharing: boolean | null } }
    | { __typename: 'ParticipantsUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, participants: Array<{ id: string, participantId: string, isSelf: boolean, name: string | null, role: ParticipantRole, state: ParticipantState, muted: boolean, handUp: boolean, coHost: boolean, video: boolean | null }> }
    | { __typename: 'SpeakersUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, speakers: Array<{ participantId: string, name: string | null, volume: number }> }
    | { __typename: 'StreamStatusUpdate', state: LiveStreamState, detail: string | null, cursor: string | null, meetingId: string }
    | { __typename: 'SubtitlesUpdate', reason: LiveUpdateReason, enabled: boolean | null, cursor: string | null, meetingId: string, subtitle: { participantId: string | null, final: boolean, texts: Array<{ id: string | null, language: string | null, text: string }> } | null }
    | { __typename: 'WaitingListUpdate', reason: LiveUpdateReason, cursor: string | null, meetingId: string, waitingList: Array<{ participantId: string, name: string | null, state: WaitingRoomState }> }
   };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, name: string | null, account: string, thirdPartyId: string | null, isAdmin: boolean } };

export type MorePageInfoFragment = { hasNextPage: boolean, endCursor: string | null };

export const MorePageInfoFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MorePageInfo"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<MorePageInfoFragment, unknown>;
export const EnterpriseEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"EnterpriseEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterpriseEvents"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"attendee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<EnterpriseEventsSubscription, EnterpriseEventsSubscriptionVariables>;
export const UsersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Users"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"users"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MorePageInfo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"thirdPartyId"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MorePageInfo"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<UsersQuery, UsersQueryVariables>;
export const MuteParticipantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MuteParticipant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"muted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"muteParticipant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"muted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"muted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<MuteParticipantMutation, MuteParticipantMutationVariables>;
export const MuteAllDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MuteAll"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"muted"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"muteAll"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"muted"},"value":{"kind":"Variable","name":{"kind":"Name","value":"muted"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<MuteAllMutation, MuteAllMutationVariables>;
export const LockMeetingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LockMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"locked"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"locked"},"value":{"kind":"Variable","name":{"kind":"Name","value":"locked"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<LockMeetingMutation, LockMeetingMutationVariables>;
export const SetRecordingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetRecording"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"recording"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setRecording"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"recording"},"value":{"kind":"Variable","name":{"kind":"Name","value":"recording"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<SetRecordingMutation, SetRecordingMutationVariables>;
export const SetSubtitlesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetSubtitles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"on"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setSubtitles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"on"},"value":{"kind":"Variable","name":{"kind":"Name","value":"on"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<SetSubtitlesMutation, SetSubtitlesMutationVariables>;
export const AdmitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Admit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"all"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"admitFromWaitingRoom"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"all"},"value":{"kind":"Variable","name":{"kind":"Name","value":"all"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<AdmitMutation, AdmitMutationVariables>;
export const InviteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Invite"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"invitees"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LiveInviteeInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inviteParticipants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"invitees"},"value":{"kind":"Variable","name":{"kind":"Name","value":"invitees"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<InviteMutation, InviteMutationVariables>;
export const HangUpDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"HangUp"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hangUp"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<HangUpMutation, HangUpMutationVariables>;
export const LowerHandDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LowerHand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantIds"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lowerHand"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantIds"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantIds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<LowerHandMutation, LowerHandMutationVariables>;
export const EndMeetingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<EndMeetingMutation, EndMeetingMutationVariables>;
export const UpdateMeetingSettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMeetingSettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MeetingSettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMeetingSettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<UpdateMeetingSettingsMutation, UpdateMeetingSettingsMutationVariables>;
export const SetCoHostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetCoHost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"coHost"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setCoHost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"coHost"},"value":{"kind":"Variable","name":{"kind":"Name","value":"coHost"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<SetCoHostMutation, SetCoHostMutationVariables>;
export const SetHostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetHost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setHost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<SetHostMutation, SetHostMutationVariables>;
export const RenameParticipantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameParticipant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameParticipant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"participantId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"participantId"}}},{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ok"}}]}}]}}]} as unknown as DocumentNode<RenameParticipantMutation, RenameParticipantMutationVariables>;
export const MeetingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Meetings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meetings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MorePageInfo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"endTime"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsOwner"}},{"kind":"Field","name":{"kind":"Name","value":"viewerRole"}},{"kind":"Field","name":{"kind":"Name","value":"owner"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MorePageInfo"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PageInfo"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]} as unknown as DocumentNode<MeetingsQuery, MeetingsQueryVariables>;
export const MeetingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Meeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"viewerIsOwner"}},{"kind":"Field","name":{"kind":"Name","value":"viewerRole"}}]}}]}}]} as unknown as DocumentNode<MeetingQuery, MeetingQueryVariables>;
export const CreateMeetingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateMeetingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<CreateMeetingMutation, CreateMeetingMutationVariables>;
export const StartMeetingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartMeeting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startMeeting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}}]} as unknown as DocumentNode<StartMeetingMutation, StartMeetingMutationVariables>;
export const RoomEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"RoomEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meetingEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"meetingId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"meetingId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"meetingId"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ParticipantsUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"participants"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"isSelf"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"muted"}},{"kind":"Field","name":{"kind":"Name","value":"handUp"}},{"kind":"Field","name":{"kind":"Name","value":"coHost"}},{"kind":"Field","name":{"kind":"Name","value":"video"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"WaitingListUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"waitingList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeetingStatusUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"status"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"locked"}},{"kind":"Field","name":{"kind":"Name","value":"muteAll"}},{"kind":"Field","name":{"kind":"Name","value":"recording"}},{"kind":"Field","name":{"kind":"Name","value":"subtitles"}},{"kind":"Field","name":{"kind":"Name","value":"canUnmute"}},{"kind":"Field","name":{"kind":"Name","value":"whoCanJoin"}},{"kind":"Field","name":{"kind":"Name","value":"chat"}},{"kind":"Field","name":{"kind":"Name","value":"allowCamera"}},{"kind":"Field","name":{"kind":"Name","value":"allowRename"}},{"kind":"Field","name":{"kind":"Name","value":"lockSharing"}},{"kind":"Field","name":{"kind":"Name","value":"localRecording"}},{"kind":"Field","name":{"kind":"Name","value":"anyoneMayTakeOverSharing"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MeetingInfoUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"info"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"subject"}},{"kind":"Field","name":{"kind":"Name","value":"ownerName"}},{"kind":"Field","name":{"kind":"Name","value":"subtitlesSupported"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SpeakersUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"speakers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"volume"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SubtitlesUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"enabled"}},{"kind":"Field","name":{"kind":"Name","value":"subtitle"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"participantId"}},{"kind":"Field","name":{"kind":"Name","value":"final"}},{"kind":"Field","name":{"kind":"Name","value":"texts"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"text"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StreamStatusUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InviteResultsUpdate"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"callNumber"}},{"kind":"Field","name":{"kind":"Name","value":"ok"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]}}]} as unknown as DocumentNode<RoomEventsSubscription, RoomEventsSubscriptionVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"}},{"kind":"Field","name":{"kind":"Name","value":"thirdPartyId"}},{"kind":"Field","name":{"kind":"Name","value":"isAdmin"}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;