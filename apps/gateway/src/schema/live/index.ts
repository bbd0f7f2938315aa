import { enterpriseEventResolvers, enterpriseEventTypeDefs } from './enterpriseEvents.js';
import { meetingStatusResolvers, meetingStatusTypeDefs } from './meetingStatus.js';
import { meetingSubscriptionResolvers, meetingSubscriptionTypeDefs } from './meetingSubscriptions.js';
import { pushedStateResolvers, pushedStateTypeDefs } from './pushedState.js';
import { updateResolvers, updateTypeDefs } from './updates.js';

/** Live: the meeting subscriptions, their update types, the pushed state they carry, enterprise events. */
export const liveTypeDefs = [
  meetingSubscriptionTypeDefs,
  updateTypeDefs,
  pushedStateTypeDefs,
  meetingStatusTypeDefs,
  enterpriseEventTypeDefs,
];

/** The live area's resolvers. */
export const liveResolvers = [
  meetingSubscriptionResolvers,
  updateResolvers,
  pushedStateResolvers,
  meetingStatusResolvers,
  enterpriseEventResolvers,
];
