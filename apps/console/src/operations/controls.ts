import { graphql } from '../gql';

// The controls ask for `ok` only: what changed reaches the room through its subscription, like everyone else's.

/** Mutes or unmutes one participant. */
export const MuteParticipantDocument = graphql(`
  mutation MuteParticipant($meetingId: ID!, $participantId: ID!, $muted: Boolean!) {
    muteParticipant(meetingId: $meetingId, participantId: $participantId, muted: $muted) {
      ok
    }
  }
`);

/** Mutes or unmutes everyone but the host. */
export const MuteAllDocument = graphql(`
  mutation MuteAll($meetingId: ID!, $muted: Boolean!) {
    muteAll(meetingId: $meetingId, muted: $muted) {
      ok
    }
  }
`);

/** Locks or unlocks the meeting. */
export const LockMeetingDocument = graphql(`
  mutation LockMeeting($meetingId: ID!, $locked: Boolean!) {
    lockMeeting(meetingId: $meetingId, locked: $locked) {
      ok
    }
  }
`);

/** Starts or stops cloud recording. */
export const SetRecordingDocument = graphql(`
  mutation SetRecording($meetingId: ID!, $recording: Boolean!) {
    setRecording(meetingId: $meetingId, recording: $recording) {
      ok
    }
  }
`);

/** Switches live captions on or off. */
export const SetSubtitlesDocument = graphql(`
  mutation SetSubtitles($meetingId: ID!, $on: Boolean!) {
    setSubtitles(meetingId: $meetingId, on: $on) {
      ok
    }
  }
`);

/** Lets someone in from the waiting room (everyone with `all`). */
export const AdmitDocument = graphql(`
  mutation Admit($meetingId: ID!, $participantId: ID, $all: Boolean) {
    admitFromWaitingRoom(meetingId: $meetingId, participantId: $participantId, all: $all) {
      ok
    }
  }
`);

/** Calls someone into the meeting. */
export const InviteDocument = graphql(`
  mutation Invite($meetingId: ID!, $invitees: [LiveInviteeInput!]!) {
    inviteParticipants(meetingId: $meetingId, invitees: $invitees) {
      ok
    }
  }
`);

/** Hangs up participants. */
export const HangUpDocument = graphql(`
  mutation HangUp($meetingId: ID!, $participantIds: [ID!]!) {
    hangUp(meetingId: $meetingId, participantIds: $participantIds) {
      ok
    }
  }
`);

/** Lowers a raised hand. */
export const LowerHandDocument = graphql(`
  mutation LowerHand($meetingId: ID!, $participantIds: [ID!]!) {
    lowerHand(meetingId: $meetingId, participantIds: $participantIds) {
      ok
    }
  }
`);

/** Ends the meeting for everyone. */
export const EndMeetingDocument = graphql(`
  mutation EndMeeting($meetingId: ID!) {
    endMeeting(meetingId: $meetingId) {
      ok
    }
  }
`);

/** Changes in-meeting settings (absent fields keep their value). */
export const UpdateMeetingSettingsDocument = graphql(`
  mutation UpdateMeetingSettings($meetingId: ID!, $input: MeetingSettingsInput!) {
    updateMeetingSettings(meetingId: $meetingId, input: $input) {
      ok
    }
  }
`);

/** Makes a participant co-host, or revokes it. */
export const SetCoHostDocument = graphql(`
  mutation SetCoHost($meetingId: ID!, $participantId: ID!, $coHost: Boolean!) {
    setCoHost(meetingId: $meetingId, participantId: $participantId, coHost: $coHost) {
      ok
    }
  }
`);

/** Hands the host role over to a participant. */
export const SetHostDocument = graphql(`
  mutation SetHost($meetingId: ID!, $participantId: ID!) {
    setHost(meetingId: $meetingId, participantId: $participantId) {
      ok
    }
  }
`);

/** Renames an online participant. */
export const RenameParticipantDocument = graphql(`
  mutation RenameParticipant($meetingId: ID!, $participantId: ID!, $name: String!) {
    renameParticipant(meetingId: $meetingId, participantId: $participantId, name: $name) {
      ok
    }
  }
`);
