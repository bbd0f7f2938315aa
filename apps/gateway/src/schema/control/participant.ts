import type { ControlCallOptions, InviteAttendee } from '@hwmeeting/client';
import { inviteAttendeeTypeSchema, lineText } from '@hwmeeting/client/wire';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';
import {
  badInput,
  controlParticipant,
  controlParticipants,
  type MeetingArgs,
  meetingIdOf,
  onParticipants,
  type ParticipantArgs,
  type ParticipantsArgs,
  participantIdOf,
  participantIdSchema,
  participantIdsOf,
  participantNotFound,
} from './arguments.js';
import { control, upstream } from './liveMeeting.js';

/** Control of participants and invitees: invite, hang up, rename, mute, roles, hands, waiting room. */
export const participantControlTypeDefs = /* GraphQL */ `
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

  extend type Mutation {
    "Calls people into a meeting in progress; each joins when they answer."
    inviteParticipants("Meeting ID." meetingId: ID!, "Whom to call (1 to 500)." invitees: [LiveInviteeInput!]!): ControlResult!
    "Disconnects online participants."
    hangUp("Meeting ID." meetingId: ID!, "Participant IDs, from liveMeeting or a subscription (1 to 500)." participantIds: [ID!]!): ControlResult!
    "Removes invitees from the meeting's list (hanging up those who joined)."
    removeInvitees("Meeting ID." meetingId: ID!, "Whom to remove (1 to 500)." invitees: [RemoveInviteeInput!]!): ControlResult!
    "Renames an online participant; number is looked up when omitted."
    renameParticipant("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!, "New display name, 1 to 96 characters." name: String!, "Their SIP or phone number; looked up when omitted." number: String): ParticipantControlResult!
    "Renames an invitee who has not joined, by number."
    renameInvitee("Meeting ID." meetingId: ID!, "The invitee's number, as liveMeeting.invitees lists it." number: String!, "New display name, 1 to 96 characters." name: String!): ControlResult!
    "Mutes (true) or unmutes (false) one participant."
    muteParticipant("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!, "true mutes, false unmutes." muted: Boolean!): ParticipantControlResult!
    "Makes a participant the host (the gateway sends the host password)."
    setHost("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!): ParticipantControlResult!
    "Takes the host role from a participant."
    releaseHost("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!): ParticipantControlResult!
    "Makes a guest co-host (true) or revokes it (false)."
    setCoHost("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!, "true makes them co-host, false revokes it." coHost: Boolean!): ParticipantControlResult!
    "Raises the hands of one or more participants."
    raiseHand("Meeting ID." meetingId: ID!, "Participant IDs, from liveMeeting or a subscription (1 to 500)." participantIds: [ID!]!): ControlResult!
    "Lowers the hands of one or more participants."
    lowerHand("Meeting ID." meetingId: ID!, "Participant IDs, from liveMeeting or a subscription (1 to 500)." participantIds: [ID!]!): ControlResult!
    "Roll call: the participant is unmuted and everyone else but the host muted."
    rollCall("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!): ParticipantControlResult!
    "Shows one participant to everyone."
    broadcast("Meeting ID." meetingId: ID!, "Participant ID, from liveMeeting or a subscription." participantId: ID!): ParticipantControlResult!
    "Lets one participant in from the waiting room, or everyone waiting with all: true."
    admitFromWaitingRoom("Meeting ID." meetingId: ID!, "Participant ID of the one to admit, from waitingList (omit with all)." participantId: ID, "Admit everyone waiting." all: Boolean = false): ControlResult!
    "Moves participants to the waiting room (not the host)."
    moveToWaitingRoom("Meeting ID." meetingId: ID!, "Participant IDs, from liveMeeting or a subscription (1 to 500)." participantIds: [ID!]!): ControlResult!
  }
`;

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
/** `InviteeDevice`: the upstream attendee `type` an invitee is called on. */
const inviteeDevice = wireEnum({
  SOFT_CLIENT: 'normal',
  HARD_TERMINAL: 'terminal',
  EXTERNAL: 'outside',
  MOBILE: 'mobile',
  IDEAHUB: 'ideahub',
  BOARD: 'board',
  HWVISION: 'hwvision',
} satisfies Record<string, z.output<typeof inviteAttendeeTypeSchema>>);
/** The device of an invitee given without one: a SIP number of a soft client, the commonest case. */
const DEFAULT_DEVICE = inviteeDevice.of('SOFT_CLIENT');
const removeInviteeSchema = z.object({ number: numberSchema, participantId: participantIdSchema.nullish() });

/** Resolvers of the participant control mutations. */
export const participantControlResolvers = {
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
      return control(context, meetingId, (o) =>
        onParticipants(context, meetingId, 'participantIds', ids, () =>
          context.client.control.hangUp(meetingId, ids, o),
        ),
      );
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
      const admit = (o: ControlCallOptions) => () =>
        context.client.control.admitFromWaitingRoom(meetingId, target, o);
      return control(context, meetingId, (o) =>
        target === 'all'
          ? admit(o)()
          : onParticipants(context, meetingId, 'participantId', [target], admit(o), 'waitingRoom'),
      );
    },
    moveToWaitingRoom(_: unknown, args: ParticipantsArgs, context: GatewayContext) {
      return controlParticipants(context, args, (meetingId, ids, o) =>
        context.client.control.moveToWaitingRoom(meetingId, ids, o),
      );
    },
  },
  InviteeDevice: inviteeDevice.values,
};

/** The number of an online participant (renaming needs it); PARTICIPANT_NOT_FOUND when the participant is not online. */
async function numberOf(context: GatewayContext, meetingId: string, participantId: string): Promise<string> {
  const participants = await upstream(() => context.client.control.participants(meetingId, context.identity));
  const participant = participants.find((p) => p.participantId === participantId);
  if (!participant) throw participantNotFound('participantId', [participantId]);
  if (!participant.number) throw badInput('number', 'the participant has no number; pass it');
  return participant.number;
}
