import { meetingResolvers, meetingTypeDefs } from './meeting.js';
import { meetingQueryResolvers, meetingQueryTypeDefs } from './queries.js';
import { recurrenceResolvers, recurrenceTypeDefs } from './recurrence.js';
import { recurringResolvers, recurringTypeDefs } from './recurring.js';
import { schedulingResolvers, schedulingTypeDefs } from './scheduling.js';

/** Meetings: the Meeting type, the queries, scheduling, and recurring series. */
export const meetingAreaTypeDefs = [
  meetingTypeDefs,
  meetingQueryTypeDefs,
  schedulingTypeDefs,
  recurrenceTypeDefs,
  recurringTypeDefs,
];

/** The meetings area's resolvers; `appId` is set in App ID mode (invitees by third-party ID need it). */
export function meetingAreaResolvers(appId: string | undefined) {
  return [
    meetingResolvers(),
    meetingQueryResolvers,
    schedulingResolvers(appId),
    recurrenceResolvers,
    recurringResolvers(appId),
  ];
}
