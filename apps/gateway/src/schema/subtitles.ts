import { z } from 'zod';
import type { GatewayContext } from '../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../errors.js';
import { control } from './control.js';
import { meetingIdSchema } from './meetings.js';

/** The live-caption switch: captions start only after a frame on the meeting's push socket (B.5.8). */
export const subtitleTypeDefs = /* GraphQL */ `
  extend type Mutation {
    "Switches live captions on (true) or off (false) for everyone in a meeting in progress; the subtitles subscription then carries them. Only those who may control the meeting (its host, or an administrator)."
    setSubtitles(meetingId: ID!, on: Boolean!): ControlResult!
  }
`;

/** Resolvers of the live-caption switch. */
export const subtitleResolvers = {
  Mutation: {
    setSubtitles(_: unknown, args: { meetingId: unknown; on: unknown }, context: GatewayContext) {
      const meetingId = parseInput(meetingIdSchema, args.meetingId, 'meetingId');
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
