import {
  type ConferenceInfo,
  type ControlCallOptions,
  type InMeetingSettings,
  type InviteAttendee,
  MeetingApiError,
  onlineParticipantsFrom,
  type RealTimeAttendee,
} from '@hwmeeting/client';
import { inviteAttendeeTypeSchema, lineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../errors.js';
import { type MeetingNode, type MeetingState, meetingIdSchema, meetingStateOf } from './meetings.js';
import { type ParticipantNode, participantFromOnline } from './participants.js';

/**
 * Meeting control (control-and-push.md A.3-A.6): the `liveMeeting` query and one mutation per control
 * operation, all acting upstream with a control token of the viewer's own identity. The client obtains that
 * token with the host password it reads from the meeting's details as that identity, so only the meeting's
 * owner or host (or an administrator) can control a meeting; anyone else gets FORBIDDEN.
 */
export const controlTypeDefs = /* GraphQL */ `
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

  "What kind of device an invitee is called on."
  enum InviteeDevice {
    "Soft client (desktop or mobile app)."
    SOFT_CLIENT
    "Hardware video terminal."
    HARD_TERMINAL
    "Outside the enterprise."
    EXTERNAL
    "The user's mobile phone (PSTN)."
    MOBILE
    "IdeaHub."
    IDEAHUB
    "Smart room board (Maxhub, Hisense, IdeaHub B2)."
    BOARD
    "Huawei Vision TV."
    HWVISION
  }

  """
  Someone to call into a meeting in progress. The meeting server needs a name, a number and a device for every
  invitee: phone is required (an enterprise user's is their directory sipNumber), device defaults to SOFT_CLIENT.
  """
  input LiveInviteeInput {
    "Display name."
    name: String!
    "Third-party user ID (or meeting account) of an enterprise user; sent along with phone."
    userId: String
    "Required: the number to call, the SIP number of a soft client or terminal (directory sipNumber) or a mobile number (+ country code, with device MOBILE)."
    phone: String
    "Make them host when they answer."
    host: Boolean = false
    "Device the number belongs to (default SOFT_CLIENT)."
    device: InviteeDevice
  }

  "An invitee to remove from the meeting's list."
  input RemoveInviteeInput {
    "The invitee's number (or account), as liveMeeting.invitees lists it."
    number: String!
    "Their participant ID once they have joined (they are then hung up too)."
    participantId: ID
  }

  "Who may join the meeting."
  enum JoinRestriction {
    "Everyone with the meeting ID."
    EVERYONE
    "Users of the enterprise only."
    ENTERPRISE_USERS
    "Invited users only."
    INVITED_USERS
  }

  "Who of a webinar's audience may join."
  enum AudienceJoinRestriction {
    "Everyone with the link."
    EVERYONE
    "Users of the enterprise and invited users."
    ENTERPRISE_AND_INVITED
  }

  "What participants may chat."
  enum ChatPermission {
    "No chat."
    DISABLED
    "Private messages only."
    PRIVATE_ONLY
    "Public messages only."
    PUBLIC_ONLY
    "Private and public messages."
    FREE
  }

  "Who may record locally (on their own device); the published meanings are terse, see each value."
  enum LocalRecordingMode {
    "Published as 'all users' (mode 0)."
    ALL_USERS
    "Published as 'everyone may record' (mode 1)."
    EVERYONE
    "Published as 'some may record' (mode 2): those the host allows."
    SELECTED_USERS
  }

  "In-meeting settings to change; absent fields keep their value. Give at least one."
  input MeetingSettingsInput {
    "Only the current sharer may share (others cannot take over)."
    lockSharing: Boolean
    "Who may join."
    whoCanJoin: JoinRestriction
    "Participants may unmute themselves."
    allowSelfUnmute: Boolean
    "What participants may chat."
    chat: ChatPermission
    "Who of a webinar's audience may join."
    audienceWhoCanJoin: AudienceJoinRestriction
    "Who may record locally."
    localRecording: LocalRecordingMode
    "Participants may turn their camera on."
    allowCamera: Boolean
    "Participants may rename themselves."
    allowRename: Boolean
    "The meeting is locked (nobody joins without the host)."
    locked: Boolean
    "Anyone may take over sharing (otherwise only host and co-hosts)."
    anyoneMayTakeOverSharing: Boolean
  }

  extend type Query {
    "The live state of a meeting (REST real-time info): status, online participants, host, co-hosts, invitees. Needs host rights while the meeting is in progress."
    liveMeeting(id: ID!): LiveMeeting!
  }

  extend type Mutation {
    "Calls people into a meeting in progress; each joins when they answer."
    inviteParticipants(meetingId: ID!, invitees: [LiveInviteeInput!]!): ControlResult!
    "Disconnects online participants."
    hangUp(meetingId: ID!, participantIds: [ID!]!): ControlResult!
    "Removes invitees from the meeting's list (hanging up those who joined)."
    removeInvitees(meetingId: ID!, invitees: [RemoveInviteeInput!]!): ControlResult!
    "Renames an online participant; number is looked up when omitted."
    renameParticipant(meetingId: ID!, participantId: ID!, name: String!, number: String): ParticipantControlResult!
    "Renames an invitee who has not joined, by number."
    renameInvitee(meetingId: ID!, number: String!, name: String!): ControlResult!
    "Mutes (true) or unmutes (false) one participant."
    muteParticipant(meetingId: ID!, participantId: ID!, muted: Boolean!): ParticipantControlResult!
    "Mutes (true) or unmutes (false) everyone but the host; allowSelfUnmute only counts when muting (default true)."
    muteAll(meetingId: ID!, muted: Boolean!, allowSelfUnmute: Boolean): ControlResult!
    "Allows (true) or forbids (false) participants to unmute themselves."
    setSelfUnmute(meetingId: ID!, allowed: Boolean!): ControlResult!
    "Locks (true) or unlocks (false) the meeting."
    lockMeeting(meetingId: ID!, locked: Boolean!): ControlResult!
    "Starts (true) or stops (false) cloud recording."
    setRecording(meetingId: ID!, recording: Boolean!): ControlResult!
    "Starts (true) or stops (false) live streaming."
    setLiveStreaming(meetingId: ID!, streaming: Boolean!): ControlResult!
    "Extends the meeting by minutes (1 to 600); auto extends again whenever the end nears."
    extendMeeting(meetingId: ID!, minutes: Int = 15, auto: Boolean = false): ControlResult!
    "Ends the meeting for everyone."
    endMeeting(meetingId: ID!): ControlResult!
    "Makes a participant the host (the gateway sends the host password)."
    setHost(meetingId: ID!, participantId: ID!): ParticipantControlResult!
    "Takes the host role from a participant."
    releaseHost(meetingId: ID!, participantId: ID!): ParticipantControlResult!
    "Makes a guest co-host (true) or revokes it (false)."
    setCoHost(meetingId: ID!, participantId: ID!, coHost: Boolean!): ParticipantControlResult!
    "Raises the hands of one or more participants."
    raiseHand(meetingId: ID!, participantIds: [ID!]!): ControlResult!
    "Lowers the hands of one or more participants."
    lowerHand(meetingId: ID!, participantIds: [ID!]!): ControlResult!
    "Roll call: the participant is unmuted and everyone else but the host muted."
    rollCall(meetingId: ID!, participantId: ID!): ParticipantControlResult!
    "Shows one participant to everyone."
    broadcast(meetingId: ID!, participantId: ID!): ParticipantControlResult!
    "Cancels any broadcast or roll call."
    cancelBroadcast(meetingId: ID!): ControlResult!
    "Lets one participant in from the waiting room, or everyone waiting with all: true."
    admitFromWaitingRoom(meetingId: ID!, participantId: ID, all: Boolean = false): ControlResult!
    "Moves participants to the waiting room (not the host)."
    moveToWaitingRoom(meetingId: ID!, participantIds: [ID!]!): ControlResult!
    "Changes in-meeting settings."
    updateMeetingSettings(meetingId: ID!, input: MeetingSettingsInput!): ControlResult!
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

// UNVERIFIED (simulator's reading): the code of a control call on a meeting not (or no longer) in progress.
const NOT_IN_PROGRESS = 'MMC.111072005';

// UNVERIFIED: pids are opaque; published samples are 32 lower-case alphanumerics, the simulator's digits.
const participantIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be a participant ID from liveMeeting or a subscription' });
const participantIdsSchema = z
  .array(participantIdSchema)
  .min(1, { error: 'give at least one participant ID' })
  .max(500)
  .transform((ids) => [...new Set(ids)]);
const nameSchema = lineText().trim().min(1).max(96);
const numberSchema = lineText().trim().min(1).max(127);
const inviteeSchema = z.object({
  name: nameSchema,
  userId: lineText().min(1).max(256).nullish(),
  // The meeting server needs name, phone and type of every invitee (published-behaviour.md §3). phone stays
  // nullable in the SDL so that its absence is refused here, naming invitees.N.phone like every other field.
  phone: z
    .string({ error: 'is required: the SIP number (directory sipNumber) or mobile number to call' })
    .regex(/^\+?\d{3,32}$/, { error: 'must be a SIP or phone number, e.g. +8613900000001' }),
  host: z.boolean().nullish(),
  device: inviteAttendeeTypeSchema.nullish(),
});
/** The device of an invitee given without one: a SIP number of a soft client, the commonest case. */
const DEFAULT_DEVICE = 'normal';
const removeInviteeSchema = z.object({ number: numberSchema, participantId: participantIdSchema.nullish() });
const minutesSchema = z.number().int().min(1).max(600);
const settingsSchema = z
  .object({
    lockSharing: z.boolean().nullish(),
    whoCanJoin: z.union([z.literal(0), z.literal(2), z.literal(3)]).nullish(),
    allowSelfUnmute: z.boolean().nullish(),
    chat: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullish(),
    audienceWhoCanJoin: z.union([z.literal(0), z.literal(2)]).nullish(),
    localRecording: z.union([z.literal(0), z.literal(1), z.literal(2)]).nullish(),
    allowCamera: z.boolean().nullish(),
    allowRename: z.boolean().nullish(),
    locked: z.boolean().nullish(),
    anyoneMayTakeOverSharing: z.boolean().nullish(),
  })
  .refine((s) => Object.values(s).some((v) => v != null), { error: 'give at least one setting' });

/** BAD_USER_INPUT naming the argument, like `parseInput` does. */
function badInput(field: string, message: string) {
  return gatewayError(GatewayErrorCode.BAD_USER_INPUT, `${field}: ${message}`, { field });
}

const orUndefined = <T>(value: T | null | undefined): T | undefined => value ?? undefined;

/** Runs an upstream control call; a meeting not in progress is the caller's input problem, named as such. */
async function upstream<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof MeetingApiError && error.code === NOT_IN_PROGRESS) {
      throw gatewayError(GatewayErrorCode.BAD_USER_INPUT, 'meetingId: the meeting is not in progress', {
        field: 'meetingId',
        upstreamCode: error.code,
      });
    }
    throw error;
  }
}

/** The live state of a meeting as the viewer's identity sees it. */
async function liveMeetingOf(meetingId: string, context: GatewayContext): Promise<LiveMeetingNode> {
  const info = await context.loaders.meeting.load(meetingId);
  const status = meetingStateOf(info.conferenceState);
  if (status !== 'IN_PROGRESS') {
    return { meetingId, status, info, participants: [], hostId: undefined, coHostIds: [], invitees: [] };
  }
  const realTime = await upstream(() => context.client.control.realTimeInfo(meetingId, context.identity));
  const participants = onlineParticipantsFrom(realTime).map(participantFromOnline);
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

type MeetingArgs = { meetingId: string };
type ParticipantArgs = MeetingArgs & { participantId: string };
type ParticipantsArgs = MeetingArgs & { participantIds: string[] };

const meetingIdOf = (args: MeetingArgs) => parseInput(meetingIdSchema, args.meetingId, 'meetingId');
const participantIdOf = (args: { participantId?: string | null }) =>
  parseInput(participantIdSchema, args.participantId, 'participantId');
const participantIdsOf = (args: ParticipantsArgs) =>
  parseInput(participantIdsSchema, args.participantIds, 'participantIds');

/** A list of one goes to the single-participant operation, a longer list to the batch one. */
const oneOrMany = (ids: string[]): string | string[] => (ids.length === 1 ? (ids[0] as string) : ids);

/** A control operation on one participant: checks both IDs; the result names the participant. */
function controlParticipant(
  context: GatewayContext,
  args: ParticipantArgs,
  operation: (meetingId: string, participantId: string, options: ControlCallOptions) => Promise<unknown>,
): Promise<ControlResultNode> {
  const meetingId = meetingIdOf(args);
  const participantId = participantIdOf(args);
  return control(context, meetingId, (o) => operation(meetingId, participantId, o), participantId);
}

/** A control operation on a list of participants, sent to the single or the batch call by {@link oneOrMany}. */
function controlParticipants(
  context: GatewayContext,
  args: ParticipantsArgs,
  operation: (meetingId: string, ids: string | string[], options: ControlCallOptions) => Promise<unknown>,
): Promise<ControlResultNode> {
  const meetingId = meetingIdOf(args);
  const ids = oneOrMany(participantIdsOf(args));
  return control(context, meetingId, (o) => operation(meetingId, ids, o));
}

/** Resolvers of `liveMeeting`, the control mutations and their result types. */
export const controlResolvers = {
  Query: {
    liveMeeting(_: unknown, args: { id: string }, context: GatewayContext) {
      return liveMeetingOf(parseInput(meetingIdSchema, args.id, 'id'), context);
    },
  },
  Mutation: {
    inviteParticipants(_: unknown, args: MeetingArgs & { invitees: unknown }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const invitees = parseInput(z.array(inviteeSchema).min(1).max(500), args.invitees, 'invitees');
      // UNVERIFIED: a third-party user ID goes in `accountId` (the in-meeting Attendee has no appId field).
      const attendees: InviteAttendee[] = invitees.map((i) => ({
        name: i.name,
        ...(i.userId ? { accountId: i.userId } : {}),
        phone: i.phone,
        ...(i.host ? { role: 1 as const } : {}),
        type: i.device ?? DEFAULT_DEVICE,
      }));
      return control(context, meetingId, (o) => context.client.control.invite(meetingId, attendees, o));
    },
    hangUp(_: unknown, args: ParticipantsArgs, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const ids = participantIdsOf(args);
      return control(context, meetingId, (o) => context.client.control.hangUp(meetingId, ids, o));
    },
    removeInvitees(_: unknown, args: MeetingArgs & { invitees: unknown }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const invitees = parseInput(z.array(removeInviteeSchema).min(1).max(500), args.invitees, 'invitees');
      const entries = invitees.map((i) =>
        i.participantId ? { number: i.number, participantID: i.participantId } : { number: i.number },
      );
      return control(context, meetingId, (o) =>
        context.client.control.removeAttendees(meetingId, entries, o),
      );
    },
    async renameParticipant(
      _: unknown,
      args: ParticipantArgs & { name: string; number?: string | null },
      context: GatewayContext,
    ) {
      const meetingId = meetingIdOf(args);
      const participantId = participantIdOf(args);
      const name = parseInput(nameSchema, args.name, 'name');
      const given = parseInput(numberSchema.nullish(), args.number, 'number');
      const number = given ?? (await numberOf(context, meetingId, participantId));
      return control(
        context,
        meetingId,
        (o) => context.client.control.rename(meetingId, { participantID: participantId, number }, name, o),
        participantId,
      );
    },
    renameInvitee(_: unknown, args: MeetingArgs & { number: string; name: string }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const number = parseInput(numberSchema, args.number, 'number');
      const name = parseInput(nameSchema, args.name, 'name');
      return control(context, meetingId, (o) =>
        context.client.control.rename(meetingId, { number }, name, o),
      );
    },
    muteParticipant(_: unknown, args: ParticipantArgs & { muted: boolean }, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.mute(meetingId, participantId, args.muted, o),
      );
    },
    muteAll(
      _: unknown,
      args: MeetingArgs & { muted: boolean; allowSelfUnmute?: boolean | null },
      context: GatewayContext,
    ) {
      const meetingId = meetingIdOf(args);
      const input = {
        muted: args.muted,
        allowSelfUnmute: args.muted ? orUndefined(args.allowSelfUnmute) : undefined,
      };
      return control(context, meetingId, (o) => context.client.control.muteAll(meetingId, input, o));
    },
    setSelfUnmute(_: unknown, args: MeetingArgs & { allowed: boolean }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) =>
        context.client.control.allowSelfUnmute(meetingId, args.allowed, o),
      );
    },
    lockMeeting(_: unknown, args: MeetingArgs & { locked: boolean }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) => context.client.control.lock(meetingId, args.locked, o));
    },
    setRecording(_: unknown, args: MeetingArgs & { recording: boolean }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) => context.client.control.record(meetingId, args.recording, o));
    },
    setLiveStreaming(_: unknown, args: MeetingArgs & { streaming: boolean }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) => context.client.control.live(meetingId, args.streaming, o));
    },
    extendMeeting(
      _: unknown,
      args: MeetingArgs & { minutes?: number | null; auto?: boolean | null },
      context: GatewayContext,
    ) {
      const meetingId = meetingIdOf(args);
      const minutes = parseInput(minutesSchema, args.minutes ?? 15, 'minutes');
      const input = { minutes, auto: args.auto ?? false };
      return control(context, meetingId, (o) => context.client.control.extend(meetingId, input, o));
    },
    async endMeeting(_: unknown, args: MeetingArgs, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const result = await control(context, meetingId, (o) => context.client.control.end(meetingId, o));
      // An ended instant meeting has no details any more; there is no live state to read.
      return { ...result, live: async () => null };
    },
    setHost(_: unknown, args: ParticipantArgs, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.setHost(meetingId, participantId, o),
      );
    },
    releaseHost(_: unknown, args: ParticipantArgs, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.releaseHost(meetingId, participantId, o),
      );
    },
    setCoHost(_: unknown, args: ParticipantArgs & { coHost: boolean }, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.setCoHost(meetingId, participantId, args.coHost, o),
      );
    },
    raiseHand(_: unknown, args: ParticipantsArgs, context: GatewayContext) {
      return controlParticipants(context, args, (meetingId, ids, o) =>
        context.client.control.raiseHand(meetingId, ids, o),
      );
    },
    lowerHand(_: unknown, args: ParticipantsArgs, context: GatewayContext) {
      return controlParticipants(context, args, (meetingId, ids, o) =>
        context.client.control.lowerHand(meetingId, ids, o),
      );
    },
    rollCall(_: unknown, args: ParticipantArgs, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.rollCall(meetingId, participantId, o),
      );
    },
    broadcast(_: unknown, args: ParticipantArgs, context: GatewayContext) {
      return controlParticipant(context, args, (meetingId, participantId, o) =>
        context.client.control.broadcast(meetingId, participantId, o),
      );
    },
    cancelBroadcast(_: unknown, args: MeetingArgs, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) => context.client.control.cancelBroadcast(meetingId, o));
    },
    admitFromWaitingRoom(
      _: unknown,
      args: MeetingArgs & { participantId?: string | null; all?: boolean | null },
      context: GatewayContext,
    ) {
      const meetingId = meetingIdOf(args);
      if (args.all && args.participantId != null) {
        throw badInput('participantId', 'give participantId or all: true, not both');
      }
      if (!args.all && args.participantId == null) {
        throw badInput('participantId', 'required unless all is true');
      }
      const target = args.all ? 'all' : participantIdOf(args);
      return control(context, meetingId, (o) =>
        context.client.control.admitFromWaitingRoom(meetingId, target, o),
      );
    },
    moveToWaitingRoom(_: unknown, args: ParticipantsArgs, context: GatewayContext) {
      return controlParticipants(context, args, (meetingId, ids, o) =>
        context.client.control.moveToWaitingRoom(meetingId, ids, o),
      );
    },
    updateMeetingSettings(_: unknown, args: MeetingArgs & { input: unknown }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const input = parseInput(settingsSchema, args.input, 'input');
      const settings: InMeetingSettings = {
        lockSharing: orUndefined(input.lockSharing),
        callInRestriction: orUndefined(input.whoCanJoin),
        allowSelfUnmute: orUndefined(input.allowSelfUnmute),
        chatPermission: orUndefined(input.chat),
        audienceCallInRestriction: orUndefined(input.audienceWhoCanJoin),
        clientRecMode: orUndefined(input.localRecording),
        allowOpenCamera: orUndefined(input.allowCamera),
        allowRename: orUndefined(input.allowRename),
        locked: orUndefined(input.locked),
        freeShare: orUndefined(input.anyoneMayTakeOverSharing),
      };
      return control(context, meetingId, (o) =>
        context.client.control.updateSettings(meetingId, settings, o),
      );
    },
  },
  LiveMeeting: {
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
  // GraphQL names to the values the client and the wire use.
  InviteeDevice: {
    SOFT_CLIENT: 'normal',
    HARD_TERMINAL: 'terminal',
    EXTERNAL: 'outside',
    MOBILE: 'mobile',
    IDEAHUB: 'ideahub',
    BOARD: 'board',
    HWVISION: 'hwvision',
  },
  JoinRestriction: { EVERYONE: 0, ENTERPRISE_USERS: 2, INVITED_USERS: 3 },
  AudienceJoinRestriction: { EVERYONE: 0, ENTERPRISE_AND_INVITED: 2 },
  ChatPermission: { DISABLED: 1, PRIVATE_ONLY: 2, PUBLIC_ONLY: 3, FREE: 4 },
  // UNVERIFIED: the published meanings of clientRecMode are terse ("0 all users, 1 everyone, 2 some").
  LocalRecordingMode: { ALL_USERS: 0, EVERYONE: 1, SELECTED_USERS: 2 },
};

/** The number of an online participant (renaming needs it); NOT_FOUND when the participant is not online. */
async function numberOf(context: GatewayContext, meetingId: string, participantId: string): Promise<string> {
  const participants = await upstream(() => context.client.control.participants(meetingId, context.identity));
  const participant = participants.find((p) => p.participantId === participantId);
  if (!participant) {
    throw gatewayError(GatewayErrorCode.NOT_FOUND, 'participantId: no such participant online', {
      field: 'participantId',
    });
  }
  if (!participant.number) throw badInput('number', 'the participant has no number; pass it');
  return participant.number;
}
