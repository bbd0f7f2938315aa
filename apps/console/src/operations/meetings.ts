import { graphql } from '../gql';

/** A page of scheduled and ongoing meetings. */
export const MeetingsDocument = graphql(`
  query Meetings($first: Int!, $after: String) {
    meetings(first: $first, after: $after) {
      totalCount
      pageInfo {
        ...MorePageInfo
      }
      edges {
        cursor
        node {
          id
          subject
          state
          startTime
          endTime
          viewerIsOwner
          viewerRole
          owner {
            name
          }
        }
      }
    }
  }
`);

/** The meeting a room is about. */
export const MeetingDocument = graphql(`
  query Meeting($id: ID!) {
    meeting(meetingId: $id) {
      id
      subject
      state
      startTime
      viewerIsOwner
      viewerRole
    }
  }
`);

/** Schedules a meeting (or starts one at once without a start time). */
export const CreateMeetingDocument = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      id
      subject
      state
    }
  }
`);

/** Starts a scheduled meeting now. */
export const StartMeetingDocument = graphql(`
  mutation StartMeeting($id: ID!) {
    startMeeting(meetingId: $id) {
      id
      state
    }
  }
`);
