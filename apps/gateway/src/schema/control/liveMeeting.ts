import {
  type ConferenceInfo,
  type ControlCallOptions,
  onlineParticipantsFrom,
  type RealTimeAttendee,
} from '@hwmeeting/client';
import type { GatewayContext } from '../../context.js';
import { namingArguments } from '../../errors.js';
import { type MeetingNode, type MeetingState, meetingStateOf } from '../common/meeting.js';
import { type MeetingIdArgs, meetingIdArgument, meetingIdArguments } from '../common/meetingArgument.js';
import {
  type ParticipantIdentity,
  type ParticipantNode,
  participantFromOnline,
} from '../common/participant.js';

/**
 * Meeting control (control-and-push.md A.3-A.6): the `liveMeeting` query, and what every control mutation
 * answers. The mutations act upstream with a control token of the viewer's own identity. The client obtains
 * that token with the host password it reads from the meeting's details as that identity, so only the
 * meeting's owner or host (or an administrator) can control a meeting; anyone else gets FORBIDDEN.
 */
export const liveMeetingTypeDefs = /* GraphQL */ `
  "Someone invited into a meeting, online or not."
  type LiveInvitee {
    "Display name."
    name: String
    "SIP or phone number (what removeInvitees and renameInvitee take)."
    number: String
    "Meeting account, for enterprise users."
    account: String
    "Upstream user UUID, for enterprise users."
    userUUID: String
  }

  "The live state of a meeting: who is online, who hosts. Lists are empty unless the meeting is in progress."
  type LiveMeeting {
    "Opaque key for client caches (Apollo Client's default keyFields): today the meeting ID; do not parse it."
    id: ID!
    "Meeting ID."
    meetingId: ID!
    "Where the meeting is in its life."
    status: MeetingState!
    "The meeting's details, as the viewer may see them."
    meeting: Meeting!
    "Participants online (in the meeting, being called or joining); not those in the waiting room."
    participants: [Participant!]!
    "Number of participants online."
    participantCount: Int!
    "Participant ID of the host; null while nobody holds the role."
    hostId: ID
    "The host; null while nobody holds the role."
    host: Participant
    "Participant IDs of the co-hosts."
    coHostIds: [ID!]!
    "The co-hosts."
    coHosts: [Participant!]!
    "Everyone invited, online or not."
    invitees: [LiveInvitee!]!
  }

  "Outcome of a meeting-control mutation."
  type ControlResult {
    "The server accepted the operation (failures are errors, so this is always true)."
    ok: Boolean!
    "Meeting ID."
    meetingId: ID!
    "The live state after the operation, read only when selected (one more upstream call); null after endMeeting."
    liveMeeting: LiveMeeting
  }

  "Outcome of a meeting-control mutation on one participant."
  type ParticipantControlResult {
    "The server accepted the operation (failures are errors, so this is always true)."
    ok: Boolean!
    "Meeting ID."
    meetingId: ID!
    "Participant ID the operation acted on."
    participantId: ID!
    "The participant after the operation; null once no longer online. Read only when selected."
    participant: Participant
    "The live state after the operation; read only when selected (one more upstream call)."
    liveMeeting: LiveMeeting
  }

  extend type Query {
    "The live state of a meeting (REST real-time info): status, online participants, host, co-hosts, invitees. Needs host rights while the meeting is in progress."
    liveMeeting(${meetingIdArguments()}): LiveMeeting!
  }
`;

/** The live state of one meeting, as the `LiveMeeting` type resolves it. */
export interface LiveMeetingNode {
  meetingId: string;
  status: MeetingState;
  info: ConferenceInfo;
  participants: ParticipantNode[];
  hostId: string | undefined;
  coHostIds: string[];
  invitees: RealTimeAttendee[];
}

/** What a control mutation answers: the target and, on demand, the live state after it. */
export interface ControlResultNode {
  ok: true;
  meetingId: string;
  participantId: string | undefined;
  /** The live state after the operation; null once the meeting has ended (its details may be gone). */
  live: () => Promise<LiveMeetingNode | null>;
}

