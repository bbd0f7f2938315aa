import { graphql } from '../gql';

/**
 * Everything a meeting's live feed sends, in one stream: the whole state first, then each change. `after` resumes
 * after an earlier update's cursor.
 */
export const RoomEventsDocument = graphql(`
  subscription RoomEvents($meetingId: ID!, $after: String) {
    meetingEvents(meetingId: $meetingId, after: $after) {
      __typename
      cursor
      meetingId
      ... on ParticipantsUpdate {
        reason
        participants {
          id
          participantId
          isSelf
          name
          role
          state
          muted
          handUp
          coHost
          video
        }
      }
      ... on WaitingListUpdate {
        reason
        waitingList {
          participantId
          name
          state
        }
      }
      ... on MeetingStatusUpdate {
        reason
        status {
          state
          locked
          muteAll
          recording
          subtitles
          canUnmute
          whoCanJoin
          chat
          allowCamera
          allowRename
          lockSharing
          localRecording
          anyoneMayTakeOverSharing
        }
      }
      ... on MeetingInfoUpdate {
        reason
        info {
          subject
          ownerName
          subtitlesSupported
        }
      }
      ... on SpeakersUpdate {
        reason
        speakers {
          participantId
          name
          volume
        }
      }
      ... on SubtitlesUpdate {
        reason
        enabled
        subtitle {
          participantId
          final
          texts {
            id
            language
            text
          }
        }
      }
      ... on StreamStatusUpdate {
        state
        detail
      }
      ... on InviteResultsUpdate {
        reason
        results {
          callNumber
          ok
          reason
        }
      }
    }
  }
`);
