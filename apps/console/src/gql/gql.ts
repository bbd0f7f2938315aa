/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  subscription EnterpriseEvents {\n    enterpriseEvents {\n      type\n      name\n      occurredAt\n      meeting {\n        id\n      }\n      attendee {\n        name\n      }\n    }\n  }\n": typeof types.EnterpriseEventsDocument,
    "\n  query Users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          account\n          thirdPartyId\n          email\n          role\n          status\n          department {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation MuteParticipant($meetingId: ID!, $participantId: ID!, $muted: Boolean!) {\n    muteParticipant(meetingId: $meetingId, participantId: $participantId, muted: $muted) {\n      ok\n    }\n  }\n": typeof types.MuteParticipantDocument,
    "\n  mutation MuteAll($meetingId: ID!, $muted: Boolean!) {\n    muteAll(meetingId: $meetingId, muted: $muted) {\n      ok\n    }\n  }\n": typeof types.MuteAllDocument,
    "\n  mutation LockMeeting($meetingId: ID!, $locked: Boolean!) {\n    lockMeeting(meetingId: $meetingId, locked: $locked) {\n      ok\n    }\n  }\n": typeof types.LockMeetingDocument,
    "\n  mutation SetRecording($meetingId: ID!, $recording: Boolean!) {\n    setRecording(meetingId: $meetingId, recording: $recording) {\n      ok\n    }\n  }\n": typeof types.SetRecordingDocument,
    "\n  mutation SetSubtitles($meetingId: ID!, $on: Boolean!) {\n    setSubtitles(meetingId: $meetingId, on: $on) {\n      ok\n    }\n  }\n": typeof types.SetSubtitlesDocument,
    "\n  mutation Admit($meetingId: ID!, $participantId: ID, $all: Boolean) {\n    admitFromWaitingRoom(meetingId: $meetingId, participantId: $participantId, all: $all) {\n      ok\n    }\n  }\n": typeof types.AdmitDocument,
    "\n  mutation Invite($meetingId: ID!, $invitees: [LiveInviteeInput!]!) {\n    inviteParticipants(meetingId: $meetingId, invitees: $invitees) {\n      ok\n    }\n  }\n": typeof types.InviteDocument,
    "\n  mutation HangUp($meetingId: ID!, $participantIds: [ID!]!) {\n    hangUp(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n": typeof types.HangUpDocument,
    "\n  mutation LowerHand($meetingId: ID!, $participantIds: [ID!]!) {\n    lowerHand(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n": typeof types.LowerHandDocument,
    "\n  mutation EndMeeting($meetingId: ID!) {\n    endMeeting(meetingId: $meetingId) {\n      ok\n    }\n  }\n": typeof types.EndMeetingDocument,
    "\n  mutation UpdateMeetingSettings($meetingId: ID!, $input: MeetingSettingsInput!) {\n    updateMeetingSettings(meetingId: $meetingId, input: $input) {\n      ok\n    }\n  }\n": typeof types.UpdateMeetingSettingsDocument,
    "\n  mutation SetCoHost($meetingId: ID!, $participantId: ID!, $coHost: Boolean!) {\n    setCoHost(meetingId: $meetingId, participantId: $participantId, coHost: $coHost) {\n      ok\n    }\n  }\n": typeof types.SetCoHostDocument,
    "\n  mutation SetHost($meetingId: ID!, $participantId: ID!) {\n    setHost(meetingId: $meetingId, participantId: $participantId) {\n      ok\n    }\n  }\n": typeof types.SetHostDocument,
    "\n  mutation RenameParticipant($meetingId: ID!, $participantId: ID!, $name: String!) {\n    renameParticipant(meetingId: $meetingId, participantId: $participantId, name: $name) {\n      ok\n    }\n  }\n": typeof types.RenameParticipantDocument,
    "\n  query Meetings($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          subject\n          state\n          startTime\n          endTime\n          viewerIsOwner\n          viewerRole\n          owner {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.MeetingsDocument,
    "\n  query Meeting($id: ID!) {\n    meeting(meetingId: $id) {\n      id\n      subject\n      state\n      startTime\n      viewerIsOwner\n      viewerRole\n    }\n  }\n": typeof types.MeetingDocument,
    "\n  mutation CreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      id\n      subject\n      state\n    }\n  }\n": typeof types.CreateMeetingDocument,
    "\n  mutation StartMeeting($id: ID!) {\n    startMeeting(meetingId: $id) {\n      id\n      state\n    }\n  }\n": typeof types.StartMeetingDocument,
    "\n  subscription RoomEvents($meetingId: ID!, $after: String) {\n    meetingEvents(meetingId: $meetingId, after: $after) {\n      __typename\n      cursor\n      meetingId\n      ... on ParticipantsUpdate {\n        reason\n        participants {\n          id\n          participantId\n          isSelf\n          name\n          role\n          state\n          muted\n          handUp\n          coHost\n          video\n        }\n      }\n      ... on WaitingListUpdate {\n        reason\n        waitingList {\n          participantId\n          name\n          state\n        }\n      }\n      ... on MeetingStatusUpdate {\n        reason\n        status {\n          state\n          locked\n          muteAll\n          recording\n          subtitles\n          canUnmute\n          whoCanJoin\n          chat\n          allowCamera\n          allowRename\n          lockSharing\n          localRecording\n          anyoneMayTakeOverSharing\n        }\n      }\n      ... on MeetingInfoUpdate {\n        reason\n        info {\n          subject\n          ownerName\n          subtitlesSupported\n        }\n      }\n      ... on SpeakersUpdate {\n        reason\n        speakers {\n          participantId\n          name\n          volume\n        }\n      }\n      ... on SubtitlesUpdate {\n        reason\n        enabled\n        subtitle {\n          participantId\n          final\n          texts {\n            id\n            language\n            text\n          }\n        }\n      }\n      ... on StreamStatusUpdate {\n        state\n        detail\n      }\n      ... on InviteResultsUpdate {\n        reason\n        results {\n          callNumber\n          ok\n          reason\n        }\n      }\n    }\n  }\n": typeof types.RoomEventsDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      account\n      thirdPartyId\n      isAdmin\n    }\n  }\n": typeof types.MeDocument,
    "\n  fragment MorePageInfo on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": typeof types.MorePageInfoFragmentDoc,
};
const documents: Documents = {
    "\n  subscription EnterpriseEvents {\n    enterpriseEvents {\n      type\n      name\n      occurredAt\n      meeting {\n        id\n      }\n      attendee {\n        name\n      }\n    }\n  }\n": types.EnterpriseEventsDocument,
    "\n  query Users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          account\n          thirdPartyId\n          email\n          role\n          status\n          department {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation MuteParticipant($meetingId: ID!, $participantId: ID!, $muted: Boolean!) {\n    muteParticipant(meetingId: $meetingId, participantId: $participantId, muted: $muted) {\n      ok\n    }\n  }\n": types.MuteParticipantDocument,
    "\n  mutation MuteAll($meetingId: ID!, $muted: Boolean!) {\n    muteAll(meetingId: $meetingId, muted: $muted) {\n      ok\n    }\n  }\n": types.MuteAllDocument,
    "\n  mutation LockMeeting($meetingId: ID!, $locked: Boolean!) {\n    lockMeeting(meetingId: $meetingId, locked: $locked) {\n      ok\n    }\n  }\n": types.LockMeetingDocument,
    "\n  mutation SetRecording($meetingId: ID!, $recording: Boolean!) {\n    setRecording(meetingId: $meetingId, recording: $recording) {\n      ok\n    }\n  }\n": types.SetRecordingDocument,
    "\n  mutation SetSubtitles($meetingId: ID!, $on: Boolean!) {\n    setSubtitles(meetingId: $meetingId, on: $on) {\n      ok\n    }\n  }\n": types.SetSubtitlesDocument,
    "\n  mutation Admit($meetingId: ID!, $participantId: ID, $all: Boolean) {\n    admitFromWaitingRoom(meetingId: $meetingId, participantId: $participantId, all: $all) {\n      ok\n    }\n  }\n": types.AdmitDocument,
    "\n  mutation Invite($meetingId: ID!, $invitees: [LiveInviteeInput!]!) {\n    inviteParticipants(meetingId: $meetingId, invitees: $invitees) {\n      ok\n    }\n  }\n": types.InviteDocument,
    "\n  mutation HangUp($meetingId: ID!, $participantIds: [ID!]!) {\n    hangUp(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n": types.HangUpDocument,
    "\n  mutation LowerHand($meetingId: ID!, $participantIds: [ID!]!) {\n    lowerHand(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n": types.LowerHandDocument,
    "\n  mutation EndMeeting($meetingId: ID!) {\n    endMeeting(meetingId: $meetingId) {\n      ok\n    }\n  }\n": types.EndMeetingDocument,
    "\n  mutation UpdateMeetingSettings($meetingId: ID!, $input: MeetingSettingsInput!) {\n    updateMeetingSettings(meetingId: $meetingId, input: $input) {\n      ok\n    }\n  }\n": types.UpdateMeetingSettingsDocument,
    "\n  mutation SetCoHost($meetingId: ID!, $participantId: ID!, $coHost: Boolean!) {\n    setCoHost(meetingId: $meetingId, participantId: $participantId, coHost: $coHost) {\n      ok\n    }\n  }\n": types.SetCoHostDocument,
    "\n  mutation SetHost($meetingId: ID!, $participantId: ID!) {\n    setHost(meetingId: $meetingId, participantId: $participantId) {\n      ok\n    }\n  }\n": types.SetHostDocument,
    "\n  mutation RenameParticipant($meetingId: ID!, $participantId: ID!, $name: String!) {\n    renameParticipant(meetingId: $meetingId, participantId: $participantId, name: $name) {\n      ok\n    }\n  }\n": types.RenameParticipantDocument,
    "\n  query Meetings($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          subject\n          state\n          startTime\n          endTime\n          viewerIsOwner\n          viewerRole\n          owner {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.MeetingsDocument,
    "\n  query Meeting($id: ID!) {\n    meeting(meetingId: $id) {\n      id\n      subject\n      state\n      startTime\n      viewerIsOwner\n      viewerRole\n    }\n  }\n": types.MeetingDocument,
    "\n  mutation CreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      id\n      subject\n      state\n    }\n  }\n": types.CreateMeetingDocument,
    "\n  mutation StartMeeting($id: ID!) {\n    startMeeting(meetingId: $id) {\n      id\n      state\n    }\n  }\n": types.StartMeetingDocument,
    "\n  subscription RoomEvents($meetingId: ID!, $after: String) {\n    meetingEvents(meetingId: $meetingId, after: $after) {\n      __typename\n      cursor\n      meetingId\n      ... on ParticipantsUpdate {\n        reason\n        participants {\n          id\n          participantId\n          isSelf\n          name\n          role\n          state\n          muted\n          handUp\n          coHost\n          video\n        }\n      }\n      ... on WaitingListUpdate {\n        reason\n        waitingList {\n          participantId\n          name\n          state\n        }\n      }\n      ... on MeetingStatusUpdate {\n        reason\n        status {\n          state\n          locked\n          muteAll\n          recording\n          subtitles\n          canUnmute\n          whoCanJoin\n          chat\n          allowCamera\n          allowRename\n          lockSharing\n          localRecording\n          anyoneMayTakeOverSharing\n        }\n      }\n      ... on MeetingInfoUpdate {\n        reason\n        info {\n          subject\n          ownerName\n          subtitlesSupported\n        }\n      }\n      ... on SpeakersUpdate {\n        reason\n        speakers {\n          participantId\n          name\n          volume\n        }\n      }\n      ... on SubtitlesUpdate {\n        reason\n        enabled\n        subtitle {\n          participantId\n          final\n          texts {\n            id\n            language\n            text\n          }\n        }\n      }\n      ... on StreamStatusUpdate {\n        state\n        detail\n      }\n      ... on InviteResultsUpdate {\n        reason\n        results {\n          callNumber\n          ok\n          reason\n        }\n      }\n    }\n  }\n": types.RoomEventsDocument,
    "\n  query Me {\n    me {\n      id\n      name\n      account\n      thirdPartyId\n      isAdmin\n    }\n  }\n": types.MeDocument,
    "\n  fragment MorePageInfo on PageInfo {\n    hasNextPage\n    endCursor\n  }\n": types.MorePageInfoFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription EnterpriseEvents {\n    enterpriseEvents {\n      type\n      name\n      occurredAt\n      meeting {\n        id\n      }\n      attendee {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription EnterpriseEvents {\n    enterpriseEvents {\n      type\n      name\n      occurredAt\n      meeting {\n        id\n      }\n      attendee {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          account\n          thirdPartyId\n          email\n          role\n          status\n          department {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Users($first: Int!, $after: String, $search: String) {\n    users(first: $first, after: $after, search: $search) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          name\n          account\n          thirdPartyId\n          email\n          role\n          status\n          department {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MuteParticipant($meetingId: ID!, $participantId: ID!, $muted: Boolean!) {\n    muteParticipant(meetingId: $meetingId, participantId: $participantId, muted: $muted) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation MuteParticipant($meetingId: ID!, $participantId: ID!, $muted: Boolean!) {\n    muteParticipant(meetingId: $meetingId, participantId: $participantId, muted: $muted) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MuteAll($meetingId: ID!, $muted: Boolean!) {\n    muteAll(meetingId: $meetingId, muted: $muted) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation MuteAll($meetingId: ID!, $muted: Boolean!) {\n    muteAll(meetingId: $meetingId, muted: $muted) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LockMeeting($meetingId: ID!, $locked: Boolean!) {\n    lockMeeting(meetingId: $meetingId, locked: $locked) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation LockMeeting($meetingId: ID!, $locked: Boolean!) {\n    lockMeeting(meetingId: $meetingId, locked: $locked) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetRecording($meetingId: ID!, $recording: Boolean!) {\n    setRecording(meetingId: $meetingId, recording: $recording) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SetRecording($meetingId: ID!, $recording: Boolean!) {\n    setRecording(meetingId: $meetingId, recording: $recording) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetSubtitles($meetingId: ID!, $on: Boolean!) {\n    setSubtitles(meetingId: $meetingId, on: $on) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SetSubtitles($meetingId: ID!, $on: Boolean!) {\n    setSubtitles(meetingId: $meetingId, on: $on) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Admit($meetingId: ID!, $participantId: ID, $all: Boolean) {\n    admitFromWaitingRoom(meetingId: $meetingId, participantId: $participantId, all: $all) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Admit($meetingId: ID!, $participantId: ID, $all: Boolean) {\n    admitFromWaitingRoom(meetingId: $meetingId, participantId: $participantId, all: $all) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Invite($meetingId: ID!, $invitees: [LiveInviteeInput!]!) {\n    inviteParticipants(meetingId: $meetingId, invitees: $invitees) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Invite($meetingId: ID!, $invitees: [LiveInviteeInput!]!) {\n    inviteParticipants(meetingId: $meetingId, invitees: $invitees) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HangUp($meetingId: ID!, $participantIds: [ID!]!) {\n    hangUp(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation HangUp($meetingId: ID!, $participantIds: [ID!]!) {\n    hangUp(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LowerHand($meetingId: ID!, $participantIds: [ID!]!) {\n    lowerHand(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation LowerHand($meetingId: ID!, $participantIds: [ID!]!) {\n    lowerHand(meetingId: $meetingId, participantIds: $participantIds) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndMeeting($meetingId: ID!) {\n    endMeeting(meetingId: $meetingId) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation EndMeeting($meetingId: ID!) {\n    endMeeting(meetingId: $meetingId) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMeetingSettings($meetingId: ID!, $input: MeetingSettingsInput!) {\n    updateMeetingSettings(meetingId: $meetingId, input: $input) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateMeetingSettings($meetingId: ID!, $input: MeetingSettingsInput!) {\n    updateMeetingSettings(meetingId: $meetingId, input: $input) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCoHost($meetingId: ID!, $participantId: ID!, $coHost: Boolean!) {\n    setCoHost(meetingId: $meetingId, participantId: $participantId, coHost: $coHost) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SetCoHost($meetingId: ID!, $participantId: ID!, $coHost: Boolean!) {\n    setCoHost(meetingId: $meetingId, participantId: $participantId, coHost: $coHost) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetHost($meetingId: ID!, $participantId: ID!) {\n    setHost(meetingId: $meetingId, participantId: $participantId) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SetHost($meetingId: ID!, $participantId: ID!) {\n    setHost(meetingId: $meetingId, participantId: $participantId) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameParticipant($meetingId: ID!, $participantId: ID!, $name: String!) {\n    renameParticipant(meetingId: $meetingId, participantId: $participantId, name: $name) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation RenameParticipant($meetingId: ID!, $participantId: ID!, $name: String!) {\n    renameParticipant(meetingId: $meetingId, participantId: $participantId, name: $name) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Meetings($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          subject\n          state\n          startTime\n          endTime\n          viewerIsOwner\n          viewerRole\n          owner {\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Meetings($first: Int!, $after: String) {\n    meetings(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        ...MorePageInfo\n      }\n      edges {\n        cursor\n        node {\n          id\n          subject\n          state\n          startTime\n          endTime\n          viewerIsOwner\n          viewerRole\n          owner {\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Meeting($id: ID!) {\n    meeting(meetingId: $id) {\n      id\n      subject\n      state\n      startTime\n      viewerIsOwner\n      viewerRole\n    }\n  }\n"): (typeof documents)["\n  query Meeting($id: ID!) {\n    meeting(meetingId: $id) {\n      id\n      subject\n      state\n      startTime\n      viewerIsOwner\n      viewerRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      id\n      subject\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMeeting($input: CreateMeetingInput!) {\n    createMeeting(input: $input) {\n      id\n      subject\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartMeeting($id: ID!) {\n    startMeeting(meetingId: $id) {\n      id\n      state\n    }\n  }\n"): (typeof documents)["\n  mutation StartMeeting($id: ID!) {\n    startMeeting(meetingId: $id) {\n      id\n      state\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RoomEvents($meetingId: ID!, $after: String) {\n    meetingEvents(meetingId: $meetingId, after: $after) {\n      __typename\n      cursor\n      meetingId\n      ... on ParticipantsUpdate {\n        reason\n        participants {\n          id\n          participantId\n          isSelf\n          name\n          role\n          state\n          muted\n          handUp\n          coHost\n          video\n        }\n      }\n      ... on WaitingListUpdate {\n        reason\n        waitingList {\n          participantId\n          name\n          state\n        }\n      }\n      ... on MeetingStatusUpdate {\n        reason\n        status {\n          state\n          locked\n          muteAll\n          recording\n          subtitles\n          canUnmute\n          whoCanJoin\n          chat\n          allowCamera\n          allowRename\n          lockSharing\n          localRecording\n          anyoneMayTakeOverSharing\n        }\n      }\n      ... on MeetingInfoUpdate {\n        reason\n        info {\n          subject\n          ownerName\n          subtitlesSupported\n        }\n      }\n      ... on SpeakersUpdate {\n        reason\n        speakers {\n          participantId\n          name\n          volume\n        }\n      }\n      ... on SubtitlesUpdate {\n        reason\n        enabled\n        subtitle {\n          participantId\n          final\n          texts {\n            id\n            language\n            text\n          }\n        }\n      }\n      ... on StreamStatusUpdate {\n        state\n        detail\n      }\n      ... on InviteResultsUpdate {\n        reason\n        results {\n          callNumber\n          ok\n          reason\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription RoomEvents($meetingId: ID!, $after: String) {\n    meetingEvents(meetingId: $meetingId, after: $after) {\n      __typename\n      cursor\n      meetingId\n      ... on ParticipantsUpdate {\n        reason\n        participants {\n          id\n          participantId\n          isSelf\n          name\n          role\n          state\n          muted\n          handUp\n          coHost\n          video\n        }\n      }\n      ... on WaitingListUpdate {\n        reason\n        waitingList {\n          participantId\n          name\n          state\n        }\n      }\n      ... on MeetingStatusUpdate {\n        reason\n        status {\n          state\n          locked\n          muteAll\n          recording\n          subtitles\n          canUnmute\n          whoCanJoin\n          chat\n          allowCamera\n          allowRename\n          lockSharing\n          localRecording\n          anyoneMayTakeOverSharing\n        }\n      }\n      ... on MeetingInfoUpdate {\n        reason\n        info {\n          subject\n          ownerName\n          subtitlesSupported\n        }\n      }\n      ... on SpeakersUpdate {\n        reason\n        speakers {\n          participantId\n          name\n          volume\n        }\n      }\n      ... on SubtitlesUpdate {\n        reason\n        enabled\n        subtitle {\n          participantId\n          final\n          texts {\n            id\n            language\n            text\n          }\n        }\n      }\n      ... on StreamStatusUpdate {\n        state\n        detail\n      }\n      ... on InviteResultsUpdate {\n        reason\n        results {\n          callNumber\n          ok\n          reason\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      name\n      account\n      thirdPartyId\n      isAdmin\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      name\n      account\n      thirdPartyId\n      isAdmin\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MorePageInfo on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"): (typeof documents)["\n  fragment MorePageInfo on PageInfo {\n    hasNextPage\n    endCursor\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;