import { filter, pipe, type WebhookEvent } from '@hwmeeting/events';
import { z } from 'zod';
import type { GatewayContext } from '../../context.js';
import { GatewayErrorCode, gatewayError, parseInput } from '../../errors.js';
import { wireEnum } from '../common/enums.js';

/** The enterprise's meeting events, from the meeting server's webhook (administrators only). */
export const enterpriseEventTypeDefs = /* GraphQL */ `
  "What an enterprise event is about."
  enum EnterpriseEventType {
    "A meeting was scheduled or started at once (meeting.create)."
    MEETING_CREATED
    "A scheduled meeting was edited (meeting.modify)."
    MEETING_MODIFIED
    "A meeting was cancelled (meeting.cancel)."
    MEETING_CANCELLED
    "A meeting started (meeting.started)."
    MEETING_STARTED
    "A run of the meeting ended; until its scheduled end passes people may join it again (meeting.end)."
    MEETING_ENDED
    "The meeting can no longer be joined: its scheduled end passed, or it was cancelled (meeting.conclude)."
    MEETING_CONCLUDED
    "A recording is ready."
    RECORDING_FINISHED
    "Someone joined a meeting (meeting.join)."
    PARTICIPANT_JOINED
    "Someone left a meeting (meeting.left)."
    PARTICIPANT_LEFT
    "An event this gateway does not know; see name."
    OTHER
  }

  "The meeting of an enterprise event."
  type EnterpriseEventMeeting {
    "Meeting ID."
    id: ID!
    "ID of this run of the meeting."
    instanceId: String
    "Run of a recurring meeting."
    cycleSubId: String
  }

  "The participant of a join or leave event."
  type EnterpriseEventAttendee {
    "Participant ID in the meeting."
    participantId: ID
    "Display name."
    name: String
    "Meeting account."
    account: String
    "Upstream user UUID."
    userId: ID
    "Client, e.g. WeLink-desktop."
    userAgent: String
    "Role as the meeting server names it, e.g. CHAIR."
    role: String
    "SIP or phone number."
    callNumber: String
    "When they joined."
    joinedAt: DateTime
    "Null while still in the meeting."
    leftAt: DateTime
  }

  "An event of the enterprise's meetings, from the meeting server's webhook."
  type EnterpriseEvent {
    "What happened."
    type: EnterpriseEventType!
    "The meeting server's event name, e.g. meeting.create."
    name: String!
    "When it happened."
    occurredAt: DateTime!
    "The meeting it is about."
    meeting: EnterpriseEventMeeting
    "The participant, for join and leave events."
    attendee: EnterpriseEventAttendee
  }

  extend type Subscription {
    "The enterprise's meeting events (administrators only), from now on; types narrows them."
    enterpriseEvents("Only these types (default: all)." types: [EnterpriseEventType!]): EnterpriseEvent!
  }
`;

/** `EnterpriseEventType`: the webhook's event name; OTHER for an event this gateway does not know. */
const eventType = wireEnum({
  MEETING_CREATED: 'meeting.create',
  MEETING_MODIFIED: 'meeting.modify',
  MEETING_CANCELLED: 'meeting.cancel',
  MEETING_STARTED: 'meeting.started',
  MEETING_ENDED: 'meeting.end',
  MEETING_CONCLUDED: 'meeting.conclude',
  RECORDING_FINISHED: 'record.finish',
  PARTICIPANT_JOINED: 'meeting.join',
  PARTICIPANT_LEFT: 'meeting.left',
  OTHER: 'OTHER',
});
const enterpriseType = (event: WebhookEvent) =>
  event.event === 'raw' ? eventType.of('OTHER') : eventType.readOr(event.event, 'OTHER');

const enterpriseTypesSchema = z.array(eventType.schema()).max(20).nullish();
/** Resolvers of enterpriseEvents and its types. */
export const enterpriseEventResolvers = {
  EnterpriseEventType: eventType.values,
  Subscription: {
    enterpriseEvents: {
      subscribe(_: unknown, args: { types?: unknown }, context: GatewayContext) {
        if (!context.viewer.isAdmin) {
          throw gatewayError(GatewayErrorCode.FORBIDDEN, 'enterprise events are for administrators');
        }
        const types = parseInput(enterpriseTypesSchema, args.types, 'types');
        const events = context.live.enterpriseEvents();
        if (!types?.length) return events;
        const wanted = new Set(types);
        return pipe(
          events,
          filter((event: WebhookEvent) => wanted.has(enterpriseType(event))),
        );
      },
      resolve: (payload: unknown) => payload,
    },
  },
  EnterpriseEvent: {
    type: enterpriseType,
    name: (event: WebhookEvent) => (event.event === 'raw' ? event.name : event.event),
    occurredAt: (event: WebhookEvent) => new Date(event.timestamp),
    meeting: (event: WebhookEvent) => {
      const info = event.eventInfo.payload?.meetingInfo;
      return info
        ? {
            id: info.meetingID,
            instanceId: info.meetingUUID ?? null,
            cycleSubId: info.meetingCycleSubID ?? null,
          }
        : null;
    },
    attendee: (event: WebhookEvent) => {
      const info = event.eventInfo.payload?.attendeeInfo;
      if (!info) return null;
      return {
        participantId: info.participantID ?? null,
        name: info.displayName ?? null,
        account: info.account ?? null,
        userId: info.userUUID ?? null,
        userAgent: info.userAgent ?? null,
        role: info.role ?? null,
        callNumber: info.callNumber ?? null,
        joinedAt: info.joinTime ? new Date(info.joinTime) : null,
        // 0 while still in the meeting.
        leftAt: info.leftTime ? new Date(info.leftTime) : null,
      };
    },
  },
};
