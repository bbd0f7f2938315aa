import type { OnlineParticipant } from '@hwmeeting/client';
import type { ParticipantState, ParticipantView } from '@hwmeeting/events';
import { wireEnum } from './enums.js';

/**
 * The online participant as front ends see it, shared by `liveMeeting` (REST real-time info) and the
 * subscriptions (pushed `ParticipantsNotify`). Register these type definitions once (schema/common/index.ts does).
 */
export const participantTypeDefs = /* GraphQL */ `
  "A participant's role in a meeting in progress."
  enum ParticipantRole {
    "Holds the host (chair) role."
    HOST
    "An ordinary participant."
    GUEST
    "Webinar audience."
    AUDIENCE
  }

  "Where a participant is on the way into the meeting."
  enum ParticipantState {
    "In the meeting."
    IN_MEETING
    "Being called (invited, not answered yet)."
    CALLING
    "Answered, joining."
    JOINING
  }

  "Someone online in a meeting in progress; the same person on two devices is two participants."
  type Participant {
    "Participant ID (pid); what the meeting-control mutations take."
    participantId: ID!
    "Display name."
    name: String
    "SIP or phone number."
    number: String
    "Role in the meeting."
    role: ParticipantRole!
    "Is a co-host (co-hosts have most host rights)."
    coHost: Boolean!
    "Where the participant is on the way in."
    state: ParticipantState!
    "Microphone muted."
    muted: Boolean!
    "Hand raised."
    handUp: Boolean!
    "Joined with video; null when the server does not say."
    video: Boolean
  }
`;

/**
 * A participant as the `Participant` type resolves it: the fields of the pushed `ParticipantView` (so a view
 * from `@hwmeeting/events` can be returned as it is), with role and state named as the view names them.
 */
export type ParticipantNode = Pick<
  ParticipantView,
  'participantId' | 'name' | 'number' | 'role' | 'coHost' | 'state' | 'muted' | 'handUp' | 'video'
>;

// REST real-time info numbers the state (A.6); an unpublished value reads as "in the meeting", as the push
// view reads an unknown STATE.
const STATE_OF_NUMBER: Readonly<Record<number, ParticipantState>> = {
  0: 'inMeeting',
  1: 'calling',
  2: 'joining',
};

/** A REST online participant (client `OnlineParticipant`, A.6 + A.8) as a {@link ParticipantNode}. */
export function participantFromOnline(participant: OnlineParticipant): ParticipantNode {
  return {
    participantId: participant.participantId,
    name: participant.name,
    number: participant.number,
    role: participant.role,
    coHost: participant.coHost,
    state: STATE_OF_NUMBER[participant.state] ?? 'inMeeting',
    muted: participant.muted,
    handUp: participant.handUp,
    video: participant.video,
  };
}

/** `ParticipantRole`: the role as the participant view names it. */
const participantRole = wireEnum({
  HOST: 'host',
  GUEST: 'guest',
  AUDIENCE: 'audience',
} satisfies Record<string, ParticipantNode['role']>);
/** `ParticipantState`: the state as the participant view names it. */
const participantState = wireEnum({
  IN_MEETING: 'inMeeting',
  CALLING: 'calling',
  JOINING: 'joining',
} satisfies Record<string, ParticipantState>);

/** Enum values: the GraphQL names map to the names the views use, so nodes need no field resolvers. */
export const participantResolvers = {
  ParticipantRole: participantRole.values,
  ParticipantState: participantState.values,
};
