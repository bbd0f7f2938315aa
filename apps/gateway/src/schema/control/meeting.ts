import type { InMeetingSettings } from '@hwmeeting/client';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';
import { joinRestriction } from '../common/meeting.js';
import { audienceJoinRestriction, chatPermission, localRecordingMode } from '../common/meetingSettings.js';
import { type MeetingArgs, meetingIdOf, orUndefined } from './arguments.js';
import { control } from './liveMeeting.js';

/** Control of the whole meeting: mute everyone, lock, record, stream, captions, extend, end, settings. */
export const meetingControlTypeDefs = /* GraphQL */ `

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

  extend type Mutation {
    "Mutes (true) or unmutes (false) everyone but the host; allowSelfUnmute only counts when muting (default true)."
    muteAll("Meeting ID." meetingId: ID!, "true mutes, false unmutes." muted: Boolean!, "When muting: participants may unmute themselves (default true)." allowSelfUnmute: Boolean): ControlResult!
    "Allows (true) or forbids (false) participants to unmute themselves."
    setSelfUnmute("Meeting ID." meetingId: ID!, "Participants may unmute themselves." allowed: Boolean!): ControlResult!
    "Locks (true) or unlocks (false) the meeting."
    lockMeeting("Meeting ID." meetingId: ID!, "true locks, false unlocks." locked: Boolean!): ControlResult!
    "Starts (true) or stops (false) cloud recording."
    setRecording("Meeting ID." meetingId: ID!, "true starts, false stops cloud recording." recording: Boolean!): ControlResult!
    "Starts (true) or stops (false) live streaming."
    setLiveStreaming("Meeting ID." meetingId: ID!, "true starts, false stops live streaming." streaming: Boolean!): ControlResult!
    "Extends the meeting by minutes (1 to 600); auto extends again whenever the end nears."
    extendMeeting("Meeting ID." meetingId: ID!, "Minutes to add, 1 to 600." minutes: Int = 15, "Extend again by 15 minutes whenever the end nears." auto: Boolean = false): ControlResult!
    "Ends the meeting for everyone."
    endMeeting("Meeting ID." meetingId: ID!): ControlResult!
    "Cancels any broadcast or roll call."
    cancelBroadcast("Meeting ID." meetingId: ID!): ControlResult!
    "Changes in-meeting settings."
    updateMeetingSettings("Meeting ID." meetingId: ID!, "The settings to change." input: MeetingSettingsInput!): ControlResult!
    "Switches live captions on (true) or off (false) for everyone in a meeting in progress; the subtitles subscription then carries them. Only those who may control the meeting (its host, or an administrator)."
    setSubtitles("Meeting ID." meetingId: ID!, "true switches captions on, false off." on: Boolean!): ControlResult!
  }
`;

const minutesSchema = z.number().int().min(1).max(600);
const settingsSchema = z
  .object({
    lockSharing: z.boolean().nullish(),
    whoCanJoin: joinRestriction.schema().nullish(),
    allowSelfUnmute: z.boolean().nullish(),
    chat: chatPermission.schema().nullish(),
    audienceWhoCanJoin: audienceJoinRestriction.schema().nullish(),
    localRecording: localRecordingMode.schema().nullish(),
    allowCamera: z.boolean().nullish(),
    allowRename: z.boolean().nullish(),
    locked: z.boolean().nullish(),
    anyoneMayTakeOverSharing: z.boolean().nullish(),
  })
  .refine((s) => Object.values(s).some((v) => v != null), { error: 'give at least one setting' });

/** Resolvers of the meeting-wide control mutations. */
export const meetingControlResolvers = {
  Mutation: {
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
    cancelBroadcast(_: unknown, args: MeetingArgs, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      return control(context, meetingId, (o) => context.client.control.cancelBroadcast(meetingId, o));
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
    setSubtitles(_: unknown, args: MeetingArgs & { on: unknown }, context: GatewayContext) {
      const meetingId = meetingIdOf(args);
      const on = parseInput(z.boolean(), args.on, 'on');
      return control(context, meetingId, async (identity) => {
        // The frame goes out on the gateway's shared socket, opened as the administrator: the viewer's own
        // control token is what proves that the viewer may control the meeting (a member gets FORBIDDEN).
        await context.client.control.token(meetingId, identity);
        if (!(await context.live.setSubtitles(meetingId, on))) {
          throw gatewayError(
            GatewayErrorCode.UPSTREAM_UNAVAILABLE,
            "the meeting's live feed is not available; try again",
          );
        }
      });
    },
  },
};