/**
 * Runs an upstream control call; a meeting not in progress is MEETING_NOT_IN_PROGRESS naming meetingId (the
 * codes are in the one table of errors.ts).
 */
export function upstream<T>(call: () => Promise<T>): Promise<T> {
  return namingArguments({ meeting: 'meetingId' }, call);
}

/**
 * Who each participant is, read from the meeting's pushed state on first use (once per live state): REST
 * real-time info does not say (A.8: only the push carries `ACCOUNT_ID`, `ACCOUNT`, `THIRDACCOUNT`). Undefined
 * for a participant the push has not listed (yet), or when the pushed state is not available.
 */
function pushedIdentities(
  meetingId: string,
  context: GatewayContext,
): (participantId: string) => Promise<ParticipantIdentity | undefined> {
  let pushed: Promise<Map<string, ParticipantIdentity>> | undefined;
  return (participantId) => {
    pushed ??= context.live
      .pushedSnapshot(meetingId)
      .then((snapshot) => new Map(snapshot?.participants.map((p) => [p.participantId, p]) ?? []));
    return pushed.then((byPid) => byPid.get(participantId));
  };
}

/** The live state of a meeting as the viewer's identity sees it. */
async function liveMeetingOf(meetingId: string, context: GatewayContext): Promise<LiveMeetingNode> {
  const info = await context.loaders.meeting.load(meetingId);
  const status = meetingStateOf(info.conferenceState);
  if (status !== 'IN_PROGRESS') {
    return { meetingId, status, info, participants: [], hostId: undefined, coHostIds: [], invitees: [] };
  }
  const realTime = await upstream(() => context.client.control.realTimeInfo(meetingId, context.identity));
  const identity = pushedIdentities(meetingId, context);
  const participants = onlineParticipantsFrom(realTime).map((p) =>
    participantFromOnline(p, meetingId, identity),
  );
  return {
    meetingId,
    status,
    info,
    participants,
    hostId: realTime.confInfo.chairID,
    coHostIds: participants.filter((p) => p.coHost).map((p) => p.participantId),
    invitees: realTime.attendees,
  };
}

/**
 * Runs a control operation as the viewer and answers its result. The meeting's cached details are dropped
 * after it, so a `liveMeeting` selected on the result reads the state after the change.
 */
export async function control(
  context: GatewayContext,
  meetingId: string,
  operation: (options: ControlCallOptions) => Promise<unknown>,
  participantId?: string,
): Promise<ControlResultNode> {
  await upstream(() => operation(context.identity));
  context.loaders.meeting.clear(meetingId);
  let live: Promise<LiveMeetingNode | null> | undefined;
  return {
    ok: true,
    meetingId,
    participantId,
    live: () => {
      live ??= liveMeetingOf(meetingId, context);
      return live;
    },
  };
}
/** Resolvers of `liveMeeting` and of the control results. */
export const liveMeetingResolvers = {
  Query: {
    liveMeeting(_: unknown, args: MeetingIdArgs, context: GatewayContext) {
      return liveMeetingOf(meetingIdArgument(args), context);
    },
  },
  LiveMeeting: {
    id: (m: LiveMeetingNode) => m.meetingId,
    meeting: (m: LiveMeetingNode): MeetingNode => ({ info: m.info }),
    participantCount: (m: LiveMeetingNode) => m.participants.length,
    host: (m: LiveMeetingNode) => m.participants.find((p) => p.participantId === m.hostId) ?? null,
    coHosts: (m: LiveMeetingNode) => m.participants.filter((p) => p.coHost),
    invitees: (m: LiveMeetingNode) =>
      m.invitees.map((a) => ({ name: a.name, number: a.phone, account: a.accountID, userUUID: a.userUUID })),
  },
  ControlResult: {
    liveMeeting: (r: ControlResultNode) => r.live(),
  },
  ParticipantControlResult: {
    liveMeeting: (r: ControlResultNode) => r.live(),
    async participant(r: ControlResultNode) {
      const live = await r.live();
      return live?.participants.find((p) => p.participantId === r.participantId) ?? null;
    },
  },
};
